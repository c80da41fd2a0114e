"""The period report over two years, and `pulso verify` of a 500-row file.

Default: 50 accounts (40 own, 10 peers) with a figure every day for two years (2024-01-01 to
2025-12-31), 40,000 posts with metrics, 100,000 mentions in 30 outlets, 5,000 clips and two
years of nightly runs. Targets: the period report built and written (HTML, XLSX, CSV) in under
10 s; 500 figures checked in under 5 s.

Baselines in the same run: the same report over an empty database (the fixed cost of building
and rendering), and reading and validating the same 500-row file without computing anything
(the floor of `verify`), so each ratio shows what the data adds. `--quick` for CI-size runs.

    .venv/bin/python bench/bench_period.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.common import print_rows, timed  # noqa: E402
from flows.steps.verify import check_claims  # noqa: E402
from importers.figures import read_figures_file  # noqa: E402
from reports.period import Period  # noqa: E402
from reports.period_render import write_period_report  # noqa: E402
from reports.period_report import build_period_report  # noqa: E402
from settings.model import Config  # noqa: E402
from storage import models as m  # noqa: E402
from storage.db import make_engine, session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

FIRST, LAST = date(2024, 1, 1), date(2025, 12, 31)
NOW = datetime(2026, 1, 2, 13, tzinfo=UTC)
PLATFORMS = ("facebook", "instagram", "twitter", "youtube", "tiktok")
TARGETS = {"facebook": 2200, "twitter": 5000, "instagram": 700, "youtube": 400}
CONFIG = Config.model_validate({"targets": TARGETS})
DAYS = [FIRST + timedelta(days=d) for d in range((LAST - FIRST).days + 1)]
MEDIA = ("tv", "radio", "print", "web")


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=hour)


def seed_accounts(session: Session, accounts: int, rng: random.Random) -> None:
    session.execute(
        insert(m.Account),
        [
            {
                "platform": PLATFORMS[n % 5],
                "handle": f"cuenta{n}",
                "handle_key": f"cuenta{n}",
                "own": n < accounts * 4 // 5,
                "created_at": NOW,
            }
            for n in range(accounts)
        ],
    )
    snapshots = []
    for account_id in range(1, accounts + 1):
        followers = rng.randrange(1_000, 500_000)
        for day in DAYS:
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


def seed_posts(session: Session, own: int, count: int, rng: random.Random) -> None:
    published = [_at(rng.choice(DAYS), rng.randrange(24)) for _ in range(count)]
    session.execute(
        insert(m.Post),
        [
            {
                "account_id": rng.randrange(1, own + 1),
                "platform_post_id": str(10**18 + n),
                "published_at": at,
                "url": f"https://example.org/p/{n}",
                "text": f"publicación {n}",
                "first_seen_at": NOW,
            }
            for n, at in enumerate(published)
        ],
    )
    session.execute(
        insert(m.PostMetricSnapshot),
        [
            {
                "post_id": n + 1,
                "day": at.date() + timedelta(days=1),
                "reactions": rng.randrange(1000),
                "comments": rng.randrange(100),
                "shares": rng.randrange(50),
                "views": rng.randrange(10_000),
                "collected_at": NOW,
            }
            for n, at in enumerate(published)
        ],
    )


def seed_news(session: Session, mentions: int, rng: random.Random) -> None:
    session.execute(
        insert(m.Outlet),
        [
            {"name": f"Medio {n}", "name_key": f"medio {n}", "medium": MEDIA[n % 4]}
            for n in range(30)
        ],
    )
    stories = mentions // 3
    session.execute(
        insert(m.Story), [{"title": f"historia {n}", "created_at": NOW} for n in range(stories)]
    )
    days = [rng.choice(DAYS) for _ in range(mentions)]
    session.execute(
        insert(m.Article),
        [
            {
                "outlet_id": rng.randrange(1, 31),
                "canonical_url": f"https://n.example.org/{n}",
                "url": f"https://n.example.org/{n}",
                "title": f"nota {n}",
                "title_key": f"nota {n}",
                "published_at": _at(day, 17),
                "published_day": day,
                "story_id": rng.randrange(1, stories + 1),
                "fetched_at": NOW,
            }
            for n, day in enumerate(days)
        ],
    )
    session.execute(
        insert(m.Mention),
        [
            {"article_id": n + 1, "matched_terms": ["Alcaldía de Cali"], "matched_at": NOW}
            for n in range(mentions)
        ],
    )


def seed_free_press(session: Session, clips: int, rng: random.Random) -> None:
    units = {"tv": "minute", "radio": "second", "print": "column_cm", "web": "item"}
    session.execute(
        insert(m.RateCard),
        [
            {
                "outlet_id": n + 1,
                "program_key": "",
                "medium": MEDIA[n % 4],
                "unit": units[MEDIA[n % 4]],
                "price_cop": Decimal(100_000 + n * 1_000),
                "valid_from": FIRST,
                "imported_at": NOW,
            }
            for n in range(28)
        ],
    )
    session.execute(
        insert(m.Clip),
        [
            {
                "clip_key": f"c{n}",
                "outlet_id": rng.choice([1, 2, 5, 6, 29]),
                "program_key": "",
                "aired_on": rng.choice(DAYS),
                "title": f"corte {n}",
                "duration_s": rng.randrange(20, 400),
                "imported_at": NOW,
            }
            for n in range(clips)
        ],
    )


def seed_runs(session: Session, sources: int, rng: random.Random) -> None:
    session.execute(
        insert(m.CollectionRun),
        [
            {"day": d, "kind": "nightly", "status": "ok", "started_at": NOW, "finished_at": NOW}
            for d in DAYS
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
            for r in range(len(DAYS))
            for s in range(sources)
        ],
    )


def seed(url: str, accounts: int, posts: int, mentions: int, clips: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng = random.Random(15)
    with session_factory(engine)() as session:
        seed_accounts(session, accounts, rng)
        seed_posts(session, accounts * 4 // 5, posts, rng)
        seed_news(session, mentions, rng)
        seed_free_press(session, clips, rng)
        seed_runs(session, accounts + 30, rng)
        session.commit()
    engine.dispose()


def render(url: str, out: Path) -> int:
    engine = make_engine(url)
    with session_factory(engine)() as session:
        report = build_period_report(session, period=Period(FIRST, LAST), config=CONFIG, now=NOW)
    files = write_period_report(report, out, "es", pdf=False)  # the PDF is bench_pdf's
    engine.dispose()
    return len(files.paths)


INDICATORS = (
    "seguidores_inicio",
    "seguidores_fin",
    "seguidores_nuevos",
    "publicaciones",
    "interacciones",
    "menciones",
    "free_press",
)


def figures_file(path: Path, rows: int, accounts: int, rng: random.Random) -> Path:
    """A draft report's figures: each indicator over a dozen periods (months, semesters, the
    two years), per account where it has one, with values partly wrong."""
    periods = [(FIRST, LAST), (date(2024, 1, 1), date(2024, 6, 30))]
    periods += [(date(2025, k, 1), date(2025, k, 28)) for k in range(1, 11)]
    lines = ["indicador;plataforma;cuenta;desde;hasta;valor"]
    for n in range(rows):
        indicator = INDICATORS[n % len(INDICATORS)]
        start, end = rng.choice(periods)
        account = n % accounts
        scope = (
            ";;"
            if indicator in ("menciones", "free_press")
            else f"{PLATFORMS[account % 5]};cuenta{account};"
        )
        value = f"{rng.randrange(0, 2_000_000):,}".replace(",", ".")
        lines.append(f"{indicator};{scope}{start:%d/%m/%Y};{end:%d/%m/%Y};{value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def verify(url: str, path: Path) -> int:
    engine = make_engine(url)
    claims = read_figures_file(path)
    with session_factory(engine)() as session:
        checks = check_claims(session, claims, CONFIG)
    engine.dispose()
    return len(checks)


def clocked(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds: on a machine shared with other work the CPU time is the stable one."""
    cpu = time.process_time()
    wall, result = timed(action)
    return wall, time.process_time() - cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 accounts, 10,000 mentions")
    args = parser.parse_args()
    size = (10, 4_000, 10_000, 1_000) if args.quick else (50, 40_000, 100_000, 5_000)
    with tempfile.TemporaryDirectory() as tmp:
        full, empty = f"sqlite:///{tmp}/two-years.db", f"sqlite:///{tmp}/empty.db"
        seed_s, _ = timed(lambda: seed(full, *size))
        upgrade(make_engine(empty))
        base_s, base_cpu, _ = clocked(lambda: render(empty, Path(tmp) / "empty"))
        full_s, full_cpu, files = clocked(lambda: render(full, Path(tmp) / "full"))
        path = figures_file(Path(tmp) / "cifras.csv", 500, size[0], random.Random(7))
        read_s, read_cpu, _ = clocked(lambda: read_figures_file(path))
        verify_s, verify_cpu, checked = clocked(lambda: verify(full, path))
    print_rows(
        f"Period report, two years, {files} files written (seeding took {seed_s:.1f} s)",
        ["data", "build + write", "cpu", "ratio"],
        [
            ("empty database (baseline)", f"{base_s:.2f} s", f"{base_cpu:.2f} s", "1.0x"),
            (
                f"{size[0]} accounts, {size[2]:,} mentions, {size[1]:,} posts",
                f"{full_s:.2f} s",
                f"{full_cpu:.2f} s",
                f"{full_s / base_s:.1f}x",
            ),
        ],
    )
    print_rows(
        f"pulso verify, {checked} figures",
        ["what", "time", "cpu", "ratio"],
        [
            (
                "read and validate the file only (baseline)",
                f"{read_s:.2f} s",
                f"{read_cpu:.2f} s",
                "1.0x",
            ),
            (
                "read, validate and compute every figure",
                f"{verify_s:.2f} s",
                f"{verify_cpu:.2f} s",
                f"{verify_s / read_s:.1f}x",
            ),
        ],
    )
    print(f"\nload average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")
    ok = full_s < 10.0 and verify_s < 5.0
    print(
        f"\ntargets: period report under 10 s -> {'ok' if full_s < 10 else 'MISSED'}; "
        f"verify under 5 s -> {'ok' if verify_s < 5 else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
