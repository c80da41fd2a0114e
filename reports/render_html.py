"""The report as one self-contained HTML page: inline CSS, inline SVG, no script, no network.

Jinja2 autoescapes every value; links are kept only for http(s) URLs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from reports import formatting as f
from reports import svg
from reports.cells import display
from reports.files import report_heading
from reports.highlights import highlights
from reports.i18n import interaction_rules, label, medium_name, platform_name, report_title
from reports.messages import notice_text
from reports.model import FreePress, TopPost, WeeklyReport
from reports.spikes import spike_summary
from reports.tables import Col, Table, cell_kind
from valuation.notes import ave_note

TEMPLATES = Path(__file__).parent / "templates"
NUMERIC = ("int", "signed", "money", "pct", "signed_pct", "decimal")
TEXT_LIMIT = 160


NOT_APPLICABLE = "—"


@dataclass(frozen=True, slots=True)
class CellView:
    text: str
    css: str = ""  # num (right-aligned), nowrap, missing
    href: str | None = None
    chart: Markup | None = None


@dataclass(frozen=True, slots=True)
class TableView:
    name: str
    title: str
    headers: list[tuple[str, bool]]  # (header, numeric)
    rows: list[list[CellView]]


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    value: str
    previous: str
    change: str
    trend: str  # up | down | flat | unknown


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _safe_href(url: Any) -> str | None:
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _css(kind: str) -> str:
    if kind == "id":
        return "id"  # digits, not a word: may wrap anywhere rather than widen the page
    return "num" if kind in NUMERIC else "nowrap" if kind in ("date", "datetime") else ""


def _cell(value: Any, col: Col, lang: str) -> CellView:
    value, kind = cell_kind(value, col)
    if kind == "spark":
        chart = svg.sparkline(value)
        return CellView("", chart=chart) if chart else CellView(f.missing(lang), "missing")
    if value is None:
        # A text field left empty (no program, no reason) is not missing data.
        if kind == "text":
            return CellView(NOT_APPLICABLE)
        return CellView(f.missing(lang), f"{_css(kind)} missing")
    if kind == "url":
        href = _safe_href(value)
        return CellView(label("link", lang) if href else str(value), href=href)
    text = display(value, kind, lang, col.digits)
    if kind == "text" and len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1].rstrip() + "…"
    return CellView(text, _css(kind))


def table_view(table: Table, lang: str) -> TableView:
    """The table as the page shows it: columns meant for the spreadsheets only are left out."""
    shown = [i for i, c in enumerate(table.columns) if c.html]
    columns = [table.columns[i] for i in shown]
    return TableView(
        name=table.name,
        title=label(table.title_key, lang),
        headers=[(c.header(lang), c.kind in NUMERIC) for c in columns],
        rows=[[_cell(row[i], table.columns[i], lang) for i in shown] for row in table.rows],
    )


@dataclass(frozen=True, slots=True)
class PostView:
    rank: int
    platform: str
    account: str
    published: str
    text: str
    href: str | None
    interactions: str
    rate: str
    thumbnail: str | None  # data: URI of the stored picture, never a platform address


def post_views(report: WeeklyReport, lang: str) -> list[PostView]:
    return [_post_view(i, p, report, lang) for i, p in enumerate(report.top_posts, start=1)]


def _post_view(rank: int, post: TopPost, report: WeeklyReport, lang: str) -> PostView:
    text = post.text or ""
    if len(text) > 2 * TEXT_LIMIT:
        text = text[: 2 * TEXT_LIMIT - 1].rstrip() + "…"
    return PostView(
        rank=rank,
        platform=platform_name(post.platform, lang),
        account=post.account,
        published=f.fmt_datetime(f.local_time(post.published_at, report.tz), lang),
        text=text,
        href=_safe_href(post.url),
        interactions=f.fmt_int(post.interactions, lang),
        rate=f.fmt_pct(post.engagement_pct, lang, 2),
        thumbnail=post.thumbnail_uri,
    )


def _trend(change: int | None) -> str:
    if change is None:
        return "unknown"
    return "up" if change > 0 else "down" if change < 0 else "flat"


def _cards(report: WeeklyReport, lang: str) -> list[Card]:
    """The summary's figures with the same precision and signs as its table."""
    cards = []
    for h in report.summary:
        show = f.fmt_money if h.money else f.fmt_int
        if h.value is None:
            change, previous = "", ""
        elif h.previous is None:
            # Nothing a week earlier at all: the first week; else only this figure is missing.
            key = "no_previous" if report.previous_has_data else "first_week"
            change, previous = label(key, lang), ""
        else:
            delta = f.fmt_signed_money(h.change, lang) if h.money else f.fmt_signed(h.change, lang)
            pct = f" ({f.fmt_signed_pct(h.change_pct, lang)})" if h.change_pct is not None else ""
            change, previous = delta + pct, show(h.previous, lang)
        cards.append(
            Card(
                label(f"headline_{h.key}", lang),
                show(h.value, lang),
                previous,
                change,
                _trend(h.change),
            )
        )
    return cards


