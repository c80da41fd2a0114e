"""The one HTTP policy: every Pulso client gets its timeouts, retries and redaction here.

Public API (keep changes additive; the news and social collectors build on it):

- `HttpPolicy`: timeouts (per read and a total deadline per request), retries, backoff with
  jitter, longest wait worth sleeping, response size cap (enforced while streaming), honest
  User-Agent (`user_agent(contact)`), optional per-host spacing, redirects followed (at most
  `max_redirects`, http(s) only), hosts allowed to be internal (`allow_hosts`).
- `Rules` (collectors/rules.py): how one platform signals rate limits and errors; the default
  `GENERIC` suits plain websites and feeds.
- `HttpSession(policy, rules=..., base_url=..., transport=..., params=..., headers=...,
  secrets=...)`: an httpx client under the policy. `request()` returns the final
  `httpx.Response` (2xx, or 304 for conditional GETs) or raises a typed `CollectorError`;
  `get_json()` / `post_json()` also decode JSON (BadPayload when it is not JSON).
  Inject `transport` (e.g. `collectors.replay.ReplayTransport`, `respx`) for tests and replay;
  without one, connections go through the SSRF guard (collectors/guard.py): every host, first
  URL and each redirect hop, is resolved once and refused when internal. `on_redirect(url)` lets
  a caller veto a hop (the news client checks robots.txt there).
- `PolicyAdapter`: the same policy as a `requests` adapter, for libraries built on requests
  (tweepy): default timeouts, retries, rate-limit waits, size cap, host rewrite.
- `retrying(...)`: the shared loop both use; `install_log_redaction()`: every log record's
  message passes through `redact` (httpx and urllib3 log URLs with tokens in the query).

Retries and waits: `HttpPolicy.retry` (collectors/retry.py) decides them for every caller, the
CLI's `pulso collect` and the nightly flow alike; a rate limit whose wait is at most
`max_wait_s` is slept and retried, a longer one raises `RateLimited(until=...)` at once so only
that source fails tonight. Nothing above this layer retries or sleeps.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

import httpx
import requests
from requests.adapters import BaseAdapter, HTTPAdapter

from collectors import capture
from collectors.capture import SECRET_PARAMS
from collectors.errors import (
    BadPayload,
    TooManyRedirects,
    redact,
    register_secret,
)
from collectors.guard import (
    AddressGuard,
    GuardedTransport,
    Resolver,
    deadline,
    deadline_passed,
    system_resolver,
)
from collectors.redirects import redirect_request, redirect_target
from collectors.retry import NETWORK_ERRORS, RetryPolicy
from collectors.rules import GENERIC, Answer, Rules
from collectors.streaming import deadline_error, read_capped, requests_chunks

log = logging.getLogger("pulso.http")

T = TypeVar("T")
VERSION = "0.1"
DEFAULT_CONTACT = "comunicaciones@cali.gov.co"


def user_agent(contact: str = DEFAULT_CONTACT) -> str:
    """Pulso says who it is and how to reach the office; it never poses as a browser."""
    return f"Pulso/{VERSION} (+{contact})"


@dataclass(frozen=True, slots=True)
class HttpPolicy:
    """How every request behaves; build it from `Config.http` at the edge (flows)."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    max_retries: int = 3
    max_wait_s: float = 60.0
    max_response_bytes: int = 5_000_000
    user_agent: str = user_agent()
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 30.0
    per_host_delay_s: float = 0.0
    total_timeout_s: float = 60.0
    max_redirects: int = 5
    allow_hosts: tuple[str, ...] = ()

    @property
    def retry(self) -> RetryPolicy:
        """Whether and when a request is tried again: the one rule (collectors/retry.py)."""
        return RetryPolicy(
            max_retries=self.max_retries,
            max_wait_s=self.max_wait_s,
            backoff_base_s=self.backoff_base_s,
            backoff_cap_s=self.backoff_cap_s,
        )

    def backoff(self, attempt: int) -> float:
        return self.retry.backoff(attempt)

    def httpx_timeout(self) -> httpx.Timeout:
        return httpx.Timeout(self.read_timeout_s, connect=self.connect_timeout_s)


