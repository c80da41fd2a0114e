"""`pulso report weekly` on the fixture database: files where the office expects them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.steps.weekly import weekly_report
from pulso.cli import context
from pulso.cli.app import main
from pulso.dashboard.reports_files import list_reports
from reports.week import parse_iso_week
from settings import load_settings
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from tests.reports.render_helpers import soup_of
from tests.reports.seed import seed_all


@pytest.fixture
def seeded_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PULSO_DATABASE_URL", url)
    (tmp_path / "pulso.toml").write_text(
        'timezone = "America/Bogota"\n[targets]\nfacebook = 2200\ntwitter = 5000\n',
        encoding="utf-8",
    )
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine)() as session:
        seed_all(session)
    engine.dispose()
    context.reset()
    yield tmp_path
    context.reset()


def test_weekly_report_goes_to_the_data_dir_by_week(seeded_cli: Path, capsys) -> None:
    assert main(["report", "weekly", "--week", "2026-W46"]) == 0
    folder = seeded_cli / "data" / "reports" / "2026-W46"
    printed = capsys.readouterr().out.split()
    assert str(folder / "report.html") in printed and str(folder / "report.xlsx") in printed
    assert (folder / "followers.csv").exists()
    soup = soup_of(folder / "report.html")
    assert soup.html is not None and soup.html["lang"] == "es"
    assert "$42.475.000" in soup.get_text()


def test_end_date_picks_its_week_and_lang_en(seeded_cli: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["report", "weekly", "--end", "15/11/2026", "--out", str(out), "--lang", "en"]) == 0
    text = soup_of(out / "2026-W46" / "report.html").get_text(" ")
    assert "2026-W46" in text and "$42,475,000" in text


def test_out_is_the_reports_folder_as_for_the_weekly_flow(
    seeded_cli: Path, tmp_path: Path, capsys
) -> None:
    """`--out DIR` means what the weekly flow's out_dir means: the week's files go into
    DIR/YYYY-Www, so a folder the dashboard lists keeps one subfolder per week."""
    out = tmp_path / "reports"
    assert main(["report", "weekly", "--week", "2026-W45", "--out", str(out)]) == 0
    assert main(["report", "weekly", "--week", "2026-W46", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert str(out / "2026-W46" / "report.html") in printed
    assert sorted(p.name for p in out.iterdir()) == ["2026-W45", "2026-W46"]
    assert not (out / "report.html").exists()
    assert [w.week for w in list_reports(out)] == ["2026-W46", "2026-W45"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-46"], "--week: '2026-46' is not an ISO week"),
        (["--week", "2026-W46", "--end", "2026-11-15"], "give only one"),
        (["--end", "31/02/2026"], "--end:"),
        (["--lang", "fr"], "--lang: unknown language 'fr'"),
    ],
)
def test_bad_flags_exit_2_with_the_reason(
    seeded_cli: Path, capsys, args: list[str], message: str
) -> None:
    assert main(["report", "weekly", *args]) == 2
    assert message in capsys.readouterr().err


def test_the_weekly_step_without_pulso_toml_says_so_in_the_report_and_the_log(
    seeded_cli: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The scheduled flow has no CLI to refuse a missing pulso.toml: the report says it."""
    (seeded_cli / "pulso.toml").unlink()
    monkeypatch.chdir(seeded_cli)
    env = {"PULSO_DATABASE_URL": f"sqlite:///{seeded_cli / 'cli.db'}", "PULSO_DATA_DIR": "data"}
    settings = load_settings(env)
    engine = make_engine(settings.database_url)

    written = weekly_report(engine, settings, week=parse_iso_week("2026-W46"))

    engine.dispose()
    assert "sin archivo de configuración" in caplog.text
    notices = soup_of(written.directory / "report.html").select("#notices li")
    assert notices and "sin archivo de configuración" in notices[0].get_text()


def test_a_config_without_accounts_is_named_on_stderr(seeded_cli: Path, capsys) -> None:
    assert main(["report", "weekly", "--week", "2026-W46"]) == 0

    assert "no tiene cuentas ([[accounts]] en pulso.toml)" in capsys.readouterr().err
