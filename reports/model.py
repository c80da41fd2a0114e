"""The weekly report's numbers: frozen dataclasses, one per section, no formatting.

Counts the sources did not give are None ("sin datos"), never 0. Money is int pesos.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from reports.extras_model import Extras
from reports.week import Week


def engagement_pct(interactions: int | None, followers: int | None) -> Decimal | None:
    """Engagement rate: interactions ÷ followers at the end of the week × 100, 2 decimals."""
    if interactions is None or not followers:
        return None
    return (Decimal(100 * interactions) / Decimal(followers)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the reader must know about how the report was made (no configuration, a logo
    that could not be embedded): `code` and its parameters, worded by reports/messages.py."""

    code: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Headline:
    key: str  # followers | new_followers | posts | interactions | mentions | stories | free_press
    value: int | None
    previous: int | None
    money: bool = False

    @property
    def change(self) -> int | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_pct(self) -> Decimal | None:
        change = self.change
        if change is None or not self.previous:
            return None
        return (Decimal(100 * change) / Decimal(self.previous)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True, slots=True)
class FollowerRow:
    platform: str
    account: str
    own: bool
    start: int | None
    end: int | None
    weekly_end: tuple[int | None, ...]  # followers at the end of each of the last 12 weeks
    handle: str = ""

    @property
    def new(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start

    @property
    def growth_pct(self) -> Decimal | None:
        new = self.new
        if new is None or not self.start:
            return None
        return (Decimal(100 * new) / Decimal(self.start)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True, slots=True)
class VolumeRow:
    platform: str
    week: int
    year_to_date: int
    target: int | None
    days_left: int  # days after the report's week until 31 December

    @property
    def remaining(self) -> int | None:
        return None if self.target is None else max(self.target - self.year_to_date, 0)

    @property
    def progress_pct(self) -> Decimal | None:
        if not self.target:
            return None
        return (Decimal(100 * self.year_to_date) / Decimal(self.target)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def pace_needed(self) -> int | None:
        """Whole posts per week still needed to meet the target by 31 December (rounded up:
        nobody publishes a tenth of a post)."""
        remaining = self.remaining
        if remaining is None or self.days_left <= 0:
            return None
        return -(-7 * remaining // self.days_left)


@dataclass(frozen=True, slots=True)
class InteractionRow:
    platform: str
    posts: int
    reactions: int | None
    comments: int | None
    shares: int | None
    views: int | None
    # The posts' interactions summed, each by its platform's rule (storage.interactions).
    interactions: int | None = None
    followers: int | None = None  # own accounts of the platform, at the end of the week

    @property
    def engagement_pct(self) -> Decimal | None:
        return engagement_pct(self.interactions, self.followers)


@dataclass(frozen=True, slots=True)
class AccountEngagement:
    """One own account's week: the ranking that compares accounts uses the engagement rate."""

    platform: str
    account: str
    posts: int
    interactions: int | None
    followers: int | None

    @property
    def engagement_pct(self) -> Decimal | None:
        return engagement_pct(self.interactions, self.followers)


@dataclass(frozen=True, slots=True)
class PeerEngagement:
    """A peer account's week beside the office's: the same engagement rule, on what the
    platform shows anyone. `posts` is None when its posts were not read (paid reads off, a
    platform that gives none, a failed night): unknown, never 0."""

    platform: str
    handle: str
    posts: int | None
    interactions: int | None
    followers: int | None  # the peer's, at the end of the week
    office_pct: Decimal | None  # the office's own accounts on the same platform

    @property
    def engagement_pct(self) -> Decimal | None:
        return engagement_pct(self.interactions, self.followers)


ALLOWED_THUMBNAILS = ("image/jpeg", "image/png", "image/webp", "image/gif")


@dataclass(frozen=True, slots=True)
class Picture:
    """A post's own picture as stored at collection time, embedded in the report."""

    mime: str  # image/jpeg | image/png | image/webp, checked by its bytes
    data: bytes

    @property
    def data_uri(self) -> str:
        """`data:image/jpeg;base64,...`: the HTML stays self-contained, no CDN is loaded."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True, slots=True)
class TopPost:
    platform: str
    account: str
    post_id: str
    published_at: datetime | None
    text: str | None
    url: str | None
    interactions: int | None
    views: int | None
    followers: int | None = None  # the account's, at the end of the week
    # The post's own picture as stored at collection time (never a platform CDN address).
    thumbnail: bytes | None = None
    thumbnail_mime: str | None = None

    @property
    def engagement_pct(self) -> Decimal | None:
        return engagement_pct(self.interactions, self.followers)

    @property
    def thumbnail_uri(self) -> str | None:
        """The stored thumbnail as a data: URI, only for plain raster images."""
        if not self.thumbnail or self.thumbnail_mime not in ALLOWED_THUMBNAILS:
            return None
        return f"data:{self.thumbnail_mime};base64,{base64.b64encode(self.thumbnail).decode()}"


@dataclass(frozen=True, slots=True)
class CoverageRow:
    name: str  # outlet name or medium
    medium: str | None
    mentions: int
    stories: int


@dataclass(frozen=True, slots=True)
class TopStory:
    title: str | None
    url: str | None
    mentions: int
    outlets: tuple[str, ...]
    first_published_at: datetime | None


@dataclass(frozen=True, slots=True)
class News:
    mentions: int
    stories: int
    by_outlet: tuple[CoverageRow, ...]
    by_medium: tuple[CoverageRow, ...]
    top_stories: tuple[TopStory, ...]


@dataclass(frozen=True, slots=True)
class ValueRow:
    name: str  # outlet or medium
    before_iva: int
    with_iva: int


@dataclass(frozen=True, slots=True)
class ValuedLine:
    outlet: str
    medium: str
    program: str | None
    aired_on: date
    title: str
    seconds: int | None
    column_cm: Decimal | None
    unit: str
    rate_cop: Decimal
    rate_ref: str  # the rate-card file and row ("rates.csv:4"): only the XLSX annex's "Origen"
    value_before_iva: int
    rate_outlet: str = ""
    rate_program: str | None = None
    rate_valid_from: date | None = None
    rate_valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class UnvaluedLine:
    outlet: str
    program: str | None
    aired_on: date
    title: str
    reason: str  # English, for scripts; the report words `code` and `params` (reports/messages)
    code: str = ""
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class FreePress:
    available: bool  # False: no clips, rates or valuation module to value with
    iva_rate: Decimal
    total_before_iva: int | None
    iva: int | None
    total_with_iva: int | None
    by_outlet: tuple[ValueRow, ...]
    by_medium: tuple[ValueRow, ...]
    clips: int
    airtime_s: int
    column_cm: Decimal
    web_items: int
    items: tuple[ValuedLine, ...]
    unvalued: tuple[UnvaluedLine, ...]


@dataclass(frozen=True, slots=True)
class SourceIssue:
    source: str
    kind: str
    problem: str  # failed | stale | auth
    error_kind: str | None
    reason: str | None
    times: int
    last_seen: date | None


@dataclass(frozen=True, slots=True)
class MissingDays:
    platform: str
    account: str
    days: tuple[date, ...]


@dataclass(frozen=True, slots=True)
class GivenUpPage:
    """An article page no longer fetched: it failed on `[news] give_up_after` nights."""

    outlet: str
    url: str
    nights_failed: int
    last_failed_on: date
    reason: str
    error_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Quality:
    runs: int
    failed_sources: tuple[SourceIssue, ...]
    stale_sources: tuple[SourceIssue, ...]
    credentials: tuple[SourceIssue, ...]
    missing_days: tuple[MissingDays, ...]
    given_up_pages: tuple[GivenUpPage, ...] = ()


@dataclass(frozen=True, slots=True)
class SpikeRow:
    """A day whose mentions spiked (alerted by the nightly flow): see reports/spikes.py."""

    key: str  # all | term:<term> | campaign:<name>
    day: date
    count: int
    mean: float
    sd: float


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    week: Week
    generated_at: datetime
    timezone: str
    has_data: bool
    summary: tuple[Headline, ...]
    followers: tuple[FollowerRow, ...]
    peers: tuple[FollowerRow, ...]
    sparkline_weeks: tuple[date, ...]  # the Sundays the sparklines' points belong to
    volume: tuple[VolumeRow, ...]
    interactions: tuple[InteractionRow, ...]
    top_posts: tuple[TopPost, ...]
    news: News
    free_press: FreePress
    quality: Quality
    engagement: tuple[AccountEngagement, ...] = ()
    # Beside `peers`, keyed by (platform, handle): their week's posts and engagement rate.
    peer_engagement: tuple[PeerEngagement, ...] = ()
    previous_has_data: bool = True  # False: the first week with data, nothing to compare with
    organization: str | None = None
    logo: str | None = None  # data: URI (reports/logo.py)
    notices: tuple[Notice, ...] = ()
    spikes: tuple[SpikeRow, ...] = ()
    # Reach and live broadcasts, campaigns, share of voice (reports/extras.py).
    extras: Extras = Extras()

    @property
    def tz(self) -> ZoneInfo:
        """The configured zone the report's days and times are read in."""
        return ZoneInfo(self.timezone)
