"""Peers through `pulso collect`: their public posts land as peer posts; one failing peer
(a personal Instagram account Business Discovery cannot read) fails alone, with the reason."""

from __future__ import annotations

import httpx
import pytest
import responses
import respx
from sqlalchemy import func, select

from pulso.cli import context
from pulso.cli.app import main
from storage.db import make_engine, session_factory
from storage.models import Account, Post, PostMetricSnapshot, SourceResult
from tests.collectors import scenario
from tests.collectors.conftest import payload

PEERS = """
[[accounts]]
platform = "instagram"
handle = "alcaldiabogota"
own = false
[[accounts]]
platform = "instagram"
handle = "vecinopersonal"
own = false
[[accounts]]
platform = "youtube"
handle = "AlcaldiaBogota"
own = false
[[accounts]]
platform = "twitter"
handle = "Bogota"
own = false
collect_posts = true
[[accounts]]
platform = "twitter"
handle = "AlcaldiaMedellin"
own = false
"""


@pytest.fixture
def office(monkeypatch, tmp_path):
    scenario.configure(monkeypatch, tmp_path, PEERS)
    context.reset()
    yield tmp_path
    context.reset()


def own_account_or_discovery(request: httpx.Request) -> httpx.Response:
    fields = request.url.params.get("fields", "")
    if "username(vecinopersonal)" in fields:
        return httpx.Response(400, json=payload("instagram", "discovery_not_business"))
    if "username(alcaldiabogota)" in fields:
        return httpx.Response(200, json=payload("instagram", "discovery_media"))
    return httpx.Response(200, json=payload("instagram", "user"))


def collect(office) -> int:
    with respx.mock() as router, responses.RequestsMock() as x:
        scenario.meta_ok(router)
        # Same address as the own account's: respx replaces meta_ok's route with this one.
        router.get(f"{scenario.GRAPH}/17841400000000000").mock(side_effect=own_account_or_discovery)
        scenario.youtube_ok(router)
        scenario.tiktok_ok(router)
        scenario.x_ok(x)
        x.get(f"{scenario.X}/users/by/username/Bogota", json=payload("twitter", "peer_user"))
        x.get(f"{scenario.X}/users/987654321/tweets", json=payload("twitter", "peer_tweets"))
        # No tweets route for Medellín: its posts are not switched on, so none is bought.
        x.get(
            f"{scenario.X}/users/by/username/AlcaldiaMedellin",
            json=payload("twitter", "peer_user"),
        )
        return main(["collect"])


def test_peers_posts_land_as_peer_posts_and_a_personal_account_fails_alone(office):
    assert collect(office) == 3
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        found = {r.source: r for r in session.scalars(select(SourceResult))}
        posts = dict(
            session.execute(
                select(Account.handle, func.count(Post.id))
                .join(Post, Post.account_id == Account.id, isouter=True)
                .where(Account.own.is_(False))
                .group_by(Account.handle)
            ).all()
        )
        hidden = session.scalars(
            select(PostMetricSnapshot.reactions)
            .join(Post, Post.id == PostMetricSnapshot.post_id)
            .where(Post.platform_post_id == "17990000000000002")
        ).one()
    engine.dispose()
    failed = found["instagram:vecinopersonal"]
    assert failed.status == "failed" and failed.error_kind == "not_found"
    assert "only business and creator accounts" in (failed.reason or "")
    assert {k for k, r in found.items() if r.status != "ok"} == {"instagram:vecinopersonal"}
    assert posts == {"alcaldiabogota": 2, "AlcaldiaBogota": 2, "Bogota": 1, "AlcaldiaMedellin": 0}
    assert hidden is None  # a peer's hidden likes are unknown, never 0


def test_collecting_peers_twice_the_same_day_adds_no_post_twice(office):
    collect(office)
    collect(office)
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        peer_posts = session.scalar(
            select(func.count(Post.id))
            .join(Account, Account.id == Post.account_id)
            .where(Account.own.is_(False))
        )
        snapshots = session.scalar(
            select(func.count(PostMetricSnapshot.id))
            .join(Post, Post.id == PostMetricSnapshot.post_id)
            .join(Account, Account.id == Post.account_id)
            .where(Account.own.is_(False))
        )
    engine.dispose()
    assert peer_posts == 5 and snapshots == 5
