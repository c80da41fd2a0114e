"""How each platform signals rate limits and errors: pure functions over an `Answer`.

The HTTP policy (collectors/http.py) asks a platform's `Rules` three questions about every
answer: is it a rate limit and how long until we may try again (`rate_limit`), is it an error
and what must the operator do (`error`), and should we pause before the next call
(`pause_after`). 5xx and network errors are retried by the policy itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

from collectors.errors import (
    AuthError,
    BadPayload,
    CollectorError,
    PermanentError,
    SourceUnavailable,
    TargetNotFound,
)

PACIFIC = ZoneInfo("America/Los_Angeles")
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


def _dict(value: Any) -> dict[str, Any]:
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
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None


class XRules(Rules):
    """X API v2: `x-rate-limit-*` headers, no Retry-After; 429 `usage-capped` for the month."""

    platform = "X"

    def _reset_wait(self, answer: Answer, now: float) -> float | None:
        reset = answer.header("x-rate-limit-reset")
        if reset and reset.strip().isdigit():
            return max(1.0, int(reset) - now + 1)
        return None

    def rate_limit(self, answer: Answer, now: float) -> float | None:
        if answer.status != 429:
            return None
        if "usage-capped" in str(_dict(answer.json()).get("type", "")):
            return self._reset_wait(answer, now) or 30 * 86400.0
        # X's windows are 15 minutes; without the header assume a whole one.
        return self._reset_wait(answer, now) or 900.0

    def rate_limit_hint(self, answer: Answer) -> str:
        if "usage-capped" in str(_dict(answer.json()).get("type", "")):
            return "the X usage cap for the period is spent; raise it in the developer console"
        return "x-rate-limit-reset"

    def pause_after(self, answer: Answer, now: float) -> float | None:
        if answer.header("x-rate-limit-remaining") == "0":
            return self._reset_wait(answer, now)
        return None

    def error(self, answer: Answer, what: str) -> CollectorError | None:
        status = answer.status
        if 200 <= status < 300:
            return None
        detail = _dict(answer.json()).get("detail") or _dict(answer.json()).get("title") or ""
        if status == 401:
            return AuthError(
                f"{what}: X rejected the bearer token (401); create a new one in the X developer "
                "console and set PULSO_X_BEARER_TOKEN"
            )
        if status in (402, 403):
            return AuthError(
                f"{what}: X refused the request ({status} {detail}); check that the app is in a "
                "project with read access and that the account has credits"
            )
        if status == 404:
            return TargetNotFound(f"{what}: X account not found; check the configured handle/id")
        return BadPayload(f"{what}: X answered HTTP {status} {detail}".rstrip())


# Graph API throttling codes: app, user, page, call-rate and Pages business-use-case limits.
GRAPH_THROTTLE = frozenset({4, 17, 32, 613, 80001})
GRAPH_AUTH_FIX = (
    "create a new long-lived token (or a system-user token) and set PULSO_META_ACCESS_TOKEN"
)
_GRAPH_190 = {
    458: "the app is no longer installed for this user",
    460: "the password changed",
    463: "the token expired",
    464: "the user is not confirmed",
    467: "the token is invalid",
}


class GraphError(PermanentError):
    """A Graph API error that is neither throttling nor auth: keeps `code` for callers."""

    kind = "bad_request"

    def __init__(self, message: str, *, code: int | None, subcode: int | None = None) -> None:
        super().__init__(message)
        self.code, self.subcode = code, subcode


class GraphPermissionError(AuthError):
    """Graph codes 10 and 200-299: the token lacks a permission (or data is withheld)."""

    def __init__(self, message: str, *, code: int | None) -> None:
        super().__init__(message)
        self.code = code


def graph_error_body(answer: Answer) -> dict[str, Any]:
    return _dict(_dict(answer.json()).get("error"))


def _usage_wait_s(answer: Answer) -> float | None:
    """Longest `estimated_time_to_regain_access` (minutes) in X-Business-Use-Case-Usage."""
    raw = answer.header("x-business-use-case-usage")
    try:
        usage = json.loads(raw) if raw else {}
    except ValueError:
        return None
    minutes = [
        entry.get("estimated_time_to_regain_access") or 0
        for entries in _dict(usage).values()
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict)
    ]
    longest = max(minutes, default=0)
    return float(longest) * 60 if longest else None


class GraphRules(Rules):
    """Facebook and Instagram through the Graph API."""

    platform = "Meta Graph API"

    def rate_limit(self, answer: Answer, now: float) -> float | None:
        code = graph_error_body(answer).get("code")
        if code not in GRAPH_THROTTLE and not (isinstance(code, int) and 80000 <= code <= 80014):
            return None
        # App and user limits roll over one hour; BUC headers say how long exactly.
        return _usage_wait_s(answer) or 3600.0

    def rate_limit_hint(self, answer: Answer) -> str:
        body = graph_error_body(answer)
        usage = answer.header("x-app-usage")
        hint = f"code {body.get('code')}: {body.get('message', '')}"
        return f"{hint}; X-App-Usage {usage}" if usage else hint

    def error(self, answer: Answer, what: str) -> CollectorError | None:
        if 200 <= answer.status < 300:
            return None
        body = graph_error_body(answer)
        code, subcode = body.get("code"), body.get("error_subcode")
        message = str(body.get("message") or f"HTTP {answer.status}")
        if code == 190:
            cause = _GRAPH_190.get(
                subcode if isinstance(subcode, int) else 0, "the token is invalid"
            )
            return AuthError(
                f"{what}: Meta token rejected ({cause}; code 190/{subcode}); {GRAPH_AUTH_FIX}"
            )
        if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
            return GraphPermissionError(f"{what}: {message} (code {code})", code=code)
        if code == 803 or (code == 100 and subcode == 33) or answer.status == 404:
            return TargetNotFound(f"{what}: {message}; check the configured id")
        if not body:
            return SourceUnavailable(f"{what}: Graph API answered HTTP {answer.status}")
        return GraphError(f"{what}: {message} (code {code})", code=code, subcode=subcode)


def next_pacific_midnight(now: float) -> float:
    """YouTube quota resets at midnight Pacific time: seconds from `now` until then."""
    local = datetime.fromtimestamp(now, PACIFIC)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.timestamp() - now


def _google_reasons(answer: Answer) -> set[str]:
    body = _dict(_dict(answer.json()).get("error"))
    reasons = {str(_dict(e).get("reason")) for e in body.get("errors") or []}
    reasons |= {str(_dict(d).get("reason")) for d in body.get("details") or []}
    return reasons


class YouTubeRules(Rules):
    """YouTube Data API v3: 403 `quotaExceeded` lasts until midnight Pacific."""

    platform = "YouTube"

    def rate_limit(self, answer: Answer, now: float) -> float | None:
        reasons = _google_reasons(answer)
        if reasons & {"quotaExceeded", "dailyLimitExceeded"}:
            return next_pacific_midnight(now)
        if reasons & {"rateLimitExceeded", "userRateLimitExceeded"} or answer.status == 429:
            return 10.0
        return None

    def rate_limit_hint(self, answer: Answer) -> str:
        return "daily quota spent; it resets at midnight Pacific time"

    def error(self, answer: Answer, what: str) -> CollectorError | None:
        if 200 <= answer.status < 300:
            return None
        reasons = _google_reasons(answer)
        message = str(_dict(_dict(answer.json()).get("error")).get("message") or "")
        if reasons & {
            "keyInvalid",
            "API_KEY_INVALID",
            "accessNotConfigured",
            "ipRefererBlocked",
        } or ("API key" in message):
            return AuthError(
                f"{what}: YouTube rejected the API key ({message.strip() or answer.status}); check "
                "PULSO_YOUTUBE_API_KEY and that YouTube Data API v3 is enabled for its project"
            )
        if answer.status == 404 or "channelNotFound" in reasons:
            return TargetNotFound(f"{what}: YouTube channel not found; check the configured id")
        if answer.status in (401, 403):
            return AuthError(f"{what}: YouTube refused the request ({message or answer.status})")
        return BadPayload(f"{what}: YouTube answered HTTP {answer.status} {message}".rstrip())


TIKTOK_AUTH_CODES = frozenset(
    {"access_token_invalid", "scope_not_authorized", "scope_permission_missed", "invalid_grant"}
)


class TikTokRules(Rules):
    """TikTok API v2: errors arrive in `error.code` even with HTTP 200 for some endpoints."""

    platform = "TikTok"

    def _code(self, answer: Answer) -> str:
        body = _dict(answer.json())
        error = body.get("error")
        if isinstance(error, str):  # the OAuth endpoint's flat shape
            return error
        return str(_dict(error).get("code") or "ok")

    def rate_limit(self, answer: Answer, now: float) -> float | None:
        if answer.status == 429 or self._code(answer) == "rate_limit_exceeded":
            # 600 requests per minute per endpoint: the window is at most a minute.
            return retry_after_s(answer.header("retry-after"), now) or 60.0
        return None

    def rate_limit_hint(self, answer: Answer) -> str:
        return "rate_limit_exceeded"

    def error(self, answer: Answer, what: str) -> CollectorError | None:
        code = self._code(answer)
        if code == "ok" and 200 <= answer.status < 300:
            return None
        if code == "invalid_grant":
            return AuthError(
                f"{what}: the TikTok refresh token is expired or revoked; log in again with "
                "TikTok Login Kit and set PULSO_TIKTOK_REFRESH_TOKEN"
            )
        if code in TIKTOK_AUTH_CODES or answer.status == 401:
            return AuthError(
                f"{what}: TikTok rejected the access token ({code}); check the token's scopes "
                "(user.info.basic, user.info.stats, video.list) or refresh it"
            )
        return BadPayload(f"{what}: TikTok answered HTTP {answer.status} ({code})")
