"""Tables as shown, for spreadsheets: CSV for people (reports.csv_export: BOM, `;`, decimal
comma, headers in the page's language) or XLSX (native cells). Scripts get raw CSV from the CLI.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from reports.answers.growth import COLUMNS, growth_row
from reports.cells import plain
from reports.csv_export import answer_csv
from reports.i18n import label
from reports.spreadsheet import xlsx_cell
from reports.tables import Col, Kind
from storage.growth import Growth

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "int": "#,##0",
    "signed": "+#,##0;-#,##0;0",
    "money": '"$"#,##0',
    "pct": "0.00%",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
}


def _xlsx_cell(value: Any, kind: Kind, lang: str) -> Any:
    if kind in ("platform", "medium") and value is not None:
        return plain(value, kind, lang)  # "X (Twitter)", "Prensa": as the page shows them
    if kind == "pct" and isinstance(value, Decimal | float | int):
        return float(Decimal(str(value)) / 100)  # a spreadsheet percentage is a fraction
    if isinstance(value, datetime) and value.tzinfo:
        # Cells cannot hold a zone: rows carry times already in the configured zone.
        return value.replace(tzinfo=None)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def table_xlsx(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[Col], lang: str, title: str
) -> bytes:
    """Native numbers and dates (shown in the reader's locale), headers in `lang`; text never
    becomes a formula (reports.spreadsheet)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([xlsx_cell(sheet, c.header(lang)) for c in columns])
    for row in rows:
        sheet.append(
            [
                xlsx_cell(sheet, _xlsx_cell(row.get(c.key), c.kind, lang), FORMATS.get(c.kind))
                for c in columns
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def growth_csv(items: Sequence[Growth], lang: str) -> str:
    return answer_csv([growth_row(item) for item in items], COLUMNS, lang)


def growth_xlsx(items: Sequence[Growth], lang: str) -> bytes:
    rows = [growth_row(item) for item in items]
    return table_xlsx(rows, COLUMNS, lang, label("growth_sheet", lang))
