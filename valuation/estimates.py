"""Projections the office makes from a measured valuation: estimates, never measured totals.

"Value of one broadcast × broadcasts in the period" and "we monitor 70 % of the media
universe" are extrapolations; they are computed only when asked for, labelled as estimates
and kept apart from `Valuation.total_before_iva`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from valuation.free_press import Valuation, round_half_up


@dataclass(frozen=True, slots=True)
class Estimate:
    """An extrapolated figure (pesos before IVA) and the numbers it was extrapolated from."""

    kind: str  # "broadcasts" | "monitored_share"
    value_cop: int
    basis_cop: int  # the measured figure the estimate starts from
    measured: int | Decimal  # broadcasts measured, or the measured share in percent
    factor: int | Decimal  # broadcasts in the period, or 100 / share


def per_broadcast(valuation: Valuation, broadcasts: int) -> Estimate:
    """Average value of the measured broadcasts × `broadcasts` in the period.

    A broadcast is one outlet's program on one day; only airtime items count.
    """
    if broadcasts < 1:
        raise ValueError(f"broadcasts must be at least 1, got {broadcasts}")
    # The valuation counted the distinct broadcasts and summed their value as items went by.
    measured, basis = valuation.broadcasts, valuation.airtime_value
    if not measured:
        raise ValueError("no broadcast (TV or radio clip) was valued in the period")
    value = round_half_up(basis * broadcasts, measured)
    return Estimate("broadcasts", value, basis, measured, broadcasts)


def monitored_share(valuation: Valuation, share_pct: Decimal) -> Estimate:
    """The measured total scaled up to the whole media universe: total × 100 / share."""
    if not Decimal(0) < share_pct <= Decimal(100):
        raise ValueError(f"monitored share must be over 0 and at most 100 %, got {share_pct}")
    share_num, share_den = share_pct.as_integer_ratio()
    basis = valuation.total_before_iva
    value = round_half_up(basis * 100 * share_den, share_num)
    return Estimate("monitored_share", value, basis, share_pct, Decimal(100) / share_pct)
