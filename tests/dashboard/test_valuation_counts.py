"""The free-press page values each distinct item once and counts it, or sums the kept days
(storage.free_press_days) while they are exact: either way its figures equal the streaming
valuation's over every item (`stream_period`, the path of `pulso valuate`), on data with
repeated items, rate changes inside weeks, program rates, print space, web mentions with and
without a date, outlets without a rate and the office's own portal."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from flows.steps.valuation import estimates, stream_period, value_period
from pulso.dashboard import coverage
from pulso.dashboard.state import Board
from pulso.dashboard.weeks import WeekRow, iso_week, week_totals
from reports.answers.valuation import valuation_json
from storage import free_press_days
from storage import models as m
from storage.coverage_reads import load_rates
from storage.db import transaction
from valuation.free_press import UnvaluedItem, ValuedItem

FIRST = date(2024, 1, 1)
DAYS = 200
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
# id, name, medium, own
OUTLETS = [
    (1, "Canal Uno", "tv", False),
    (2, "Radio Dos", "radio", False),
    (3, "Diario Tres", "print", False),
    (4, "Portal Cuatro", "web", False),
    (5, "Sin Tarifa", "tv", False),
    (6, "Alcaldía Portal", "web", True),  # the office's own: never free press
]
# outlet id, program key, medium, unit, price, valid from, valid to
RATES = [
    (1, "", "tv", "minute", "3900001", FIRST, date(2024, 3, 13)),  # ends on a Wednesday
    (1, "", "tv", "minute", "4100007", date(2024, 3, 21), None),  # a gap of a week
    (1, "noticiero", "tv", "spot30", "777777.5", FIRST, None),  # the program's own rate
    (2, "", "radio", "second", "12345", FIRST, None),
    (3, "", "print", "column_cm", "150001", FIRST, date(2024, 4, 4)),
    (3, "", "print", "column_cm", "160003", date(2024, 4, 5), None),
    (4, "", "web", "item", "250000", date(2024, 2, 8), None),  # starts on a Thursday
    (6, "", "web", "item", "999", FIRST, None),
]


def _seed(engine: Engine, seed: int) -> None:
    draw = random.Random(seed)
    with transaction(engine) as session:
        session.execute(
            insert(m.Outlet),
            [
                {"id": i, "name": n, "name_key": n.lower(), "medium": md, "own": own}
                for i, n, md, own in OUTLETS
            ],
        )
        session.execute(
            insert(m.RateCard),
            [
                {
                    "outlet_id": o,
                    "program_key": p,
                    "program": p or None,
                    "medium": md,
                    "unit": u,
                    "price_cop": Decimal(price),
                    "valid_from": since,
                    "valid_to": until,
                    "imported_at": NOW,
                }
                for o, p, md, u, price, since, until in RATES
            ],
        )
        clips = []
        for n in range(1_500):
            outlet = draw.choice([1, 1, 2, 3, 5, 6])
            program = draw.choice(["", "noticiero"]) if outlet == 1 else ""
            space = outlet == 3
            clips.append(
                {
                    "clip_key": f"c{n}",
                    "outlet_id": outlet,
                    "program": program or None,
                    "program_key": program,
                    "aired_on": FIRST + timedelta(days=draw.randrange(DAYS)),
                    "title": f"corte {n}",
                    # Few lengths and spaces: many clips are the same item, counted.
                    "duration_s": None if space else draw.choice([20, 30, 45, 61, 90]),
                    "column_cm": Decimal(draw.choice(["3.5", "12.25", "7"])) if space else None,
                    "imported_at": NOW,
                }
            )
        session.execute(insert(m.Clip), clips)
        session.execute(insert(m.Story), [{"title": "historia", "created_at": NOW}])
        articles, mentions = [], []
        for n in range(900):
            day = FIRST + timedelta(days=draw.randrange(DAYS))
            dated = n % 7 != 0
            # Undated ones count on their fetch day in Bogotá: late evening is the next UTC day.
            fetched = datetime.combine(day, datetime.min.time(), UTC) + timedelta(
                hours=draw.choice([3, 12, 23])
            )
            articles.append(
                {
                    "id": n + 1,
                    "outlet_id": draw.choice([1, 2, 4, 4, 4, 6]),
                    "canonical_url": f"https://n.example.org/{n}",
                    "url": f"https://n.example.org/{n}",
                    "title": f"Nota {draw.randrange(50)}",
                    "title_key": f"nota {n}",
                    "published_day": day if dated else None,
                    "published_at": fetched if dated else None,
                    "story_id": 1,
                    "fetched_at": fetched,
                }
            )
            if n % 11 != 0:  # an article that matched nothing is no mention
                mentions.append(
                    {"article_id": n + 1, "matched_terms": ["Alcaldía"], "matched_at": NOW}
                )
        session.execute(insert(m.Article), articles)
        session.execute(insert(m.Mention), mentions)


def _keep(engine: Engine, kept: bool) -> None:
    """With `kept`, the free press kept per day is built (the bench's and a stored write's
    state), so the dashboard sums it; without, it counts the items."""
    with transaction(engine) as session:
        if kept:
            free_press_days.rebuild(session, ZoneInfo("America/Bogota"))
        usable = free_press_days.usable(session, ZoneInfo("America/Bogota"), load_rates(session))
    assert usable == kept


def _streamed(board: Board, start: date, end: date) -> coverage.FreePressPage:
    """The page's figures from every item, one at a time (the path before items were counted)."""
    counts: dict[tuple[str, str], int] = {}
    values: dict[tuple[str, str], int | None] = {}
    shown: list[UnvaluedItem] = []

    def on_valued(found: ValuedItem) -> None:
        at = (iso_week(found.item.aired_on), found.item.outlet)
        counts[at] = counts.get(at, 0) + 1
        values[at] = (values.get(at) or 0) + found.value_cop

    def on_unvalued(found: UnvaluedItem) -> None:
        at = (iso_week(found.item.aired_on), found.item.outlet)
        counts[at] = counts.get(at, 0) + 1
        values.setdefault(at, None)
        if len(shown) < coverage.UNVALUED_SHOWN:
            shown.append(found)

    config = board.settings.config
    valued = stream_period(
        board.engine,
        start,
        end,
        iva_rate=config.valuation.iva_rate,
        tz=config.tz,
        valued=on_valued,
        unvalued=on_unvalued,
    )
    rows = [WeekRow(k[0], k[1], counts[k], values[k]) for k in sorted(counts)]
    return coverage.FreePressPage(
        valued,
        week_totals(rows, money=True),
        len(rows),
        lambda offset, limit: rows[offset : offset + limit],
        shown,
        valued.counts.unvalued,
    )


