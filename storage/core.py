"""Core views of the tables that a quick read path queries, without the ORM.

`pulso growth` reads two tables; importing the ORM and mapping every model (storage/models.py)
cost it more than the rest of the command. These `table()` constructs name only the columns
those queries read, with their types (a Date column parses SQLite's text into `date`).
storage/models.py stays the schema: tests/storage/test_core.py checks every column here
against it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ColumnClause,
    ColumnElement,
    Connection,
    Date,
    Integer,
    Numeric,
    String,
    TableClause,
    Text,
    column,
    table,
)

from storage.types import UtcDateTime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


class View:
    """A Core table whose columns read as attributes (`Article.published_at`), as the models'
    do: a read written against the models' names runs on it unchanged, without the ORM.
    SQLAlchemy takes it wherever it takes a table (`select_from`, `join`)."""

    def __init__(self, table: TableClause) -> None:
        self.table = table

    def __clause_element__(self) -> Any:  # the table; typed loosely, as SQLAlchemy's roles want
        return self.table

    def __getattr__(self, name: str) -> ColumnClause[Any]:
        try:
            return self.table.c[name]
        except KeyError:
            raise AttributeError(f"{self.table.name} has no column {name!r} here") from None


# The reads of `pulso mentions`, `share`, `activity` and `valuate` (storage/mention_reads.py,
# storage/peers.py, storage/activity.py, storage/coverage_reads.py). A query must take all its tables from here or all
# from the models: the same table from both would be two FROM entries.
Outlet = View(
    table(
        "outlets",
        column("id", Integer),
        column("name", String),
        column("name_key", String),
        column("medium", String),
        column("own", Boolean),
    )
)
Article = View(
    table(
        "articles",
        column("id", Integer),
        column("outlet_id", Integer),
        column("canonical_url", String),
        column("url", String),
        column("title", Text),
        column("text", Text),
        column("published_at", UtcDateTime()),
        column("published_day", Date),
        column("story_id", Integer),
        column("fetched_at", UtcDateTime()),
    )
)
Mention = View(
    table(
        "mentions",
        column("id", Integer),
        column("article_id", Integer),
        column("matched_terms", JSON),
        column("in_title", Boolean),
        column("in_body", Boolean),
        column("snippet", Text),
    )
)
PeerMention = View(
    table(
        "peer_mentions",
        column("id", Integer),
        column("article_id", Integer),
        column("peer", String),
    )
)
Account = View(accounts)
Post = View(
    table(
        "posts",
        column("id", Integer),
        column("account_id", Integer),
        column("published_at", UtcDateTime()),
        column("url", String),
    )
)
PostMetricSnapshot = View(
    table(
        "post_metric_snapshots",
        column("id", Integer),
        column("post_id", Integer),
        column("day", Date),
        column("reactions", BigInteger),
        column("comments", BigInteger),
        column("shares", BigInteger),
        column("views", BigInteger),
        column("saves", BigInteger),
        column("quotes", BigInteger),
    )
)

Clip = View(
    table(
        "clips",
        column("id", Integer),
        column("outlet_id", Integer),
        column("program", String),
        column("program_key", String),
        column("aired_on", Date),
        column("title", Text),
        column("duration_s", Integer),
        column("column_cm", Numeric(10, 2)),
    )
)
RateCard = View(
    table(
        "rate_cards",
        column("id", Integer),
        column("outlet_id", Integer),
        column("program", String),
        column("program_key", String),
        column("medium", String),
        column("unit", String),
        column("price_cop", Numeric(18, 2)),
        column("valid_from", Date),
        column("valid_to", Date),
        column("source_file", String),
        column("source_row", Integer),
    )
)


def connection_of(session: Session | Connection) -> Connection:
    """The connection a read goes through: a session's rows read through its connection skip
    the ORM's step per row (a long period's rows)."""
    return session if isinstance(session, Connection) else session.connection()


def is_press(outlet: Any = Outlet) -> ColumnElement[bool]:
    """Outlets whose items are press coverage: every outlet but the office's own portal
    (`own = true`), whose items are its own publications, never mentions nor free press.
    `outlet`: these views' Outlet, or the model (storage.outlets.is_press)."""
    return outlet.own.is_not(True)  # type: ignore[no-any-return]
