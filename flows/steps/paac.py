"""The PAAC follow-up for the CLI: the targets' results, and the files control interno asks
for (the evidence CSV, the workbook)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from reports.answers.paac import TargetResult, evidence, evidence_table, paac, paac_tables
from reports.csv_export import write_csv
from settings import Settings
from storage.db import session_factory


@dataclass
class PaacOutcome:
    results: list[TargetResult]
    files: list[Path] = field(default_factory=list)


def paac_follow_up(
    engine: Engine,
    settings: Settings,
    *,
    year: int,
    out_dir: Path | None,
    xlsx: bool,
    lang: str,
) -> PaacOutcome:
    """The year's results; with `out_dir`, `paac-<year>-evidencia.csv` (and with `xlsx`,
    `paac-<year>.xlsx`: targets, monthly plan and evidence sheets) written there."""
    config = settings.config
    with session_factory(engine)() as session:
        results = paac(session, year=year, targets=config.targets, tz=config.tz)
        found = (
            evidence(session, year=year, targets=config.targets, tz=config.tz) if out_dir else []
        )
    outcome = PaacOutcome(results)
    if out_dir is None:
        return outcome
    out_dir.mkdir(parents=True, exist_ok=True)
    proof = evidence_table(found, config.tz, lang)
    suffix = "evidencia" if lang == "es" else "evidence"
    outcome.files.append(write_csv(proof, out_dir / f"paac-{year}-{suffix}.csv", lang))
    if xlsx:
        from reports.xlsx import write_xlsx  # openpyxl only when a workbook is asked for

        book = out_dir / f"paac-{year}.xlsx"
        outcome.files.append(write_xlsx([*paac_tables(results, lang), proof], book, lang))
    return outcome
