"""Durations as people write them in clip logs, to whole seconds, and back.

Accepted: `2:48`, `02:48`, `0:02:48`, `1:02:03`, `168` (seconds), `2 minutos 48 segundos`,
`1 minuto 9 segundos` (and the plural slip `1 minutos 45 segundos`), `45 segundos`,
`2 min 48 s`, `2m48s`, `1 hora 2 minutos`, the English words, `2' 48"`.

Rejected, with the likely intended reading in the message: a minutes or seconds part of 60 or
more under a larger unit (`8 minutos 61 segundos`) and decimal minutes (`2.48`, `2,48`). Both
are how hand-made reports go wrong: they add `2.48 + 1.45` as decimals and print
"8 minutos 61 segundos". The leading part may be any size: `75:00` is 75 minutes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

HOUR, MINUTE, SECOND = 3600, 60, 1

_UNIT_WORDS: dict[str, int] = {
    **dict.fromkeys(("h", "hr", "hrs", "hora", "horas", "hour", "hours"), HOUR),
    **dict.fromkeys(
        ("m", "min", "mins", "minuto", "minutos", "minute", "minutes", "'", "\u2032"), MINUTE
    ),
    **dict.fromkeys(
        ("s", "sg", "seg", "segs", "segundo", "segundos", "sec", "secs", "second", "seconds")
        + ('"', "''", "\u2033"),
        SECOND,
    ),
}
_UNIT_NAMES = {HOUR: "hours", MINUTE: "minutes", SECOND: "seconds"}

_NUMBER = r"\d+(?:[.,]\d+)?"
_UNIT = r"[a-z]+|''|[\"'\u2032\u2033]"
_PART = re.compile(rf"({_NUMBER})\s*({_UNIT})")
_WORDS = re.compile(rf"(?:\s*(?:{_NUMBER})\s*(?:{_UNIT})\s*)+")
_CLOCK = re.compile(r"\d+(?::\d{1,2}){1,2}")
_SECONDS = re.compile(r"\d+")
_DECIMAL = re.compile(r"(\d+)[.,](\d+)")
# "2 minutos, 48 segundos", "2 minutos y 48 segundos", "2 min. 48 seg."; a comma or a dot
# between digits is a decimal, not a filler.
_FILLERS = re.compile(r"\s*(?:(?<!\d),|,(?!\d)|(?<=[a-z])\.|\by\b|\band\b)\s*")
_EXAMPLE = "write 2:48, 168 or 2 minutos 48 segundos"


class DurationError(ValueError):
    """A text that is not a duration, or a duration written the way that leads to errors."""

    def __init__(self, text: str, reason: str, suggestion: str | None = None) -> None:
        self.text = text
        self.reason = reason
        self.suggestion = suggestion
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        super().__init__(f"{text!r}: {reason}{hint}")


@dataclass(frozen=True, slots=True)
class _Part:
    size: int  # seconds per unit
    number: str  # as written, may be a decimal


def parse_duration(text: str) -> int:
    """Whole seconds in `text`; raises DurationError naming the likely intended reading."""
    cleaned = _normalise(text)
    if _SECONDS.fullmatch(cleaned):
        return int(cleaned)
    if _DECIMAL.fullmatch(cleaned):
        raise _decimal_error(text, cleaned, MINUTE)
    if _CLOCK.fullmatch(cleaned):
        return _parse_clock(text, cleaned)
    words = _FILLERS.sub(" ", cleaned).strip()
    if words and _WORDS.fullmatch(words):
        return _parse_words(
            text, [_Part(_UNIT_WORDS.get(u, 0), n) for n, u in _PART.findall(words)]
        )
    raise DurationError(text, f"not a duration ({_EXAMPLE})")


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _parse_clock(text: str, cleaned: str) -> int:
    numbers = [int(n) for n in cleaned.split(":")]
    sizes = (HOUR, MINUTE, SECOND)[-len(numbers) :]
    return _checked_total(text, list(zip(sizes, numbers, strict=True)))


def _parse_words(text: str, parts: list[_Part]) -> int:
    sizes = [p.size for p in parts]
    if 0 in sizes:
        raise DurationError(text, f"unknown unit ({_EXAMPLE})")
    if sizes != sorted(set(sizes), reverse=True):
        raise DurationError(text, "each unit once, largest first (horas, minutos, segundos)")
    for part in parts:
        if not part.number.isdigit():
            raise _decimal_error(text, part.number, part.size)
    return _checked_total(text, [(p.size, int(p.number)) for p in parts])


def _checked_total(text: str, parts: list[tuple[int, int]]) -> int:
    """Sum the parts; a part under a larger unit must stay under 60."""
    total = sum(size * number for size, number in parts)
    for size, number in parts[1:]:
        if number >= 60:
            reading = f"{format_duration(total)} ({format_duration_words(total)})"
            raise DurationError(text, f"{_UNIT_NAMES[size]} must be under 60", reading)
    return total


def _decimal_error(text: str, number: str, size: int) -> DurationError:
    return DurationError(text, "decimal numbers are not durations", _decimal_reading(number, size))


def _decimal_reading(number: str, size: int) -> str | None:
    """What the author most likely meant by a decimal such as `2.48` or `2,5 minutos`."""
    whole, _, fraction = number.replace(",", ".").partition(".")
    # "2.48" minutes in a hand-made log almost always means 2 min 48 s; when the fraction
    # cannot be seconds ("2.75", "2,5"), the author meant decimal minutes.
    if size == MINUTE and len(fraction) == 2 and int(fraction) < 60:
        return f"{int(whole)}:{fraction}"
    seconds = Decimal(f"{whole}.{fraction}") * size
    if seconds != seconds.to_integral_value():
        return None
    total = int(seconds)
    return f"{format_duration(total)} ({format_duration_words(total)})"


def format_duration(seconds: int) -> str:
    """`m:ss` under an hour, `h:mm:ss` from an hour on: the forms parse_duration reads back."""
    if seconds < 0:
        raise ValueError(f"negative duration: {seconds}")
    hours, rest = divmod(seconds, HOUR)
    minutes, secs = divmod(rest, MINUTE)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


_WORD_NAMES = {
    "es": ((HOUR, "hora", "horas"), (MINUTE, "minuto", "minutos"), (SECOND, "segundo", "segundos")),
    "en": ((HOUR, "hour", "hours"), (MINUTE, "minute", "minutes"), (SECOND, "second", "seconds")),
}


def format_duration_words(seconds: int, lang: str = "es") -> str:
    """`9 minutos 51 segundos`, `1 hora 2 minutos`, `0 segundos`; zero parts left out."""
    if seconds < 0:
        raise ValueError(f"negative duration: {seconds}")
    words = []
    rest = seconds
    for size, singular, plural in _WORD_NAMES[lang]:
        count, rest = divmod(rest, size)
        if count:
            words.append(f"{count} {singular if count == 1 else plural}")
    return " ".join(words) or f"0 {_WORD_NAMES[lang][-1][2]}"
