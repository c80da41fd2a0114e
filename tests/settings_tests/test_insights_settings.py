"""`[insights]`: metric names are config, defaults are Meta's current ones, typos are refused,
and what the Graph collectors receive is what the file says."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.graph import setup as graph_setup
from collectors.metrics import DEFAULT_METRICS
from collectors.registry import platform
from flows.steps.social_clients import ClientFactory
from settings import load_settings
from settings.load import ConfigError


def settings_with(tmp_path: Path, text: str):
    config = tmp_path / "pulso.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings({"PULSO_CONFIG": str(config)})


def test_defaults_are_the_current_metric_names(tmp_path: Path) -> None:
    insights = settings_with(tmp_path, "").config.insights
    assert insights.enabled and tuple(insights.facebook_page) == DEFAULT_METRICS["facebook_page"]
    assert "page_impressions" not in insights.facebook_page
    assert "impressions" not in insights.instagram_account


def test_a_retired_metric_is_replaced_in_the_file_and_reaches_the_collector(tmp_path: Path):
    settings = settings_with(
        tmp_path,
        'timezone = "America/Bogota"\n[insights]\nfacebook_page = ["page_media_view", '
        '"page_views_total"]\nlive_days = 7\n',
    )
    factory = ClientFactory(settings, now=datetime(2026, 3, 3, tzinfo=UTC))
    config = graph_setup.insights(factory.setup(platform("facebook")))
    assert config.of("facebook_page") == ("page_media_view", "page_views_total")
    assert config.of("instagram_media") == DEFAULT_METRICS["instagram_media"]
    assert (config.live_days, config.zone) == (7, "America/Bogota")


def test_a_metric_name_with_a_typo_is_refused_on_load(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_with(tmp_path, '[insights]\ninstagram_account = ["reach", "total interactions"]\n')
    assert "total interactions" in str(raised.value)
