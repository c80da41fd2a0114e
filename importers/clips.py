"""Clip logs: TV and radio items with their airtime, print items with their column-centimetres.

The same outlet + program + air date + title + duration (or space) is the same clip, so a log
imported twice, or two logs that overlap, add each clip once.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from collectors.records import Clip
from importers.cells import parse_day
from importers.problems import Problem
from importers.tabular import Row, Table, read_table
from valuation.durations import parse_duration

COLUMNS = {
    "outlet": ("outlet", "medio"),
    "program": ("program", "programa"),
    "aired_on": ("aired_on", "fecha", "date", "fecha de emision"),
    "title": ("title", "titulo", "titular"),
    "duration": ("duration", "duracion"),
    "column_cm": ("column_cm", "cm_columna", "cm"),
}
REQUIRED = ("outlet", "aired_on", "title")

# An XLSX cell typed "2:48" is stored by Excel as the time 02:48:00 (2 h 48 min).
_EXCEL_CLOCK = re.compile(r"(\d{2}):(\d{2}):00")


def parse_column_cm(text: str) -> Decimal:
    """Column-centimetres: '35', '35,5' or '35.5'; more than 0, at most 2 decimals."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number of column-centimetres (e.g. 35,5)") from None
    if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
        raise ValueError(f"{text!r}: column-centimetres must be over 0, with at most 2 decimals")
    return value.normalize() if value == value.to_integral_value() else value


def _duration(text: str, from_excel: bool) -> int:
    clock = _EXCEL_CLOCK.fullmatch(text)
    if from_excel and clock and int(clock.group(1)) > 0:
        hours, minutes = int(clock.group(1)), int(clock.group(2))
        raise ValueError(
            f"Excel stored {text} ({hours} h {minutes} min); if you meant {hours}:{minutes:02d} "
            f"as minutes:seconds, type 0:{hours:02d}:{minutes:02d} or format the column as text"
        )
    seconds = parse_duration(text)  # DurationError is a ValueError naming the likely reading
    if seconds == 0:
        raise ValueError(f"{text!r}: a clip lasts more than 0 seconds")
    return seconds


def _measure(row: Row, from_excel: bool) -> tuple[str, int | Decimal]:
    duration, space = row.get("duration"), row.get("column_cm")
    if duration and space:
        raise ValueError("give duration (TV/radio) or column_cm (print), not both")
    if duration:
        return "duration", _duration(duration, from_excel)
    if space:
        return "column_cm", parse_column_cm(space)
    raise ValueError("empty; give duration (TV/radio) or column_cm (print)")


def _parse_row(file: str, row: Row, problems: list[Problem]) -> Clip | None:
    before = len(problems)
    for column in ("outlet", "title"):
        if not row.get(column):
            problems.append(Problem(file, row.number, column, "empty; this column is required"))
    try:
        aired_on = parse_day(row.get("aired_on"))
    except ValueError as error:
        problems.append(Problem(file, row.number, "aired_on", str(error)))
    column = "duration" if row.get("duration") else "column_cm"
    try:
        column, amount = _measure(row, from_excel=file.lower().endswith((".xlsx", ".xlsm")))
    except ValueError as error:
        problems.append(Problem(file, row.number, column, str(error)))
    if len(problems) > before:
        return None
    return Clip(
        outlet=" ".join(row.get("outlet").split()),
        aired_on=aired_on,
        title=" ".join(row.get("title").split()),
        program=" ".join(row.get("program").split()) or None,
        duration_s=amount if column == "duration" else None,  # type: ignore[arg-type]
        column_cm=amount if column == "column_cm" else None,  # type: ignore[arg-type]
    )


def parse_clip_table(table: Table) -> tuple[list[tuple[int, Clip]], list[Problem]]:
    """Pure: rows -> (row number, clip) and every problem in the file."""
    problems: list[Problem] = []
    if not table.columns & {"duration", "column_cm"}:
        header = "duration|duracion or column_cm|cm_columna"
        problems.append(Problem(table.file, 1, "duration", f"required column missing ({header})"))
        return [], problems
    clips = []
    for row in table.rows:
        clip = _parse_row(table.file, row, problems)
        if clip is not None:
            clips.append((row.number, clip))
    return clips, problems


def read_clip_file(path: Path) -> list[tuple[int, Clip]]:
    """Read and validate the whole log; raises ImportRejected listing every problem."""
    table = read_table(path, COLUMNS, required=REQUIRED)
    clips, problems = parse_clip_table(table)
    table.reject_if(problems)
    return clips
