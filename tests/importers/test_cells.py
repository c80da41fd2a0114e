"""Cells as the office types them: es-CO numbers, amounts and dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from importers.cells import parse_amount, parse_count, parse_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("235343", 235_343),
        ("235.343", 235_343),
        ("1.235.343", 1_235_343),
        ("235,343", 235_343),
        (" 80.000 ", 80_000),
        ("0", 0),
    ],
)
def test_counts(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "negative"),
        ("abc", "not a whole number"),
        ("1,5", "not a whole number"),
        ("12.34", "not a whole number"),
        ("", "not a whole number"),
        ("1.234,567", "not a whole number"),
    ],
)
def test_bad_counts(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_count(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3900000", Decimal("3900000")),
        ("3.900.000", Decimal("3900000")),
        ("$ 3.900.000", Decimal("3900000")),
        ("$3.900.000", Decimal("3900000")),
        ("COP 3.900.000", Decimal("3900000")),
        ("3.900.000,50", Decimal("3900000.50")),
        ("1250,5", Decimal("1250.5")),
        ("1250.50", Decimal("1250.50")),
        ("850", Decimal("850")),
    ],
)
def test_amounts(text: str, expected: Decimal) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["-3.900.000", "tres millones", "", "3.90.000", "$"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-05-13", date(2020, 5, 13)),
        ("13/05/2020", date(2020, 5, 13)),
        ("1/2/2021", date(2021, 2, 1)),
    ],
)
def test_days(text: str, expected: date) -> None:
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2021", "not a real date"),
        ("2021-13-01", "not a real date"),
        ("13-05-2020", "not a date"),
        ("mayo 13", "not a date"),
    ],
)
def test_bad_days(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_day(text)
