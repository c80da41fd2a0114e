"""The figures check (`pulso verify`): a stated figure against the one Pulso computes, the
difference (computed − stated) and a verdict; its JSON shape, rows and columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reports import formatting as f
from reports.columns import Col
from reports.i18n import medium_name, platform_name

VERDICTS = {
    "agrees": ("coincide", "agrees"),
    "differs": ("difiere", "differs"),
    "no_data": ("sin datos", "no data"),
}
JSON_KEYS = (
    "indicator",
    "platform",
    "account",
    "from",
    "to",
    "stated",
    "computed",
    "difference",
    "verdict",
)
# The office's names for the indicators, as its files write them (Spanish first).
INDICATOR_NAMES = {
    "followers_start": ("seguidores_inicio", "followers_start"),
    "followers_end": ("seguidores_fin", "followers_end"),
    "new_followers": ("seguidores_nuevos", "new_followers"),
    "posts": ("publicaciones", "posts"),
    "interactions": ("interacciones", "interactions"),
    "mentions": ("menciones", "mentions"),
    "free_press": ("free_press", "free_press"),
}
COLUMNS = (
    Col("row", "int"),
    Col("indicator"),
    Col("platform"),
    Col("account"),
    Col("from", "date"),
    Col("to", "date"),
    Col("stated"),
    Col("computed"),
    Col("difference"),
    Col("verdict"),
)
CSV_COLUMNS = tuple(Col(key) for key in JSON_KEYS)


@dataclass(frozen=True, slots=True)
class Check:
    row: int
    indicator: str
    platform: str | None  # a platform, or a medium for mentions and free press; None = all
    account: str | None
    start: date
    end: date
    stated: Decimal
    computed: int | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.computed is None else Decimal(self.computed) - self.stated

    @property
    def verdict(self) -> str:
        if self.computed is None:
            return "no_data"
        return "agrees" if self.difference == 0 else "differs"


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def check_json(check: Check) -> dict[str, Any]:
    return {
        "indicator": check.indicator,
        "platform": check.platform,
        "account": check.account,
        "from": check.start.isoformat(),
        "to": check.end.isoformat(),
        "stated": _number(check.stated),
        "computed": check.computed,
        "difference": _number(check.difference),
        "verdict": check.verdict,
    }


def check_row(check: Check, lang: str | None) -> dict[str, Any]:
    """A flat row: `lang` None keeps the JSON's values (CSV); else the office's words."""
    data = check_json(check)
    if lang is None:
        return data
    pick = 1 if lang == "en" else 0
    return {
        **data,
        "row": check.row,
        "platform": _scope_name(check, lang),
        # No account named means the figure covers every account, not a missing value.
        "account": check.account or ("all" if lang == "en" else "todas"),
        "indicator": INDICATOR_NAMES[check.indicator][pick],
        "from": check.start,
        "to": check.end,
        "stated": _shown(check.stated, lang),
        "computed": _shown(check.computed, lang),
        "difference": _shown(check.difference, lang, signed=True),
        "verdict": VERDICTS[check.verdict][pick],
    }


def _shown(value: Decimal | int | None, lang: str, *, signed: bool = False) -> str:
    """113.900, 66,6, −10.000 (a true minus sign, as the reports write a change)."""
    if value is None:
        return f.missing(lang)
    number = Decimal(value)
    if number != number.to_integral_value():
        digits = -int(number.normalize().as_tuple().exponent)
        text = f.fmt_decimal(abs(number), lang, digits)
        return ("\u2212" if number < 0 else "+" if signed and number > 0 else "") + text
    whole = int(number)
    return f.fmt_signed(whole, lang) if signed else f.fmt_int(whole, lang)


def _scope_name(check: Check, lang: str) -> str:
    if check.platform is None:
        return "todas" if lang == "es" else "all"
    if check.indicator in ("mentions", "free_press"):
        return medium_name(check.platform, lang) or check.platform
    return platform_name(check.platform, lang)


def all_agree(checks: list[Check]) -> bool:
    return all(c.verdict == "agrees" for c in checks)
