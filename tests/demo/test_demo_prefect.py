"""The demo's Prefect API: started at once in the demo's Prefect home, stopped with the demo,
its database migrated once per Prefect version and reused by the next demo folder."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from pulso.demo.prefect_server import copy_new, keep_template, prepare_database, revision

SCRIPT = """
import json, sys
from pathlib import Path
from flows.prefect_env import isolate
from pulso.demo.prefect_server import DemoPrefect, healthy

out = Path(sys.argv[1])
isolate(out)
with DemoPrefect(out / "prefect") as prefect:
    migrates = prefect.migrates
    prefect.wait()
    during = healthy(prefect.api_url)
    url = prefect.api_url
print(json.dumps({"during": during, "after": healthy(url), "url": url, "migrates": migrates,
                  "prefect_imported_here": "prefect" in sys.modules}))
"""
PLAIN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}


def serve(out: Path, cache: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(out)],
        capture_output=True,
        text=True,
        check=True,
        env={**PLAIN_ENV, "XDG_CACHE_HOME": str(cache)},
    )
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def database(path: Path, version: str, rows: int = 0) -> Path:
    """A stand-in for a Prefect database: its Alembic revision and a table with `rows` rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        db.execute("INSERT INTO alembic_version VALUES (?)", (version,))
        db.execute("CREATE TABLE flow_run (id INTEGER PRIMARY KEY, name TEXT)")
        db.executemany("INSERT INTO flow_run (name) VALUES (?)", [(f"r{i}",) for i in range(rows)])
        db.commit()
    return path


def test_the_demo_prefect_migrates_once_then_new_folders_start_from_the_template(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    first = serve(tmp_path / "a", cache)
    assert first["during"] and not first["after"]
    assert str(first["url"]).startswith("http://127.0.0.1:")
    assert not first["prefect_imported_here"]  # the server's code runs in the server process only
    assert first["migrates"]  # nothing cached yet: Prefect migrates a new database
    migrated = tmp_path / "a" / "prefect" / "prefect.db"
    kept = next(cache.glob("pulso/prefect-*/prefect.db"))
    assert revision(kept) == revision(migrated) is not None

    second = serve(tmp_path / "b", cache)  # a new folder: a copy of the template, no migration
    assert second["during"] and not second["after"] and not second["migrates"]
    assert revision(tmp_path / "b" / "prefect" / "prefect.db") == revision(kept)
    again = serve(tmp_path / "b", cache)  # the same folder again: its own database, reused
    assert again["during"] and not again["migrates"]


def test_a_template_is_copied_only_into_a_folder_without_a_database(tmp_path: Path) -> None:
    kept = tmp_path / "cache" / "prefect.db"
    target = tmp_path / "demo" / "prefect.db"
    assert not prepare_database(target, kept)  # no template: Prefect migrates, as before
    assert not target.exists()

    database(kept, "rev-2")
    assert prepare_database(target, kept)
    assert revision(target) == "rev-2"

    older = database(tmp_path / "old" / "prefect.db", "rev-1", rows=3)
    assert not prepare_database(older, kept)  # another revision: left to Prefect's migration
    assert revision(older) == "rev-1"
    assert not copy_new(kept, older)  # never replaces a database that exists


def test_the_template_keeps_the_schema_and_revision_without_rows(tmp_path: Path) -> None:
    used = database(tmp_path / "used" / "prefect.db", "rev-2", rows=5)
    kept = tmp_path / "cache" / "prefect.db"
    keep_template(used, kept)
    with closing(sqlite3.connect(kept)) as db:
        assert db.execute("SELECT COUNT(*) FROM flow_run").fetchone() == (0,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert revision(kept) == "rev-2"
    assert sorted(p.name for p in kept.parent.iterdir()) == ["prefect.db"]  # no stray files
    with closing(sqlite3.connect(used)) as db:  # the folder's own database is untouched
        assert db.execute("SELECT COUNT(*) FROM flow_run").fetchone() == (5,)


def test_the_demo_can_start_its_server_before_importing_sqlalchemy_or_prefect() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pulso.cli.demo_cmd, pulso.demo.run; "
            "print(sorted({'sqlalchemy', 'prefect', 'settings.load'} & set(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_the_install_step_keeps_a_template_once_and_then_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pulso.demo import prefect_server

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(prefect_server, "isolate", lambda home: None)  # this process's env
    started: list[Path] = []

    class Migrating:  # stands in for the server: migrating a new database keeps the template
        def __init__(self, home: Path) -> None:
            started.append(home)

        def __enter__(self) -> Migrating:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def wait(self, timeout_s: float) -> None:
            assert timeout_s >= prefect_server.STARTUP_TIMEOUT_S
            database(prefect_server.template(), "rev-9")

    monkeypatch.setattr(prefect_server, "DemoPrefect", Migrating)
    assert prefect_server.main() == 0
    kept = prefect_server.template()
    assert revision(kept) == "rev-9" and len(started) == 1
    assert not started[0].exists()  # its temporary home is gone

    assert prefect_server.build_template() == kept  # already there: no server started again
    assert len(started) == 1


def test_the_install_step_says_when_no_template_could_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pulso.demo import prefect_server

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(prefect_server, "isolate", lambda home: None)

    class Failing:  # a server that answered but whose database could not be kept
        def __init__(self, home: Path) -> None:
            pass

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def wait(self, timeout_s: float) -> None:
            pass

    monkeypatch.setattr(prefect_server, "DemoPrefect", Failing)
    assert prefect_server.main() == 1
    assert "first demo will migrate" in capsys.readouterr().out
