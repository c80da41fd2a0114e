"""Tables and columns: the one presentation model of Pulso.

The weekly report's tables (rendered as HTML, XLSX and CSV), the CLI's tables and CSV, and the
dashboard's pages and downloads all describe their columns with `Col`, whose header comes from
the one vocabulary in reports/i18n.py. Cells hold raw values (int, Decimal, date, str, None);
each renderer formats them for its medium. `None` always renders as "sin datos" / "no data",
never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reports.columns import Col as Col
from reports.columns import Kind as Kind
from reports.formatting import local_time
from reports.i18n import IMPRESSION_PLATFORMS, label, medium_name, platform_name, unit_name
from reports.messages import (
    failure_reason,
    issue_reason,
    rate_trail,
    source_name,
    unvalued_reason,
)

if TYPE_CHECKING:  # the weekly report's model: not loaded by a command printing one answer
    from reports.model import (
        CoverageRow,
        FollowerRow,
        News,
        PeerEngagement,
        Quality,
        SourceIssue,
        ValueRow,
        WeeklyReport,
    )


@dataclass(frozen=True, slots=True)
class Cell:
    """A value whose kind differs from its column's (the money row of the summary)."""

    value: Any
    kind: Kind


def cell_kind(value: Any, col: Col) -> tuple[Any, Kind]:
    if isinstance(value, Cell):
        return value.value, value.kind
    return value, col.kind


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # file and sheet stem: followers, news_outlets...
    title_key: str
    columns: tuple[Col, ...]
    rows: tuple[tuple[Any, ...], ...]

    def headers(self, lang: str) -> list[str]:
        return [c.header(lang) for c in self.columns]


def _follower_cells(row: FollowerRow, lang: str) -> tuple[Any, ...]:
    return (
        platform_name(row.platform, lang),
        row.account,
        row.start,
        row.end,
        row.new,
        row.growth_pct,
        row.weekly_end,
    )


FOLLOWER_COLS = (
    Col("platform"),
    Col("account"),
    Col("start", "int"),
    Col("end", "int"),
    Col("new_followers", "signed"),
    Col("growth_pct", "pct", 2),
    Col("trend", "spark"),
)


def summary_table(report: WeeklyReport, lang: str) -> Table:
    rows = tuple(
        (
            label(f"headline_{h.key}", lang),
            Cell(h.value, "money") if h.money else h.value,
            Cell(h.previous, "money") if h.money else h.previous,
            Cell(h.change, "money") if h.money else h.change,
            h.change_pct,
        )
        for h in report.summary
    )
    columns = (
        Col("indicator"),
        Col("this_week", "int"),
        Col("previous_week", "int"),
        Col("change", "signed"),
        Col("change_pct", "signed_pct"),
    )
    return Table("summary", "section_summary", columns, rows)


# The benchmark: each peer's followers, then its week's posts and engagement rate beside the
# office's own rate on the same platform (the same rule: reports.model.engagement_pct).
PEER_COLS = FOLLOWER_COLS + (
    Col("posts", "int"),
    Col("interactions", "int"),
    Col("engagement_pct", "pct", 2),
    Col("office_engagement_pct", "pct", 2),
)


def _peer_cells(row: FollowerRow, engagement: PeerEngagement | None, lang: str) -> tuple[Any, ...]:
    if engagement is None:
        return _follower_cells(row, lang) + (None, None, None, None)
    return _follower_cells(row, lang) + (
        engagement.posts,
        engagement.interactions,
        engagement.engagement_pct,
        engagement.office_pct,
    )


def follower_tables(report: WeeklyReport, lang: str) -> list[Table]:
    own = tuple(_follower_cells(r, lang) for r in report.followers)
    weeks = {(e.platform, e.handle): e for e in report.peer_engagement}
    peers = tuple(_peer_cells(r, weeks.get((r.platform, r.handle)), lang) for r in report.peers)
    return [
        Table("followers", "section_followers", FOLLOWER_COLS, own),
        Table("peers", "section_peers", PEER_COLS, peers),
    ]


def volume_table(report: WeeklyReport, lang: str) -> Table:
    columns = (
        Col("platform"),
        Col("posts_week", "int"),
        Col("posts_ytd", "int"),
        Col("target", "int"),
        Col("progress", "pct"),
        Col("remaining", "int"),
        Col("pace", "int"),
    )
    rows = tuple(
        (
            platform_name(v.platform, lang),
            v.week,
            v.year_to_date,
            v.target,
            v.progress_pct,
            v.remaining,
            v.pace_needed,
        )
        for v in report.volume
    )
    return Table("volume", "section_volume", columns, rows)


