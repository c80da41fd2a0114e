"""The source runner: one failing source never stops the others, and every outcome is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from collectors.errors import AuthError, SourceUnavailable, register_secret
from collectors.records import FollowerFigure
from flows.steps import errorlog
from flows.steps.sources import RunContext, run_sources
from storage.db import session_factory
from storage.followers import upsert_imported_followers
from storage.models import CollectionRun, FollowerSnapshot, SourceResult


@dataclass
class FiguresSource:
    """A source whose 'outside world' is a list of figures, or an error it raises."""

    key: str
    kind: str
    figures: list[FollowerFigure]
    error: Exception | None = None
    fail_while_storing: bool = False

    def collect(self, session: Session, ctx: RunContext) -> list[FollowerFigure]:
        if self.error:
            raise self.error
        return self.figures

    def store(
        self, session: Session, collected: list[FollowerFigure], ctx: RunContext
    ) -> dict[str, int]:
        counts = upsert_imported_followers(session, collected)
        if self.fail_while_storing:
            raise KeyError("followers_count")
        return {"snapshots": counts.added + counts.replaced}


NOW = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)  # 02:00 in Bogotá


def _sources() -> list[FiguresSource]:
    day = date(2026, 11, 20)
    return [
        FiguresSource("youtube:cali", "youtube", [FollowerFigure("youtube", "cali", day, 14_800)]),
        FiguresSource(
            "facebook:cali",
            "facebook",
            [],
            error=AuthError("Meta token expired; create a new long-lived token"),
        ),
        FiguresSource(
            "tiktok:cali",
            "tiktok",
            [FollowerFigure("tiktok", "cali", day, 3_242)],
            fail_while_storing=True,
        ),
        FiguresSource(
            "news:El País", "news", [], error=SourceUnavailable("403 from the outlet's firewall")
        ),
    ]


def test_failures_are_isolated_recorded_and_the_run_is_partial(engine: Engine, tmp_path) -> None:
    log = errorlog.install(tmp_path / "data")
    summary = run_sources(engine, _sources(), kind="nightly", now=NOW)
    assert summary.status == "partial"
    with session_factory(engine)() as session:
        results = {
            r.source: (r.status, r.error_kind, r.reason, r.counts)
            for r in session.scalars(select(SourceResult))
        }
        run = session.get_one(CollectionRun, summary.run_id)
        snapshots = session.scalar(select(func.count()).select_from(FollowerSnapshot))
    assert results == {
        "youtube:cali": ("ok", None, None, {"snapshots": 1}),
        "facebook:cali": (
            "failed",
            "auth",
            "Meta token expired; create a new long-lived token",
            None,
        ),
        "tiktok:cali": (
            "failed",
            "internal",
            f"internal error (KeyError); details in the log at {log}",
            None,
        ),
        "news:El País": ("failed", "unavailable", "403 from the outlet's firewall", None),
    }
    assert (run.status, run.day, run.finished_at is not None) == (
        "partial",
        date(2026, 11, 20),
        True,
    )
    assert snapshots == 1  # the TikTok source failed mid-store: none of its rows landed


def test_running_the_same_night_again_adds_nothing(engine: Engine) -> None:
    run_sources(engine, _sources()[:1], kind="nightly", now=NOW)
    second = run_sources(engine, _sources()[:1], kind="nightly", now=NOW)
    assert second.status == "ok" and second.outcomes[0].counts == {"snapshots": 0}
    with session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(FollowerSnapshot)) == 1


def test_a_secret_in_an_unexpected_error_is_redacted(engine: Engine) -> None:
    register_secret("EAAGsecret-token-value")
    leaky = FiguresSource(
        "instagram:cali",
        "instagram",
        [],
        error=RuntimeError("GET /me?access_token=EAAGsecret-token-value failed"),
    )
    summary = run_sources(engine, [leaky], kind="manual", now=NOW)
    assert summary.status == "failed"
    assert "EAAGsecret" not in (summary.outcomes[0].reason or "")


def test_a_database_error_in_a_source_is_one_line_and_the_sql_stays_in_the_log(
    engine: Engine, tmp_path
) -> None:
    log = errorlog.install(tmp_path / "data")
    with engine.begin() as connection:  # a real constraint failure, raised by the database
        connection.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON follower_snapshots "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        )
    summary = run_sources(engine, _sources()[:1], kind="manual", now=NOW)
    reason = summary.outcomes[0].reason or ""
    assert reason == f"internal error (IntegrityError); details in the log at {log}"
    with session_factory(engine)() as session:
        stored = session.scalar(select(SourceResult.reason))
    assert stored == reason
    for leak in ("INSERT", "SELECT", "[parameters", "Traceback", "14800"):
        assert leak not in reason
    detail = log.read_text(encoding="utf-8")
    assert "youtube:cali" in detail and "INSERT INTO follower_snapshots" in detail
    assert "Traceback" in detail