def _year_share(day: date) -> float:
    start = date(day.year, 1, 1)
    return ((day - start).days + 1) / ((date(day.year, 12, 31) - start).days + 1)


def _charts(report: WeeklyReport, lang: str) -> dict[str, Markup]:
    # A platform without a target has nothing to progress towards: no bar (named under it).
    volume = [
        (
            platform_name(v.platform, lang),
            v.year_to_date / v.target,
            f"{f.fmt_int(v.year_to_date, lang)} / {f.fmt_int(v.target, lang)}",
        )
        for v in report.volume
        if v.target
    ]
    interactions = [
        (platform_name(r.platform, lang), r.interactions, f.fmt_int(r.interactions, lang))
        for r in report.interactions
    ]
    media = [
        (medium_name(r.medium, lang) or f.missing(lang), r.mentions, f.fmt_int(r.mentions, lang))
        for r in report.news.by_medium
    ]
    value = [
        (medium_name(r.name, lang) or r.name, r.before_iva, f.fmt_money(r.before_iva, lang))
        for r in report.free_press.by_medium
    ]
    return {
        "volume": svg.progress_chart(
            volume, expected=_year_share(report.week.end), title=label("section_volume", lang)
        ),
        "interactions": svg.bar_chart(interactions, title=label("section_interactions", lang)),
        "news_media": svg.bar_chart(media, title=label("section_news_media", lang)),
        "free_press_media": svg.bar_chart(value, title=label("section_fp_media", lang)),
    }


def free_press_notes(fp: FreePress, lang: str) -> dict[str, str]:
    """The free-press section's notes (AVE, the counts behind it, IVA): weekly and period."""
    counts = label(
        "fp_counts",
        lang,
        clips=f.fmt_int(fp.clips, lang),
        airtime=f.fmt_duration(fp.airtime_s, lang),
        cm=f.fmt_decimal(fp.column_cm, lang),
        web=f.fmt_int(fp.web_items, lang),
        unvalued=f.fmt_int(len(fp.unvalued), lang),
    )
    rate = f.fmt_pct(fp.iva_rate * 100, lang, 0)
    return {"ave": ave_note(lang), "counts": counts, "iva": label("fp_iva", lang, rate=rate)}


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string inside <style>, where HTML escapes do not apply: quotes and
    backslashes escaped, `<` written as a CSS escape so no `</style>` can end the block."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    flat = body.replace("\r", " ").replace("\n", " ")
    return Markup(f'"{flat}"')  # noqa: S704 - escaped for CSS above


def _page_number(lang: str) -> Markup:
    # "Página 2 de 7": the words are escaped CSS strings, the numbers CSS counters.
    before, middle = label("page_of", lang).split("{page}")
    between = middle.split("{pages}")[0]
    words = (css_string(before), css_string(between))
    return Markup(f"{words[0]} counter(page) {words[1]} counter(pages)")  # noqa: S704


page_number_css = _page_number  # the period report's footer uses the same words


def _no_target(report: WeeklyReport, lang: str) -> str:
    names = [platform_name(v.platform, lang) for v in report.volume if not v.target]
    return label("no_target_platforms", lang, platforms=", ".join(names)) if names else ""


def render_html(report: WeeklyReport, tables: list[Table], lang: str) -> str:
    def t(key: str, **values: object) -> str:
        return label(key, lang, **values)

    template = _environment().get_template("weekly.html.j2")
    return template.render(
        lang=lang,
        t=t,
        fmt=f,
        report=report,
        title=report_title(report.week.start, report.week.end, lang),
        highlights=highlights(report, lang),
        notices=[notice_text(n, lang) for n in report.notices],
        posts=post_views(report, lang),
        no_target=_no_target(report, lang),
        week_range=f"{f.fmt_date(report.week.start, lang)} – {f.fmt_date(report.week.end, lang)}",
        generated=f.fmt_datetime(f.local_time(report.generated_at, report.tz), lang),
        tables={table.name: table_view(table, lang) for table in tables},
        cards=_cards(report, lang),
        charts=_charts(report, lang),
        fp_notes=free_press_notes(report.free_press, lang),
        metrics_day=f.fmt_date(f.local_time(report.generated_at, report.tz), lang),
        page_footer=css_string(report_heading(report, lang)),
        page_number=_page_number(lang),
        spike_lines=[spike_summary(s, lang) for s in report.spikes],
        interaction_rules=interaction_rules(lang),
    )