def retrying(
    send: Callable[[], T],
    view: Callable[[T], Answer],
    *,
    policy: HttpPolicy,
    rules: Rules,
    what: str,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> T:
    """Send until success, a permanent error, a too-long rate limit, or retries run out.

    Every retry and wait comes from `policy.retry` (collectors/retry.py): the one rule.
    """
    retry_policy = policy.retry
    attempt = 0
    while True:
        try:
            raw = send()
        except NETWORK_ERRORS as error:
            retry = retry_policy.after_error(error, attempt, what=what)
        else:
            answer = view(raw)
            now = clock()
            found = retry_policy.after_answer(answer, attempt, rules=rules, what=what, now=now)
            if found is None:
                pause = retry_policy.pause_after(answer, rules=rules, now=now)
                if pause is not None:
                    _pause(sleep, pause, f"{what}: rate-limit window spent; waiting {pause:.0f} s")
                return raw
            retry = found
        _pause(sleep, retry.wait_s, f"{what}: {retry.reason}; retrying in {retry.wait_s:.1f} s")
        attempt += 1


def _pause(sleep: Callable[[float], None], seconds: float, message: str) -> None:
    log.warning(message)
    sleep(seconds)


def _describe(method: str, url: str) -> str:
    """`GET host/path` without the query, which may carry a token."""
    parts = urlsplit(url)
    return f"{method} {parts.netloc}{parts.path}"


_STRIP_ON_REBUILD = {"content-encoding", "content-length", "transfer-encoding"}


class HttpSession:
    """An httpx client under the policy; one per platform (or per outlet) and run."""

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        rules: Rules = GENERIC,
        base_url: str = "",
        transport: httpx.BaseTransport | None = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str | None] = (),
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        resolver: Resolver = system_resolver,
    ) -> None:
        for secret in secrets:
            register_secret(secret)
        for name, value in (params or {}).items():
            if name.lower() in SECRET_PARAMS:
                register_secret(value)
        self.policy = policy
        self.rules = rules
        self.requests_sent = 0
        self._sleep, self._clock = sleep, clock
        self._last_by_host: dict[str, float] = {}
        self._lock = threading.Lock()
        if transport is None:
            transport = GuardedTransport(AddressGuard(policy.allow_hosts, resolve=resolver))
        self._client = httpx.Client(
            base_url=base_url,
            transport=transport,
            params=dict(params or {}),
            headers={"User-Agent": policy.user_agent, **dict(headers or {})},
            timeout=policy.httpx_timeout(),
            follow_redirects=False,  # followed by _follow: each hop checked
        )

    def __enter__(self) -> HttpSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        what: str | None = None,
        rules: Rules | None = None,
        on_redirect: Callable[[str], object] | None = None,
    ) -> httpx.Response:
        """The final response (2xx or 304), or a typed CollectorError; never None.

        `rules` overrides the session's for this request (robots.txt: a 4xx is an answer).
        `on_redirect(url)` runs before each redirect hop is requested; it may raise to stop.
        """
        request = self._client.build_request(
            method, url, params=params, headers=headers, json=json, data=data
        )
        label = what or _describe(method, str(request.url))
        return retrying(
            lambda: self._send(request, label, on_redirect),
            _answer_from_httpx,
            policy=self.policy,
            rules=rules or self.rules,
            what=label,
            sleep=self._sleep,
            clock=self._clock,
        )

    def get_json(
        self, url: str, *, params: Mapping[str, Any] | None = None, what: str | None = None
    ) -> Any:
        return decode_json(self.request("GET", url, params=params, what=what), what or url)

    def post_json(
        self,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        what: str | None = None,
    ) -> Any:
        response = self.request("POST", url, params=params, json=json, data=data, what=what)
        return decode_json(response, what or url)

    def _space_out(self, host: str) -> None:
        """Politeness: at least `per_host_delay_s` between two requests to the same host."""
        if self.policy.per_host_delay_s <= 0:
            return
        with self._lock:
            ready_at = self._last_by_host.get(host, 0.0) + self.policy.per_host_delay_s
            self._last_by_host[host] = max(self._clock(), ready_at)
        delay = ready_at - self._clock()
        if delay > 0:
            self._sleep(delay)

    def _send(
        self, request: httpx.Request, label: str, on_redirect: Callable[[str], object] | None
    ) -> httpx.Response:
        """One attempt: the request and its redirects, all within the total deadline."""
        total = self.policy.total_timeout_s
        with deadline(total):
            try:
                return self._follow(request, label, on_redirect)
            except httpx.TimeoutException:
                if deadline_passed():
                    raise deadline_error(label, total) from None
                raise

    def _follow(
        self, request: httpx.Request, label: str, on_redirect: Callable[[str], object] | None
    ) -> httpx.Response:
        for _ in range(self.policy.max_redirects + 1):
            response = self._send_once(request, label)
            if not response.has_redirect_location:
                return response
            target = redirect_target(request.url, response.headers["location"], label)
            if on_redirect is not None:
                on_redirect(str(target))
            request = redirect_request(request, response.status_code, target)
        raise TooManyRedirects(
            f"{label}: more than {self.policy.max_redirects} redirects (the last to "
            f"{_describe(request.method, str(request.url))}); not followed"
        )

    def _send_once(self, request: httpx.Request, label: str) -> httpx.Response:
        self._space_out(request.url.host)
        self.requests_sent += 1
        response = self._client.send(request, stream=True)
        try:
            body = read_capped(
                response.iter_bytes(),
                response.headers.get("content-length"),
                cap=self.policy.max_response_bytes,
                total_s=self.policy.total_timeout_s,
                label=label,
            )
        finally:
            response.close()
        headers = [
            (k, v) for k, v in response.headers.multi_items() if k.lower() not in _STRIP_ON_REBUILD
        ]
        capture.keep(
            request.method,
            request.url.path,
            request.url.params.multi_items(),
            response.status_code,
            response.headers.get("content-type"),
            body,
        )
        return httpx.Response(response.status_code, headers=headers, content=body, request=request)


