"""The safety layer: response headers, and a login whenever the dashboard leaves localhost.

Password hash format (env PULSO_DASHBOARD_PASSWORD_HASH), stdlib scrypt:
    scrypt:<n>:<r>:<p>:<salt, base64>:<key, base64>
(':' rather than the usual '$', which shells and docker-compose would expand.)
Make one with `pulso dashboard --hash-password` (asks for the password twice). The login is
HTTP Basic with user name `pulso`: browsers show their own dialog and scripts send a header,
so the API and the pages share one mechanism and no form posts are needed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
import threading
from collections import OrderedDict

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

USER = "pulso"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# Weekly report files are the reports helper's own HTML (inline styles, no script).
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}

# Encoded once: every response gets them (a response that set its own CSP keeps it).
_EXTRA = tuple(
    (name.encode(), value.encode())
    for name, value in dict(HEADERS, **{"content-security-policy": CSP}).items()
)


def make_hash(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    encode = base64.b64encode
    fields = [
        str(SCRYPT_N),
        str(SCRYPT_R),
        str(SCRYPT_P),
        encode(salt).decode(),
        encode(key).decode(),
    ]
    return ":".join(["scrypt", *fields])


def check_hash_format(encoded: str) -> None:
    """Raise ValueError saying what is wrong, so a bad env value stops the start, not a login."""
    parts = encoded.split(":")
    valid = len(parts) == 6 and parts[0] == "scrypt" and all(p.isdigit() for p in parts[1:4])
    try:
        valid = valid and all(base64.b64decode(p, validate=True) for p in parts[4:])
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(
            "PULSO_DASHBOARD_PASSWORD_HASH must look like scrypt:16384:8:1:<salt>:<key> "
            "(make one with `pulso dashboard --hash-password`)"
        )


def verify_password(password: str, encoded: str) -> bool:
    try:
        _, n, r, p, salt, key = encoded.split(":")
        expected = base64.b64decode(key)
        derived = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=256 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, expected)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _credentials(header: bytes) -> tuple[str, str] | None:
    scheme, _, value = header.decode("latin-1").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, sep, password = base64.b64decode(value, validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return (user, password) if sep else None


class SecurityHeaders:
    """Adds the headers to every response; a response that set its own CSP keeps it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [header for header in _EXTRA if header[0] not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class BasicLogin:
    """HTTP Basic against the scrypt hash; verified headers are remembered (scrypt is slow
    on purpose, and a browser resends the same header with every request)."""

    def __init__(self, app: ASGIApp, password_hash: str) -> None:
        check_hash_format(password_hash)
        self.app, self.password_hash = app, password_hash
        self._verified: OrderedDict[bytes, None] = OrderedDict()
        self._lock = threading.Lock()

    def _known(self, digest: bytes) -> bool:
        with self._lock:
            return digest in self._verified

    def _remember(self, digest: bytes) -> None:
        with self._lock:
            self._verified[digest] = None
            while len(self._verified) > 64:
                self._verified.popitem(last=False)

    async def _allowed(self, header: bytes | None) -> bool:
        if not header:
            return False
        digest = hashlib.sha256(header).digest()
        if self._known(digest):
            return True
        found = _credentials(header)
        if found is None or not hmac.compare_digest(found[0].encode(), USER.encode()):
            return False
        ok = await anyio.to_thread.run_sync(verify_password, found[1], self.password_hash)
        if ok:
            self._remember(digest)
        return ok

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers", [])).get(b"authorization")
        if await self._allowed(header):
            await self.app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"www-authenticate", b'Basic realm="Pulso", charset="UTF-8"'),
                    (b"content-type", b"text/plain; charset=utf-8"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"login required (user: pulso)\n"})
