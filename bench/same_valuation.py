"""Fingerprints of the free-press page and its downloads, to compare two checkouts' answers.

Usage: PYTHONHASHSEED=0 .venv/bin/python bench/same_valuation.py OUT.json [--tree PATH] [--db PATH]

Renders, through the app in process (cache off), /valuation in both languages over many date
ranges (2 weeks to 5 years, a day, decades, before the data), `?page=N` of its week × outlet
table (past the last page too), and its CSV and XLSX downloads, on the dashboard benchmark's
database (50 accounts × 5 years, 50,000 mentions, 20,000 clips; built here, or `--db`) made
harder: outlet names and titles that need escaping, and rate cards that change in the middle of
the history (a price raised, an outlet rated only from some day: unvalued before), its free
press kept per day again (`free_press_days.rebuild`); then the same answers with the kept
days made stale (as a write past storage does), counted from the items. Writes each URL's
SHA-256 to OUT.json (the XLSX's parts but its creation time, and so its length). Run it with `--tree` on another
checkout (e.g. main) and compare the two files: equal means byte for byte the same answers.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ['Canal <Uno> & "Co"', "Radio 'Dos' & <i>tres</i>", "Portal <script>x</script>"]
TITLE = "<b>corte</b> & 'más' \"x\" </td>"


def urls(seed: int, count: int) -> list[str]:
    import bench.bench_dashboard as b

    draw = random.Random(seed)
    found = []
    for n, (start, end) in enumerate(b.date_ranges(count, seed=seed)):
        period = f"from={start.isoformat()}&to={end.isoformat()}"
        lang = "es" if n % 2 else "en"
        found.append(f"/valuation?{period}&lang={lang}")
        found.append(f"/valuation?{period}&page={draw.randrange(2, 40)}")
        if n % 6 == 0:
            found.append(f"/valuation.csv?{period}&lang={lang}")
        if n % 15 == 0:
            found.append(f"/valuation.xlsx?{period}&lang={lang}")
    found += [
        "/valuation",
        "/valuation?lang=en&page=3",
        "/valuation?from=2021-01-01&to=2021-10-31",  # before the data: empty
        "/valuation?from=2024-02-29&to=2024-02-29",  # one day
        "/valuation?from=2024-03-04&to=2024-03-31",  # whole weeks
        "/valuation?from=2024-06-12&to=2024-07-09&lang=en",  # around a rate's change
        "/valuation?from=1990-01-01&to=2030-12-31&page=99999",  # decades, past the last page
        "/valuation.csv?from=2021-11-01&to=2026-11-30",
        "/valuation.xlsx?from=2024-06-01&to=2024-08-31&lang=en",
    ]
    return found


def harder(database: Path) -> None:
    """Escaping-hungry names and titles, and rate cards that change mid-history."""
    with sqlite3.connect(database) as connection:
        for id_, name in enumerate(NAMES, start=1):
            connection.execute("UPDATE outlets SET name = ? WHERE id = ?", (name, id_))
        connection.execute("UPDATE clips SET title = ? WHERE id % 7 = 0", (TITLE,))
        connection.execute("UPDATE articles SET title = ? WHERE id % 5 = 0", (TITLE,))
        # Outlet 1's price rises on 2024-06-20 (a Thursday); outlet 4 is rated from 2023-03-01.
        connection.execute("UPDATE rate_cards SET valid_to = '2024-06-19' WHERE id = 1")
        connection.execute(
            "INSERT INTO rate_cards (outlet_id, program_key, medium, unit, price_cop, "
            "valid_from, imported_at) VALUES (1, '', 'tv', 'minute', 123456.5, '2024-06-20', "
            "'2026-11-21 12:00:00.000000')"
        )
        connection.execute("UPDATE rate_cards SET valid_from = '2023-03-01' WHERE id = 4")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--tree", default=str(ROOT))
    parser.add_argument("--db", help="the dashboard bench's database, built once before")
    parser.add_argument("--ranges", type=int, default=60)
    args = parser.parse_args()
    sys.path.insert(0, args.tree)  # the tree whose code answers
    sys.path.insert(1, str(ROOT))  # this bench's seeds
    from zoneinfo import ZoneInfo

    from fastapi.testclient import TestClient

    import bench.bench_dashboard as b
    from storage import free_press_days
    from storage.db import make_engine, transaction

    found: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder) / "kept" / "bench.db"
        kept.parent.mkdir()
        if args.db:
            shutil.copy(args.db, kept)
        else:
            b.build(kept, 50, 5, b.MENTIONS, b.CLIPS)
        harder(kept)
        engine = make_engine(f"sqlite:///{kept}")
        with transaction(engine) as session:
            free_press_days.rebuild(session, ZoneInfo("America/Bogota"))
        engine.dispose()
        counted = Path(folder) / "counted" / "bench.db"
        counted.parent.mkdir()
        shutil.copy(kept, counted)
        with sqlite3.connect(counted) as connection:  # as if written past storage
            connection.execute("DELETE FROM free_press_days_state")
        for name, database, count in (("kept", kept, args.ranges), ("counted", counted, 8)):
            client = TestClient(b.make_app(str(database), 0.0))
            for url in urls(17, count):
                answer = client.get(url)
                body, headers = answer.content, dict(answer.headers)
                if ".xlsx" in url:  # its parts but its creation time (and so its length)
                    book = zipfile.ZipFile(io.BytesIO(body))
                    body = b"".join(
                        book.read(n) for n in sorted(book.namelist()) if "core" not in n
                    )
                    del headers["content-length"]
                body += repr(sorted(headers.items())).encode()
                found[f"{name} {url}"] = hashlib.sha256(body).hexdigest()
    Path(args.out).write_text(json.dumps(found, indent=1, sort_keys=True))
    print(f"{len(found)} answers fingerprinted into {args.out}")


if __name__ == "__main__":
    main()
