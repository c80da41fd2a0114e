"""Projections are estimates apart from the measured total."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.valuation.factories import clip, rate
from valuation.estimates import monitored_share, per_broadcast
from valuation.free_press import value_coverage
from valuation.rate_cards import RateIndex


def newscast():  # type: ignore[no-untyped-def]
    items = [clip(s, title=str(i)) for i, s in enumerate([168, 105, 166, 83, 69])]
    return value_coverage(
        items, RateIndex([rate("r", 3_900_000)]), start=date(2020, 5, 13), end=date(2020, 5, 13)
    )


def test_one_broadcast_times_27_broadcasts() -> None:
    valuation = newscast()
    estimate = per_broadcast(valuation, 27)
    assert estimate.value_cop == 38_415_000 * 27
    assert (estimate.basis_cop, estimate.measured) == (38_415_000, 1)
    assert valuation.total_before_iva == 38_415_000  # the measured total is untouched


def test_average_of_several_broadcasts_is_projected() -> None:
    items = [clip(60, aired_on=date(2020, 5, 13)), clip(120, aired_on=date(2020, 5, 14))]
    valuation = value_coverage(
        items, RateIndex([rate("r", 1_000)]), start=date(2020, 5, 1), end=date(2020, 5, 31)
    )
    assert per_broadcast(valuation, 10).value_cop == 15_000


def test_monitored_share_scales_the_total_up() -> None:
    estimate = monitored_share(newscast(), Decimal(70))
    assert estimate.value_cop == 54_878_571  # 38.415.000 / 0,7 = 54.878.571,43
    assert estimate.basis_cop == 38_415_000


@pytest.mark.parametrize("share", [Decimal(0), Decimal(101), Decimal(-5)])
def test_impossible_shares_are_rejected(share: Decimal) -> None:
    with pytest.raises(ValueError, match="monitored share"):
        monitored_share(newscast(), share)


def test_no_broadcast_no_projection() -> None:
    empty = value_coverage([], RateIndex([]), start=date(2020, 5, 1), end=date(2020, 5, 2))
    with pytest.raises(ValueError, match="no broadcast"):
        per_broadcast(empty, 27)
