"""Build the weekly report's model (numbers only) from storage, for one Bogotá week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from reports.extras import build_extras
from reports.logo import LogoProblem, load_logo
from reports.model import (
    AccountEngagement,
    FollowerRow,
    Headline,
    InteractionRow,
    MissingDays,
    News,
    Notice,
    PeerEngagement,
    Quality,
    SpikeRow,
    TopPost,
    VolumeRow,
    WeeklyReport,
)
from reports.names import AccountNames
from reports.queries import followers as fq
from reports.queries import news as nq
from reports.queries import posts as pq
from reports.queries import quality as qq
from reports.queries.free_press import free_press_section
from reports.week import Week
from settings.model import Config
from storage.coverage_reads import value_days
from storage.models import Account
from storage.spikes import spikes_between
from storage.thumbnails import thumbnails_for
from valuation.free_press import Valuation


def _sum_known(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _own_platforms(session: Session) -> set[str]:
    return set(session.scalars(select(Account.platform).where(Account.own.is_(True))))


def volume_rows(
    session: Session, week: Week, targets: dict[str, int], tz: ZoneInfo
) -> list[VolumeRow]:
    start, end = week.utc_bounds(tz)
    in_week = pq.posts_per_platform(session, start, end)
    ytd = pq.posts_per_platform(session, pq.year_start_utc(week, tz), end)
    days_left = (date(week.end.year, 12, 31) - week.end).days
    platforms = sorted(_own_platforms(session) | set(targets) | set(ytd), key=fq.platform_order)
    return [
        VolumeRow(p, in_week.get(p, 0), ytd.get(p, 0), targets.get(p), days_left) for p in platforms
    ]


@dataclass(frozen=True, slots=True)
class WeekFacts:
    """What one week's sections and headline figures are computed from."""

    followers: list[FollowerRow]  # own and peer accounts
    posts: list[pq.PostFacts]
    news: News
    valuation: Valuation

    @property
    def own(self) -> list[FollowerRow]:
        return [r for r in self.followers if r.own]


def week_facts(
    session: Session, week: Week, config: Config, series: list[fq.AccountSeries], as_of: date
) -> WeekFacts:
    return WeekFacts(
        followers=fq.follower_rows(series, week),
        posts=pq.week_posts(session, week, as_of, config.tz, AccountNames(config)),
        news=nq.news_section(nq.week_mentions(session, week, config.tz)),
        valuation=value_days(
            session, week.start, week.end, iva_rate=config.valuation.iva_rate, tz=config.tz
        ),
    )


def week_figures(facts: WeekFacts) -> dict[str, int | None]:
    """The summary's figures of one week: the same function for this week and the previous."""
    own = facts.own
    return {
        "followers": _sum_known([r.end for r in own]),
        "new_followers": _sum_known([r.new for r in own]),
        "posts": len(facts.posts),
        "interactions": _sum_known([p.interactions for p in facts.posts]),
        "mentions": facts.news.mentions,
        "stories": facts.news.stories,
        "free_press": facts.valuation.total_before_iva if facts.valuation.items else None,
    }


def _headlines(
    current: dict[str, int | None], previous: dict[str, int | None]
) -> tuple[Headline, ...]:
    return tuple(
        Headline(key, current[key], previous[key], money=key == "free_press") for key in current
    )


def _has_data(facts: WeekFacts) -> bool:
    return bool(
        any(r.end is not None for r in facts.followers)
        or facts.posts
        or facts.news.mentions
        or facts.valuation.items
        or facts.valuation.unvalued
    )


def _quality(
    session: Session, week: Week, config: Config, series: list[fq.AccountSeries], as_of: date
) -> Quality:
    results = qq.load_results(session, week)
    missing = [
        MissingDays(s.platform, s.account, days)
        for s in series
        if (days := fq.missing_days(s, week, as_of))
    ]
    credentials = qq.auth_problems(results, week) + qq.expiring_tokens(
        session, week, config.health.token_warning_days
    )
    return Quality(
        runs=qq.count_runs(session, week),
        failed_sources=tuple(qq.failed_sources(results, week)),
        stale_sources=tuple(qq.stale_sources(results, week, config.health.stale_after_nights)),
        credentials=tuple(credentials),
        missing_days=tuple(missing),
        given_up_pages=tuple(qq.pages_given_up(session, week)),
    )


def _engagement(facts: WeekFacts) -> tuple[AccountEngagement, ...]:
    """Own accounts ranked by engagement rate (then interactions): the fair comparison."""
    rows = []
    for account in facts.own:
        posts = [
            p for p in facts.posts if (p.platform, p.handle) == (account.platform, account.handle)
        ]
        interactions = _sum_known([p.interactions for p in posts])
        rows.append(
            AccountEngagement(
                account.platform, account.account, len(posts), interactions, account.end
            )
        )
    return tuple(
        sorted(
            rows,
            key=lambda r: (
                r.engagement_pct is None,
                -(r.engagement_pct or 0),
                -(r.interactions or 0),
                fq.platform_order(r.platform),
            ),
        )
    )


