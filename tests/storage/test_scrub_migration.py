"""Revision 0003 removes the credentials that older versions stored, on SQLite and PostgreSQL.

Rows are written the way Pulso before 0003 wrote them (Graph paging URLs with the token,
TikTok's token answer whole, a reason quoting a URL), then the database is upgraded.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from collectors.redact import scrub
from storage.db import make_engine
from storage.migrate import MIGRATIONS_DIR, alembic_config, current_revision, upgrade
from storage.revision import head_revision
from tests.conftest import POSTGRES_URL, _reset_postgres

TOKEN = "EAAGmigrationTOKEN42"
TIKTOK_ACCESS, TIKTOK_REFRESH = "act.STOREDaccess77", "rft.STOREDrefresh88"
MANY = 450  # more than one batch of 200

GRAPH_POSTS = {
    "data": [{"id": "1_2", "reactions": {"summary": {"total_count": 3}}}],
    "paging": {
        "cursors": {"after": "QVFIUafter1"},
        "next": f"https://graph.facebook.com/v25.0/1/posts?access_token={TOKEN}&after=QVFIUafter1",
    },
}
TIKTOK_TOKEN = {
    "access_token": TIKTOK_ACCESS,
    "expires_in": 7200,
    "refresh_token": TIKTOK_REFRESH,
    "scope": "user.info.basic",
}


@pytest.fixture(params=["sqlite", "postgres"])
def old_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at revision 0001, as Pulso left it before secrets were scrubbed."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        if not POSTGRES_URL:
            pytest.skip("PULSO_TEST_POSTGRES_URL is not set")
        engine = _reset_postgres(POSTGRES_URL)
    command.upgrade(alembic_config(engine), "0001")
    yield engine
    engine.dispose()


def store_like_before(engine: Engine) -> None:
    now = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    rows = [
        ("facebook:AlcaldiaDeCali", "GET /v25.0/1/posts", json.dumps(GRAPH_POSTS).encode()),
        ("tiktok:alcaldiacali", "POST /v2/oauth/token/", json.dumps(TIKTOK_TOKEN).encode()),
        ("youtube:AlcaldiaDeCali", f"GET /youtube/v3/channels?key={TOKEN}", b'{"items":[]}'),
    ]
    rows += [("instagram:x", f"GET /v25.0/{i}/insights", b'{"data":[]}') for i in range(MANY)]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO collection_runs (id, day, kind, status, started_at) "
                "VALUES (1, :day, 'nightly', 'partial', :now)"
            ),
            {"day": date(2026, 11, 20), "now": now},
        )
        connection.execute(
            text(
                "INSERT INTO raw_payloads (source, request_key, day, content_type, body, "
                "fetched_at, run_id) VALUES (:source, :key, :day, 'application/json', :body, "
                ":now, 1)"
            ),
            [
                {"source": s, "key": k, "day": date(2026, 11, 20), "body": b, "now": now}
                for s, k, b in rows
            ],
        )
        connection.execute(
            text(
                "INSERT INTO source_results (run_id, source, kind, status, reason, started_at) "
                "VALUES (1, 'facebook:AlcaldiaDeCali', 'facebook', 'failed', :reason, :now)"
            ),
            {
                "reason": f"GET https://graph.facebook.com/v25.0/1?access_token={TOKEN}: 500",
                "now": now,
            },
        )


def stored(engine: Engine) -> tuple[dict[str, bytes], list[str]]:
    with engine.connect() as connection:
        bodies = {
            key: bytes(body)
            for key, body in connection.execute(text("SELECT request_key, body FROM raw_payloads"))
        }
        reasons = [r for (r,) in connection.execute(text("SELECT reason FROM source_results"))]
    return bodies, reasons


def test_upgrade_scrubs_tokens_stored_before_and_adds_the_note_columns(old_engine):
    store_like_before(old_engine)
    upgrade(old_engine, secrets=[TIKTOK_ACCESS])
    assert current_revision(old_engine) == head_revision()  # 0003 and any later one
    bodies, reasons = stored(old_engine)
    everything = b"".join([*bodies.values(), *(key.encode() for key in bodies)])
    for secret in (TOKEN, TIKTOK_ACCESS, TIKTOK_REFRESH):
        assert secret.encode() not in everything
        assert all(secret not in reason for reason in reasons)
    posts = json.loads(bodies["GET /v25.0/1/posts"])
    assert posts["paging"]["next"] == "https://graph.facebook.com/v25.0/1/posts?after=QVFIUafter1"
    assert json.loads(bodies["POST /v2/oauth/token/"]) == {
        "expires_in": 7200,
        "scope": "user.info.basic",
    }
    assert "GET /youtube/v3/channels" in bodies
    assert len(bodies) == MANY + 3
    for table in ("follower_snapshots", "post_metric_snapshots"):
        assert "note" in {c["name"] for c in inspect(old_engine).get_columns(table)}


def test_scrubbing_again_changes_nothing(old_engine):
    store_like_before(old_engine)
    upgrade(old_engine, secrets=[])
    first = stored(old_engine)
    command.downgrade(alembic_config(old_engine), "0001")
    upgrade(old_engine, secrets=[])
    assert stored(old_engine) == first


def _migration_module():
    path = MIGRATIONS_DIR / "versions" / "0003_scrub_raw_payload_secrets.py"
    spec = importlib.util.spec_from_file_location("scrub_0003", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "body",
    [
        json.dumps(GRAPH_POSTS).encode(),
        json.dumps(TIKTOK_TOKEN).encode(),
        json.dumps(GRAPH_POSTS).replace("/", "\\/").encode(),
        b"go=https%3A%2F%2Fg.test%2Fx%3Faccess_token%3DEAAG%26after%3D1&z=1",
        b'<a href="https://www.googleapis.com/youtube/v3/videos?key=AIzaLeak&amp;id=1">',
        b"Authorization: Bearer AAAAxyz\n" + TIKTOK_ACCESS.encode(),
        b'{"refresh_token": "rft.x", "n": ',
        b"\xff\xfe binary",
        b'{"data":[{"id":"1","caption":"Qu\\u00e9 pasa? Cali"}]}',
        b'{"message":"Feria \\ud83c","next":"https://g.test/x?access_token=t&a=1"}',
    ],
)
def test_the_migrations_frozen_copy_scrubs_as_the_collectors_do_today(body):
    frozen = _migration_module()
    assert frozen.scrub(body, (TIKTOK_ACCESS,)) == scrub(body, (TIKTOK_ACCESS,))
