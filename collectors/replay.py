"""Serving platform requests from recorded responses: `--replay DIR`, the demo and tests.

One lookup maps (method, path, sorted query without secret parameters) to a recording under
DIR; `ReplayTransport` plugs it into httpx and `ReplayAdapter` into requests (tweepy). An
unknown request raises `ReplayMiss` listing what DIR holds: never a silent empty answer.

A recording is any `*.json` file under DIR (sub-folders are free, e.g. one per platform):

    {"request":  {"method": "GET", "path": "/v25.0/1234/posts",
                  "query": {"fields": "id,created_time", "limit": "25"},
                  "json": {"cursor": 0}},                   # optional: POST bodies that page
     "response": {"status": 200, "headers": {"content-type": "application/json"},
                  "json": {...},                            # or "text": "...", or "body_file"
                  "delay_s": 0}}                            # optional: a slow platform

Host names are ignored (base URLs are configurable). Secret parameters (access_token, key,
...) are neither needed nor matched. JSON files without "request" and "response" are ignored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from collectors.capture import Query, normalise_query, request_key
from collectors.errors import PermanentError

_LISTED = 40


class ReplayMiss(PermanentError):
    """No recording matches a request; the message lists what the directory holds."""

    kind = "replay_miss"


class ReplayFileError(PermanentError):
    """A recording file is malformed; names the file and the problem."""

    kind = "replay_file"


@dataclass(frozen=True, slots=True)
class Recording:
    method: str
    path: str
    query: Query
    body_json: Any
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    file: Path
    delay_s: float = 0.0


def _query_from_file(raw: Any, file: Path) -> Query:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise ReplayFileError(f"{file}: request.query must be an object of name -> value")
    pairs: list[tuple[str, str]] = []
    for name, value in raw.items():
        values = value if isinstance(value, list) else [value]
        pairs.extend((str(name), str(v)) for v in values)
    return normalise_query(pairs)


def _body(response: Mapping[str, Any], file: Path) -> bytes:
    if "json" in response:
        return json.dumps(response["json"], ensure_ascii=False).encode("utf-8")
    if "text" in response:
        return str(response["text"]).encode("utf-8")
    if "body_file" in response:
        return (file.parent / str(response["body_file"])).read_bytes()
    raise ReplayFileError(f"{file}: response needs one of json, text or body_file")


def _delay(response: Mapping[str, Any], file: Path) -> float:
    """Seconds to wait before answering: staging and tests play a slow platform with it."""
    raw = response.get("delay_s", 0)
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 <= raw <= 600:
        raise ReplayFileError(f"{file}: response.delay_s must be seconds from 0 to 600")
    return float(raw)


def load_recording(file: Path) -> Recording | None:
    """The recording in `file`, or None when the JSON file is not a recording."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ReplayFileError(f"{file}: not valid JSON ({error})") from None
    if not isinstance(data, dict) or "request" not in data or "response" not in data:
        return None
    request, response = data["request"], data["response"]
    if not isinstance(request, dict) or "path" not in request or not isinstance(response, dict):
        raise ReplayFileError(f"{file}: request needs a path; response must be an object")
    headers = {"content-type": "application/json"} if "json" in response else {}
    headers.update({str(k).lower(): str(v) for k, v in (response.get("headers") or {}).items()})
    return Recording(
        method=str(request.get("method", "GET")).upper(),
        path=str(request["path"]),
        query=_query_from_file(request.get("query"), file),
        body_json=request.get("json"),
        status=int(response.get("status", 200)),
        headers=tuple(headers.items()),
        body=_body(response, file),
        file=file,
        delay_s=_delay(response, file),
    )


class ReplayStore:
    """Every recording under a directory, looked up by request key."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise ReplayFileError(f"{self.directory}: replay directory not found")
        self.recordings: list[Recording] = []
        for file in sorted(self.directory.rglob("*.json")):
            recording = load_recording(file)
            if recording is not None:
                self.recordings.append(recording)
        self.served: list[str] = []

    def find(self, method: str, path: str, query: Query, body_json: Any = None) -> Recording:
        method = method.upper()
        candidates = [
            r for r in self.recordings if (r.method, r.path, r.query) == (method, path, query)
        ]
        exact = [r for r in candidates if r.body_json is not None and r.body_json == body_json]
        loose = [r for r in candidates if r.body_json is None]
        matches = exact or loose
        if not matches:
            raise ReplayMiss(self._miss_message(request_key(method, path, query), body_json))
        self.served.append(request_key(method, path, query))
        return matches[0]

    def _miss_message(self, key: str, body_json: Any) -> str:
        known = sorted({_describe(r) for r in self.recordings})
        listing = "; ".join(known[:_LISTED]) + (" ..." if len(known) > _LISTED else "")
        body = f" with body {json.dumps(body_json)}" if body_json is not None else ""
        return (
            f"replay: no recording for {key}{body} under {self.directory} "
            f"({len(known)} recorded: {listing or 'none'})"
        )


def _describe(recording: Recording) -> str:
    key = request_key(recording.method, recording.path, recording.query)
    if recording.body_json is None:
        return key
    return f"{key} with body {json.dumps(recording.body_json, sort_keys=True)}"


def _json_body(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return None


class ReplayTransport(httpx.BaseTransport):
    """An httpx transport answering from a ReplayStore."""

    def __init__(self, store: ReplayStore) -> None:
        self.store = store

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        query = normalise_query(request.url.params.multi_items())
        body = _json_body(request.read()) if request.method != "GET" else None
        found = self.store.find(request.method, request.url.path, query, body)
        time.sleep(found.delay_s)
        return httpx.Response(found.status, headers=list(found.headers), content=found.body)


class ReplayAdapter(BaseAdapter):
    """A requests adapter answering from a ReplayStore (for tweepy's session)."""

    def __init__(self, store: ReplayStore) -> None:
        super().__init__()
        self.store = store

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any
    ) -> requests.Response:
        parts = urlsplit(request.url or "")
        query = normalise_query(parse_qsl(parts.query, keep_blank_values=True))
        raw = request.body
        raw_body = raw if isinstance(raw, bytes) else raw.encode() if isinstance(raw, str) else b""
        body = _json_body(raw_body) if request.method != "GET" else None
        found = self.store.find(request.method or "GET", parts.path, query, body)
        time.sleep(found.delay_s)
        response = requests.Response()
        response.status_code = found.status
        response.headers = CaseInsensitiveDict(dict(found.headers))
        response._content = found.body
        response.url = request.url or ""
        response.request = request
        response.reason = "OK" if found.status < 400 else "Error"
        return response

    def close(self) -> None:
        return None
