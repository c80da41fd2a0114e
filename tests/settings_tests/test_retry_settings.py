"""Retries and waits are configured once, in `[http]`; the old `[collection]` keys still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.steps.http_policy import http_policy
from settings import load_settings


def test_http_retries_and_max_wait_make_the_one_retry_policy(tmp_path: Path) -> None:
    config = tmp_path / "pulso.toml"
    config.write_text("[http]\nmax_retries = 1\nmax_wait_s = 5\n", encoding="utf-8")

    retry = http_policy(load_settings({"PULSO_CONFIG": str(config)}).config).retry

    assert (retry.max_retries, retry.max_wait_s) == (1, 5.0)


def test_an_older_config_with_collection_retries_loads_and_says_they_are_unused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / "pulso.toml"
    config.write_text("[collection]\nretries = 2\nretry_delays_s = [30, 120]\n", encoding="utf-8")

    load_settings({"PULSO_CONFIG": str(config)})

    assert "[collection] retries and retry_delays_s are no longer used" in caplog.text
    assert "[http] max_retries, max_wait_s" in caplog.text


def test_the_backoff_is_the_operators_to_lengthen(tmp_path) -> None:
    from flows.steps.http_policy import http_policy
    from settings import load_settings

    config = tmp_path / "pulso.toml"
    config.write_text("[http]\nbackoff_base_s = 5\nbackoff_cap_s = 120\n", encoding="utf-8")

    retry = http_policy(load_settings({"PULSO_CONFIG": str(config)}).config).retry

    assert (retry.backoff_base_s, retry.backoff_cap_s) == (5.0, 120.0)
    assert 0 <= retry.backoff(4) <= 80.0
