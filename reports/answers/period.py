"""The period report's JSON answer (`pulso report period --format json`).

Followers are the growth answer's objects and activity the activity answer's; money is
integer pesos, as in `pulso valuate`.
"""

from __future__ import annotations

from typing import Any

from reports.answers.growth import growth_json
from reports.period_model import PeriodReport, TargetRow
from storage.growth import Growth


def _number(value: object) -> object:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def target_json(row: TargetRow) -> dict[str, Any]:
    return {
        "year": row.year,
        "platform": row.platform,
        "target": row.target,
        "as_of": row.as_of.isoformat(),
        "achieved": row.achieved,
        "pct": _number(row.pct),
        "expected": row.expected,
        "remaining": row.remaining,
        "pace_needed_per_week": _number(row.pace_needed),
    }


def _peer_json(report: PeriodReport, peer: Growth) -> dict[str, Any]:
    """A peer's posts, interactions and engagement over the period, and the office's rate on
    the same platform (null where unknown: posts not read)."""
    found = next(
        (
            e
            for e in report.peer_engagement
            if (e.platform, e.handle) == (peer.platform, peer.account)
        ),
        None,
    )
    if found is None:
        return {
            "posts": None,
            "interactions": None,
            "engagement_rate": None,
            "office_engagement_rate": None,
        }
    return {
        "posts": found.posts,
        "interactions": found.interactions,
        "engagement_rate": _number(found.engagement_pct),
        "office_engagement_rate": _number(found.office_pct),
    }


def period_json(report: PeriodReport) -> dict[str, Any]:
    """`{"from","to","followers","activity","news","free_press","targets"}` plus what the
    files also show (peers, months, quality) under their own keys."""
    fp, news, q = report.free_press, report.news, report.quality
    return {
        "from": report.period.start.isoformat(),
        "to": report.period.end.isoformat(),
        "followers": [growth_json(g) for g in report.followers],
        "activity": [dict(a) for a in report.activity],
        "news": {
            "items": news.mentions,
            "items_per_week": _number(report.items_per_week),
            "stories": news.stories,
        },
        "free_press": {
            "currency": "COP",
            "iva_rate": float(fp.iva_rate),
            "total_before_iva": fp.total_before_iva,
            "iva": fp.iva,
            "total_with_iva": fp.total_with_iva,
            "clips": fp.clips,
            "airtime_s": fp.airtime_s,
            "web_items": fp.web_items,
            "unvalued": len(fp.unvalued),
        },
        "targets": [target_json(t) for t in report.targets],
        "peers": [{**growth_json(g), **_peer_json(report, g)} for g in report.peers],
        "months": [
            {"month": f"{m.month.start:%Y-%m}", **growth_json(m.growth)} for m in report.months
        ],
        "quality": {
            "days": q.days,
            "nights_run": q.nights_run,
            "nights_without_run": q.nights_without_run,
            "failed_nights": [
                {"date": n.day.isoformat(), "status": n.status, "failed_sources": n.failed_sources}
                for n in q.failed_nights
            ],
            "missing_days": [
                {"platform": g.platform, "account": g.account, "days": g.missing} for g in q.gaps
            ],
        },
    }
