"""The one HTTP policy, built from `[http]` in pulso.toml for every collector."""

from __future__ import annotations

from dataclasses import replace

from collectors.http import HttpPolicy, user_agent
from settings.model import Config


def http_policy(config: Config) -> HttpPolicy:
    """Timeouts, retries, waits, size cap and the honest User-Agent with the operator's contact."""
    http = config.http
    return HttpPolicy(
        connect_timeout_s=http.connect_timeout_s,
        read_timeout_s=http.read_timeout_s,
        max_retries=http.max_retries,
        max_wait_s=http.max_wait_s,
        backoff_base_s=http.backoff_base_s,
        backoff_cap_s=http.backoff_cap_s,
        max_response_bytes=http.max_response_bytes,
        total_timeout_s=http.total_timeout_s,
        allow_hosts=tuple(http.allow_hosts),
        user_agent=user_agent(http.contact),
    )


def crawl_policy(config: Config) -> HttpPolicy:
    """The same policy plus the per-host delay that crawling news sites needs (APIs do not)."""
    return replace(http_policy(config), per_host_delay_s=config.http.per_host_delay_s)
