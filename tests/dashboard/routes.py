"""The app's own route table, flattened: tests that must cover every route read it here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute


def _walk(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):
            # FastAPI 0.150 keeps an included router as one lazy entry.
            inner = prefix + getattr(route.include_context, "prefix", "")
            yield from _walk(route.original_router.routes, inner)


def get_routes(app: FastAPI) -> list[tuple[str, APIRoute]]:
    """(path, route) for every GET route the app serves, API and pages alike."""
    return sorted(
        ((path, route) for path, route in _walk(app.routes) if "GET" in route.methods),
        key=lambda pair: pair[0],
    )


def _fields(dependant: Any, kind: str) -> Iterator[str]:
    for field in getattr(dependant, kind):
        yield field.alias
    for sub in dependant.dependencies:
        yield from _fields(sub, kind)


def query_names(route: APIRoute) -> list[str]:
    """Every query parameter the route reads, its dependencies' included."""
    return sorted(set(_fields(route.dependant, "query_params")))


def path_names(route: APIRoute) -> list[str]:
    return sorted(set(_fields(route.dependant, "path_params")))
