"""/api/valuation writes, byte for byte, what JSONResponse writes for `pulso valuate`'s JSON
answer (every item valued by `value_period`) with its lists paged, its totals and estimates the
whole period's: over many periods, limits and offsets (every boundary between the four lists),
from the kept days (each list's items read on their own) and from the counted items, on SQLite
and PostgreSQL; on data with rate changes inside the period and inside weeks, gaps, a program's
own rate, print space, ambiguous rates, outlets without a rate, web mentions with and without a
date or a title, the office's own portal, and outlet, program and item names JSON must escape."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from flows.steps.valuation import estimates, value_period
from pulso.dashboard import coverage, create_app
from pulso.dashboard.free_press_listed import kept_listed
from reports.answers.valuation import valuation_json
from settings import load_settings
from storage import free_press_days, free_press_items
from storage import models as m
from storage.coverage_reads import load_rates
from storage.db import transaction
from valuation.free_press import UnvaluedItem, ValuedItem

FIRST = date(2024, 1, 1)
DAYS = 150
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
TITLES = [
    'Dijo "no" al \\ proyecto',
    "Tab\there, new\nline and \r return",
    "Control \x01\x1f and DEL \x7f",
    "Separators \u2028 and \u2029",
    "Alcaldía: inversión de $38.415.000 — ¿cómo? «sí»",
    "Emoji 🎉 and 𝄞",
    "</script><b>markup</b> & 'quotes'",
    "",
]
# id, name, medium, own
OUTLETS = [
    (1, 'Canal "Uno" \\ TV', "tv", False),
    (2, "Radio <Dos> & Cía", "radio", False),
    (3, "Diario Tres — ñ", "print", False),
    (4, "Portal\tCuatro", "web", False),
    (5, "Sin Tarifa 🎉", "tv", False),
    (6, "Alcaldía Portal", "web", True),  # the office's own: never free press
    (7, "Dos Tarifas", "radio", False),
]
# outlet id, program key, medium, unit, price, valid from, valid to
RATES = [
    (1, "", "tv", "minute", "3900001", FIRST, date(2024, 3, 13)),  # ends on a Wednesday
    (1, "", "tv", "minute", "4100007", date(2024, 3, 21), None),  # after a gap of a week
    (1, "noticiero", "tv", "spot30", "777777.5", FIRST, None),  # the program's own rate
    (2, "", "radio", "second", "12345", FIRST, None),
    (3, "", "print", "column_cm", "150001", FIRST, date(2024, 4, 4)),
    (3, "", "print", "column_cm", "160003", date(2024, 4, 5), None),
    (4, "", "web", "item", "250000", date(2024, 2, 8), None),  # starts on a Thursday
    (6, "", "web", "item", "999", FIRST, None),
    (7, "", "radio", "second", "1000", date(2024, 2, 1), None),  # two units from one day:
    (7, "", "radio", "minute", "50000", date(2024, 2, 1), None),  # ambiguous
]


def _seed(engine: Engine) -> None:
    draw = random.Random(24)
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
                    "program": 'Noticiero "24/7"' if p else None,
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
        for n in range(1_200):
            outlet = draw.choice([1, 1, 2, 3, 5, 6, 7])
            program = draw.choice(["", "noticiero"]) if outlet == 1 else ""
            space = outlet == 3
            clips.append(
                {
                    "clip_key": f"c{n}",
                    "outlet_id": outlet,
                    "program": 'Noticiero "24/7"' if program else None,
                    "program_key": program,
                    "aired_on": FIRST + timedelta(days=draw.randrange(DAYS)),
                    "title": draw.choice([*TITLES, f"corte {n}"]),
                    # Few lengths and spaces: many clips are the same item.
                    "duration_s": None if space else draw.choice([20, 30, 45, 61, 90]),
                    "column_cm": Decimal(draw.choice(["3.5", "12.25", "7"])) if space else None,
                    "imported_at": NOW,
                }
            )
        session.execute(insert(m.Clip), clips)
        session.execute(insert(m.Story), [{"title": "historia", "created_at": NOW}])
        articles, mentions = [], []
        for n in range(700):
            day = FIRST + timedelta(days=draw.randrange(DAYS))
            dated = n % 6 != 0
            # Undated ones count on their fetch day in Bogotá: late evening is the next UTC day.
            fetched = datetime.combine(day, datetime.min.time(), UTC) + timedelta(
                hours=draw.choice([3, 12, 23])
            )
            articles.append(
                {
                    "id": n + 1,
                    "outlet_id": draw.choice([1, 2, 4, 4, 4, 6, 7]),
                    "canonical_url": f'https://n.example.org/{n}?a=1&b="2"',
                    "url": f'https://n.example.org/{n}?a=1&b="2"',
                    "title": draw.choice([*TITLES, None, f"Nota {draw.randrange(40)}"]),
                    "title_key": f"nota {n}",
                    "published_day": day if dated else None,
                    # Written past storage: a day far from the publication instant, or a day
                    # without one (the API then reads the days' mentions by their day).
                    "published_at": (fetched if n % 97 else fetched + timedelta(days=40))
                    if dated and n % 89
                    else None,
                    "story_id": 1,
                    "fetched_at": fetched,
                }
            )
            if n % 13 != 0:  # an article that matched nothing is no mention
                mentions.append(
                    {"article_id": n + 1, "matched_terms": ["Alcaldía"], "matched_at": NOW}
                )
        session.execute(insert(m.Article), articles)
        session.execute(insert(m.Mention), mentions)


def _board(engine: Engine, kept: bool) -> TestClient:
    with transaction(engine) as session:
        if kept:
            free_press_days.rebuild(session, ZoneInfo("America/Bogota"))
        usable = free_press_days.usable(session, ZoneInfo("America/Bogota"), load_rates(session))
    assert usable == kept
    return TestClient(create_app(load_settings(), engine, today=lambda: FIRST, cache_ttl_s=0))


def _expected(
    engine: Engine, start: date, end: date, query: dict[str, Any]
) -> tuple[int, bytes, int | None]:
    """(status, body, X-Total-Count) from `pulso valuate`'s valuation of every item, its lists
    sliced as the page asks; JSONResponse's bytes."""
    config = load_settings().config
    whole = value_period(engine, start, end, iva_rate=config.valuation.iva_rate, tz=config.tz)
    try:
        share = query.get("monitored_share")
        found = estimates(
            whole,
            broadcasts=query.get("broadcasts"),
            share_pct=Decimal(share.rstrip("%").replace(",", ".")) if share else None,
        )
    except ValueError as error:
        return 400, JSONResponse({"detail": str(error)}).body, None
    listed: list[ValuedItem | UnvaluedItem] = [*whole.items, *whole.unvalued]
    offset, limit = query.get("offset", 0), query.get("limit", coverage.API_LIMIT)
    page = listed[offset : offset + limit]
    answer = dataclasses.replace(
        whole,
        items=tuple(x for x in page if isinstance(x, ValuedItem)),
        unvalued=tuple(x for x in page if isinstance(x, UnvaluedItem)),
    )
    return 200, JSONResponse(valuation_json(answer, found)).body, len(listed)


