"""Backfill benchmark: storing 10,000 posts (target < 10 s on SQLite).

Pulso's path is the one `pulso backfill posts` takes (SocialSource.store -> storage.social.
store_posts: a batched INSERT ... ON CONFLICT DO NOTHING for the posts, one SELECT per 500 for
what exists, the same for the day's metric snapshots), timed for a first backfill and for the
same backfill again (everything exists: updates only), and `pulso import posts`' path
(storage.post_history.store_imported_posts). The baseline, in the same run on a fresh database:
the per-row ORM code written first (SELECT the post, INSERT it, SELECT its snapshot, INSERT it,
a flush after each), on `--baseline-posts` posts (default 2,000; its time for 10,000 is
extrapolated, and measured with --baseline-posts 10000).

    python bench/bench_backfill.py [--posts 10000] [--baseline-posts 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_rows, timed  # noqa: E402
from collectors.records import PostStats  # noqa: E402
from storage.accounts import ensure_account  # noqa: E402
from storage.db import make_engine, transaction  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Post, PostMetricSnapshot  # noqa: E402
from storage.post_history import store_imported_posts  # noqa: E402
from storage.social import store_posts  # noqa: E402

PLATFORMS = ("facebook", "instagram", "twitter", "youtube", "tiktok")
DAY = date(2026, 11, 27)
AT = datetime(2026, 11, 27, 12, tzinfo=UTC)


def posts(count: int) -> dict[str, list[PostStats]]:
    """`count` posts spread over the five own accounts, newest first, 2 a day back in time."""
    by_platform: dict[str, list[PostStats]] = {p: [] for p in PLATFORMS}
    for i in range(count):
        platform = PLATFORMS[i % len(PLATFORMS)]
        by_platform[platform].append(
            PostStats(
                platform=platform,
                account_handle="AlcaldiaDeCali",
                post_id=f"{platform}-{i:08d}",
                fetched_at=AT,
                published_at=AT - timedelta(hours=12 * i),
                url=f"https://example.test/{platform}/{i}",
                text=f"Publicación {i} #CaliEsMiCasa",
                reactions=i % 997,
                comments=i % 89,
                shares=None if i % 7 == 0 else i % 31,
                views=i * 3,
            )
        )
    return by_platform


def fresh(workdir: Path, name: str) -> Engine:
    engine = make_engine(f"sqlite:///{workdir / name}")
    upgrade(engine)
    return engine


def pulso_backfill(engine: Engine, batch: dict[str, list[PostStats]]) -> int:
    stored = 0
    with transaction(engine) as session:
        for platform, records in batch.items():
            account = ensure_account(session, platform=platform, handle="AlcaldiaDeCali")
            stored += store_posts(session, account, records, day=DAY, run_id=None)
    return stored


def pulso_import(engine: Engine, batch: dict[str, list[PostStats]]) -> int:
    with transaction(engine) as session:
        counts = store_imported_posts(
            session, [r for records in batch.values() for r in records], day=DAY
        )
    return counts.added + counts.replaced + counts.unchanged


def naive(engine: Engine, batch: dict[str, list[PostStats]]) -> int:
    stored = 0
    with transaction(engine) as session:
        for platform, records in batch.items():
            account = ensure_account(session, platform=platform, handle="AlcaldiaDeCali")
            for r in records:
                post = session.scalars(
                    select(Post).where(
                        Post.account_id == account.id, Post.platform_post_id == r.post_id
                    )
                ).one_or_none()
                if post is None:
                    post = Post(account_id=account.id, platform_post_id=r.post_id, first_seen_at=AT)
                    session.add(post)
                post.published_at, post.url, post.text = r.published_at, r.url, r.text
                session.flush()
                snapshot = session.scalars(
                    select(PostMetricSnapshot).where(
                        PostMetricSnapshot.post_id == post.id, PostMetricSnapshot.day == DAY
                    )
                ).one_or_none()
                if snapshot is None:
                    snapshot = PostMetricSnapshot(post_id=post.id, day=DAY, collected_at=AT)
                    session.add(snapshot)
                snapshot.reactions, snapshot.comments = r.reactions, r.comments
                snapshot.shares, snapshot.views = r.shares, r.views
                session.flush()
                stored += 1
    return stored


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--baseline-posts", type=int, default=2_000)
    parser.add_argument("--quick", action="store_true", help="the defaults (for bench/run.py)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pulso-bench-backfill-"))
    batch, small = posts(args.posts), posts(args.baseline_posts)
    print(f"load average before (1, 5, 15 min): {load()}; {os.cpu_count()} CPUs")

    engine = fresh(workdir, "pulso.db")
    first, stored = timed(lambda: pulso_backfill(engine, batch))
    again, _ = timed(lambda: pulso_backfill(engine, batch))
    imported_engine = fresh(workdir, "import.db")
    imported, _ = timed(lambda: pulso_import(imported_engine, batch))
    reimported, _ = timed(lambda: pulso_import(imported_engine, batch))
    baseline_engine = fresh(workdir, "naive.db")
    baseline, naive_stored = timed(lambda: naive(baseline_engine, small))
    per_post = baseline / max(naive_stored, 1)
    print(f"load average after: {load()}")

    def rate(seconds: float, count: int) -> str:
        return f"{seconds:.2f} s ({count / seconds:,.0f} posts/s)"

    print_rows(
        f"Backfill: storing posts on SQLite (target: {args.posts:,} in < 10 s)",
        ["path", "posts", "time"],
        [
            ["Pulso backfill (store_posts), first", stored, rate(first, stored)],
            ["Pulso backfill again (all exist)", stored, rate(again, stored)],
            ["Pulso import posts, first", args.posts, rate(imported, args.posts)],
            ["Pulso import posts again (unchanged)", args.posts, rate(reimported, args.posts)],
            ["baseline: per-row ORM", naive_stored, rate(baseline, naive_stored)],
            [
                f"baseline extrapolated to {args.posts:,}",
                args.posts,
                f"{per_post * args.posts:.2f} s",
            ],
        ],
    )
    verdict = "PASS" if first < 10 else "FAIL"
    print(f"\n{verdict}: {stored:,} posts stored in {first:.2f} s (target < 10 s)")
    for e in (engine, imported_engine, baseline_engine):
        e.dispose()


if __name__ == "__main__":
    main()
