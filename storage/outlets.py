"""Outlets: find or create by name, matched case-, accent- and blank-insensitively."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from storage import core
from storage.keys import name_key
from storage.models import Outlet
from storage.rows import ensure_row


def is_press() -> ColumnElement[bool]:
    """storage.core's rule on the model's column, for queries over the models."""
    return core.is_press(Outlet)


def find_outlet(session: Session, name: str) -> Outlet | None:
    return session.scalars(select(Outlet).where(Outlet.name_key == name_key(name))).one_or_none()


def ensure_outlet(
    session: Session, *, name: str, medium: str | None = None, own: bool | None = None
) -> Outlet:
    """The outlet row, created when new (race-free); a known medium fills in, never erased;
    `own` (from pulso.toml, when given) is the configuration's word."""
    outlet = find_outlet(session, name) or ensure_row(
        session, Outlet, {"name_key": name_key(name)}, name=" ".join(name.split()), medium=medium
    )
    if medium and not outlet.medium:
        outlet.medium = medium
    if own is not None and bool(outlet.own) != own:
        outlet.own = own
    session.flush()
    return outlet
