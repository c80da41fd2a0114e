"""The valuation's fast paths give what the plain rule gives: the rate timeline against
`RateIndex.lookup` day by day, and the templated JSON items against `flat_json(item_json)` (the
CLI's) and JSONResponse's compact JSON (the API's)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.responses import JSONResponse

from pulso.cli.output import JsonArray, flat_json
from reports.answers.valuation import (
    CSV_COLUMNS,
    ItemJsonText,
    csv_valued_row,
    csv_valued_values,
    item_json,
    unvalued_json,
    valuation_json,
    valuation_json_text,
)
from tests.valuation.factories import key, rate
from valuation.estimates import Estimate
from valuation.free_press import (
    Counts,
    CoverageItem,
    Tally,
    UnvaluedItem,
    Valuation,
    ValuedItem,
    item_value,
)
from valuation.rate_cards import NoRate, Priced, Rate, RateIndex
from valuation.units import Unit

FIRST = date(2020, 1, 1)
DAYS = st.integers(min_value=0, max_value=60).map(lambda n: FIRST + timedelta(days=n))
UNITS: tuple[Unit, ...] = ("second", "minute", "spot30")


@st.composite
def rate_rows(draw: st.DrawFn) -> list[Rate]:
    """Rates of one outlet, some per program, overlapping, tied, open-ended: anything the
    index may be given (validation is not the index's job)."""
    rows = []
    for n in range(draw(st.integers(min_value=0, max_value=6))):
        start = draw(DAYS)
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=30)))
        rows.append(
            rate(
                f"r{n}",
                draw(st.integers(min_value=1, max_value=5_000_000)),
                unit=draw(st.sampled_from(UNITS)),
                valid_from=start,
                valid_to=None if length is None else start + timedelta(days=length),
                program=draw(st.sampled_from([None, "Emisión central"])),
            )
        )
    return rows


@settings(max_examples=100, deadline=None)
@given(rates=rate_rows(), program=st.sampled_from(["", "emision central", "otro"]))
def test_the_timeline_answers_what_the_lookup_answers_on_every_day(
    rates: list[Rate], program: str
) -> None:
    index = RateIndex(rates)
    outlet = "noticiero 90 minutos"
    starts, priced = index.timeline(outlet, program, "time")
    for n in range(-2, 100):
        day = FIRST + timedelta(days=n)
        found = index.lookup(outlet, program, day, "time")
        fast = [p for s, p in zip(starts, priced, strict=True) if s <= day][-1]
        if isinstance(found, NoRate):
            assert fast is None
        else:
            assert isinstance(found, Priced) and fast == found


TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)


@st.composite
def valued_items(draw: st.DrawFn) -> ValuedItem:
    airtime = draw(st.booleans())
    cm = None if airtime else draw(st.decimals(min_value=0, max_value=500, places=2))
    item = CoverageItem(
        outlet=draw(TEXT),
        outlet_key="medio",
        aired_on=draw(DAYS),
        title=draw(TEXT),
        program=draw(st.one_of(st.none(), TEXT)),
        seconds=draw(st.integers(min_value=0, max_value=10_000)) if airtime else None,
        column_cm=cm,
    )
    priced = rate(
        draw(TEXT),
        draw(st.integers(min_value=1, max_value=10**9)),
        unit="second" if airtime else "column_cm",
        medium="tv" if airtime else "print",
    )
    return ValuedItem(item, priced, draw(st.integers(min_value=0, max_value=10**12)))


@settings(deadline=None)
@given(items=st.lists(valued_items(), max_size=5))
def test_the_templated_json_item_is_flat_json_of_item_json(items: list[ValuedItem]) -> None:
    text = ItemJsonText(JsonArray.INDENT)
    for valued in items:
        assert text(valued) == flat_json(item_json(valued), JsonArray.INDENT)


def _compact(data: object) -> str:
    # What the API's JSONResponse writes (starlette.responses.JSONResponse.render).
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


@settings(deadline=None)
@given(items=st.lists(valued_items(), max_size=5), reasons=st.lists(TEXT, max_size=5))
def test_the_compact_templates_are_the_apis_json(
    items: list[ValuedItem], reasons: list[str]
) -> None:
    """Without an indent: the valued and unvalued items as JSONResponse writes them, and the
    whole answer around them (`valuation_json_text`) as JSONResponse writes `valuation_json`."""
    text = ItemJsonText(None)
    unvalued = [UnvaluedItem(v.item, reason) for v, reason in zip(items, reasons, strict=False)]
    for valued in items:
        assert text(valued) == _compact(item_json(valued))
    for u in unvalued:
        assert text.unvalued(u) == _compact(unvalued_json(u))
    whole = Valuation(
        FIRST, FIRST, Decimal("0.19"), (), (), 10, 2, 12, {}, {}, Counts(1, 2, Decimal(0), 0, 0)
    )
    shares = Estimate("monitored_share", 14, 10, Decimal("70.5"), Decimal(100) / Decimal("70.5"))
    for found in ([], [Estimate("broadcasts", 30, 3, 10, 27), shares]):
        page = dataclasses.replace(whole, items=tuple(items), unvalued=tuple(unvalued))
        written = valuation_json_text(
            whole, ",".join(map(text, items)), ",".join(map(text.unvalued, unvalued)), found
        )
        assert written == _compact(valuation_json(page, found))
        assert written.encode() == JSONResponse(valuation_json(page, found)).body


