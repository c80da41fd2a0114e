"""The Informes page's archive: one card per report week, its dates, three figures, its files;
then the period reports (`pulso report period`) found in the same folder.

The figures are read from the database for the week's dates (the same steps as the other
pages), so a card needs nothing from the report files beyond their presence. Which file is the
HTML, PDF or XLSX report is `reports_files.WeekReports.main` (reports.files' naming).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pulso.dashboard import coverage, mentions, queries, reports_files
from pulso.dashboard.state import Board
from pulso.dashboard.weeks import iso_week
from reports.i18n import date_range
from reports.week import Week, parse_iso_week


def week_dates(start: date, end: date, lang: str) -> str:
    """'16 al 22 de noviembre de 2026': the report's own wording of its dates."""
    return date_range(start, end, lang)


@dataclass(frozen=True, slots=True)
class Figures:
    new_followers: int | None  # own accounts, summed; None when no account has both ends
    mentions: int
    free_press: int | None  # pesos before IVA; None when nothing was valued


@dataclass(frozen=True, slots=True)
class Card:
    week: str  # the folder: 2026-W47, or a period's label (2021-S1)
    start: date
    end: date
    files: dict[str, reports_files.ReportFile]  # "html" / "pdf" / "xlsx" -> the file
    others: tuple[reports_files.ReportFile, ...]
    figures: Figures | None  # None for a period report (its figures are in its files)


def _new_followers(state: Board, week: Week) -> int | None:
    changes = [
        g.change
        # From the last figure of the week before, as the weekly report counts them.
        for g in queries.growth(state, start=week.start - timedelta(days=1), end=week.end)
        if g.own and g.change is not None
    ]
    return sum(changes) if changes else None


def _figures(state: Board, weeks: Sequence[Week]) -> dict[str, Figures]:
    if not weeks:
        return {}
    first, last = min(w.start for w in weeks), max(w.end for w in weeks)
    counted: dict[str, int] = {}
    for row in mentions.rows(state, first, last, None):
        if row["published_at"] is not None:
            key = iso_week(row["published_at"].date())
            counted[key] = counted.get(key, 0) + 1
    valued: dict[str, int] = {}
    for item in coverage.valuation(state, first, last).items:
        if item.value_cop is not None:
            key = iso_week(item.item.aired_on)
            valued[key] = valued.get(key, 0) + item.value_cop
    return {
        w.label: Figures(_new_followers(state, w), counted.get(w.label, 0), valued.get(w.label))
        for w in weeks
    }


def cards(state: Board) -> list[Card]:
    """Newest week first; a week folder without any report file still gets its card."""
    listed = []
    weeks: dict[str, Week] = {}
    for r in reports_files.list_reports(state.reports_root):
        try:
            weeks[r.week] = parse_iso_week(r.week)
        except ValueError:
            continue  # a folder named like a week that no calendar has (2026-W60)
        listed.append(r)
    figures = _figures(state, list(weeks.values()))
    out = []
    for r in listed:
        week = weeks[r.week]
        out.append(Card(r.week, week.start, week.end, r.main, r.tables, figures[r.week]))
    return out


def period_cards(state: Board) -> list[Card]:
    """The period reports in the reports folder, the latest first."""
    return [
        Card(r.week, period.start, period.end, r.main, r.tables, None)
        for period, r in reports_files.list_period_reports(state.reports_root)
    ]
