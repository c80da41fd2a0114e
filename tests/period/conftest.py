"""A CLI environment over the period fixture database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pulso.cli import context
from storage.db import session_factory
from tests.conftest import copy_migrated_sqlite
from tests.period.seed import seed_period


@pytest.fixture
def period_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite_template: Path
) -> Iterator[Path]:
    url = f"sqlite:///{tmp_path / 'period.db'}"
    monkeypatch.setenv("PULSO_DATABASE_URL", url)
    (tmp_path / "pulso.toml").write_text(
        'timezone = "America/Bogota"\n[targets]\nfacebook = 2200\ninstagram = 700\n',
        encoding="utf-8",
    )
    engine = copy_migrated_sqlite(migrated_sqlite_template, url)
    with session_factory(engine)() as session:
        seed_period(session)
    engine.dispose()
    context.reset()
    yield tmp_path
    context.reset()
