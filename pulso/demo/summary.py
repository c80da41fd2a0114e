"""What the demo tells the user at the end: where things are, and the week in a few lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select

from flows.steps.followers import growth_report
from flows.steps.valuation import value_period
from reports.formatting import fmt_date, fmt_int, fmt_money, fmt_pct, fmt_signed
from reports.i18n import platform_name
from reports.week import Week, last_complete_week
from settings.model import Config
from storage.db import session_factory
from storage.models import Article, Mention, Outlet
from storage.outlets import is_press

if TYPE_CHECKING:
    from pulso.demo.nights import Past


@dataclass(frozen=True, slots=True)
class PlatformLine:
    platform: str
    account: str
    followers: int | None
    week_change: int | None
    week_change_pct: float | None


@dataclass(frozen=True, slots=True)
class WeekSummary:
    week: Week
    platforms: tuple[PlatformLine, ...]
    mentions: int
    free_press_cop: int


def platform_lines(engine: Engine, week: Week, today: date) -> list[PlatformLine]:
    """The office's own accounts: followers today, and the change over the week."""
    now = {(g.platform, g.account): g for g in growth_report(engine, to=today)}
    lines = []
    for item in growth_report(engine, from_=week.start - timedelta(days=1), to=week.end):
        if not item.own:
            continue  # peers are a benchmark, not the office's own voice
        current = now.get((item.platform, item.account))
        pct = float(item.change_pct) if item.change_pct is not None else None
        followers = current.end.followers if current and current.end else None
        lines.append(PlatformLine(item.platform, item.account, followers, item.change, pct))
    return lines


def week_mentions(engine: Engine, week: Week) -> int:
    with session_factory(engine)() as session:
        return int(
            session.scalar(
                select(func.count(Mention.id))
                .join(Article, Article.id == Mention.article_id)
                .join(Outlet, Outlet.id == Article.outlet_id)
                .where(is_press(), Article.published_day.between(week.start, week.end))
            )
            or 0
        )


def summarise(engine: Engine, config: Config, now: datetime | None = None) -> WeekSummary:
    """The demo's week in the demo configuration's zone and IVA rate."""
    now = now or datetime.now(UTC)
    week = last_complete_week(now, config.tz)
    today = now.astimezone(config.tz).date()
    valuation = value_period(
        engine, week.start, week.end, iva_rate=config.valuation.iva_rate, tz=config.tz
    )
    return WeekSummary(
        week,
        tuple(platform_lines(engine, week, today)),
        week_mentions(engine, week),
        valuation.total_before_iva,
    )


def render(summary: WeekSummary, lang: str = "es") -> list[str]:
    """A few lines: followers per platform with the week's change, mentions, free press."""
    week = summary.week
    es = lang == "es"
    head = "Semana" if es else "Week"
    lines = [f"{head} {week.label} ({fmt_date(week.start, lang)} - {fmt_date(week.end, lang)})"]
    for p in summary.platforms:
        pct = fmt_pct(p.week_change_pct, lang, 2) if p.week_change_pct is not None else ""
        lines.append(
            f"  {platform_name(p.platform, lang):<12} @{p.account:<16} {fmt_int(p.followers, lang):>10} "
            f"{'seguidores' if es else 'followers'}   {fmt_signed(p.week_change, lang):>8} {pct}"
        )
    label = "Menciones en medios" if es else "News mentions"
    lines.append(f"  {label}: {fmt_int(summary.mentions, lang)}")
    label = "Free press (antes de IVA)" if es else "Free press (before IVA)"
    lines.append(f"  {label}: {fmt_money(summary.free_press_cop, lang)}")
    return lines


def render_past(past: Past, out: Path, lang: str = "es") -> list[str]:
    """The nights replayed before tonight, and the backfill: how many posts from before
    Pulso landed, and the command that replays it by hand. What an earlier run today already
    stored, and was therefore not replayed again, is said so."""
    es = lang == "es"
    since = fmt_date(past.backfill_since, lang)
    posts = fmt_int(past.backfilled_posts, lang)
    nights = f"  {'Noches anteriores' if es else 'Earlier nights'}: {fmt_int(past.nights, lang)}"
    if past.nights_stored:
        stored = fmt_int(past.nights_stored, lang)
        nights += (
            f" ({stored} ya guardadas hoy: no se reproducen de nuevo)"
            if es
            else f" ({stored} already stored today: not replayed again)"
        )
    backfill = (
        f"  Historial (pulso backfill posts --since {past.backfill_since.isoformat()}): "
        f"{posts} {'publicaciones desde el' if es else 'posts since'} {since}"
    )
    if past.backfill_stored:
        backfill += (
            " (ya guardado hoy: no se lee de nuevo)"
            if es
            else " (already stored today: not read again)"
        )
    return [
        nights,
        backfill,
        f"    PULSO_CONFIG={out / 'pulso.toml'} PULSO_DATABASE_URL=sqlite:///{out / 'demo.db'} "
        f"pulso backfill posts --since {past.backfill_since.isoformat()} --yes "
        f"--replay {out / 'backfill'}",
    ]
