"""Fingerprints of the growth pages, their downloads and the pages sharing their charts.

Usage: .venv/bin/python bench/same_pages.py OUT.json [--tree PATH]

Renders, through the app in process (cache off), the growth page in its three views and two
languages over many date ranges and account selections, its CSV/XLSX downloads, /api/growth,
and the reach page (it draws with the same chart code), on two databases built here: the
benchmark's 50 accounts × 5 years, and a small one with gaps, unknown figures, monthly
figures and names that need escaping. Writes each URL's SHA-256 to OUT.json. Run it with
`--tree` on another checkout (e.g. main) and compare the two files: equal means byte for byte
the same answers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--tree", default=str(ROOT))
    args = parser.parse_args()
    sys.path.insert(0, args.tree)  # the tree whose code answers
    sys.path.insert(1, str(ROOT))  # this bench's seeds
    from fastapi.testclient import TestClient

    import bench.bench_dashboard as b
    from collectors.records import FollowerFigure
    from storage.db import make_engine, transaction
    from storage.followers import upsert_imported_followers
    from storage.migrate import upgrade
    from tests.dashboard.reach_seed import seed_reach

    found: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big" / "bench.db"
        big.parent.mkdir()
        b.build(big, 50, 5, 10, 10)
        small = Path(folder) / "small" / "bench.db"
        small.parent.mkdir()
        engine = make_engine(f"sqlite:///{small}")
        upgrade(engine)
        start = date(2025, 1, 1)
        odd = ['<b>"Cali" & Co</b>', "Peña_Ñ'x", "Mensual"]
        figures = [
            FollowerFigure("facebook", odd[0], start + timedelta(n), 1000 + 7 * n - (n % 9))
            for n in [*range(0, 60), *range(100, 300), *range(320, 330)]
        ]
        figures += [
            FollowerFigure(
                "twitter", odd[1], start + timedelta(n), None if n % 11 == 0 else 500 - n
            )
            for n in range(0, 330, 2)
        ]
        figures += [
            FollowerFigure("youtube", odd[2], start + timedelta(30 * n), 10 + n) for n in range(11)
        ]
        with transaction(engine) as session:
            upsert_imported_followers(session, figures)
        seed_reach(engine)
        engine.dispose()
        for database, ranges in ((big, b.date_ranges(40)), (small, _small_ranges())):
            client = TestClient(b.make_app(str(database), 0.0))
            for n, (first, last) in enumerate(ranges):
                span = f"from={first.isoformat()}&to={last.isoformat()}"
                view = ("change", "followers", "small")[n % 3]
                lang = ("es", "en")[n % 2]
                chosen = ("", "&platform=facebook", "&platform=twitter&platform=youtube")[
                    n // 3 % 3
                ]
                urls = [
                    f"/growth?{span}&view={view}&lang={lang}{chosen}",
                    f"/api/growth?{span}",
                    f"/reach?{span}&lang={lang}",
                ]
                if n % 4 == 0:
                    urls += [f"/growth.csv?{span}&lang={lang}", f"/growth.xlsx?{span}"]
                for url in urls:
                    response = client.get(url)
                    body = response.content
                    if url.startswith("/growth.xlsx"):
                        body = _xlsx_cells(body)
                    key = f"{database.parent.name} {url}"
                    found[key] = f"{response.status_code} {hashlib.sha256(body).hexdigest()}"
    Path(args.out).write_text(json.dumps(found, indent=1, sort_keys=True))
    print(f"{len(found)} answers fingerprinted in {args.out}")


def _small_ranges() -> list[tuple[date, date]]:
    start = date(2025, 1, 1)
    return [
        (start - timedelta(10), start + timedelta(400)),
        (start + timedelta(30), start + timedelta(130)),
        (start + timedelta(50), start + timedelta(50)),
        (start + timedelta(55), start + timedelta(70)),
        (start - timedelta(300), start - timedelta(5)),
        (start + timedelta(90), start + timedelta(335)),
        (start, start + timedelta(329)),
        (start + timedelta(200), start + timedelta(210)),
        (start + timedelta(1), start + timedelta(60)),
    ]


def _xlsx_cells(body: bytes) -> bytes:
    """A workbook's cell values (the zip's timestamps differ from one run to the next)."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body))
    rows = [[repr(c) for c in row] for sheet in book for row in sheet.iter_rows(values_only=True)]
    return json.dumps(rows).encode()


if __name__ == "__main__":
    main()
