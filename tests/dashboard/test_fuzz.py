"""Whatever arrives in the URL, every route answers 200, 400 or 404, never a 500.

The routes and the query parameters each declares are read from the app's own route table, so
a new route or parameter is fuzzed without editing this file.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from settings.model import PLATFORM_NAMES
from tests.dashboard.routes import get_routes, path_names, query_names

# The whole calendar's edges, leap days real and not, both written forms, and non-dates.
DATES = [
    "0001-01-01",
    "9999-12-31",
    "01/01/0001",
    "31/12/9999",
    "9999-12-25",
    "0001-01-07",
    "2024-02-29",
    "29/02/2024",
    "2023-02-29",
    "29/02/2023",
    "2000-02-29",
    "1900-02-29",
    "2026-11-21",
    "0000-01-01",
    "10000-01-01",
    "2026-13-01",
    "31/04/2026",
]
ODD = [
    "",
    " ",
    "x" * 5000,
    "Alcaldía de Cali 🎉 ñ",
    "\u202eevil",
    "\x00",
    "a\x00b",
    "1' OR '1'='1",
    "'; DROP TABLE accounts; --",
    "../../../etc/passwd",
    "..%2F..%2Fetc",
    "%00",
    "NaN",
    "-1",
    "0",
    "1e9999",
    "99999999999999999999999",
    "facebook:Cuenta00",
    "tiktok:",
    ":x",
    "<script>alert(1)</script>",
    '=WEBSERVICE("http://x")',
]
GOOD = [*PLATFORM_NAMES, "last4w", "quarter", "year", "since2020", "custom", "es", "en", "70"]
VALUES = DATES + ODD + GOOD
PATH_VALUES = ["csv", "xlsx", "html", "2026-W46", "report.html", "..", "x" * 300, "ñ", "%00"]
OK = {200, 400, 404}


def _app(client: TestClient) -> FastAPI:
    app = client.app
    assert isinstance(app, FastAPI)
    return app


def _url(path: str, route: APIRoute, fill: str) -> str:
    for name in path_names(route):
        path = path.replace("{" + name + "}", quote(fill, safe=""))
    return path


def _check(client: TestClient, url: str, query: list[tuple[str, str]]) -> None:
    response = client.get(url, params=query)
    assert response.status_code in OK, (url, query, response.text[:300])
    if response.status_code == 400:
        detail = response.json()["detail"] if url.startswith("/api/") else response.text
        assert detail, (url, query)


@pytest.fixture
def raw(client: TestClient) -> TestClient:
    """The same app, answering a server error as a response instead of raising it."""
    return TestClient(client.app, raise_server_exceptions=False)


def test_every_route_and_parameter_is_fuzzed(raw: TestClient) -> None:
    routes = get_routes(_app(raw))
    assert len(routes) >= 15, [path for path, _ in routes]
    declared = {name for _, route in routes for name in query_names(route)}
    assert {"from", "to", "range", "platform", "account", "outlet", "q", "lang"} <= declared


# About a thousand requests, the suite's longest test: dealt in PARTS, each a slow test of its
# own (started first under xdist), so the workers share them instead of one running them all.
PARTS = 2


@pytest.mark.slow
@pytest.mark.parametrize("part", range(PARTS), ids=lambda part: f"part{part + 1}of{PARTS}")
def test_each_parameter_alone_over_every_value(raw: TestClient, part: int) -> None:
    pairs = [
        (_url(path, route, "csv"), name)  # other path values: the hypothesis test below
        for path, route in get_routes(_app(raw))
        for name in query_names(route)
    ]
    for url, name in pairs[part::PARTS]:  # every route's every parameter in exactly one part
        for value in VALUES:
            _check(raw, url, [(name, value)])


def test_every_date_pair_on_every_dated_route(raw: TestClient) -> None:
    edges = ["0001-01-01", "9999-12-31", "31/12/9999", "29/02/2024", "2026-11-21", "2023-02-29"]
    for path, route in get_routes(_app(raw)):
        if not {"from", "to"} <= set(query_names(route)):
            continue
        url = _url(path, route, "csv")
        for first in edges:
            for last in edges:
                _check(raw, url, [("from", first), ("to", last)])
                if "range" in query_names(route):
                    _check(raw, url, [("range", "custom"), ("from", first), ("to", last)])


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
values = st.one_of(
    st.text(max_size=40),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(VALUES),
    st.integers().map(str),
    st.from_regex(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}", fullmatch=True),
)


@FUZZ
@given(data=st.data())
@example(data=None)
def test_no_query_string_makes_a_500(raw: TestClient, data: st.DataObject | None) -> None:
    routes = get_routes(_app(raw))
    if data is None:  # the reported case: a date at the calendar's end
        for path in ("/api/mentions", "/api/valuation", "/mentions", "/valuation"):
            _check(raw, path, [("to", "9999-12-31")])
        return
    path, route = data.draw(st.sampled_from(routes))
    fill = data.draw(st.sampled_from(PATH_VALUES)) if path_names(route) else ""
    names = query_names(route) or ["lang"]
    query = data.draw(st.lists(st.tuples(st.sampled_from(names), values), max_size=6))
    _check(raw, _url(path, route, fill), query)


@FUZZ
@given(week=st.text(max_size=12), name=st.text(max_size=20))
def test_no_report_path_makes_a_500(raw: TestClient, week: str, name: str) -> None:
    response = raw.get(f"/reports/{quote(week, safe='')}/{quote(name, safe='')}")
    assert response.status_code < 500, (week, name, response.status_code)
    assert "content-disposition" not in response.headers  # no file is ever served here
