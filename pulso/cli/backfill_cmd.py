"""`pulso backfill posts`: own posts from before Pulso, from the platforms' APIs back to a date."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from collectors.platform import PaidReads
from collectors.registry import PLATFORM_NAMES
from pulso.cli.context import configured, open_database, option_date
from pulso.cli.errors import EXIT_PARTIAL, BadOption, InvalidInput

backfill_app = typer.Typer(help="Read history from the platforms' APIs.")


def pages_agreed(
    label: str, paid: PaidReads, accounts: list[str], configured_pages: int, *, yes: bool
) -> int:
    """How many pages of paid reads (X) each account may read: asks before going past the
    configured `[api]` limit, up to what the API serves back in time."""
    most = paid.reachable_pages
    if not accounts or configured_pages >= most:
        return configured_pages
    if yes:
        return most
    cost = most * paid.page_size * paid.price_per_post_usd * len(accounts)
    question = (
        f"{label} charges per post read: a backfill of {', '.join('@' + a for a in accounts)} "
        f"may read up to {most} pages of {paid.page_size} posts per account (up to "
        f"US${cost:,.2f}), more than api.{paid.pages_option} = {configured_pages}. Read them?"
    )
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"{question} Not asked: stdin is not a terminal. Run again with --yes to allow "
            f"{most} pages, or leave {label} out with --only"
        )
    return most if typer.confirm(question, default=False) else configured_pages


@backfill_app.command("posts")
def posts_command(
    since: str = typer.Option(..., "--since", help="read posts published on or after this day"),
    only: list[str] = typer.Option(
        [], "--only", help=f"only these platforms (repeatable): {', '.join(PLATFORM_NAMES)}"
    ),
    yes: bool = typer.Option(
        False, "--yes", help="do not ask before paid reads (X) go past their [api] page limit"
    ),
    replay: Path | None = typer.Option(
        None, "--replay", help="serve every platform request from recordings under DIR"
    ),
) -> int:
    """Own posts and their current counts back to --since (X: newest 3,200; YouTube: 1 unit a
    page of 50); stored like the nightly's, a snapshot dated today. Exit 3 if some failed."""
    from flows.steps.post_history import backfill_posts, paid_accounts

    day = option_date(since, "--since")
    assert day is not None
    platforms = [o.strip().lower() for o in only] or None
    unknown = [p for p in platforms or [] if p not in PLATFORM_NAMES]
    if unknown:
        raise BadOption(f"--only: unknown platform {', '.join(unknown)}")
    if replay is not None and not replay.is_dir():
        raise BadOption(f"--replay: {replay} is not a directory")
    loaded = configured()
    options = loaded.config.api.options()
    paid_pages = {
        paid.pages_option: pages_agreed(
            known.label, paid, handles, int(options[paid.pages_option]), yes=yes
        )
        for known, paid, handles in paid_accounts(loaded, platforms)
    }
    outcomes = backfill_posts(
        open_database(),
        loaded,
        since=day,
        only=platforms,
        paid_pages=paid_pages,
        replay_dir=replay,
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
