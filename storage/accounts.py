"""Accounts: find or create by platform and handle."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.keys import handle_key
from storage.models import Account
from storage.rows import ensure_row


def find_account(session: Session, *, platform: str, handle: str) -> Account | None:
    return session.scalars(
        select(Account).where(
            Account.platform == platform, Account.handle_key == handle_key(handle)
        )
    ).one_or_none()


def ensure_account(
    session: Session,
    *,
    platform: str,
    handle: str,
    platform_id: str | None = None,
    display_name: str | None = None,
    own: bool | None = None,
) -> Account:
    """The account row, created when new (race-free); known ids and names fill in, never erase."""
    account = find_account(session, platform=platform, handle=handle) or ensure_row(
        session,
        Account,
        {"platform": platform, "handle_key": handle_key(handle)},
        handle=handle.strip().lstrip("@"),
        own=True if own is None else own,
        created_at=datetime.now(UTC),
    )
    if platform_id:
        account.platform_id = platform_id
    if display_name:
        account.display_name = display_name
    if own is not None:
        account.own = own
    session.flush()
    return account


def list_accounts(
    session: Session, *, platform: str | None = None, handle: str | None = None
) -> list[Account]:
    query = select(Account).order_by(Account.platform, Account.handle_key)
    if platform:
        query = query.where(Account.platform == platform)
    if handle:
        query = query.where(Account.handle_key == handle_key(handle))
    return list(session.scalars(query))
