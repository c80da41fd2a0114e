"""The growth answer (`pulso growth`, the dashboard's Growth page, its downloads and /api/growth)."""

from __future__ import annotations

from reports.columns import Col
from storage.growth import Growth

COLUMNS = (
    Col("platform", "platform"),
    Col("account"),
    Col("start_date", "date"),
    Col("start_followers", "int"),
    Col("end_date", "date"),
    Col("end_followers", "int"),
    Col("change", "signed", label="new_followers"),
    Col("change_pct", "pct", digits=2, label="growth_pct"),
)


def growth_json(item: Growth) -> dict[str, object]:
    """The contract's JSON shape for one account (design.md, Interface v1)."""
    return {
        "platform": item.platform,
        "account": item.account,
        "start": {
            "date": item.start.day.isoformat() if item.start else None,
            "followers": item.start.followers if item.start else None,
        },
        "end": {
            "date": item.end.day.isoformat() if item.end else None,
            "followers": item.end.followers if item.end else None,
        },
        "change": item.change,
        "change_pct": float(item.change_pct) if item.change_pct is not None else None,
    }


def growth_answer(items: list[Growth], one: bool) -> object:
    """`one` (a platform and an account were asked for): the object itself, else a list."""
    data = [growth_json(item) for item in items]
    return data[0] if one and len(data) == 1 else data


def growth_row(item: Growth) -> dict[str, object]:
    """One account's growth as a flat row (tables, CSV, XLSX)."""
    return {
        "platform": item.platform,
        "account": item.account,
        "start_date": item.start.day if item.start else None,
        "start_followers": item.start.followers if item.start else None,
        "end_date": item.end.day if item.end else None,
        "end_followers": item.end.followers if item.end else None,
        "change": item.change,
        "change_pct": item.change_pct,
    }
