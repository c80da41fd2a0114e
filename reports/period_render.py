"""The period report as files: one self-contained HTML page (the weekly report's cells, CSS
and SVG charts, its own template), an XLSX with one sheet per table and one CSV per table.

PDF: given a writer (html text, path) -> path, the same page is also written as report.pdf;
flows.steps.period passes the weekly report's writer (reports.pdf) where the build has it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from reports import formatting as f
from reports import svg
from reports.csv_export import write_csvs
from reports.i18n import label, medium_name, platform_name
from reports.period_model import PeriodReport
from reports.period_tables import month_name, period_tables
from reports.render_html import TEMPLATES, table_view
from reports.tables import Table
from reports.xlsx import write_xlsx
from valuation.notes import ave_note

LANGS = ("es", "en")


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def has_data(report: PeriodReport) -> bool:
    return bool(
        any(g.end is not None for g in report.followers + report.peers)
        or report.activity
        or report.news.mentions
        or report.free_press.available
    )


def _charts(report: PeriodReport, lang: str) -> dict[str, Markup]:
    new: dict[str, list[int]] = defaultdict(list)
    for row in report.months:
        if row.growth.change is not None:
            new[month_name(row.month, lang)].append(row.growth.change)
    months = [(name, sum(values), f.fmt_signed(sum(values), lang)) for name, values in new.items()]
    platforms: dict[str, int] = defaultdict(int)
    for pm in report.platform_months:
        platforms[pm.platform] += pm.interactions or 0
    interactions = [
        (platform_name(p, lang), v, f.fmt_int(v, lang)) for p, v in platforms.items() if v
    ]
    media = [
        (medium_name(r.medium, lang) or f.missing(lang), r.mentions, f.fmt_int(r.mentions, lang))
        for r in report.news.by_medium
    ]
    return {
        "new_by_month": svg.bar_chart(months, title=label("section_new_by_month", lang)),
        "interactions": svg.bar_chart(interactions, title=label("section_activity", lang)),
        "news_media": svg.bar_chart(media, title=label("section_news_media", lang)),
    }


def _notes(report: PeriodReport, lang: str) -> dict[str, str]:
    fp = report.free_press
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


def render_period_html(report: PeriodReport, tables: list[Table], lang: str) -> str:
    def t(key: str, **values: object) -> str:
        return label(key, lang, **values)

    period, q = report.period, report.quality
    template = _environment().get_template("period.html.j2")
    return template.render(
        lang=lang,
        t=t,
        report=report,
        has_data=has_data(report),
        period_range=f"{f.fmt_date(period.start, lang)} – {f.fmt_date(period.end, lang)}",
        generated=f.fmt_datetime(f.local_time(report.generated_at, report.tz), lang),
        tables={table.name: table_view(table, lang) for table in tables},
        charts=_charts(report, lang),
        fp_notes=_notes(report, lang),
        activity_note=t(
            "period_activity_note", tz=report.timezone, day=f.fmt_date(period.end, lang)
        ),
        quality_line=t(
            "quality_period",
            days=f.fmt_int(q.days, lang),
            run=f.fmt_int(q.nights_run, lang),
            without=f.fmt_int(q.nights_without_run, lang),
        ),
    )


PdfWriter = Callable[[str, Path], Path]


def write_period_report(
    report: PeriodReport, out_dir: Path, lang: str = "es", *, pdf: PdfWriter | None = None
) -> list[Path]:
    """Write report.html, report.xlsx and one CSV per table into `out_dir` (created when
    missing), and report.pdf from the same page when a PDF writer is given; returns the paths
    written, the HTML first."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r} (expected es or en)")
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = period_tables(report, lang)
    html = out_dir / "report.html"
    page = render_period_html(report, tables, lang)
    html.write_text(page, encoding="utf-8")
    written = [pdf(page, out_dir / "report.pdf")] if pdf else []
    return [
        html,
        write_xlsx(tables, out_dir / "report.xlsx", lang),
        *write_csvs(tables, out_dir, lang),
        *written,
    ]
