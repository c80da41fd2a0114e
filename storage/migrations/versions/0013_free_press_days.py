"""free_press_days (and its months and weeks): free press valued per day, outlet, program,
measure and kind

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27 22:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# No state row is written here: valuing the stored items needs the rate rules of the code of
# the day, and the configured zone is not known. Until the first stored clips, mentions or
# rates build the days (storage.free_press_days), readers value the items as before.


def upgrade() -> None:
    op.create_table(
        "free_press_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("program_key", sa.String(length=300), nullable=False),
        sa.Column("measure", sa.String(length=8), nullable=False),
        sa.Column("clip", sa.Boolean(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("rate_card_id", sa.Integer(), nullable=True),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sa.Column("cm_cents", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
            name=op.f("fk_free_press_days_outlet_id_outlets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "day", "outlet_id", "program_key", "measure", "clip", name=op.f("pk_free_press_days")
        ),
    )
    op.create_table(
        "free_press_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("program_key", sa.String(length=300), nullable=False),
        sa.Column("measure", sa.String(length=8), nullable=False),
        sa.Column("clip", sa.Boolean(), nullable=False),
        sa.Column("rate_card_id", sa.Integer(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sa.Column("cm_cents", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
            name=op.f("fk_free_press_months_outlet_id_outlets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "month",
            "outlet_id",
            "program_key",
            "measure",
            "clip",
            "rate_card_id",
            name=op.f("pk_free_press_months"),
        ),
    )
    op.create_table(
        "free_press_weeks",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("valued", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
            name=op.f("fk_free_press_weeks_outlet_id_outlets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("week", "outlet_id", name=op.f("pk_free_press_weeks")),
    )
    op.create_table(
        "free_press_days_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("clips", sa.Integer(), nullable=False),
        sa.Column("clip_last", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("mention_last", sa.Integer(), nullable=False),
        sa.Column("rates", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_free_press_days_state")),
    )


def downgrade() -> None:
    op.drop_table("free_press_days_state")
    op.drop_table("free_press_weeks")
    op.drop_table("free_press_months")
    op.drop_table("free_press_days")
