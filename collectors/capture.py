"""Keeping what the platforms answered, so records can be re-parsed when parsing improves.

Capture is opt-in per thread of work: a source wraps its collection in `capturing()`, and
the HTTP policy hands every successful answer to `keep`. Nothing secret is kept: keys are
`GET /path?sorted&query` without credential parameters, and every body is scrubbed
(collectors/redact.py) before it is kept, so a token inside an answer (Graph's paging URLs,
TikTok's token answer) never reaches storage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from collectors.redact import SECRET_PARAMS, registered_secrets, scrub, scrub_text

__all__ = ["SECRET_PARAMS", "RawAnswer", "capturing", "keep", "normalise_query", "request_key"]

Query = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RawAnswer:
    request_key: str
    content_type: str | None
    body: bytes


_current: ContextVar[list[RawAnswer] | None] = ContextVar("pulso_raw_capture", default=None)


def normalise_query(pairs: Iterable[tuple[str, str]]) -> Query:
    """Sorted, without credentials: the same request always has the same key."""
    return tuple(sorted((k, v) for k, v in pairs if k.lower() not in SECRET_PARAMS))


def request_key(method: str, path: str, query: Query) -> str:
    """`GET /path?a=1&b=2`: how requests are shown in errors and raw-payload keys."""
    text = "&".join(f"{k}={v}" for k, v in query)
    return f"{method.upper()} {path}" + (f"?{text}" if text else "")


@contextmanager
def capturing() -> Iterator[list[RawAnswer]]:
    """Collect every successful answer given inside the block (this thread/context only)."""
    answers: list[RawAnswer] = []
    token = _current.set(answers)
    try:
        yield answers
    finally:
        _current.reset(token)


def keep(
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    status: int,
    content_type: str | None,
    body: bytes,
) -> None:
    answers = _current.get()
    if answers is None or not 200 <= status < 300:
        return
    secrets = registered_secrets()
    key = scrub_text(request_key(method, path, normalise_query(query)), secrets)
    answers.append(RawAnswer(request_key=key, content_type=content_type, body=scrub(body, secrets)))
