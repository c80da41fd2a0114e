"""A real Source over HTTP for flow tests: it reads a loopback server and upserts snapshots.

Not a mock: it goes through the one HTTP policy (`HttpSession`: retries, waits, typed errors)
to a real socket, as the platform clients do, and stores with idempotent upserts in the
source's transaction. Its waits go to `sleeps` instead of the clock. `stall` makes `store` block half-way (rows written, not committed) so a test can
SIGKILL the process there.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from collectors.errors import BadPayload
from collectors.http import HttpPolicy, HttpSession
from flows.steps.sources import RunContext
from storage.accounts import ensure_account
from storage.models import FollowerSnapshot, Post


@dataclass
class Routes:
    """path -> answers served in order (the last one repeats); counts every hit."""

    # (status, JSON body) or (status, JSON body, headers)
    answers: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    delay_s: float = 0.0
    stalled: threading.Event = field(default_factory=threading.Event)
    gate: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def answer(self, path: str) -> tuple[int, Any, dict[str, str]]:
        self.hits[path] = self.hits.get(path, 0) + 1
        queue = self.answers.get(path, [(404, {"error": "unknown"})])
        status, body, *headers = queue.pop(0) if len(queue) > 1 else queue[0]
        return status, body, headers[0] if headers else {}


def _handler(routes: Routes) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path == "/gate":
                routes.gate.wait(120)
            elif self.path == "/stall":
                routes.stalled.set()
                routes.release.wait(60)
            elif routes.delay_s:
                routes.release.wait(routes.delay_s)
            status, body, headers = routes.answer(self.path)
            data = json.dumps(body).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: Any) -> None:
            return None

    return Handler


@contextmanager
def loopback(routes: Routes) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        routes.release.set()
        routes.gate.set()
        server.shutdown()
        server.server_close()


# What `[http]` gives a source, reaching the test's loopback server.
LOOPBACK_POLICY = HttpPolicy(max_retries=2, read_timeout_s=10.0, allow_hosts=("127.0.0.1",))


@dataclass
class HttpSource:
    """An account whose counts come from `GET {base}/{platform}/{handle}`."""

    platform: str
    handle: str
    base: str
    stall: bool = False
    policy: HttpPolicy = LOOPBACK_POLICY
    sleeps: list[float] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.handle}"

    @property
    def kind(self) -> str:
        return self.platform

    def collect(self, session: Session, ctx: RunContext) -> dict[str, Any]:
        if self.stall:
            # SQLite has one writer: stall only once the others are stored, as a test needs.
            httpx.get(f"{self.base}/gate", timeout=180)
        with HttpSession(self.policy, sleep=self.sleeps.append) as http:
            payload = http.get_json(f"{self.base}/{self.platform}/{self.handle}", what=self.key)
        if "followers" not in payload:
            raise BadPayload(f"{self.key}: no 'followers' in the answer")
        return dict(payload)

    def store(self, session: Session, collected: dict[str, Any], ctx: RunContext) -> dict[str, int]:
        account = ensure_account(session, platform=self.platform, handle=self.handle)
        upsert_snapshot(session, account.id, ctx, collected["followers"])
        for post_id in collected.get("posts", []):
            upsert_post(session, account.id, str(post_id), ctx)
        if self.stall:
            session.flush()
            httpx.get(f"{self.base}/stall", timeout=120)
        return {"followers": 1, "posts": len(collected.get("posts", []))}


def upsert_snapshot(session: Session, account_id: int, ctx: RunContext, followers: int) -> None:
    snapshot = session.scalars(
        select(FollowerSnapshot).where(
            FollowerSnapshot.account_id == account_id, FollowerSnapshot.day == ctx.day
        )
    ).one_or_none()
    if snapshot is None:
        snapshot = FollowerSnapshot(account_id=account_id, day=ctx.day, source="collected")
        session.add(snapshot)
    snapshot.followers = followers
    snapshot.collected_at = ctx.now
    snapshot.run_id = ctx.run_id


def upsert_post(session: Session, account_id: int, post_id: str, ctx: RunContext) -> None:
    found = session.scalars(
        select(Post).where(Post.account_id == account_id, Post.platform_post_id == post_id)
    ).one_or_none()
    if found is None:
        session.add(Post(account_id=account_id, platform_post_id=post_id, first_seen_at=ctx.now))


@contextmanager
def webhook_receiver() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A loopback webhook: its URL and every JSON body POSTed to it."""
    received: list[dict[str, Any]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            received.append(json.loads(self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()
