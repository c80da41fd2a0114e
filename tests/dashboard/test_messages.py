"""A bad parameter is a 400 that says what is wrong in the reader's language; dates at the
calendar's ends are answered, not refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("url", "query", "spanish"),
    [
        ("/growth", {"from": "31/02/2021"}, "Desde (from): '31/02/2021' no es una fecha real"),
        ("/mentions", {"to": "mañana"}, "Hasta (to): 'mañana' no es una fecha (DD/MM/AAAA"),
        (
            "/valuation",
            {"from": "2026-01-02", "to": "2026-01-01"},
            "la fecha inicial 02/01/2026 es posterior a la final 01/01/2026",
        ),
        ("/growth", {"platform": "myspace"}, "plataforma desconocida 'myspace'"),
        ("/growth", {"range": "forever"}, "Periodo (range): periodo desconocido 'forever'"),
        ("/compare", {"to": "0001-01-01"}, "01/01/0001 no tiene un año anterior"),
    ],
)
def test_pages_explain_a_bad_parameter_in_spanish_and_in_english_on_request(
    client: TestClient, url: str, query: dict[str, str], spanish: str
) -> None:
    response = client.get(url, params=query)
    assert response.status_code == 400
    assert spanish.replace("'", "&#39;") in response.text
    english = client.get(url, params={**query, "lang": "en"})
    assert english.status_code == 400 and spanish.replace("'", "&#39;") not in english.text


@pytest.mark.parametrize("url", ["/api/mentions", "/api/valuation", "/mentions", "/valuation"])
def test_a_period_to_the_last_day_of_the_calendar_is_answered(client: TestClient, url: str) -> None:
    assert client.get(url, params={"from": "0001-01-01", "to": "9999-12-31"}).status_code == 200
    assert client.get(url, params={"to": "31/12/9999"}).status_code == 200
