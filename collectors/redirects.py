"""Following a redirect by hand: where it leads, and the request for the next hop.

The HTTP policy (collectors/http.py) follows redirects itself so that every hop passes the
same checks as the first URL: http(s) only here, the address guard when it connects, and the
caller's veto (robots.txt for news sites). Credentials never travel to another origin.
"""

from __future__ import annotations

import httpx

from collectors.errors import BadPayload, Refused

_FOLLOWED = ("http", "https")
_DROP_ACROSS_ORIGINS = ("authorization", "cookie", "proxy-authorization")
_DROP_WITH_BODY = ("content-length", "content-type", "transfer-encoding")


def redirect_target(current: httpx.URL, location: str, label: str) -> httpx.URL:
    """Where a redirect leads; Refused unless it is http(s)."""
    try:
        target = current.join(location.strip()).copy_with(fragment=None)
    except httpx.InvalidURL:
        raise BadPayload(f"{label}: unreadable redirect location {location[:200]!r}") from None
    if target.scheme not in _FOLLOWED or not target.host:
        raise Refused(
            f"{label}: redirect to {location[:200]!r} not followed: only http(s) URLs are"
        )
    return target


def redirect_request(request: httpx.Request, status: int, target: httpx.URL) -> httpx.Request:
    """The next hop: GET after 303 (and after 301/302 from a POST), credentials same-origin only."""
    method = request.method
    if (status == 303 and method != "HEAD") or (status in (301, 302) and method == "POST"):
        method = "GET"
    headers = request.headers.copy()
    headers.pop("host", None)
    if (target.scheme, target.host, target.port) != (
        request.url.scheme,
        request.url.host,
        request.url.port,
    ):
        for name in _DROP_ACROSS_ORIGINS:
            headers.pop(name, None)
    content = None
    if method == request.method and method != "GET":
        content = request.content
    else:
        for name in _DROP_WITH_BODY:
            headers.pop(name, None)
    return httpx.Request(method, target, headers=headers, content=content)
