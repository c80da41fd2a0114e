"""Rate units and media: their names in English and Spanish, and which units fit which medium."""

from __future__ import annotations

import unicodedata
from typing import Literal

Unit = Literal["second", "minute", "spot30", "column_cm", "item"]
Medium = Literal["tv", "radio", "print", "web"]
Measure = Literal["time", "space", "item"]

UNITS: tuple[Unit, ...] = ("second", "minute", "spot30", "column_cm", "item")
MEDIA: tuple[Medium, ...] = ("tv", "radio", "print", "web")

# Seconds of airtime one unit of price buys.
UNIT_SECONDS: dict[Unit, int] = {"second": 1, "minute": 60, "spot30": 30}

MEASURE_OF_UNIT: dict[Unit, Measure] = {
    "second": "time",
    "minute": "time",
    "spot30": "time",
    "column_cm": "space",
    "item": "item",
}

# Airtime is sold by time, newspapers by column-centimetre, web portals per published item.
UNITS_OF_MEDIUM: dict[Medium, tuple[Unit, ...]] = {
    "tv": ("second", "minute", "spot30"),
    "radio": ("second", "minute", "spot30"),
    "print": ("column_cm",),
    "web": ("item",),
}

_UNIT_ALIASES: dict[str, Unit] = {
    **{name: name for name in UNITS},
    "segundo": "second",
    "minuto": "minute",
    "cuna30": "spot30",
    "cm_columna": "column_cm",
    "nota": "item",
}
_MEDIUM_ALIASES: dict[str, Medium] = {
    **{name: name for name in MEDIA},
    "television": "tv",
    "prensa": "print",
    "impreso": "print",
}


def _word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "_".join(plain.replace("-", " ").split())


def parse_unit(text: str) -> Unit:
    """`minuto` -> `minute`; plural forms too; ValueError listing the accepted names."""
    word = _word(text)
    unit = _UNIT_ALIASES.get(word) or _UNIT_ALIASES.get(word.rstrip("s"))
    if unit is None:
        raise ValueError(f"unknown unit {text!r} (use {', '.join(UNITS)})")
    return unit


def parse_medium(text: str) -> Medium:
    """`prensa` -> `print`; ValueError listing the accepted names."""
    medium = _MEDIUM_ALIASES.get(_word(text))
    if medium is None:
        raise ValueError(f"unknown medium {text!r} (use tv, radio, print|prensa, web)")
    return medium


def unit_fits_medium(unit: Unit, medium: Medium) -> bool:
    return unit in UNITS_OF_MEDIUM[medium]
