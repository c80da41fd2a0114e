"""A slow or endless answer cannot hold a source: total deadline and size cap while streaming.

Real loopback sockets: a server that dribbles one byte every 0.2 s (the read timeout never
fires, since bytes keep coming) and one that sends far more than the cap.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests

from collectors.errors import BadPayload, Timeout
from collectors.http import HttpPolicy, HttpSession, PolicyAdapter
from collectors.rules import GENERIC

DRIBBLE_BYTES = 100  # at one byte per 0.2 s: 20 s if nobody stops reading


@contextmanager
def raw_server(
    answer: bytes, *, head: bytes = b"", pause_s: float
) -> Iterator[tuple[str, list[int]]]:
    """Answers every connection with `head` at once, then `answer` one byte per `pause_s`.

    Yields the base URL and the number of bytes of `answer` sent, per connection.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    sent: list[int] = []
    stop = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        count = 0
        with conn:
            conn.recv(65536)
            try:
                conn.sendall(head)
                for byte in answer:
                    if stop.is_set():
                        break
                    conn.sendall(bytes([byte]))
                    count += 1
                    time.sleep(pause_s)
            except OSError:
                pass  # the client hung up: what we are testing
        sent.append(count)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://localhost:{listener.getsockname()[1]}", sent
    finally:
        stop.set()
        listener.close()


def _wait_for(sent: list[int]) -> list[int]:
    for _ in range(100):
        if sent:
            break
        time.sleep(0.05)
    return sent


def _session(**policy: object) -> HttpSession:
    settings = {"max_retries": 0, "read_timeout_s": 5.0, "allow_hosts": ("localhost",), **policy}
    return HttpSession(HttpPolicy(**settings))  # type: ignore[arg-type]


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n"


def test_a_server_dribbling_its_body_is_cut_off_at_the_total_deadline() -> None:
    with raw_server(b"x" * DRIBBLE_BYTES, head=HEAD, pause_s=0.2) as (base, sent):
        with pytest.raises(Timeout, match="total_timeout_s"):
            _session(total_timeout_s=1.0).request("GET", f"{base}/nota")
        assert _wait_for(sent)[0] < DRIBBLE_BYTES


def test_a_server_dribbling_its_headers_is_cut_off_at_the_total_deadline() -> None:
    with raw_server(HEAD + b"x" * DRIBBLE_BYTES, pause_s=0.2) as (base, sent):
        with pytest.raises(Timeout, match="total_timeout_s"):
            _session(total_timeout_s=1.0).request("GET", f"{base}/nota")
        assert _wait_for(sent)[0] < len(HEAD)


def test_the_requests_adapter_also_stops_a_dribbling_body() -> None:
    adapter = PolicyAdapter(
        HttpPolicy(max_retries=0, total_timeout_s=1.0, read_timeout_s=5.0), rules=GENERIC
    )
    with (
        requests.Session() as http,
        raw_server(b"x" * DRIBBLE_BYTES, head=HEAD, pause_s=0.2) as (
            base,
            sent,
        ),
    ):
        http.mount("http://", adapter)
        with pytest.raises(Timeout, match="total_timeout_s"):
            http.get(f"{base}/2/users/by/username/AlcaldiaDeCali")
        assert _wait_for(sent)[0] < DRIBBLE_BYTES


BIG = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"


def test_the_requests_adapter_stops_reading_at_the_size_cap() -> None:
    body = b"y" * 50_000_000  # far beyond what loopback socket buffers absorb
    listener = socket.create_server(("127.0.0.1", 0))
    sent: list[int] = []

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(BIG)
            count = 0
            try:
                for start in range(0, len(body), 1 << 20):
                    conn.sendall(body[start : start + (1 << 20)])
                    count += 1 << 20
            except OSError:
                pass
            sent.append(count)

    threading.Thread(target=serve, daemon=True).start()
    adapter = PolicyAdapter(HttpPolicy(max_retries=0, max_response_bytes=100_000), rules=GENERIC)
    with requests.Session() as http:
        http.mount("http://", adapter)
        with pytest.raises(BadPayload, match="cap"):
            http.get(f"http://127.0.0.1:{listener.getsockname()[1]}/big")
    listener.close()
    assert _wait_for(sent)[0] < len(body)  # the rest was never read
