"""`pulso demo` end to end, as a user runs it: a fresh process, a folder, a report to open."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sqlalchemy import inspect, select

from pulso.demo.run import bundled
from reports.formatting import fmt_int
from settings.load import parse_config
from storage.db import make_engine, session_factory
from storage.models import CollectionRun, Post
from tests.demo import report_from_recordings as recorded
from tests.reports.render_helpers import soup_of, table_rows

# Logs of what happened (each run, each import), not data: they grow by design.
RUN_LOGS = {"collection_runs", "source_results", "alembic_version"}


def pulso(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pulso", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        names = inspect(connection).get_table_names()
        counts = {
            name: connection.exec_driver_sql(f'SELECT COUNT(*) FROM "{name}"').scalar_one()
            for name in names
        }
    engine.dispose()
    return counts


@dataclass(frozen=True)
class DemoRun:
    tmp_path: Path
    env: dict[str, str]
    out: Path
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    first_reports: Path  # the first run's report folder, copied before the second run


@pytest.fixture(scope="module")
def demo_twice(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`pulso demo` run twice into one folder, as a user would, beside an operator's setup."""
    tmp_path = tmp_path_factory.mktemp("demo")
    operator = tmp_path / "operator"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        {
            "PULSO_DATABASE_URL": f"sqlite:///{operator / 'real.db'}",
            "PULSO_DATA_DIR": str(operator / "data"),
            "PULSO_X_BEARER_TOKEN": "operator-real-secret-token",
            "XDG_CACHE_HOME": str(tmp_path / "cache"),  # the demo's Prefect template, kept here
        }
    )
    out = tmp_path / "pulso-demo"
    # How long this takes is measured by bench/bench_demo.py, never asserted here.
    first = pulso(["demo", "--out", str(out)], tmp_path, env)
    assert first.returncode == 0, first.stderr[-3000:]
    first_reports = tmp_path / "first-reports"
    shutil.copytree(out / "reports", first_reports)
    second = pulso(["demo", "--out", str(out)], tmp_path, env)
    assert second.returncode == 0, second.stderr[-3000:]
    return DemoRun(tmp_path, env, out, first, second, first_reports)


