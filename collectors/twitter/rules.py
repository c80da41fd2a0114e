"""X API v2's rate-limit and error rules: pure decisions over an `Answer`."""

from __future__ import annotations

from collectors.errors import AuthError, BadPayload, CollectorError, TargetNotFound
from collectors.rules import Answer, Rules, as_dict

# The host tweepy has hard-coded; Pulso's adapter sends its requests to `api.x_base_url`.
TWEEPY_HOST = "https://api.twitter.com"


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
        if "usage-capped" in str(as_dict(answer.json()).get("type", "")):
            return self._reset_wait(answer, now) or 30 * 86400.0
        # X's windows are 15 minutes; without the header assume a whole one.
        return self._reset_wait(answer, now) or 900.0

    def rate_limit_hint(self, answer: Answer) -> str:
        if "usage-capped" in str(as_dict(answer.json()).get("type", "")):
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
        detail = as_dict(answer.json()).get("detail") or as_dict(answer.json()).get("title") or ""
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
