"""insights: account and post metrics per day (reach, views), live broadcasts

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-27 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _run_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["run_id"],
        ["collection_runs.id"],
        name=op.f(f"fk_{table}_run_id_collection_runs"),
        ondelete="SET NULL",
    )


def _metric_table(table: str, owner: str, owner_table: str) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=100), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            [owner],
            [f"{owner_table}.id"],
            name=op.f(f"fk_{table}_{owner}_{owner_table}"),
            ondelete="CASCADE",
        ),
        _run_fk(table),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint(owner, "day", "metric", name=op.f(f"uq_{table}_{owner}_day_metric")),
    )


def upgrade() -> None:
    _metric_table("account_insights", "account_id", "accounts")
    _metric_table("post_insights", "post_id", "posts")
    op.create_table(
        "live_videos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("live_id", sa.String(length=100), nullable=False),
        sa.Column("video_id", sa.String(length=100), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("live_views", sa.BigInteger(), nullable=True),
        sa.Column("total_views", sa.BigInteger(), nullable=True),
        sa.Column("peak_viewers", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_live_videos_account_id_accounts"),
            ondelete="CASCADE",
        ),
        _run_fk("live_videos"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_videos")),
        sa.UniqueConstraint(
            "account_id", "live_id", name=op.f("uq_live_videos_account_id_live_id")
        ),
    )
    op.create_index("ix_live_videos_account_started", "live_videos", ["account_id", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_live_videos_account_started", table_name="live_videos")
    op.drop_table("live_videos")
    op.drop_table("post_insights")
    op.drop_table("account_insights")
