"""The weekly flow writes the report of the last complete Bogotá week into the configured folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reports.week import last_complete_week


def test_weekly_flow_writes_last_complete_week_report(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'pulso.db'}")
    (tmp_path / "pulso.toml").write_text(
        f'[report]\nout_dir = "{tmp_path / "informes"}"\nlang = "en"\n', encoding="utf-8"
    )
    from flows.weekly import weekly

    files = weekly()

    week = last_complete_week(datetime.now(UTC), ZoneInfo("America/Bogota"))
    folder = tmp_path / "informes" / week.label
    assert folder / f"weekly-report-{week.label}.html" in [Path(f) for f in files]
    assert week.start.weekday() == 0 and (week.end - week.start).days == 6
    assert (
        "<html" in (folder / f"weekly-report-{week.label}.html").read_text(encoding="utf-8").lower()
    )


def test_a_weekly_run_is_named_by_the_week_it_reports(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.client.orchestration import get_client

    from flows.weekly import weekly

    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'pulso.db'}")

    state = weekly(out_dir=str(tmp_path / "out"), week="2026-W47", return_state=True)

    with get_client(sync_client=True) as client:
        name = client.read_flow_run(state.state_details.flow_run_id).name
    assert state.is_completed() and name == "weekly-2026-W47"
