"""A night killed with SIGKILL mid-way leaves no partial source; the next run completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import Account, CollectionRun, FollowerSnapshot, Post, SourceResult
from tests.flows.fakes import Routes, loopback

ROOT = Path(__file__).resolve().parents[2]


def count(engine: Engine, model: type, *where: object) -> int:
    with session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def wait_for(
    condition: Callable[[], bool], process: subprocess.Popen[str], timeout_s: float = 300
) -> None:
    """Until `condition`; fails with the child's output if it died or took too long."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate()
            raise AssertionError(f"night ended early or hung: {out}\n{err[-3000:]}")
        time.sleep(0.1)


def night(base: str, env: dict[str, str], stall: bool = False) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "tests.flows.killable_night", base] + (["stall"] if stall else [])
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.slow
def test_sigkill_mid_store_leaves_nothing_of_that_source_and_the_rerun_completes(
    prefect_api: str, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'pulso.db'}"
    engine = make_engine(url)
    upgrade(engine)
    env = {
        **os.environ,
        "PULSO_DATABASE_URL": url,
        "PREFECT_API_URL": prefect_api,
        "PYTHONPATH": str(ROOT),
    }
    routes = Routes()
    for platform, followers in (("facebook", 486513), ("twitter", 274680), ("youtube", 14800)):
        routes.answers[f"/{platform}/AlcaldiaDeCali"] = [
            (200, {"followers": followers, "posts": [1, 2, 3]})
        ]
    with loopback(routes) as base:
        process = night(base, env, stall=True)
        wait_for(lambda: count(engine, SourceResult, SourceResult.status == "ok") == 2, process)
        routes.gate.set()
        # X is half-stored (account, snapshot and posts flushed, not committed) when it stalls.
        wait_for(routes.stalled.is_set, process)
        process.send_signal(signal.SIGKILL)
        process.wait(30)

        assert count(engine, Account, Account.platform == "twitter") == 0
        assert count(engine, Post) == 6
        assert count(engine, FollowerSnapshot) == 2
        assert count(engine, CollectionRun, CollectionRun.status == "running") == 1

        rerun = night(base, env)
        out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err[-2000:]
    assert out.strip().endswith("Completed")
    assert count(engine, Account, Account.platform == "twitter") == 1
    assert count(engine, FollowerSnapshot) == 3
    assert count(engine, Post) == 9
    with session_factory(engine)() as session:
        last = session.scalars(select(CollectionRun).order_by(CollectionRun.id.desc())).first()
    assert last is not None and last.status == "ok"
    engine.dispose()
