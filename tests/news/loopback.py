"""A real HTTP server on 127.0.0.1 serving outlet fixtures, counting every request.

Its URLs name `localhost`: the HTTP policy refuses internal addresses unless the host is
allowed, so a test that fetches from it says so with `allow_hosts=LOOPBACK_HOSTS`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOOPBACK_HOSTS = ("localhost",)


@dataclass
class Route:
    body: bytes | Callable[[], Iterator[bytes]]
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    user_agents: set[str] = field(default_factory=set)
    host_headers: set[str] = field(default_factory=set)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # path, headers
    in_flight: int = 0
    max_in_flight: int = 0
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


class _SiteHandler(BaseHTTPRequestHandler):
    """Answers from `site` (set on the subclass `_handler` makes)."""

    site: Site
    _counted = False

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        with self.site.lock:
            self.site.hits[self.path] += 1
            self.site.user_agents.add(self.headers.get("User-Agent", ""))
            self.site.host_headers.add(self.headers.get("Host", ""))
            self.site.requests.append((self.path, dict(self.headers.items())))
            self.site.in_flight += 1
            self.site.max_in_flight = max(self.site.max_in_flight, self.site.in_flight)
        self._counted = True
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (size cap): expected
        finally:
            self._release()

    def _release(self) -> None:
        """No longer in flight: called right before the write that completes the answer,
        since once it is sent the client may start its next request before this thread
        runs again (counting after the write saw two requests at once that never were)."""
        if self._counted:
            self._counted = False
            with self.site.lock:
                self.site.in_flight -= 1

    def _answer(self) -> None:
        route = self.site.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self._release()
            self.end_headers()
            return
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self._release()
            self.end_headers()
            return
        self._send_headers(route)
        self._send_body(route)

    def _send_headers(self, route: Route) -> None:
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        if route.etag:
            self.send_header("ETag", route.etag)
        for name, value in route.headers.items():
            self.send_header(name, value)

    def _send_body(self, route: Route) -> None:
        if callable(route.body):
            self.send_header("Connection", "close")
            self.end_headers()
            for chunk in route.body():
                self.wfile.write(chunk)
            return
        body = route.body.replace(b"{base}", self.site.base.encode())
        if route.send_length:
            self.send_header("Content-Length", str(len(body)))
        self._release()  # before end_headers: an empty body is complete once the headers go
        self.end_headers()
        self.wfile.write(body)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_SiteHandler,), {"site": site})


@contextmanager
def serve(site: Site, address: str = "127.0.0.1", name: str = "localhost") -> Iterator[Site]:
    """Serve `site` on `address` (any of 127.0.0.0/8); its URLs use `name` as host."""
    server = ThreadingHTTPServer((address, 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://{name}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