def peer_engagement(
    session: Session,
    week: Week,
    as_of: date,
    config: Config,
    peers: Sequence[FollowerRow],
    office: Sequence[InteractionRow],
) -> tuple[PeerEngagement, ...]:
    """Each peer's week (posts, interactions, engagement rate) beside the office's rate on the
    same platform; a peer whose posts were not read has no figures, not zeros."""
    posts = pq.week_posts(session, week, as_of, config.tz, own=False)
    # Read during the week or the night after it (that night measures Sunday's posts).
    last = min(as_of, week.end + timedelta(days=1))
    read = pq.posts_read(session, week.start, last, own=False)
    office_pct = {row.platform: row.engagement_pct for row in office}
    rows = []
    for peer in peers:
        key = (peer.platform, peer.handle)
        mine = [p for p in posts if (p.platform, p.handle) == key]
        known = bool(mine) or key in read
        rows.append(
            PeerEngagement(
                peer.platform,
                peer.handle,
                posts=len(mine) if known else None,
                interactions=_sum_known([p.interactions for p in mine]),
                followers=peer.end,
                office_pct=office_pct.get(peer.platform),
            )
        )
    return tuple(rows)


def _platform_followers(facts: WeekFacts) -> dict[str, int | None]:
    by_platform: dict[str, list[int | None]] = {}
    for row in facts.own:
        by_platform.setdefault(row.platform, []).append(row.end)
    return {platform: _sum_known(ends) for platform, ends in by_platform.items()}


def config_notices(
    config: Config, config_found: bool, config_path: str = "pulso.toml"
) -> list[Notice]:
    """What the report lacks because the configuration does not say it."""
    if not config_found:
        return [Notice("no_config", (("path", config_path),))]
    notices = []
    if not config.accounts:
        notices.append(Notice("no_accounts"))
    if not config.targets:
        notices.append(Notice("no_targets"))
    return notices


def logo_and_notice(path: Path | None) -> tuple[str | None, list[Notice]]:
    """The logo's data: URI, or why there is none (a missing or unusable file)."""
    if path is None:
        return None, []
    try:
        return load_logo(path), []
    except LogoProblem as problem:
        return None, [Notice(f"logo_{problem.code}", tuple(problem.params.items()))]


def with_pictures(session: Session, posts: Sequence[TopPost]) -> tuple[TopPost, ...]:
    """The top posts with the pictures stored for them at collection time."""
    stored = thumbnails_for(session, [(p.platform, p.post_id) for p in posts])
    return tuple(
        replace(p, thumbnail_mime=stored[key][0], thumbnail=stored[key][1])
        if (key := (p.platform, p.post_id)) in stored
        else p
        for p in posts
    )


def build_weekly_report(
    session: Session,
    *,
    week_start: date,
    config: Config,
    now: datetime,
    config_found: bool = True,
    config_path: str = "pulso.toml",
    logo_path: Path | None = None,
) -> WeeklyReport:
    """The whole report for the week starting on `week_start` (a Monday), as of `now`.

    `config_found` False (no pulso.toml) and a logo that cannot be embedded become notices
    the report shows."""
    week = Week(week_start)
    metrics_as_of = now.astimezone(config.tz).date() if now.tzinfo else now.date()
    series = fq.load_series(session, week, names=AccountNames(config))
    facts = week_facts(session, week, config, series, metrics_as_of)
    previous = week_facts(session, week.shifted(-1), config, series, metrics_as_of)
    has_data = _has_data(facts)
    # Nothing was collected: "0 posts" would claim a silence nobody measured.
    current = week_figures(facts) if has_data else dict.fromkeys(week_figures(facts))
    logo, logo_notices = logo_and_notice(logo_path)
    followers = {(r.platform, r.handle): r.end for r in facts.own}
    peers = tuple(r for r in facts.followers if not r.own)
    interactions = tuple(
        pq.interaction_rows(facts.posts, _own_platforms(session), _platform_followers(facts))
    )
    return WeeklyReport(
        week=week,
        generated_at=now,
        timezone=config.timezone,
        has_data=has_data,
        summary=_headlines(current, week_figures(previous)),
        followers=tuple(facts.own),
        peers=peers,
        sparkline_weeks=tuple(week.shifted(-k).end for k in range(fq.SPARK_WEEKS - 1, -1, -1)),
        volume=tuple(
            volume_rows(session, week, {str(k): v for k, v in config.targets.items()}, config.tz)
        ),
        interactions=interactions,
        top_posts=with_pictures(session, pq.top_posts(facts.posts, followers)),
        news=facts.news,
        free_press=free_press_section(facts.valuation),
        quality=_quality(session, week, config, series, min(metrics_as_of, week.end)),
        engagement=_engagement(facts),
        peer_engagement=peer_engagement(session, week, metrics_as_of, config, peers, interactions),
        previous_has_data=_has_data(previous),
        organization=config.organization,
        logo=logo,
        notices=tuple(config_notices(config, config_found, config_path) + logo_notices),
        spikes=week_spikes(session, week),
        extras=build_extras(session, week.start, week.end, config),
    )


def week_spikes(session: Session, week: Week) -> tuple[SpikeRow, ...]:
    return tuple(
        SpikeRow(s.key, s.day, s.count, s.mean, s.sd)
        for s in spikes_between(session, week.start, week.end)
    )
