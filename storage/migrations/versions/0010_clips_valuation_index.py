"""clips: the air-date index covers the columns a valuation reads

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 19:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# `pulso valuate` reads a period's clips in air-date order. Through an index of the air date
# alone, each clip is then a lookup of its table row, at random when the clips were not
# imported in air order; with every column the valuation reads in the index, the read is a
# walk along the index. It replaces the air-date-only index, which it extends. On SQLite only:
# PostgreSQL refuses a B-tree entry over ~2.7 kB, so a clip with a long title (or program)
# would fail to import there; PostgreSQL keeps the air-date index.
_COLUMNS = ["aired_on", "outlet_id", "program_key", "program", "duration_s", "column_cm", "title"]


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if _sqlite():
        op.drop_index("ix_clips_aired_on", table_name="clips")
        op.create_index("ix_clips_valuation", "clips", _COLUMNS, unique=False)


def downgrade() -> None:
    if _sqlite():
        op.drop_index("ix_clips_valuation", table_name="clips")
        op.create_index("ix_clips_aired_on", "clips", ["aired_on"], unique=False)
