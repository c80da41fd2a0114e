"""The news collectors' only I/O: polite GETs of feeds, sitemaps, listings and articles.

Everything goes through the one HTTP policy (collectors/http.py): honest User-Agent, timeouts,
retries, 429 Retry-After, per-host spacing, size cap. On top of it this client adds what
crawling websites needs: robots.txt (cached up to 24 h), http(s) only, content-type checks,
and conditional GET for feeds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from collectors.errors import BadPayload, PermanentError, SourceUnavailable
from collectors.http import HttpSession
from collectors.news.robots import RobotsRules, robots_url, rules_from_response
from collectors.news.urls import UnsupportedUrl, canonicalize
from collectors.rules import Answer, Rules

log = logging.getLogger("pulso.news")

ROBOTS_AGENT = "Pulso"
HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("xml", "rss", "atom", "text/plain", "application/octet-stream", "gzip")


class Disallowed(PermanentError):
    """robots.txt forbids this URL to Pulso; the article is skipped, never fetched."""

    kind = "disallowed"


class _RobotsFileRules(Rules):
    """For robots.txt itself every status is an answer (4xx means "no rules"), not an error."""

    def error(self, answer: Answer, what: str) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None


def _content_type_ok(content_type: str | None, accepted: tuple[str, ...]) -> bool:
    if not content_type:
        return True  # many servers omit it; the parsers decide
    kind = content_type.split(";")[0].strip().lower()
    return any(token in kind for token in accepted)


class NewsClient:
    """One per run, shared by all outlets, so per-host spacing and robots cache are shared."""

    def __init__(
        self, session: HttpSession, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.session = session
        self._now = now
        self._robots: dict[str, RobotsRules] = {}

    def close(self) -> None:
        self.session.close()

    def robots(self, url: str) -> RobotsRules:
        """The site's rules, fetched at most once per 24 hours."""
        site = robots_url(url)
        cached = self._robots.get(site)
        if cached is not None and cached.fresh(self._now()):
            return cached
        try:
            response = self._robots_session_request(site)
            rules = rules_from_response(response.status_code, response.content, self._now())
        except SourceUnavailable as error:
            log.warning("%s: %s; treating the site as disallowed for now", site, error)
            rules = rules_from_response(503, b"", self._now())
        self._robots[site] = rules
        return rules

    def _robots_session_request(self, site: str) -> httpx.Response:
        # Same session (same per-host spacing), other rules: runs are sequential per client.
        saved = self.session.rules
        self.session.rules = _RobotsFileRules()
        try:
            return self.session.request("GET", site, what=f"GET {site}")
        finally:
            self.session.rules = saved

    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...],
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET one URL politely; raises Disallowed, BadPayload or the HTTP policy's errors."""
        try:
            canonicalize(url)
        except UnsupportedUrl as error:
            raise BadPayload(str(error)) from None
        if not self.robots(url).allows(url, ROBOTS_AGENT):
            host = urlsplit(url).netloc
            raise Disallowed(f"{url}: robots.txt of {host} disallows Pulso (or is unavailable)")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self.session.request("GET", url, headers=headers)
        content_type = response.headers.get("content-type")
        if response.status_code != 304 and not _content_type_ok(content_type, accept):
            raise BadPayload(f"{url}: unexpected content type {content_type!r}")
        return Fetched(
            url=str(response.url),
            status=response.status_code,
            body=response.content if response.status_code != 304 else b"",
            content_type=content_type,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
