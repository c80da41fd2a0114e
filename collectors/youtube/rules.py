"""YouTube Data API v3's quota and error rules: pure decisions over an `Answer`."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from collectors.errors import AuthError, BadPayload, CollectorError, TargetNotFound
from collectors.rules import Answer, Rules, as_dict

PACIFIC = ZoneInfo("America/Los_Angeles")


def next_pacific_midnight(now: float) -> float:
    """YouTube quota resets at midnight Pacific time: seconds from `now` until then."""
    local = datetime.fromtimestamp(now, PACIFIC)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.timestamp() - now


def _google_reasons(answer: Answer) -> set[str]:
    body = as_dict(as_dict(answer.json()).get("error"))
    reasons = {str(as_dict(e).get("reason")) for e in body.get("errors") or []}
    reasons |= {str(as_dict(d).get("reason")) for d in body.get("details") or []}
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
        message = str(as_dict(as_dict(answer.json()).get("error")).get("message") or "")
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
