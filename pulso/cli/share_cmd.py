"""`pulso share`: share of voice per outlet and week, the office's mentions beside its peers'."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flows.steps.share import rematch_peers, share_report
from pulso.cli.context import open_database, option_date, reading_config
from pulso.cli.errors import BadOption, say
from pulso.cli.output import OutputFormat, print_csv, print_json, print_table
from pulso.cli.quick import Opt, Spec
from reports.answers.share import COLUMNS, csv_columns, csv_rows, share_json, weeks_back

WEEKS = 12

if TYPE_CHECKING:  # Typer reads only a command line the quick path leaves to it
    import typer


def share(from_: str | None, to: str | None, fmt: OutputFormat, rematch: bool) -> None:
    config = reading_config()
    today = datetime.now(config.tz).date()
    end = option_date(to, "--to") or today
    start = option_date(from_, "--from") or weeks_back(end, WEEKS)
    if start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    engine = open_database()
    if not config.peers:
        say("share: no [[peers]] with news terms in pulso.toml; only the office's mentions")
    if rematch:
        say(f"share: {rematch_peers(engine, config, start, end)} peer matches in the period")
    rows = share_report(engine, config, start, end)
    if fmt is OutputFormat.json:
        print_json(share_json(rows))
    elif fmt is OutputFormat.csv:
        print_csv(csv_rows(rows), csv_columns([peer.name for peer in config.peers]))
    else:
        from reports.formatting import fmt_date  # dates and words: for people's tables
        from reports.i18n import label

        lang = config.lang
        period = f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"
        print_table(rows, COLUMNS, lang, title=f"{label('share_title', lang)} ({period})")


QUICK = Spec(
    share,
    {
        "--from": Opt("from_"),
        "--to": Opt("to"),
        "--format": Opt("fmt", OutputFormat.table, choice=OutputFormat),
        "--rematch": Opt("rematch", False, flag=True),
    },
)


def register(app: typer.Typer) -> None:
    import typer

    def share_command(
        from_: str | None = typer.Option(
            None,
            "--from",
            help="first day (default: 12 weeks back, a Monday): YYYY-MM-DD or DD/MM/YYYY",
        ),
        to: str | None = typer.Option(
            None, "--to", help="last day (default: today): YYYY-MM-DD or DD/MM/YYYY"
        ),
        fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
        rematch: bool = typer.Option(
            False,
            "--rematch",
            help="first match the [[peers]] terms again on the period's articles",
        ),
    ) -> None:
        """Share of voice per outlet and week: the office's mentions ÷ (its own + [[peers]]') × 100."""
        share(from_, to, fmt, rematch)

    app.command("share")(share_command)