def test_a_tally_values_items_in_any_order_with_the_rate_of_their_day() -> None:
    rates = [
        rate("r1", 60, unit="second", valid_from=date(2020, 1, 1), valid_to=date(2020, 1, 31)),
        rate("r2", 120, unit="second", valid_from=date(2020, 2, 1)),
        rate("r3", 600, unit="minute", program="Matinal", valid_from=date(2020, 1, 15)),
    ]
    outlet = "noticiero 90 minutos"

    def clip(day: date, program: str = "") -> CoverageItem:
        return CoverageItem("Noticiero 90 Minutos", outlet, day, "t", program or None, program, 30)

    items = [
        clip(date(2020, 2, 3)),
        clip(date(2020, 1, 10), "matinal"),  # before the program's rate: the outlet-wide one
        clip(date(2020, 1, 20), "matinal"),
        clip(date(2019, 12, 31)),
        clip(date(2020, 1, 5)),
    ]
    results = list(
        Tally(RateIndex(rates)).value(
            items, start=date(2019, 1, 1), end=FIRST + timedelta(days=400)
        )
    )
    assert [r.rate.ref if isinstance(r, ValuedItem) else None for r in results] == [
        "r2",
        "r1",
        "r3",
        None,
        "r1",
    ]
    assert [r.value_cop for r in results if isinstance(r, ValuedItem)] == [3600, 1800, 300, 1800]
    unvalued = results[3]
    assert isinstance(unvalued, UnvaluedItem) and unvalued.code == "not_in_force"


@settings(deadline=None)
@given(items=st.lists(valued_items(), max_size=5))
def test_a_streamed_csv_row_has_the_values_of_csv_valued_row(items: list[ValuedItem]) -> None:
    for valued in items:
        row = csv_valued_row(valued)
        assert csv_valued_values(valued) == [row.get(c.key) for c in CSV_COLUMNS]


@st.composite
def coverage(draw: st.DrawFn) -> CoverageItem:
    """Airtime, print or web items of two outlets and two programs, some on the same day."""
    outlet = draw(st.sampled_from(["Noticiero 90 Minutos", "Radio Uno"]))
    program = draw(st.sampled_from([None, "Emisión central", "Otro"]))
    measure = draw(st.sampled_from(["time", "space", "item"]))
    return CoverageItem(
        outlet=outlet,
        outlet_key=key(outlet),
        aired_on=draw(DAYS),
        title="t",
        program=program,
        program_key=key(program or ""),
        seconds=draw(st.integers(min_value=0, max_value=4_000)) if measure == "time" else None,
        column_cm=(
            draw(st.decimals(min_value=0, max_value=300, places=2)) if measure == "space" else None
        ),
    )


@settings(max_examples=100, deadline=None)
@given(rates=rate_rows(), items=st.lists(coverage(), max_size=30))
def test_a_tally_sums_what_the_plain_rule_gives_item_by_item(
    rates: list[Rate], items: list[CoverageItem]
) -> None:
    """Values, totals, airtime and distinct broadcasts (outlet, program, day) of the tally's
    running sums against `RateIndex.find` and `item_value` applied to each item."""
    index = RateIndex(rates)
    tally = Tally(index)
    results = list(tally.value(items, start=FIRST, end=FIRST + timedelta(days=60)))
    expected: list[tuple[Rate, int] | None] = []
    on_air: set[tuple[str, str, date]] = set()
    airtime = 0
    for item in items:
        found = index.find(item.outlet_key, item.program_key, item.aired_on, item.measure)
        if isinstance(found, NoRate):
            expected.append(None)
            continue
        value = item_value(item, found)
        expected.append((found, value))
        if item.seconds is not None:
            on_air.add((item.outlet_key, item.program_key, item.aired_on))
            airtime += item.seconds
    got = [None if isinstance(r, UnvaluedItem) else (r.rate, r.value_cop) for r in results]
    assert got == expected
    summary = tally.valuation(FIRST, FIRST, Decimal("0.19"))
    assert summary.total_before_iva == sum(e[1] for e in expected if e is not None)
    assert summary.broadcasts == len(on_air)
    assert summary.counts.airtime_s == airtime
    assert summary.counts.unvalued == expected.count(None)
