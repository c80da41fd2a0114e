"""The growth page's charts: own accounts and peers apart, fixed colours, gaps, three views."""

from __future__ import annotations

from dataclasses import dataclass

from pulso.dashboard import params, queries
from pulso.dashboard.chart import MODES, Chart, line_chart, small_multiples
from pulso.dashboard.follower_index import gapped_columns, index_for
from pulso.dashboard.names import Style, configured_names, styles
from pulso.dashboard.state import Board
from storage.accounts import list_accounts
from storage.db import session_factory
from storage.growth import Growth

DEFAULT_MODE = "change"


@dataclass(frozen=True, slots=True)
class Charts:
    """What the page draws for one group of accounts (own or peers)."""

    line: Chart | None
    small: tuple[Chart, ...]


def mode(value: str | None) -> str:
    chosen = params.text(value, "view") or DEFAULT_MODE
    if chosen not in MODES:
        known = ", ".join(MODES)
        raise params.BadParam(
            f"view: unknown view {chosen!r} (expected one of {known})",
            f"{params.field('view')}: vista desconocida {chosen!r} (una de {known})",
        )
    return chosen


def _stored_accounts(state: Board) -> list[tuple[str, str]]:
    with session_factory(state.engine)() as session:
        return [(a.platform, a.handle) for a in list_accounts(session)]


def known_accounts(state: Board) -> list[tuple[str, str]]:
    """Every stored (platform, handle), as `queries.accounts` lists them: kept beside the
    follower index until the database changes (it is the same whatever the page's dates),
    else from the result cache."""
    index = index_for(state.engine)
    if index is None:
        return queries.accounts(state)
    return index.memo(("accounts",), lambda: _stored_accounts(state))


def account_styles(
    state: Board, known: list[tuple[str, str]] | None = None
) -> dict[tuple[str, str], Style]:
    """`known`: the account list when the caller has it already (one read per page, not three)."""

    def compute() -> dict[tuple[str, str], Style]:
        stored = known_accounts(state) if known is None else known
        return styles(state.settings.config.accounts, stored)

    index = index_for(state.engine)
    if index is None:
        return state.cache.get_or_compute(("styles",), compute)
    if known is None:
        known = known_accounts(state)  # outside `memo`: it holds the index's lock
    return index.memo(("styles",), compute)


def names(state: Board) -> dict[tuple[str, str], str]:
    return configured_names(state.settings.config.accounts)


def _charts(
    state: Board,
    items: list[Growth],
    span: params.Range,
    lang: str,
    view: str,
    paint: dict[tuple[str, str], Style],
) -> Charts:
    shown = [(g.platform, g.account) for g in items]
    if not shown:
        return Charts(None, ())
    # The figures and the days they were taken, from the per-process index kept in step with
    # the database (follower_index), or one statement where there is none.
    series = gapped_columns(state.engine, shown, span.start, span.end)
    named = names(state)
    if view == "small":
        return Charts(
            None,
            tuple(
                small_multiples(
                    series, span.start, span.end, lang, styles=paint, names=named, thin=True
                )
            ),
        )
    chart = line_chart(
        series, span.start, span.end, lang, mode=view, styles=paint, names=named, thin=True
    )
    return Charts(chart, ())


def charts(
    state: Board,
    items: list[Growth],
    span: params.Range,
    lang: str,
    view: str,
    paint: dict[tuple[str, str], Style],
) -> Charts:
    """The charts of `items`, drawn in `paint` (account_styles: the page's table uses it too)."""
    key = (
        "charts",
        tuple((g.platform, g.account) for g in items),
        span.start,
        span.end,
        lang,
        view,
    )
    return state.cache.get_or_compute(key, lambda: _charts(state, items, span, lang, view, paint))


def split(items: list[Growth]) -> tuple[list[Growth], list[Growth]]:
    """The office's own accounts, then the peers it compares itself with."""
    return [g for g in items if g.own], [g for g in items if not g.own]
