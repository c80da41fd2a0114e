"""The weekly report's deliveries: one row per sending, with its outcome and attempts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Delivery


def start_delivery(session: Session, *, week: str, recipients: int, channel: str = "email") -> int:
    row = Delivery(
        week=week,
        channel=channel,
        recipients=recipients,
        status="sending",
        attempts=0,
        started_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    return row.id


def finish_delivery(
    session: Session, *, delivery_id: int, status: str, attempts: int, reason: str | None = None
) -> None:
    """`sent` (with its time) or `failed` (with the reason the office reads)."""
    row = session.get_one(Delivery, delivery_id)
    row.status = status
    row.attempts = attempts
    row.reason = reason
    row.sent_at = datetime.now(UTC) if status == "sent" else None
    session.flush()


def last_sent(session: Session, *, week: str, channel: str = "email") -> Delivery | None:
    """The latest successful delivery of `week`, if any."""
    return session.scalars(
        select(Delivery)
        .where(Delivery.week == week, Delivery.channel == channel, Delivery.status == "sent")
        .order_by(Delivery.sent_at.desc())
        .limit(1)
    ).one_or_none()


def deliveries(session: Session, *, week: str | None = None) -> list[Delivery]:
    query = select(Delivery).order_by(Delivery.started_at, Delivery.id)
    if week is not None:
        query = query.where(Delivery.week == week)
    return list(session.scalars(query))