@pytest.mark.slow
def test_demo_runs_offline_twice_adds_nothing_and_growth_answers_from_it(
    demo_twice: DemoRun,
) -> None:
    tmp_path, env, out, first = (
        demo_twice.tmp_path,
        demo_twice.env,
        demo_twice.out,
        demo_twice.first,
    )
    operator = tmp_path / "operator"
    report = next((out / "reports").glob("*-W*/informe-semanal-*-W*.html"))
    assert str(report) in first.stdout
    assert report.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    # The posts' pictures came from the recordings, through the thumbnail code, into the page.
    assert 'src="data:image/png;base64,' in report.read_text(encoding="utf-8")
    # The benchmark: the Instagram peer's week read through Business Discovery; X's peer not
    # read (paid reads off), so its posts are unknown, not zero.
    peers = {row[1]: row[-4:] for row in table_rows(soup_of(report), "peers")}
    assert "sin datos" not in peers["Alcaldía de Bogotá"][:3]
    assert peers["Alcaldía de Medellín"][:3] == ["sin datos"] * 3
    for word in ("Facebook", "X (Twitter)", "seguidores", "Menciones en medios", "Free press"):
        assert word in first.stdout
    assert not (operator / "real.db").exists()
    assert list((tmp_path / "cache").glob("pulso/prefect-*/prefect.db"))
    assert "operator-real-secret-token" not in (out / "demo.db").read_bytes().decode("latin-1")

    url = f"sqlite:///{out / 'demo.db'}"
    engine = make_engine(url)
    # The first run: the earlier nights, the backfill and tonight, every one of them ok; the
    # second (the same day) replays neither the nights nor the backfill it finds stored, and
    # says so: it runs tonight's night only.
    nights = len(list((out / "nights").iterdir()))
    with session_factory(engine)() as session:
        runs = session.execute(
            select(CollectionRun.kind, CollectionRun.status, CollectionRun.flags)
        ).all()
    engine.dispose()
    assert nights >= 6 and {status for _kind, status, _flags in runs} == {"ok"}
    assert [kind for kind, _status, _flags in runs].count("backfill") == 1
    assert len(runs) == nights + 3
    replayed = [
        flags["demo_night"]["night"] for _k, _s, flags in runs if "demo_night" in (flags or {})
    ]
    assert len(replayed) == len(set(replayed)) == nights
    assert sorted(date.fromisoformat(n[:10]).isoformat() for n in replayed) == sorted(
        folder.name for folder in (out / "nights").iterdir()
    )
    assert "Noches anteriores" in first.stdout and "ya guardad" not in first.stdout
    said = demo_twice.second.stdout
    assert f"Noches anteriores: {nights} ({nights} ya guardadas hoy: no se reproducen" in said
    assert "(ya guardado hoy: no se lee de nuevo)" in said

    def backfilled(output: str) -> str:
        line = next(x for x in output.splitlines() if x.startswith("  Historial"))
        return line.split("): ")[1].split(" (")[0]

    assert backfilled(said) == backfilled(first.stdout)  # the posts that run stored

    # A third run, counted around: the data tables do not grow.
    before = table_counts(url)
    third = pulso(["demo", "--out", str(out)], tmp_path, env)
    assert third.returncode == 0, third.stderr[-3000:]
    after = table_counts(url)
    assert {k: v for k, v in after.items() if k not in RUN_LOGS} == {
        k: v for k, v in before.items() if k not in RUN_LOGS
    }
    assert before["follower_snapshots"] > 500 and before["mentions"] > 0
    # Every run, re-runs too, ran tonight's night and the weekly report through its Prefect.
    prefect_db = f"file:{out / 'prefect' / 'prefect.db'}?mode=ro"
    with closing(sqlite3.connect(prefect_db, uri=True)) as db:
        flow_runs = db.execute(
            "SELECT f.name, COUNT(*) FROM flow_run r JOIN flow f ON f.id = r.flow_id"
            " WHERE r.state_type = 'COMPLETED' GROUP BY f.name"
        ).fetchall()
    assert dict(flow_runs) == {"pulso-nightly": 3, "pulso-weekly": 3}

    growth = pulso(["growth", "--format", "json"], tmp_path, {**env, "PULSO_DATABASE_URL": url})
    assert growth.returncode == 0, growth.stderr
    items = json.loads(growth.stdout)
    assert {i["platform"] for i in items} == {
        "facebook",
        "instagram",
        "twitter",
        "youtube",
        "tiktok",
    }
    facebook = next(i for i in items if i["platform"] == "facebook")
    assert facebook["start"] == {"date": "2020-01-01", "followers": 235343}


