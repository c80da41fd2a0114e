"""`pulso valuate`: free-press value (AVE) of a period, with every peso traced to a rate row."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import typer
from rich.console import Console

from flows.steps.valuation import estimates, stored_period, valuation_json, value_period
from pulso.cli.context import open_database, option_date, settings
from pulso.cli.errors import BadOption
from pulso.cli.output import Column, OutputFormat, print_csv, print_json, print_table
from reports import formatting as f
from valuation.durations import format_duration, format_duration_words
from valuation.estimates import Estimate
from valuation.free_press import CoverageItem, Valuation
from valuation.notes import ESTIMATE_LABEL, ave_note

ITEM_COLUMNS = [
    Column("outlet", "Medio", "Outlet"),
    Column("program", "Programa", "Program"),
    Column("aired_on", "Fecha", "Date", "date"),
    Column("title", "Título", "Title"),
    Column("measure", "Duración / espacio", "Airtime / space"),
    Column("unit", "Unidad", "Unit"),
    Column("rate", "Tarifa", "Rate", "money"),
    Column("rate_row", "Fila de tarifa", "Rate row"),
    Column("value_before_iva", "Valor antes de IVA", "Value before IVA", "money"),
]
UNVALUED_COLUMNS = [*ITEM_COLUMNS[:5], Column("reason", "Motivo", "Reason")]
CSV_COLUMNS = [
    Column("status", "Estado", "Status"),
    *ITEM_COLUMNS[:4],
    Column("seconds", "Segundos", "Seconds", "int"),
    Column("column_cm", "Cm-columna", "Column cm"),
    *ITEM_COLUMNS[5:],
    Column("reason", "Motivo", "Reason"),
]
OUTLET_COLUMNS = [
    Column("name", "Medio", "Outlet"),
    Column("value", "Valor antes de IVA", "Value before IVA", "money"),
]
MEDIUM_COLUMNS = [Column("name", "Tipo de medio", "Medium"), OUTLET_COLUMNS[1]]
UNIT_NAMES = {
    "es": {
        "second": "segundo",
        "minute": "minuto",
        "spot30": "cuña 30 s",
        "column_cm": "cm-columna",
        "item": "nota",
    },
    "en": {
        "second": "second",
        "minute": "minute",
        "spot30": "30 s spot",
        "column_cm": "column cm",
        "item": "item",
    },
}
MEDIUM_NAMES = {
    "es": {"tv": "TV", "radio": "radio", "print": "prensa", "web": "web"},
    "en": {"tv": "TV", "radio": "radio", "print": "print", "web": "web"},
}


def _measure(item: CoverageItem, lang: str) -> str:
    if item.seconds is not None:
        return format_duration(item.seconds)
    if item.column_cm is not None:
        return f"{f.fmt_decimal(item.column_cm, lang, 1 if item.column_cm % 1 else 0)} cm"
    return "1 nota" if lang == "es" else "1 item"


def _item_rows(valuation: Valuation, lang: str | None) -> list[dict[str, Any]]:
    """One row per valued item; `lang` None keeps raw unit codes (CSV)."""
    rows = []
    for valued, flat in zip(valuation.items, valuation_json(valuation)["items"], strict=True):
        unit = valued.rate.unit
        rows.append(
            {
                **flat,
                "status": "valued",
                "program": flat["program"] or ("" if lang else None),
                "aired_on": valued.item.aired_on,
                "unit": UNIT_NAMES[lang][unit] if lang in UNIT_NAMES else unit,
                "measure": _measure(valued.item, lang or "en"),
            }
        )
    return rows


def _unvalued_rows(valuation: Valuation, lang: str) -> list[dict[str, Any]]:
    return [
        {
            **{c.key: None for c in CSV_COLUMNS},
            "status": "unvalued",
            "outlet": u.item.outlet,
            "program": u.item.program or "",
            "aired_on": u.item.aired_on,
            "title": u.item.title,
            "seconds": u.item.seconds,
            "column_cm": u.item.column_cm,
            "measure": _measure(u.item, lang),
            "reason": u.reason_es if lang == "es" and u.reason_es else u.reason,
        }
        for u in valuation.unvalued
    ]


def counts_line(valuation: Valuation, lang: str) -> str:
    """The counts an AVE figure comes from, to stand beside it."""
    c = valuation.counts
    airtime = format_duration_words(c.airtime_s, lang)
    cm = f.fmt_decimal(c.column_cm, lang, 1 if c.column_cm % 1 else 0)
    if lang == "en":
        space = f", {cm} column cm" if c.column_cm else ""
        return (
            f"From {f.fmt_int(c.clips, lang)} TV/radio/print clips ({airtime} of airtime{space}) "
            f"and {f.fmt_int(c.mentions, lang)} web mentions; "
            f"{f.fmt_int(c.unvalued, lang)} items unvalued (no rate)."
        )
    space = f", {cm} cm-columna" if c.column_cm else ""
    return (
        f"Base: {f.fmt_int(c.clips, lang)} notas de TV, radio y prensa ({airtime} al aire{space}) "
        f"y {f.fmt_int(c.mentions, lang)} menciones web; "
        f"{f.fmt_int(c.unvalued, lang)} sin valorar (sin tarifa)."
    )


def totals_lines(valuation: Valuation, lang: str) -> list[str]:
    percent = valuation.iva_rate * 100
    iva_pct = f.fmt_pct(percent, lang, 0 if percent == percent.to_integral_value() else 1)
    labels = (
        ("Total antes de IVA", f"IVA ({iva_pct})", "Total con IVA")
        if lang == "es"
        else ("Total before IVA", f"IVA ({iva_pct})", "Total with IVA")
    )
    values = (valuation.total_before_iva, valuation.iva, valuation.total_with_iva)
    return [
        f"{label}: {f.fmt_money(value, lang)}" for label, value in zip(labels, values, strict=True)
    ]


def estimate_line(estimate: Estimate, lang: str) -> str:
    value, basis = f.fmt_money(estimate.value_cop, lang), f.fmt_money(estimate.basis_cop, lang)
    label = ESTIMATE_LABEL.get(lang, ESTIMATE_LABEL["es"])
    if estimate.kind == "broadcasts":
        how = (  # the office's "value of one newscast × 27 newscasts"
            f"promedio de {estimate.measured} emisiones medidas ({basis}) × {estimate.factor} "
            "emisiones del periodo"
            if lang == "es"
            else f"average of {estimate.measured} measured broadcasts ({basis}) × "
            f"{estimate.factor} broadcasts in the period"
        )
    else:
        share = f.fmt_pct(Decimal(estimate.measured), lang, 0 if estimate.measured % 1 == 0 else 1)
        how = (
            f"total medido {basis} ÷ {share} del universo de medios monitoreado"
            if lang == "es"
            else f"measured total {basis} ÷ {share} of the media universe monitored"
        )
    apart = "no incluida en el total" if lang == "es" else "not included in the total"
    return f"{label}, {apart}: {value} = {how}"


def _print_subtotals(valuation: Valuation, lang: str, console: Console) -> None:
    outlets = [{"name": name, "value": v} for name, v in valuation.by_outlet.items()]
    title = "Subtotal por medio" if lang == "es" else "Subtotal per outlet"
    print_table(outlets, OUTLET_COLUMNS, lang, title=title, console=console)
    names = MEDIUM_NAMES.get(lang, MEDIUM_NAMES["es"])
    media = [{"name": names[name], "value": v} for name, v in valuation.by_medium.items()]
    title = "Subtotal por tipo de medio" if lang == "es" else "Subtotal per medium"
    print_table(media, MEDIUM_COLUMNS, lang, title=title, console=console)


def print_valuation(valuation: Valuation, found: list[Estimate], lang: str) -> None:
    console = Console(soft_wrap=False, width=200)
    period = f"{f.fmt_date(valuation.start, lang)} – {f.fmt_date(valuation.end, lang)}"
    title = "Free press (valor publicitario equivalente)" if lang == "es" else "Free press (AVE)"
    rows = _item_rows(valuation, lang)
    print_table(rows, ITEM_COLUMNS, lang, title=f"{title}, {period}", console=console)
    _print_subtotals(valuation, lang, console)
    for line in [*totals_lines(valuation, lang), counts_line(valuation, lang), ave_note(lang)]:
        console.print(line, highlight=False)
    for estimate in found:
        console.print(estimate_line(estimate, lang), highlight=False)
    if valuation.unvalued:
        title = "Sin valorar (sin tarifa)" if lang == "es" else "Unvalued (no rate)"
        rows = _unvalued_rows(valuation, lang)
        print_table(rows, UNVALUED_COLUMNS, lang, title=title, console=console)


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
        today = datetime.now(settings().config.tz).date()
        start, end = start or first or end or today, end or last or today
    if start > end:
        raise BadOption(f"--from {start} is after --to {end}")
    return start, end


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
        None, "--monitored-share", help="estimate: measured total ÷ this % of the media universe"
    ),
) -> None:
    """Free-press value (AVE) of clips and web mentions: airtime × the outlet's rate, before IVA."""
    start, end = _period(from_, to)
    share = _share(monitored_share)
    iva_rate = settings().config.valuation.iva_rate
    tz = settings().config.tz
    valuation = value_period(open_database(), start, end, iva_rate=iva_rate, tz=tz)
    try:
        found = estimates(valuation, broadcasts=broadcasts, share_pct=share)
    except ValueError as error:
        raise BadOption(str(error)) from None
    if fmt is OutputFormat.json:
        print_json(valuation_json(valuation, found))
    elif fmt is OutputFormat.csv:
        # CSV keeps raw values (unit codes, ISO dates) for scripts and spreadsheets.
        print_csv(_item_rows(valuation, None) + _unvalued_rows(valuation, "en"), CSV_COLUMNS)
    else:
        print_valuation(valuation, found, settings().config.lang)


def register(app: typer.Typer) -> None:
    app.command("valuate")(valuate_command)
