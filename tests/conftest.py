"""Shared fixtures: a migrated SQLite database per test, PostgreSQL when configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from storage.db import make_engine, session_factory
from storage.migrate import upgrade

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("PULSO_TEST_POSTGRES_URL")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that touch PostgreSQL carry the `postgres` marker, so CI can select them."""
    for item in items:
        if {"pg_engine", "any_engine"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


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


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


def _reset_postgres(url: str) -> Engine:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    return engine


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """A freshly migrated PostgreSQL database; skipped when PULSO_TEST_POSTGRES_URL is unset."""
    if not POSTGRES_URL:
        pytest.skip("PULSO_TEST_POSTGRES_URL is not set")
    engine = _reset_postgres(POSTGRES_URL)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_engine(request: pytest.FixtureRequest, database_url: str) -> Iterator[Engine]:
    """Both databases: the SQLite file always, PostgreSQL when configured."""
    if request.param == "sqlite":
        engine = make_engine(database_url)
    else:
        if not POSTGRES_URL:
            pytest.skip("PULSO_TEST_POSTGRES_URL is not set")
        engine = _reset_postgres(POSTGRES_URL)
    upgrade(engine)
    yield engine
    engine.dispose()
