"""`pulso demo`: the whole pipeline offline, on bundled data, in a folder of its own.

Prepares DIR (config, generated inputs, recordings), imports the history, rate card and clip
log, runs the nightly flow and the weekly report flow through Prefect (a private temporary
Prefect API under DIR, never the operator's), and summarises what landed. Nothing outside DIR
is read or written: not the operator's database, config, credentials or Prefect server. The one
exception is a cache: an empty, migrated Prefect database per Prefect version in the user's
cache folder, copied into new demo folders (pulso/demo/prefect_server.py).
"""

from __future__ import annotations

import gc
import importlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.prefect_env import isolate
from pulso.demo.prefect_server import DemoPrefect

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pulso.demo.nights import Past

# SQLAlchemy, settings and storage are imported in the functions that use them: the demo's
# Prefect server starts first and comes up while this process imports them.

BUNDLED = ("pulso.toml", "history.csv", "rates.csv", "clips_2020.csv", "logo.svg")
# Modules the flows import on first use (Prefect's flow and task engines, the FastAPI encoder
# Prefect serializes flow parameters with, the PDF's WeasyPrint with its fonts and images):
# imported while the demo waits for its Prefect server.
WARM_UP = (
    "prefect.flow_engine",
    "prefect.task_engine",
    "prefect.utilities.visualization",
    "fastapi.encoders",
    "weasyprint",
)


@dataclass
class DemoPaths:
    out: Path

    @property
    def database(self) -> Path:
        return self.out / "demo.db"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    @property
    def config(self) -> Path:
        return self.out / "pulso.toml"

    @property
    def inputs(self) -> Path:
        return self.out / "inputs"

    @property
    def replay(self) -> Path:
        return self.out / "replay"

    @property
    def reports(self) -> Path:
        return self.out / "reports"


@dataclass
class DemoResult:
    paths: DemoPaths
    night: dict[str, Any]
    night_state: str
    report_files: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    past: Past | None = None  # the earlier nights and the backfill replayed before tonight


def bundled(name: str) -> Path:
    return Path(str(resources.files("pulso.demo").joinpath(name)))


def use_demo_environment(paths: DemoPaths) -> None:
    """Point this process at DIR only: its config, its database, no credentials, its Prefect."""
    from settings.secret_env import SECRET_ENV

    for variable in SECRET_ENV.values():
        os.environ.pop(variable, None)
    os.environ["PULSO_CONFIG"] = str(paths.config)
    os.environ["PULSO_DATABASE_URL"] = paths.database_url
    os.environ["PULSO_DATA_DIR"] = str(paths.out / "data")
    # The demo replays as a staging install does: through the setting, not a flow argument.
    os.environ["PULSO_REPLAY_DIR"] = str(paths.replay)


def prepare(paths: DemoPaths, now: datetime) -> list[tuple[str, Path]]:
    """Copy the bundled files, generate today's inputs and recordings; the files to import."""
    from pulso.demo import generate

    paths.inputs.mkdir(parents=True, exist_ok=True)
    for name in BUNDLED:
        target = paths.config if name == "pulso.toml" else paths.inputs / name
        shutil.copyfile(bundled(name), target)
    today = generate.today_in_bogota(now)
    generate.write_replay(paths.replay, now, "v25.0")
    return [
        ("followers", paths.inputs / "history.csv"),
        ("followers", generate.write_history(paths.inputs / "recent_followers.csv", today)),
        ("rates", paths.inputs / "rates.csv"),
        ("clips", paths.inputs / "clips_2020.csv"),
        ("clips", generate.write_clips(paths.inputs / "recent_clips.csv", today)),
    ]


def already_imported(engine: Engine, kind: str, path: Path) -> bool:
    """The same file imported before: importing again would only log another batch."""
    import hashlib

    from sqlalchemy import select

    from storage.db import session_factory
    from storage.models import ImportBatch

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with session_factory(engine)() as session:
        found = session.scalars(
            select(ImportBatch.id).where(ImportBatch.kind == kind, ImportBatch.sha256 == digest)
        ).first()
    return found is not None


def import_inputs(engine: Engine, files: list[tuple[str, Path]]) -> None:
    from flows.steps.followers import import_followers
    from flows.steps.valuation import import_clips, import_rates

    importers: dict[str, Callable[[Engine, Path], Any]] = {
        "followers": import_followers,
        "rates": import_rates,
        "clips": import_clips,
    }
    for kind, path in files:
        if not already_imported(engine, kind, path):
            importers[kind](engine, path)


def warm_up() -> None:
    """Import now what the flows would import on their first use (same work, done earlier)."""
    for name in WARM_UP:
        try:
            importlib.import_module(name)
        except (ImportError, OSError):  # e.g. WeasyPrint without Pango: the flow reports it
            continue


def run_flows(paths: DemoPaths, prefect: DemoPrefect) -> tuple[str, dict[str, Any], list[str]]:
    """The nightly flow on the recordings, then the weekly report flow, through Prefect."""
    from flows.nightly import night_of, nightly  # first: it sets Prefect's environment
    from flows.weekly import weekly

    warm_up()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    # Everything imported so far lives as long as the process: out of the cycle collector's
    # sight, its full collections during the flows walk only what the flows allocate.
    gc.freeze()
    gc.enable()  # for the flows' own garbage

    prefect.wait()
    # No heartbeats: they tell a server that a long run's process is still alive (one every
    # 180 s); the demo's runs last seconds, on a server that stops with them, and ending a
    # run waited up to 1 s for the heartbeat thread's sleep.
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        state = nightly(kind="demo", return_state=True)
        files = weekly(out_dir=str(paths.reports))
    return str(state.name), night_of(state), files


def run_demo(out: Path, now: datetime | None = None) -> DemoResult:
    """The whole pipeline on bundled data into `out`; safe to run again (adds nothing)."""
    # Python's cycle collector is off until the flows start (run_flows freezes what was
    # imported by then): the imports and preparation before them allocate mostly objects that
    # live as long as the process, and its full collections found next to nothing to free
    # (a second of CPU per run).
    gc.disable()
    try:
        return run_pipeline(out, now)
    finally:
        gc.enable()


def run_pipeline(out: Path, now: datetime | None) -> DemoResult:
    paths = DemoPaths(out.resolve())
    paths.out.mkdir(parents=True, exist_ok=True)
    isolate(paths.out)
    now = now or datetime.now(UTC)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with DemoPrefect(paths.out / "prefect") as prefect:  # first: it starts while we prepare
        use_demo_environment(paths)
        from storage.db import make_engine
        from storage.revision import known_current

        files = prepare(paths, now)
        engine = make_engine(paths.database_url)
        try:
            if not known_current(engine):  # a re-run skips Alembic's import and checks
                from storage.migrate import upgrade

                upgrade(engine)
            import_inputs(engine, files)
            from pulso.demo.nights import replay_past

            replayed = time.perf_counter()
            past = replay_past(engine, paths.out, now)
            timings["past"] = time.perf_counter() - replayed
        finally:
            engine.dispose()
        timings["prepare"] = time.perf_counter() - started
        state, night, report_files = run_flows(paths, prefect)
    timings["flows"] = time.perf_counter() - started - timings["prepare"]
    return DemoResult(paths, night, state, report_files, timings, past)
