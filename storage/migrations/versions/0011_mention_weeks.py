"""mention_weeks: dated mentions per outlet and local week, kept beside the mentions

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 19:50:00
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from storage.mention_weeks import STATE_ID, tally

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The configured zone is not known here: the default one's weeks are filled in, and the first
# stored harvest in another zone rebuilds them (until then readers count the mentions).
ZONE = "America/Bogota"


def upgrade() -> None:
    weeks = op.create_table(
        "mention_weeks",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
            name=op.f("fk_mention_weeks_outlet_id_outlets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("week", "outlet_id", name=op.f("pk_mention_weeks")),
    )
    state = op.create_table(
        "mention_weeks_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention_weeks_state")),
    )
    # The weeks of the mentions already stored, so that existing databases have them.
    articles = sa.table(
        "articles",
        sa.column("id", sa.Integer()),
        sa.column("outlet_id", sa.Integer()),
        sa.column("published_at", sa.DateTime(timezone=True)),
    )
    mentions = sa.table("mentions", sa.column("id", sa.Integer()), sa.column("article_id"))
    connection = op.get_bind()
    dated = (
        sa.select(articles.c.outlet_id, articles.c.published_at)
        .join(mentions, mentions.c.article_id == articles.c.id)
        .where(articles.c.published_at.is_not(None))
    )
    counts = tally(connection.execute(dated).tuples(), ZoneInfo(ZONE))
    if counts:
        connection.execute(
            weeks.insert(),
            [{"week": w, "outlet_id": o, "mentions": n} for (w, o), n in sorted(counts.items())],
        )
    count, last = connection.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(mentions.c.id), 0)).select_from(
            mentions
        )
    ).one()
    connection.execute(
        state.insert(), [{"id": STATE_ID, "zone": ZONE, "mentions": count, "last_id": last}]
    )


def downgrade() -> None:
    op.drop_table("mention_weeks_state")
    op.drop_table("mention_weeks")
