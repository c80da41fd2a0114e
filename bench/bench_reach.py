"""The dashboard's Alcance page against the report's reach answer, on the same database.

Two years of nightly insights for the office's own accounts (reach, views and two other
metrics per account and day, a day of refusals now and then), three posts a day per account
with their views, and a live broadcast a week, all stored through the real storage functions.
Timed cold (no dashboard cache), median of 5, in the same run:

- the report's answer (`reports.answers.reach.reach_answer`, what `pulso insights` prints): the
  baseline, since the page runs the same queries plus the daily rows and the top list;
- `/api/reach` and the `/reach` page (HTML with two charts) over the last 4 weeks, a year and
  since 2020 (the charts add weeks past four months, months past two years);
- `/growth` over a year on the same database, for scale.

    .venv/bin/python bench/bench_reach.py [--quick]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine  # noqa: E402

from bench.common import median_seconds, ms, print_rows, timed  # noqa: E402

ZONE = ZoneInfo("America/Bogota")
TODAY = date(2026, 11, 21)
ACCOUNTS = (("facebook", "AlcaldiaDeCali"), ("instagram", "alcaldiadecali"))
OTHERS = (
    ("twitter", "AlcaldiaDeCali"),
    ("youtube", "AlcaldiaDeCali"),
    ("tiktok", "alcaldiadecali"),
)
METRICS = {
    "facebook": (
        "page_total_media_view_unique",
        "page_media_view",
        "page_post_engagements",
        "page_follows",
    ),
    "instagram": ("reach", "views", "total_interactions", "accounts_engaged"),
}


def seed(engine: Engine, days: int) -> int:
    from collectors.records import AccountStats, InsightValue, LiveVideo, PostStats
    from storage.db import transaction
    from storage.insights import store_account_insights, store_live_videos
    from storage.social import store_account_stats, store_posts

    rows = 0
    first = TODAY - timedelta(days=days - 1)
    with transaction(engine) as session:
        for n in range(days):
            day = first + timedelta(days=n)
            at = datetime.combine(day, time(7), UTC)
            for platform, handle in ACCOUNTS + OTHERS:
                stats = AccountStats(platform, handle, at, followers=100_000 + n)
                account = store_account_stats(session, stats, day=day, run_id=None, own=True)
                posts = [
                    PostStats(
                        platform,
                        handle,
                        f"{platform}-{n}-{k}",
                        at,
                        published_at=at - timedelta(hours=k + 1),
                        text=f"Publicación {n} {k}",
                        views=(n * 7919 + k * 104729) % 90_000 or None,
                    )
                    for k in range(3)
                ]
                rows += store_posts(session, account, posts, day=day, run_id=None)
                if platform not in METRICS:
                    continue
                refused = n % 29 == 0  # Meta refuses a day now and then
                values = [
                    InsightValue(
                        m,
                        None if refused and i == 0 else 1000 * (n % 50) + i,
                        day=day - timedelta(days=1),
                    )
                    for i, m in enumerate(METRICS[platform])
                ]
                rows += store_account_insights(
                    session, account, values, day=day, collected_at=at, run_id=None
                )
                if platform == "facebook" and n % 7 == 0:
                    live = LiveVideo(
                        platform,
                        handle,
                        f"L{n}",
                        at,
                        title=f"En vivo {n}",
                        started_at=at,
                        duration_s=3600,
                        total_views=n,
                    )
                    rows += store_live_videos(session, account, [live], run_id=None)
    return rows


def main() -> int:
    quick = "--quick" in sys.argv
    days = 120 if quick else 730
    folder = Path(tempfile.mkdtemp(prefix="pulso-bench-reach-"))
    os.environ["PULSO_DATA_DIR"] = str(folder)
    os.environ["PULSO_CONFIG"] = str(folder / "pulso.toml")
    (folder / "pulso.toml").write_text('timezone = "America/Bogota"\n', encoding="utf-8")
    url = f"sqlite:///{folder / 'bench.db'}"
    os.environ["PULSO_DATABASE_URL"] = url

    from fastapi.testclient import TestClient

    from pulso.dashboard import create_app
    from reports.answers.reach import reach_answer
    from settings import load_settings
    from storage.db import make_engine, session_factory
    from storage.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    seconds, rows = timed(lambda: seed(engine, days))
    print(f"seeded {rows} rows ({days} days) in {seconds:.1f} s; load average {os.getloadavg()}")
    client = TestClient(create_app(load_settings(), engine, today=lambda: TODAY, cache_ttl_s=0))

    def answer(start: date) -> None:
        with session_factory(engine)() as session:
            reach_answer(session, start=start, end=TODAY, zone=ZONE)

    def get(url: str) -> None:
        assert client.get(url).status_code == 200, url

    table = []
    for name, start in (
        ("last4w", TODAY - timedelta(weeks=4)),
        ("year", date(2026, 1, 1)),
        ("since2020", date(2020, 1, 1)),
    ):
        base = median_seconds(partial(answer, start))
        api = median_seconds(partial(get, f"/api/reach?from={start}&to={TODAY}"))
        page = median_seconds(partial(get, f"/reach?range={name}"))
        size = len(client.get(f"/reach?range={name}").content)
        table.append(
            (
                name,
                ms(base),
                ms(api),
                f"{api / base:.2f}",
                ms(page),
                f"{page / base:.2f}",
                f"{size // 1024} kB",
            )
        )
    growth = median_seconds(lambda: get("/growth?range=year"))
    print_rows(
        "Alcance, cold (median of 5); ratios to the report's reach answer",
        ("range", "reach_answer", "/api/reach", "ratio", "/reach page", "ratio", "page size"),
        table,
    )
    print(
        f"\n/growth?range=year on the same database: {ms(growth)}; load average {os.getloadavg()}"
    )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
