"""Health: sources failing for N nights, tokens near expiry, the webhook alert."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from flows.steps.health import Health, alert_message, expiring_tokens, notify
from flows.steps.sources import RunSummary, SourceOutcome
from storage.health import DayResult, flag_run, stale_from, stale_sources
from storage.models import CollectionRun
from storage.runs import finish_run, record_result, start_run
from tests.flows.fakes import webhook_receiver

D = date(2026, 11, 20)


def day(n: int) -> date:
    return D - timedelta(days=n)


def test_two_failed_nights_make_a_source_stale_and_a_success_clears_it() -> None:
    rows = [
        DayResult("facebook:Cali", "facebook", day(3), "ok", None),
        DayResult("facebook:Cali", "facebook", day(2), "failed", "old"),
        DayResult("facebook:Cali", "facebook", day(1), "failed", "token expired"),
        DayResult("news:El País", "news", day(2), "failed", "503"),
        DayResult("news:El País", "news", day(1), "ok", None),
    ]
    stale = stale_from(rows, nights=2)
    assert [(s.source, s.failed_nights, s.last_ok) for s in stale] == [("facebook:Cali", 2, day(3))]
    assert stale[0].reason == "token expired"


def test_a_retry_later_the_same_day_counts_for_that_day_and_skips_do_not_count() -> None:
    rows = [
        DayResult("x:Cali", "twitter", day(2), "failed", "429"),
        DayResult("x:Cali", "twitter", day(1), "failed", "429"),
        DayResult("x:Cali", "twitter", day(1), "ok", None),
        DayResult("tiktok:peer", "tiktok", day(2), "skipped", "no API for peers"),
        DayResult("tiktok:peer", "tiktok", day(1), "skipped", "no API for peers"),
    ]
    assert stale_from(rows, nights=1) == []


def test_tokens_within_the_warning_window_are_flagged_with_days_left() -> None:
    warnings = expiring_tokens(
        {"facebook": D + timedelta(days=9), "tiktok": D + timedelta(days=40), "instagram": D},
        today=D,
        within_days=10,
    )
    assert [(w.platform, w.days_left) for w in warnings] == [("facebook", 9), ("instagram", 0)]


def add_night(session: Session, on: date, statuses: dict[str, str]) -> int:
    run_id = start_run(session, day=on, kind="nightly")
    for source, status in statuses.items():
        record_result(
            session,
            run_id=run_id,
            source=source,
            kind=source.split(":")[0],
            status=status,
            started_at=datetime.now(UTC),
            reason=None if status == "ok" else "boom",
        )
    finish_run(session, run_id=run_id)
    return run_id


def test_stale_sources_reads_the_run_records_and_flags_stay_on_the_run(session: Session) -> None:
    add_night(session, day(3), {"youtube:Cali": "ok", "news:El País": "ok"})
    add_night(session, day(2), {"youtube:Cali": "failed", "news:El País": "ok"})
    run_id = add_night(session, day(1), {"youtube:Cali": "failed", "news:El País": "ok"})
    stale = stale_sources(session, today=day(1), nights=2)
    assert [(s.source, s.failed_nights, s.last_ok) for s in stale] == [("youtube:Cali", 2, day(3))]
    flag_run(session, run_id=run_id, flags={"stale_sources": ["youtube:Cali"]})
    flag_run(session, run_id=run_id, flags={"token_expiry": {"facebook": "2026-12-01"}})
    run = session.get_one(CollectionRun, run_id)
    assert run.flags == {
        "stale_sources": ["youtube:Cali"],
        "token_expiry": {"facebook": "2026-12-01"},
    }


def test_the_webhook_receives_what_failed_and_why(engine: Engine) -> None:
    summary = RunSummary(
        7,
        "partial",
        (
            SourceOutcome("facebook:Cali", "facebook", "failed", "auth", "Meta token expired"),
            SourceOutcome("news:El País", "news", "ok"),
        ),
    )
    with webhook_receiver() as (url, received):
        sent = notify(url, alert_message(summary, Health((), ()), D))
    assert sent is True
    assert received[0]["status"] == "partial"
    assert received[0]["failed"] == [
        {"source": "facebook:Cali", "error": "auth", "reason": "Meta token expired"}
    ]
    assert received[0]["text"].startswith("Pulso 20/11/2026: noche partial")


def test_a_broken_webhook_is_logged_not_fatal() -> None:
    summary = RunSummary(1, "failed", ())
    assert notify("http://127.0.0.1:9/none", alert_message(summary, Health((), ()), D), 2) is False


def test_a_run_killed_long_ago_is_marked_interrupted_and_a_live_one_is_not(
    session: Session,
) -> None:
    from storage.health import close_interrupted_runs

    killed = start_run(session, day=day(1), kind="nightly")
    session.get_one(CollectionRun, killed).started_at = datetime.now(UTC) - timedelta(hours=20)
    live = start_run(session, day=D, kind="nightly")
    closed = close_interrupted_runs(session, started_before=datetime.now(UTC) - timedelta(hours=6))
    assert closed == [day(1)]
    assert session.get_one(CollectionRun, killed).status == "interrupted"
    assert session.get_one(CollectionRun, live).status == "running"
