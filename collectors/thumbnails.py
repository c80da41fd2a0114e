"""A post's own picture (thumbnail), fetched once at collection time so the report can embed it.

The URL comes from the platform's payload (Facebook `full_picture`, Instagram `thumbnail_url` or
`media_url`, YouTube `snippet.thumbnails`, TikTok `cover_image_url`) and is treated as hostile
like any link from outside: http(s) only, its host and every redirect hop vetted against
internal addresses (collectors/guard.py; also when a test or replay transport is injected),
the body capped (`MAX_BYTES`), and the bytes must be a JPEG, PNG or WebP by their magic numbers,
whatever the Content-Type says. Anything else raises a CollectorError; the caller records the
failure and carries on: a missing picture never fails the account.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from collectors.errors import BadPayload, Refused
from collectors.guard import AddressGuard, Resolver, system_resolver
from collectors.http import HttpPolicy, HttpSession
from collectors.records import Thumbnail

MAX_BYTES = 300_000
ACCEPT = "image/jpeg, image/png, image/webp"
MIME_TYPES = ("image/jpeg", "image/png", "image/webp")


def sniff_image(data: bytes) -> str | None:
    """The image type the bytes really are (JPEG, PNG or WebP), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def thumbnail_policy(policy: HttpPolicy) -> HttpPolicy:
    """The run's policy with a small size cap and one retry: a picture is not worth waiting for."""
    return replace(
        policy,
        max_response_bytes=min(policy.max_response_bytes, MAX_BYTES),
        max_retries=min(policy.max_retries, 1),
        total_timeout_s=min(policy.total_timeout_s, 20.0),
    )


class ThumbnailFetcher:
    """Fetches pictures through the one HTTP policy; one per run, `close()` when done."""

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = system_resolver,
        check_hosts: bool = True,
    ) -> None:
        """`check_hosts=False` only for a replay transport, which reaches no network."""
        self._guard = AddressGuard(policy.allow_hosts, resolve=resolver)
        self._check_hosts = check_hosts
        self._http = HttpSession(thumbnail_policy(policy), transport=transport, resolver=resolver)

    def close(self) -> None:
        self._http.close()

    def _vet(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(f"thumbnail: not an http(s) URL ({url[:80]!r}); not fetched")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if self._check_hosts:
            self._guard.vet(parts.hostname, port)

    def fetch(self, post_id: str, url: str, fetched_at: datetime) -> Thumbnail:
        """The checked picture, or a CollectorError saying why not."""
        self._vet(url)
        what = f"thumbnail of post {post_id}"
        response = self._http.request(
            "GET", url, headers={"Accept": ACCEPT}, what=what, on_redirect=self._vet
        )
        declared = response.headers.get("content-type", "").split(";")[0].strip().lower()
        mime = sniff_image(response.content)
        if mime is None or (declared and not declared.startswith("image/")):
            raise BadPayload(
                f"{what}: not a JPEG, PNG or WebP image (Content-Type {declared or 'none'}, "
                f"{len(response.content)} bytes); not stored"
            )
        return Thumbnail(post_id, response.content, mime, fetched_at)
