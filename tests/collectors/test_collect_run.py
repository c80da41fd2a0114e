"""Whole collections through `pulso collect`: one platform failing never stops the others."""

from __future__ import annotations

import logging

import pytest
import responses
import respx
from sqlalchemy import select

from pulso.cli import context
from pulso.cli.app import main
from storage.db import make_engine, session_factory
from storage.models import (
    Account,
    FollowerSnapshot,
    Post,
    PostMetricSnapshot,
    RawPayload,
    SourceResult,
)
from tests.collectors import scenario


@pytest.fixture
def office(monkeypatch, tmp_path):
    scenario.configure(monkeypatch, tmp_path)
    context.reset()
    yield tmp_path
    context.reset()


def results(tmp_path) -> dict[str, SourceResult]:
    engine = make_engine(f"sqlite:///{tmp_path / 'pulso.db'}")
    with session_factory(engine)() as session:
        rows = session.scalars(select(SourceResult)).all()
    engine.dispose()
    return {row.source: row for row in rows}


def test_expired_meta_token_fails_facebook_and_instagram_only(office):
    with respx.mock() as router, responses.RequestsMock() as x:
        scenario.meta_expired(router)
        scenario.youtube_ok(router)
        scenario.tiktok_ok(router)
        scenario.x_ok(x)
        code = main(["collect"])
    assert code == 3
    found = results(office)
    for key in ("facebook:AlcaldiaDeCali", "instagram:alcaldiadecali"):
        assert found[key].status == "failed"
        assert found[key].error_kind == "auth"
        assert "PULSO_META_ACCESS_TOKEN" in found[key].reason
    for key in ("youtube:AlcaldiaDeCali", "tiktok:alcaldiacali", "twitter:AlcaldiaDeCali"):
        assert found[key].status == "ok", found[key].reason


def test_x_rate_limit_with_a_far_reset_fails_x_alone(office):
    with respx.mock() as router, responses.RequestsMock() as x:
        scenario.meta_ok(router)
        scenario.youtube_ok(router)
        scenario.tiktok_ok(router)
        scenario.x_rate_limited(x, reset_in_s=900)
        code = main(["collect"])
    assert code == 3
    found = results(office)
    assert found["twitter:AlcaldiaDeCali"].status == "failed"
    assert found["twitter:AlcaldiaDeCali"].error_kind == "rate_limited"
    assert "allowed again at" in found["twitter:AlcaldiaDeCali"].reason
    assert {k for k, r in found.items() if r.status == "ok"} == {
        "facebook:AlcaldiaDeCali",
        "instagram:alcaldiadecali",
        "youtube:AlcaldiaDeCali",
        "tiktok:alcaldiacali",
    }


def test_full_collection_stores_counts_posts_and_hidden_subscribers_as_null(office):
    with respx.mock() as router, responses.RequestsMock() as x:
        scenario.meta_ok(router)
        scenario.youtube_ok(router)
        scenario.tiktok_ok(router)
        scenario.x_ok(x)
        assert main(["collect"]) == 0
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        snapshots = {
            (a.platform, s.followers)
            for s, a in session.execute(
                select(FollowerSnapshot, Account).join(
                    Account, Account.id == FollowerSnapshot.account_id
                )
            )
        }
        posts = session.scalars(select(Post)).all()
        metrics = session.scalars(select(PostMetricSnapshot)).all()
    engine.dispose()
    assert ("youtube", None) in snapshots
    assert ("facebook", 1204311) in snapshots and ("tiktok", 215400) in snapshots
    assert ("twitter", 512340) in snapshots and ("instagram", 402118) in snapshots
    # facebook 1 + instagram 2 + youtube 2 + tiktok 1 (X: nothing new)
    assert len(posts) == 6 and len(metrics) == 6
    assert {m.views for m in metrics} >= {48210, 10450, 90211}


def test_collect_twice_the_same_day_adds_nothing_twice(office):
    for _ in range(2):
        with respx.mock() as router, responses.RequestsMock() as x:
            scenario.meta_ok(router)
            scenario.youtube_ok(router)
            scenario.tiktok_ok(router)
            scenario.x_ok(x)
            assert main(["collect"]) == 0
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        assert len(session.scalars(select(FollowerSnapshot)).all()) == 5
        assert len(session.scalars(select(Post)).all()) == 6
        assert len(session.scalars(select(PostMetricSnapshot)).all()) == 6
    engine.dispose()


def test_no_secret_appears_in_any_log_line_output_or_record_of_a_failing_run(
    office, caplog, capsys
):
    caplog.set_level(logging.DEBUG)
    with respx.mock() as router, responses.RequestsMock() as x:
        scenario.meta_expired(router)
        scenario.youtube_ok(router)
        scenario.tiktok_ok(router)
        scenario.x_rate_limited(x, reset_in_s=900)
        assert main(["collect"]) == 3
    out, err = capsys.readouterr()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    reasons = " ".join(r.reason or "" for r in results(office).values())
    assert "Bearer ***" in logged  # tweepy logged its headers: redacted, not dropped
    assert "access_token=***" in logged or "key=***" in logged
    for secret in scenario.SECRETS.values():
        for text in (logged, caplog.text, out, err, reasons):
            assert secret not in text


def test_only_selects_platforms_and_rejects_unknown_ones(office, capsys):
    with respx.mock() as router:
        scenario.youtube_ok(router)
        assert main(["collect", "--only", "youtube"]) == 0
    assert set(results(office)) == {"youtube:AlcaldiaDeCali"}
    assert main(["collect", "--only", "myspace"]) == 2
    assert "myspace" in capsys.readouterr().err


def test_missing_credential_is_skipped_with_the_variable_to_set(office, monkeypatch):
    monkeypatch.delenv("PULSO_YOUTUBE_API_KEY")
    context.reset()
    with respx.mock():
        assert main(["collect", "--only", "youtube"]) == 0
    row = results(office)["youtube:AlcaldiaDeCali"]
    assert row.status == "skipped" and "PULSO_YOUTUBE_API_KEY" in row.reason


def test_raw_answers_are_kept_per_day_without_credentials(office):
    def run() -> None:
        with respx.mock() as router, responses.RequestsMock() as x:
            scenario.meta_ok(router)
            scenario.youtube_ok(router)
            scenario.tiktok_ok(router)
            scenario.x_ok(x)
            assert main(["collect"]) == 0

    run()
    run()
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        rows = session.scalars(select(RawPayload)).all()
    engine.dispose()
    sources = {row.source for row in rows}
    assert sources == {
        "facebook:AlcaldiaDeCali",
        "instagram:alcaldiadecali",
        "twitter:AlcaldiaDeCali",
        "youtube:AlcaldiaDeCali",
        "tiktok:alcaldiacali",
    }
    assert len({(r.source, r.request_key, r.day) for r in rows}) == len(
        rows
    )  # the second run replaced
    facebook = [r for r in rows if r.source == "facebook:AlcaldiaDeCali"]
    assert any(
        r.request_key.startswith("GET /v25.0/123456789012345") and b"followers_count" in r.body
        for r in facebook
    )
    for row in rows:
        for secret in scenario.SECRETS.values():
            assert secret not in row.request_key
