"""The news collectors' only I/O: polite GETs of feeds, sitemaps, listings and articles.

Everything goes through the one HTTP policy (collectors/http.py): honest User-Agent, timeouts,
retries, 429 Retry-After, per-host spacing, size cap, internal addresses refused on every hop.
On top of it this client adds what crawling websites needs: robots.txt (cached up to 24 h) for
the first URL and for every redirect hop, http(s) only, content-type checks, and conditional
GET for feeds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
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
MAX_CRAWL_DELAY_S = 30.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("xml", "rss", "atom", "text/plain", "application/octet-stream", "gzip")


class Disallowed(PermanentError):
    """robots.txt forbids this URL to Pulso; the article is skipped, never fetched."""

    kind = "disallowed"


class _RobotsFileRules(Rules):
    """For robots.txt itself every status is an answer (4xx means "no rules"), not an error."""

    def error(self, answer: Answer, what: str) -> None:
        return None


ROBOTS_FILE_RULES = _RobotsFileRules()


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
    """One per run, shared by all outlets: per-host exclusion and the robots cache are shared.

    Outlets are collected on several threads; a re-entrant lock per host keeps one request
    at a time on each site (the HTTP policy adds the configured delay between them).
    """

    def __init__(
        self,
        session: HttpSession,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self._now, self._sleep, self._monotonic = now, sleep, monotonic
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.RLock] = {}
        # robots.txt has locks of its own: a redirect checks the target's robots.txt while its
        # origin's host lock is held, and a robots fetch never waits on another lock.
        self._robots_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def close(self) -> None:
        self.session.close()

    def _host_lock(self, url: str) -> threading.RLock:
        host = urlsplit(url).netloc.lower()
        with self._locks_guard:
            return self._locks.setdefault(host, threading.RLock())

    def robots(self, url: str) -> RobotsRules:
        """The site's rules, fetched at most once per 24 hours."""
        site = robots_url(url)
        with self._locks_guard:
            lock = self._robots_locks.setdefault(site, threading.Lock())
        with lock:
            cached = self._robots.get(site)
            if cached is not None and cached.fresh(self._now()):
                return cached
            try:
                response = self.session.request("GET", site, rules=ROBOTS_FILE_RULES)
                rules = rules_from_response(response.status_code, response.content, self._now())
            except SourceUnavailable as error:
                log.warning("%s: %s; treating the site as disallowed for now", site, error)
                rules = replace(rules_from_response(503, b"", self._now()), reason=str(error))
            self._robots[site] = rules
            return rules

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
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._host_lock(url):
            robots = self._allowed(url)
            self._crawl_delay(url, robots.crawl_delay(ROBOTS_AGENT))
            try:
                response = self.session.request(
                    "GET", url, headers=headers, on_redirect=self._allowed
                )
            finally:
                self._last_request[urlsplit(url).netloc.lower()] = self._monotonic()
        return _fetched(url, response, accept)

    def _allowed(self, url: str) -> RobotsRules:
        """The site's rules when they allow `url` (first URL or redirect hop); else Disallowed."""
        robots = self.robots(url)
        if not robots.allows(url, ROBOTS_AGENT):
            why = robots.reason or f"robots.txt of {urlsplit(url).netloc} disallows Pulso"
            raise Disallowed(f"{url}: not fetched: {why}")
        return robots

    def _crawl_delay(self, url: str, delay: float | None) -> None:
        """A site's Crawl-delay, on top of the policy's spacing (capped: one site, one night)."""
        last = self._last_request.get(urlsplit(url).netloc.lower())
        if not delay or last is None:
            return
        wait = min(delay, MAX_CRAWL_DELAY_S) - (self._monotonic() - last)
        if wait > 0:
            self._sleep(wait)


def _fetched(url: str, response: httpx.Response, accept: tuple[str, ...]) -> Fetched:
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
