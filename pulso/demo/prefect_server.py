"""The demo's Prefect API: started first, so it comes up while the demo prepares its inputs.

Left to itself, Prefect starts its temporary API when the first flow runs: the demo then
waits, idle, for the server process to import Prefect's server and check its database
(about 4 s here), after importing that same server code itself (about 3 s) only to launch
it. Starting the same temporary server (Prefect's app factory under uvicorn, as Prefect
launches it) at the top of the demo overlaps that start with the demo's own work, and with
PREFECT_API_URL pointing at it this process never imports Prefect's server code. The app is
Prefect's, wrapped so that a request SQLite could not write just then is retried after 0.2 s
rather than Prefect's client's 2 s (pulso/demo/prefect_app.py).

Its database lives in the demo's Prefect home (DIR/prefect) and is reused by the next run.
Migrating a new one (Prefect's 100-odd Alembic revisions on SQLite) costs a first run about
10 s of CPU, so it is done once per installed Prefect version: the first demo that migrates a
new database keeps an empty copy of it (`template`) in the user's cache, and a demo into a new
folder starts from a copy of that. A database already at the template's revision starts with
Prefect's migration check off. When Prefect is already imported in this process (its settings
are then fixed), the demo leaves the server to Prefect as before.

`make install` builds that template once (`python -m pulso.demo.prefect_server`: Prefect's own
migrations, on a server started and stopped for it), so even the first demo of an install
starts from a copy; without it, the first demo builds the template as before.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from importlib import metadata
from pathlib import Path
from types import TracebackType

from flows.prefect_env import isolate

STARTUP_TIMEOUT_S = 120.0  # a first run migrates a new database, slow on a busy machine
TEMPLATE_TIMEOUT_S = 600.0  # `make install` waits longer rather than leave the work to the demo
DATABASE = "prefect.db"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "pulso.demo.prefect_app:create_app",  # Prefect's app; a busy answer is retried soon
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]


def server_environment(database: Path, migrate: bool) -> dict[str, str]:
    """Prefect's own temporary server: UI off, only its ephemeral services, no Pulso variables.

    It starts before the demo drops the operator's credentials from its own environment, and
    needs none of Pulso's settings, so none are passed on.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSO_")}
    return {
        **env,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{database}",
        "PREFECT_SERVER_DATABASE_MIGRATE_ON_START": "true" if migrate else "false",
    }


def cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def template() -> Path:
    """Where this Prefect version's migrated, empty database is kept between demo folders."""
    return cache_home() / "pulso" / f"prefect-{metadata.version('prefect')}" / DATABASE


def revision(database: Path) -> str | None:
    """The Alembic revision a Prefect database is at; None if it has none (or is no database)."""
    if not database.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def copy_new(source: Path, target: Path) -> bool:
    """Copy `source` to `target` unless `target` exists (even if another run races us)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    partial = Path(name)
    try:
        shutil.copyfile(source, partial)
        os.link(partial, target)  # atomic, and never replaces a database another run created
    except FileExistsError:
        return False
    finally:
        partial.unlink(missing_ok=True)
    return True


def keep_template(database: Path, kept: Path) -> None:
    """Save an empty copy of a freshly migrated `database` as `kept` (atomically, last wins)."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=kept.parent, prefix=f".{kept.name}.")
    os.close(handle)
    partial = Path(name)
    try:
        with (
            closing(sqlite3.connect(database)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)  # consistent even while the server has it open
            tables = [
                str(name)
                for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if name != "alembic_version" and not str(name).startswith("sqlite_")
            ]
            copy.execute("PRAGMA foreign_keys = OFF")
            for table in tables:  # whatever the server's services wrote at start-up
                copy.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names from the schema
            copy.commit()
            copy.execute("VACUUM")
            copy.execute("PRAGMA journal_mode = DELETE")  # one file; Prefect sets WAL on open
        os.replace(partial, kept)
    finally:
        partial.unlink(missing_ok=True)


def prepare_database(database: Path, kept: Path) -> bool:
    """Give `database` a migrated start when possible; True when it needs no migration check."""
    current = revision(kept)
    if current is None:
        return False
    if not database.exists():
        copy_new(kept, database)
    return revision(database) == current


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:  # noqa: S310 - loopback
            return bool(response.status == 200)
    except OSError:
        return False


class DemoPrefect:
    """`with DemoPrefect(home): ...`: a temporary Prefect API, its database under `home`."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.log = home / "server.log"
        self.database = home / DATABASE
        self.process: subprocess.Popen[bytes] | None = None
        self.api_url: str | None = None
        self.migrates = False

    def start(self) -> None:
        if "prefect" in sys.modules:
            return
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            self.migrates = not prepare_database(self.database, template())
        except OSError:  # an unreadable cache only means Prefect migrates, as it always did
            self.migrates = True
        port = free_port()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                server_command(port),
                env=server_environment(self.database, self.migrates),
                stdout=log,
                stderr=log,
            )
        self.api_url = f"http://127.0.0.1:{port}/api"
        os.environ["PREFECT_API_URL"] = self.api_url

    def wait(self, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        """Block until the API answers; a server that dies or never answers is an error.

        A server that has just migrated its database leaves it, emptied, as the template for
        the next demo folder when the cache has none at its revision.
        """
        if self.process is None or self.api_url is None:
            return
        deadline = time.monotonic() + timeout_s
        while not healthy(self.api_url):
            if self.process.poll() is not None:
                raise RuntimeError(f"the demo's Prefect server stopped; see {self.log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the demo's Prefect server did not start; see {self.log}")
            time.sleep(0.02)
        if self.migrates:
            self.migrates = False
            kept = template()
            if revision(kept) != revision(self.database):
                try:
                    keep_template(self.database, kept)
                except (OSError, sqlite3.Error):
                    pass  # a cache: without it the next new folder migrates, nothing else

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        os.environ.pop("PREFECT_API_URL", None)

    def __enter__(self) -> DemoPrefect:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def build_template() -> Path | None:
    """Migrate a new Prefect database once and keep it as the template; None if that failed.

    Nothing to do when the cache already holds a template. Prefect's own server migrates it,
    exactly as the first demo would, in a temporary home removed afterwards.
    """
    if revision(template()) is not None:
        return template()
    with tempfile.TemporaryDirectory(prefix="pulso-prefect-template-") as home:
        isolate(home)
        with DemoPrefect(Path(home) / "prefect") as prefect:
            prefect.wait(TEMPLATE_TIMEOUT_S)  # keeps the migrated database as the template
    return template() if revision(template()) is not None else None


def main() -> int:
    kept = build_template()
    if kept is None:
        print("the demo's Prefect template could not be kept; the first demo will migrate")
        return 1
    print(f"the demo's Prefect template: {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
