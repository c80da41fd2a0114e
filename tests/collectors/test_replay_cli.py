"""`pulso collect --replay DIR` and `pulso tokens check`: offline, from recorded answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from flows.steps.social_tokens import check_tokens, judge
from pulso.cli import context
from pulso.cli.app import main
from settings import load_settings
from storage.db import make_engine, session_factory
from storage.models import SourceResult
from tests.collectors import scenario
from tests.collectors.conftest import FIXTURES

REPLAY = FIXTURES / "replay"


@pytest.fixture
def office_without_secrets(monkeypatch, tmp_path):
    scenario.configure(monkeypatch, tmp_path)
    for name in scenario.SECRETS:
        monkeypatch.delenv(name)
    context.reset()
    yield tmp_path
    context.reset()


def test_replay_collects_every_platform_offline_without_credentials(office_without_secrets, capsys):
    assert main(["collect", "--replay", str(REPLAY)]) == 0
    engine = make_engine(f"sqlite:///{office_without_secrets / 'pulso.db'}")
    with session_factory(engine)() as session:
        rows = {r.source: r for r in session.scalars(select(SourceResult))}
    engine.dispose()
    assert {k: r.status for k, r in rows.items()} == {
        "facebook:AlcaldiaDeCali": "ok",
        "instagram:alcaldiadecali": "ok",
        "twitter:AlcaldiaDeCali": "ok",
        "youtube:AlcaldiaDeCali": "ok",
        "tiktok:alcaldiacali": "ok",
    }
    assert rows["twitter:AlcaldiaDeCali"].counts["posts"] == 2
    assert rows["instagram:alcaldiadecali"].counts["notes"] == 1  # one media without views
    assert "Recolección" in capsys.readouterr().out


def test_replay_miss_fails_that_source_listing_the_recordings(office_without_secrets, tmp_path):
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "page.json").write_text((REPLAY / "facebook" / "page.json").read_text())
    assert main(["collect", "--only", "facebook", "--replay", str(partial)]) == 3
    engine = make_engine(f"sqlite:///{office_without_secrets / 'pulso.db'}")
    with session_factory(engine)() as session:
        row = session.scalars(select(SourceResult)).one()
    engine.dispose()
    assert row.error_kind == "replay_miss"
    assert "no recording for GET /v25.0/123456789012345/posts" in row.reason
    assert "1 recorded" in row.reason


def test_tokens_check_reports_expiry_and_warns_ten_days_before(office_without_secrets):
    settings = load_settings()
    now = datetime(2026, 12, 3, tzinfo=UTC)  # the recorded Meta token expires 2026-12-09
    checks = {c.platform: c for c in check_tokens(settings, replay_dir=REPLAY, now=now)}
    assert checks["meta"].status == "warning"
    assert checks["meta"].expires_at == datetime(2026, 12, 9, tzinfo=UTC)
    assert checks["twitter"].status == "ok" and checks["youtube"].status == "ok"
    assert checks["tiktok"].status == "ok"


def test_tokens_check_without_credentials_says_missing(office_without_secrets):
    checks = {c.platform: c for c in check_tokens(load_settings())}
    assert {c.status for c in checks.values()} == {"missing"}
    assert "PULSO_META_ACCESS_TOKEN" in checks["meta"].detail


def test_tokens_check_command_prints_a_table(office_without_secrets, capsys):
    assert main(["tokens", "check", "--replay", str(REPLAY)]) == 0
    out = capsys.readouterr().out
    assert "Credenciales" in out and "tiktok" in out


@pytest.mark.parametrize(
    ("days_left", "status"), [(30, "ok"), (10, "warning"), (1, "warning"), (-1, "expired")]
)
def test_expiry_judgement(days_left, status):
    from datetime import timedelta

    now = datetime(2026, 11, 22, tzinfo=UTC)
    assert judge("meta", now + timedelta(days=days_left), now, 10, "").status == status
