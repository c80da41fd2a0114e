"""Numbers, money, percentages and dates as the office writes them (es-CO) or in English.

es: 235.343 · $38.415.000 · 66,6 % · 13/05/2020      en: 235,343 · $38,415,000 · 66.6% · 2020-05-13
Missing values read "sin datos" / "no data", never 0.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # Babel loads with the first number formatted: JSON and CSV never need it
    from babel import Locale
    from babel.numbers import NumberPattern

LOCALES = {"es": "es_CO", "en": "en_US"}
MISSING = {"es": "sin datos", "en": "no data"}
# One minus sign for every number people read (cards, tables, sentences): U+2212, which does
# not break from its number at a line end. Spreadsheets keep '-' (cells.plain).
MINUS = "\u2212"


@cache
def _locale(lang: str) -> Locale:
    # Parsing a locale costs more than formatting a number: a report formats thousands.
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, "es_CO"))


@cache
def _pattern(pattern: str) -> NumberPattern:
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


def format_decimal(value: int | Decimal, *, format: str, locale: Locale) -> str:
    """Babel's format_decimal with the locale and pattern parsed once."""
    return str(_pattern(format).apply(value, locale))


# The thousands separator of "#,##0" in each locale (es_CO ".", en_US ","): whole numbers are
# grouped without Babel's pattern machinery, which a page of figures paid for on every cell
# (tests/reports/test_formatting_fast.py checks both agree).
GROUPING = {"es": ".", "en": ","}


def grouped(value: int, lang: str) -> str:
    """`format_decimal(value, format="#,##0", locale=_locale(lang))` for a whole number."""
    text = f"{value:,}"
    separator = GROUPING.get(lang if lang in LOCALES else "es", ".")
    return text if separator == "," else text.replace(",", separator)


def missing(lang: str) -> str:
    return MISSING.get(lang, MISSING["es"])


def fmt_int(value: int | None, lang: str = "es") -> str:
    if value is None:
        return missing(lang)
    if type(value) is int:
        return grouped(value, lang)
    return format_decimal(value, format="#,##0", locale=_locale(lang))


def fmt_signed(value: int | None, lang: str = "es") -> str:
    """A change: '+12.345', '−1.200' (a true minus sign), '0'."""
    if value is None:
        return missing(lang)
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return sign + fmt_int(abs(value), lang)


def fmt_money(value: int | Decimal | None, lang: str = "es") -> str:
    """Whole pesos: $38.415.000 (es) / $38,415,000 (en); negatives as −$1.000."""
    if value is None:
        return missing(lang)
    sign = MINUS if value < 0 else ""
    if type(value) is int:  # nothing to round: no Decimal (a five-year chart labels 260 weeks)
        return f"{sign}${grouped(abs(value), lang)}"
    # Money is shown in whole pesos; amounts are already rounded half-up where they are computed.
    amount = Decimal(value).copy_abs().quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{sign}${grouped(int(amount), lang)}"


_EXACT_LIMIT = Decimal(10**12)


def fmt_pct(value: Decimal | float | None, lang: str = "es", digits: int = 1) -> str:
    """`value` is already in percent units (66.6 -> '66,6 %' / '66.6%').

    A Decimal that already has `digits` decimals (growth's change_pct: a page's every % cell)
    is written without Babel: its float prints the same digits (well inside a double's 15),
    which pct_of_float groups as Babel does (tests/dashboard/test_app_formatting.py)."""
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and value.as_tuple().exponent == -digits
        and value
        and abs(value) < _EXACT_LIMIT
    ):
        return pct_of_float(float(value), lang, digits)
    return babel_pct(value, lang, digits)


def babel_pct(value: Decimal | float | None, lang: str = "es", digits: int = 1) -> str:
    """`fmt_pct` through Babel for every value (the reference its fast path is tested against)."""
    if value is None:
        return missing(lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    number = _minus(format_decimal(Decimal(str(value)), format=pattern, locale=_locale(lang)))
    return f"{number} %" if lang == "es" else f"{number}%"


_SWAP = str.maketrans(",.", ".,")


def pct_of_float(value: float, lang: str = "es", digits: int = 2) -> str:
    """`fmt_pct(Decimal(str(round(value, digits))), lang, digits)` without Babel, for charts that
    label thousands of points (tests/reports/test_formatting_fast.py checks both agree)."""
    # Formatting rounds as round() does (correctly, half to even on the float's exact value),
    # so rounding first, which cost a third of this function, changes no digit.
    text = f"{value:,.{digits}f}"
    if GROUPING.get(lang if lang in LOCALES else "es", ".") == ".":
        text = text.translate(_SWAP)
    if text[0] == "-":
        text = MINUS + text[1:]
    return f"{text} %" if lang == "es" else f"{text}%"


def fmt_signed_pct(value: Decimal | float | None, lang: str = "es", digits: int = 1) -> str:
    """A change in percent: '+5,0 %', '−2,1 %', '0,0 %'."""
    text = fmt_pct(value, lang, digits)
    return "+" + text if value is not None and value > 0 else text


def fmt_signed_money(value: int | Decimal | None, lang: str = "es") -> str:
    """A change in pesos: '+$1.000', '−$1.000'."""
    text = fmt_money(value, lang)
    return "+" + text if value is not None and value > 0 else text


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def fmt_decimal(value: Decimal | float | None, lang: str = "es", digits: int = 1) -> str:
    if value is None:
        return missing(lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _minus(format_decimal(Decimal(str(value)), format=pattern, locale=_locale(lang)))


def fmt_date(value: date | None, lang: str = "es") -> str:
    if value is None:
        return missing(lang)
    if isinstance(value, datetime):
        value = value.date()  # the wall-clock day: callers pass times in the configured zone
    if lang != "es":
        return value.isoformat()
    if value.year >= 1000:  # strftime's "%d/%m/%Y", without strftime's cost (pages show thousands)
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return value.strftime("%d/%m/%Y")


def fmt_datetime(value: datetime | None, lang: str = "es") -> str:
    """13/05/2020 19:30 (es) / 2020-05-13 19:30 (en), the wall-clock time of `value` as given:
    callers convert to the configured zone first (`local_time`), no zone is assumed here."""
    if value is None:
        return missing(lang)
    return value.strftime("%d/%m/%Y %H:%M") if lang == "es" else value.strftime("%Y-%m-%d %H:%M")


def local_time(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    """`value` in the configured zone; a time without a zone was stored in UTC (SQLite)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(tz)


def fmt_duration(seconds: int | None, lang: str = "es") -> str:
    """Airtime as the office says it: '9 min 51 s', '1 h 2 min 3 s'."""
    if seconds is None:
        return missing(lang)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    if hours or minutes:
        parts.append(f"{minutes} min")
    parts.append(f"{secs} s")
    return " ".join(parts)
