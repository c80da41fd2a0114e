"""Fingerprints of the mentions page and /api/mentions, to compare two checkouts' answers.

Usage: PYTHONHASHSEED=0 .venv/bin/python bench/same_mentions.py OUT.json [--tree PATH] [--db PATH]

Renders, through the app in process (cache off), /mentions in both languages over many date
ranges (2 weeks to 5 years, a few days, decades), pages of its list and of its week × outlet
table, an outlet and a search, and /api/mentions with several limits and offsets, on the
dashboard benchmark's database (50,000 mentions over five years; built here, or `--db`) with
its kept weekly counts and again without them (counted from the mentions). Writes each URL's
SHA-256 to OUT.json. Run it with `--tree` on another checkout (e.g. main) and compare the two
files: equal means byte for byte the same answers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def urls(seed: int, count: int) -> list[str]:
    import bench.bench_dashboard as b

    draw = random.Random(seed)
    found = []
    for n, (start, end) in enumerate(b.date_ranges(count, seed=seed)):
        period = f"from={start.isoformat()}&to={end.isoformat()}"
        lang = "es" if n % 2 else "en"
        found.append(f"/mentions?{period}&lang={lang}")
        found.append(f"/mentions?{period}&lang={lang}&weeks_page={draw.randrange(1, 90)}")
        found.append(f"/mentions?{period}&page={draw.randrange(1, 600)}&weeks_page=2")
        found.append(f"/api/mentions?{period}")
        found.append(f"/api/mentions?{period}&offset={draw.randrange(0, 40_000)}")
        if n % 5 == 0:
            found.append(f"/mentions?{period}&outlet=medio%20{draw.randrange(0, 30)}&lang=en")
            found.append(f"/api/mentions?{period}&outlet=medio%20{draw.randrange(0, 30)}")
            found.append(f"/api/mentions?{period}&limit={draw.randrange(1, 3000)}")
        if n % 9 == 0:
            found.append(f"/mentions?{period}&q=historia&weeks_page=3")
    found += [
        "/mentions",
        "/mentions?range=last4w&lang=en",
        "/mentions?from=2021-11-24&to=2021-11-27",  # inside one week
        "/mentions?from=2021-11-22&to=2021-11-28",  # one whole week
        "/mentions?from=1990-01-01&to=2026-12-31&weeks_page=99999",  # decades
        "/mentions?from=0999-12-01&to=1000-02-01",
        "/mentions?from=1900-01-01&to=2026-12-31",  # past the bound of weeks
        "/mentions?from=2022-01-01&to=2026-11-21&weeks_page=51&page=3",
        "/api/mentions",
        "/api/mentions?from=2026-11-30&to=2026-12-31",
        "/api/mentions?from=2022-01-01&to=2026-11-21&offset=49990&limit=50",
    ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--tree", default=str(ROOT))
    parser.add_argument("--db", help="the dashboard bench's database, built once before")
    parser.add_argument("--ranges", type=int, default=60)
    args = parser.parse_args()
    sys.path.insert(0, args.tree)  # the tree whose code answers
    sys.path.insert(1, str(ROOT))  # this bench's seeds
    from fastapi.testclient import TestClient

    import bench.bench_dashboard as b

    found: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder) / "kept" / "bench.db"
        kept.parent.mkdir()
        if args.db:
            shutil.copy(args.db, kept)
        else:
            b.build(kept, 1, 5, b.MENTIONS, b.CLIPS)
        counted = Path(folder) / "counted" / "bench.db"
        counted.parent.mkdir()
        shutil.copy(kept, counted)
        with sqlite3.connect(counted) as connection:  # as if written past storage
            connection.execute("DELETE FROM mention_weeks_state")
        for name, database, count in (("kept", kept, args.ranges), ("counted", counted, 8)):
            client = TestClient(b.make_app(str(database), 0.0))
            for url in urls(17, count):
                answer = client.get(url)
                body = answer.content + repr(sorted(answer.headers.items())).encode()
                found[f"{name} {url}"] = hashlib.sha256(body).hexdigest()
    Path(args.out).write_text(json.dumps(found, indent=1, sort_keys=True))
    print(f"{len(found)} answers fingerprinted into {args.out}")


if __name__ == "__main__":
    main()
