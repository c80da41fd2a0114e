"""storage.prepared: a statement compiled once and run on the driver's cursor reads exactly the
rows Core reads (the columns' own conversions: times, JSON, booleans, dates, floats), on SQLite
and PostgreSQL, with its bound values given per call; one whose SQL depends on its values
(an expanding IN list) runs through Core."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Date, Engine, Integer, bindparam, select

from storage.db import transaction
from storage.models import Article, Mention, Outlet, Spike, UtcDateTime
from storage.outlets import ensure_outlet
from storage.prepared import Prepared

WHEN = datetime(2026, 3, 1, 22, 30, 15, 123456, tzinfo=UTC)


def _seed(engine: Engine) -> None:
    with transaction(engine) as session:
        outlet = ensure_outlet(session, name="El <País>", medium="print").id
        for n in range(6):
            article = Article(
                outlet_id=outlet,
                canonical_url=f"https://e.com/{n}",
                url=f"https://e.com/{n}",
                title=None if n == 2 else f"nota {n}",
                title_key=f"{n}",
                published_at=None if n == 4 else WHEN + timedelta(hours=n),
                published_day=None,
                fetched_at=WHEN,
            )
            session.add(article)
            session.flush()
            session.add(
                Mention(
                    article_id=article.id,
                    matched_terms=["Alcaldía", f"t{n}"],
                    in_title=n % 2 == 0,
                    in_body=n % 3 == 0,
                    snippet=None,
                    matched_at=WHEN,
                )
            )
            session.add(
                Spike(
                    key=f"k{n}",
                    day=date(2026, 3, n + 1),
                    count=n,
                    mean=n / 3,
                    sd=0.1,
                    stories=None,
                    alerted_at=WHEN,
                )
            )


def test_prepared_rows_are_core_rows(any_engine: Engine) -> None:
    _seed(any_engine)
    rows = (
        select(Outlet.name, Article.published_at, Article.title, Mention.matched_terms)
        .add_columns(Mention.in_title, Mention.in_body, Spike.day, Spike.mean)
        .join(Mention, Mention.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .join(Spike, Spike.count == Mention.id - 1)
        .where(
            Article.fetched_at >= bindparam("lo", type_=UtcDateTime()),
            Spike.day <= bindparam("day", type_=Date),
            Outlet.name != "x",  # a value given with the statement
        )
        .order_by(Mention.id)
        .limit(bindparam("limit", type_=Integer))
    )
    expanding = select(Spike.key, Spike.day).where(
        Spike.count.in_(bindparam("counts", expanding=True))
    )
    with any_engine.connect() as connection:
        for values in (
            {"lo": WHEN, "day": date(2026, 3, 4), "limit": 9},
            {"lo": WHEN - timedelta(days=1), "day": date(2026, 3, 9), "limit": 2},
            {"lo": WHEN + timedelta(days=1), "day": date(2026, 3, 9), "limit": 9},
        ):
            prepared = Prepared(rows)
            for _ in range(2):  # compiled at the first call, reused at the second
                assert prepared.rows(connection, **values) == [
                    tuple(row) for row in connection.execute(rows, values)
                ]
        found = Prepared(expanding).rows(connection, counts=[1, 3])
        assert found == [("k1", date(2026, 3, 2)), ("k3", date(2026, 3, 4))]
        first = Prepared(rows).rows(connection, lo=WHEN, day=date(2026, 3, 4), limit=9)[0]
        assert first[:5] == ("El <País>", WHEN, "nota 0", ["Alcaldía", "t0"], True)
