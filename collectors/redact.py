"""Keeping credentials out of everything Pulso writes: stored answers, messages, logs.

Three layers, because a credential can hide in three ways:

- a known secret VALUE (the configured tokens, keys and app secrets, and tokens obtained at
  run time) anywhere, raw or in its URL-encoded or JSON-escaped spelling;
- a credential query PARAMETER (`access_token=...`, `key=...`) inside any URL of a body or a
  message: Graph puts the token into every `paging.next` / `paging.previous` URL;
- a credential-bearing JSON KEY (`access_token`, `refresh_token`, ...): TikTok's token answer
  holds the new tokens, which are not yet known as values when the answer arrives.

`scrub` (bytes) and `scrub_text` are pure: the secret values are passed in. The registry
(`register_secret`) is the one process-wide set of values that `redact` and capture use.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, quote_plus

PLACEHOLDER = "***"

# Query parameters that carry a credential on the platforms Pulso calls (`key`: YouTube).
SECRET_PARAMS = frozenset(
    {
        "access_token",
        "key",
        "token",
        "client_secret",
        "client_key",
        "refresh_token",
        "appsecret_proof",
        "input_token",
    }
)
# JSON keys whose value is a credential (token answers, debug answers echoing a token).
SECRET_KEYS = frozenset(
    {
        "access_token",
        "refresh_token",
        "client_secret",
        "appsecret_proof",
        "id_token",
        "input_token",
    }
)
_MIN_SECRET = 4

_NAMES = "|".join(sorted(SECRET_PARAMS, key=len, reverse=True))
_SEP = r"(?:&amp;|&|%26|\\u0026)"
_PAIR = (
    rf"(?:{_NAMES})(?:=|%3[dD]|\\u003[dD])"
    r"(?:(?!%26|&|\\u0026)[^\s\"'<>#\\])*"
)
# The patterns below are compiled on first use: most commands redact nothing, and compiling
# them at import cost every command's start-up about 10 ms.


@cache
def _param() -> re.Pattern[str]:
    """One credential parameter, in plain, HTML-escaped (&amp;), JSON-escaped (\\u0026) or
    percent-encoded (a URL inside another URL's query) spelling. What removing it leaves
    depends on what precedes it: `?tok=1&a=2` -> `?a=2`, `?a=2&tok=1` -> `?a=2`,
    `tok=1&a=2` (a form body) -> `a=2`."""
    return re.compile(
        rf"(?P<q>\?|%3[fF]|\\u003[fF]){_PAIR}(?P<qnext>{_SEP})?"
        rf"|{_SEP}{_PAIR}"
        rf"|(?<![A-Za-z0-9_.%-]){_PAIR}{_SEP}?",
        re.IGNORECASE,
    )


@cache
def _candidate() -> re.Pattern[str]:
    """Cheap first look over lower-cased text (every name above ends so): the full pattern
    tries each name at each position, about 1 ms per kB, so it only runs where a candidate is."""
    return re.compile(r"(?:token|key|secret|proof)(?:=|%3d|\\u003d)")


@cache
def _json_key() -> re.Pattern[str]:
    """A credential key in JSON that could not be parsed (truncated, JSONP): blank its value."""
    return re.compile(rf'(?i)("(?:{"|".join(sorted(SECRET_KEYS))})"\s*:\s*)"(?:[^"\\]|\\.)*"')


@cache
def _bearer() -> re.Pattern[str]:
    return re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=%-]+")


@cache
def _message_param() -> re.Pattern[str]:
    return re.compile(
        rf"(?i)((?<![A-Za-z0-9_])(?:{_NAMES}|bearer)(?:=|%3D))(?:(?!%26|&)[^\s\"'<>#\\])+"
    )


_registered: set[str] = set()
# Sources run on a thread pool: a TikTok refresh registers new tokens while another thread
# scrubs an answer with the set as it stands.
_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Remember a secret so that `redact` and captured answers never show it."""
    if value and len(value) >= _MIN_SECRET:
        with _lock:
            _registered.add(value)


def registered_secrets() -> frozenset[str]:
    with _lock:
        return frozenset(_registered)


def spellings(secret: str) -> list[str]:
    """How a value can appear in a body: raw, URL-encoded, form-encoded, JSON-escaped."""
    escaped = json.dumps(secret)[1:-1]
    forms = {secret, quote(secret, safe=""), quote_plus(secret), escaped}
    forms.add(escaped.replace("/", "\\/"))
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=16)
def _values_pattern(secrets: frozenset[str]) -> re.Pattern[str] | None:
    """One alternation of every spelling, longest first: a single pass over the text."""
    forms = {form for s in secrets if len(s) >= _MIN_SECRET for form in spellings(s)}
    if not forms:
        return None
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def _replace_values(text: str, secrets: Iterable[str]) -> str:
    pattern = _values_pattern(frozenset(secrets))
    return text if pattern is None else pattern.sub(PLACEHOLDER, text)