def _reach(platform: str, views: int | None) -> tuple[Any, Any]:
    """(views, impressions): X counts impressions, the others views; the other is n/a."""
    if platform in IMPRESSION_PLATFORMS:
        return Cell(None, "text"), views
    return views, Cell(None, "text")


def interaction_tables(report: WeeklyReport, lang: str) -> list[Table]:
    columns = (
        Col("platform"),
        Col("posts", "int"),
        Col("reactions", "int"),
        Col("comments", "int"),
        Col("shares", "int"),
        Col("interactions", "int"),
        Col("engagement_pct", "pct", 2),
        Col("views", "int"),
        Col("impressions", "int"),
    )
    rows = tuple(
        (platform_name(r.platform, lang), r.posts, r.reactions, r.comments, r.shares)
        + (r.interactions, r.engagement_pct)
        + _reach(r.platform, r.views)
        for r in report.interactions
    )
    top_columns = (
        Col("rank", "int"),
        Col("platform"),
        Col("account"),
        Col("published", "datetime"),
        Col("text"),
        Col("interactions", "int"),
        Col("engagement_pct", "pct", 2),
        Col("views", "int"),
        Col("impressions", "int"),
        Col("link", "url"),
    )
    top = tuple(
        (i, platform_name(p.platform, lang), p.account, local_time(p.published_at, report.tz))
        + (p.text, p.interactions, p.engagement_pct)
        + _reach(p.platform, p.views)
        + (p.url,)
        for i, p in enumerate(report.top_posts, start=1)
    )
    return [
        Table("interactions", "section_interactions", columns, rows),
        engagement_table(report, lang),
        Table("top_posts", "section_top_posts", top_columns, top),
    ]


def engagement_table(report: WeeklyReport, lang: str) -> Table:
    """Own accounts ranked by engagement rate: the comparison fair to small accounts."""
    columns = (
        Col("rank", "int"),
        Col("platform"),
        Col("account"),
        Col("posts", "int"),
        Col("interactions", "int"),
        Col("end_followers", "int"),
        Col("engagement_pct", "pct", 2),
    )
    rows = tuple(
        (i, platform_name(e.platform, lang), e.account, e.posts, e.interactions, e.followers)
        + (e.engagement_pct,)
        for i, e in enumerate(report.engagement, start=1)
    )
    return Table("engagement", "section_engagement", columns, rows)


def _coverage_rows(rows: tuple[CoverageRow, ...], lang: str, outlet: bool) -> tuple[Any, ...]:
    if outlet:
        return tuple((r.name, medium_name(r.medium, lang), r.mentions, r.stories) for r in rows)
    return tuple((medium_name(r.medium, lang), r.mentions, r.stories) for r in rows)


def coverage_tables(news: News, lang: str) -> list[Table]:
    """Mentions and stories by outlet and by medium: the weekly and the period report alike."""
    counts = (Col("mentions", "int"), Col("stories", "int"))
    return [
        Table(
            "news_outlets",
            "section_news_outlets",
            (Col("outlet"), Col("medium")) + counts,
            _coverage_rows(news.by_outlet, lang, True),
        ),
        Table(
            "news_media",
            "section_news_media",
            (Col("medium"),) + counts,
            _coverage_rows(news.by_medium, lang, False),
        ),
    ]


def news_tables(report: WeeklyReport, lang: str) -> list[Table]:
    news = report.news
    stories = tuple(
        (s.title, s.mentions, ", ".join(s.outlets), local_time(s.first_published_at, report.tz))
        + (s.url,)
        for s in news.top_stories
    )
    story_cols = (
        Col("headline"),
        Col("mentions", "int"),
        Col("outlets"),
        Col("first_published", "datetime"),
        Col("link", "url"),
    )
    return [
        *coverage_tables(news, lang),
        Table("top_stories", "section_top_stories", story_cols, stories),
    ]


def _or_blank(value: Any) -> Any:
    """Airtime of a print clip, space of a TV clip: not applicable rather than missing."""
    return Cell(None, "text") if value is None else value


