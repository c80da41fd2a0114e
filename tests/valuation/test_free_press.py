"""Free-press value: the 2020 report's newscast, rounding, IVA, subtotals, unvalued clips."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tests.valuation.factories import clip, rate
from valuation.free_press import (
    CoverageItem,
    item_value,
    iva_of,
    round_half_up,
    value_coverage,
)
from valuation.rate_cards import RateIndex

MAY_13 = date(2020, 5, 13)


def value(items: list[CoverageItem], rates: list, **kwargs: object):  # type: ignore[no-untyped-def]
    return value_coverage(
        items, RateIndex(rates), start=date(2020, 5, 1), end=date(2020, 5, 31), **kwargs
    )  # type: ignore[arg-type]


def test_the_2020_newscast_is_worth_38_415_000_before_iva() -> None:
    items = [clip(s, title=f"Nota {i}") for i, s in enumerate([168, 105, 166, 83, 69])]
    result = value(items, [rate("tarifas.csv:2", "3900000")])
    assert result.total_before_iva == 38_415_000
    assert result.iva == 7_298_850
    assert result.total_with_iva == 45_713_850
    assert result.counts.clips == 5
    assert result.counts.airtime_s == 591
    assert [v.rate.ref for v in result.items] == ["tarifas.csv:2"] * 5


def test_each_item_is_rounded_half_up_before_adding() -> None:
    # 1 s at $90/min is $1,50 -> $2; three of them are $6, not round($4,50) = $5.
    result = value([clip(1, title=str(i)) for i in range(3)], [rate("r", 90)])
    assert [v.value_cop for v in result.items] == [2, 2, 2]
    assert result.total_before_iva == 6


def test_units_of_price() -> None:
    assert item_value(clip(45), rate("r", 65_000, unit="second")) == 2_925_000
    assert item_value(clip(45), rate("r", 1_000_000, unit="spot30")) == 1_500_000
    print_rate = rate("r", "120000", unit="column_cm", medium="print")
    assert item_value(clip(column_cm="35.5"), print_rate) == 4_260_000
    assert item_value(clip(), rate("r", "450000", unit="item", medium="web")) == 450_000


def test_iva_is_rounded_half_up_on_the_total_and_configurable() -> None:
    assert iva_of(38_415_000, Decimal("0.19")) == 7_298_850
    assert iva_of(50, Decimal("0.19")) == 10  # 9,5 -> 10
    result = value([clip(60)], [rate("r", 1_000)], iva_rate=Decimal("0.05"))
    assert (result.iva, result.total_with_iva) == (50, 1_050)


def test_a_clip_without_a_rate_in_force_is_unvalued_with_the_reason_never_zero() -> None:
    expired = rate("r", 3_900_000, valid_to=date(2020, 4, 30))
    result = value([clip(168, title="Sin tarifa")], [expired])
    assert result.items == ()
    assert result.total_before_iva == 0
    assert len(result.unvalued) == 1
    assert result.unvalued[0].item.title == "Sin tarifa"
    assert "in force on 2020-05-13" in result.unvalued[0].reason
    assert result.counts.unvalued == 1


def test_changing_a_validity_period_changes_which_rate_values_a_clip() -> None:
    items = [clip(60, aired_on=date(2020, 5, 10)), clip(60, aired_on=date(2020, 5, 20))]
    rates = [
        rate("old", 1_000, valid_to=date(2020, 5, 14)),
        rate("new", 2_000, valid_from=date(2020, 5, 15)),
    ]
    assert [v.rate.ref for v in value(items, rates).items] == ["old", "new"]
    moved = [
        rate("old", 1_000, valid_to=date(2020, 5, 31)),
        rate("new", 2_000, valid_from=date(2020, 6, 1)),
    ]
    assert [v.rate.ref for v in value(items, moved).items] == ["old", "old"]


def test_subtotals_per_outlet_and_per_medium() -> None:
    items = [
        clip(60),
        clip(120, outlet="Blu Radio"),
        clip(column_cm="10", outlet="El País"),
        clip(outlet="Cali es Cali"),
    ]
    rates = [
        rate("a", 1_000),
        rate("b", 500, outlet="Blu Radio", medium="radio"),
        rate("c", 300, outlet="El País", unit="column_cm", medium="print"),
        rate("d", 700, outlet="Cali es Cali", unit="item", medium="web"),
    ]
    result = value(items, rates)
    assert result.by_outlet == {
        "El País": 3_000,
        "Noticiero 90 Minutos": 1_000,
        "Blu Radio": 1_000,
        "Cali es Cali": 700,
    }
    assert result.by_medium == {"print": 3_000, "radio": 1_000, "tv": 1_000, "web": 700}
    assert (result.counts.clips, result.counts.mentions, result.counts.column_cm) == (
        3,
        1,
        Decimal(10),
    )


def test_items_outside_the_period_are_left_out() -> None:
    result = value([clip(60, aired_on=date(2020, 6, 1))], [rate("r", 1_000)])
    assert result.items == () and result.unvalued == ()


@given(st.integers(0, 10**12), st.integers(1, 10**6))
def test_round_half_up_matches_decimal_rounding(numerator: int, denominator: int) -> None:
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        expected = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1), ROUND_HALF_UP)
    assert round_half_up(numerator, denominator) == int(expected)


@given(
    st.lists(st.tuples(st.integers(1, 7200), st.sampled_from(["a", "b", "c"])), max_size=40),
    st.integers(1, 10_000_000),
)
def test_total_is_the_sum_of_the_items(clips: list[tuple[int, str]], price: int) -> None:
    items = [
        clip(seconds, outlet=outlet, title=str(i)) for i, (seconds, outlet) in enumerate(clips)
    ]
    rates = [rate("ra", price, outlet="a"), rate("rb", price + 1, outlet="b", unit="second")]
    result = value(items, rates)
    assert result.total_before_iva == sum(v.value_cop for v in result.items)
    assert (
        result.total_before_iva == sum(result.by_outlet.values()) == sum(result.by_medium.values())
    )
    assert result.total_with_iva == result.total_before_iva + result.iva
    assert len(result.items) + len(result.unvalued) == len(items)
    assert all(v.item.outlet != "c" for v in result.items)
