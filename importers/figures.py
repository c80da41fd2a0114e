"""Figures someone wrote (a draft report, last year's report), one per row, to be checked by
`pulso verify`: indicator, platform, account, from, to, value.

Read and validated whole like the imports: any bad row rejects the file, every problem named
by file, row, column and value. Values are es-CO numbers (`113.900`, `66,6`, `$ 24.343.000`);
a formula is never run: a CSV cell `=1+1` is text, so not a number; an XLSX formula is read
as the value Excel saved (or named when it has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from importers.cells import parse_day
from importers.followers import parse_platform
from importers.problems import ImportRejected, Problem
from importers.tabular import Row, Table, header_key, parse_cell, read_table

COLUMNS = {
    "indicator": ("indicator", "indicador"),
    "platform": ("platform", "plataforma", "red", "red social", "tipo de medio", "medium"),
    "account": ("account", "cuenta", "medio", "outlet"),
    "from": ("from", "desde", "fecha inicial", "inicio"),
    "to": ("to", "hasta", "fecha final", "fin"),
    "value": ("value", "valor", "cifra"),
}
REQUIRED = ("indicator", "from", "to", "value")

FOLLOWER_INDICATORS = ("followers_start", "followers_end", "new_followers")
POST_INDICATORS = ("posts", "interactions")
TOTAL_INDICATORS = ("mentions", "free_press")  # news: the "platform" is a medium, if any
INDICATORS: dict[str, tuple[str, ...]] = {
    "followers_start": ("followers_start", "seguidores_inicio", "seguidores iniciales"),
    "followers_end": ("followers_end", "seguidores_fin", "seguidores finales"),
    "new_followers": ("new_followers", "seguidores_nuevos", "nuevos seguidores"),
    "posts": ("posts", "publicaciones"),
    "interactions": ("interactions", "interacciones"),
    "mentions": ("mentions", "menciones", "noticias"),
    "free_press": ("free_press", "free press", "free_press_antes_de_iva"),
}
_INDICATOR_KEYS = {header_key(alias): name for name, names in INDICATORS.items() for alias in names}
_ALL = {"", "todas", "todos", "total", "all"}
MEDIA = {
    "tv": "tv",
    "television": "tv",
    "radio": "radio",
    "print": "print",
    "prensa": "print",
    "web": "web",
}
_CURRENCY = re.compile(r"(?i)^(cop|col\$|\$)|(cop|pesos)$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Claim:
    """One stated figure: `platform` None means every platform (or medium) together."""

    row: int
    indicator: str
    platform: str | None
    account: str | None
    start: date
    end: date
    stated: Decimal


class FiguresRejected(ImportRejected):
    """The file was not checked because of these problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        count = len(problems)
        self.args = (f"{count} problem{'s' if count != 1 else ''} found; nothing was checked",)


def parse_indicator(text: str) -> str:
    found = _INDICATOR_KEYS.get(header_key(text))
    if found is None:
        names = ", ".join(f"{v[1]}|{v[0]}" for v in INDICATORS.values())
        raise ValueError(f"unknown indicator {text!r} (expected one of {names})")
    return found


def parse_figure(text: str) -> Decimal:
    """es-CO: '.' groups thousands (113.900), ',' is the decimal mark (66,6); a sign and a
    currency mark are allowed. A spreadsheet's own number (113900, 66.6) is read as is."""
    value = text.strip().replace(" ", "").replace("\u00a0", "").replace("%", "")
    value = _CURRENCY.sub("", value)
    sign = ""
    if value and value[0] in "-−+":
        sign, value = ("-" if value[0] != "+" else ""), value[1:]
    whole, comma, decimals = value.partition(",")
    if _THOUSANDS.match(whole):
        whole = whole.replace(".", "")
    elif comma and not whole.isdigit():
        whole = "x"  # 1.2,5: not a number
    ok = (whole.isdigit() and (not comma or decimals.isdigit())) or (
        not comma and _PLAIN.match(whole)
    )
    if not ok:
        raise ValueError(f"{text!r} is not a number (e.g. 113.900 or 66,6)")
    try:
        return Decimal(f"{sign}{whole}.{decimals}" if comma else f"{sign}{whole}")
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number (e.g. 113.900 or 66,6)") from None


def _parse_scope(text: str, indicator: str | None) -> str | None:
    key = header_key(text)
    if key in _ALL:
        return None
    if key in ("web", "portal", "portal web") and indicator in POST_INDICATORS:
        return "web"  # the office's own portal: its items are publications
    if indicator in TOTAL_INDICATORS:
        if key not in MEDIA:
            raise ValueError(
                f"unknown medium {text!r} (expected tv, radio, prensa or web, or empty)"
            )
        return MEDIA[key]
    return parse_platform(text)


def _account(text: str) -> str | None:
    return text.strip().lstrip("@") or None


def _claim(table: Table, row: Row, problems: list[Problem]) -> Claim | None:
    file = table.file
    indicator = parse_cell(file, row, "indicator", parse_indicator, problems)
    platform = parse_cell(file, row, "platform", lambda t: _parse_scope(t, indicator), problems)
    start = parse_cell(file, row, "from", parse_day, problems)
    end = parse_cell(file, row, "to", parse_day, problems)
    stated = parse_cell(file, row, "value", parse_figure, problems)
    if start is not None and end is not None and start > end:
        problems.append(Problem(file, row.number, "to", f"{end} is before the start {start}"))
        return None
    if indicator is None or start is None or end is None or stated is None:
        return None
    return Claim(row.number, indicator, platform, _account(row.get("account")), start, end, stated)


def parse_figures_table(table: Table) -> tuple[list[Claim], list[Problem]]:
    """Pure: rows -> claims and every problem found."""
    problems: list[Problem] = []
    claims = [c for row in table.rows if (c := _claim(table, row, problems)) is not None]
    return claims, problems


def read_figures_file(path: Path) -> list[Claim]:
    """Read and validate the whole file; raises FiguresRejected listing every problem."""
    try:
        table = read_table(path, COLUMNS, required=REQUIRED)
        claims, problems = parse_figures_table(table)
        table.reject_if(problems)
    except ImportRejected as rejected:
        raise FiguresRejected(rejected.problems) from None
    return claims
