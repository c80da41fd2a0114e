"""`pulso dashboard --workers 2` as an operator starts it: each worker listens on a socket of its
own (SO_REUSEPORT, pulso/dashboard/workers.py), pages answer, SIGTERM stops them all, and a port
already taken is refused with a clear message."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from pulso.dashboard.workers import can_share_port

pytestmark = pytest.mark.skipif(not can_share_port(), reason="SO_REUSEPORT: Linux only")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(port: int) -> int:
    """How many sockets listen on 127.0.0.1:`port` (Linux's /proc/net/tcp: state 0A)."""
    local = f"0100007F:{port:04X}"
    lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for line in lines if line.split()[1] == local and line.split()[3] == "0A")


def _start(engine: Engine, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {"PULSO_DATABASE_URL": str(engine.url)}
    command = [sys.executable, "-m", "pulso", "dashboard", "--workers", "2", "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_until_served(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            if httpx.get(base + "/static/pulso.css", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the dashboard did not start")


@pytest.mark.slow
def test_two_workers_each_listen_and_stop_on_sigterm(engine: Engine) -> None:
    port = _free_port()
    process = _start(engine, port)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_served(base, process)
        deadline = time.monotonic() + 30
        while _listening(port) < 2 and time.monotonic() < deadline:  # the second may be later
            time.sleep(0.2)
        assert _listening(port) == 2  # one socket per worker, not one shared
        for _ in range(20):  # fresh connections: the kernel deals them to both sockets
            with httpx.Client(base_url=base) as client:
                assert client.get("/growth").status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert _listening(port) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_port_already_taken_is_refused(engine: Engine) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _start(engine, port)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 2, err
    assert f"--port {port}" in err.decode() and "in use" in err.decode()
