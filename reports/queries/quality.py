"""Data quality of a week: sources that failed or went stale, and credentials to renew.

Credentials: a source whose failure this week was an authentication error (expired, revoked
or missing permission), and any token expiry a run recorded in its flags
(`{"token_expiry": {"facebook:AlcaldiaDeCali": "2026-12-01", ...}}`) falling within the
warning window after the week.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reports.model import GivenUpPage, SourceIssue
from reports.week import Week
from storage.health import WINDOW_DAYS, DayResult, StaleSource, stale_from
from storage.models import CollectionRun, SourceResult
from storage.page_failures import given_up_pages


@dataclass(frozen=True, slots=True)
class ResultFacts:
    source: str
    kind: str
    day: date
    status: str
    error_kind: str | None
    reason: str | None


def load_results(session: Session, week: Week) -> list[ResultFacts]:
    """Source results from the staleness window before the week to its end, oldest first."""
    rows = session.execute(
        select(
            SourceResult.source,
            SourceResult.kind,
            CollectionRun.day,
            SourceResult.status,
            SourceResult.error_kind,
            SourceResult.reason,
        )
        .join(CollectionRun, CollectionRun.id == SourceResult.run_id)
        .where(
            CollectionRun.day > week.start - timedelta(days=WINDOW_DAYS),
            CollectionRun.day <= week.end,
        )
        .order_by(CollectionRun.day, SourceResult.id)
    )
    return [ResultFacts(*row) for row in rows]


def count_runs(session: Session, week: Week) -> int:
    runs = session.scalars(
        select(CollectionRun.id).where(
            CollectionRun.day >= week.start, CollectionRun.day <= week.end
        )
    )
    return len(list(runs))


def failed_sources(results: Sequence[ResultFacts], week: Week) -> list[SourceIssue]:
    """Sources with at least one failure this week, with the latest reason."""
    failures: dict[str, list[ResultFacts]] = defaultdict(list)
    for r in results:
        if r.status == "failed" and week.start <= r.day <= week.end:
            failures[r.source].append(r)
    issues = []
    for source, items in failures.items():
        last = items[-1]
        issues.append(
            SourceIssue(
                source, last.kind, "failed", last.error_kind, last.reason, len(items), last.day
            )
        )
    return sorted(issues, key=lambda i: i.source.lower())


def stale_sources(results: Sequence[ResultFacts], week: Week, nights: int) -> list[SourceIssue]:
    """Sources stale (storage/health.py's rule, as the nightly alert) on any day of the week.

    A source that recovered before Sunday is still listed, with its streak at its worst.
    """
    ordered = [DayResult(r.source, r.kind, r.day, r.status, r.reason) for r in results]
    days = [r.day for r in ordered]  # results come oldest first
    worst: dict[str, StaleSource] = {}
    for day in week.days:
        low = bisect.bisect_right(days, day - timedelta(days=WINDOW_DAYS))
        for item in stale_from(ordered[low : bisect.bisect_right(days, day)], nights):
            if item.source not in worst or item.failed_nights >= worst[item.source].failed_nights:
                worst[item.source] = item
    return [
        SourceIssue(s.source, s.kind, "stale", None, s.reason, s.failed_nights, s.last_ok)
        for s in sorted(worst.values(), key=lambda s: s.source.lower())
    ]


def auth_problems(results: Sequence[ResultFacts], week: Week) -> list[SourceIssue]:
    return [
        SourceIssue(i.source, i.kind, "auth", i.error_kind, i.reason, i.times, i.last_seen)
        for i in failed_sources(results, week)
        if i.error_kind == "auth"
    ]


def expiring_tokens(session: Session, week: Week, warning_days: int) -> list[SourceIssue]:
    """Token expiry dates recorded by this week's runs, when within the warning window."""
    flags = session.scalars(
        select(CollectionRun.flags)
        .where(CollectionRun.day >= week.start, CollectionRun.day <= week.end)
        .order_by(CollectionRun.day, CollectionRun.id)
    )
    expiries: dict[str, date] = {}
    for flag in flags:
        expiries.update(_expiries(flag))
    horizon = week.end + timedelta(days=warning_days)
    return [
        SourceIssue(source, source.split(":", 1)[0], "expiring", "auth", None, 0, day)
        for source, day in sorted(expiries.items())
        if day <= horizon
    ]


def pages_given_up(session: Session, week: Week) -> list[GivenUpPage]:
    """Article pages given up by the end of the week (no longer fetched), by outlet."""
    return [
        GivenUpPage(p.outlet, p.url, p.nights_failed, p.last_failed_day, p.reason, p.error_kind)
        for p in given_up_pages(session, up_to=week.end)
    ]


def _expiries(flags: dict[str, Any] | None) -> dict[str, date]:
    found: dict[str, date] = {}
    raw = (flags or {}).get("token_expiry")
    if not isinstance(raw, dict):
        return found
    for source, value in raw.items():
        try:
            found[str(source)] = datetime.fromisoformat(str(value)).date()
        except ValueError:
            continue
    return found
