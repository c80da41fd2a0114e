"""A night where Instagram's answer changed shape: Instagram fails with the reason, the rest land."""

from __future__ import annotations

import httpx
import responses
import respx
from sqlalchemy import select

from pulso.cli import context
from pulso.cli.app import main
from storage.db import make_engine, session_factory
from storage.models import Account, FollowerSnapshot, SourceResult
from tests.collectors import scenario
from tests.collectors.conftest import payload


def test_a_word_where_instagram_followers_should_be_fails_instagram_alone(monkeypatch, tmp_path):
    scenario.configure(monkeypatch, tmp_path)
    context.reset()
    changed = payload("instagram", "user") | {"followers_count": "muchos"}
    with respx.mock(assert_all_called=False) as router, responses.RequestsMock() as x:
        scenario.meta_ok(router)
        router.get(f"{scenario.GRAPH}/17841400000000000").mock(
            return_value=httpx.Response(200, json=changed)
        )
        scenario.youtube_ok(router)
        scenario.tiktok_ok(router)
        scenario.x_ok(x)
        assert main(["collect"]) == 3
    context.reset()
    engine = make_engine(f"sqlite:///{tmp_path / 'pulso.db'}")
    with session_factory(engine)() as session:
        results = {r.source: r for r in session.scalars(select(SourceResult))}
        stored = set(
            session.scalars(
                select(Account.platform).join(
                    FollowerSnapshot, FollowerSnapshot.account_id == Account.id
                )
            )
        )
    engine.dispose()
    instagram = results.pop("instagram:alcaldiadecali")
    assert (instagram.status, instagram.error_kind) == ("failed", "bad_payload")
    assert instagram.reason == (
        "instagram:alcaldiadecali account: followers_count: expected a whole number >= 0, "
        'got "muchos"'
    )
    assert {r.status for r in results.values()} == {"ok"}
    # Nothing of Instagram's night was stored as if it were fine: no snapshot, no NULL "ok".
    assert stored == {"facebook", "twitter", "youtube", "tiktok"}
