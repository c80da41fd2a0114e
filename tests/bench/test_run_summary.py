"""`make bench`'s closing table: what each recorded target line becomes (no speed asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.common import TARGETS_ENV, record_target
from bench.run import TARGETS, read_records, summary_rows


def _record(target: str, measured: float, limit: float, base: float | None, **extra: object):
    return {
        "target": target,
        "measured": measured,
        "limit": limit,
        "unit": "ms",
        "baseline": "GROUP BY",
        "baseline_value": base,
        "full_size": True,
        "load": 1.5,
        "bench": "bench_storage.py",
    } | extra


def _row(rows: list[list[str]], name: str) -> list[str]:
    [row] = [r for r in rows if r[0] == name]
    return row


def test_every_issue_17_target_has_a_row_even_when_nothing_was_recorded() -> None:
    rows = summary_rows([])
    assert [r[0] for r in rows] == [name for name, _ in TARGETS]
    assert _row(rows, "growth 7.3M snapshots, PostgreSQL")[1] == (
        "not run: set PULSO_BENCH_POSTGRES_URL"
    )
    assert _row(rows, "pulso demo, re-run")[1] == "not recorded by bench_demo.py"
    assert _row(rows, "make test")[1].startswith("not run here")


def test_a_failed_bench_is_named_in_its_targets_rows() -> None:
    rows = summary_rows([], failed=["bench_cli.py"])
    assert _row(rows, "pulso --help, p95")[1] == "not run: bench_cli.py failed"


def test_met_ratio_and_load_come_from_the_recorded_figures() -> None:
    rows = summary_rows(
        [
            _record("growth 7.3M snapshots, SQLite", 40.0, 100, 2000.0),
            _record("growth 7.3M snapshots, PostgreSQL", 125.0, 100, 250.0, load=7.25),
        ]
    )
    assert _row(rows, "growth 7.3M snapshots, SQLite") == [
        "growth 7.3M snapshots, SQLite",
        "40.0 ms",
        "< 100 ms",
        "yes",
        "GROUP BY",
        "2,000.0 ms",
        "50.00x",
        "1.50",
    ]
    postgres = _row(rows, "growth 7.3M snapshots, PostgreSQL")
    assert (postgres[3], postgres[6], postgres[7]) == ("NO", "2.00x", "7.25")


def test_a_smaller_run_is_shown_but_not_judged_and_the_last_record_wins() -> None:
    rows = summary_rows(
        [
            _record("growth 7.3M snapshots, SQLite", 500.0, 100, None),
            _record("growth 7.3M snapshots, SQLite", 5.0, 100, None, full_size=False),
        ]
    )
    row = _row(rows, "growth 7.3M snapshots, SQLite")
    assert (row[1], row[3], row[6]) == ("5.0 ms", "- (smaller run)", "-")


def test_a_target_outside_the_list_is_appended() -> None:
    rows = summary_rows([_record("something new", 1.0, 2, 4.0)])
    assert rows[-1][:4] == ["something new", "1.0 ms", "< 2 ms", "yes"]


def test_record_target_appends_one_json_line_and_is_a_no_op_without_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TARGETS_ENV, raising=False)
    record_target("t", 1.0, 2.0, "s", "b", 3.0)  # nowhere to write: nothing happens
    path = tmp_path / "targets.jsonl"
    monkeypatch.setenv(TARGETS_ENV, str(path))
    record_target("t", 1.0, 2.0, "s", "b", 3.0)
    record_target("u", 5.0, 2.0, "MB", "b", None, full_size=False)
    first, second = read_records(path)
    assert (first["target"], first["measured"], first["baseline_value"]) == ("t", 1.0, 3.0)
    assert (second["unit"], second["full_size"]) == ("MB", False)
    assert json.loads(path.read_text().splitlines()[0])["limit"] == 2.0
