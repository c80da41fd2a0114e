"""`pulso collect` and the nightly flow retry and wait alike: the HTTP policy decides, once.

The same answers from a loopback server go through both paths (the CLI's `collect` step, and
the Prefect flow `pulso serve` runs); each must send the same requests, wait the same waits
(recorded, never slept) and record the same outcome. The policy comes from `[http]`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from collectors.retry import RetryPolicy
from flows.steps.collection import Plan, collect
from flows.steps.http_policy import http_policy
from settings import load_settings
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import FollowerSnapshot, SourceResult
from tests.flows.fakes import HttpSource, Routes, loopback

CONFIG = """
timezone = "America/Bogota"
[http]
max_retries = {max_retries}
max_wait_s = 2
allow_hosts = ["127.0.0.1"]
"""
PATH = "/tiktok/alcaldiadecali"
BUSY_THEN_LIMITED_THEN_OK = [
    (503, {"error": {"code": "internal_error"}}),
    (429, {"error": {"code": "rate_limit_exceeded"}}, {"Retry-After": "1"}),
    (200, {"followers": 3242}),
]
# 3 s is more than `max_wait_s` (2 s) and less than the 60 s the flow used to wait on its own.
LIMITED_BEYOND_MAX_WAIT = [(429, {"error": {"code": "rate_limit_exceeded"}}, {"Retry-After": "3"})]

# The recorded reason says when to come back (the minute, normalised here).
LIMITED = "tiktok:alcaldiadecali: http rate limit reached; allowed again at <time> UTC (HTTP 429)"


@dataclass(frozen=True)
class Night:
    """What one path did with the answers: requests, waits, and what it recorded."""

    hits: int
    sleeps: tuple[float, ...]
    result: tuple[str, str | None]
    reason: str | None
    followers: tuple[int | None, ...]


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pulso.toml").write_text(CONFIG.format(max_retries=3), encoding="utf-8")
    # The ceiling of each jittered backoff, so both paths' waits can be compared exactly.
    monkeypatch.setattr(
        RetryPolicy,
        "backoff",
        lambda p, attempt: min(p.backoff_cap_s, p.backoff_base_s * 2**attempt),
    )


def night(engine: Engine, routes: Routes, source: HttpSource) -> Night:
    with session_factory(engine)() as session:
        result = session.execute(
            select(SourceResult.status, SourceResult.error_kind, SourceResult.reason)
        ).one()
        followers = session.scalars(select(FollowerSnapshot.followers))
        return Night(
            hits=routes.hits.get(PATH, 0),
            sleeps=tuple(source.sleeps),
            result=(result.status, result.error_kind),
            reason=result.reason and re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "<time>", result.reason),
            followers=tuple(followers),
        )


def source(base: str) -> HttpSource:
    return HttpSource("tiktok", "alcaldiadecali", base, policy=http_policy(load_settings().config))


def through_pulso_collect(tmp_path: Path, answers: list[tuple[Any, ...]]) -> Night:
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    upgrade(engine)
    routes = Routes(answers={PATH: copy.deepcopy(answers)})
    with loopback(routes) as base:
        account = source(base)
        collect(engine, load_settings(), Plan([account]), kind="manual")
    try:
        return night(engine, routes, account)
    finally:
        engine.dispose()


def through_the_nightly_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list[tuple[Any, ...]]
) -> Night:
    import flows.nightly

    url = f"sqlite:///{tmp_path / 'flow.db'}"
    monkeypatch.setenv("PULSO_DATABASE_URL", url)
    routes = Routes(answers={PATH: copy.deepcopy(answers)})
    with loopback(routes) as base:
        account = source(base)
        monkeypatch.setattr(flows.nightly, "plan_sources", lambda *_a, **_k: Plan([account]))
        flows.nightly.nightly(return_state=True)
    engine = make_engine(url)
    try:
        return night(engine, routes, account)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("max_retries", "expected"),
    [
        # One backoff after the 503 (its 0.5 s ceiling), then the platform's Retry-After.
        (3, Night(hits=3, sleeps=(0.5, 1.0), result=("ok", None), reason=None, followers=(3242,))),
        # The retry is spent on the 503: the 429 ends it, whoever runs the source (the flow
        # used to wait and run the whole source again, and land where the CLI failed).
        (
            1,
            Night(
                hits=2,
                sleeps=(0.5,),
                result=("failed", "rate_limited"),
                reason=LIMITED,
                followers=(),
            ),
        ),
    ],
    ids=["retries left", "retries spent"],
)
def test_a_busy_then_rate_limited_source_ends_the_same_way_by_cli_and_by_schedule(
    prefect_api: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    max_retries: int,
    expected: Night,
) -> None:
    (tmp_path / "pulso.toml").write_text(CONFIG.format(max_retries=max_retries), encoding="utf-8")

    by_cli = through_pulso_collect(tmp_path, BUSY_THEN_LIMITED_THEN_OK)
    by_schedule = through_the_nightly_flow(tmp_path, monkeypatch, BUSY_THEN_LIMITED_THEN_OK)

    assert by_cli == by_schedule
    assert by_cli == expected


def test_a_rate_limit_beyond_max_wait_fails_the_source_once_without_waiting_in_both_paths(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_cli = through_pulso_collect(tmp_path, LIMITED_BEYOND_MAX_WAIT)
    by_schedule = through_the_nightly_flow(tmp_path, monkeypatch, LIMITED_BEYOND_MAX_WAIT)

    for path in (by_cli, by_schedule):
        assert (path.hits, path.sleeps, path.result) == (1, (), ("failed", "rate_limited"))
        assert path.reason == LIMITED
        assert path.followers == ()
