"""Threads collector: the profile and its follower count (a platform only the tests know)."""

from __future__ import annotations

from datetime import datetime

from collectors.base import Collected, Target
from collectors.http import HttpSession
from tests.collectors.threads import parse


class ThreadsCollector:
    platform = "threads"

    def __init__(self, session: HttpSession, version: str) -> None:
        self.session, self.version = session, version

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        what = f"threads:{target.handle}"
        user = target.platform_id or "me"
        profile = self.session.get_json(
            f"/{self.version}/{user}",
            params={"fields": parse.PROFILE_FIELDS},
            what=f"{what} profile",
        )
        insights = self.session.get_json(
            f"/{self.version}/{user}/threads_insights",
            params={"metric": parse.FOLLOWERS_METRIC},
            what=f"{what} insights",
        )
        account = parse.parse_account(profile, insights, target.handle, fetched_at)
        return Collected(account=account, notes=("posts not collected (counts only)",))
