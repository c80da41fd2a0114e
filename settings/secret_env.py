"""Which environment variable holds each secret: read by load_settings (settings/load.py) and
by a reading command that registers the secrets for redaction without building Settings."""

from __future__ import annotations

from collections.abc import Mapping

from collectors import registry
from settings.database import PASSWORD_VARIABLE, secret_from_env

# Secret field -> environment variable: the platforms' credentials, then Pulso's own.
SECRET_ENV = {
    **{credential.name: credential.env for credential in registry.credentials()},
    "dashboard_password_hash": "PULSO_DASHBOARD_PASSWORD_HASH",
    "database_password": PASSWORD_VARIABLE,
    "smtp_password": "PULSO_SMTP_PASSWORD",
}
# Identifiers, not secrets (an app id, a client key): kept as plain text.
PLAIN = frozenset(c.name for c in registry.credentials() if not c.secret)


def secret_values(env: Mapping[str, str]) -> list[str]:
    """The clear values Settings' `secrets.all_values()` gives for this environment."""
    values = [secret_from_env(env, variable) for field, variable in SECRET_ENV.items()]
    kept = [
        v for (field, _), v in zip(SECRET_ENV.items(), values, strict=True) if field not in PLAIN
    ]
    return [v for v in kept if v]
