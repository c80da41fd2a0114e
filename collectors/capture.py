"""Keeping what the platforms answered, so records can be re-parsed when parsing improves.

Capture is opt-in per thread of work: a source wraps its collection in `capturing()`, and
the HTTP policy hands every successful answer to `keep`. Keys are `GET /path?sorted&query`
without credential parameters, so nothing secret is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

Query = tuple[tuple[str, str], ...]

SECRET_PARAMS = frozenset(
    {
        "access_token",
        "key",
        "token",
        "client_secret",
        "client_key",
        "refresh_token",
        "appsecret_proof",
        "input_token",
    }
)


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
    key = request_key(method, path, normalise_query(query))
    answers.append(RawAnswer(request_key=key, content_type=content_type, body=body))
