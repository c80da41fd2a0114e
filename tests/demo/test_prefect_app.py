"""The demo's Prefect app: a busy (503) answer says to retry soon; nothing else changes."""

from __future__ import annotations

import asyncio
from typing import Any

from pulso.demo.prefect_app import RETRY_AFTER_S, RetrySoon
from pulso.demo.prefect_server import server_command


def answer(status: int, headers: list[tuple[bytes, bytes]]) -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await send({"type": "lifespan.startup.complete"})
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"{}"})

    return app


def sent(status: int, headers: list[tuple[bytes, bytes]], kind: str = "http") -> list[Any]:
    messages: list[Any] = []

    async def receive() -> Any:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        messages.append(message)

    asyncio.run(RetrySoon(answer(status, headers))({"type": kind}, receive, send))
    return messages


def test_a_busy_answer_says_to_retry_soon_and_keeps_the_rest() -> None:
    start, body = sent(503, [(b"content-type", b"application/json")])
    assert start["status"] == 503
    assert start["headers"] == [
        (b"content-type", b"application/json"),
        (b"retry-after", RETRY_AFTER_S.encode()),
    ]
    assert body == {"type": "http.response.body", "body": b"{}"}


def test_other_answers_and_a_retry_after_already_given_pass_unchanged() -> None:
    assert sent(200, [(b"x", b"1")])[0]["headers"] == [(b"x", b"1")]
    assert sent(503, [(b"Retry-After", b"5")])[0]["headers"] == [(b"Retry-After", b"5")]
    assert sent(500, [])[0]["headers"] == []
    assert sent(0, [], kind="lifespan") == [{"type": "lifespan.startup.complete"}]


def test_the_demo_server_runs_prefects_app_through_the_wrapper() -> None:
    command = server_command(4200)
    assert command[command.index("--factory") + 1] == "pulso.demo.prefect_app:create_app"
