"""The demo's office collects reach, views and a live broadcast from its recordings, and the
same night run twice stores every figure once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from pulso.cli import context
from pulso.cli.app import main
from pulso.demo import generate
from pulso.demo.run import bundled
from reports.answers.reach import reach_answer
from reports.week import last_complete_week
from storage.db import make_engine, session_factory
from storage.models import AccountInsight, LiveBroadcast, PostInsight

ZONE = ZoneInfo("America/Bogota")


@pytest.fixture
def demo_night(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    replay = generate.write_replay(tmp_path / "replay", datetime.now(UTC), "v25.0")
    monkeypatch.setenv("PULSO_CONFIG", str(bundled("pulso.toml")))
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'night.db'}")
    context.reset()
    return replay


def counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    with session_factory(engine)() as session:
        found = tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (AccountInsight, PostInsight, LiveBroadcast)
        )
    engine.dispose()
    return found  # type: ignore[return-value]


def test_demo_night_stores_reach_views_and_a_broadcast_once(demo_night: Path, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'night.db'}"
    assert (
        main(["collect", "--replay", str(demo_night), "--only", "facebook", "--only", "instagram"])
        == 0
    )
    first = counts(url)
    assert (
        main(["collect", "--replay", str(demo_night), "--only", "facebook", "--only", "instagram"])
        == 0
    )
    assert counts(url) == first
    # 4 Facebook + 4 Instagram daily metrics; 4 posts x 2 + 4 media x 5 lifetime metrics;
    # two broadcasts, one on each page of `live_videos`
    assert first == (8, 28, 2)

    engine = make_engine(url)
    # From the last complete week's Monday (its Thursday's broadcast) to today.
    start = last_complete_week(datetime.now(UTC), ZONE).start
    with session_factory(engine)() as session:
        answer = reach_answer(session, start=start, end=date.today(), zone=ZONE)
    engine.dispose()
    rows = {row["platform"]: row for row in answer["accounts"]}
    assert rows["facebook"]["reach"] == 402_118 and rows["instagram"]["reach"] == 187_430
    assert rows["instagram"]["views"] == 652_900
    live = answer["live_videos"]
    # The older broadcast (past live_days) is stored without views and outside the period.
    assert [item["total_views"] for item in live] == [48_730]
    assert live[0]["duration_s"] == 7_385


def test_pulso_insights_answers_json_and_a_table(
    demo_night: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["collect", "--replay", str(demo_night)]) == 0
    capsys.readouterr()
    today = datetime.now(ZONE).date().isoformat()
    start = last_complete_week(datetime.now(UTC), ZONE).start.isoformat()
    assert main(["insights", "--from", start, "--to", today, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    labels = {row["platform"]: row["post_views_label"] for row in answer["accounts"]}
    assert labels["twitter"] == "impressions" and labels["facebook"] == "views"
    assert answer["live_videos"][0]["total_views"] == 48_730
    assert main(["insights", "--from", start, "--to", today]) == 0
    table = capsys.readouterr().out
    assert "Alcance" in table and "Impresiones" in table and "Transmisiones en vivo" in table
    assert main(["insights", "--from", today, "--to", "2020-01-01"]) == 2
