"""Rate cards from the office's spreadsheets: outlet, program, medium, unit, price, validity.

A row's `ref` ("tarifas.csv:4") follows the rate into every valuation breakdown, so each peso
can be traced to the spreadsheet row that priced it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from importers.cells import parse_amount, parse_day
from importers.problems import Problem
from importers.tabular import Row, Table, parse_cell, read_table
from storage.keys import name_key
from valuation.rate_cards import Rate, RateProblem, overlap_problem, validate_rates
from valuation.units import parse_medium, parse_unit

COLUMNS = {
    "outlet": ("outlet", "medio"),
    "program": ("program", "programa"),
    "medium": ("medium", "tipo", "tipo de medio"),
    "unit": ("unit", "unidad"),
    "price": ("price", "tarifa", "precio"),
    "valid_from": ("valid_from", "vigente_desde", "desde"),
    "valid_to": ("valid_to", "vigente_hasta", "hasta"),
}
REQUIRED = ("outlet", "medium", "unit", "price", "valid_from")


def _required_text(text: str) -> str:
    if not text:
        raise ValueError("empty; this column is required")
    return " ".join(text.split())


def _whole_pesos(text: str) -> int:
    amount = parse_amount(text)
    if amount != amount.to_integral_value():
        raise ValueError(f"{text!r}: use whole pesos (quote the card per minute, not per second)")
    return int(amount)


def _optional_day(text: str) -> date | None:
    return parse_day(text) if text else None


def _parse_row(file: str, row: Row, problems: list[Problem]) -> Rate | None:
    before = len(problems)
    outlet = parse_cell(file, row, "outlet", _required_text, problems)
    medium = parse_cell(file, row, "medium", parse_medium, problems)
    unit = parse_cell(file, row, "unit", parse_unit, problems)
    price = parse_cell(file, row, "price", _whole_pesos, problems)
    valid_from = parse_cell(file, row, "valid_from", parse_day, problems)
    valid_to = parse_cell(file, row, "valid_to", _optional_day, problems)
    if len(problems) > before or not (outlet and medium and unit and price is not None):
        return None
    assert valid_from is not None  # parse_day returns a date or raises
    program = " ".join(row.get("program").split()) or None
    return Rate(
        ref=f"{Path(file).name}:{row.number}",
        outlet=outlet,
        outlet_key=name_key(outlet),
        medium=medium,
        unit=unit,
        price_cop=Decimal(price),
        valid_from=valid_from,
        valid_to=valid_to,
        program=program,
        program_key=name_key(program),
    )


def _problem(file: str, rows: dict[str, int], found: RateProblem) -> Problem:
    return Problem(file, rows[found.ref], found.column, found.message)


def parse_rate_table(table: Table) -> tuple[list[Rate], dict[str, int], list[Problem]]:
    """Pure: rows -> rates, each rate's row number by ref, and every problem in the file."""
    problems: list[Problem] = []
    rates: list[Rate] = []
    rows: dict[str, int] = {}
    for row in table.rows:
        rate = _parse_row(table.file, row, problems)
        if rate is not None:
            rates.append(rate)
            rows[rate.ref] = row.number
    problems += [_problem(table.file, rows, p) for p in validate_rates(rates)]
    problems.sort(key=lambda p: (p.row or 0, list(COLUMNS).index(p.column or "outlet")))
    return rates, rows, problems


def read_rate_card(path: Path) -> tuple[Table, list[Rate], dict[str, int]]:
    """Read and validate the whole file; the table names columns in later problems as the file does."""
    table = read_table(path, COLUMNS, required=REQUIRED)
    rates, rows, problems = parse_rate_table(table)
    table.reject_if(problems)
    return table, rates, rows


def read_rate_file(path: Path) -> tuple[list[Rate], dict[str, int]]:
    """Read and validate the whole file; raises ImportRejected listing every problem."""
    _, rates, rows = read_rate_card(path)
    return rates, rows


def same_key(a: Rate, b: Rate) -> bool:
    """The stored row a new row replaces: same outlet, program, unit and start."""
    return (a.outlet_key, a.program_key, a.unit, a.valid_from) == (
        b.outlet_key,
        b.program_key,
        b.unit,
        b.valid_from,
    )


def group_key(rate: Rate) -> tuple[str, str, str]:
    return (rate.outlet_key, rate.program_key, rate.unit)


def conflicts_with_stored(
    file: str,
    new: Sequence[Rate],
    rows: dict[str, int],
    stored: Sequence[Rate],
    *,
    replace: bool = False,
) -> list[Problem]:
    """New periods that overlap stored ones (other than the rows they replace).

    With `replace`, the file is the whole card for each outlet, program and unit it lists, so
    stored rows of those are superseded rather than in conflict.
    """
    replaced = {(*group_key(r), r.valid_from) for r in new}
    groups = {group_key(r) for r in new} if replace else set()
    kept = [
        s
        for s in stored
        if (*group_key(s), s.valid_from) not in replaced and group_key(s) not in groups
    ]
    new_refs = {r.ref for r in new}
    problems = []
    for found in validate_rates([*kept, *new]):
        other = found.other
        if other is None or (found.ref in new_refs) == (other.ref in new_refs):
            continue  # a row problem or a clash inside one side: not this import's business
        new_rate = other if other.ref in new_refs else next(r for r in new if r.ref == found.ref)
        stored_rate = (
            other if new_rate is not other else next(r for r in kept if r.ref == found.ref)
        )
        problems.append(_problem(file, rows, overlap_problem(new_rate, stored_rate)))
    return problems
