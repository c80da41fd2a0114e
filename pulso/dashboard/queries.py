"""The dashboard's reads, through the CLI's own steps, memoised for a short while."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flows.steps.followers import growth_report
from pulso.dashboard.series import Series, follower_series
from pulso.dashboard.state import Board
from storage.growth import Growth


def growth(
    board: Board,
    *,
    platform: str | None = None,
    account: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[Growth]:
    key = ("growth", platform, account, start, end)
    return board.cache.get_or_compute(
        key,
        lambda: growth_report(
            board.engine, platform=platform, account=account, from_=start, to=end
        ),
    )


def accounts(board: Board) -> list[tuple[str, str]]:
    """Every known (platform, handle), ordered as `pulso growth` lists them."""
    return [(g.platform, g.account) for g in growth(board)]


def series(board: Board, chosen: Sequence[tuple[str, str]], start: date, end: date) -> list[Series]:
    key = ("series", tuple(chosen), start, end)
    return board.cache.get_or_compute(
        key, lambda: follower_series(board.engine, chosen, start, end)
    )
