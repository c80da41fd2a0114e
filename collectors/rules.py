"""How a source signals rate limits and errors: the `Answer` view and the generic `Rules`.

The HTTP policy (collectors/http.py) asks a source's `Rules` three questions about every
answer: is it a rate limit and how long until we may try again (`rate_limit`), is it an error
and what must the operator do (`error`), and should we pause before the next call
(`pause_after`). 5xx and network errors are retried by the policy itself. Each platform's own rules
live in its package (collectors/<platform>/rules.py), subclassing `Rules`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from collectors.errors import AuthError, CollectorError, SourceUnavailable, TargetNotFound

UNKNOWN_WAIT_S = 60.0


@dataclass(frozen=True)
class Answer:
    """A response reduced to what the rules need: the same view for httpx and requests."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    _json: list[Any] = field(default_factory=list, repr=False, compare=False)

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON (an HTML error page, empty)."""
        if not self._json:
            try:
                self._json.append(json.loads(self.body) if self.body else None)
            except ValueError:
                self._json.append(None)
        return self._json[0]

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class Rules:
    """Plain websites and feeds: Retry-After on 429/503, HTTP status to error."""

    platform = "http"

    def rate_limit(self, answer: Answer, now: float) -> float | None:
        if answer.status != 429:
            return None
        return retry_after_s(answer.header("retry-after"), now) or UNKNOWN_WAIT_S

    def rate_limit_hint(self, answer: Answer) -> str:
        return f"HTTP {answer.status}"

    def error(self, answer: Answer, what: str) -> CollectorError | None:
        status = answer.status
        if 200 <= status < 300 or status == 304:
            return None
        if status in (404, 410):
            return TargetNotFound(
                f"{what}: not found (HTTP {status}); check the configured address"
            )
        if status == 401:
            return AuthError(f"{what}: authentication required (HTTP 401)")
        if status == 403:
            return SourceUnavailable(
                f"{what}: refused (HTTP 403); the site may block automated clients"
            )
        return SourceUnavailable(f"{what}: unexpected HTTP {status}")

    def pause_after(self, answer: Answer, now: float) -> float | None:
        return None


GENERIC = Rules()


def retry_after_s(value: str | None, now: float) -> float | None:
    """Seconds from a Retry-After header (delta seconds or HTTP date); None when absent."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    # email.utils (and the socket module it loads) only when a date came: every command that
    # lists the platforms imports this module, few ever read an HTTP date.
    from email.utils import parsedate_to_datetime

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None
