"""Whatever arrives in the query string, the answer is 200, 400 or 404, never a 500."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from settings.model import PLATFORM_NAMES

values = st.one_of(
    st.text(max_size=40),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(
        [*PLATFORM_NAMES, "last4w", "quarter", "year", "since2020", "custom", "es", "en"]
    ),
    st.integers().map(str),
    st.from_regex(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}", fullmatch=True),
    st.sampled_from(["facebook:Cuenta00", "tiktok:", ":x", "%00", "../..", "NaN", "1e9999"]),
)
NAMES = [
    "platform",
    "account",
    "from",
    "to",
    "range",
    "lang",
    "broadcasts",
    "monitored_share",
    "download",
]
queries = st.lists(st.tuples(st.sampled_from(NAMES), values), max_size=6)
URLS = [
    "/api/growth",
    "/api/valuation",
    "/growth",
    "/growth.csv",
    "/compare",
    "/valuation",
    "/reports",
]
OK = {200, 400, 404}
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(url=st.sampled_from(URLS), query=queries)
@example(url="/compare", query=[("to", "0001-01-01")])
@example(url="/compare", query=[("from", "29/02/2024"), ("to", "9999-12-31")])
@example(url="/api/valuation", query=[("monitored_share", "100,0001")])
def test_no_query_string_makes_a_500(
    client: TestClient, url: str, query: list[tuple[str, str]]
) -> None:
    client_ = TestClient(client.app, raise_server_exceptions=False)
    response = client_.get(url, params=query)
    assert response.status_code in OK, (url, query, response.text[:300])
    if response.status_code == 400 and url.startswith("/api/"):
        assert response.json()["detail"]


@FUZZ
@given(week=st.text(max_size=12), name=st.text(max_size=20))
def test_no_report_path_makes_a_500(client: TestClient, week: str, name: str) -> None:
    client_ = TestClient(client.app, raise_server_exceptions=False)
    response = client_.get(f"/reports/{quote(week, safe='')}/{quote(name, safe='')}")
    assert response.status_code < 500, (week, name, response.status_code)
    assert "content-disposition" not in response.headers  # no file is ever served here