def _queries(engine: Engine, draw: random.Random, start: date, end: date) -> list[dict[str, Any]]:
    """Default and large pages, and small ones at every boundary between the four lists."""
    config = load_settings().config
    whole = value_period(engine, start, end, iva_rate=config.valuation.iva_rate, tz=config.tz)
    clips = sum(1 for v in whole.items if v.item.measure != "item")
    unvalued_clips = sum(1 for u in whole.unvalued if u.item.measure != "item")
    ends = [clips, len(whole.items), len(whole.items) + unvalued_clips]
    total = len(whole.items) + len(whole.unvalued)
    queries: list[dict[str, Any]] = [
        {},
        {"limit": 10_000},
        {"limit": 1, "offset": max(0, total - 1)},
    ]
    for at in ends:
        limit = draw.choice([1, 3, 17, 250])
        queries.append({"limit": limit, "offset": max(0, at - draw.randrange(0, limit + 1))})
    queries.append({"offset": draw.randrange(0, total + 2), "limit": draw.randrange(1, 600)})
    queries.append({"offset": total + 3})
    queries.append({"broadcasts": draw.randrange(1, 40), "monitored_share": "70,5%"})
    return queries


def _spans(draw: random.Random) -> list[tuple[date, date]]:
    spans = [
        (FIRST, FIRST + timedelta(days=DAYS)),
        (date(2024, 3, 10), date(2024, 3, 24)),  # a rate ends and, a week later, the next starts
        (date(2024, 1, 25), date(2024, 2, 12)),  # ambiguous rates and a web rate start inside
        (date(2024, 4, 5), date(2024, 4, 5)),  # one day: a new print price
        (FIRST - timedelta(days=5), FIRST + timedelta(days=3)),  # before any rate
        (date(2030, 1, 1), date(2030, 2, 1)),  # nothing
    ]
    for _ in range(8):
        start = FIRST + timedelta(days=draw.randrange(-10, DAYS))
        spans.append((start, start + timedelta(days=draw.randrange(0, 120))))
    return spans


@pytest.mark.parametrize("kept", [True, False])
def test_api_valuation_bytes_are_the_whole_answers_page(
    any_engine: Engine, kept: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(any_engine)
    client = _board(any_engine, kept)
    pages = []  # the kept days' reads ran (or not)
    monkeypatch.setattr(
        coverage, "kept_listed", lambda *a, **k: pages.append(1) or kept_listed(*a, **k)
    )
    reads: list[bool] = []  # web mentions found by their instant (True), or by their day
    read = free_press_items._read
    monkeypatch.setattr(
        free_press_items, "_read", lambda *a, **k: reads.append(k["near"]) or read(*a, **k)
    )
    draw = random.Random(7)
    checked = 0
    for start, end in _spans(draw):
        for query in _queries(any_engine, draw, start, end):
            status, body, total = _expected(any_engine, start, end, query)
            params = "".join(f"&{k}={quote(str(v))}" for k, v in query.items())
            response = client.get(f"/api/valuation?from={start}&to={end}{params}")
            assert (response.status_code, response.content) == (status, body), (start, end, query)
            if total is not None:
                assert response.headers["x-total-count"] == str(total)
                assert response.headers["content-type"] == "application/json"
                checked += 1
    # The data exercises what it is meant to.
    whole = client.get(f"/api/valuation?from={FIRST}&to={FIRST + timedelta(days=DAYS)}&limit=10000")
    answer = whole.json()
    reasons = " ".join(u["reason"] for u in answer["unvalued"])
    assert "ambiguous" in reasons and "no rate card" in reasons and "in force" in reasons
    assert {i["unit"] for i in answer["items"]} == {
        "minute",
        "spot30",
        "second",
        "column_cm",
        "item",
    }
    assert any("\u2028" in i["title"] for i in answer["items"])
    assert any(u["title"].startswith("https://") for u in answer["unvalued"] + answer["items"])
    assert checked > 100 and len(pages) == (checked + 2 if kept else 0)
    assert not kept or reads.count(True) > reads.count(False) > 0