def _value_rows(rows: tuple[ValueRow, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple((r.name, r.before_iva, r.with_iva) for r in rows)


def free_press_tables(report: WeeklyReport, lang: str) -> list[Table]:
    fp = report.free_press
    money = (Col("before_iva", "money"), Col("with_iva", "money"))
    media = tuple((medium_name(r.name, lang), r.before_iva, r.with_iva) for r in fp.by_medium)
    item_cols = (
        Col("outlet"),
        Col("medium"),
        Col("program"),
        Col("aired_on", "date"),
        Col("title_col"),
        Col("seconds", "int"),
        Col("column_cm", "decimal"),
        Col("unit", html=False),  # the page says it in the rate's words
        Col("rate", "money"),
        Col("rate_trail"),
        Col("before_iva", "money"),
        Col("origin", "id", html=False),
    )
    items = tuple(
        (i.outlet, medium_name(i.medium, lang), i.program, i.aired_on, i.title)
        + (_or_blank(i.seconds), _or_blank(i.column_cm), unit_name(i.unit, lang))
        + (i.rate_cop, rate_trail(i, lang), i.value_before_iva, i.rate_ref)
        for i in fp.items
    )
    unvalued_cols = (
        Col("outlet"),
        Col("program"),
        Col("aired_on", "date"),
        Col("title_col"),
        Col("reason"),
    )
    unvalued = tuple(
        (u.outlet, u.program, u.aired_on, u.title, unvalued_reason(u.code, u.params, lang))
        for u in fp.unvalued
    )
    return [
        Table(
            "free_press_outlets",
            "section_fp_outlets",
            (Col("outlet"),) + money,
            _value_rows(fp.by_outlet),
        ),
        Table("free_press_media", "section_fp_media", (Col("medium"),) + money, media),
        Table("free_press_items", "section_fp_items", item_cols, items),
        Table("free_press_unvalued", "section_fp_unvalued", unvalued_cols, unvalued),
    ]


def _issue_rows(
    issues: tuple[SourceIssue, ...], lang: str, names: Any = None
) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        (source_name(i.source, lang, names), label(f"problem_{i.problem}", lang))
        + (i.times or None, i.last_seen, issue_reason(i, lang))
        for i in issues
    )


def quality_tables(report: WeeklyReport, lang: str) -> list[Table]:
    q = report.quality
    names = _names(report)
    columns = (
        Col("source"),
        Col("problem"),
        Col("times", "int"),
        Col("last_seen", "date"),
        # Worded from the error's kind; the collector's own (English, technical) text stays in
        # the run's record for operators (`pulso` logs, the dashboard's coverage page).
        Col("reason"),
    )
    stale_cols = columns[:2] + (Col("last_ok", "date"),) + columns[4:]
    stale = tuple(r[:2] + r[3:] for r in _issue_rows(q.stale_sources, lang, names))
    cred_cols = columns[:2] + (Col("date", "date"),) + columns[4:]
    creds = tuple(r[:2] + r[3:] for r in _issue_rows(q.credentials, lang, names))
    missing_cols = (
        Col("platform"),
        Col("account"),
        Col("missing_count", "int"),
        Col("missing_days", "dates"),
    )
    missing = tuple(
        (platform_name(m.platform, lang), m.account, len(m.days), m.days) for m in q.missing_days
    )
    failed = _issue_rows(q.failed_sources, lang, names)
    return [
        Table("quality_failed", "section_q_failed", columns, failed),
        Table("quality_stale", "section_q_stale", stale_cols, stale),
        Table("quality_credentials", "section_q_credentials", cred_cols, creds),
        Table("quality_missing", "section_q_missing", missing_cols, missing),
        given_up_table(q, lang),
    ]


def _names(report: WeeklyReport) -> Any:
    """(platform, handle) -> the account's display name, from the report's own rows."""
    known = {(r.platform, r.handle.casefold()): r.account for r in report.followers + report.peers}

    def name(platform: str, handle: str) -> str:
        return known.get((platform, handle.strip().lstrip("@").casefold()), handle)

    return name


def given_up_table(q: Quality, lang: str = "es") -> Table:
    columns = (
        Col("outlet"),
        Col("url"),  # shown, not linked: a page Pulso refused should not be one click away
        Col("nights_failed", "int"),
        Col("last_failed", "date"),
        Col("reason"),
    )
    rows = tuple(
        (p.outlet, p.url, p.nights_failed, p.last_failed_on, failure_reason(p.error_kind, lang))
        for p in q.given_up_pages
    )
    return Table("quality_given_up", "section_q_given_up", columns, rows)


def all_tables(report: WeeklyReport, lang: str) -> list[Table]:
    """Every table of the report, in reading order."""
    from reports.extras import extra_tables  # it builds on this module's columns

    *reach_campaigns, share = extra_tables(report.extras, lang, report.tz)
    return [
        summary_table(report, lang),
        *follower_tables(report, lang),
        volume_table(report, lang),
        *interaction_tables(report, lang),
        *reach_campaigns,
        *news_tables(report, lang),
        share,
        *free_press_tables(report, lang),
        *quality_tables(report, lang),
    ]
