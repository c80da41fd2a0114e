"""The API answers exactly what the CLI prints for the same arguments, and refuses bad input."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from pulso.cli import context
from pulso.cli.app import main

CASES = [
    {},
    {"platform": "facebook"},
    {"platform": "facebook", "account": "Cuenta00"},
    {"platform": "instagram", "account": "@cuenta01", "from": "2025-01-01", "to": "30/06/2026"},
    {"account": "Cuenta02", "from": "01/01/2024"},
    {"from": "2025-03-01", "to": "2025-03-31"},
    {"from": "2010-01-01", "to": "2011-01-01"},
    {"platform": "youtube", "from": "2030-01-01"},
]


def cli_json(capsys: pytest.CaptureFixture[str], args: dict[str, str]) -> object:
    context.reset()
    argv = ["growth", "--format", "json"]
    for key, value in args.items():
        argv += [f"--{key}", value]
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "args", CASES, ids=lambda a: "&".join(f"{k}={v}" for k, v in a.items()) or "all"
)
def test_api_growth_equals_cli_json(
    client: TestClient, capsys: pytest.CaptureFixture[str], args: dict[str, str]
) -> None:
    response = client.get("/api/growth", params=args)
    assert response.status_code == 200
    assert response.json() == cli_json(capsys, args)


def test_one_account_is_an_object_and_all_is_a_list(client: TestClient) -> None:
    one = client.get("/api/growth", params={"platform": "facebook", "account": "Cuenta00"}).json()
    assert one["account"] == "Cuenta00" and one["start"]["date"] == "2024-01-01"
    assert isinstance(client.get("/api/growth").json(), list)


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"from": "31/02/2021"}, "from: '31/02/2021' is not a real date"),
        ({"to": "mañana"}, "to: 'mañana' is not a date"),
        ({"platform": "myspace"}, "unknown platform 'myspace'"),
        ({"from": "2026-01-02", "to": "2026-01-01"}, "after"),
        ({"account": "x" * 500}, "too long"),
    ],
)
def test_bad_parameters_are_400_with_a_message(
    client: TestClient, query: dict[str, str], fragment: str
) -> None:
    response = client.get("/api/growth", params=query)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def test_unknown_account_is_404(client: TestClient) -> None:
    response = client.get("/api/growth", params={"account": "nadie"})
    assert response.status_code == 404
    assert "nadie" in response.json()["detail"]


def test_openapi_describes_the_api_and_no_cdn_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/growth", "/api/valuation", "/api/mentions"} <= set(spec["paths"])
    names = [p["name"] for p in spec["paths"]["/api/growth"]["get"]["parameters"]]
    assert names == ["platform", "account", "from", "to"]
    assert client.get("/docs").status_code == 404


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for url in ("/growth", "/api/growth", "/api/growth?platform=x", "/static/pulso.css"):
        headers = client.get(url).headers
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert "script-src" not in csp  # default-src 'none': no script at all


def test_the_api_only_reads(client: TestClient) -> None:
    assert client.post("/api/growth").status_code == 405
    assert client.delete("/api/growth").status_code == 405
