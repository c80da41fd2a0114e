"""`pulso demo` end to end, as a user runs it: a fresh process, a folder, a report to open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from storage.db import make_engine, session_factory
from storage.models import CollectionRun
from tests.reports.render_helpers import soup_of, table_rows

# Logs of what happened (each run, each import), not data: they grow by design.
RUN_LOGS = {"collection_runs", "source_results", "alembic_version"}


def pulso(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pulso", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        names = inspect(connection).get_table_names()
        counts = {
            name: connection.exec_driver_sql(f'SELECT COUNT(*) FROM "{name}"').scalar_one()
            for name in names
        }
    engine.dispose()
    return counts


@pytest.mark.slow
def test_demo_runs_offline_twice_adds_nothing_and_growth_answers_from_it(tmp_path: Path) -> None:
    operator = tmp_path / "operator"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        {
            "PULSO_DATABASE_URL": f"sqlite:///{operator / 'real.db'}",
            "PULSO_DATA_DIR": str(operator / "data"),
            "PULSO_X_BEARER_TOKEN": "operator-real-secret-token",
        }
    )
    out = tmp_path / "pulso-demo"

    # How long this takes is measured by bench/bench_demo.py, never asserted here.
    first = pulso(["demo", "--out", str(out)], tmp_path, env)
    assert first.returncode == 0, first.stderr[-3000:]
    second = pulso(["demo", "--out", str(out)], tmp_path, env)
    assert second.returncode == 0, second.stderr[-3000:]
    report = next((out / "reports").glob("*-W*/informe-semanal-*-W*.html"))
    assert str(report) in first.stdout
    assert report.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    # The posts' pictures came from the recordings, through the thumbnail code, into the page.
    assert 'src="data:image/png;base64,' in report.read_text(encoding="utf-8")
    # The benchmark: the Instagram peer's week read through Business Discovery; X's peer not
    # read (paid reads off), so its posts are unknown, not zero.
    peers = {row[1]: row[-4:] for row in table_rows(soup_of(report), "peers")}
    assert "sin datos" not in peers["Alcaldía de Bogotá"][:3]
    assert peers["Alcaldía de Medellín"][:3] == ["sin datos"] * 3
    for word in ("Facebook", "X (Twitter)", "seguidores", "Menciones en medios", "Free press"):
        assert word in first.stdout
    assert not (operator / "real.db").exists()
    assert "operator-real-secret-token" not in (out / "demo.db").read_bytes().decode("latin-1")

    url = f"sqlite:///{out / 'demo.db'}"
    engine = make_engine(url)
    with session_factory(engine)() as session:
        runs = session.scalars(select(CollectionRun.status)).all()
        assert runs == ["ok", "ok"]
        assert session.scalar(select(func.count()).select_from(CollectionRun)) == 2
    engine.dispose()

    # A third run, counted around: the data tables do not grow.
    before = table_counts(url)
    third = pulso(["demo", "--out", str(out)], tmp_path, env)
    assert third.returncode == 0, third.stderr[-3000:]
    after = table_counts(url)
    assert {k: v for k, v in after.items() if k not in RUN_LOGS} == {
        k: v for k, v in before.items() if k not in RUN_LOGS
    }
    assert before["follower_snapshots"] > 500 and before["mentions"] > 0

    growth = pulso(["growth", "--format", "json"], tmp_path, {**env, "PULSO_DATABASE_URL": url})
    assert growth.returncode == 0, growth.stderr
    items = json.loads(growth.stdout)
    assert {i["platform"] for i in items} == {
        "facebook",
        "instagram",
        "twitter",
        "youtube",
        "tiktok",
    }
    facebook = next(i for i in items if i["platform"] == "facebook")
    assert facebook["start"] == {"date": "2020-01-01", "followers": 235343}
