"""`pulso activity` and /api/activity: the same answers, the contract's JSON shapes, NULL
where a platform gives nothing, and bad dates refused with exit 2."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pulso.cli import context
from pulso.cli.app import main
from pulso.dashboard import create_app
from settings import load_settings
from storage.outlets import ensure_outlet
from tests.storage.activity_seed import article, at, seed_office

KEYS = [
    "platform",
    "account",
    "from",
    "to",
    "posts",
    "interactions",
    "impressions",
    "views",
    "engagement_rate",
]


@pytest.fixture
def office_db(engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    with Session(engine) as session:
        seed_office(session)
        portal = ensure_outlet(session, name="Portal Alcaldía", medium="web", own=True)
        session.add(article(portal, "https://www.cali.gov.co/n/1", at(2026, 1, 8)))
        session.commit()
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    return engine


def run(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    context.reset()
    capsys.readouterr()
    assert main(["activity", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_one_account_is_one_object_with_the_contract_keys(
    office_db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run(
        capsys,
        *("--platform", "facebook", "--account", "@alcaldiadecali"),
        *("--from", "01/01/2026", "--to", "2026-01-31", "--format", "json"),
    )
    assert found == {
        "platform": "facebook",
        "account": "AlcaldiaDeCali",
        "from": "2026-01-01",
        "to": "2026-01-31",
        "posts": 2,
        "interactions": 165,
        "impressions": None,
        "views": None,
        "engagement_rate": 16.5,
    }


def test_without_platform_and_account_a_list_with_the_portal_as_web(
    office_db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run(capsys, "--from", "2026-01-01", "--to", "2026-01-31", "--format", "json")
    assert isinstance(found, list)
    assert [(a["platform"], a["account"], a["posts"]) for a in found] == [
        ("facebook", "AlcaldiaDeCali", 2),
        ("instagram", "alcaldiadecali", 1),
        ("twitter", "AlcaldiaDeCali", 1),
        ("web", "Portal Alcaldía", 1),
    ]
    assert all(list(a) == KEYS for a in found)
    twitter = found[2]
    assert (twitter["impressions"], twitter["views"], twitter["engagement_rate"]) == (
        900,
        None,
        None,
    )


def test_by_week_adds_periods(office_db: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    found = run(
        capsys,
        *("--platform", "facebook", "--account", "AlcaldiaDeCali", "--by", "week"),
        *("--from", "2026-01-26", "--to", "2026-02-01", "--format", "json"),
    )
    assert isinstance(found, dict)
    assert found["periods"] == [
        {
            "start": "2026-01-26",
            "end": "2026-02-01",
            "posts": 2,
            "interactions": 40,  # fb2 as measured on 31 Jan; fb3 never measured
            "impressions": None,
            "views": None,
        }
    ]


def test_csv_by_month_has_a_row_per_account_and_month(
    office_db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    context.reset()
    args = ["--platform", "facebook", "--from", "2026-01-01", "--to", "2026-02-28"]
    assert main(["activity", *args, "--by", "month", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "platform,account,start,end,posts,interactions,impressions,views"
    assert lines[1:] == [
        "facebook,AlcaldiaDeCali,2026-01-01,2026-01-31,2,3037,,",  # measured up to 28 Feb
        "facebook,AlcaldiaDeCali,2026-02-01,2026-02-28,1,,,",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "--from"),
        (["--to", "31/13/2026"], "--to"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "is after --to"),
        (["--by", "year"], "--by must be one of day, week, month"),
        (["--platform", "myspace"], "unknown platform"),
        (["--from", "0001-01-01", "--to", "9999-12-31", "--by", "day"], "at most 5,000"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    office_db: Engine, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    context.reset()
    assert main(["activity", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.fixture
def client(office_db: Engine) -> Iterator[TestClient]:
    app = create_app(load_settings(), office_db, today=lambda: at(2026, 2, 28).date())
    with TestClient(app) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "args",
    [
        {"from": "2026-01-01", "to": "2026-01-31"},
        {
            "platform": "facebook",
            "account": "AlcaldiaDeCali",
            "from": "2026-01-01",
            "to": "31/01/2026",
        },
        {"platform": "web", "from": "2026-01-01", "to": "2026-02-28", "by": "month"},
        {"from": "2026-01-30", "to": "2026-02-02", "by": "day"},
        {"platform": "twitter", "to": "2026-02-28", "by": "week"},
    ],
)
def test_api_activity_equals_cli_json(
    client: TestClient, capsys: pytest.CaptureFixture[str], args: dict[str, str]
) -> None:
    argv = [part for key, value in args.items() for part in (f"--{key}", value)]
    expected = run(capsys, *argv, "--format", "json")
    response = client.get("/api/activity", params=args)
    assert response.status_code == 200
    assert response.json() == expected


def test_api_activity_refuses_bad_input(client: TestClient) -> None:
    assert client.get("/api/activity", params={"by": "year"}).status_code == 400
    assert client.get("/api/activity", params={"from": "2026-02-30"}).status_code == 400
    assert client.get("/api/activity", params={"account": "nadie"}).status_code == 404
    whole_calendar = {"from": "0001-01-01", "to": "9999-12-31"}
    assert client.get("/api/activity", params={**whole_calendar, "by": "week"}).status_code == 400
    assert client.get("/api/activity", params=whole_calendar).status_code == 200
