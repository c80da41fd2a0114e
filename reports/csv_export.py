"""CSV for people: what the report writes beside its HTML and what the dashboard downloads.

One convention per language, so a file opens in that reader's spreadsheet program by a double
click: UTF-8 with a BOM (Excel then reads the accents), headers in the language, and
- es: `;` between cells, decimal comma (`0,11`), dates `13/05/2020` (Spanish Excel);
- en: `,` between cells, decimal point (`0.11`), dates `2020-05-13` (English Excel).
Numbers carry no thousands separator, so they stay numbers; ids stay text; a missing number reads
"sin datos" / "no data". Every cell passes the spreadsheet-injection guard (reports.spreadsheet).
Scripts use the CLI's `--format csv` instead (reports.answers.text): the contract's keys, raw
values, `,` and `.`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from reports.cells import plain
from reports.spreadsheet import csv_writer
from reports.tables import Col, Kind, Table, cell_kind

SEPARATORS = {"es": ";", "en": ","}
BOM = "\ufeff"


def separator(lang: str) -> str:
    return SEPARATORS.get(lang, SEPARATORS["es"])


def people_csv(
    headers: Sequence[str], rows: Iterable[Iterable[tuple[Any, Kind]]], lang: str
) -> str:
    """The whole file as text, BOM first: write it as UTF-8 (or send it as bytes)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv_writer(out, delimiter=separator(lang), lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([plain(value, kind, lang) for value, kind in row])
    return out.getvalue()


def answer_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Col], lang: str) -> str:
    """A table of answer rows (the dashboard's downloads) for people."""
    return people_csv(
        [c.header(lang) for c in columns],
        ([(row.get(c.key), c.kind) for c in columns] for row in rows),
        lang,
    )


def table_csv(table: Table, lang: str) -> str:
    keep = [(i, c) for i, c in enumerate(table.columns) if c.kind != "spark"]
    return people_csv(
        [c.header(lang) for _, c in keep],
        ([cell_kind(row[i], c) for i, c in keep] for row in table.rows),
        lang,
    )


def write_csv(table: Table, path: Path, lang: str) -> Path:
    path.write_text(table_csv(table, lang), encoding="utf-8", newline="")
    return path


def write_csvs(tables: list[Table], out_dir: Path, lang: str) -> list[Path]:
    return [write_csv(t, out_dir / f"{t.name}.csv", lang) for t in tables]
