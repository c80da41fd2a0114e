"""The Graph API's rate-limit and error rules, shared by Facebook and Instagram."""

from __future__ import annotations

import json
from typing import Any

from collectors.errors import (
    AuthError,
    CollectorError,
    PermanentError,
    SourceUnavailable,
    TargetNotFound,
)
from collectors.rules import Answer, Rules, as_dict

# Graph API throttling codes: app, user, page, call-rate and Pages business-use-case limits.
GRAPH_THROTTLE = frozenset({4, 17, 32, 613, 80001})
GRAPH_AUTH_FIX = (
    "create a new long-lived token (or a system-user token) and set PULSO_META_ACCESS_TOKEN"
)
# Business Discovery on a username that is not a business or creator account (or does not
# exist: Meta does not tell the two apart).
BD_CANNOT_FIND_USER = 2207013
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
    return as_dict(as_dict(answer.json()).get("error"))


def _usage_wait_s(answer: Answer) -> float | None:
    """Longest `estimated_time_to_regain_access` (minutes) in X-Business-Use-Case-Usage."""
    raw = answer.header("x-business-use-case-usage")
    try:
        usage = json.loads(raw) if raw else {}
    except ValueError:
        return None
    minutes = [
        entry.get("estimated_time_to_regain_access") or 0
        for entries in as_dict(usage).values()
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
        if code == 110 and subcode == BD_CANNOT_FIND_USER:
            return TargetNotFound(
                f"{what}: Instagram found no professional account with that username ({message}; "
                f"code 110/{subcode}); Business Discovery reads only business and creator "
                "accounts: check the handle, or remove this peer"
            )
        if code == 803 or (code == 100 and subcode == 33) or answer.status == 404:
            return TargetNotFound(f"{what}: {message}; check the configured id")
        if not body:
            return SourceUnavailable(f"{what}: Graph API answered HTTP {answer.status}")
        return GraphError(f"{what}: {message} (code {code})", code=code, subcode=subcode)
