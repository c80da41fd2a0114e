"""The demo's Prefect API: Prefect's own app, telling its clients to retry a busy answer soon.

Runs in the demo's Prefect server process (uvicorn's factory, pulso/demo/prefect_server.py),
never in the demo's: nothing here is imported there.

Prefect's temporary server keeps its database in SQLite, written by the API and by its own
services (events, task runs) at once. A request whose transaction read before another
connection's write committed cannot write (SQLite answers "database is locked" at once, no
wait helps), and Prefect's API answers it 503 so the client sends it again. Prefect's client
waits 2 s before that first retry, 4 s before the next, unless the answer says when to retry
(Retry-After): the demo's flows lost 2 s to one such answer on most runs. The same request is
sent again after RETRY_AFTER_S instead; the clash is over by then (the write that caused it has
committed), and a server really overloaded still gets Prefect's five attempts.
"""

from __future__ import annotations

import gc
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

RETRY_AFTER_S = "0.2"


class RetrySoon:
    """ASGI wrapper: a 503 answer gets `Retry-After: RETRY_AFTER_S` unless it has one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_hint(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 503:
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"retry-after" for name, _ in headers):
                    headers.append((b"retry-after", RETRY_AFTER_S.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_hint)


def create_app() -> RetrySoon:
    """Prefect's `prefect.server.api.server:create_app`, as Prefect's temporary server runs it.

    Python's cycle collector is off while Prefect's server code is imported and its app built
    (thousands of modules, classes and schemas, kept for the server's life), then those
    objects are frozen out of later collections, which would otherwise walk them all again
    while the server answers and once more at its exit.
    """
    gc.disable()
    try:
        from prefect.server.api.server import create_app as prefect_app

        app = RetrySoon(prefect_app())
    finally:
        gc.freeze()
        gc.enable()
    return app
