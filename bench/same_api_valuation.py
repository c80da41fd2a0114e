"""Fingerprints of /api/valuation's answers, to compare two checkouts' bytes.

Usage: PYTHONHASHSEED=0 .venv/bin/python bench/same_api_valuation.py OUT.json --work DIR [--tree PATH] [--db PATH]

Builds once in DIR (kept for the next run, so two checkouts answer from the same files) the
dashboard benchmark's database (50,000 mentions and 20,000 clips over five years; or a copy of
`--db`) changed through storage as the office's data changes: rate cards replaced, ended and
added in the middle of the period, a program's own rate, some web mentions undated (counted on
their fetch day), titles that JSON must escape (quotes, backslashes, control characters, line
and paragraph separators, accents, emoji, markup) and web mentions without a title. A copy has
its kept days' state removed (as after a write past storage: the items are counted).
Then requests /api/valuation through the app in process (cache off) over many ranges, limits,
offsets and projections, on both, and writes each URL's SHA-256 (body and headers) to OUT.json.
Run it with `--tree` on another checkout (e.g. main) and compare the two files: equal means
byte for byte the same answers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sqlite3
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLES = [
    'Dijo "no" al \\ proyecto',
    "Tab\there, new\nline and \r return",
    "Control \x01\x1f and DEL \x7f",
    "Separators \u2028 and \u2029 in a title",
    "Alcaldía: inversión de $38.415.000 — ¿cómo? «sí» ñandú",
    "Emoji 🎉 and 𝄞 outside the BMP",
    "</script><b>markup</b> & 'quotes'",
    "",
]


def urls(seed: int, count: int) -> list[str]:
    import bench.bench_dashboard as b

    draw = random.Random(seed)
    found = []
    for n, (start, end) in enumerate(b.date_ranges(count, seed=seed)):
        period = f"/api/valuation?from={start.isoformat()}&to={end.isoformat()}"
        found.append(period)
        found.append(f"{period}&offset={draw.randrange(0, 3_000)}&limit={draw.randrange(1, 400)}")
        found.append(f"{period}&offset={draw.randrange(0, 70_000)}")
        if n % 3 == 0:
            found.append(f"{period}&limit=10000&offset={draw.randrange(0, 30_000)}")
        if n % 4 == 0:
            found.append(f"{period}&broadcasts={draw.randrange(1, 90)}&monitored_share=70,5")
        if n % 7 == 0:
            found.append(f"{period}&monitored_share=100%25&limit=7&offset=1")
    found += [
        "/api/valuation",
        "/api/valuation?limit=10000",
        "/api/valuation?from=2021-11-24&to=2021-11-24",  # one day
        "/api/valuation?from=2022-03-01&to=2022-03-31&limit=1&offset=5",
        "/api/valuation?from=1990-01-01&to=2026-12-31&offset=68000",  # past the data's ends
        "/api/valuation?from=0001-01-01&to=9999-12-31&offset=20000",  # the calendar's ends
        "/api/valuation?from=2030-01-01&to=2030-12-31",  # nothing
        "/api/valuation?from=2023-06-10&to=2023-06-20&limit=10000",  # a rate change inside
        "/api/valuation?from=2024-02-20&to=2024-03-10&broadcasts=3",  # a rate ending inside
        "/api/valuation?to=2022-01-01",
        "/api/valuation?from=2026-01-01",
    ]
    return found


def prepare(work: Path, db: str | None) -> tuple[Path, Path]:
    """The kept and counted databases in `work`, made on the first run."""
    kept, counted = work / "kept" / "bench.db", work / "counted" / "bench.db"
    if counted.exists():
        return kept, counted
    import bench.bench_dashboard as b

    kept.parent.mkdir(parents=True, exist_ok=True)
    if db:
        shutil.copy(db, kept)
    else:
        b.build(kept, 1, 5, b.MENTIONS, b.CLIPS)
    _change(kept)
    counted.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(kept, counted)
    with sqlite3.connect(counted) as connection:  # as if written past storage
        connection.execute("DELETE FROM free_press_days_state")
    return kept, counted


def _change(database: Path) -> None:
    from zoneinfo import ZoneInfo

    from storage import free_press_days
    from storage.db import make_engine, transaction
    from storage.rates import upsert_rates
    from valuation.rate_cards import Rate

    with sqlite3.connect(database) as connection:
        for n, title in enumerate(TITLES):
            connection.execute("UPDATE clips SET title = ? WHERE id % 9 = ?", (title, n))
            connection.execute(
                "UPDATE articles SET title = ? WHERE id % 11 = ?", (title or None, n)
            )
        # Undated web mentions count on their fetch day (in Bogotá: an evening is the next
        # UTC day).
        connection.execute(
            "UPDATE articles SET published_day = NULL, published_at = NULL, "
            "fetched_at = strftime('%Y-%m-%d %H:%M:%S', published_day, '+' || (id % 30) || ' hours')"
            " || '.000000' WHERE id % 13 = 0"
        )
        connection.execute(
            "UPDATE clips SET program = 'Noticias', program_key = 'noticias' "
            "WHERE id % 5 = 0 AND outlet_id IN (2, 6)"
        )

    def rate(
        n: int, unit: str, price: str, since: date, until: date | None, program: str = ""
    ) -> Rate:
        medium = ("tv", "radio", "print", "web")[n % 4]
        return Rate(
            f"rates.csv:{n}{unit}{since}{program}",
            f"Medio {n}",
            f"medio {n}",
            medium,  # type: ignore[arg-type]
            unit,  # type: ignore[arg-type]
            Decimal(price),
            since,
            until,
            program or None,
            program.lower(),
        )

    first = date(2021, 11, 22)
    rates = [
        rate(1, "second", "101000", first, date(2023, 6, 14)),  # replaced: ends mid-period
        rate(1, "second", "117500.5", date(2023, 6, 15), None),  # a new price from then
        rate(3, "item", "103000", first, date(2024, 2, 29)),  # ends: later items unvalued
        rate(5, "second", "2345.75", date(2022, 1, 1), None, "Noticias"),  # the program's own
        rate(2, "column_cm", "88000", date(2024, 1, 1), None),  # print space, unused by clips
        rate(29, "minute", "4100007", date(2025, 3, 1), None),  # an outlet without one, later
    ]
    engine = make_engine(f"sqlite:///{database}")
    with transaction(engine) as session:
        upsert_rates(
            session,
            rates,
            source_file="rates.csv",
            rows={r.ref: 2 + n for n, r in enumerate(rates)},
        )
        free_press_days.rebuild(session, ZoneInfo("America/Bogota"))  # the titles and days above
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--work", required=True, help="folder for the two databases (kept)")
    parser.add_argument("--tree", default=str(ROOT))
    parser.add_argument("--db", help="the dashboard bench's database, built once before")
    parser.add_argument("--ranges", type=int, default=60)
    args = parser.parse_args()
    sys.path.insert(0, args.tree)  # the tree whose code answers
    sys.path.insert(1, str(ROOT))  # this bench's seeds
    kept, counted = prepare(Path(args.work), args.db)
    from fastapi.testclient import TestClient

    import bench.bench_dashboard as b

    found: dict[str, str] = {}
    for name, database, count in (("kept", kept, args.ranges), ("counted", counted, 10)):
        client = TestClient(b.make_app(str(database), 0.0))
        for url in urls(17, count):
            answer = client.get(url)
            body = answer.content + repr(sorted(answer.headers.items())).encode()
            found[f"{name} {url}"] = hashlib.sha256(body).hexdigest()
    Path(args.out).write_text(json.dumps(found, indent=1, sort_keys=True))
    print(f"{len(found)} answers fingerprinted into {args.out}")


if __name__ == "__main__":
    main()
