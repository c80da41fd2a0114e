"""A column of an answer or a report table: its key, kind and label, nothing else loaded.

reports/tables.py is the presentation model that uses it (with the vocabulary, the cell
formats and the weekly report's tables); a command answering in JSON declares its columns
here without importing any of that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "text",
    "id",
    "int",
    "signed",
    "money",
    "pct",
    "signed_pct",  # a change in percent: '+5,0 %', '−2,1 %'
    "decimal",
    "date",
    "datetime",
    "dates",
    "url",
    "spark",
    "list",  # answers: a list of words (matched terms)
    "platform",  # answers: a platform code, shown by its name (reports.i18n.platform_name)
    "medium",  # answers: a medium code, shown by its name (reports.i18n.medium_name)
]


@dataclass(frozen=True, slots=True)
class Col:
    key: str  # report tables: the i18n label key; answers: the row's field and CSV header
    kind: Kind = "text"
    digits: int = 1
    label: str | None = None  # the i18n label key when it is not `key`
    # False: only in the spreadsheets (XLSX, CSV), not on the HTML page: the rate card's file
    # and row ("Origen"), the unit the page says in the rate's words.
    html: bool = True

    def header(self, lang: str) -> str:
        from reports.i18n import label  # the vocabulary: for a table, not a JSON answer

        return label(self.label or self.key, lang)
