"""robots.txt decisions, pure: the fetched status and body in, a checker out.

Policy (per RFC 9309): a 4xx robots.txt means no restrictions; a 5xx (or an unreachable
one) means the whole site is off limits for now. Cached answers expire after 24 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

MAX_AGE = timedelta(hours=24)
MAX_ROBOTS_BYTES = 500_000


@dataclass(frozen=True)
class RobotsRules:
    fetched_at: datetime
    parser: RobotFileParser | None  # None: no file (4xx), everything allowed
    disallow_all: bool = False
    reason: str | None = None  # why everything is disallowed, for the operator

    def allows(self, url: str, agent: str) -> bool:
        if self.disallow_all:
            return False
        return True if self.parser is None else self.parser.can_fetch(agent, url)

    def fresh(self, now: datetime) -> bool:
        return now - self.fetched_at < MAX_AGE

    def crawl_delay(self, agent: str) -> float | None:
        delay = self.parser.crawl_delay(agent) if self.parser else None
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def rules_from_response(status: int, body: bytes, fetched_at: datetime) -> RobotsRules:
    if 200 <= status < 300:
        parser = RobotFileParser()
        text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        return RobotsRules(fetched_at=fetched_at, parser=parser)
    if 400 <= status < 500:
        return RobotsRules(fetched_at=fetched_at, parser=None)
    reason = f"robots.txt answered HTTP {status}"
    return RobotsRules(fetched_at=fetched_at, parser=None, disallow_all=True, reason=reason)
