"""Prefect's cost: per source task on the demo, and the nightly wall time for 200 sources.

Both as ratios against calling the same steps without Prefect (flows/steps/collection.py:
the same per-platform lanes on a thread pool), measured in the same run. The temporary
Prefect API server is started before timing: its start-up (5-30 s) is reported apart.

    .venv/bin/python bench/bench_flows.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows.prefect_env import isolate  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="pulso-bench-flows-"))
isolate(WORK)

import httpx  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.common import print_rows  # noqa: E402
from flows.steps.collection import Plan, collect, plan_sources  # noqa: E402
from flows.steps.sources import RunContext  # noqa: E402
from pulso.demo import generate  # noqa: E402
from pulso.demo.run import bundled  # noqa: E402
from settings import load_settings  # noqa: E402
from storage.accounts import ensure_account  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import FollowerSnapshot  # noqa: E402

KINDS = ("facebook", "instagram", "twitter", "youtube", "tiktok", "news")
LATENCY_S = 0.1
CONFIG = """
timezone = "America/Bogota"
[collection]
retries = 0
max_workers = 8
limits = { facebook = 2, instagram = 2, twitter = 1, youtube = 2, tiktok = 1, news = 4 }
"""


class Slow(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        time.sleep(LATENCY_S)
        body = b'{"followers": 1000}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        return None


@dataclass
class LoopbackSource:
    """A source whose answer takes 100 ms, stored as a follower snapshot."""

    kind: str
    handle: str
    base: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.handle}"

    def collect(self, session: Session, ctx: RunContext) -> int:
        return int(httpx.get(f"{self.base}/{self.key}", timeout=30).json()["followers"])

    def store(self, session: Session, collected: int, ctx: RunContext) -> dict[str, int]:
        account = ensure_account(session, platform=self.kind, handle=self.handle)
        found = session.scalars(
            select(FollowerSnapshot).where(
                FollowerSnapshot.account_id == account.id, FollowerSnapshot.day == ctx.day
            )
        ).one_or_none()
        if found is None:
            found = FollowerSnapshot(account_id=account.id, day=ctx.day, source="collected")
            session.add(found)
        found.followers, found.collected_at, found.run_id = collected, ctx.now, ctx.run_id
        return {"followers": 1}


def fresh_database(template: Path, name: str) -> str:
    target = WORK / f"{name}.db"
    shutil.copyfile(template, target)
    os.environ["PULSO_DATABASE_URL"] = f"sqlite:///{target}"
    return os.environ["PULSO_DATABASE_URL"]


def without_prefect(make_plan: Any, template: Path, name: str) -> float:
    url = fresh_database(template, name)
    engine = make_engine(url)
    started = time.perf_counter()
    plan = make_plan()
    collect(engine, load_settings(), plan, kind="bench")
    plan.close()
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def with_prefect(make_plan: Any, template: Path, name: str, replay: str | None) -> float:
    import flows.nightly

    fresh_database(template, name)
    flows.nightly.plan_sources = lambda *_a, **_k: make_plan()  # type: ignore[assignment]
    started = time.perf_counter()
    state = flows.nightly.nightly(replay_dir=replay, kind="bench", return_state=True)
    elapsed = time.perf_counter() - started
    assert state.is_completed(), state.message
    return elapsed


def migrated_template() -> Path:
    path = WORK / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def start_prefect() -> float:
    started = time.perf_counter()
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        client.hello()
    return time.perf_counter() - started


def fixed_cost(template: Path) -> float:
    """A night with no source: the flow's own start and finish."""
    return with_prefect(lambda: Plan(), template, "empty", None)


def overhead(plain: float, flow: float, fixed: float, count: int) -> str:
    return f"{fixed:.2f} s + {max(0.0, flow - plain - fixed) / count * 1000:.0f} ms/task"


def demo_case(template: Path, repeat: int, fixed: float) -> list[list[str]]:
    os.environ["PULSO_CONFIG"] = str(bundled("pulso.toml"))
    replay = generate.write_replay(WORK / "replay", datetime.now(UTC), "v25.0")
    settings = load_settings()
    sources = len(plan_sources(settings, replay_dir=replay).sources)

    def make() -> Plan:
        return plan_sources(load_settings(), replay_dir=replay)

    plain = min(without_prefect(make, template, f"demo-plain-{i}") for i in range(repeat))
    flow = min(with_prefect(make, template, f"demo-flow-{i}", str(replay)) for i in range(repeat))
    return [
        [
            f"demo night ({sources} sources)",
            f"{plain:.2f} s",
            f"{flow:.2f} s",
            f"{flow / plain:.1f}x",
            overhead(plain, flow, fixed, sources),
        ]
    ]


def loopback_case(template: Path, count: int, fixed: float) -> list[list[str]]:
    config = WORK / "bench.toml"
    config.write_text(CONFIG, encoding="utf-8")
    os.environ["PULSO_CONFIG"] = str(config)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def make() -> Plan:
        return Plan(
            [LoopbackSource(KINDS[i % len(KINDS)], f"acct{i:03d}", base) for i in range(count)]
        )

    try:
        plain = without_prefect(make, template, "loop-plain")
        flow = with_prefect(make, template, "loop-flow", None)
    finally:
        server.shutdown()
    floor = count * LATENCY_S / 8
    return [
        [
            f"{count} sources, {LATENCY_S * 1000:.0f} ms latency (floor {floor:.1f} s)",
            f"{plain:.2f} s",
            f"{flow:.2f} s",
            f"{flow / plain:.1f}x",
            overhead(plain, flow, fixed, count),
        ]
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="50 sources, one repetition")
    args = parser.parse_args()
    template = migrated_template()
    startup = start_prefect()
    fixed = min(fixed_cost(template) for _ in range(2))
    rows = demo_case(template, 1 if args.quick else 3, fixed)
    rows += loopback_case(template, 50 if args.quick else 200, fixed)
    print_rows(
        f"Nightly flow: Prefect vs the same steps without it (Prefect API start-up {startup:.1f} s, not counted)",
        ["case", "without Prefect", "Prefect flow", "ratio", "Prefect: per flow + per task"],
        rows,
    )
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
