"""The valuation answer (`pulso valuate`, the dashboard's Free press page and /api/valuation):
its JSON shape, and table and CSV rows built from the same per-item values."""

from __future__ import annotations

import json.encoder
from datetime import date
from decimal import Decimal
from typing import Any

from reports import formatting as f
from reports.columns import Col
from reports.i18n import label, medium_name, unit_name
from reports.messages import unvalued_reason
from valuation.durations import format_duration, format_duration_words
from valuation.estimates import Estimate
from valuation.free_press import CoverageItem, UnvaluedItem, Valuation, ValuedItem
from valuation.notes import ESTIMATE_LABEL
from valuation.rate_cards import Rate

ITEM_COLUMNS = (
    Col("outlet"),
    Col("program"),
    Col("aired_on", "date"),
    Col("title", label="title_col"),
    Col("measure"),
    Col("unit"),
    Col("rate", "money"),
    Col("rate_row", label="rate_ref"),
    Col("value_before_iva", "money", label="before_iva"),
)
UNVALUED_COLUMNS = (*ITEM_COLUMNS[:5], Col("reason"))
CSV_COLUMNS = (
    Col("status"),
    *ITEM_COLUMNS[:4],
    Col("seconds"),
    Col("column_cm"),
    *ITEM_COLUMNS[5:],
    Col("reason"),
)
_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str
OUTLET_COLUMNS = (Col("name", label="outlet"), Col("value", "money", label="before_iva"))
MEDIUM_COLUMNS = (Col("name", label="medium"), OUTLET_COLUMNS[1])


def valuation_json(valuation: Valuation, found: list[Estimate] | None = None) -> dict[str, Any]:
    """The contract's JSON shape (design.md, Interface v1): money as integer pesos.

    Additive: each item's `rate_row` names the rate-card row that priced it, and `estimates`
    appears only when projections were asked for.
    """
    data: dict[str, Any] = {
        "from": valuation.start.isoformat(),
        "to": valuation.end.isoformat(),
        "currency": "COP",
        "iva_rate": float(valuation.iva_rate),
        "total_before_iva": valuation.total_before_iva,
        "iva": valuation.iva,
        "total_with_iva": valuation.total_with_iva,
        "items": [item_json(v) for v in valuation.items],
        "unvalued": [unvalued_json(u) for u in valuation.unvalued],
    }
    if found:
        data["estimates"] = [estimate_json(e) for e in found]
    return data


def valuation_json_text(
    valuation: Valuation, items: str, unvalued: str, found: list[Estimate] | None = None
) -> str:
    """`valuation_json(valuation, found)` as compact JSON (what the API's JSONResponse writes:
    `ensure_ascii=False, allow_nan=False, separators=(",", ":")`), its lists holding `items`
    and `unvalued`: objects already written so (ItemJsonText(None)), joined by commas."""
    data = valuation_json(valuation, found)
    estimates = data.pop("estimates", None)
    del data["items"], data["unvalued"]
    head = _compact(data)
    tail = "" if estimates is None else f',"estimates":{_compact(estimates)}'
    return f'{head[:-1]},"items":[{items}],"unvalued":[{unvalued}]{tail}}}'


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _identity(item: CoverageItem) -> dict[str, Any]:
    return {
        "outlet": item.outlet,
        "program": item.program,
        "aired_on": item.aired_on.isoformat(),
        "title": item.title,
    }


def item_json(valued: ValuedItem) -> dict[str, Any]:
    """One valued item as the contract writes it (JSON, and the CSV's valued rows)."""
    item, rate = valued.item, valued.rate
    return {
        **_identity(item),
        "seconds": item.seconds,
        "column_cm": _number(item.column_cm),
        "unit": rate.unit,
        "rate": _number(rate.price_cop),  # whole pesos: the importer accepts no cents
        "rate_row": rate.ref,
        "value_before_iva": valued.value_cop,
    }


