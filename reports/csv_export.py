"""One CSV per table: semicolon-separated, UTF-8 with BOM, so Spanish Excel opens them cleanly."""

from __future__ import annotations

from pathlib import Path

from reports.cells import plain
from reports.spreadsheet import csv_writer
from reports.tables import Table, cell_kind


def write_csv(table: Table, path: Path, lang: str) -> Path:
    columns = [c for c in table.columns if c.kind != "spark"]
    indexes = [i for i, c in enumerate(table.columns) if c.kind != "spark"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle, delimiter=";")
        writer.writerow(
            [
                h
                for c, h in zip(table.columns, table.headers(lang), strict=True)
                if c.kind != "spark"
            ]
        )
        for row in table.rows:
            cells = [cell_kind(row[i], c) for i, c in zip(indexes, columns, strict=True)]
            writer.writerow([plain(value, kind, lang) for value, kind in cells])
    return path


def write_csvs(tables: list[Table], out_dir: Path, lang: str) -> list[Path]:
    return [write_csv(t, out_dir / f"{t.name}.csv", lang) for t in tables]
