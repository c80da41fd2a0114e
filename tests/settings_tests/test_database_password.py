"""A database password with URL-breaking characters is given apart and encoded by Pulso."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from collectors.errors import redact
from pulso.cli import context
from settings import load_settings

HOSTILE = "p@ss/w:rd#?%1"


def test_a_password_with_url_characters_reaches_the_driver_intact() -> None:
    settings = load_settings(
        {
            "PULSO_DATABASE_URL": "postgresql+psycopg://pulso@db.internal:5432/pulso",
            "PULSO_DATABASE_PASSWORD": HOSTILE,
        }
    )

    url = make_url(settings.database_url)
    assert url.password == HOSTILE
    assert (url.host, url.port, url.database, url.username) == (
        "db.internal",
        5432,
        "pulso",
        "pulso",
    )


def test_the_password_is_a_secret_redacted_like_the_tokens() -> None:
    settings = load_settings({"PULSO_DATABASE_PASSWORD": HOSTILE})

    assert HOSTILE in settings.secrets.all_values()
    assert HOSTILE not in repr(settings.secrets)


def test_without_it_the_url_is_used_as_given() -> None:
    given = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

    assert load_settings({"PULSO_DATABASE_URL": given}).database_url == given


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"PULSO_DATA_DIR": "/srv/pulso"},
        {"PULSO_DATABASE_URL": "sqlite:////var/lib/pulso/p.db", "PULSO_DATA_DIR": "/srv"},
        {
            "PULSO_DATABASE_URL": "postgresql+psycopg://pulso@db.internal:5432/pulso",
            "PULSO_DATABASE_PASSWORD": HOSTILE,
        },
        {"PULSO_DATABASE_URL": "postgresql://pulso@db/pulso", "PULSO_DATABASE_PASSWORD": "  "},
    ],
)
def test_a_command_reading_only_the_database_opens_the_one_settings_names(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pulso growth` asks settings/database.py, not the settings: the same answer."""
    for name in ("PULSO_DATABASE_URL", "PULSO_DATABASE_PASSWORD", "PULSO_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    context.reset()
    try:
        assert context.database_url() == load_settings().database_url
    finally:
        context.reset()


def test_its_password_is_redacted_without_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULSO_DATABASE_URL", "postgresql+psycopg://pulso@db.internal/pulso")
    monkeypatch.setenv("PULSO_DATABASE_PASSWORD", "s3cret-database-password")
    context.reset()
    try:
        context.database_url()
        assert "s3cret" not in redact("connect failed: s3cret-database-password rejected")
    finally:
        context.reset()
