"""Shared fixtures: a migrated SQLite database per test, PostgreSQL when configured.

Alembic runs once per session (per xdist worker): each test gets a copy of a migrated SQLite
file, or a PostgreSQL database cloned from a migrated template. On PostgreSQL every test
process works in databases of its own, named after the URL's database, the xdist worker and
the process id, so parallel workers (and parallel runs on the same server) never collide.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings
from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from tests.pdf_fonts import remember_font_subsets
from tests.scheduling import slow_first

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("PULSO_TEST_POSTGRES_URL")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

# Tests never assert speed (bench/ does): Hypothesis's 200 ms deadline per example only fails
# property tests on a loaded machine or beside parallel workers, so it is off for the suite.
settings.register_profile("pulso", deadline=None)
settings.load_profile("pulso")


def pytest_itemcollected(item: pytest.Item) -> None:
    """Tests that touch PostgreSQL carry the `postgres` marker, so CI can select them."""
    if {"pg_engine", "any_engine"} & set(getattr(item, "fixturenames", ())):
        item.add_marker(pytest.mark.postgres)


@pytest.hookimpl(trylast=True)  # after `-m` and `-k` chose the tests
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist the slow tests start first, spread over the workers."""
    workers = int(getattr(config, "workerinput", {}).get("workercount", 0))
    items[:] = slow_first(items, workers)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Once a test has loaded WeasyPrint, repeated font cuts reuse the first (tests/pdf_fonts.py)."""
    remember_font_subsets()


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the operator's config, database or credentials."""
    for name in list(os.environ):
        if name.startswith("PULSO_") and name != "PULSO_TEST_POSTGRES_URL":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PULSO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PULSO_CONFIG", str(tmp_path / "pulso.toml"))
    (tmp_path / "pulso.toml").write_text('timezone = "America/Bogota"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from pulso.cli import context

    context.reset()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file upgraded from empty to head once per session; tests get copies of it."""
    path = tmp_path_factory.mktemp("migrated") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # the last connection closed: the WAL is checkpointed into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


def copy_migrated_sqlite(template: Path, url: str) -> Engine:
    """The engine of a SQLite database at `url` migrated to head (a copy of `template`)."""
    database = make_url(url).database
    assert database, url
    target = Path(database)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return make_engine(url)


@pytest.fixture
def engine(database_url: str, migrated_sqlite_template: Path) -> Iterator[Engine]:
    engine = copy_migrated_sqlite(migrated_sqlite_template, database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


def _postgres_name(url: URL, suffix: str = "") -> str:
    return f"{url.database}_{WORKER}_{os.getpid()}{suffix}".lower()


def _admin(url: URL) -> psycopg.Connection:
    """An autocommit connection to the URL's own database, to create and drop ours."""
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database,
        autocommit=True,
    )


def _recreate(url: URL, name: str, template: str | None = None) -> Engine:
    with _admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return make_engine(url.set(database=name).render_as_string(hide_password=False))


def _drop_stale(url: URL) -> None:
    """Databases left by test processes that no longer exist (a killed run)."""
    pattern = re.compile(
        rf"^{re.escape(str(url.database).lower())}_(?:main|gw\d+)_(\d+)(?:_tmpl)?$"
    )
    with _admin(url) as admin:
        for (name,) in admin.execute("SELECT datname FROM pg_database").fetchall():
            found = pattern.match(name)
            if not found or int(found.group(1)) == os.getpid():
                continue
            try:
                os.kill(int(found.group(1)), 0)
            except ProcessLookupError:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except PermissionError:
                pass  # alive, someone else's


def _reset_postgres(url: str) -> Engine:
    """This process's PostgreSQL database, empty (no schema at all)."""
    return _recreate(make_url(url), _postgres_name(make_url(url)))


@pytest.fixture(scope="session")
def _postgres_template() -> Iterator[str]:
    """This process's PostgreSQL database upgraded from empty to head, once per session."""
    if not POSTGRES_URL:
        pytest.skip("PULSO_TEST_POSTGRES_URL is not set")
    url = make_url(POSTGRES_URL)
    _drop_stale(url)
    template = _postgres_name(url, "_tmpl")
    engine = _recreate(url, template)
    upgrade(engine)
    engine.dispose()  # a template takes no connections while it is copied
    yield template
    with _admin(url) as admin:
        for name in (template, _postgres_name(url)):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fresh_postgres(template: str) -> Engine:
    assert POSTGRES_URL
    url = make_url(POSTGRES_URL)
    return _recreate(url, _postgres_name(url), template)


@pytest.fixture
def pg_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A freshly migrated PostgreSQL database; skipped when PULSO_TEST_POSTGRES_URL is unset."""
    if not POSTGRES_URL:
        pytest.skip("PULSO_TEST_POSTGRES_URL is not set")
    engine = _fresh_postgres(request.getfixturevalue("_postgres_template"))
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_engine(
    request: pytest.FixtureRequest, database_url: str, migrated_sqlite_template: Path
) -> Iterator[Engine]:
    """Both databases: the SQLite file always, PostgreSQL when configured."""
    if request.param == "sqlite":
        engine = copy_migrated_sqlite(migrated_sqlite_template, database_url)
    else:
        if not POSTGRES_URL:
            pytest.skip("PULSO_TEST_POSTGRES_URL is not set")
        engine = _fresh_postgres(request.getfixturevalue("_postgres_template"))
    yield engine
    engine.dispose()
