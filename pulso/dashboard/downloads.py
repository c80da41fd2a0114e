"""Download responses and the column sets of the tables the pages show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from pulso.dashboard import exports
from pulso.dashboard.compare import Compared
from reports.csv_export import answer_csv
from reports.tables import Col

COMPARE_COLUMNS = (
    Col("platform", "platform"),
    Col("account"),
    Col("end_followers", "int", label="end_followers_this_year"),
    Col("change", "signed", label="new_followers_this_year"),
    Col("change_pct", "pct", label="growth_this_year"),
    Col("prev_end_followers", "int", label="end_followers_last_year"),
    Col("prev_change", "signed", label="new_followers_last_year"),
    Col("prev_change_pct", "pct", label="growth_last_year"),
    Col("difference", "signed"),
    # The period just before (empty for the year to date, which only has last year's).
    Col("prior_change", "signed", label="new_followers_prior_period"),
    Col("prior_change_pct", "pct", label="growth_prior_period"),
    Col("difference_prior", "signed", label="difference_prior_period"),
)
WEEK_VALUE_COLUMNS = (
    Col("week"),
    Col("outlet"),
    Col("count", "int", label="items_count"),
    Col("value", "money", label="before_iva"),
)


def compare_row(row: Compared) -> dict[str, Any]:
    now, before = row.current, row.previous
    return {
        "platform": row.platform,
        "account": row.account,
        "end_followers": now.end.followers if now and now.end else None,
        "change": now.change if now else None,
        "change_pct": now.change_pct if now else None,
        "prev_end_followers": before.end.followers if before and before.end else None,
        "prev_change": before.change if before else None,
        "prev_change_pct": before.change_pct if before else None,
        "difference": row.difference,
        "prior_change": row.prior.change if row.prior else None,
        "prior_change_pct": row.prior.change_pct if row.prior else None,
        "difference_prior": row.difference_prior,
    }


def download(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Col],
    fmt: str,
    *,
    lang: str,
    name: str,
    title: str,
    xlsx_columns: Sequence[Col] | None = None,
) -> Response:
    """`fmt` is 'csv' or 'xlsx' (anything else: 404); `name` is a safe file stem, `title`
    the sheet's name."""
    if fmt == "csv":
        # For people, as the table shows it: BOM, `;` and decimal comma in Spanish, the language's
        # headers (scripts use the CLI's --format csv).
        body: str | bytes = answer_csv(rows, xlsx_columns or columns, lang)
        media_type = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = exports.table_xlsx(rows, xlsx_columns or columns, lang, title)
        media_type = exports.XLSX_TYPE
    else:
        raise HTTPException(404, f"no download as {fmt[:20]!r} (csv or xlsx)")
    disposition = f'attachment; filename="{name}.{fmt}"'
    return Response(body, media_type=media_type, headers={"content-disposition": disposition})
