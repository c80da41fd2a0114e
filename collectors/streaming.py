"""Reading a response body as it streams in: stop at the size cap or the total deadline.

A body is never read whole before it is measured: the cap and the deadline are checked after
every chunk, so a 50 MB page or a server dribbling one byte a second costs at most the cap or
`[http] total_timeout_s`.
"""

from __future__ import annotations

from collections.abc import Iterable

import requests

from collectors.errors import BadPayload, Timeout
from collectors.guard import deadline_passed


def deadline_error(label: str, total: float) -> Timeout:
    return Timeout(
        f"{label}: no complete answer within {total:g} s ([http] total_timeout_s); "
        "the server is too slow or is dribbling its answer"
    )


def read_capped(
    chunks: Iterable[bytes], declared: str | None, *, cap: int, total_s: float, label: str
) -> bytes:
    """The body, read chunk by chunk: stops at the size cap or the deadline, never reads past."""
    if declared and declared.isdigit() and int(declared) > cap:
        raise BadPayload(f"{label}: response of {declared} bytes exceeds the {cap}-byte cap")
    kept, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > cap:
            raise BadPayload(f"{label}: response exceeds the {cap}-byte cap")
        if deadline_passed():
            raise deadline_error(label, total_s)
        kept.append(chunk)
    return b"".join(kept)


def requests_chunks(response: requests.Response) -> Iterable[bytes]:
    """The body in chunks as they arrive; a response built in memory (replay) has it whole.

    `read1` returns what one read gives, so the deadline is checked as bytes trickle in
    (iter_content would block until a whole chunk came, however slowly).
    """
    raw = response.raw
    if raw is None:
        return [response.content]
    read1 = getattr(raw, "read1", None)
    if read1 is None:
        return response.iter_content(64 * 1024)
    return iter(lambda: read1(64 * 1024, decode_content=True), b"")
