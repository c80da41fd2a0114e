"""Core views of the tables that a quick read path queries, without the ORM.

`pulso growth` reads two tables; importing the ORM and mapping every model (storage/models.py)
cost it more than the rest of the command. These `table()` constructs name only the columns
those queries read, with their types (a Date column parses SQLite's text into `date`).
storage/models.py stays the schema: tests/storage/test_core.py checks every column here
against it.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Date, Integer, String, column, table

accounts = table(
    "accounts",
    column("id", Integer),
    column("platform", String),
    column("handle", String),
    column("handle_key", String),
    column("own", Boolean),
)

follower_snapshots = table(
    "follower_snapshots",
    column("id", Integer),
    column("account_id", Integer),
    column("day", Date),
    column("followers", BigInteger),
)
