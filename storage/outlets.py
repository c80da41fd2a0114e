"""Outlets: find or create by name, matched case-, accent- and blank-insensitively."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.keys import name_key
from storage.models import Outlet


def find_outlet(session: Session, name: str) -> Outlet | None:
    return session.scalars(select(Outlet).where(Outlet.name_key == name_key(name))).one_or_none()


def ensure_outlet(session: Session, *, name: str, medium: str | None = None) -> Outlet:
    """The outlet row, created when new; a known medium fills in, never erased."""
    outlet = find_outlet(session, name)
    if outlet is None:
        outlet = Outlet(name=" ".join(name.split()), name_key=name_key(name), medium=medium)
        session.add(outlet)
    elif medium and not outlet.medium:
        outlet.medium = medium
    session.flush()
    return outlet
