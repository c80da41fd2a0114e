"""deliveries.week holds a period's label too (`2020-01-01_2021-09-30`): widened to 40

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 14:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("week", existing_type=sa.String(length=10), type_=sa.String(length=40))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("week", existing_type=sa.String(length=40), type_=sa.String(length=10))
