"""Peers beside the office: each peer's week (posts, interactions, engagement rate) by the
office's own rule, next to the office's rate on the same platform; unknown when not read."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from reports.model import WeeklyReport
from reports.weekly import build_weekly_report
from reports.write import write_report_files
from settings.model import Config
from storage.accounts import ensure_account
from tests.reports.conftest import ACCOUNTS, TARGETS
from tests.reports.render_helpers import headers, soup_of, table_rows
from tests.reports.seed import NOW, WEEK_START, _post, _snap, local

PEERS = [
    {"platform": "instagram", "handle": "alcaldiabogota", "own": False},
    {"platform": "twitter", "handle": "AlcaldiaMedellin", "own": False},
]


@pytest.fixture
def with_peers(seeded: Session) -> WeeklyReport:
    # Instagram peer: counts only (its posts never read). X peer: read, nothing new this week
    # (an older post measured on Thursday).
    bogota = ensure_account(seeded, platform="instagram", handle="alcaldiabogota", own=False)
    medellin = ensure_account(seeded, platform="twitter", handle="AlcaldiaMedellin", own=False)
    for day, followers in [(date(2026, 11, 8), 1_530_000), (date(2026, 11, 15), 1_531_000)]:
        _snap(seeded, bogota, day, followers)
        _snap(seeded, medellin, day, followers // 2)
    _post(
        seeded,
        medellin,
        "1780000000000000001",
        local(2026, 10, 30),
        [(date(2026, 11, 12), 9, 1, 0, None)],
    )
    seeded.flush()
    config = Config.model_validate({"targets": TARGETS, "accounts": ACCOUNTS + PEERS})
    return build_weekly_report(seeded, week_start=WEEK_START, config=config, now=NOW)


def by_handle(report: WeeklyReport) -> dict[str, tuple[object, ...]]:
    return {
        e.handle: (e.posts, e.interactions, e.followers, e.engagement_pct, e.office_pct)
        for e in report.peer_engagement
    }


def test_a_peers_week_uses_the_offices_rule_beside_the_offices_rate(with_peers) -> None:
    office = {r.platform: r.engagement_pct for r in with_peers.interactions}
    # GobValle's post: 10.000 reactions ÷ 100.250 followers; the office on Facebook: 286 ÷ 486.513
    assert by_handle(with_peers)["GobValle"] == (
        1,
        10_000,
        100_250,
        Decimal("9.98"),
        Decimal("0.06"),
    )
    assert office["facebook"] == Decimal("0.06")


def test_a_peer_whose_posts_were_not_read_has_no_figures_never_zero(with_peers) -> None:
    assert by_handle(with_peers)["alcaldiabogota"] == (None, None, 1_531_000, None, None)


def test_a_peer_read_without_posts_this_week_has_zero_posts_and_no_rate(with_peers) -> None:
    posts, interactions, _followers, rate, office = by_handle(with_peers)["AlcaldiaMedellin"]
    assert (posts, interactions, rate) == (0, None, None)
    assert office == next(
        r.engagement_pct for r in with_peers.interactions if r.platform == "twitter"
    )


def test_the_benchmark_table_in_html_and_csv(with_peers, tmp_path: Path) -> None:
    html = write_report_files(with_peers, tmp_path, "es", pdf=False).html
    soup = soup_of(html)
    assert headers(soup, "peers")[-4:] == [
        "Publicaciones",
        "Interacciones",
        "Tasa de interacción",
        "Tasa de interacción propia (misma red)",
    ]
    rows = {row[1]: row[-4:] for row in table_rows(soup, "peers")}
    assert rows["Gobernación del Valle"] == ["1", "10.000", "9,98 %", "0,06 %"]
    assert rows["alcaldiabogota"] == ["sin datos", "sin datos", "sin datos", "sin datos"]
    assert "«Sin datos»: no se leyeron sus publicaciones" in html.read_text(encoding="utf-8")
    with (tmp_path / "peers.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0][-1] == "Tasa de interacción propia (misma red)"
    gob = next(row for row in table if row[1] == "Gobernación del Valle")
    assert gob[-4:] == ["1", "10000", "9,98", "0,06"]
