"""Download responses and the column sets of the tables the pages show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from pulso.cli.output import Column, csv_text
from pulso.dashboard import exports
from pulso.dashboard.compare import Compared

COMPARE_COLUMNS = [
    Column("platform", "Plataforma", "Platform"),
    Column("account", "Cuenta", "Account"),
    Column("end_followers", "Seguidores finales (este año)", "End followers (this year)", "int"),
    Column("change", "Nuevos seguidores (este año)", "Change (this year)", "signed"),
    Column("change_pct", "Crecimiento (este año)", "Growth (this year)", "pct"),
    Column(
        "prev_end_followers",
        "Seguidores finales (año anterior)",
        "End followers (last year)",
        "int",
    ),
    Column("prev_change", "Nuevos seguidores (año anterior)", "Change (last year)", "signed"),
    Column("prev_change_pct", "Crecimiento (año anterior)", "Growth (last year)", "pct"),
    Column("difference", "Diferencia", "Difference", "signed"),
]
WEEK_VALUE_COLUMNS = [
    Column("week", "Semana", "Week"),
    Column("outlet", "Medio", "Outlet"),
    Column("count", "Notas", "Items", "int"),
    Column("value", "Valor antes de IVA", "Value before IVA", "money"),
]


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
    }


def download(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    fmt: str,
    *,
    lang: str,
    name: str,
    title: str,
    xlsx_columns: Sequence[Column] | None = None,
) -> Response:
    """`fmt` is 'csv' or 'xlsx' (anything else: 404); `name` is a safe file stem, `title`
    the sheet's name."""
    if fmt == "csv":
        body: str | bytes = csv_text(rows, columns)
        media_type = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = exports.table_xlsx(rows, xlsx_columns or columns, lang, title)
        media_type = exports.XLSX_TYPE
    else:
        raise HTTPException(404, f"no download as {fmt[:20]!r} (csv or xlsx)")
    disposition = f'attachment; filename="{name}.{fmt}"'
    return Response(body, media_type=media_type, headers={"content-disposition": disposition})
