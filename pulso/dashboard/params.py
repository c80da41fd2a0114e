"""Query parameters from outside, validated into typed values (pure; a BadParam means 400).

Dates follow the CLI (`YYYY-MM-DD` or `DD/MM/YYYY`); ranges come from a preset or are custom.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from importers.cells import parse_day
from pulso.dashboard.i18n import words
from settings.model import PLATFORM_NAMES

MAX_TEXT = 200
_LABELS = {"q": "search", "monitored_share": "monitored_share"}
PRESETS = ("last4w", "quarter", "year", "since2020", "custom")
EARLIEST = date(2020, 1, 1)


class BadParam(ValueError):
    """A query parameter the dashboard cannot use; the message names it and says why.

    `str()` is English (the API's `detail`, like the CLI's errors); pages show `message(lang)`.
    """

    def __init__(self, en: str, es: str | None = None) -> None:
        super().__init__(en)
        self.es = es or en

    def message(self, lang: str) -> str:
        return self.es if lang == "es" else str(self)


def dmy(value: date) -> str:
    # strftime writes year 1 as "1" on Linux; the office reads 01/01/0001.
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def field(name: str) -> str:
    """The parameter as the Spanish page labels it: 'Desde (from)'."""
    label = words("es").get(_LABELS.get(name, name))
    return f"{label} ({name})" if label else name


@dataclass(frozen=True, slots=True)
class Range:
    preset: str
    start: date
    end: date


def text(value: str | None, name: str) -> str | None:
    if value is None or value.strip() == "":
        return None
    if len(value) > MAX_TEXT or "\x00" in value:
        raise BadParam(
            f"{name}: value too long or not text (at most {MAX_TEXT} characters)",
            f"{field(name)}: valor demasiado largo o que no es texto (máximo {MAX_TEXT} caracteres)",
        )
    return value.strip()


def day(value: str | None, name: str) -> date | None:
    value = text(value, name)
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as error:
        real = "real" in str(error)
        raise BadParam(
            f"{name}: {error}",
            f"{field(name)}: {value!r} "
            + ("no es una fecha real" if real else "no es una fecha (DD/MM/AAAA o AAAA-MM-DD)"),
        ) from None


def platform(value: str | None, name: str = "platform") -> str | None:
    value = text(value, name)
    if value is None:
        return None
    if value.lower() not in PLATFORM_NAMES:
        known = ", ".join(PLATFORM_NAMES)
        raise BadParam(
            f"{name}: unknown platform {value!r} (expected one of {known})",
            f"{field(name)}: plataforma desconocida {value!r} (una de {known})",
        )
    return value.lower()


def ordered(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        raise BadParam(
            f"from {start.isoformat()} is after to {end.isoformat()}",
            f"la fecha inicial {dmy(start)} es posterior a la final {dmy(end)}",
        )


def lang(value: str | None, default: str) -> str:
    return value if value in ("es", "en") else default


def quarter_start(today: date) -> date:
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def preset_range(preset: str, today: date) -> tuple[date, date]:
    starts = {
        "last4w": today - timedelta(weeks=4),
        "quarter": quarter_start(today),
        "year": date(today.year, 1, 1),
        "since2020": EARLIEST,
    }
    return starts[preset], today


def resolve_range(
    preset: str | None, start: str | None, end: str | None, today: date, default: str = "year"
) -> Range:
    """A preset wins unless it is 'custom' (or absent while dates are given)."""
    chosen = text(preset, "range")
    first, last = day(start, "from"), day(end, "to")
    if chosen is None:
        chosen = "custom" if (first or last) else default
    if chosen not in PRESETS:
        known = ", ".join(PRESETS)
        raise BadParam(
            f"range: unknown range {chosen!r} (expected one of {known})",
            f"{field('range')}: periodo desconocido {chosen!r} (uno de {known})",
        )
    if chosen != "custom":
        first, last = preset_range(chosen, today)
    first = first or EARLIEST
    last = last or today
    ordered(first, last)
    return Range(chosen, first, last)


def same_day_last_year(value: date) -> date:
    """29 February falls back to the 28th."""
    if value.year <= 1:
        raise BadParam(
            f"{value.isoformat()} has no year before it to compare with",
            f"{dmy(value)} no tiene un año anterior con el cual comparar",
        )
    try:
        return value.replace(year=value.year - 1)
    except ValueError:
        return value.replace(year=value.year - 1, day=28)


MAX_PAGE = 1_000_000


def page_number(value: str | None, name: str = "page") -> int:
    """`?page=N` (or `?{name}=N`) of a listed table: 1 (the first) when absent."""
    text_value = text(value, name)
    if text_value is None:
        return 1
    if not text_value.isdigit() or not 1 <= int(text_value) <= MAX_PAGE:
        raise BadParam(
            f"{name}: must be a whole number from 1 to {MAX_PAGE} (got {text_value[:20]!r})",
            f"{field(name)}: debe ser un número entero de 1 a {MAX_PAGE} ({text_value[:20]!r})",
        )
    return int(text_value)