def _drop_param(match: re.Match[str]) -> str:
    return match["q"] if match["q"] is not None and match["qnext"] is not None else ""


def _drop_params(text: str) -> str:
    # Adjacent credentials (`?access_token=a&appsecret_proof=b`) need a second pass.
    while True:
        scrubbed = _param().sub(_drop_param, text)
        if scrubbed == text:
            return scrubbed
        text = scrubbed


def _suspect(text: str, secrets: Iterable[str]) -> bool:
    """Whether `text` may hold a credential at all (most answers do not: kept as they are)."""
    pattern = _values_pattern(frozenset(secrets))
    if pattern is not None and pattern.search(text):
        return True
    lowered = text.lower()
    return (
        _candidate().search(lowered) is not None
        or "bearer" in lowered
        or any(f'"{key}"' in lowered for key in SECRET_KEYS)
    )


def scrub_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Text without credential parameters, bearer values or any of `secrets`."""
    text = _replace_values(text, secrets)
    lowered = text.lower()
    if any(f'"{key}"' in lowered for key in SECRET_KEYS):
        text = _json_key().sub(rf'\g<1>"{PLACEHOLDER}"', text)
    if _candidate().search(lowered):
        text = _drop_params(text)
    if "bearer" in lowered:
        text = _bearer().sub(rf"\g<1>{PLACEHOLDER}", text)
    return text


def _scrub_tree(value: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {
            k: _scrub_tree(v, secrets)
            for k, v in value.items()
            if not (isinstance(k, str) and k.lower() in SECRET_KEYS)
        }
    if isinstance(value, list):
        return [_scrub_tree(item, secrets) for item in value]
    if isinstance(value, str):
        return scrub_text(value, secrets)
    return value


def _scrub_json(body: bytes, secrets: tuple[str, ...]) -> bytes | None:
    """The JSON body re-encoded without credentials; None when it is not JSON."""
    try:
        tree = json.loads(body)
    except ValueError:
        return None
    cleaned = _scrub_tree(tree, secrets)
    if cleaned == tree:
        return body  # untouched answers keep their exact bytes
    # ASCII escapes: a lone surrogate (Graph cuts emoji mid-pair) stays encodable.
    return json.dumps(cleaned, separators=(",", ":")).encode()


def scrub(body: bytes, secrets: Iterable[str] = ()) -> bytes:
    """A stored answer without any credential: JSON walked key by key, any body as text.

    Idempotent (scrubbing twice changes nothing the second time) and lossless for bytes that
    are not UTF-8 (they pass through as surrogates).
    """
    values = tuple(secrets)
    if not _suspect(body.decode("utf-8", "surrogateescape"), values):
        return body
    walked = _scrub_json(body, values)
    text = (walked if walked is not None else body).decode("utf-8", "surrogateescape")
    return scrub_text(text, values).encode("utf-8", "surrogateescape")


def redact(text: str) -> str:
    """A message or log line without registered secrets, credential parameters or bearers.

    Messages keep the parameter's name (`access_token=***`) so an operator sees that a
    credential was there; stored answers drop it entirely (`scrub`).
    """
    text = _replace_values(text, registered_secrets())
    text = _message_param().sub(rf"\g<1>{PLACEHOLDER}", text)
    return _bearer().sub(rf"\g<1>{PLACEHOLDER}", text)
