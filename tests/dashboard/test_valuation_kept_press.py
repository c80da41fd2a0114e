"""The free-press page from the kept press in memory (pulso.dashboard.kept_press) is byte for
byte the page read from the database (the kept days' statements, or the items counted): its
HTML over many periods, `?page=N` and both languages, its CSV and XLSX, on outlet names and
titles that need escaping, rate changes inside the period, unvalued items and empty periods.
The memory is never stale: a write that bypasses storage makes the page count the items again,
a stored write loads it again, and a commit landing during a load keeps nothing.

The tables' rows built in Python (pulso.dashboard.valuation_rows) and the chart's week labels
are the markup and texts valuation.html's loops and the former code wrote (copied here)."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, update

from collectors.records import Clip
from pulso.dashboard import coverage, kept_press, routes_coverage
from pulso.dashboard.app import _templates
from pulso.dashboard.chart import BarChart, bar_chart
from pulso.dashboard.i18n import words
from pulso.dashboard.valuation_rows import unvalued_rows_html, week_rows_html
from pulso.dashboard.weeks import (
    WeekRow,
    continuous,
    iso_week,
    week_end,
    week_start,
    weeks_between,
)
from reports.formatting import fmt_date, fmt_int, fmt_money
from storage import models as m
from storage.clips import upsert_clips
from storage.db import transaction
from tests.change_markers import settles
from tests.dashboard.test_valuation_counts import DAYS, FIRST, _keep, _seed
from valuation.free_press import CoverageItem, UnvaluedItem

NAMES = {
    1: 'Canal <Uno> & "Co"',
    2: "Radio 'Dos' & <i>tres</i>",
    4: "Portal <script>alert(1)</script>",
}
TITLE = "<b>corte</b> & 'más' \"x\" </td>"


def _escaping(engine: Engine) -> None:
    """Outlet names and titles with every character the page escapes."""
    with transaction(engine) as session:
        for id_, name in NAMES.items():
            session.execute(update(m.Outlet).where(m.Outlet.id == id_).values(name=name))
        session.execute(update(m.Clip).where(m.Clip.id % 4 == 0).values(title=TITLE))
        session.execute(update(m.Article).where(m.Article.id % 3 == 0).values(title=TITLE))


def _urls(seed: int, count: int) -> list[str]:
    draw = random.Random(seed)
    found = [
        f"/valuation?from={FIRST}&to={FIRST + timedelta(days=DAYS)}",
        f"/valuation?from={FIRST}&to={FIRST + timedelta(days=DAYS)}&page=2&lang=en",
        f"/valuation?from={FIRST}&to={FIRST + timedelta(days=DAYS)}&page=99",
        "/valuation?from=2023-01-01&to=2023-06-30",  # nothing stored: empty
        "/valuation?from=2024-03-14&to=2024-03-14",  # one day
        "/valuation?from=2024-03-11&to=2024-03-24&lang=en",  # whole weeks, a rate's change
        "/valuation?from=2023-12-20&to=2024-01-09",  # before any rate and after
        "/valuation?from=1999-01-01&to=2030-12-31",  # decades
        "/valuation",
    ]
    for _ in range(count):
        start = FIRST + timedelta(days=draw.randrange(-20, DAYS))
        end = start + timedelta(days=draw.randrange(0, 120))
        period = f"from={start}&to={end}"
        found.append(f"/valuation?{period}&lang={draw.choice(['es', 'en'])}")
        found.append(f"/valuation?{period}&page={draw.randrange(1, 6)}")
    found += [url.replace("/valuation?", "/valuation.csv?") for url in found[::4]]
    found += [url.replace("/valuation?", "/valuation.xlsx?") for url in found[1::9]]
    return found


def _body(client: TestClient, url: str) -> bytes:
    client.app.state.board.cache.ttl_s = 0  # type: ignore[attr-defined]  # every answer computed
    answer = client.get(url)
    assert answer.status_code == 200, url
    if ".xlsx" not in url:
        return answer.content
    # The workbook's parts but its creation time.
    book = zipfile.ZipFile(io.BytesIO(answer.content))
    return b"".join(book.read(n) for n in sorted(book.namelist()) if "core" not in n)


def _read(client: TestClient, urls: list[str], monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The answers read from the database, as before the kept press (no memory)."""
    with monkeypatch.context() as patched:
        patched.setattr(coverage, "kept_press", lambda engine, tz: None)
        return [_body(client, url) for url in urls]


def _loads(engine: Engine) -> int:
    watch = kept_press.watch_for(engine)
    assert watch is not None  # a SQLite file: the marker is asked on a connection of its own
    return watch.loads


