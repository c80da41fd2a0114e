"""Activity over two years: `storage.activity` (GROUP BY in the database) against per-row Python.

Default: 50 own accounts, 100,000 posts over two years, three metric snapshots each (the day
after, a week after, a month after: 300,000 rows). Asked: the whole period, by month and by
day. Baseline in the same run, on the same database: the obvious per-row code, which loads
every post of the period with its latest snapshot up to `to` and counts in Python.
`--quick` for CI-size runs.

    .venv/bin/python bench/bench_activity.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, func, insert, select  # noqa: E402

from bench.common import print_rows, timed  # noqa: E402
from storage import models as m  # noqa: E402
from storage.activity import activity  # noqa: E402
from storage.db import make_engine, session_factory  # noqa: E402
from storage.interactions import interactions  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

BOGOTA = ZoneInfo("America/Bogota")
FIRST, LAST = date(2024, 1, 1), date(2025, 12, 31)
NOW = datetime(2026, 1, 2, tzinfo=UTC)
PLATFORMS = ("facebook", "instagram", "twitter", "youtube", "tiktok")


def seed(engine: Engine, accounts: int, posts: int, rng: random.Random) -> None:
    with session_factory(engine)() as session:
        session.execute(
            insert(m.Account),
            [
                {
                    "platform": PLATFORMS[n % 5],
                    "handle": f"cuenta{n}",
                    "handle_key": f"cuenta{n}",
                    "own": True,
                    "created_at": NOW,
                }
                for n in range(accounts)
            ],
        )
        span = int((LAST - FIRST).days * 86_400)
        start = datetime.combine(FIRST, datetime.min.time(), UTC)
        published = [start + timedelta(seconds=rng.randrange(span)) for _ in range(posts)]
        session.execute(
            insert(m.Post),
            [
                {
                    "account_id": rng.randrange(1, accounts + 1),
                    "platform_post_id": str(n),
                    "published_at": at,
                    "first_seen_at": NOW,
                }
                for n, at in enumerate(published)
            ],
        )
        snapshots = [
            {
                "post_id": n + 1,
                "day": at.date() + timedelta(days=later),
                "reactions": rng.randrange(1000) * later,
                "comments": rng.randrange(100),
                "shares": rng.randrange(50),
                "quotes": rng.randrange(10),
                "views": rng.randrange(10_000),
                "collected_at": NOW,
            }
            for n, at in enumerate(published)
            for later in (1, 7, 30)
        ]
        for chunk in range(0, len(snapshots), 50_000):
            session.execute(insert(m.PostMetricSnapshot), snapshots[chunk : chunk + 50_000])
        session.commit()


def per_row(engine: Engine, by_month: bool) -> dict[tuple[int, str], tuple[int, int]]:
    """The obvious code: every post and its latest snapshot, counted in Python."""
    lo = datetime.combine(FIRST, datetime.min.time(), BOGOTA)
    hi = datetime.combine(LAST + timedelta(days=1), datetime.min.time(), BOGOTA)
    with session_factory(engine)() as session:
        latest = (
            select(m.PostMetricSnapshot.post_id, func.max(m.PostMetricSnapshot.day).label("day"))
            .where(m.PostMetricSnapshot.day <= LAST)
            .group_by(m.PostMetricSnapshot.post_id)
            .subquery()
        )
        rows = session.execute(
            select(m.Post.account_id, m.Account.platform, m.Post.published_at, m.PostMetricSnapshot)
            .join(m.Account, m.Account.id == m.Post.account_id)
            .outerjoin(latest, latest.c.post_id == m.Post.id)
            .outerjoin(
                m.PostMetricSnapshot,
                (m.PostMetricSnapshot.post_id == m.Post.id)
                & (m.PostMetricSnapshot.day == latest.c.day),
            )
            .where(m.Post.published_at >= lo, m.Post.published_at < hi)
        )
        posts: Counter[tuple[int, str]] = Counter()
        total: Counter[tuple[int, str]] = Counter()
        for account_id, platform, at, snap in rows:
            key = (account_id, f"{at.astimezone(BOGOTA):%Y-%m}" if by_month else "")
            posts[key] += 1
            if snap is not None:
                names = ("reactions", "comments", "shares", "quotes")
                total[key] += interactions(platform, {n: getattr(snap, n) for n in names}) or 0
        return {key: (posts[key], total[key]) for key in posts}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    posts = 10_000 if args.quick else 100_000
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        seconds, _ = timed(lambda: seed(engine, 50, posts, random.Random(15)))
        print(f"seeded 50 accounts, {posts:,} posts, {3 * posts:,} snapshots in {seconds:.1f} s")

        def ours(by: str | None) -> float:
            with session_factory(engine)() as session:
                run = timed(
                    lambda: activity(session, from_=FIRST, to=LAST, tz=BOGOTA, by=by)  # type: ignore[arg-type]
                )
            return run[0]

        rows = []
        for by in (None, "month", "day"):
            seconds = min(ours(by) for _ in range(3))
            rows.append([by or "whole period", f"{seconds:.2f} s"])
        base_whole = min(timed(lambda: per_row(engine, False))[0] for _ in range(2))
        base_month = min(timed(lambda: per_row(engine, True))[0] for _ in range(2))
        rows[0].append(f"{base_whole:.2f} s ({base_whole / float(rows[0][1][:-2]):.1f}×)")
        rows[1].append(f"{base_month:.2f} s ({base_month / float(rows[1][1][:-2]):.1f}×)")
        rows[2].append("")
        print_rows(
            f"activity over {FIRST} – {LAST}, 50 accounts (best of 3; baseline best of 2)",
            ["by", "storage.activity", "per-row Python (ratio)"],
            rows,
        )
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
