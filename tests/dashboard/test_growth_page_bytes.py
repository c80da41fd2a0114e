"""The growth page's HTML, byte for byte, over many requests: what it was before issue 17's
sixth pass, which rewrote how the page's chart lines, gaps and tables are built (for speed);
and the reach page's, which shares the chart's and the account filters' markup.

`tests/fixtures/dashboard/growth_pages.json` holds the SHA-256 of each page's body as main's
code at commit d9607ac wrote it on `office_history()`'s database with `CONFIG`; it was recorded
by `main()` below with that commit's tree first on sys.path (the module only uses what that
tree has), from that tree's folder:

    cd MAIN && PYTHONPATH=$PWD $WT/.venv/bin/python $WT/tests/dashboard/test_growth_page_bytes.py DIR

(MAIN: that commit's tree unpacked; WT: this one; DIR: a new folder for the database).

The requests cover periods from one day to six years, before the history (no data), both
languages and the default, the three views and the default, presets, platform and account
filters, peers, configured names and handles that need escaping, accounts with gaps, a lone
figure between gaps, monthly and weekly figures, a flat account, a shrinking one, millions, an
account that starts late and one whose only figure is unknown; reach over days with figures
refused or missing (tests/dashboard/reach_seed.py); on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from collectors.records import FollowerFigure
from pulso.cli import context
from pulso.dashboard import create_app
from settings import load_settings
from storage.db import transaction
from storage.followers import upsert_imported_followers
from storage.models import Account
from tests.dashboard.reach_seed import seed_reach
from tests.dashboard.seed import seed

TODAY = date(2026, 11, 21)
FIRST = date(2021, 3, 1)
RECORDED = Path(__file__).parents[1] / "fixtures" / "dashboard" / "growth_pages.json"
ODD = 'Ana&<b>"Q"\''  # a handle whose every character but letters needs escaping
PEERS = ("Cuenta09", "Cuenta15", "Mensual")

# Configured names (one needs escaping) and a configuration order that is not the stored one:
# it decides the colours.
CONFIG = """
organization = "Alcaldía <de> \\"Santiago\\" & 'Cali'"

[[accounts]]
platform = "youtube"
handle = "Cuenta03"
name = "Canal <de> la \\"Alcaldía\\" & 'Co'"

[[accounts]]
platform = "tiktok"
handle = "Huecos"
name = "Con huecos"

