"""SQLAlchemy 2.0 models: every table Pulso keeps.

Natural unique keys make re-runs and re-imports idempotent (repository functions upsert on
them). Days are Bogotá calendar days; timestamps are stored timezone-aware (UTC). Counts the
source did not give are NULL, never 0. Money is Numeric (Decimal), never float.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(18, 2)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Account(Base):
    """A social-media account: the office's own, or a peer's for benchmarking."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "handle_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    handle: Mapped[str] = mapped_column(String(200))
    # Lower-cased, without a leading '@': how users type handles is not how platforms spell them.
    handle_key: Mapped[str] = mapped_column(String(200))
    platform_id: Mapped[str | None] = mapped_column(String(100))
    display_name: Mapped[str | None] = mapped_column(String(300))
    own: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class FollowerSnapshot(Base):
    """One account's counts on one Bogotá day, collected or imported."""

    __tablename__ = "follower_snapshots"
    # followers rides in the unique index on PostgreSQL (migration 0012): growth's points are
    # then read from the index alone (storage/growth.py).
    __table_args__ = (UniqueConstraint("account_id", "day", postgresql_include=["followers"]),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    followers: Mapped[int | None] = mapped_column(BigInteger)
    following: Mapped[int | None] = mapped_column(BigInteger)
    posts_count: Mapped[int | None] = mapped_column(BigInteger)
    views_total: Mapped[int | None] = mapped_column(BigInteger)
    likes_total: Mapped[int | None] = mapped_column(BigInteger)
    # Why a count is NULL although the platform answered (e.g. subscribers hidden).
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))  # collected | imported
    collected_at: Mapped[datetime] = mapped_column(UtcDateTime())
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_runs.id", ondelete="SET NULL")
    )


