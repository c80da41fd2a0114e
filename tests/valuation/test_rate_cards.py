"""Rate cards: which rate is in force for a clip, and which rate sets are invalid."""

from __future__ import annotations

from datetime import date

import pytest

from tests.valuation.factories import rate
from valuation.rate_cards import NoRate, Rate, RateIndex, validate_rates
from valuation.units import parse_medium, parse_unit

OUTLET = "noticiero 90 minutos"
DAY = date(2020, 5, 13)


def find(
    rates: list[Rate], program: str = "", day: date = DAY, measure: str = "time"
) -> Rate | NoRate:
    return RateIndex(rates).find(OUTLET, program, day, measure)  # type: ignore[arg-type]


def test_the_rate_in_force_on_the_air_date_is_used() -> None:
    old = rate("r1", 3_000_000, valid_from=date(2019, 1, 1), valid_to=date(2019, 12, 31))
    current = rate("r2", 3_900_000, valid_from=date(2020, 1, 1), valid_to=date(2020, 12, 31))
    assert find([old, current]) == current
    assert find([old, current], day=date(2019, 6, 1)) == old


def test_a_program_specific_rate_beats_an_outlet_wide_one() -> None:
    wide = rate("r1", 3_000_000, valid_from=date(2020, 3, 1))
    program = rate("r2", 3_900_000, program="Emisión central", valid_from=date(2019, 1, 1))
    assert find([wide, program], program="emision central") == program
    assert find([wide, program], program="otro programa") == wide
    assert find([wide, program]) == wide


def test_the_latest_valid_from_wins_among_equals() -> None:
    per_minute = rate("r1", 3_900_000, valid_from=date(2020, 1, 1))
    per_spot = rate("r2", 1_500_000, unit="spot30", valid_from=date(2020, 4, 1))
    assert find([per_minute, per_spot]) == per_spot


def test_two_units_starting_the_same_day_are_ambiguous_not_guessed() -> None:
    per_minute = rate("r1", 3_900_000)
    per_second = rate("r2", 65_000, unit="second")
    found = find([per_minute, per_second])
    assert isinstance(found, NoRate)
    assert found.reason == "ambiguous: rates r1 and r2 are both in force from 2020-01-01"
    assert found.reason_es == "ambigua: las tarifas r1 y r2 rigen desde 2020-01-01"


def test_a_rate_ends_on_its_valid_to_inclusive() -> None:
    ending = rate("r1", 3_900_000, valid_to=DAY)
    assert find([ending]) == ending
    after = find([ending], day=date(2020, 5, 14))
    assert isinstance(after, NoRate)
    assert after.reason == (
        "no rate for 'noticiero 90 minutos' in force on 2020-05-14 "
        "(rate periods: 2020-01-01..2020-05-13)"
    )
    assert after.reason_es == (
        "ninguna tarifa de 'noticiero 90 minutos' vigente el 14/05/2020 "
        "(vigencias: 2020-01-01..2020-05-13)"
    )


def test_only_units_that_measure_the_item_apply() -> None:
    print_rate = rate("r1", 120_000, unit="column_cm", medium="print")
    found = find([print_rate])
    assert isinstance(found, NoRate)
    assert (
        "has no airtime (second, minute or spot30) rate (its rates are per column_cm)"
        in found.reason
    )
    assert find([print_rate], measure="space") == print_rate


def test_an_outlet_without_rates_says_so() -> None:
    found = RateIndex([rate("r1", 1)]).find("blu radio", "", DAY, "time", outlet="Blu Radio")
    assert found == NoRate(
        "no rate card for outlet 'Blu Radio'",
        "no hay tarifario del medio 'Blu Radio'",
        "no_rate_card",
        (("outlet", "Blu Radio"),),
    )


def test_overlapping_periods_name_both_rows() -> None:
    first = rate("rates.csv:2", 3_900_000, valid_from=date(2020, 1, 1), valid_to=date(2020, 12, 31))
    second = rate("rates.csv:3", 4_000_000, valid_from=date(2020, 6, 1))
    problems = validate_rates([first, second])
    assert len(problems) == 1
    assert problems[0].ref == "rates.csv:3"
    assert "overlaps rates.csv:2 (period 2020-01-01..2020-12-31)" in problems[0].message


def test_an_open_ended_period_overlaps_every_later_one() -> None:
    open_ended = rate("a", 1, valid_from=date(2019, 1, 1))
    inside = rate("b", 1, valid_from=date(2019, 3, 1), valid_to=date(2019, 3, 31))
    later = rate("c", 1, valid_from=date(2020, 1, 1))
    problems = validate_rates([later, inside, open_ended])
    assert [(p.ref, "overlaps a" in p.message) for p in problems] == [("b", True), ("c", True)]


def test_adjacent_periods_and_different_programs_or_units_do_not_overlap() -> None:
    rates = [
        rate("a", 1, valid_from=date(2019, 1, 1), valid_to=date(2019, 12, 31)),
        rate("b", 1, valid_from=date(2020, 1, 1)),
        rate("c", 1, valid_from=date(2019, 1, 1), program="Emisión central"),
        rate("d", 1, valid_from=date(2019, 1, 1), unit="spot30"),
        rate("e", 1, valid_from=date(2019, 1, 1), outlet="Telepacífico"),
    ]
    assert validate_rates(rates) == []


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        (
            rate("x", 1, unit="column_cm", medium="tv"),
            "unit",
            "unit 'column_cm' does not fit medium 'tv' (use second, minute, spot30)",
        ),
        (
            rate("x", 1, unit="minute", medium="web"),
            "unit",
            "unit 'minute' does not fit medium 'web' (use item)",
        ),
        (rate("x", 0), "price", "must be more than 0, got 0"),
        (
            rate("x", 1, valid_from=date(2020, 2, 1), valid_to=date(2020, 1, 31)),
            "valid_to",
            "2020-01-31 is before valid_from 2020-02-01",
        ),
    ],
)
def test_row_problems(bad: Rate, column: str, message: str) -> None:
    problems = validate_rates([bad])
    assert [(p.ref, p.column, p.message) for p in problems] == [("x", column, message)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("minuto", "minute"),
        ("Minutos", "minute"),
        ("segundo", "second"),
        ("spot30", "spot30"),
        ("cm_columna", "column_cm"),
        ("cm columna", "column_cm"),
        ("nota", "item"),
        ("item", "item"),
    ],
)
def test_unit_names_in_both_languages(text: str, unit: str) -> None:
    assert parse_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "medium"), [("TV", "tv"), ("prensa", "print"), ("Televisión", "tv"), ("web", "web")]
)
def test_medium_names_in_both_languages(text: str, medium: str) -> None:
    assert parse_medium(text) == medium


def test_unknown_unit_and_medium_list_what_is_accepted() -> None:
    with pytest.raises(ValueError, match="unknown unit 'hora'"):
        parse_unit("hora")
    with pytest.raises(ValueError, match="unknown medium 'cine'"):
        parse_medium("cine")
