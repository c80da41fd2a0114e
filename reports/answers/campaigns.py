"""The campaigns answer (`pulso campaigns`, the dashboard's Campañas page and /api/campaigns):
one JSON shape, and table and CSV rows built from the same values.

`from`/`to` are the days of the period asked that the campaign ran (null when it did not run
in it); money is integer pesos before IVA; a figure nobody measured is null, never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from reports.campaigns import rules
from reports.columns import Col
from reports.queries.campaigns import CampaignFigures, campaign_figures
from settings.model import CampaignConfig

COLUMNS = (
    Col("name", label="campaign"),
    Col("from", "date", label="campaign_from"),
    Col("to", "date", label="campaign_to"),
    Col("posts", "int"),
    Col("interactions", "int"),
    Col("reach", "int"),
    Col("mentions", "int"),
    Col("free_press_before_iva", "money"),
)


def campaign_json(figures: CampaignFigures) -> dict[str, object]:
    return {
        "name": figures.name,
        "from": figures.start.isoformat() if figures.start else None,
        "to": figures.end.isoformat() if figures.end else None,
        "posts": figures.posts,
        "interactions": figures.interactions,
        "reach": figures.reach,
        "mentions": figures.mentions,
        "free_press_before_iva": figures.free_press_before_iva,
    }


def campaign_row(figures: CampaignFigures) -> dict[str, object]:
    """For tables: dates as dates (each renderer formats them)."""
    return {**campaign_json(figures), "from": figures.start, "to": figures.end}


def campaigns_figures(
    session: Session,
    campaigns: Sequence[CampaignConfig],
    *,
    start: date,
    end: date,
    tz: ZoneInfo,
    iva_rate: Decimal,
) -> list[CampaignFigures]:
    return campaign_figures(
        session, rules(campaigns), start=start, end=end, tz=tz, iva_rate=iva_rate
    )


def default_period(campaigns: Sequence[CampaignConfig], today: date) -> tuple[date, date]:
    """Without --from/--to: from the first campaign's start to the last one's end (or today)."""
    if not campaigns:
        return today, today
    first = min(c.from_ for c in campaigns)
    last = max(c.to or today for c in campaigns)
    return first, max(first, last)
