"""A manual `pulso collect` during the night's run: both finish, every account exists once.

Each collection runs in its own thread with its own engine, as two processes would. A barrier
holds every first attempt to create an account until the other collection has also looked for
it and found nothing, so both really race to create the same rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

import storage.accounts
import storage.outlets
from flows.steps.collection import NightResult, collect, plan_sources
from settings import load_settings
from storage.db import make_engine, session_factory, transaction
from storage.models import Account, FollowerSnapshot, Outlet, Post, PostMetricSnapshot
from storage.outlets import ensure_outlet
from tests.collectors import scenario
from tests.collectors.conftest import FIXTURES

REPLAY = FIXTURES / "replay"
WAIT_S = 60  # only bounds a hang if one side never arrives; not a claim about speed


class Race:
    """One barrier per row key: the first lookup of each key waits for the other side's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._barriers: dict[Any, threading.Barrier] = {}
        self.raced: set[Any] = set()

    def meet(self, key: Any) -> None:
        with self._lock:
            if key in self.raced:
                return
            barrier = self._barriers.setdefault(key, threading.Barrier(2))
        barrier.wait(timeout=WAIT_S)
        with self._lock:
            self.raced.add(key)

    def around(self, find: Callable[..., Any], key: Callable[..., Any]) -> Callable[..., Any]:
        def racing(*args: Any, **kwargs: Any) -> Any:
            found = find(*args, **kwargs)
            if found is None:
                self.meet(key(*args, **kwargs))
            return found

        return racing


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def one_collection(url: str, only: list[str] | None = None) -> NightResult:
    engine = make_engine(url)  # its own engine and connections, as a second process has
    try:
        settings = load_settings()
        plan = plan_sources(settings, replay_dir=REPLAY, engine=engine, only=only)
        try:
            return collect(engine, settings, plan, kind="manual")
        finally:
            plan.close()
    finally:
        engine.dispose()


def count(engine: Engine, model: type) -> int:
    with session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def office(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Race:
    scenario.configure(monkeypatch, tmp_path)
    for name in scenario.SECRETS:
        monkeypatch.delenv(name)  # replayed answers need no credentials
    race = Race()
    monkeypatch.setattr(
        storage.accounts,
        "find_account",
        race.around(
            storage.accounts.find_account,
            lambda _session, *, platform, handle: ("account", platform, handle.lower()),
        ),
    )
    return race


def test_two_collections_at_once_both_succeed_with_one_row_per_account(
    office: Race, any_engine: Engine
) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(one_collection, url_of(any_engine)) for _ in range(2)]
        results = [run.result() for run in runs]
    for result in results:
        failed = {o.key: o.reason for o in result.summary.outcomes if o.status != "ok"}
        assert failed == {}, failed
        assert result.summary.status == "ok"
    assert len(office.raced) == 5  # every account was created by both at once
    assert count(any_engine, Account) == 5
    assert count(any_engine, FollowerSnapshot) == 5  # one per account and day
    with session_factory(any_engine)() as session:
        posts = session.scalar(select(func.count()).select_from(Post))
        metrics = session.scalar(select(func.count()).select_from(PostMetricSnapshot))
    assert posts and metrics == posts  # one metric row per post and day


def test_two_imports_creating_the_same_outlet_at_once_share_one_row(
    monkeypatch: pytest.MonkeyPatch, any_engine: Engine
) -> None:
    race = Race()
    monkeypatch.setattr(
        storage.outlets,
        "find_outlet",
        race.around(storage.outlets.find_outlet, lambda _session, name: ("outlet", name)),
    )

    def create(url: str) -> int:
        engine = make_engine(url)
        try:
            with transaction(engine) as session:
                return ensure_outlet(session, name="Noticiero 90 Minutos", medium="tv").id
        finally:
            engine.dispose()

    with ThreadPoolExecutor(max_workers=2) as pool:
        ids = list(pool.map(create, [url_of(any_engine)] * 2))
    assert race.raced == {("outlet", "Noticiero 90 Minutos")}
    assert ids[0] == ids[1] and count(any_engine, Outlet) == 1


def test_two_collections_again_the_same_day_replace_the_day_s_rows_once(
    office: Race, any_engine: Engine
) -> None:
    """The next collection of the day finds the accounts and races on the day's snapshots.

    (X is left out: its second request asks for tweets since the last one, not recorded.)"""
    only = ["facebook", "instagram", "youtube", "tiktok"]
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = [pool.submit(one_collection, url_of(any_engine), only) for _ in range(2)]
            results = [run.result() for run in runs]
        for result in results:
            failed = {o.key: o.reason for o in result.summary.outcomes if o.status != "ok"}
            assert failed == {}, failed
    assert count(any_engine, Account) == 4
    assert count(any_engine, FollowerSnapshot) == 4
