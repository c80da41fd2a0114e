"""`pulso backfill posts`: own posts from before Pulso, from the platforms' APIs back to a date."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from collectors.registry import PLATFORM_NAMES
from pulso.cli.context import configured, open_database, option_date
from pulso.cli.errors import EXIT_PARTIAL, BadOption, InvalidInput

backfill_app = typer.Typer(help="Read history from the platforms' APIs.")

# X's price per post read (pay per use since Feb 2026), for the question asked before buying.
X_PRICE_PER_POST_USD = 0.005


def x_pages_agreed(accounts: list[str], configured_pages: int, *, yes: bool) -> int:
    """How many X pages each account may read: asks before going past `[api] x_max_pages`."""
    from flows.steps.post_history import X_REACHABLE_PAGES

    if not accounts or configured_pages >= X_REACHABLE_PAGES:
        return configured_pages
    if yes:
        return X_REACHABLE_PAGES
    most = X_REACHABLE_PAGES * 100 * X_PRICE_PER_POST_USD * len(accounts)
    question = (
        f"X charges per post read: a backfill of {', '.join('@' + a for a in accounts)} may read "
        f"up to {X_REACHABLE_PAGES} pages per account (X serves the newest 3,200 posts; up to "
        f"US${most:,.2f}), more than api.x_max_pages = {configured_pages}. Read them?"
    )
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"{question} Not asked: stdin is not a terminal. Run again with --yes to allow "
            f"{X_REACHABLE_PAGES} pages, or leave X out with --only"
        )
    return X_REACHABLE_PAGES if typer.confirm(question, default=False) else configured_pages


@backfill_app.command("posts")
def posts_command(
    since: str = typer.Option(..., "--since", help="read posts published on or after this day"),
    only: list[str] = typer.Option(
        [], "--only", help=f"only these platforms (repeatable): {', '.join(PLATFORM_NAMES)}"
    ),
    yes: bool = typer.Option(
        False, "--yes", help="do not ask before X reads past api.x_max_pages pages (paid)"
    ),
    replay: Path | None = typer.Option(
        None, "--replay", help="serve every platform request from recordings under DIR"
    ),
) -> int:
    """Own posts and their current counts back to --since (X: newest 3,200; YouTube: 1 unit a
    page of 50); stored like the nightly's, a snapshot dated today. Exit 3 if some failed."""
    from flows.steps.post_history import backfill_posts, x_accounts

    day = option_date(since, "--since")
    assert day is not None
    platforms = [o.strip().lower() for o in only] or None
    unknown = [p for p in platforms or [] if p not in PLATFORM_NAMES]
    if unknown:
        raise BadOption(f"--only: unknown platform {', '.join(unknown)}")
    if replay is not None and not replay.is_dir():
        raise BadOption(f"--replay: {replay} is not a directory")
    loaded = configured()
    pages = int(loaded.config.api.options()["x_max_pages"])
    x_pages = x_pages_agreed(x_accounts(loaded, platforms), pages, yes=yes)
    outcomes = backfill_posts(
        open_database(), loaded, since=day, only=platforms, x_pages=x_pages, replay_dir=replay
    )
    for outcome in outcomes:
        detail = f" ({outcome.reason})" if outcome.reason else ""
        if outcome.status == "ok":
            typer.echo(f"{outcome.key}: {outcome.posts} posts since {day:%d/%m/%Y}{detail}")
        else:
            typer.echo(f"{outcome.key}: {outcome.status}{detail}")
    return EXIT_PARTIAL if any(o.status == "failed" for o in outcomes) else 0


def register(app: typer.Typer) -> None:
    app.add_typer(backfill_app, name="backfill")
