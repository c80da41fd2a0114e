"""Campaigns and share of voice for the dashboard: the shared steps and answers, memoised
(pages and API alike)."""

from __future__ import annotations

from datetime import date

from flows.steps.campaigns import campaigns_report
from flows.steps.share import share_report
from pulso.dashboard import params
from pulso.dashboard.state import Board
from reports.answers.campaigns import default_period
from reports.answers.share import weeks_back
from reports.queries.campaigns import CampaignFigures

SHARE_WEEKS = 12


def period(board: Board, from_: str | None, to: str | None) -> tuple[date, date]:
    """As `pulso campaigns`: a missing end falls back to the campaigns' own dates."""
    start, end = params.day(from_, "from"), params.day(to, "to")
    first, last = default_period(board.settings.config.campaigns, board.today())
    if start is None:
        start = first if end is None else min(first, end)
    if end is None:
        end = max(last, start)
    params.ordered(start, end)
    return start, end


def figures(board: Board, start: date, end: date) -> list[CampaignFigures]:
    return board.cache.get_or_compute(
        ("campaigns", start, end),
        lambda: campaigns_report(board.engine, board.settings.config, start, end),
    )


def share_period(board: Board, from_: str | None, to: str | None) -> tuple[date, date]:
    """As `pulso share`: the last 12 weeks (from a Monday) to today by default."""
    start, end = params.day(from_, "from"), params.day(to, "to")
    end = end or max(board.today(), start or board.today())
    start = start or weeks_back(end, SHARE_WEEKS)
    params.ordered(start, end)
    return start, end


def share(board: Board, start: date, end: date) -> list[dict[str, object]]:
    return board.cache.get_or_compute(
        ("share", start, end),
        lambda: share_report(board.engine, board.settings.config, start, end),
    )
