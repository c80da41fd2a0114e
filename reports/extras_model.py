"""The numbers of the reach, campaigns and share-of-voice sections of the weekly and period
reports (built by reports/extras.py): frozen dataclasses, no formatting; None is "sin datos"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.queries.campaigns import CampaignFigures


@dataclass(frozen=True, slots=True)
class ReachRow:
    platform: str
    account: str
    reach: int | None
    views: int | None
    post_views: int | None
    post_views_label: str  # views | impressions (X)
    days_measured: int


@dataclass(frozen=True, slots=True)
class LiveRow:
    platform: str
    account: str
    title: str | None  # the platform's text: untrusted, escaped by the page
    started_at: datetime | None
    duration_s: int | None
    total_views: int | None


@dataclass(frozen=True, slots=True)
class ShareRow:
    outlet: str
    own: int
    peers: int
    share_pct: Decimal | None  # one decimal, as `pulso share`


@dataclass(frozen=True, slots=True)
class Extras:
    reach: tuple[ReachRow, ...] = ()
    live: tuple[LiveRow, ...] = ()
    campaigns: tuple[CampaignFigures, ...] = ()  # those that ran in the period
    campaigns_configured: bool = False
    share: tuple[ShareRow, ...] = ()
    peers_configured: bool = False

    @property
    def has_reach(self) -> bool:
        """Anything measured: a reach, a views figure or a live broadcast (else one line)."""
        measured = any(
            r.reach is not None or r.views is not None or r.post_views is not None
            for r in self.reach
        )
        return measured or bool(self.live)
