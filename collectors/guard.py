"""The connection guard: Pulso connects only to public addresses it has checked itself.

`AddressGuard.vet(host, port)` resolves a host once and refuses it (collectors.errors.Refused)
when any of its addresses is internal (collectors/addresses.py), unless the operator named the
host in `[http] allow_hosts` (an intranet feed). `GuardedTransport` is an httpx transport whose
connections are opened by `GuardedBackend`: it connects to the very addresses it vetted, so a
DNS answer cannot change between the check and the connection (DNS rebinding). TLS still
verifies the certificate for, and sends SNI with, the host name of the URL; the Host header is
the URL's too.

The same backend enforces the total deadline of a request (`deadline(seconds)`): every connect,
read and write waits at most what is left of it, so a server sending one byte a second cannot
hold a source for longer than `[http] total_timeout_s`.

Injected transports (collectors.replay, respx) never reach this module: nothing connects, so
nothing is resolved.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from collectors.addresses import blocked_reason, parse_ip
from collectors.errors import Refused

Resolver = Callable[[str, int], Sequence[str]]

_DEADLINE: ContextVar[float | None] = ContextVar("pulso_http_deadline", default=None)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (one lookup, in its order)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _allow_entry(entry: str) -> tuple[str, int | None]:
    """`host`, `host:port`, `[::1]:8080` -> (host lower-cased without brackets, port or None)."""
    parts = urlsplit("//" + entry.strip())
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"not a host name: {entry!r}")
    return host, parts.port


@dataclass(frozen=True)
class AddressGuard:
    """Resolve, check, and say where to connect; hosts in `allow_hosts` may be internal."""

    allow_hosts: Iterable[str] = ()
    resolve: Resolver = system_resolver
    _allowed: frozenset[tuple[str, int | None]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        allowed = frozenset(_allow_entry(entry) for entry in self.allow_hosts)
        object.__setattr__(self, "_allowed", allowed)

    def allowed(self, host: str, port: int) -> bool:
        name = host.lower().rstrip(".").removeprefix("[").removesuffix("]")
        return (name, None) in self._allowed or (name, port) in self._allowed

    def vet(self, host: str, port: int) -> list[str]:
        """The addresses to connect to, in order; raises Refused naming the internal one."""
        literal = parse_ip(host)
        addresses = [str(literal)] if literal is not None else self._lookup(host, port)
        if self.allowed(host, port):
            return addresses
        for address in addresses:
            reason = blocked_reason(address)
            if reason is not None:
                raise Refused(
                    f"{host}: not fetched: {reason}; only hosts named in [http] allow_hosts "
                    "may point inside the network"
                )
        return addresses

    def _lookup(self, host: str, port: int) -> list[str]:
        try:
            addresses = list(self.resolve(host, port))
        except OSError as error:  # socket.gaierror: unknown name, no DNS
            raise httpcore.ConnectError(f"{host}: name not resolved ({error})") from None
        if not addresses:
            raise httpcore.ConnectError(f"{host}: name resolved to no address")
        return addresses


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Everything the guarded backend does inside must finish within `seconds` from now."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def deadline_passed() -> bool:
    end = _DEADLINE.get()
    return end is not None and time.monotonic() >= end


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("the request's total deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait is cut to what is left of the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _clamp(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, connecting only to addresses the guard vetted."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        failure: Exception = httpcore.ConnectError(f"{host}: no address to connect to")
        for address in self.guard.vet(host, port):
            wait = _clamp(timeout, httpcore.ConnectTimeout)
            try:
                stream = self._inner.connect_tcp(address, port, wait, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
                continue
            return DeadlineStream(stream)
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Pulso does not connect to unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's default transport, its connections opened by GuardedBackend.

    httpx 0.28 takes no network backend argument (encode/httpx#3749 proposes one), so the
    connection pool it builds is replaced by an identical one using the guarded backend.
    Proxy variables are not honoured: a proxy would resolve names Pulso cannot vet.
    """

    def __init__(self, guard: AddressGuard) -> None:
        super().__init__(trust_env=False)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(guard),
        )
