"""The dashboard as each of uvicorn's worker processes builds it: from the environment.

`pulso dashboard --workers N` (N > 1; default 2, README says why) serves with several processes
so that pages can be answered on every core: one Python process answers one request at a time. Each worker is a fresh interpreter that imports
`app_from_environment`; the command has already checked the settings and the login and
upgraded the database, and says whether a login is required in `LOGIN_ENV`.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from collectors.errors import register_secret
from pulso.dashboard.app import create_app
from settings import load_settings
from storage.db import make_engine

FACTORY = "pulso.dashboard.served:app_from_environment"
LOGIN_ENV = "PULSO_DASHBOARD_REQUIRE_LOGIN"  # set by `pulso dashboard` for its workers


def app_from_environment() -> FastAPI:
    """One worker's app: the same settings, database and login as the command that started it."""
    loaded = load_settings()
    for secret in loaded.secrets.all_values():
        register_secret(secret)
    login = os.environ.get(LOGIN_ENV, "1") != "0"  # unset: the safe side
    return create_app(loaded, make_engine(loaded.database_url), require_login=login)
