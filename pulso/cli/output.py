"""Printing answers: a Rich table for people, JSON and CSV for scripts.

Columns, labels, cells and CSV come from the shared presentation model (reports.tables,
reports.i18n, reports.answers), the same the dashboard uses; this module only prints.
"""

from __future__ import annotations

import json
import json.encoder
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # Rich and the cell formats load with the first table: JSON never needs them
    from rich.console import Console

    from reports.tables import Col


T = TypeVar("T")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def print_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Col],
    lang: str,
    *,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    from rich.console import Console
    from rich.table import Table

    from reports.answers.text import format_cell

    table = Table(title=title, header_style="bold")
    for column in columns:
        numeric = column.kind in ("int", "signed", "money", "pct")
        table.add_column(column.header(lang), justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(format_cell(row.get(c.key), c.kind, lang, c.digits) for c in columns))
    (console or Console(soft_wrap=False, width=200)).print(table)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n")


class JsonArray:
    """A JSON array of flat objects written to a temporary file as it grows, then into the
    document `print_json_with` prints: `print_json`'s bytes without holding the objects."""

    INDENT = 4  # an array under the document's top-level object
    _BUFFERED = 2_000  # items joined into one write

    def __init__(self) -> None:
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.count = 0
        self._pending: list[str] = []

    def add(self, item: Mapping[str, Any]) -> None:
        self.add_text(flat_json(item, self.INDENT))

    def add_text(self, text: str) -> None:
        """An object already encoded as `flat_json(item, JsonArray.INDENT)` writes it."""
        pending = self._pending
        pending.append(text)
        if len(pending) >= self._BUFFERED:
            self._flush()

    def adding(self, encode: Callable[[T], str]) -> Callable[[T], None]:
        """`lambda value: self.add_text(encode(value))` in one call: the per-item path of a
        million-item array."""
        pending, flush, size = self._pending, self._flush, self._BUFFERED

        def add(value: T) -> None:
            pending.append(encode(value))
            if len(pending) >= size:
                flush()

        return add

    def _flush(self) -> None:
        if self._pending:
            lead = ",\n    " if self.count else "\n    "
            self.file.write(lead + ",\n    ".join(self._pending))
            self.count += len(self._pending)
            self._pending.clear()

    def copy_to(self, out: IO[str]) -> None:
        self._flush()
        if not self.count:
            out.write("[]")
            return
        self.file.seek(0)
        out.write("[")
        shutil.copyfileobj(self.file, out)
        out.write("\n  ]")

    def close(self) -> None:
        self.file.close()


def flat_json(item: Mapping[str, Any], indent: int) -> str:
    """`json.dumps(item, ensure_ascii=False, indent=2)` nested `indent` spaces deep.

    JSON's indenting encoder is pure Python (5× slower than its C one); an object of strings,
    numbers and nulls comes out the same from the C encoder with the indent as separator."""
    if not item:
        return "{}"
    if not _FLAT_TYPES.issuperset(map(type, item.values())):
        nested = json.dumps(item, ensure_ascii=False, indent=2, default=_json_default)
        return nested.replace("\n", "\n" + " " * indent)
    text = _flat_encoder(indent)(item)
    return "{\n" + " " * (indent + 2) + text[1:-1] + "\n" + " " * indent + "}"


_FLAT_TYPES = frozenset({str, int, float, bool, type(None), Decimal, date, datetime})


@cache
def _flat_encoder(indent: int) -> Callable[[Mapping[str, Any]], str]:
    separator = ",\n" + " " * (indent + 2)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without JSON's C accelerator
        return json.JSONEncoder(
            ensure_ascii=False, separators=(separator, ": "), default=_json_default
        ).encode
    # What JSONEncoder.encode builds on every call, built once (no circular check: flat data).
    encode = make(
        None,
        _json_default,
        json.encoder.encode_basestring,
        None,
        ": ",
        separator,
        False,
        False,
        True,
    )
    return lambda item: "".join(encode(item, 0))


def print_json_with(data: Mapping[str, Any], arrays: Mapping[str, JsonArray]) -> None:
    """`print_json(data)` where each key of `arrays` holds that spooled array."""
    marks = {name: f"\x00{name}\x00" for name in arrays}
    text = json.dumps(
        {k: marks.get(k, v) for k, v in data.items()},
        ensure_ascii=False,
        indent=2,
        default=_json_default,
    )
    out = sys.stdout
    for name, array in arrays.items():
        before, text = text.split(json.dumps(marks[name]), 1)
        out.write(before)
        array.copy_to(out)
    out.write(text + "\n")


def print_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[Col]) -> None:
    from reports.answers.text import csv_text

    sys.stdout.write(csv_text(rows, columns))
