"""A database password with URL-breaking characters is given apart and encoded by Pulso."""

from __future__ import annotations

from sqlalchemy.engine import make_url

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