def week_rows(soup: BeautifulSoup, css_class: str) -> list[list[str]]:
    table = soup.find("table", class_=css_class)
    assert isinstance(table, Tag), css_class
    assert isinstance(table.tbody, Tag)
    return [
        [td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")
    ]


@pytest.mark.slow
def test_the_demo_week_report_shows_the_recorded_reach_live_campaign_and_share(
    demo_twice: DemoRun,
) -> None:
    report = next((demo_twice.out / "reports").glob("*-W*/informe-semanal-*-W*.html"))
    year, week_number = report.parent.name.split("-W")
    monday = date.fromisocalendar(int(year), int(week_number), 1)
    week = [monday + timedelta(days=n) for n in range(7)]
    config = parse_config(bundled("pulso.toml").read_text(encoding="utf-8"), bundled("pulso.toml"))
    soup = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")

    # Reach and views: every day of the week measured, added as recorded night by night.
    daily = recorded.page_day_insights(demo_twice.out, week)
    reach = {row[0]: row for row in week_rows(soup, "reach")}
    facebook, instagram = daily["facebook"], daily["instagram"]
    assert reach["Facebook"][2:4] == [
        fmt_int(facebook["page_total_media_view_unique"]),
        fmt_int(facebook["page_media_view"]),
    ]
    assert reach["Instagram"][2:4] == [fmt_int(instagram["reach"]), fmt_int(instagram["views"])]
    assert reach["Facebook"][-1] == reach["Instagram"][-1] == "7"

    # The week's Facebook Live broadcast: title, start (Cali time), duration, total views.
    title, duration, views = recorded.broadcast(demo_twice.out, week)
    (live,) = week_rows(soup, "live_videos")
    assert live[0] == "Facebook" and live[2] == title
    assert datetime.strptime(live[3], "%d/%m/%Y %H:%M").date() in week
    assert live[4:6] == [duration, views]

    # The campaign: its posts' reach as the week's last night read it, its news mentions.
    campaign = config.campaigns[0]
    terms = [*campaign.terms, *campaign.hashtags]
    (row,) = week_rows(soup, "campaigns")
    assert row[0] == campaign.name and int(row[3]) >= 1
    assert row[5] == fmt_int(recorded.campaign_reach(demo_twice.out, week, terms)) != "0"
    assert row[6] == str(recorded.campaign_mentions(demo_twice.out, week, terms)) != "0"
    assert row[4] != "sin datos"

    # Share of voice per outlet against the [[peers]] terms, from the week's articles.
    peer_terms = [term for peer in config.peers for term in peer.terms]
    expected = recorded.share_rows(demo_twice.out, week, peer_terms)
    shown = {row[0]: row[1:] for row in week_rows(soup, "share_of_voice")}
    assert shown == expected
    assert any(own != "0" and peers != "0" for own, peers, _pct in shown.values())


@pytest.mark.slow
def test_the_demo_backfill_lands_posts_from_before_its_nights(demo_twice: DemoRun) -> None:
    out = demo_twice.out
    first_night = min(date.fromisoformat(folder.name) for folder in (out / "nights").iterdir())
    line = next(x for x in demo_twice.first.stdout.splitlines() if "backfill posts --since" in x)
    since = date.fromisoformat(line.split("--since ")[1].split(")")[0])
    recorded_ids = recorded.backfill_post_ids(out)
    # Every post the recordings hold was read and counted: the 4 of the nights and the older.
    assert f"): {fmt_int(len(recorded_ids))} publicaciones" in line
    engine = make_engine(f"sqlite:///{out / 'demo.db'}")
    with session_factory(engine)() as session:
        stored = session.execute(select(Post.platform_post_id, Post.published_at)).all()
    engine.dispose()
    assert recorded_ids <= {post_id for post_id, _ in stored}
    before = datetime.combine(first_night, datetime.min.time())
    older = [published for _, published in stored if published.replace(tzinfo=None) < before]
    # History from before the demo's first night landed, back to (not before) --since.
    assert len(older) >= 5 * 10 and min(older).date() >= since


@pytest.mark.slow
def test_a_rerun_the_same_day_writes_the_first_runs_report(demo_twice: DemoRun) -> None:
    """The re-run replays nothing already stored, so its report says what the first one did:
    every CSV byte for byte, the HTML but for the minute it was generated (before, a re-run
    replayed the nights again with the counts of a later minute and added its runs to the
    week's "recolecciones")."""
    first = {
        p.relative_to(demo_twice.first_reports): p for p in demo_twice.first_reports.rglob("*")
    }
    again = {
        p.relative_to(demo_twice.out / "reports"): p
        for p in (demo_twice.out / "reports").rglob("*")
    }
    assert sorted(first) == sorted(again)
    csvs = [name for name in first if name.suffix == ".csv"]
    assert len(csvs) > 10
    for name in csvs:
        assert again[name].read_bytes() == first[name].read_bytes(), name

    def without_generated(path: Path) -> str:
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if '<p class="meta">' not in line]
        assert len(kept) == len(lines) - 1
        return "\n".join(kept)

    (html,) = [name for name in first if name.suffix == ".html"]
    assert without_generated(again[html]) == without_generated(first[html])