@pytest.mark.parametrize("kept", [False, True])
@pytest.mark.parametrize("seed", [1, 2])
def test_counted_free_press_equals_every_item_valued(
    client: TestClient, engine: Engine, seed: int, kept: bool
) -> None:
    _seed(engine, seed)
    _keep(engine, kept)
    board: Board = client.app.state.board  # type: ignore[attr-defined]
    draw = random.Random(seed)
    spans = [(FIRST, FIRST + timedelta(days=DAYS)), (date(2024, 3, 10), date(2024, 3, 24))]
    spans += [(FIRST - timedelta(days=5), FIRST + timedelta(days=3))]  # before any rate
    for _ in range(12):
        start = FIRST + timedelta(days=draw.randrange(-10, DAYS))
        spans.append((start, start + timedelta(days=draw.randrange(0, 90))))
    for start, end in spans:
        counted, streamed = (
            coverage.free_press_page(board, start, end),
            _streamed(board, start, end),
        )
        assert counted.valued == streamed.valued, (start, end)
        assert counted.rows() == streamed.rows(), (start, end)
        assert counted.totals == streamed.totals, (start, end)
        assert counted.row_count == streamed.row_count == len(streamed.rows()), (start, end)
        # Any page of the rows (the page reads only the weeks holding it) is that slice.
        for offset in (0, 1, 3, 7, 50, counted.row_count - 1, counted.row_count):
            for limit in (1, 5, 50):
                assert counted.rows_at(max(offset, 0), limit) == streamed.rows_at(
                    max(offset, 0), limit
                ), (start, end, offset, limit)
        assert counted.unvalued == streamed.unvalued, (start, end)
        assert counted.unvalued_count == streamed.unvalued_count
    whole = coverage.free_press_page(board, *spans[0])
    # The data exercises what it is meant to: repeated items, both lists, every measure.
    assert whole.valued.counts.clips > 0 and whole.valued.counts.mentions > 0
    assert whole.valued.counts.column_cm > 0 and whole.valued.broadcasts > 0
    assert whole.unvalued_count > coverage.UNVALUED_SHOWN == len(whole.unvalued)
    assert {u.item.seconds is None for u in whole.unvalued} == {False}  # clips come first
    late = coverage.free_press_page(board, date(2024, 3, 14), date(2024, 3, 20))
    assert any(u.item.seconds is None for u in late.unvalued)  # web mentions after the clips


