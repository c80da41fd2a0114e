"""The one retry rule: whether a failed request is tried again, and after how long.

Every caller (the platform clients through `HttpSession` and `PolicyAdapter`, hence `pulso
collect` and the nightly Prefect flow alike) gets its retries and waits from a `RetryPolicy`;
nothing above the HTTP layer retries or sleeps. The rule:

- a network error, a read timeout or a 5xx is tried again after a full-jitter exponential
  backoff, at most `max_retries` times;
- a rate limit is tried again after the wait the platform asked for (Retry-After, X's
  `x-rate-limit-reset`, Graph's usage headers), when that wait is at most `max_wait_s` and
  retries remain; otherwise it raises `RateLimited` at once, without sleeping, its message
  saying when the platform allows calls again: that source fails tonight, the others go on;
- anything else the platform rules call an error (expired token, unknown account, changed
  payload, a refusal) is final at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import requests
import urllib3.exceptions

from collectors.errors import CollectorError, RateLimited, SourceUnavailable, Timeout
from collectors.rules import Answer, Rules

# What sending a request may raise below our error tree: httpx's, requests' and, for a body
# read by hand from urllib3 (collectors/streaming.py), urllib3's own.
NETWORK_ERRORS = (httpx.TransportError, requests.RequestException, urllib3.exceptions.HTTPError)
_TIMEOUTS = (httpx.TimeoutException, requests.Timeout, urllib3.exceptions.TimeoutError)
_CONNECTION = (httpx.TransportError, requests.ConnectionError, urllib3.exceptions.ProtocolError)


@dataclass(frozen=True, slots=True)
class Retry:
    """Try again after `wait_s` seconds; `reason` is what the log line says."""

    wait_s: float
    reason: str


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retries and waits for every request; built from `[http]` by `HttpPolicy.retry`."""

    max_retries: int = 3
    max_wait_s: float = 60.0
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 30.0

    def backoff(self, attempt: int) -> float:
        """Full-jitter exponential backoff: spreads retries so they do not arrive together."""
        ceiling = min(self.backoff_cap_s, self.backoff_base_s * (2**attempt))
        return random.uniform(0, ceiling)  # noqa: S311 - jitter, not cryptography

    def after_answer(
        self, answer: Answer, attempt: int, *, rules: Rules, what: str, now: float
    ) -> Retry | None:
        """None for a usable answer; a Retry; or raises the typed error that ends the request."""
        wait = rules.rate_limit(answer, now)
        if wait is not None:
            return self._rate_limited(answer, wait, attempt, rules, what, now)
        if answer.status >= 500:
            if attempt >= self.max_retries:
                raise SourceUnavailable(
                    f"{what}: {rules.platform} answered HTTP {answer.status} "
                    f"{attempt + 1} times; try again later"
                )
            return Retry(self.backoff(attempt), f"HTTP {answer.status}")
        problem = rules.error(answer, what)
        if problem is not None:
            raise problem
        return None

    def after_error(self, error: BaseException, attempt: int, *, what: str) -> Retry:
        """A Retry after a network failure; raises its typed error when it is final."""
        mapped = network_error(error, what)
        if mapped is None or attempt >= self.max_retries:
            raise (mapped or SourceUnavailable(f"{what}: {error}")) from None
        return Retry(self.backoff(attempt), str(mapped))

    def pause_after(self, answer: Answer, *, rules: Rules, now: float) -> float | None:
        """Seconds to wait before the next call when the platform says its window is spent."""
        pause = rules.pause_after(answer, now)
        if pause is not None and 0 < pause <= self.max_wait_s:
            return pause
        return None

    def _rate_limited(
        self, answer: Answer, wait: float, attempt: int, rules: Rules, what: str, now: float
    ) -> Retry:
        if wait <= self.max_wait_s and attempt < self.max_retries:
            return Retry(wait, "rate limited")
        until = datetime.fromtimestamp(now + wait, UTC)
        raise RateLimited(
            f"{what}: {rules.platform} rate limit reached; allowed again at "
            f"{until:%Y-%m-%d %H:%M} UTC ({rules.rate_limit_hint(answer)})",
            until=until,
            retry_after_s=wait,
        )


def network_error(error: BaseException, what: str) -> CollectorError | None:
    """Map a transport-level exception (httpx, requests, urllib3) to our tree; None if not one."""
    if isinstance(error, _TIMEOUTS):
        return Timeout(f"{what}: timed out ({type(error).__name__})")
    if isinstance(error, _CONNECTION):
        return SourceUnavailable(f"{what}: network error ({type(error).__name__}: {error})")
    return None
