"""flows/steps/social.py: sources from settings, skips with reasons, since_id for X."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from collectors.base import Collected, Target
from collectors.records import AccountStats, PostStats
from flows.steps.social import SocialSource, build_social_sources
from flows.steps.sources import RunContext
from settings import load_settings
from storage.db import session_factory, transaction
from storage.social import store_account_stats, store_posts
from tests.collectors import scenario

AT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
PEERS = """
[[accounts]]
platform = "facebook"
handle = "AlcaldiaBogota"
own = false
[[accounts]]
platform = "tiktok"
handle = "alcaldiabogota"
own = false
[[accounts]]
platform = "instagram"
handle = "alcaldiabogota"
own = false
[[accounts]]
platform = "twitter"
handle = "AlcaldiaBogota"
own = false
"""


@dataclass
class Recorder:
    platform: str = "twitter"
    targets: list[Target] = field(default_factory=list)

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        self.targets.append(target)
        return Collected(
            account=AccountStats(platform="twitter", handle=target.handle, fetched_at=fetched_at)
        )


def test_x_source_asks_only_for_posts_newer_than_the_last_stored(engine):
    with transaction(engine) as session:
        account = store_account_stats(
            session,
            AccountStats(platform="twitter", handle="AlcaldiaDeCali", fetched_at=AT),
            day=date(2026, 3, 2),
            run_id=None,
            own=True,
        )
        store_posts(
            session,
            account,
            [
                PostStats(
                    platform="twitter",
                    account_handle="AlcaldiaDeCali",
                    post_id="1976543210987654321",
                    fetched_at=AT,
                )
            ],
            day=date(2026, 3, 2),
            run_id=None,
        )
    recorder = Recorder()
    source = SocialSource(Target(platform="twitter", handle="AlcaldiaDeCali"), recorder)
    with session_factory(engine)() as session:
        source.collect(session, RunContext(run_id=1, now=AT, day=date(2026, 3, 3)))
    assert recorder.targets[0].since_id == "1976543210987654321"
    assert source.key == "twitter:AlcaldiaDeCali" and source.kind == "twitter"


def test_peers_are_skipped_plainly_where_the_platform_offers_nothing(monkeypatch, tmp_path):
    scenario.configure(monkeypatch, tmp_path, PEERS)
    plan = build_social_sources(load_settings())
    try:
        skipped = {s.key: s.reason for s in plan.skipped}
        sources = {s.key for s in plan.sources}
    finally:
        plan.close()
    assert "Page Public Content Access" in skipped["facebook:AlcaldiaBogota"]
    assert "Display API" in skipped["tiktok:alcaldiabogota"]
    # The own IG account has an id, so peers go through Business Discovery.
    assert {"instagram:alcaldiabogota", "twitter:AlcaldiaBogota"} <= sources


def test_instagram_peer_without_an_own_account_id_is_skipped_with_the_setting_to_add(
    monkeypatch, tmp_path
):
    scenario.configure(monkeypatch, tmp_path, PEERS)
    text = (tmp_path / "pulso.toml").read_text().replace('id = "17841400000000000"\n', "")
    (tmp_path / "pulso.toml").write_text(text)
    plan = build_social_sources(load_settings(), platforms=["instagram"])
    plan.close()
    reasons = {s.key: s.reason for s in plan.skipped}
    assert "api.instagram_account_for_peers" in reasons["instagram:alcaldiabogota"]