@pytest.mark.parametrize("seed", [3, 4])
def test_pages_from_memory_are_the_pages_read(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    _seed(engine, seed)
    _escaping(engine)
    _keep(engine, True)
    urls = _urls(seed, 40)
    before = _loads(engine)
    cold = [_body(client, url) for url in urls]  # each day's unvalued items read once
    warm = [_body(client, url) for url in urls]  # then held
    assert _loads(engine) == before + 1  # loaded once, used for every request
    read = _read(client, urls, monkeypatch)
    for url, a, b, c in zip(urls, cold, warm, read, strict=True):
        assert a == b == c, url
    pages = b"".join(body for url, body in zip(urls, read, strict=True) if "/valuation?" in url)
    # What the answers are meant to exercise.
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in pages and b"<script>" not in pages
    assert "&lt;b&gt;corte&lt;/b&gt; &amp; &#39;más&#39; &#34;x&#34; &lt;/td&gt;".encode() in pages
    assert b'id="unvalued"' in pages and b'id="unvalued-more"' in pages
    assert words("es")["no_data"].encode() in pages and b'rel="next"' in pages


def test_a_write_past_storage_is_never_read_from_memory(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(engine, 6)
    _keep(engine, True)
    urls = _urls(6, 8)
    first = [_body(client, url) for url in urls]
    loads = _loads(engine)
    tz = client.app.state.board.settings.config.tz  # type: ignore[attr-defined]
    assert kept_press.kept_press(engine, tz) is not None
    # A clip inserted bypassing storage: the kept days no longer describe the clips.
    with transaction(engine) as session:
        row = {
            "clip_key": "bypass",
            "outlet_id": 1,
            "program_key": "",
            "aired_on": FIRST + timedelta(days=3),
            "title": "por fuera",
            "duration_s": 600,
            "imported_at": datetime(2026, 11, 21, tzinfo=UTC),
        }
        session.execute(insert(m.Clip), [row])
    assert kept_press.kept_press(engine, tz) is None  # changed: read from the database
    assert kept_press.kept_press(engine, tz) is None  # loaded: not usable, counted
    counted = [_body(client, url) for url in urls]
    assert counted == _read(client, urls, monkeypatch)
    assert counted != first  # the new clip is counted
    # A stored write rebuilds the kept days: usable again, loaded again.
    clip = Clip(NAMES.get(2, "Radio Dos"), FIRST + timedelta(days=5), "guardado", None, 45)
    with transaction(engine) as session:
        upsert_clips(session, [(1, clip)], source_file="log.xlsx")
    assert kept_press.kept_press(engine, tz) is None  # the first request since: read
    assert kept_press.kept_press(engine, tz) is not None  # then loaded
    assert _loads(engine) == loads + 2  # found not usable once, then loaded
    stored = [_body(client, url) for url in urls]
    assert stored == _read(client, urls, monkeypatch)
    assert stored != counted


def test_a_commit_during_the_load_keeps_nothing(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(engine, 7)
    _keep(engine, True)
    tz = client.app.state.board.settings.config.tz  # type: ignore[attr-defined]
    load = kept_press._load

    def load_then_commit(*args: Any) -> kept_press.KeptPress:
        found = load(*args)
        with transaction(engine) as session:
            session.execute(update(m.Outlet).where(m.Outlet.id == 2).values(medium="print"))
        return found

    assert kept_press.kept_press(engine, tz) is None  # the first request: read as before
    loads = _loads(engine)
    monkeypatch.setattr(kept_press, "_load", load_then_commit)
    assert kept_press.kept_press(engine, tz) is None  # loaded, but a commit landed meanwhile
    assert _loads(engine) == loads + 1
    monkeypatch.setattr(kept_press, "_load", load)
    assert kept_press.kept_press(engine, tz) is None  # a new change: its first request reads
    assert kept_press.kept_press(engine, tz) is not None  # then loads
    assert kept_press.kept_press(engine, tz) is not None  # and holds
    assert _loads(engine) == loads + 2


def test_an_in_memory_database_reads_as_before() -> None:
    from storage.db import make_engine

    assert kept_press.watch_for(make_engine("sqlite://")) is None


# The template's loops and the chart's labels as they were written before (issue 17, fifth
# pass), the reference the Python-built rows and labels are compared with.
ROWS_LOOP = """{% for row in rows %}
    <tr><td data-week="{{ row.week }}">{{ row.week | fweek(lang) }}</td><td>{{ row.outlet }}</td><td class="num">{{ row.count | fint(lang) }}</td><td class="num">{{ row.value | fmoney(lang) }}</td></tr>
  {% else %}
    <tr><td colspan="4">{{ w.no_data }}</td></tr>
  {% endfor %}"""
UNVALUED_LOOP = """{% for u in unvalued %}
    <tr><td>{{ u.item.outlet }}</td><td>{{ u.item.aired_on | fdate(lang) }}</td><td>{{ u.item.title }}</td><td>{{ u | freason(lang) }}</td></tr>
  {% endfor %}"""


def _loop(source: str, **context: Any) -> str:
    return _templates().env.from_string(source).render(**context)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_table_rows_are_the_template_loops(lang: str, seed: int) -> None:
    draw = random.Random(seed)
    names = [*NAMES.values(), "El País", "Caracol Radio", "", "a&b"]
    rows = [
        WeekRow(
            draw.choice([iso_week(date(2024, 1, 1) + timedelta(weeks=n)) for n in range(60)])
            if n % 17
            else draw.choice(["not-a-week", "<w>", "0999-W52"]),
            draw.choice(names),
            draw.randrange(1, 10 ** draw.randrange(1, 9)),
            None if n % 5 == 0 else draw.randrange(0, 10 ** draw.randrange(1, 13)),
        )
        for n in range(draw.randrange(1, 150))
    ]
    w = words(lang)
    assert str(week_rows_html(rows, lang, w["no_data"])) == _loop(
        ROWS_LOOP, rows=rows, lang=lang, w=w
    )
    assert str(week_rows_html([], lang, w["no_data"])) == _loop(ROWS_LOOP, rows=[], lang=lang, w=w)
    unvalued = [
        UnvaluedItem(
            CoverageItem(
                draw.choice(names),
                "k",
                date(2024, 1, 1) + timedelta(days=draw.randrange(400)),
                draw.choice([TITLE, "Nota 1", "https://n.example.org/<1>"]),
            ),
            f"no rate <{n}> & more",
            "sin tarifa",
            *draw.choice([("", ()), ("no_rate_outlet", (("outlet", draw.choice(names)),))]),
        )
        for n in range(draw.randrange(0, 120))
    ]
    assert str(unvalued_rows_html(unvalued, lang)) == _loop(
        UNVALUED_LOOP, unvalued=unvalued, lang=lang
    )


def _former_week_chart(
    totals: list[tuple[str, int]],
    start: date,
    end: date,
    lang: str,
    *,
    money: bool,
    unit: tuple[str, str] = ("", ""),
) -> BarChart | None:
    filled = continuous(totals, start, end)
    w = words(lang)
    labels = []
    for week, value in filled:
        monday = week_start(week)
        shown = (
            fmt_money(value, lang)
            if money
            else f"{fmt_int(value, lang)} {unit[0] if value == 1 else unit[1]}"
        )
        dates = w["week_of"].format(
            start=fmt_date(monday, lang), end=fmt_date(week_end(monday), lang)
        )
        labels.append(f"{dates}: {shown}")
    axis = [
        f"{d.day:02d}/{d.month:02d}" if lang == "es" else f"{d.month:02d}-{d.day:02d}"
        for d in (week_start(week) for week, _ in filled)
    ]
    return bar_chart(filled, labels, axis=axis, lang=lang, money=money)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("money", [True, False])
def test_week_chart_is_the_former_one(lang: str, money: bool) -> None:
    draw = random.Random(lang + str(money))
    for _ in range(30):
        start = date(2021, 1, 1) + timedelta(days=draw.randrange(1500))
        end = start + timedelta(days=draw.randrange(0, 1900))
        weeks = [iso_week(start + timedelta(weeks=n)) for n in range((end - start).days // 7 + 1)]
        totals = sorted(
            (week, draw.choice([0, 1, 2, draw.randrange(10**9)]))
            for week in draw.sample(weeks, draw.randrange(0, len(weeks) + 1))
        )
        unit = ("mención", "menciones")
        assert routes_coverage._week_chart(
            totals, start, end, lang, money=money, unit=unit
        ) == _former_week_chart(totals, start, end, lang, money=money, unit=unit)


def test_pages_from_memory_on_both_databases(
    any_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver's rows differ (ISO text on SQLite, dates on PostgreSQL, whose change marker is
    the server's snapshot): the pages are the same."""
    from pulso.dashboard import create_app
    from settings import load_settings

    _seed(any_engine, 8)
    _escaping(any_engine)
    _keep(any_engine, True)
    app = create_app(load_settings(), any_engine, today=lambda: FIRST, cache_ttl_s=0)
    with TestClient(app) as client:
        urls = _urls(8, 12)
        kept = [_body(client, url) for url in urls]
        tz = app.state.board.settings.config.tz
        # Held once nothing changes between two requests (on PostgreSQL another test worker's
        # writes move the server's snapshot, the marker: a few tries are allowed).
        assert settles(lambda: kept_press.kept_press(any_engine, tz) is not None)
        assert kept == _read(client, urls, monkeypatch)


def _former_weeks_between(start: date, end: date) -> list[str]:
    if end < start:
        return []
    monday = start - timedelta(days=start.weekday())
    count = (end - monday).days // 7 + 1
    return [iso_week(monday + timedelta(weeks=i)) for i in range(count)]


def test_weeks_between_counts_on_as_the_calendar_does() -> None:
    draw = random.Random(9)
    spans = [
        (date.min, date(1, 12, 31)),
        (date(9990, 1, 1), date.max),
        (date(9999, 12, 27), date.max),
        (date.min, date.min),
        (date(2020, 12, 28), date(2021, 1, 4)),  # out of a 53-week year
        (date(2026, 1, 1), date(2025, 1, 1)),  # backwards: none
    ]
    for _ in range(3_000):
        start = date.fromordinal(draw.randrange(1, date.max.toordinal() - 4_000))
        spans.append((start, start + timedelta(days=draw.randrange(-3, 3_700))))
    for start, end in spans:
        assert weeks_between(start, end) == _former_weeks_between(start, end), (start, end)
