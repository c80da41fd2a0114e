"""Campaigns over a period, for the CLI and the dashboard: one session, one answer."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from reports.answers.campaigns import campaigns_figures
from reports.queries.campaigns import CampaignFigures
from settings.model import Config
from storage.db import session_factory


def campaigns_report(
    engine: Engine, config: Config, start: date, end: date
) -> list[CampaignFigures]:
    """Every configured campaign over the days of [start, end] it ran, in config order."""
    with session_factory(engine)() as session:
        return campaigns_figures(
            session,
            config.campaigns,
            start=start,
            end=end,
            tz=config.tz,
            iva_rate=config.valuation.iva_rate,
        )
