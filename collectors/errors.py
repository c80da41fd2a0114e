"""The collectors' error tree, split by fate.

    CollectorError
    ├── TransientError          retrying later may succeed; flows retry these
    │   ├── RateLimited         the platform asked us to wait (`until`, `retry_after_s`)
    │   ├── SourceUnavailable   5xx, DNS, connection refused, firewall block
    │   └── Timeout             connect or read timeout
    └── PermanentError          retrying cannot help; an operator must act
        ├── AuthError           token expired, revoked or missing a permission
        ├── TargetNotFound      the account, page or feed does not exist
        ├── BadPayload          the answer changed shape: names the missing field
        ├── Refused             Pulso will not send it: an internal address, a non-http(s)
        │                       redirect (SSRF guard, collectors/guard.py)
        └── TooManyRedirects    more redirects than the policy follows (a loop)

Messages say what to do and never contain a secret: every message passes through
`redact` at construction, with the secrets registered by the HTTP policy.
I/O never returns None for failure: it raises one of these.
"""

from __future__ import annotations

from datetime import datetime

# The secret registry and redaction live in collectors/redact.py; re-exported here because
# every collector already imports its errors from this module.
from collectors.redact import redact, register_secret

__all__ = ["redact", "register_secret"]


class CollectorError(Exception):
    """Base of every error a collector raises."""

    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))

    @property
    def message(self) -> str:
        return str(self)


class TransientError(CollectorError):
    kind = "transient"


class RateLimited(TransientError):
    kind = "rate_limited"

    def __init__(
        self, message: str, *, until: datetime | None = None, retry_after_s: float | None = None
    ) -> None:
        super().__init__(message)
        self.until = until
        self.retry_after_s = retry_after_s


class SourceUnavailable(TransientError):
    kind = "unavailable"


class Timeout(TransientError):
    kind = "timeout"


class PermanentError(CollectorError):
    kind = "permanent"


class AuthError(PermanentError):
    kind = "auth"


class TargetNotFound(PermanentError):
    kind = "not_found"


class BadPayload(PermanentError):
    kind = "bad_payload"


class Refused(PermanentError):
    """Pulso refused to send the request: the host resolves to an internal address, or a
    redirect leads off http(s). Never fetched; the reason names the address."""

    kind = "refused"


class TooManyRedirects(PermanentError):
    kind = "redirects"
