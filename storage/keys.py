"""Normalised keys for names people type: outlets, programs, handles, titles."""

from __future__ import annotations

import unicodedata


def name_key(name: str | None) -> str:
    """Case-, accent- and blank-insensitive key: ' El País ' and 'el pais' are the same outlet."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def handle_key(handle: str) -> str:
    """Handles compare without case or a leading '@' (users type '@AlcaldiaDeCali')."""
    return handle.strip().lstrip("@").casefold()
