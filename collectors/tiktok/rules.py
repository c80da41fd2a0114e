"""TikTok API v2's rate-limit and error rules: pure decisions over an `Answer`."""

from __future__ import annotations

from collectors.errors import AuthError, BadPayload, CollectorError
from collectors.rules import Answer, Rules, as_dict, retry_after_s

TIKTOK_AUTH_CODES = frozenset(
    {"access_token_invalid", "scope_not_authorized", "scope_permission_missed", "invalid_grant"}
)


class TikTokRules(Rules):
    """TikTok API v2: errors arrive in `error.code` even with HTTP 200 for some endpoints."""

    platform = "TikTok"

    def _code(self, answer: Answer) -> str:
        body = as_dict(answer.json())
        error = body.get("error")
        if isinstance(error, str):  # the OAuth endpoint's flat shape
            return error
        return str(as_dict(error).get("code") or "ok")

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
