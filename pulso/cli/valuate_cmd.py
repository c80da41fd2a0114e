"""`pulso valuate`: free-press value (AVE) of a period, with every peso traced to a rate row."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flows.steps.valuation import estimates, stored_period, stream_period, value_period
from pulso.cli.context import open_database, option_date, reading_config
from pulso.cli.errors import BadOption
from pulso.cli.output import JsonArray, OutputFormat, print_json_with, print_table
from pulso.cli.quick import Opt, Spec
from reports.answers import valuation as answer
from reports.i18n import label
from valuation.estimates import Estimate
from valuation.free_press import Valuation
from valuation.notes import ave_note

if TYPE_CHECKING:  # Rich loads with the table (JSON and CSV never need it); Typer reads only
    # a command line the quick path leaves to it
    import typer
    from rich.console import Console


def _print_subtotals(valuation: Valuation, lang: str, console: Console) -> None:
    rows = answer.outlet_rows(valuation)
    title = label("fp_by_outlet", lang)
    print_table(rows, answer.OUTLET_COLUMNS, lang, title=title, console=console)
    rows = answer.medium_rows(valuation, lang)
    title = label("fp_by_medium", lang)
    print_table(rows, answer.MEDIUM_COLUMNS, lang, title=title, console=console)


def print_valuation(valuation: Valuation, found: list[Estimate], lang: str) -> None:
    from rich.console import Console

    console = Console(soft_wrap=False, width=200)
    rows = answer.item_rows(valuation, lang)
    title = answer.title(valuation, lang)
    print_table(rows, answer.ITEM_COLUMNS, lang, title=title, console=console)
    _print_subtotals(valuation, lang, console)
    lines = [*answer.totals_lines(valuation, lang), answer.counts_line(valuation, lang)]
    for line in [*lines, ave_note(lang), *(answer.estimate_line(e, lang) for e in found)]:
        console.print(line, highlight=False)
    if valuation.unvalued:
        rows = answer.unvalued_rows(valuation, lang)
        title = label("fp_unvalued_title", lang)
        print_table(rows, answer.UNVALUED_COLUMNS, lang, title=title, console=console)


def _share(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise BadOption(f"--monitored-share: {text!r} is not a percentage (e.g. 70)") from None


def _period(from_: str | None, to: str | None) -> tuple[date, date]:
    start, end = option_date(from_, "--from"), option_date(to, "--to")
    if start is None or end is None:
        first, last = stored_period(open_database())
        today = datetime.now(reading_config().tz).date()
        start, end = start or first or end or today, end or last or today
    if start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    return start, end


def valuate(
    from_: str | None,
    to: str | None,
    fmt: OutputFormat,
    broadcasts: int | None,
    monitored_share: str | None,
) -> None:
    start, end = _period(from_, to)
    share = _share(monitored_share)
    iva_rate = reading_config().valuation.iva_rate
    tz = reading_config().tz
    if fmt is OutputFormat.json:
        _print_json(start, end, iva_rate, tz, broadcasts, share)
    elif fmt is OutputFormat.csv:
        _print_csv(start, end, iva_rate, tz, broadcasts, share)
    else:
        valuation = value_period(open_database(), start, end, iva_rate=iva_rate, tz=tz)
        print_valuation(valuation, _estimates(valuation, broadcasts, share), reading_config().lang)


QUICK = Spec(
    valuate,
    {
        "--from": Opt("from_"),
        "--to": Opt("to"),
        "--format": Opt("fmt", OutputFormat.table, choice=OutputFormat),
        "--broadcasts": Opt("broadcasts", whole=True),
        "--monitored-share": Opt("monitored_share"),
    },
)


def _estimates(
    valuation: Valuation, broadcasts: int | None, share: Decimal | None
) -> list[Estimate]:
    try:
        return estimates(valuation, broadcasts=broadcasts, share_pct=share)
    except ValueError as error:
        raise BadOption(str(error)) from None


def _print_json(
    start: date,
    end: date,
    iva_rate: Decimal,
    tz: ZoneInfo,
    broadcasts: int | None,
    share: Decimal | None,
) -> None:
    """Items are written as they are valued (a million clips never sit in memory); the totals,
    which come first in the document, are known at the end."""
    items, unvalued = JsonArray(), JsonArray()
    add_item = items.adding(answer.ItemJsonText(JsonArray.INDENT))
    try:
        valuation = stream_period(
            open_database(),
            start,
            end,
            iva_rate=iva_rate,
            tz=tz,
            valued=add_item,
            unvalued=lambda u: unvalued.add(answer.unvalued_json(u)),
        )
        found = _estimates(valuation, broadcasts, share)
        data = answer.valuation_json(valuation, found)
        print_json_with(data, {"items": items, "unvalued": unvalued})
    finally:
        items.close()
        unvalued.close()


def _print_csv(
    start: date,
    end: date,
    iva_rate: Decimal,
    tz: ZoneInfo,
    broadcasts: int | None,
    share: Decimal | None,
) -> None:
    """Valued rows go out as they are valued, unvalued ones after them (kept in a temporary
    file). Asked-for estimates are not in the CSV but may refuse the period: then every row
    waits in the file, so a refused command prints nothing, as before."""
    from reports.answers.text import CsvStream  # the cell formats: for CSV and tables only

    checked = broadcasts is not None or share is not None
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as later,
        tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as held,
    ):
        out = CsvStream(held if checked else sys.stdout, answer.CSV_COLUMNS)
        rest = CsvStream(later, answer.CSV_COLUMNS, header=False)
        valuation = stream_period(
            open_database(),
            start,
            end,
            iva_rate=iva_rate,
            tz=tz,
            valued=lambda v: out.write_values(answer.csv_valued_values(v)),
            unvalued=lambda u: rest.write(answer.csv_unvalued_row(u)),
        )
        _estimates(valuation, broadcasts, share)
        for spool in (held, later) if checked else (later,):
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout)


def register(app: typer.Typer) -> None:
    import typer

    def valuate_command(
        from_: str | None = typer.Option(
            None, "--from", help="first air date: YYYY-MM-DD or DD/MM/YYYY (default: first stored)"
        ),
        to: str | None = typer.Option(
            None, "--to", help="last air date, inclusive (default: last stored)"
        ),
        fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv"),
        broadcasts: int | None = typer.Option(
            None, "--broadcasts", help="estimate: average measured broadcast × this many broadcasts"
        ),
        monitored_share: str | None = typer.Option(
            None,
            "--monitored-share",
            help="estimate: measured total ÷ this % of the media universe",
        ),
    ) -> None:
        """Free-press value (AVE) of clips and web mentions: airtime × the outlet's rate, before IVA."""
        valuate(from_, to, fmt, broadcasts, monitored_share)

    app.command("valuate")(valuate_command)
