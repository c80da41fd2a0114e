"""own outlets (the office's portal) and X quotes on post metrics

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-27 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outlets") as batch:
        batch.add_column(sa.Column("own", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("post_metric_snapshots") as batch:
        batch.add_column(sa.Column("quotes", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("post_metric_snapshots") as batch:
        batch.drop_column("quotes")
    with op.batch_alter_table("outlets") as batch:
        batch.drop_column("own")
