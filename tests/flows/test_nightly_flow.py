"""The nightly Prefect flow over real sources reading a loopback server."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select

from storage.db import make_engine, session_factory
from storage.models import CollectionRun, FollowerSnapshot, SourceResult
from tests.flows.fakes import HttpSource, Routes, loopback

BOGOTA = ZoneInfo("America/Bogota")

CONFIG = """
timezone = "America/Bogota"
"""


@pytest.fixture
def routes() -> Routes:
    return Routes()


@pytest.fixture
def base_url(routes: Routes) -> Iterator[str]:
    with loopback(routes) as url:
        yield url


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'pulso.db'}"
    monkeypatch.setenv("PULSO_DATABASE_URL", url)
    (tmp_path / "pulso.toml").write_text(CONFIG, encoding="utf-8")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def use_sources(monkeypatch: pytest.MonkeyPatch, sources: list[HttpSource]) -> None:
    import flows.nightly
    from flows.steps.collection import Plan

    monkeypatch.setattr(flows.nightly, "plan_sources", lambda *_a, **_k: Plan(list(sources)))


def three_accounts(base: str) -> list[HttpSource]:
    return [
        HttpSource("facebook", "AlcaldiaDeCali", base),
        HttpSource("twitter", "AlcaldiaDeCali", base),
        HttpSource("youtube", "AlcaldiaDeCali", base),
    ]


def results(engine: Engine) -> dict[str, tuple[str, str | None]]:
    with session_factory(engine)() as session:
        rows = session.execute(
            select(SourceResult.source, SourceResult.status, SourceResult.error_kind)
        )
        return {source: (status, error) for source, status, error in rows}


def snapshots(engine: Engine) -> list[int | None]:
    with session_factory(engine)() as session:
        return list(
            session.scalars(select(FollowerSnapshot.followers).order_by(FollowerSnapshot.id))
        )


def test_every_source_lands_and_the_flow_completes(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    for platform, followers in (("facebook", 486513), ("twitter", 274680), ("youtube", 14800)):
        routes.answers[f"/{platform}/AlcaldiaDeCali"] = [
            (200, {"followers": followers, "posts": [1, 2]})
        ]
    use_sources(monkeypatch, three_accounts(base_url))

    state = nightly(return_state=True)

    assert state.is_completed()
    assert sorted(snapshots(db)) == [14800, 274680, 486513]
    assert set(results(db).values()) == {("ok", None)}
    with session_factory(db)() as session:
        run = session.scalars(select(CollectionRun)).one()
    assert run.status == "ok" and run.kind == "nightly"
    assert run.flags is not None and run.flags["stale_sources"] == []


def test_expired_token_fails_only_that_platform_without_retrying(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import night_of, nightly

    routes.answers["/facebook/AlcaldiaDeCali"] = [(401, {"error": {"code": 190}})]
    routes.answers["/twitter/AlcaldiaDeCali"] = [(200, {"followers": 274680})]
    routes.answers["/youtube/AlcaldiaDeCali"] = [(200, {"followers": 14800})]
    use_sources(monkeypatch, three_accounts(base_url))

    state = nightly(return_state=True)

    assert state.is_completed() and state.name == "Partial"
    assert "1 of 3 sources failed: facebook:AlcaldiaDeCali (auth)" in (state.message or "")
    assert results(db)["facebook:AlcaldiaDeCali"] == ("failed", "auth")
    assert routes.hits["/facebook/AlcaldiaDeCali"] == 1
    assert sorted(snapshots(db)) == [14800, 274680]
    assert night_of(state)["status"] == "partial"


def test_a_partial_night_completes_with_its_summary_as_result_and_artifact(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A served run raises (and logs a traceback for) any Failed state, and a Failed state
    holding a dict logged a false TypeError: a partial night finished, it is not a crash."""
    from prefect.client.orchestration import get_client

    from flows.nightly import nightly

    routes.answers["/facebook/AlcaldiaDeCali"] = [(401, {"error": {"code": 190}})]
    routes.answers["/twitter/AlcaldiaDeCali"] = [(200, {"followers": 274680})]
    routes.answers["/youtube/AlcaldiaDeCali"] = [(200, {"followers": 14800})]
    use_sources(monkeypatch, three_accounts(base_url))

    night = nightly()

    by_source = {o["source"]: o["status"] for o in night["outcomes"]}
    assert by_source == {
        "facebook:AlcaldiaDeCali": "failed",
        "twitter:AlcaldiaDeCali": "ok",
        "youtube:AlcaldiaDeCali": "ok",
    }
    with get_client(sync_client=True) as client:
        artifact = client.read_latest_artifacts(limit=50)
    published = [a for a in artifact if a.key == "pulso-night"]
    assert published and "facebook:AlcaldiaDeCali" in str(published[0].data)


