"""A small seeded database and a dashboard client whose 'today' is fixed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from pulso.cli import context
from pulso.dashboard import create_app
from settings import load_settings
from tests.dashboard.seed import seed

TODAY = date(2026, 11, 21)


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    """Ten accounts, two platforms each, a figure every 3 days from 1 Jan 2024."""
    seed(engine, 10, date(2024, 1, 1), (TODAY - date(2024, 1, 1)).days + 1, step=3)
    return engine


@pytest.fixture
def client(
    seeded: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    app = create_app(load_settings(), seeded, today=lambda: TODAY)
    with TestClient(app) as test_client:
        yield test_client
    context.reset()
