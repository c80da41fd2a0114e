"""peer_mentions: articles matching a peer's news terms, for the share of voice

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-27 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "peer_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("peer", sa.String(length=200), nullable=False),
        sa.Column("matched_terms", sa.JSON(), nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_peer_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_mentions")),
        sa.UniqueConstraint("article_id", "peer", name=op.f("uq_peer_mentions_article_id_peer")),
    )


def downgrade() -> None:
    op.drop_table("peer_mentions")
