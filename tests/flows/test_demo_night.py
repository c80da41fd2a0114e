"""The demo's office, one night with X's token expired: X fails, everything else lands."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from pulso.cli import context
from pulso.cli.app import main
from pulso.demo import generate
from pulso.demo.run import bundled
from storage.db import make_engine, session_factory
from storage.models import CollectionRun, FollowerSnapshot, SourceResult

UNAUTHORIZED = {
    "title": "Unauthorized",
    "type": "about:blank",
    "status": 401,
    "detail": "Unauthorized",
}


@pytest.fixture
def expired_x(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo's recordings, with X answering 401 to its first request."""
    replay = generate.write_replay(tmp_path / "replay", datetime.now(UTC), "v25.0")
    user = next((replay / "twitter").glob("*-01.json"))
    recording = json.loads(user.read_text(encoding="utf-8"))
    recording["response"] = {"status": 401, "json": UNAUTHORIZED}
    user.write_text(json.dumps(recording), encoding="utf-8")
    monkeypatch.setenv("PULSO_CONFIG", str(bundled("pulso.toml")))
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'night.db'}")
    context.reset()
    return replay


def results(engine: Engine) -> dict[str, tuple[str, str | None]]:
    with session_factory(engine)() as session:
        rows = session.execute(
            select(SourceResult.source, SourceResult.status, SourceResult.error_kind)
        )
        return {source: (status, error) for source, status, error in rows}


def test_nightly_flow_with_x_token_expired_is_partial_and_stores_the_rest(
    prefect_api: str, expired_x: Path, tmp_path: Path
) -> None:
    from flows.nightly import nightly

    state = nightly(replay_dir=str(expired_x), return_state=True)

    assert state.is_completed() and state.name == "Partial"
    engine = make_engine(f"sqlite:///{tmp_path / 'night.db'}")
    found = results(engine)
    assert found.pop("twitter:AlcaldiaDeCali") == ("failed", "auth")
    assert len(found) == 10 and set(found.values()) == {("ok", None)}  # 5 own, 2 peers, 4 outlets
    with session_factory(engine)() as session:
        assert session.scalars(select(CollectionRun.status)).one() == "partial"
        # every account but the failed X one: 4 own, 2 peers
        assert len(session.scalars(select(FollowerSnapshot)).all()) == 6
    engine.dispose()


def test_pulso_collect_on_the_same_night_exits_3(expired_x: Path, tmp_path: Path) -> None:
    assert main(["collect", "--replay", str(expired_x)]) == 3
    engine = make_engine(f"sqlite:///{tmp_path / 'night.db'}")
    assert results(engine)["twitter:AlcaldiaDeCali"] == ("failed", "auth")
    engine.dispose()


def test_a_served_night_replays_the_recordings_named_by_the_setting(
    prefect_api: str, expired_x: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A staging install runs the real schedule on recordings: no flow argument, a setting."""
    from flows.nightly import night_of, nightly

    monkeypatch.setenv("PULSO_REPLAY_DIR", str(expired_x))

    state = nightly(return_state=True)

    assert state.name == "Partial"
    night = night_of(state)
    failed = [o["source"] for o in night["outcomes"] if o["status"] == "failed"]
    assert failed == ["twitter:AlcaldiaDeCali"]