def _answer_from_httpx(response: httpx.Response) -> Answer:
    return Answer(status=response.status_code, headers=response.headers, body=response.content)


def decode_json(response: httpx.Response, what: str) -> Any:
    """The response's JSON; BadPayload naming the request when the body is not JSON."""
    try:
        return response.json()
    except ValueError:
        snippet = response.text[:120].replace("\n", " ")
        raise BadPayload(f"{what}: expected JSON, got {snippet!r}") from None


class PolicyAdapter(HTTPAdapter):
    """The HTTP policy for requests-based libraries (tweepy): mount on their session.

    tweepy calls a hard-coded host with no timeout; this adapter adds the policy's timeouts,
    rewrites `rewrite_from` to `base_url` (gateways, tests), applies `rules` (retries, rate
    limits, typed errors) and caps the body. `inner` sends for real (a plain HTTPAdapter) or
    serves recordings (collectors.replay.ReplayAdapter).
    """

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        rules: Rules,
        base_url: str | None = None,
        rewrite_from: str | None = None,
        inner: BaseAdapter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.policy, self.rules = policy, rules
        self.base_url = base_url.rstrip("/") if base_url else None
        self.rewrite_from = rewrite_from.rstrip("/") if rewrite_from else None
        self.inner = inner or HTTPAdapter()
        self.requests_sent = 0
        self._sleep, self._clock = sleep, clock

    def send(  # type: ignore[override]
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        **kwargs: Any,
    ) -> requests.Response:
        url = request.url or ""
        if self.base_url and self.rewrite_from and url.startswith(self.rewrite_from):
            request.url = self.base_url + url[len(self.rewrite_from) :]
        request.headers["User-Agent"] = self.policy.user_agent
        limits = timeout or (self.policy.connect_timeout_s, self.policy.read_timeout_s)
        label = _describe(request.method or "GET", request.url or "")
        return retrying(
            lambda: self._send_once(request, limits, kwargs, label),
            _answer_from_requests,
            policy=self.policy,
            rules=self.rules,
            what=label,
            sleep=self._sleep,
            clock=self._clock,
        )

    def _send_once(
        self, request: requests.PreparedRequest, timeout: Any, kwargs: dict[str, Any], label: str
    ) -> requests.Response:
        self.requests_sent += 1
        with deadline(self.policy.total_timeout_s):
            response = self.inner.send(request, stream=True, timeout=timeout, **kwargs)
            try:
                body = read_capped(
                    requests_chunks(response),
                    response.headers.get("content-length"),
                    cap=self.policy.max_response_bytes,
                    total_s=self.policy.total_timeout_s,
                    label=label,
                )
            except BaseException:
                # Over the cap, past the deadline, or the connection broke mid-body.
                response.close()
                raise
        response._content = body
        response._content_consumed = True
        parts = urlsplit(request.url or "")
        capture.keep(
            request.method or "GET",
            parts.path,
            parse_qsl(parts.query, keep_blank_values=True),
            response.status_code,
            response.headers.get("content-type"),
            body,
        )
        return response

    def close(self) -> None:
        self.inner.close()
        super().close()


def _answer_from_requests(response: requests.Response) -> Answer:
    return Answer(status=response.status_code, headers=response.headers, body=response.content)


class _RedactingRecord(logging.LogRecord):
    """Redacted when made, arguments included: a handler that fails prints `record.args` on
    its own (Prefect's does), and those would still hold the URL with its token."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            message = super().getMessage()
        except (TypeError, ValueError):  # a malformed format string: keep what was given
            message = f"{self.msg} {self.args!r}"
        self.msg, self.args = redact(message), ()


_installed = False


def install_log_redaction() -> None:
    """Every log record's message is redacted, whichever library logs it (idempotent).

    httpx logs each URL at INFO and urllib3 at DEBUG, query strings (keys, tokens) included;
    tweepy logs its request headers, bearer token included, at DEBUG.
    """
    global _installed
    if _installed:
        return
    logging.setLogRecordFactory(_RedactingRecord)
    _installed = True