def test_a_night_is_named_by_its_bogota_day(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.client.orchestration import get_client

    from flows.nightly import nightly

    routes.answers["/youtube/AlcaldiaDeCali"] = [(200, {"followers": 14800})]
    use_sources(monkeypatch, three_accounts(base_url)[2:])
    before = datetime.now(BOGOTA).date()

    state = nightly(return_state=True)

    after = datetime.now(BOGOTA).date()
    with get_client(sync_client=True) as client:
        name = client.read_flow_run(state.state_details.flow_run_id).name
    assert name in {f"nightly-{before.isoformat()}", f"nightly-{after.isoformat()}"}


def test_transient_errors_are_retried_until_the_source_lands(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    routes.answers["/tiktok/alcaldiadecali"] = [
        (503, {"error": "busy"}),
        (429, {"error": {"code": "rate_limit_exceeded"}}),
        (200, {"followers": 3242}),
    ]
    use_sources(monkeypatch, [HttpSource("tiktok", "alcaldiadecali", base_url)])

    state = nightly(return_state=True)

    assert state.is_completed()
    assert routes.hits["/tiktok/alcaldiadecali"] == 3
    assert snapshots(db) == [3242]


def test_a_source_still_down_after_its_retries_is_recorded_failed(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.states import get_state_exception

    from flows.nightly import NightFailed, nightly

    routes.answers["/youtube/AlcaldiaDeCali"] = [(503, {"error": "down"})]
    use_sources(monkeypatch, [HttpSource("youtube", "AlcaldiaDeCali", base_url)])

    state = nightly(return_state=True)

    assert state.is_failed() and state.name == "Failed"
    error = get_state_exception(state)
    assert isinstance(error, NightFailed) and error.night["status"] == "failed"
    assert routes.hits["/youtube/AlcaldiaDeCali"] == 3
    assert results(db) == {"youtube:AlcaldiaDeCali": ("failed", "unavailable")}


def test_running_twice_on_the_same_day_updates_and_never_adds_rows(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    routes.answers["/instagram/alcaldiadecali"] = [
        (200, {"followers": 183000, "posts": [1, 2, 3]}),
        (200, {"followers": 183900, "posts": [1, 2, 3]}),
    ]
    use_sources(monkeypatch, [HttpSource("instagram", "alcaldiadecali", base_url)])

    nightly(return_state=True)
    nightly(return_state=True)

    assert snapshots(db) == [183900]
    with session_factory(db)() as session:
        assert session.scalar(select(func.count()).select_from(CollectionRun)) == 2


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_a_served_night_redacts_tokens_from_every_log_line(
    prefect_api: str,
    db: Engine,
    routes: Routes,
    base_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import collectors.http
    from flows.nightly import nightly

    # A process started by `pulso serve` or a worker: nothing installed redaction before.
    monkeypatch.setattr(collectors.http, "_installed", False)
    monkeypatch.setattr(logging, "_logRecordFactory", logging.LogRecord)
    monkeypatch.setenv("PULSO_META_ACCESS_TOKEN", "EAAGservedNIGHTtoken")
    routes.answers["/facebook/AlcaldiaDeCali"] = [(200, {"followers": 486513})]
    use_sources(monkeypatch, [HttpSource("facebook", "AlcaldiaDeCali", base_url)])

    assert nightly(return_state=True).is_completed()
    # Any library's line (httpx logs every URL at INFO) passes through the record factory.
    # (Prefect reconfigures logging during a flow, so caplog's handler is gone by now.)
    logger, lines = logging.getLogger("pulso.served"), Lines()
    logger.addHandler(lines)
    url = "https://graph.facebook.com/v25.0/1?fields=id&access_token=EAAGservedNIGHTtoken"
    logger.warning("HTTP Request: GET %s", url)
    logger.removeHandler(lines)
    assert lines.lines == [
        "HTTP Request: GET https://graph.facebook.com/v25.0/1?fields=id&access_token=***"
    ]


def test_a_resumed_night_collects_only_what_has_no_result_today(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly

    routes.answers["/facebook/AlcaldiaDeCali"] = [(200, {"followers": 486513})]
    routes.answers["/twitter/AlcaldiaDeCali"] = [(200, {"followers": 274680})]
    routes.answers["/youtube/AlcaldiaDeCali"] = [(200, {"followers": 14800})]
    use_sources(monkeypatch, three_accounts(base_url)[:1])
    nightly()  # the killed night had stored Facebook before it died

    use_sources(monkeypatch, three_accounts(base_url))
    night = nightly(resume=True)

    assert routes.hits == {
        "/facebook/AlcaldiaDeCali": 1,
        "/twitter/AlcaldiaDeCali": 1,
        "/youtube/AlcaldiaDeCali": 1,
    }
    assert sorted(o["source"] for o in night["outcomes"]) == [
        "twitter:AlcaldiaDeCali",
        "youtube:AlcaldiaDeCali",
    ]
    assert sorted(snapshots(db)) == [14800, 274680, 486513]


def test_a_failed_source_is_a_recorded_outcome_not_a_failed_task_with_a_traceback(
    prefect_api: str, db: Engine, routes: Routes, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An expired token fails every night until someone acts: Prefect must not log a task
    traceback for it each night. The task records it and ends named "SourceFailed"."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.nightly import nightly

    routes.answers["/facebook/AlcaldiaDeCali"] = [(401, {"error": {"code": 190}})]
    routes.answers["/youtube/AlcaldiaDeCali"] = [(200, {"followers": 14800})]
    use_sources(monkeypatch, [three_accounts(base_url)[0], three_accounts(base_url)[2]])

    state = nightly(return_state=True)

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[state.state_details.flow_run_id])
            )
        )
    tasks = {run.name: run.state for run in runs if run.state is not None}
    facebook = tasks["facebook:AlcaldiaDeCali"]
    assert facebook.is_completed() and facebook.name == "SourceFailed"
    assert "authentication required" in (facebook.message or "")
    assert tasks["youtube:AlcaldiaDeCali"].name == "Completed"
    assert results(db)["facebook:AlcaldiaDeCali"] == ("failed", "auth")
    assert state.name == "Partial"