@pytest.mark.parametrize("kept", [False, True])
@pytest.mark.parametrize("limit", [1, 37, 1_000])
def test_api_valuation_pages_join_into_the_whole_answer(
    client: TestClient, engine: Engine, limit: int, kept: bool
) -> None:
    """Page after page (following `Link`), the items then the unvalued ones are the CLI's
    lists; every page carries the whole period's totals and estimates."""
    _seed(engine, 3)
    _keep(engine, kept)
    board: Board = client.app.state.board  # type: ignore[attr-defined]
    start, end = FIRST, FIRST + timedelta(days=DAYS)
    config = board.settings.config
    whole = value_period(engine, start, end, iva_rate=config.valuation.iva_rate, tz=config.tz)
    expected = valuation_json(whole, estimates(whole, broadcasts=27, share_pct=Decimal(70)))
    total = len(expected["items"]) + len(expected["unvalued"])
    assert total > 1_000  # more than one default page
    query = f"from={start}&to={end}&broadcasts=27&monitored_share=70&limit={limit}"
    url: str | None = f"/api/valuation?{query}"
    items: list[object] = []
    unvalued: list[object] = []
    pages = 0
    while url is not None and pages < 50:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["x-total-count"] == str(total)
        page = response.json()
        assert len(page["items"]) + len(page["unvalued"]) <= limit
        assert {k: v for k, v in page.items() if k not in ("items", "unvalued")} == {
            k: v for k, v in expected.items() if k not in ("items", "unvalued")
        }
        items += page["items"]
        unvalued += page["unvalued"]
        pages += 1
        link = response.headers.get("link")
        url = link[1 : link.index(">")] if link else None
        if limit < 1_000 and pages == 3:  # the middle: jump to the last pages by offset
            url = f"/api/valuation?{query}&offset={total - 2 * limit - 1}"
            items += [None] * (total - 2 * limit - 1 - 3 * limit)
    assert url is None
    if limit == 1_000:
        assert items == expected["items"] and unvalued == expected["unvalued"]
    else:
        joined = [*items, *unvalued]
        listed = [*expected["items"], *expected["unvalued"]]
        assert len(joined) == len(listed)
        assert [x for x, y in zip(joined, listed, strict=True) if x is not None] == [
            y for x, y in zip(joined, listed, strict=True) if x is not None
        ]


def test_api_valuation_offset_past_the_end_is_an_empty_page(
    client: TestClient, engine: Engine
) -> None:
    _seed(engine, 4)
    response = client.get("/api/valuation?from=2024-01-01&to=2024-01-31&offset=100000")
    assert response.status_code == 200 and "link" not in response.headers
    assert response.json()["items"] == [] and response.json()["unvalued"] == []
    assert int(response.headers["x-total-count"]) > 0
    assert client.get("/api/valuation?limit=0").status_code == 400
    assert client.get("/api/valuation?limit=10001").status_code == 400


@pytest.mark.parametrize("kept", [False, True])
def test_counted_free_press_on_both_databases(any_engine: Engine, kept: bool) -> None:
    """The driver's rows differ (ISO text and REAL on SQLite, dates and Decimals on
    PostgreSQL): the counts, values and listed items are the same either way."""
    from pulso.dashboard import create_app
    from settings import load_settings

    _seed(any_engine, 5)
    _keep(any_engine, kept)
    board: Board = create_app(load_settings(), any_engine, today=lambda: FIRST).state.board
    for start, end in [
        (FIRST, FIRST + timedelta(days=DAYS)),
        (date(2024, 3, 14), date(2024, 3, 20)),
    ]:
        counted, streamed = (
            coverage.free_press_page(board, start, end),
            _streamed(board, start, end),
        )
        assert counted == streamed
        assert counted.rows() == streamed.rows()
        assert counted.rows_at(2, 3) == streamed.rows_at(2, 3)
