"""scrub credentials from stored answers; a note beside NULL counts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Stored platform answers kept Graph's paging URLs (`paging.next`) with the Meta token in their
query, and TikTok's token answers with the tokens themselves. This revision removes every
credential from `raw_payloads` (bodies and request keys) and from `source_results.reason`,
in batches, and adds `note` to the snapshot tables (why a count is NULL although the
platform answered).

The scrubbing logic is a frozen copy of collectors/redact.py as it was when this revision
was written: a migration must do the same thing forever, whatever later changes to the
collectors do (tests/storage/test_scrub_migration.py checks both agree today). Secret
values to replace come from `config.attributes["secrets"]` (storage.migrate passes the
configured ones); without them, parameters, bearer headers and token keys still go.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote, quote_plus

import sqlalchemy as sa
from alembic import context, op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 200
PLACEHOLDER = "***"
PARAMS = (
    "access_token",
    "appsecret_proof",
    "client_key",
    "client_secret",
    "input_token",
    "key",
    "refresh_token",
    "token",
)
KEYS = frozenset(
    {"access_token", "refresh_token", "client_secret", "appsecret_proof", "id_token", "input_token"}
)
_NAMES = "|".join(sorted(PARAMS, key=len, reverse=True))
_SEP = r"(?:&amp;|&|%26|\\u0026)"
_PAIR = rf"(?:{_NAMES})(?:=|%3[dD]|\\u003[dD])" r"(?:(?!%26|&|\\u0026)[^\s\"'<>#\\])*"
_PARAM = re.compile(
    rf"(?P<q>\?|%3[fF]|\\u003[fF]){_PAIR}(?P<qnext>{_SEP})?"
    rf"|{_SEP}{_PAIR}"
    rf"|(?<![A-Za-z0-9_.%-]){_PAIR}{_SEP}?",
    re.IGNORECASE,
)
_JSON_KEY = re.compile(rf'(?i)("(?:{"|".join(sorted(KEYS))})"\s*:\s*)"(?:[^"\\]|\\.)*"')
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=%-]+")
# Every name in PARAMS ends so: a cheap look over lower-cased text before the full pattern.
_CANDIDATE = re.compile(r"(?:token|key|secret|proof)(?:=|%3d|\\u003d)")

raw_payloads = sa.table(
    "raw_payloads",
    sa.column("id", sa.Integer),
    sa.column("source", sa.String),
    sa.column("request_key", sa.String),
    sa.column("day", sa.Date),
    sa.column("body", sa.LargeBinary),
)
source_results = sa.table("source_results", sa.column("id", sa.Integer), sa.column("reason"))


def _spellings(secret: str) -> list[str]:
    escaped = json.dumps(secret)[1:-1]
    forms = {secret, quote(secret, safe=""), quote_plus(secret), escaped}
    forms.add(escaped.replace("/", "\\/"))
    return sorted(forms, key=len, reverse=True)


def _drop(match: re.Match[str]) -> str:
    return match["q"] if match["q"] is not None and match["qnext"] is not None else ""


def scrub_text(text: str, secrets: tuple[str, ...]) -> str:
    for secret in sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True):
        for form in _spellings(secret):
            text = text.replace(form, PLACEHOLDER)
    text = _JSON_KEY.sub(rf'\g<1>"{PLACEHOLDER}"', text)
    while (dropped := _PARAM.sub(_drop, text)) != text:
        text = dropped
    return _BEARER.sub(rf"\g<1>{PLACEHOLDER}", text)


def _tree(value: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _tree(v, secrets) for k, v in value.items() if str(k).lower() not in KEYS}
    if isinstance(value, list):
        return [_tree(item, secrets) for item in value]
    return scrub_text(value, secrets) if isinstance(value, str) else value


def _suspect(text: str, secrets: tuple[str, ...]) -> bool:
    """Most stored answers hold no credential: those are left exactly as they are."""
    if any(form in text for s in secrets if len(s) >= 4 for form in _spellings(s)):
        return True
    lowered = text.lower()
    return bool(
        _CANDIDATE.search(lowered)
        or "bearer" in lowered
        or any(f'"{key}"' in lowered for key in KEYS)
    )


def scrub(body: bytes, secrets: tuple[str, ...]) -> bytes:
    if not _suspect(body.decode("utf-8", "surrogateescape"), secrets):
        return body
    try:
        tree = json.loads(body)
    except ValueError:
        walked = body
    else:
        cleaned = _tree(tree, secrets)
        walked = body if cleaned == tree else json.dumps(cleaned, separators=(",", ":")).encode()
    text = walked.decode("utf-8", "surrogateescape")
    return scrub_text(text, secrets).encode("utf-8", "surrogateescape")


def _batches(connection: sa.Connection, table: Any, *columns: Any) -> Iterator[list[Any]]:
    """Rows in id order, BATCH at a time, so a large table never sits in memory at once."""
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table.c.id, *columns)
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1].id


def _taken(connection: sa.Connection, row: Any, key: str) -> bool:
    """Another row already holds the scrubbed key for the same source and day."""
    found = connection.execute(
        sa.select(raw_payloads.c.id).where(
            raw_payloads.c.source == row.source,
            raw_payloads.c.day == row.day,
            raw_payloads.c.request_key == key,
            raw_payloads.c.id != row.id,
        )
    ).first()
    return found is not None


def _scrub_payloads(connection: sa.Connection, secrets: tuple[str, ...]) -> None:
    columns = (raw_payloads.c.source, raw_payloads.c.day, raw_payloads.c.request_key)
    for rows in _batches(connection, raw_payloads, *columns, raw_payloads.c.body):
        for row in rows:
            body = bytes(row.body)
            clean_body, key = scrub(body, secrets), scrub_text(row.request_key, secrets)
            where = raw_payloads.c.id == row.id
            if key != row.request_key and _taken(connection, row, key):
                connection.execute(sa.delete(raw_payloads).where(where))
            elif clean_body != body or key != row.request_key:
                connection.execute(
                    sa.update(raw_payloads).where(where).values(body=clean_body, request_key=key)
                )


def _scrub_reasons(connection: sa.Connection, secrets: tuple[str, ...]) -> None:
    for rows in _batches(connection, source_results, source_results.c.reason):
        for row in rows:
            if row.reason and (clean := scrub_text(row.reason, secrets)) != row.reason:
                connection.execute(
                    sa.update(source_results)
                    .where(source_results.c.id == row.id)
                    .values(reason=clean)
                )


def _configured_secrets() -> tuple[str, ...]:
    values: Iterable[str] = context.config.attributes.get("secrets") or ()
    return tuple(v for v in values if v)


def upgrade() -> None:
    with op.batch_alter_table("follower_snapshots") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    with op.batch_alter_table("post_metric_snapshots") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    connection = op.get_bind()
    secrets = _configured_secrets()
    _scrub_payloads(connection, secrets)
    _scrub_reasons(connection, secrets)


def downgrade() -> None:
    # What was scrubbed is gone for good: a credential must not come back.
    with op.batch_alter_table("post_metric_snapshots") as batch:
        batch.drop_column("note")
    with op.batch_alter_table("follower_snapshots") as batch:
        batch.drop_column("note")
