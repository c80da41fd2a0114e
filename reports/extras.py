"""Three sections shared by the weekly and the period report (issue 16): reach and views per
own account with the period's live broadcasts, the campaigns running in the period, and the
share of voice per outlet.

Each comes from the function that answers it elsewhere: `reports.answers.reach.reach_answer`
(`pulso insights`), `reports.answers.campaigns.campaigns_figures` (`pulso campaigns`) and
`storage.peers.voice_counts` with `reports.answers.share.share_rows` (`pulso share`). A figure
nobody measured stays None ("sin datos"), never 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from reports.answers.campaigns import campaigns_figures
from reports.answers.reach import reach_answer
from reports.answers.share import share_rows
from reports.extras_model import Extras, LiveRow, ReachRow, ShareRow
from reports.formatting import fmt_duration, local_time
from reports.i18n import label, platform_name
from reports.names import AccountNames
from reports.tables import Cell, Col, Table
from settings.model import Config
from storage.peers import voice_counts


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _started(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _reach_rows(answer: Mapping[str, Any], names: AccountNames) -> tuple[ReachRow, ...]:
    return tuple(
        ReachRow(
            str(a["platform"]),
            names(str(a["platform"]), str(a["account"])),
            _int(a["reach"]),
            _int(a["views"]),
            _int(a["post_views"]),
            str(a["post_views_label"]),
            int(a["days_measured"] or 0),
        )
        for a in answer["accounts"]
    )


def _live_rows(answer: Mapping[str, Any], names: AccountNames) -> tuple[LiveRow, ...]:
    return tuple(
        LiveRow(
            str(v["platform"]),
            names(str(v["platform"]), str(v["account"])),
            v["title"],
            _started(v["started_at"]),
            _int(v["duration_s"]),
            _int(v["total_views"]),
        )
        for v in answer["live_videos"]
    )


def outlet_share(
    counts: Mapping[tuple[str, str], Mapping[str, int]], peer_names: list[str]
) -> tuple[ShareRow, ...]:
    """The period's share per outlet: its weeks' counts added, then `share_rows`' rule."""
    by_outlet: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (outlet, _week), found in counts.items():
        for who, n in found.items():
            by_outlet[(outlet, "")][who] += n
    rows = share_rows(by_outlet, peer_names)
    share = [
        ShareRow(str(r["outlet"]), int(str(r["own"])), int(str(r["peers_total"])), _pct(r))
        for r in rows
    ]
    return tuple(sorted(share, key=lambda r: (-(r.own + r.peers), r.outlet.casefold())))


def _pct(row: Mapping[str, object]) -> Decimal | None:
    value = row["share_pct"]
    return Decimal(str(value)) if isinstance(value, int | float) else None


def build_extras(session: Session, start: date, end: date, config: Config) -> Extras:
    """The three sections over [start, end] (the configured zone's days)."""
    tz = config.tz
    answer = reach_answer(session, start=start, end=end, zone=tz)
    figures = campaigns_figures(
        session,
        config.campaigns,
        start=start,
        end=end,
        tz=tz,
        iva_rate=config.valuation.iva_rate,
    )
    names = AccountNames(config)
    peer_names = [peer.name for peer in config.peers]
    counts = voice_counts(session, start, end, tz)
    return Extras(
        reach=_reach_rows(answer, names),
        live=_live_rows(answer, names),
        campaigns=tuple(f for f in figures if f.start is not None),
        campaigns_configured=bool(config.campaigns),
        share=outlet_share(counts, peer_names) if peer_names else (),
        peers_configured=bool(peer_names),
    )


REACH_COLS = (
    Col("platform"),
    Col("account"),
    Col("reach", "int"),
    Col("views", "int"),
    Col("post_views", "int"),
    Col("post_views_label"),
    Col("days_measured", "int"),
)
LIVE_COLS = (
    Col("platform"),
    Col("account"),
    Col("live_title"),
    Col("started_at", "datetime"),
    Col("duration_s"),
    Col("total_views", "int"),
)
CAMPAIGN_COLS = (
    Col("campaign"),
    Col("campaign_from", "date"),
    Col("campaign_to", "date"),
    Col("posts", "int"),
    Col("interactions", "int"),
    Col("reach", "int"),
    Col("mentions", "int"),
    Col("free_press_before_iva", "money"),
)
SHARE_COLS = (
    Col("outlet"),
    Col("share_own", "int"),
    Col("share_peers", "int"),
    Col("share_pct", "pct"),
)


def _duration(seconds: int | None, lang: str) -> Any:
    # h:mm:ss as the office reads it; an unknown duration is "sin datos", not blank.
    return Cell(None, "int") if seconds is None else fmt_duration(seconds, lang)


def extra_tables(extras: Extras, lang: str, tz: ZoneInfo) -> list[Table]:
    """reach, live_videos, campaigns, share_of_voice: each also a sheet and a CSV."""
    reach = tuple(
        (platform_name(r.platform, lang), r.account, r.reach, r.views, r.post_views)
        + (label(r.post_views_label, lang), r.days_measured)
        for r in extras.reach
    )
    live = tuple(
        (platform_name(v.platform, lang), v.account, v.title, local_time(v.started_at, tz))
        + (_duration(v.duration_s, lang), v.total_views)
        for v in extras.live
    )
    campaigns = tuple(
        (c.name, c.start, c.end, c.posts, c.interactions, c.reach, c.mentions)
        + (c.free_press_before_iva,)
        for c in extras.campaigns
    )
    share = tuple((s.outlet, s.own, s.peers, s.share_pct) for s in extras.share)
    return [
        Table("reach", "reach_title", REACH_COLS, reach),
        Table("live_videos", "lives_title", LIVE_COLS, live),
        Table("campaigns", "campaigns_title", CAMPAIGN_COLS, campaigns),
        Table("share_of_voice", "share_title", SHARE_COLS, share),
    ]