class ItemJsonText:
    """`item_json(valued)` as the text `json.dumps(..., ensure_ascii=False, indent=2)` writes
    for it `indent` spaces deep, or with `indent` None as compact JSON (`separators=(",",
    ":")`, what the API's JSONResponse writes): the same bytes, from templates (what is the
    same for every item of an outlet and program, or of a rate, is encoded once), for a
    million items. `unvalued` does the same for `unvalued_json`."""

    def __init__(self, indent: int | None) -> None:
        if indent is None:
            self.field, self.close, colon = ",", "}", ":"
        else:
            self.field = ",\n" + " " * (indent + 2)
            self.close = "\n" + " " * indent + "}"
            colon = ": "
        self.colon = colon
        self.title = f'{self.field}"title"{colon}'
        self.seconds = f'{self.field}"seconds"{colon}'
        self.column_cm = f'{self.field}"column_cm"{colon}'
        self.reason = f'{self.field}"reason"{colon}'
        self.heads: dict[tuple[str, str | None], str] = {}
        # By the rate's id (hashing its ten fields costs more than the item), the rate kept
        # beside its text so the id is never reused for another.
        self.tails: dict[int, tuple[Rate, str]] = {}
        self.days: dict[date, str] = {}

    def __call__(self, valued: ValuedItem) -> str:
        item, rate, value = valued
        outlet, _, day, title, program, _, seconds, cm = item
        head = self.heads.get((outlet, program))
        if head is None:
            head = self.heads[(outlet, program)] = self._head(item)
        aired_on = self.days.get(day)
        if aired_on is None:
            aired_on = self.days[day] = f'"aired_on"{self.colon}"{day.isoformat()}"'
        pinned = self.tails.get(id(rate))
        if pinned is None:
            pinned = self.tails[id(rate)] = (rate, self._tail(rate))
        # One f-string: the pieces joined in a single step. Seconds and the value are ints
        # (from the database, and the rule's integer arithmetic), written as JSON writes them.
        return (
            f"{head}{aired_on}{self.title}{_string(title)}"
            f"{self.seconds}{'null' if seconds is None else seconds}"
            f"{self.column_cm}{'null' if cm is None else _json_number(cm)}"
            f"{pinned[1]}{value}{self.close}"
        )

    def unvalued(self, unvalued: UnvaluedItem) -> str:
        item = unvalued.item
        head = self.heads.get((item.outlet, item.program))
        if head is None:
            head = self.heads[(item.outlet, item.program)] = self._head(item)
        day = item.aired_on
        aired_on = self.days.get(day)
        if aired_on is None:
            aired_on = self.days[day] = f'"aired_on"{self.colon}"{day.isoformat()}"'
        return (
            f"{head}{aired_on}{self.title}{_string(item.title)}"
            f"{self.reason}{_string(unvalued.reason)}{self.close}"
        )

    def _head(self, item: CoverageItem) -> str:
        program = "null" if item.program is None else _string(item.program)
        field, colon = self.field, self.colon
        return (
            f'{{{field[1:]}"outlet"{colon}{_string(item.outlet)}'
            f'{field}"program"{colon}{program}{field}'
        )

    def _tail(self, rate: Rate) -> str:
        field, colon = self.field, self.colon
        return (
            f'{field}"unit"{colon}{_string(rate.unit)}'
            f'{field}"rate"{colon}{_json_number(rate.price_cop)}'
            f'{field}"rate_row"{colon}{_string(rate.ref)}{field}"value_before_iva"{colon}'
        )


def _json_number(value: Decimal) -> str:
    number = _number(value)
    return int.__repr__(number) if isinstance(number, int) else float.__repr__(number)


def _number(value: Decimal | None) -> int | float | None:
    # Column-centimetres are a measure, not money: 35.5 is a fine JSON number.
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def estimate_json(estimate: Estimate) -> dict[str, Any]:
    """An estimate, labelled as such, with the measured figures it extrapolates from."""
    data: dict[str, Any] = {
        "kind": estimate.kind,
        "label": "estimate, not measured; not included in total_before_iva",
        "value_before_iva": estimate.value_cop,
        "basis_before_iva": estimate.basis_cop,
    }
    if estimate.kind == "broadcasts":
        data |= {"broadcasts_measured": estimate.measured, "broadcasts": estimate.factor}
    else:
        data["monitored_share_pct"] = _number(Decimal(estimate.measured))
    return data


def measure(item: CoverageItem, lang: str) -> str:
    if item.seconds is not None:
        return format_duration(item.seconds)
    if item.column_cm is not None:
        return f"{f.fmt_decimal(item.column_cm, lang, 1 if item.column_cm % 1 else 0)} cm"
    return "1 nota" if lang == "es" else "1 item"


