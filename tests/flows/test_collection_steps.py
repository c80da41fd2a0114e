"""The night's steps without Prefect: concurrent, isolated failures, skips and health recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from flows.steps.collection import Plan, collect, wanted
from flows.steps.social import Skipped
from settings import load_settings
from storage.db import session_factory
from storage.models import CollectionRun, FollowerSnapshot, SourceResult
from tests.flows.fakes import HttpSource, Routes, loopback


@pytest.fixture
def routes() -> Routes:
    return Routes()


@pytest.fixture
def base(routes: Routes) -> Iterator[str]:
    with loopback(routes) as url:
        yield url


def test_one_failing_source_never_stops_the_others(
    engine: Engine, routes: Routes, base: str
) -> None:
    routes.answers["/facebook/Cali"] = [(200, {"followers": 10})]
    routes.answers["/twitter/Cali"] = [(200, {"surprise": True})]
    routes.answers["/youtube/Cali"] = [(200, {"followers": 30})]
    plan = Plan(
        [HttpSource(p, "Cali", base) for p in ("facebook", "twitter", "youtube")],
        [Skipped("tiktok:peer", "tiktok", "TikTok offers nothing for peers")],
    )

    result = collect(engine, load_settings(), plan, kind="manual")

    assert result.summary.status == "partial"
    by_key = {o.key: o for o in result.summary.outcomes}
    assert by_key["twitter:Cali"].error_kind == "bad_payload"
    assert "no 'followers'" in (by_key["twitter:Cali"].reason or "")
    assert by_key["tiktok:peer"].status == "skipped"
    with session_factory(engine)() as session:
        assert sorted(session.scalars(select(FollowerSnapshot.followers))) == [10, 30]
        statuses = {
            s: st for s, st in session.execute(select(SourceResult.source, SourceResult.status))
        }
        run = session.scalars(select(CollectionRun)).one()
    assert statuses == {
        "facebook:Cali": "ok",
        "twitter:Cali": "failed",
        "youtube:Cali": "ok",
        "tiktok:peer": "skipped",
    }
    assert run.status == "partial" and run.flags is not None


def test_a_source_failing_night_after_night_is_flagged_stale_in_the_run(
    engine: Engine, routes: Routes, base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pulso.toml").write_text(
        "[health]\nstale_after_nights = 1\ntoken_expires_on = { facebook = 2000-01-05 }\n",
        encoding="utf-8",
    )
    routes.answers["/facebook/Cali"] = [(503, {"error": "down"})]
    result = collect(engine, load_settings(), Plan([HttpSource("facebook", "Cali", base)]))
    assert [s.source for s in result.health.stale] == ["facebook:Cali"]
    assert [t.platform for t in result.health.tokens] == ["facebook"]
    with session_factory(engine)() as session:
        flags = session.scalars(select(CollectionRun.flags)).one()
    assert flags["stale_sources"][0]["source"] == "facebook:Cali"
    assert flags["token_expiry"] == {"facebook:Cali": "2000-01-05"}


def test_only_accepts_known_kinds() -> None:
    assert wanted(["news", "twitter"]) == ("twitter", "news")
    with pytest.raises(ValueError, match="unknown source myspace"):
        wanted(["myspace"])
