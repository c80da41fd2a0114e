"""The caveat that goes beside every AVE figure, in the user's language."""

from __future__ import annotations

AVE_NOTE = {
    "es": (
        "Nota: el valor publicitario equivalente (AVE) estima lo que la cobertura habría "
        "costado como publicidad; no mide su impacto (AMEC, Principios de Barcelona)."
    ),
    "en": (
        "Note: advertising value equivalency (AVE) estimates what the coverage would have "
        "cost as advertising; it is not a measure of impact (AMEC, Barcelona Principles)."
    ),
}

ESTIMATE_LABEL = {"es": "Estimación (no medida)", "en": "Estimate (not measured)"}


def ave_note(lang: str = "es") -> str:
    return AVE_NOTE.get(lang, AVE_NOTE["es"])
