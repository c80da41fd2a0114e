"""The period report as files, in the weekly report's family: one self-contained HTML page
(the weekly report's cells, CSS, print CSS and SVG charts, its own template), the same page as
an A4 PDF (reports.pdf, WeasyPrint), an XLSX with one sheet per table and one CSV per table,
named like the weekly's (reports.files): `informe-periodo-2021-S1.{html,pdf,xlsx}`.

The PDF comes last, and when it cannot be rendered the other files stay and the reason is
returned (`pdf_error`), exactly as for the weekly report (reports.write).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from reports import formatting as f
from reports import svg
from reports.csv_export import write_csvs
from reports.files import report_stem
from reports.i18n import label, medium_name, period_report_title, platform_name
from reports.period_model import PeriodReport
from reports.period_tables import month_name, period_tables
from reports.render_html import (
    TEMPLATES,
    css_string,
    free_press_notes,
    page_number_css,
    table_view,
)
from reports.tables import Table
from reports.write import ReportFiles
from reports.xlsx import write_xlsx

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


def period_heading(report: PeriodReport, lang: str) -> str:
    """`Alcaldía de Santiago de Cali · Informe del periodo · 1 de enero al 30 de junio de 2021`:
    each sheet's first row and the printed pages' footer."""
    title = period_report_title(report.period.start, report.period.end, lang)
    return f"{report.organization} · {title}" if report.organization else title


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
        page_footer=css_string(period_heading(report, lang)),
        page_number=page_number_css(lang),
        generated=f.fmt_datetime(f.local_time(report.generated_at, report.tz), lang),
        tables={table.name: table_view(table, lang) for table in tables},
        charts=_charts(report, lang),
        fp_notes=free_press_notes(report.free_press, lang),
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


def write_period_report(
    report: PeriodReport, out_dir: Path, lang: str = "es", *, pdf: bool = True
) -> ReportFiles:
    """Write `informe-periodo-<label>.{html,xlsx}` and one CSV per table into `out_dir`
    (created when missing), then the PDF of the same page unless `pdf` is False."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r} (expected es or en)")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(report.period.label, lang, "period")
    tables = period_tables(report, lang)
    page = render_period_html(report, tables, lang)
    html = out_dir / f"{stem}.html"
    html.write_text(page, encoding="utf-8")
    heading = period_heading(report, lang)
    xlsx = write_xlsx(tables, out_dir / f"{stem}.xlsx", lang, heading=heading)
    csvs = tuple(write_csvs(tables, out_dir, lang))
    if not pdf:
        return ReportFiles(html, xlsx, None, csvs)
    from reports.pdf import PdfError, write_pdf  # WeasyPrint loads only when a PDF is written

    try:
        return ReportFiles(html, xlsx, write_pdf(page, out_dir / f"{stem}.pdf"), csvs)
    except PdfError as error:
        return ReportFiles(html, xlsx, None, csvs, pdf_error=str(error))
