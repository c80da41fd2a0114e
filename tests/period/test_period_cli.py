"""`pulso report period`: the accountability numbers of any period, as files or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pulso.cli.app import main
from tests.reports.render_helpers import soup_of


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["report", "period", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_2021_report_period_gives_instagrams_real_new_followers(period_cli, capsys) -> None:
    data = _json(capsys, "--from", "2020-01-01", "--to", "30/09/2021")
    assert (data["from"], data["to"]) == ("2020-01-01", "2021-09-30")
    ig = next(g for g in data["followers"] if g["platform"] == "instagram")
    assert ig == {
        "platform": "instagram",
        "account": "alcaldiadecali",
        "start": {"date": "2020-01-01", "followers": 80000},
        "end": {"date": "2021-09-30", "followers": 183900},
        "change": 103900,
        "change_pct": 129.88,
    }
    assert [g["platform"] for g in data["followers"]] == ["facebook", "instagram"]
    assert [g["account"] for g in data["peers"]] == ["GobValle"]


def test_json_counts_news_free_press_and_activity_of_the_period(period_cli, capsys) -> None:
    data = _json(capsys, "--from", "2020-01-01", "--to", "2021-09-30")
    # 7 mentions over 639 days = 91,29 weeks -> 0,1 a week; each article its own story.
    assert data["news"] == {"items": 7, "items_per_week": 0.1, "stories": 7}
    fp = data["free_press"]
    assert (fp["total_before_iva"], fp["iva"], fp["total_with_iva"]) == (
        38_415_000,
        7_298_850,
        45_713_850,
    )
    assert fp["clips"] == 5 and fp["airtime_s"] == 591
    fb = next(a for a in data["activity"] if a["platform"] == "facebook")
    # fb-1 100 + fb-2 300 + fb-3 1.000; fb-4 (October 2021) is after the period.
    assert (fb["posts"], fb["interactions"]) == (3, 1400)
    assert {a["account"] for a in data["activity"]} == {"AlcaldiaDeCali", "alcaldiadecali"}


def test_targets_cover_each_year_the_period_touches(period_cli, capsys) -> None:
    data = _json(capsys, "--from", "2020-01-01", "--to", "2021-09-30")
    rows = {(t["year"], t["platform"]): t for t in data["targets"]}
    assert set(rows) == {(2020, "facebook"), (2020, "instagram")} | {
        (2021, "facebook"),
        (2021, "instagram"),
    }
    fb20, fb21 = rows[(2020, "facebook")], rows[(2021, "facebook")]
    assert (fb20["achieved"], fb20["as_of"], fb20["pace_needed_per_week"]) == (
        2,
        "2020-12-31",
        None,
    )
    # 2021 counted to 30 September: 1 post; the plan, even months without [targets.monthly],
    # reaches 2.200 × 9 / 12 = 1.650 by then.
    assert (fb21["achieved"], fb21["as_of"], fb21["expected"]) == (1, "2021-09-30", 1650)
    # 2.199 still needed over the 92 days left: 2.199 × 7 / 92 = 167,3 a week.
    assert fb21["pace_needed_per_week"] == 167.3


def test_months_add_up_to_the_period(period_cli, capsys) -> None:
    data = _json(capsys, "--from", "2021-01-01", "--to", "2021-09-30")
    ig = [m for m in data["months"] if m["platform"] == "instagram"]
    assert [m["month"] for m in ig] == [f"2021-{n:02d}" for n in range(1, 10)]
    assert sum(m["change"] or 0 for m in ig) == 103_900
    june = next(m for m in ig if m["month"] == "2021-06")
    assert june["change"] == 70_000  # 80.000 (held since 1 Jan 2020) -> 150.000 on 30 June


def test_quality_names_failed_nights_and_days_without_a_figure(period_cli, capsys) -> None:
    data = _json(capsys, "--semester", "2021-S2")
    q = data["quality"]
    assert (q["days"], q["nights_run"], q["nights_without_run"]) == (184, 2, 182)
    assert q["failed_nights"] == [{"date": "2021-09-30", "status": "partial", "failed_sources": 1}]
    # Instagram has one figure in the semester (30 Sep): 183 days without.
    assert {"platform": "instagram", "account": "alcaldiadecali", "days": 183} in q["missing_days"]


def test_files_go_to_a_folder_named_by_the_period(period_cli: Path, capsys) -> None:
    assert main(["report", "period", "--year", "2020"]) == 0
    folder = period_cli / "data" / "reports" / "2020"
    printed = capsys.readouterr().out.split()
    assert printed[0] == str(folder / "informe-periodo-2020.html")
    assert str(folder / "informe-periodo-2020.xlsx") in printed
    assert (folder / "period_followers.csv").exists()
    text = soup_of(folder / "informe-periodo-2020.html").get_text()
    assert "$38.415.000" in text and "$45.713.850" in text
    assert "Informe del periodo" in text and "01/01/2020 – 31/12/2020" in text
    # Mentions on El País, which has no rate card: counted per outlet, in the office's words.
    assert "no hay tarifario del medio 'El País'" in text and "no rate card" not in text
    book = load_workbook(folder / "informe-periodo-2020.xlsx", read_only=True)
    assert "Seguidores por mes" in book.sheetnames


def test_scraped_text_is_escaped_and_english_available(period_cli: Path) -> None:
    out = period_cli / "out"
    assert (
        main(["report", "period", "--semester", "2021-S2", "--out", str(out), "--lang", "en"]) == 0
    )
    html = (out / "2021-S2" / "period-report-2021-S2.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Period report" in html and "Best posts of the period" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2020-01-01"], "--to is missing"),
        (["--to", "2020-01-01"], "--from is missing"),
        ([], "--from is missing"),
        (["--from", "2021-02-01", "--to", "2021-01-01"], "--from 2021-02-01 is after --to"),
        (["--from", "31/02/2021", "--to", "2021-03-01"], "--from: '31/02/2021' is not a real date"),
        (["--semester", "2021-S3"], "--semester: '2021-S3' is not a semester"),
        (["--from", "0202-01-01", "--to", "2021-12-31"], "covers at most 20 years"),
        (["--year", "21"], "--year: '21' is not a year"),
        (["--year", "2021", "--semester", "2021-S1"], "name the period twice"),
        (["--year", "2021", "--from", "2021-01-01"], "name the period twice"),
        (["--year", "2021", "--lang", "fr"], "--lang: unknown language 'fr'"),
        (["--year", "2021", "--send", "--format", "json"], "does not go with --format json"),
        (["--year", "2021", "--format", "pdf"], "--format"),
    ],
)
def test_bad_period_options_exit_2_with_the_reason(
    period_cli: Path, capsys, args: list[str], message: str
) -> None:
    assert main(["report", "period", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_empty_database_says_so_and_never_prints_zero_followers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["report", "period", "--semester", "2021-S1", "--out", str(tmp_path / "r")]) == 0
    html = (tmp_path / "r" / "2021-S1" / "informe-periodo-2021-S1.html").read_text(encoding="utf-8")
    assert "No hay datos para este periodo" in html
    capsys.readouterr()
    assert main(["report", "period", "--semester", "2021-S1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["followers"] == [] and data["free_press"]["total_before_iva"] is None
    assert data["news"] == {"items": 0, "items_per_week": 0, "stories": 0}


def test_peers_engagement_over_the_period_beside_the_offices_rate(period_cli, capsys) -> None:
    data = _json(capsys, "--from", "2020-01-01", "--to", "2021-09-30")
    [peer] = data["peers"]
    # GobValle: 9.999 interactions ÷ 12.000 followers; the office on Facebook: 1.400 ÷ 486.513
    assert (peer["posts"], peer["interactions"]) == (1, 9_999)
    assert (peer["engagement_rate"], peer["office_engagement_rate"]) == (83.33, 0.29)


def test_a_peer_whose_posts_were_not_read_in_the_period_has_nulls_not_zeros(
    period_cli, capsys
) -> None:
    [peer] = _json(capsys, "--semester", "2021-S2")["peers"]
    assert [peer[k] for k in ("posts", "interactions", "engagement_rate")] == [None] * 3
