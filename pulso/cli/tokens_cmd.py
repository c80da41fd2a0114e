"""`pulso tokens check`: whether each platform credential works and when it expires."""

from __future__ import annotations

from pathlib import Path

import typer

from collectors.http import install_log_redaction
from flows.steps.social_tokens import check_tokens
from pulso.cli.context import configured
from pulso.cli.errors import EXIT_FAILURE
from pulso.cli.output import print_table
from reports.formatting import local_time
from reports.tables import Col

tokens_app = typer.Typer(help="Platform credentials.")

COLUMNS = [
    Col("platform"),
    Col("status"),
    Col("expires_at", "datetime", label="expires"),
    Col("detail"),
]
STATUS_ES = {
    "ok": "ok",
    "warning": "por vencer",
    "expired": "vencida",
    "failed": "falló",
    "missing": "sin configurar",
}


@tokens_app.command("check")
def check_command(
    replay: Path | None = typer.Option(None, "--replay", help="answer from recordings under DIR"),
) -> int:
    """Test each platform's credential; warn from `health.token_warning_days` before expiry."""
    install_log_redaction()
    loaded = configured()
    lang = loaded.config.lang
    checks = check_tokens(loaded, replay_dir=replay)
    rows = [
        {
            "platform": c.platform,
            "status": STATUS_ES.get(c.status, c.status) if lang == "es" else c.status,
            "expires_at": local_time(c.expires_at, loaded.config.tz),
            "detail": c.detail,
        }
        for c in checks
    ]
    print_table(rows, COLUMNS, lang, title="Credenciales" if lang == "es" else "Credentials")
    return EXIT_FAILURE if any(c.status in ("failed", "expired") for c in checks) else 0


def register(app: typer.Typer) -> None:
    app.add_typer(tokens_app, name="tokens")