def item_rows(valuation: Valuation, lang: str | None) -> list[dict[str, Any]]:
    """One row per valued item, from the same values as its JSON item; `lang` None keeps raw
    unit codes and no program as empty (CSV)."""
    return [item_row(valued, lang) for valued in valuation.items]


def item_row(valued: ValuedItem, lang: str | None) -> dict[str, Any]:
    return {
        **item_json(valued),
        "status": "valued",
        "program": valued.item.program or ("" if lang else None),
        "aired_on": valued.item.aired_on,
        "unit": unit_name(valued.rate.unit, lang) if lang else valued.rate.unit,
        "measure": measure(valued.item, lang or "en"),
    }


def unvalued_rows(valuation: Valuation, lang: str, raw: bool = False) -> list[dict[str, Any]]:
    """`raw`: the reason as the JSON contract writes it (scripts); else worded in `lang`."""
    return [unvalued_row(u, lang, raw) for u in valuation.unvalued]


def unvalued_row(u: UnvaluedItem, lang: str, raw: bool = False) -> dict[str, Any]:
    return {
        **{c.key: None for c in CSV_COLUMNS},
        "status": "unvalued",
        "outlet": u.item.outlet,
        "program": u.item.program or "",
        "aired_on": u.item.aired_on,
        "title": u.item.title,
        "seconds": u.item.seconds,
        "column_cm": u.item.column_cm,
        "measure": measure(u.item, lang),
        "reason": u.reason if raw else _reason(u, lang),
    }


def unvalued_json(u: UnvaluedItem) -> dict[str, Any]:
    return {**_identity(u.item), "reason": u.reason}


def _reason(unvalued: UnvaluedItem, lang: str) -> str:
    if unvalued.code:
        return unvalued_reason(unvalued.code, unvalued.params, lang)
    return unvalued.reason_es if lang == "es" and unvalued.reason_es else unvalued.reason


def csv_rows(valuation: Valuation) -> list[dict[str, Any]]:
    """CSV keeps raw values (unit codes, ISO dates) for scripts and spreadsheets."""
    return item_rows(valuation, None) + unvalued_rows(valuation, "en", raw=True)


def csv_valued_row(valued: ValuedItem) -> dict[str, Any]:
    """One valued item's CSV row, as `csv_rows` writes it (rows written as they stream)."""
    return item_row(valued, None)


def csv_valued_values(valued: ValuedItem) -> list[Any]:
    """`csv_valued_row(valued)`'s values in `CSV_COLUMNS` order, built directly (no dicts, no
    table-only cells): the row a streamed CSV writes per item."""
    item, rate, value = valued
    return [
        "valued",
        item.outlet,
        item.program or None,
        item.aired_on,
        item.title,
        item.seconds,
        _number(item.column_cm),
        rate.unit,
        _number(rate.price_cop),
        rate.ref,
        value,
        None,
    ]


def csv_unvalued_row(u: UnvaluedItem) -> dict[str, Any]:
    return unvalued_row(u, "en", raw=True)


def outlet_rows(valuation: Valuation) -> list[dict[str, Any]]:
    return [{"name": name, "value": v} for name, v in valuation.by_outlet.items()]


def medium_rows(valuation: Valuation, lang: str) -> list[dict[str, Any]]:
    return [
        {"name": medium_name(name, lang), "value": v} for name, v in valuation.by_medium.items()
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
    space = f", {cm} {unit_name('column_cm', lang)}" if c.column_cm else ""
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
        f"{name}: {f.fmt_money(value, lang)}" for name, value in zip(labels, values, strict=True)
    ]


def estimate_line(estimate: Estimate, lang: str) -> str:
    value, basis = f.fmt_money(estimate.value_cop, lang), f.fmt_money(estimate.basis_cop, lang)
    name = ESTIMATE_LABEL.get(lang, ESTIMATE_LABEL["es"])
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
    return f"{name}, {apart}: {value} = {how}"


def title(valuation: Valuation, lang: str) -> str:
    period = f"{f.fmt_date(valuation.start, lang)} – {f.fmt_date(valuation.end, lang)}"
    return f"{label('fp_title', lang)}, {period}"