[[accounts]]
platform = "tiktok"
handle = "Cuenta09"
own = false
"""


def _days(first: date, offsets: list[int]) -> list[date]:
    return [first + timedelta(days=n) for n in offsets]


def office_history(engine: Engine) -> None:
    """Twenty-two accounts with a figure a day (past the palette: dashed lines), and the odd
    ones the page must draw and tabulate right."""
    seed(engine, 22, FIRST, (TODAY - FIRST).days + 1)
    figures: list[FollowerFigure] = []
    gaps = [*range(0, 40), 70, *range(120, 300), 400, 401, *range(500, 900, 9), *range(1200, 1500)]
    figures += [
        FollowerFigure("tiktok", "Huecos", d, 500 + 2 * n) for n, d in enumerate(_days(FIRST, gaps))
    ]
    figures.append(FollowerFigure("tiktok", "Huecos", FIRST + timedelta(450), None))  # type: ignore[arg-type]
    months = [date(2019 + m // 12, m % 12 + 1, 1) for m in range(0, 90)]
    figures += [
        FollowerFigure("facebook", "Mensual", d, 80_000 + 900 * m - (m * m * 17 if m > 50 else 0))
        for m, d in enumerate(months)
    ]
    figures += [
        FollowerFigure("instagram", "Plana", d, 5_000)
        for d in _days(FIRST, list(range(0, 2000, 7)))
    ]
    late = date(2025, 3, 1)
    figures += [
        FollowerFigure("youtube", "Millones", d, 1_234_567 + 997 * n - (n % 5) * 3_001)
        for n, d in enumerate(_days(late, list(range((TODAY - late).days + 1))))
    ]
    odd = date(2024, 1, 1)
    figures += [
        FollowerFigure("twitter", ODD, d, 42 + n // 3)
        for n, d in enumerate(_days(odd, list(range(0, (TODAY - odd).days + 1, 2))))
    ]
    figures.append(FollowerFigure("tiktok", "Desconocida", date(2024, 6, 1), None))  # type: ignore[arg-type]
    with transaction(engine) as session:
        upsert_imported_followers(session, figures)
        session.execute(update(Account).where(Account.handle.in_(PEERS)).values(own=False))
    seed_reach(engine)


def queries(count: int = 150) -> list[str]:
    """Periods of a day to six years, ending anywhere from before the history to today, in
    every language and view (and their defaults), some for some platforms or one account."""
    draw, found = random.Random(24), ["", "lang=en", "view=small", "range=custom"]
    found += [
        f"range={p}&lang={lang}"
        for p in ("last4w", "quarter", "year", "since2020")
        for lang in ("es", "en")
    ]
    found += ["from=2019-01-01&to=2019-06-01", "from=2019-01-01&to=2019-06-01&lang=en&view=small"]
    filters = (
        "",
        "&platform=tiktok",
        "&platform=facebook&platform=youtube",
        "&account=tiktok:Huecos",
        f"&account={quote('twitter:' + ODD)}",
        "&account=facebook:Mensual&account=tiktok:Cuenta09",
        "&platform=instagram",
    )
    lengths = (
        0,
        1,
        6,
        13,
        30,
        31,
        32,
        60,
        90,
        182,
        183,
        184,
        365,
        366,
        700,
        1097,
        1098,
        1099,
        1200,
        1500,
        1826,
        2200,
    )
    for n in range(count):
        length = draw.choice(lengths)
        start = date(2019, 6, 1) + timedelta(days=draw.randrange((TODAY - date(2019, 6, 1)).days))
        end = min(start + timedelta(days=length), TODAY)
        start = min(start, end)
        query = f"from={start.isoformat()}&to={end.isoformat()}"
        query += ("&lang=es", "&lang=en", "")[n % 3]
        query += ("&view=change", "&view=followers", "&view=small", "")[n % 4]
        query += filters[n % len(filters)] if n % 2 else filters[(n // 2) % len(filters)]
        found.append(query)
    return found


def reach_queries() -> list[str]:
    """The reach page shares the chart's and the account filters' markup."""
    found = []
    for n, (start, end) in enumerate(
        [
            ("2026-11-10", "2026-11-20"),
            ("2026-11-16", "2026-11-18"),
            ("2026-11-17", "2026-11-17"),
            ("2026-10-01", "2026-11-21"),
            ("2026-01-01", "2026-11-21"),
            ("2025-01-01", "2025-02-01"),
        ]
    ):
        for lang in ("es", "en"):
            query = f"from={start}&to={end}&lang={lang}"
            found.append(
                query + ("", "&platform=facebook", "&account=facebook:AlcaldiaDeCali")[n % 3]
            )
    return found


def record(client: TestClient) -> dict[str, str]:
    answers = {}
    pages = [f"/growth?{q}" for q in queries()] + [f"/reach?{q}" for q in reach_queries()]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, (url, page.text[:300])
        answers[url] = hashlib.sha256(page.content).hexdigest()
    return answers


def office_client(engine: Engine, url: str, folder: Path) -> TestClient:
    """The dashboard on `engine`, configured with CONFIG, the cache off (every page built)."""
    (folder / "pulso.toml").write_text(CONFIG, encoding="utf-8")
    environment = {"PULSO_CONFIG": str(folder / "pulso.toml"), "PULSO_DATABASE_URL": url}
    environment["PULSO_DATA_DIR"] = str(folder / "data")
    return TestClient(
        create_app(load_settings(environment), engine, today=lambda: TODAY, cache_ttl_s=0)
    )


@pytest.fixture
def office(any_engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    office_history(any_engine)
    context.reset()
    url = any_engine.url.render_as_string(hide_password=False)
    with office_client(any_engine, url, tmp_path) as client:
        yield client
    context.reset()


def test_every_page_is_byte_for_byte_what_it_was(office: TestClient) -> None:
    recorded = json.loads(RECORDED.read_text())
    now = record(office)
    assert now.keys() == recorded.keys()
    changed = [query for query, digest in now.items() if digest != recorded[query]]
    assert not changed, changed


def main(folder: str) -> None:
    """Record the digests with whichever tree is first on sys.path, into `folder`'s database
    (a new SQLite file) and RECORDED."""
    from storage.db import make_engine
    from storage.migrate import upgrade

    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{where / 'pages.db'}"
    engine = make_engine(url)
    upgrade(engine)
    office_history(engine)
    with office_client(engine, url, where) as client:
        answers = record(client)
    RECORDED.write_text(json.dumps(answers, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
