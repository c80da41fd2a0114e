"""The weekly report over a year of data: build the model and write HTML, XLSX and CSV; the PDF
of the same page is timed apart (no target: WeasyPrint's layout is its own, fixed-ish cost).

Default: 50 accounts (40 own, 10 peers) with a figure every day, 20,000 posts with metrics,
50,000 mentions in 30 outlets, 5,000 clips, a year of nightly runs (target: under 5 s).
Baseline in the same run: the same report over an empty database (the fixed cost of
rendering), so the ratio shows what the data adds. `--quick` for CI-size runs.

    .venv/bin/python bench/bench_report.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.common import print_rows, timed  # noqa: E402
from reports.pdf import write_pdf  # noqa: E402
from reports.weekly import build_weekly_report  # noqa: E402
from reports.write import write_report_files  # noqa: E402
from settings.model import Config  # noqa: E402
from storage import models as m  # noqa: E402
from storage.db import make_engine, session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

WEEK = date(2026, 11, 9)
NOW = datetime(2026, 11, 16, 13, tzinfo=UTC)
FIRST = WEEK - timedelta(days=365)
PLATFORMS = ("facebook", "instagram", "twitter", "youtube", "tiktok")
CONFIG = Config.model_validate(
    {"targets": {"facebook": 2200, "twitter": 5000, "instagram": 700, "youtube": 400}}
)


def _days() -> list[date]:
    return [FIRST + timedelta(days=d) for d in range((WEEK + timedelta(days=6) - FIRST).days + 1)]


def seed_accounts(session: Session, accounts: int, rng: random.Random) -> list[int]:
    rows = [
        {
            "platform": PLATFORMS[n % 5],
            "handle": f"cuenta{n}",
            "handle_key": f"cuenta{n}",
            "own": n < accounts * 4 // 5,
            "created_at": NOW,
        }
        for n in range(accounts)
    ]
    session.execute(insert(m.Account), rows)
    ids = [n + 1 for n in range(accounts)]
    snapshots = []
    for account_id in ids:
        followers = rng.randrange(1_000, 500_000)
        for day in _days():
            followers += rng.randrange(0, 300)
            snapshots.append(
                {
                    "account_id": account_id,
                    "day": day,
                    "followers": followers,
                    "source": "collected",
                    "collected_at": NOW,
                }
            )
    session.execute(insert(m.FollowerSnapshot), snapshots)
    return ids


def seed_posts(session: Session, own: list[int], count: int, rng: random.Random) -> None:
    span = int((NOW - datetime.combine(FIRST, datetime.min.time(), UTC)).total_seconds())
    start = datetime.combine(FIRST, datetime.min.time(), UTC)
    published = [start + timedelta(seconds=rng.randrange(span)) for _ in range(count)]
    posts = [
        {
            "account_id": rng.choice(own),
            "platform_post_id": str(10**18 + n),
            "published_at": published[n],
            "url": f"https://example.org/p/{n}",
            "text": f"publicación {n}",
            "first_seen_at": NOW,
        }
        for n in range(count)
    ]
    session.execute(insert(m.Post), posts)
    metrics = [
        {
            "post_id": n + 1,
            "day": min(at.date() + timedelta(days=1), NOW.date()),
            "reactions": rng.randrange(1000),
            "comments": rng.randrange(100),
            "shares": rng.randrange(50),
            "views": rng.randrange(10_000),
            "collected_at": NOW,
        }
        for n, at in enumerate(published)
    ]
    session.execute(insert(m.PostMetricSnapshot), metrics)


def seed_news(session: Session, mentions: int, rng: random.Random) -> None:
    media = ("tv", "radio", "print", "web")
    session.execute(
        insert(m.Outlet),
        [
            {"name": f"Medio {n}", "name_key": f"medio {n}", "medium": media[n % 4]}
            for n in range(30)
        ],
    )
    stories = mentions // 3
    session.execute(
        insert(m.Story), [{"title": f"historia {n}", "created_at": NOW} for n in range(stories)]
    )
    days = _days()
    articles = []
    for n in range(mentions):
        day = rng.choice(days)
        articles.append(
            {
                "outlet_id": rng.randrange(1, 31),
                "canonical_url": f"https://n.example.org/{n}",
                "url": f"https://n.example.org/{n}",
                "title": f"nota {n}",
                "title_key": f"nota {n}",
                "published_at": datetime.combine(day, datetime.min.time(), UTC)
                + timedelta(hours=17),
                "published_day": day,
                "story_id": rng.randrange(1, stories + 1),
                "fetched_at": NOW,
            }
        )
    session.execute(insert(m.Article), articles)
    session.execute(
        insert(m.Mention),
        [
            {
                "article_id": n + 1,
                "matched_terms": ["Alcaldía de Cali"],
                "in_title": True,
                "in_body": False,
                "matched_at": NOW,
            }
            for n in range(mentions)
        ],
    )


def seed_free_press(session: Session, clips: int, rng: random.Random) -> None:
    units = {"tv": "minute", "radio": "second", "print": "column_cm", "web": "item"}
    media = ("tv", "radio", "print", "web")
    session.execute(
        insert(m.RateCard),
        [
            {
                "outlet_id": n + 1,
                "program_key": "",
                "medium": media[n % 4],
                "unit": units[media[n % 4]],
                "price_cop": Decimal(100_000 + n * 1_000),
                "valid_from": FIRST,
                "imported_at": NOW,
            }
            for n in range(28)
        ],
    )
    days = _days()
    session.execute(
        insert(m.Clip),
        [
            {
                "clip_key": f"c{n}",
                "outlet_id": rng.choice([1, 2, 5, 6, 29]),
                "program_key": "",
                "aired_on": rng.choice(days),
                "title": f"corte {n}",
                "duration_s": rng.randrange(20, 400),
                "imported_at": NOW,
            }
            for n in range(clips)
        ],
    )


def seed_runs(session: Session, sources: int, rng: random.Random) -> None:
    days = _days()
    session.execute(
        insert(m.CollectionRun),
        [
            {"day": d, "kind": "nightly", "status": "ok", "started_at": NOW, "finished_at": NOW}
            for d in days
        ],
    )
    session.execute(
        insert(m.SourceResult),
        [
            {
                "run_id": r + 1,
                "source": f"src:{s}",
                "kind": "news",
                "status": "failed" if rng.random() < 0.05 else "ok",
                "started_at": NOW,
                "finished_at": NOW,
            }
            for r in range(len(days))
            for s in range(sources)
        ],
    )


def seed(url: str, accounts: int, posts: int, mentions: int, clips: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng = random.Random(46)
    with session_factory(engine)() as session:
        ids = seed_accounts(session, accounts, rng)
        seed_posts(session, ids[: accounts * 4 // 5], posts, rng)
        seed_news(session, mentions, rng)
        seed_free_press(session, clips, rng)
        seed_runs(session, accounts + 30, rng)
        session.commit()
    engine.dispose()


def render(url: str, out: Path) -> int:
    engine = make_engine(url)
    with session_factory(engine)() as session:
        report = build_weekly_report(session, week_start=WEEK, config=CONFIG, now=NOW)
    files = write_report_files(report, out, "es", pdf=False)
    engine.dispose()
    return len(files.paths)


def render_pdf(out: Path) -> int:
    """The PDF of the page `render` wrote (measured apart: WeasyPrint's layout is its own cost)."""
    [html] = out.glob("*.html")
    return write_pdf(html.read_text(encoding="utf-8"), out / "report.pdf").stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 accounts, 5,000 mentions")
    args = parser.parse_args()
    size = (10, 4_000, 5_000, 1_000) if args.quick else (50, 20_000, 50_000, 5_000)
    with tempfile.TemporaryDirectory() as tmp:
        full, empty = f"sqlite:///{tmp}/year.db", f"sqlite:///{tmp}/empty.db"
        seed_s, _ = timed(lambda: seed(full, *size))
        upgrade(make_engine(empty))
        base_s, _ = timed(lambda: render(empty, Path(tmp) / "empty"))
        year_s, files = timed(lambda: render(full, Path(tmp) / "year"))
        pdf_base_s, _ = timed(lambda: render_pdf(Path(tmp) / "empty"))
        pdf_s, _ = timed(lambda: render_pdf(Path(tmp) / "year"))
    rows = [
        ("empty database (baseline)", f"{base_s:.2f} s", "1.0x"),
        (
            f"{size[0]} accounts, {size[2]:,} mentions, {size[1]:,} posts",
            f"{year_s:.2f} s",
            f"{year_s / base_s:.1f}x",
        ),
        ("PDF of the empty week (baseline)", f"{pdf_base_s:.2f} s", "1.0x"),
        ("PDF of the year's busiest week", f"{pdf_s:.2f} s", f"{pdf_s / pdf_base_s:.1f}x"),
    ]
    print_rows(
        f"Weekly report, {files} files written (seeding took {seed_s:.1f} s)",
        ["data", "build + write", "ratio"],
        rows,
    )
    ok = year_s < 5.0
    print(f"\ntarget: under 5 s -> {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