class Post(Base):
    """A post, tweet, reel or video published by an account."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("account_id", "platform_post_id"),
        Index("ix_posts_account_published", "account_id", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    platform_post_id: Mapped[str] = mapped_column(String(100))
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    url: Mapped[str | None] = mapped_column(String(2000))
    text: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(50))
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PostThumbnail(Base):
    """A post's own picture, fetched once at collection time (size-capped, type-checked), so
    the report embeds it and never loads the platform's CDN when opened."""

    __tablename__ = "post_thumbnails"

    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)
    mime: Mapped[str] = mapped_column(String(20))  # image/jpeg | image/png | image/webp
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PostMetricSnapshot(Base):
    """A post's interaction counts on one Bogotá day."""

    __tablename__ = "post_metric_snapshots"
    __table_args__ = (UniqueConstraint("post_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    reactions: Mapped[int | None] = mapped_column(BigInteger)
    comments: Mapped[int | None] = mapped_column(BigInteger)
    shares: Mapped[int | None] = mapped_column(BigInteger)
    views: Mapped[int | None] = mapped_column(BigInteger)
    saves: Mapped[int | None] = mapped_column(BigInteger)
    quotes: Mapped[int | None] = mapped_column(BigInteger)  # X quote posts
    # Why a metric is NULL although the platform answered (likes hidden, views refused).
    note: Mapped[str | None] = mapped_column(Text)
    collected_at: Mapped[datetime] = mapped_column(UtcDateTime())
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_runs.id", ondelete="SET NULL")
    )


class Outlet(Base):
    """A news outlet (TV, radio, print, web); rates, clips and articles hang from it."""

    __tablename__ = "outlets"
    __table_args__ = (UniqueConstraint("name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Case-, accent- and blank-insensitive: "El País" == " el pais ".
    name_key: Mapped[str] = mapped_column(String(200))
    medium: Mapped[str | None] = mapped_column(String(20))
    # The office's own portal (`own = true`): its items are the office's web publications,
    # never press mentions nor free press.
    own: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Story(Base):
    """A group of near-duplicate articles (one agency story syndicated across outlets)."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    signature: Mapped[str | None] = mapped_column(String(64), index=True)
    first_published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Article(Base):
    """A fetched news item; the table is also the seen-set of article URLs."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("canonical_url"),
        UniqueConstraint("outlet_id", "title_key", "published_day"),
        Index("ix_articles_published_at", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    canonical_url: Mapped[str] = mapped_column(String(2000))
    url: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(Text)
    title_key: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    published_day: Mapped[date | None] = mapped_column(Date)
    author: Mapped[str | None] = mapped_column(String(300))
    section: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str | None] = mapped_column(Text)
    simhash: Mapped[str | None] = mapped_column(String(16))
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"))
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Mention(Base):
    """An article that matched the office's terms: which terms, where, and a snippet."""

    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    matched_terms: Mapped[list[Any]] = mapped_column(JSON)
    in_title: Mapped[bool] = mapped_column(Boolean, default=False)
    in_body: Mapped[bool] = mapped_column(Boolean, default=False)
    snippet: Mapped[str | None] = mapped_column(Text)
    matched_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PeerMention(Base):
    """An article that matched a peer's news terms (`[[peers]]`), tagged with the peer: the
    share of voice counts it beside the office's mentions, never as one of them."""

    __tablename__ = "peer_mentions"
    __table_args__ = (UniqueConstraint("article_id", "peer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    peer: Mapped[str] = mapped_column(String(200))
    matched_terms: Mapped[list[Any]] = mapped_column(JSON)
    matched_at: Mapped[datetime] = mapped_column(UtcDateTime())


class MentionWeek(Base):
    """Dated mentions per outlet and local ISO week (its Monday, in the zone of
    MentionWeeksState): kept by the transaction that stores mentions (storage.mention_weeks),
    so a long period is counted from one row per week and outlet, not a join per mention."""

    __tablename__ = "mention_weeks"

    week: Mapped[date] = mapped_column(Date, primary_key=True)
    outlet_id: Mapped[int] = mapped_column(
        ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True
    )
    mentions: Mapped[int] = mapped_column(Integer)


class MentionWeeksState(Base):
    """One row: the zone of mention_weeks' Mondays and the mentions table as they were when
    the weeks were last made exact (how many, the highest id). Readers use the weeks only
    while both still hold, so a write that bypassed storage makes them count the rows again."""

    __tablename__ = "mention_weeks_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    zone: Mapped[str] = mapped_column(String(64))
    mentions: Mapped[int] = mapped_column(Integer)
    last_id: Mapped[int] = mapped_column(Integer)


class FreePressDay(Base):
    """Free press kept per local day, outlet, program, measure and kind (clip or web mention):
    how many items, their seconds and column-centimetres (hundredths) and their value in whole
    pesos at the rate in force (`rate_card_id`, NULL: none, the items are unvalued), summed item
    by item as valuation/free_press.py values them. Kept by the transactions that store clips,
    mentions and rates (storage.free_press_days), for MentionWeek's reason: a long period is
    summed from one row per day, not valued from every item on each request."""

    __tablename__ = "free_press_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    outlet_id: Mapped[int] = mapped_column(
        ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True
    )
    program_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    measure: Mapped[str] = mapped_column(String(8), primary_key=True)
    clip: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    week: Mapped[date] = mapped_column(Date)  # the day's ISO week (its Monday)
    month: Mapped[date] = mapped_column(Date)  # the day's month (its first day)
    rate_card_id: Mapped[int | None] = mapped_column(Integer)
    items: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[int] = mapped_column(BigInteger)
    cm_cents: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[int] = mapped_column(BigInteger)


class FreePressMonth(Base):
    """FreePressDay's rows summed per calendar month (its first day): a long period's totals
    are its whole months' rows and the days at its ends. `rate_card_id` 0: no rate in force;
    `days`: how many day rows were summed (a valued airtime day row is one broadcast)."""

    __tablename__ = "free_press_months"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    outlet_id: Mapped[int] = mapped_column(
        ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True
    )
    program_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    measure: Mapped[str] = mapped_column(String(8), primary_key=True)
    clip: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    rate_card_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    items: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[int] = mapped_column(BigInteger)
    cm_cents: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[int] = mapped_column(BigInteger)
    days: Mapped[int] = mapped_column(Integer)


class FreePressWeek(Base):
    """FreePressDay's rows summed per ISO week (its Monday) and outlet: the free-press page's
    week × outlet cells of a period's whole weeks, one row each. `valued`: how many of the
    items have a rate (none: the cell has no value), `value`: theirs."""

    __tablename__ = "free_press_weeks"

    week: Mapped[date] = mapped_column(Date, primary_key=True)
    outlet_id: Mapped[int] = mapped_column(
        ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True
    )
    items: Mapped[int] = mapped_column(Integer)
    valued: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(BigInteger)


class FreePressDaysState(Base):
    """One row: what free_press_days was made exact against (the zone of undated mentions'
    days, the clips and mentions tables' row counts and highest ids, a digest of the rate
    cards). Readers use the kept days only while all of it still holds."""

    __tablename__ = "free_press_days_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    zone: Mapped[str] = mapped_column(String(64))
    clips: Mapped[int] = mapped_column(Integer)
    clip_last: Mapped[int] = mapped_column(Integer)
    mentions: Mapped[int] = mapped_column(Integer)
    mention_last: Mapped[int] = mapped_column(Integer)
    rates: Mapped[str] = mapped_column(String(64))


class FeedState(Base):
    """Conditional-GET validators per feed or sitemap URL."""

    __tablename__ = "feed_states"
    __table_args__ = (UniqueConstraint("url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PageFailure(Base):
    """An article page that could not be collected, counted once per Bogotá night.

    Deleted when the page is collected; after `[news] give_up_after` nights it is given up:
    no longer fetched (it counts as seen) and listed in the weekly report's data quality.
    """

    __tablename__ = "page_failures"
    __table_args__ = (UniqueConstraint("outlet_id", "canonical_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    canonical_url: Mapped[str] = mapped_column(String(2000))
    first_failed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_failed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_failed_day: Mapped[date] = mapped_column(Date)
    nights_failed: Mapped[int] = mapped_column(Integer)
    last_error_kind: Mapped[str] = mapped_column(String(30))
    last_reason: Mapped[str] = mapped_column(Text)
    given_up: Mapped[bool] = mapped_column(Boolean, default=False)


class RateCard(Base):
    """An outlet's advertising price per unit before IVA, valid over a period."""

    __tablename__ = "rate_cards"
    __table_args__ = (UniqueConstraint("outlet_id", "program_key", "unit", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    program: Mapped[str | None] = mapped_column(String(300))
    # '' for an outlet-wide rate, so the unique key works (NULLs never collide).
    program_key: Mapped[str] = mapped_column(String(300), default="")
    medium: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(String(20))
    price_cop: Mapped[Decimal] = mapped_column(Money)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    source_file: Mapped[str | None] = mapped_column(String(500))
    source_row: Mapped[int | None] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Clip(Base):
    """A TV/radio/print item from a clip log."""

    __tablename__ = "clips"
    __table_args__ = (
        UniqueConstraint("clip_key"),
        # Every column a valuation reads, after the air date: `pulso valuate` walks the index
        # in air order instead of looking up each clip's row (migration 0010). SQLite only:
        # PostgreSQL refuses an index entry over ~2.7 kB, so a long title would make an import
        # fail there; it keeps the air-date index and reads the rows it points to.
        Index(
            "ix_clips_valuation",
            "aired_on",
            "outlet_id",
            "program_key",
            "program",
            "duration_s",
            "column_cm",
            "title",
        ).ddl_if(dialect="sqlite"),
        Index("ix_clips_aired_on", "aired_on").ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Hash of outlet + program + air date + title + duration/space, normalised: the same clip.
    clip_key: Mapped[str] = mapped_column(String(64))
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"))
    program: Mapped[str | None] = mapped_column(String(300))
    program_key: Mapped[str] = mapped_column(String(300), default="")
    aired_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    column_cm: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    source_file: Mapped[str | None] = mapped_column(String(500))
    source_row: Mapped[int | None] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CollectionRun(Base):
    """One night's (or one command's) collection."""

    __tablename__ = "collection_runs"
    __table_args__ = (Index("ix_collection_runs_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # nightly | manual | replay | demo
    status: Mapped[str] = mapped_column(String(20))  # running | ok | partial | failed
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    flags: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SourceResult(Base):
    """The outcome of one source (an account or an outlet) in one run."""

    __tablename__ = "source_results"
    __table_args__ = (
        UniqueConstraint("run_id", "source"),
        Index("ix_source_results_source", "source", "finished_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("collection_runs.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(
        String(300)
    )  # e.g. "facebook:AlcaldiaDeCali", "news:El País"
    kind: Mapped[str] = mapped_column(String(20))  # facebook ... tiktok | news
    status: Mapped[str] = mapped_column(String(20))  # ok | failed | skipped
    error_kind: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class RawPayload(Base):
    """A platform's answer as received, so records can be re-parsed when parsing improves."""

    __tablename__ = "raw_payloads"
    __table_args__ = (UniqueConstraint("source", "request_key", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(300))
    # Method, path and sorted query with secrets removed.
    request_key: Mapped[str] = mapped_column(String(2000))
    day: Mapped[date] = mapped_column(Date)
    content_type: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime())
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_runs.id", ondelete="SET NULL")
    )


class ImportBatch(Base):
    """One imported file: what, when, and how many rows were added or replaced."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # followers | rates | clips | posts
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    replaced: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Delivery(Base):
    """One sending of a week's report (e-mail): who it went to, how it ended, after how many tries.

    A failed delivery keeps its reason; the week's files are written before and stay on disk.
    """

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_week", "week", "channel", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # YYYY-Www, or a period report's label (2021-S1, 2021, 2020-01-01_2021-09-30)
    week: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))  # email
    recipients: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # sent | failed
    reason: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Spike(Base):
    """A day whose mentions (overall, of a term or of a campaign) jumped above their usual level.

    Unique per key and day: the alert goes out once, whatever re-runs the night has.
    Mean and standard deviation are statistics of counts, not money: float is right here.
    """

    __tablename__ = "spikes"
    __table_args__ = (UniqueConstraint("key", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))  # "all", "term:Alcaldía de Cali", ...
    day: Mapped[date] = mapped_column(Date)
    count: Mapped[int] = mapped_column(Integer)
    mean: Mapped[float] = mapped_column(Float)
    sd: Mapped[float] = mapped_column(Float)
    stories: Mapped[list[Any] | None] = mapped_column(JSON)
    alerted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AccountInsight(Base):
    """One insights metric of an account (reach, views...) for one day it measured."""

    __tablename__ = "account_insights"
    __table_args__ = (UniqueConstraint("account_id", "day", "metric"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(100))
    value: Mapped[int | None] = mapped_column(BigInteger)
    # Why the value is NULL although the platform answered (metric retired, not enough viewers).
    note: Mapped[str | None] = mapped_column(Text)
    collected_at: Mapped[datetime] = mapped_column(UtcDateTime())
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_runs.id", ondelete="SET NULL")
    )


class PostInsight(Base):
    """One insights metric of a post (lifetime value) as read on one Bogotá night."""

    __tablename__ = "post_insights"
    __table_args__ = (UniqueConstraint("post_id", "day", "metric"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(100))
    value: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)
    collected_at: Mapped[datetime] = mapped_column(UtcDateTime())
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_runs.id", ondelete="SET NULL")
    )


class LiveBroadcast(Base):
    """A live broadcast (Facebook Live): kept current each night while Meta lists it."""

    __tablename__ = "live_videos"
    __table_args__ = (
        UniqueConstraint("account_id", "live_id"),
        Index("ix_live_videos_account_started", "account_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    live_id: Mapped[str] = mapped_column(String(100))
    video_id: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    duration_s: Mapped[int | None] = mapped_column(Integer)
    live_views: Mapped[int | None] = mapped_column(BigInteger)
    total_views: Mapped[int | None] = mapped_column(BigInteger)
    peak_viewers: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    collected_at: Mapped[datetime] = mapped_column(UtcDateTime())
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_runs.id", ondelete="SET NULL")
    )
