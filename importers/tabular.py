"""Reading CSV and XLSX files into rows keyed by canonical column names.

CSV: comma or semicolon (detected from the header line), UTF-8 with or without BOM (Windows
Excel's cp1252 accepted too). XLSX: the first sheet. Headers match English or Spanish aliases,
case- and accent-insensitively. Row numbers are as a spreadsheet shows them (header = row 1).
Problems name a column as the file's header writes it (`tarifa`, not `price`).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

from importers.problems import ImportRejected, Problem

ColumnAliases = Mapping[str, Sequence[str]]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


FORMULA_WITHOUT_VALUE = "formula without a saved value: open and save the file in Excel"


@dataclass(frozen=True, slots=True)
class Records:
    """A file's rows as text, header first; XLSX formula cells Excel never computed, by position."""

    rows: list[list[str]]
    unsaved_formulas: frozenset[tuple[int, int]] = frozenset()  # (row index, column index)


@dataclass(frozen=True, slots=True)
class Table:
    file: str
    columns: frozenset[str]
    rows: tuple[Row, ...]
    headers: Mapping[str, str] = field(default_factory=dict)  # canonical -> as the file says
    problems: tuple[Problem, ...] = ()  # found while reading (formulas without a value)

    def named(self, problem: Problem) -> Problem:
        """The problem with its column named as the file's header writes it."""
        header = self.headers.get(problem.column or "")
        return replace(problem, column=header) if header else problem

    def reject_if(self, problems: Iterable[Problem]) -> None:
        """Raise ImportRejected with every problem (one per cell, in file order), if any."""
        found = list(self.problems)
        seen = {(p.row, p.column) for p in found}
        found += [p for p in problems if (p.row, p.column) not in seen]
        if found:
            found.sort(key=lambda p: p.row or 0)
            raise ImportRejected([self.named(p) for p in found])


def parse_cell(
    file: str, row: Row, column: str, parse: Callable[[str], T], problems: list[Problem]
) -> T | None:
    """Parse one cell; a ValueError becomes a Problem naming file, row and column (None returned)."""
    try:
        return parse(row.get(column))
    except ValueError as error:
        problems.append(Problem(file, row.number, column, str(error)))
        return None


def header_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _csv_records(data: bytes) -> list[list[str]]:
    text = _decode(data)
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _sheet_values(path: Path, *, data_only: bool) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=data_only)
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def _is_formula(value: Any) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__ in (
        "ArrayFormula",
        "DataTableFormula",
    )


def _unsaved_formulas(path: Path, values: list[tuple[Any, ...]]) -> frozenset[tuple[int, int]]:
    """Cells whose cached value is missing because they hold a formula never computed.

    openpyxl reads the value Excel saved; a file written by a program (not saved by Excel)
    has formulas without one, which would otherwise read as empty cells.
    """
    blanks = {(r, c) for r, row in enumerate(values) for c, v in enumerate(row) if v is None}
    if not blanks:
        return frozenset()
    formulas = _sheet_values(path, data_only=False)
    return frozenset(
        (r, c)
        for r, c in blanks
        if r < len(formulas) and c < len(formulas[r]) and _is_formula(formulas[r][c])
    )


def _xlsx_records(path: Path) -> Records:
    values = _sheet_values(path, data_only=True)
    rows = [[_cell_text(v) for v in row] for row in values]
    return Records(rows, _unsaved_formulas(path, values))


def read_records(path: Path) -> Records:
    """Every row of the file as strings, header included."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_records(path)
    return Records(_csv_records(path.read_bytes()))


def _map_header(
    file: str, header: Sequence[str], aliases: ColumnAliases
) -> tuple[dict[int, str], list[Problem]]:
    lookup = {header_key(alias): column for column, names in aliases.items() for alias in names}
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    for index, name in enumerate(header):
        column = lookup.get(header_key(name))
        if column is None:
            continue
        if column in mapping.values():
            problems.append(Problem(file, 1, name, f"column {column!r} appears twice"))
        mapping[index] = column
    return mapping, problems


def _missing(
    file: str, mapping: dict[int, str], aliases: ColumnAliases, required: Iterable[str]
) -> list[Problem]:
    present = set(mapping.values())
    return [
        Problem(
            file, 1, column, f"required column missing (header: {' or '.join(aliases[column])})"
        )
        for column in required
        if column not in present
    ]


def _formula_problems(file: str, records: Records, mapping: dict[int, str]) -> tuple[Problem, ...]:
    return tuple(
        Problem(file, r + 1, mapping[c], FORMULA_WITHOUT_VALUE)
        for r, c in sorted(records.unsaved_formulas)
        if r > 0 and c in mapping
    )


def to_table(
    file: str, records: Records | list[list[str]], aliases: ColumnAliases, required: Iterable[str]
) -> Table:
    """Map raw records to canonical columns; raises ImportRejected on header problems."""
    records = records if isinstance(records, Records) else Records(records)
    lines = records.rows
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ImportRejected([Problem(file, None, None, "the file is empty (no header row)")])
    mapping, problems = _map_header(file, lines[0], aliases)
    problems += _missing(file, mapping, aliases, required)
    if problems:
        raise ImportRejected(problems)
    formulas = _formula_problems(file, records, mapping)
    unsaved = {p.row for p in formulas}
    rows = tuple(
        Row(number, {column: record[i] if i < len(record) else "" for i, column in mapping.items()})
        for number, record in enumerate(lines[1:], start=2)
        if any(cell.strip() for cell in record) or number in unsaved
    )
    if not rows:
        raise ImportRejected([Problem(file, None, None, "no rows after the header")])
    headers = {column: lines[0][i].strip() for i, column in mapping.items()}
    return Table(file, frozenset(mapping.values()), rows, headers, formulas)


def read_table(path: Path, aliases: ColumnAliases, required: Iterable[str]) -> Table:
    """Read a CSV or XLSX file into a Table; unreadable files are an ImportRejected."""
    try:
        records = read_records(path)
    except FileNotFoundError:
        raise ImportRejected([Problem(str(path), None, None, "file not found")]) from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise ImportRejected(
            [Problem(str(path), None, None, f"cannot read the file: {error}")]
        ) from None
    return to_table(str(path), records, aliases, required)
