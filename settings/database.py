"""Which database Pulso opens: the one rule, read by Settings and by the commands that need
nothing else.

A command that only reads the database (`pulso growth`) asks here instead of building the
whole validated configuration, whose model and pydantic cost it more than its query; Settings
takes its `database_url` from the same function, so the two can never disagree. Nothing here
imports the config model or pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping

from settings.paths import data_dir_from_env

URL_VARIABLE = "PULSO_DATABASE_URL"
PASSWORD_VARIABLE = "PULSO_DATABASE_PASSWORD"  # noqa: S105 - its name, not its value


def secret_from_env(env: Mapping[str, str], variable: str) -> str | None:
    """A secret as Pulso reads every one from the environment: trimmed, blank meaning unset."""
    return env.get(variable, "").strip() or None


def database_password(env: Mapping[str, str]) -> str | None:
    return secret_from_env(env, PASSWORD_VARIABLE)


def database_url(env: Mapping[str, str]) -> str:
    """PULSO_DATABASE_URL (default SQLite under the data directory), with
    PULSO_DATABASE_PASSWORD set into it: a password holding '@', '/' or '#' written raw into a
    URL breaks it, so the operator gives it apart and it is encoded here."""
    url = env.get(URL_VARIABLE) or f"sqlite:///{data_dir_from_env(env) / 'pulso.db'}"
    password = database_password(env)
    if password is None:
        return url
    from sqlalchemy.engine import make_url  # only a URL given a password apart needs parsing

    return make_url(url).set(password=password).render_as_string(hide_password=False)
