"""follower_snapshots: the (account_id, day) unique index also carries followers (PostgreSQL)

Growth reads one (day, followers) pair per point; with followers in the index PostgreSQL
answers from the index alone (an index-only scan) on every page vacuum has marked
all-visible, instead of visiting the table for each point. The constraint keeps its name and
its key, so `ON CONFLICT (account_id, day)` still finds it. SQLite has no INCLUDE: unchanged.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 19:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

NAME = "uq_follower_snapshots_account_id_day"


def _replace(include: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # One statement: the table is never without its unique constraint.
    op.execute(
        f"ALTER TABLE follower_snapshots DROP CONSTRAINT {NAME}, "
        f"ADD CONSTRAINT {NAME} UNIQUE (account_id, day){include}"
    )


def upgrade() -> None:
    _replace(" INCLUDE (followers)")


def downgrade() -> None:
    _replace("")
