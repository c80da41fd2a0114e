"""Article pages that failed: counted once per night, forgiven on success, given up after N.

A page that keeps failing (a redirect loop, an internal address, a page too big to read)
would otherwise be fetched and fail again every night while it stays in the feed. Each
failure is upserted per (outlet, canonical URL) and Bogotá day, so running the same night twice
counts it once; after `give_up_after` nights the page is given up: it counts as seen and the
weekly report lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import Outlet, PageFailure

if TYPE_CHECKING:  # the crawler: not loaded to read mentions
    from collectors.news.harvest import PageFailure as Failure

_CHUNK = 900  # under SQLite's bound-parameter limit for IN (...) lists


def record_page_failures(
    session: Session,
    *,
    outlet_id: int,
    failures: Iterable[Failure],
    now: datetime,
    day: date,
    give_up_after: int,
) -> int:
    """Upsert tonight's failures; returns how many pages were given up by this call."""
    given_up = 0
    for failure in failures:
        url = failure.url[:2000]
        row = session.scalars(
            select(PageFailure).where(
                PageFailure.outlet_id == outlet_id, PageFailure.canonical_url == url
            )
        ).one_or_none()
        if row is None:
            row = PageFailure(
                outlet_id=outlet_id,
                canonical_url=url,
                first_failed_at=now,
                nights_failed=0,
                given_up=False,
            )
            session.add(row)
        if row.last_failed_day != day:
            row.nights_failed += 1
        row.last_failed_day, row.last_failed_at = day, now
        row.last_error_kind, row.last_reason = failure.error_kind, failure.reason
        if not row.given_up and row.nights_failed >= give_up_after:
            row.given_up = True
            given_up += 1
    session.flush()
    return given_up


def clear_page_failures(session: Session, *, outlet_id: int, urls: Iterable[str]) -> None:
    """Pages collected tonight start again from zero."""
    wanted = sorted({url[:2000] for url in urls})
    for start in range(0, len(wanted), _CHUNK):
        session.execute(
            delete(PageFailure).where(
                PageFailure.outlet_id == outlet_id,
                PageFailure.canonical_url.in_(wanted[start : start + _CHUNK]),
            )
        )


def given_up_urls(session: Session, urls: Sequence[str]) -> set[str]:
    """Which of these canonical URLs were given up (by any outlet): they are not fetched."""
    found: set[str] = set()
    for start in range(0, len(urls), _CHUNK):
        chunk = list(urls[start : start + _CHUNK])
        found.update(
            session.scalars(
                select(PageFailure.canonical_url).where(
                    PageFailure.given_up.is_(True), PageFailure.canonical_url.in_(chunk)
                )
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class GivenUpPage:
    outlet: str
    url: str
    nights_failed: int
    last_failed_day: date
    error_kind: str
    reason: str


def given_up_pages(session: Session, *, up_to: date | None = None) -> list[GivenUpPage]:
    """Pages given up on or before `up_to` (all when None), by outlet then URL."""
    query = (
        select(Outlet.name, PageFailure)
        .join(Outlet, Outlet.id == PageFailure.outlet_id)
        .where(PageFailure.given_up.is_(True))
    )
    if up_to is not None:
        query = query.where(PageFailure.last_failed_day <= up_to)
    rows = [
        GivenUpPage(
            outlet=name,
            url=row.canonical_url,
            nights_failed=row.nights_failed,
            last_failed_day=row.last_failed_day,
            error_kind=row.last_error_kind,
            reason=row.last_reason,
        )
        for name, row in session.execute(query)
    ]
    return sorted(rows, key=lambda page: (page.outlet.lower(), page.url))
