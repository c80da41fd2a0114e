"""Both client kinds stream: the size cap holds before a body ends, a stalled body is a Timeout.

Real loopback sockets. `HttpSession` (httpx: Graph, YouTube, TikTok, news) and `PolicyAdapter`
(requests: tweepy for X) must behave alike: a body is measured as it arrives, never read whole
first, and a connection that stalls or breaks mid-body is one of our transient errors, retried
by the policy like any other timeout.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import requests

from collectors.errors import BadPayload, Timeout
from collectors.http import HttpPolicy, HttpSession, PolicyAdapter
from collectors.rules import GENERIC

CAP = 100_000
ENDLESS = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
STALLS = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"da'


@contextmanager
def holding_server(head: bytes, body: bytes) -> Iterator[tuple[str, list[int]]]:
    """Sends `head` and `body`, then holds every connection open without ending the answer.

    Yields the base URL and a list that gets one entry per connection accepted.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    connections: list[int] = []
    done = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            try:
                conn.sendall(head + body)
            except OSError:
                return
            done.wait(30)

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            connections.append(1)
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", connections
    finally:
        done.set()
        listener.close()


def policy(**overrides: object) -> HttpPolicy:
    settings = {
        "max_retries": 0,
        "read_timeout_s": 2.0,
        "total_timeout_s": 20.0,
        "max_response_bytes": CAP,
        "allow_hosts": ("127.0.0.1",),
        "backoff_base_s": 0.0,
        **overrides,
    }
    return HttpPolicy(**settings)  # type: ignore[arg-type]


def with_httpx(url: str, **overrides: object) -> object:
    with HttpSession(policy(**overrides), sleep=lambda s: None) as session:
        return session.request("GET", url)


def with_requests(url: str, **overrides: object) -> object:
    adapter = PolicyAdapter(policy(**overrides), rules=GENERIC, sleep=lambda s: None)
    with requests.Session() as http:
        http.mount("http://", adapter)
        return http.get(url)


CLIENTS: list[Callable[..., object]] = [with_httpx, with_requests]


@pytest.mark.parametrize("get", CLIENTS, ids=["httpx", "requests"])
def test_a_body_past_the_cap_is_refused_before_the_server_ends_it(
    get: Callable[..., object],
) -> None:
    # No Content-Length and the answer never ends: reading it whole first would wait for the
    # read timeout and report a Timeout; measuring as it arrives refuses it at the cap.
    with holding_server(ENDLESS, b"x" * (CAP + 50_000)) as (base, _connections):
        with pytest.raises(BadPayload, match=f"{CAP}-byte cap"):
            get(f"{base}/2/users/by/username/AlcaldiaDeCali")


@pytest.mark.parametrize("get", CLIENTS, ids=["httpx", "requests"])
def test_a_body_that_stalls_half_way_is_a_timeout_retried_by_the_policy(
    get: Callable[..., object],
) -> None:
    with holding_server(STALLS, b"") as (base, connections):
        with pytest.raises(Timeout, match="timed out"):
            get(f"{base}/2/users/by/username/AlcaldiaDeCali", read_timeout_s=0.5, max_retries=1)
    assert len(connections) == 2
