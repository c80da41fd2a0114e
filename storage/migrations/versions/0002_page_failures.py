"""page failures: article pages that could not be collected, per outlet

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 10:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("canonical_url", sa.String(length=2000), nullable=False),
        sa.Column("first_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_failed_day", sa.Date(), nullable=False),
        sa.Column("nights_failed", sa.Integer(), nullable=False),
        sa.Column("last_error_kind", sa.String(length=30), nullable=False),
        sa.Column("last_reason", sa.Text(), nullable=False),
        sa.Column("given_up", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
            name=op.f("fk_page_failures_outlet_id_outlets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_failures")),
        sa.UniqueConstraint(
            "outlet_id", "canonical_url", name=op.f("uq_page_failures_outlet_id_canonical_url")
        ),
    )


def downgrade() -> None:
    op.drop_table("page_failures")
