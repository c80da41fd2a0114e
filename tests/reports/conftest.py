"""The fixture database of known content, and the report built from it."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from reports.model import WeeklyReport
from reports.weekly import build_weekly_report
from settings.model import Config
from tests.reports.seed import NOW, WEEK_START, seed_all

TARGETS = {"facebook": 2200, "twitter": 5000, "instagram": 700, "youtube": 400}
# Display names come from pulso.toml (`name`), else the handle.
ACCOUNTS = [
    {"platform": "facebook", "handle": "AlcaldiaDeCali", "name": "Alcaldía de Cali"},
    {"platform": "twitter", "handle": "AlcaldiaDeCali"},
    {"platform": "instagram", "handle": "alcaldiadecali"},
    {"platform": "youtube", "handle": "AlcaldiaCali"},
    {"platform": "facebook", "handle": "GobValle", "name": "Gobernación del Valle", "own": False},
]


@pytest.fixture
def config() -> Config:
    return Config.model_validate({"targets": TARGETS, "accounts": ACCOUNTS})


@pytest.fixture
def seeded(session: Session) -> Session:
    seed_all(session)
    return session


@pytest.fixture
def report(seeded: Session, config: Config) -> WeeklyReport:
    return build_weekly_report(seeded, week_start=WEEK_START, config=config, now=NOW)


@pytest.fixture
def empty_report(session: Session, config: Config) -> WeeklyReport:
    return build_weekly_report(session, week_start=WEEK_START, config=config, now=NOW)
