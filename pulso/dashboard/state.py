"""What every request handler needs: settings, the engine, today's date and the result cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fastapi import Request
from sqlalchemy import Engine

from pulso.dashboard.cache import TtlCache
from reports.write import reports_root
from settings import Settings


@dataclass(frozen=True)
class Board:
    settings: Settings
    engine: Engine
    today: Callable[[], date]
    cache: TtlCache

    @property
    def lang(self) -> str:
        return self.settings.config.lang

    @property
    def reports_root(self) -> Path:
        return reports_root(self.settings.data_dir, self.settings.config)


def bogota_today(settings: Settings) -> Callable[[], date]:
    return lambda: datetime.now(settings.config.tz).date()


async def board(request: Request) -> Board:
    found: Board = request.app.state.board
    return found
