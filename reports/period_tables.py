"""The period report's tables (rendered as HTML, XLSX and CSV by the weekly report's writers).

Columns are `reports.tables.Col` with keys from the one vocabulary (reports/i18n.py).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from reports.extras import extra_tables
from reports.formatting import local_time
from reports.i18n import label, medium_name, platform_name
from reports.model import PeerEngagement, ValueRow
from reports.period import Period
from reports.period_model import PeriodReport
from reports.tables import FOLLOWER_COLS, PEER_COLS, Cell, Col, Table, coverage_tables
from storage.growth import Growth

GROWTH_COLS = (
    Col("platform"),
    Col("account"),
    Col("start_date", "date"),
    Col("start", "int"),
    Col("end_date", "date"),
    Col("end", "int"),
    Col("new_followers", "signed"),
    Col("growth_pct", "pct", 2),
)


def month_name(month: Period, lang: str) -> str:
    start = month.start
    return f"{start.year}-{start.month:02d}" if lang == "en" else f"{start.month:02d}/{start.year}"


def _growth_cells(g: Growth, lang: str) -> tuple[Any, ...]:
    return (
        platform_name(g.platform, lang),
        g.account,
        g.start.day if g.start else None,
        g.start.followers if g.start else None,
        g.end.day if g.end else None,
        g.end.followers if g.end else None,
        g.change,
        g.change_pct,
    )


# As in the weekly benchmark (reports.tables.PEER_COLS): the peer's figures, then the office's
# rate on the same platform.
PEER_FIGURES = PEER_COLS[len(FOLLOWER_COLS) :]


def _peer_figures(found: PeerEngagement | None) -> tuple[Any, ...]:
    if found is None:
        return (None,) * len(PEER_FIGURES)
    return (found.posts, found.interactions, found.engagement_pct, found.office_pct)


def monthly_ends(report: PeriodReport) -> dict[tuple[str, str], list[int | None]]:
    """Each own account's followers at the end of each month (the sparkline's points)."""
    ends: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    for row in report.months:
        g = row.growth
        ends[(g.platform, g.account)].append(g.end.followers if g.end else None)
    return ends


def follower_tables(report: PeriodReport, lang: str) -> list[Table]:
    ends = monthly_ends(report)
    own = tuple(
        _growth_cells(g, lang) + (tuple(ends.get((g.platform, g.account), ())),)
        for g in report.followers
    )
    weeks = {(e.platform, e.handle): e for e in report.peer_engagement}
    peers = tuple(
        _growth_cells(g, lang) + _peer_figures(weeks.get((g.platform, g.account)))
        for g in report.peers
    )
    months = tuple(
        (month_name(r.month, lang),) + _growth_cells(r.growth, lang) for r in report.months
    )
    return [
        Table(
            "period_followers",
            "section_period_followers",
            GROWTH_COLS + (Col("trend_months", "spark"),),
            own,
        ),
        Table("period_peers", "section_peers", GROWTH_COLS + PEER_FIGURES, peers),
        Table("period_months", "section_period_months", (Col("month"),) + GROWTH_COLS, months),
    ]


def activity_tables(report: PeriodReport, lang: str) -> list[Table]:
    month_cols = (
        Col("month"),
        Col("platform"),
        Col("posts", "int"),
        Col("interactions", "int"),
        Col("impressions", "int"),
        Col("views", "int"),
        Col("followers_end", "int"),
        Col("engagement_rate", "pct", 2),
    )
    months = tuple(
        (month_name(r.month, lang), platform_name(r.platform, lang), r.posts, r.interactions)
        + (r.impressions, r.views, r.followers, r.engagement_rate)
        for r in report.platform_months
    )
    account_cols = (
        Col("platform"),
        Col("account"),
        Col("posts", "int"),
        Col("interactions", "int"),
        Col("impressions", "int"),
        Col("views", "int"),
        Col("engagement_rate", "pct", 2),
    )
    accounts = tuple(
        (platform_name(str(a["platform"]), lang), a["account"], a["posts"], a["interactions"])
        + (a["impressions"], a["views"], _decimal(a["engagement_rate"]))
        for a in report.activity
    )
    best_cols = (
        Col("rank", "int"),
        Col("platform"),
        Col("account"),
        Col("published", "datetime"),
        Col("text"),
        Col("interactions", "int"),
        Col("views", "int"),
        Col("link", "url"),
        Col("post_id", "id"),
    )
    best = tuple(
        (i, platform_name(p.platform, lang), p.account, local_time(p.published_at, report.tz))
        + (p.text, p.interactions, p.views, p.url, p.post_id)
        for i, p in enumerate(report.best_posts, start=1)
    )
    return [
        Table("period_activity", "section_activity_months", month_cols, months),
        Table("period_accounts", "section_activity_accounts", account_cols, accounts),
        Table("period_best_posts", "section_best_posts", best_cols, best),
    ]


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def news_tables(report: PeriodReport, lang: str) -> list[Table]:
    news = report.news
    summary = (
        (label("items", lang), news.mentions),
        (label("items_per_week", lang), Cell(report.items_per_week, "decimal")),
        (label("stories", lang), news.stories),
    )
    return [
        Table(
            "period_news", "section_news_summary", (Col("indicator"), Col("value", "int")), summary
        ),
        *coverage_tables(news, lang),
    ]


def _value_rows(rows: tuple[ValueRow, ...], lang: str, medium: bool) -> tuple[Any, ...]:
    return tuple(
        ((medium_name(r.name, lang) or r.name) if medium else r.name, r.before_iva, r.with_iva)
        for r in rows
    )


def free_press_tables(report: PeriodReport, lang: str) -> list[Table]:
    fp = report.free_press
    totals = (
        (label("before_iva", lang), fp.total_before_iva),
        (label("iva", lang), fp.iva),
        (label("with_iva", lang), fp.total_with_iva),
    )
    money = (Col("before_iva", "money"), Col("with_iva", "money"))
    # Per outlet and reason, not per item: two years can leave thousands of items without a
    # rate; `pulso valuate --from --to` lists each of them.
    unvalued = tuple(
        (u.outlet, u.items, u.reason_es if lang == "es" else u.reason) for u in report.unvalued
    )
    unvalued_cols = (Col("outlet"), Col("items_count", "int"), Col("reason"))
    return [
        Table(
            "period_free_press",
            "section_fp_summary",
            (Col("indicator"), Col("value", "money")),
            totals,
        ),
        Table(
            "free_press_outlets",
            "section_fp_outlets",
            (Col("outlet"),) + money,
            _value_rows(fp.by_outlet, lang, False),
        ),
        Table(
            "free_press_media",
            "section_fp_media",
            (Col("medium"),) + money,
            _value_rows(fp.by_medium, lang, True),
        ),
        Table("free_press_unvalued", "section_fp_unvalued", unvalued_cols, unvalued),
    ]


def target_table(report: PeriodReport, lang: str) -> Table:
    columns = (
        Col("year", "id"),
        Col("platform"),
        Col("target", "int"),
        Col("as_of", "date"),
        Col("achieved", "int"),
        Col("progress", "pct"),
        Col("expected", "int"),
        Col("remaining", "int"),
        Col("pace", "decimal"),
    )
    rows = tuple(
        (str(t.year), platform_name(t.platform, lang), t.target, t.as_of, t.achieved, t.pct)
        + (t.expected, t.remaining, t.pace_needed)
        for t in report.targets
    )
    return Table("period_targets", "section_targets", columns, rows)


def quality_tables(report: PeriodReport, lang: str) -> list[Table]:
    q = report.quality
    nights = tuple(
        (n.day, label(f"night_{n.status}", lang), n.failed_sources) for n in q.failed_nights
    )
    gaps = tuple(
        (platform_name(g.platform, lang), g.account, g.missing, g.first_missing, g.last_missing)
        for g in q.gaps
    )
    return [
        Table(
            "quality_nights",
            "section_q_nights",
            (Col("date", "date"), Col("status"), Col("failed_sources", "int")),
            nights,
        ),
        Table(
            "quality_gaps",
            "section_q_gaps",
            (
                Col("platform"),
                Col("account"),
                Col("missing_count", "int"),
                Col("first_missing", "date"),
                Col("last_missing", "date"),
            ),
            gaps,
        ),
    ]


def period_tables(report: PeriodReport, lang: str) -> list[Table]:
    """Every table of the period report, in reading order."""
    *reach_campaigns, share = extra_tables(report.extras, lang, report.tz)
    return [
        *follower_tables(report, lang),
        *activity_tables(report, lang),
        *reach_campaigns,
        *news_tables(report, lang),
        share,
        *free_press_tables(report, lang),
        target_table(report, lang),
        *quality_tables(report, lang),
    ]
