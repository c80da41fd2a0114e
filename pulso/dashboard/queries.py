"""The dashboard's reads, through the CLI's own steps, memoised for a short while."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from flows.steps.followers import growth_report
from pulso.dashboard.series import Series, follower_series
from pulso.dashboard.state import Board
from storage.accounts import list_accounts
from storage.db import session_factory
from storage.growth import Growth


def _growth(
    board: Board, platform: str | None, account: str | None, start: date | None, end: date | None
) -> tuple[tuple[object, ...], Callable[[], list[Growth]]]:
    key = ("growth", platform, account, start, end)
    return key, lambda: growth_report(
        board.engine, platform=platform, account=account, from_=start, to=end
    )


def growth(
    board: Board,
    *,
    platform: str | None = None,
    account: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[Growth]:
    return board.cache.get_or_compute(*_growth(board, platform, account, start, end))


async def growth_async(
    board: Board, *, platform: str | None, account: str | None, start: date | None, end: date | None
) -> list[Growth]:
    """The same, for async handlers: a cached answer never waits for a worker thread."""
    return await board.cache.get_or_compute_async(*_growth(board, platform, account, start, end))


def _accounts(board: Board) -> list[tuple[str, str]]:
    # The account list alone: computing everyone's growth to learn their names doubled the
    # growth page's queries when its cache is cold.
    with session_factory(board.engine)() as session:
        return [(a.platform, a.handle) for a in list_accounts(session)]


def accounts(board: Board) -> list[tuple[str, str]]:
    """Every known (platform, handle), ordered as `pulso growth` lists them."""
    return board.cache.get_or_compute(("accounts",), lambda: _accounts(board))


def series(board: Board, chosen: Sequence[tuple[str, str]], start: date, end: date) -> list[Series]:
    key = ("series", tuple(chosen), start, end)
    return board.cache.get_or_compute(
        key, lambda: follower_series(board.engine, chosen, start, end)
    )
