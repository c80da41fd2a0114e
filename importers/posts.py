"""Post history from before Pulso: the exports people already have, validated whole.

Which exports are known is each platform's declaration (collectors/<platform>/platform.py,
`Platform.exports`: Meta Business Suite, YouTube Studio, X analytics); the export is detected
from the header row. Pulso's own columns are read too: platform, account, post_id,
published_at, url, text, reactions, comments, shares, views, saves, quotes (or Spanish headers:
plataforma, cuenta, id publicacion, fecha, enlace, texto, reacciones, ...).

An empty count is NULL (unknown), never 0. Slashed dates follow the file: a day above 12 in the
first place means DD/MM, in the second MM/DD; a file that never says reads as its export
declares (Pulso's columns: DD/MM, es-CO). A time without a zone is the office's zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Literal, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from collectors import registry
from collectors.records import Platform, PostStats
from importers.cells import parse_count
from importers.followers import parse_platform
from importers.problems import ImportRejected, Problem
from importers.tabular import (
    ColumnAliases,
    Row,
    Table,
    header_key,
    parse_cell,
    read_records,
    to_table,
)

PULSO = "pulso"  # the format name of Pulso's own columns
DayOrder = Literal["dmy", "mdy"]
T = TypeVar("T")

_COUNTS = ("reactions", "comments", "shares", "views", "saves", "quotes")

PULSO_COLUMNS: ColumnAliases = {
    "platform": ("platform", "plataforma", "red", "red social"),
    "account": ("account", "cuenta", "handle", "usuario"),
    "post_id": ("post id", "post_id", "id", "id publicacion"),
    "published_at": ("published at", "published_at", "fecha", "publicado", "date"),
    "url": ("url", "enlace", "link"),
    "text": ("text", "texto"),
    "media_type": ("media type", "tipo"),
    "reactions": ("reactions", "reacciones", "likes", "me gusta"),
    "comments": ("comments", "comentarios"),
    "shares": ("shares", "compartidos"),
    "views": ("views", "vistas", "reproducciones", "impressions", "impresiones"),
    "saves": ("saves", "guardados"),
    "quotes": ("quotes", "citas"),
}
PULSO_REQUIRED = ("post_id", "published_at")


@dataclass(frozen=True, slots=True)
class Format:
    """How to read one kind of file: its columns, and the platforms its rows may be on."""

    name: str
    columns: ColumnAliases
    required: tuple[str, ...]
    platforms: tuple[Platform, ...] = ()  # empty: each row says (Pulso's columns)
    day_first: bool = True
    summary_rows: tuple[str, ...] = ()


def formats() -> list[tuple[Format, tuple[str, ...], tuple[str, ...]]]:
    """The declared exports with their header signatures (one of each tuple must be there)."""
    return [
        (
            Format(
                export.name,
                export.columns,
                export.required,
                platforms,
                export.day_first,
                export.summary_rows,
            ),
            export.signature,
            export.alternatives,
        )
        for export, platforms in registry.post_exports()
    ]


PULSO_FORMAT = Format(PULSO, PULSO_COLUMNS, PULSO_REQUIRED)
FORMAT_NAMES: tuple[str, ...] = (*(f.name for f, _, _ in formats()), PULSO)


def detect_format(header: Sequence[str]) -> Format | None:
    """Which export a header row comes from (None: not one Pulso knows)."""
    keys = {header_key(name) for name in header}

    def has_any(names: tuple[str, ...]) -> bool:
        return not names or any(header_key(n) in keys for n in names)

    for fmt, signature, alternatives in formats():
        if has_any(signature) and has_any(alternatives):
            return fmt
    pulso = PULSO_COLUMNS
    if keys & {header_key(n) for n in (*pulso["platform"], *pulso["post_id"])}:
        return PULSO_FORMAT
    return None


@dataclass(frozen=True, slots=True)
class KnownAccount:
    """An account of the settings: file values naming it by id, handle or name find it."""

    platform: Platform
    handle: str
    id: str | None = None
    name: str | None = None
    own: bool = True


@dataclass(frozen=True, slots=True)
class PostFile:
    format: str
    posts: list[PostStats]
    skipped: int  # summary rows (YouTube's "Total")


_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)
_SLASHED = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*"
    r"([ap])?\.?\s*(m\.?)?)?$",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "ene", "enero"),
            ("feb", "february", "febrero"),
            ("mar", "march", "marzo"),
            ("apr", "april", "abr", "abril"),
            ("may", "mayo"),
            ("jun", "june", "junio"),
            ("jul", "july", "julio"),
            ("aug", "august", "ago", "agosto"),
            ("sep", "sept", "september", "septiembre", "setiembre"),
            ("oct", "october", "octubre"),
            ("nov", "november", "noviembre"),
            ("dec", "december", "dic", "diciembre"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_FIRST = re.compile(r"^([a-z]+)\.? (\d{1,2}),? (\d{4})$", re.IGNORECASE)
_DAY_FIRST = re.compile(r"^(\d{1,2}) (?:de )?([a-z]+)\.? (?:de )?(\d{4})$", re.IGNORECASE)


def _offset(text: str) -> int:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:]))


def _moment(parts: tuple[int, int, int, int, int, int], zone: ZoneInfo, text: str) -> datetime:
    year, month, day, hour, minute, second = parts
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date and time") from None


def parse_when(text: str, *, order: DayOrder, zone: ZoneInfo) -> datetime:
    """A publication time as exports write it -> aware datetime (UTC). Pure."""
    value = " ".join(text.strip().split())
    if not value:
        raise ValueError("empty: the publication time is needed to place the post in a period")
    if match := _ISO.match(value):
        y, mo, d, h, mi, s, offset = match.groups()
        moment = _moment(
            (int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0)), zone, text
        )
        if offset:
            minutes = 0 if offset == "Z" else _offset(offset)
            moment = moment.replace(tzinfo=UTC) - timedelta(minutes=minutes)
        return moment.astimezone(UTC)
    if match := _SLASHED.match(value):
        a, b, y, h, mi, s, meridiem, _ = match.groups()
        day, month = (int(a), int(b)) if order == "dmy" else (int(b), int(a))
        hour = int(h or 0)
        if meridiem:
            if not 1 <= hour <= 12:
                raise ValueError(f"{text!r} is not a real time")
            hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
        return _moment(
            (int(y), month, day, hour, int(mi or 0), int(s or 0)), zone, text
        ).astimezone(UTC)
    for pattern, month_at in ((_MONTH_FIRST, 0), (_DAY_FIRST, 1)):
        if match := pattern.match(value):
            groups = match.groups()
            month_number = _MONTHS.get(groups[month_at].casefold())
            if month_number is None:
                break
            day_number = int(groups[1 - month_at])
            return _moment(
                (int(groups[2]), month_number, day_number, 0, 0, 0), zone, text
            ).astimezone(UTC)
    raise ValueError(
        f"{text!r} is not a publication time (e.g. 2026-03-02 14:05, 02/03/2026 14:05 "
        "or Mar 2, 2026)"
    )


def day_order(values: Sequence[str], default: DayOrder) -> DayOrder:
    """The file's slashed-date order: what its unambiguous dates say, else `default`."""
    dmy = mdy = 0
    for value in values:
        if match := _SLASHED.match(" ".join(value.strip().split())):
            first, second = int(match.group(1)), int(match.group(2))
            dmy += first > 12
            mdy += second > 12
    if dmy and not mdy:
        return "dmy"
    if mdy and not dmy:
        return "mdy"
    return default


def _optional_count(text: str) -> int | None:
    """A count, or None when the cell is empty or says it is unknown (never 0)."""
    if text.strip() in ("", "-", "--", "N/A", "n/a", "—"):
        return None
    return parse_count(text)


def _post_id(text: str) -> str:
    value = text.strip()
    if not value:
        raise ValueError("empty: every post needs the platform's post id")
    if len(value) > 100 or any(ch.isspace() for ch in value):
        raise ValueError(f"{text!r} is not a post id")
    return value


def _url(text: str) -> str | None:
    value = text.strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 2000:
        raise ValueError(f"{text!r} is not a web address (https://...)")
    return value


def _handle_from_url(url: str | None) -> str | None:
    """X permalinks name the account: https://x.com/AlcaldiaDeCali/status/123."""
    if not url:
        return None
    path = [part for part in urlsplit(url).path.split("/") if part]
    return path[0] if len(path) >= 3 and path[1] == "status" else None


def _platform_of(fmt: Format, url: str | None) -> Platform | None:
    """The export's platform, or (Meta's, for two platforms) the one its link's host is on."""
    if len(fmt.platforms) == 1:
        return fmt.platforms[0]
    host = urlsplit(url).netloc if url else ""
    return registry.platform_of_host(host, fmt.platforms) if host else None


def _match_account(
    known: Sequence[KnownAccount], platform: Platform, value: str
) -> KnownAccount | None:
    key = value.strip().lstrip("@").casefold()
    for account in known:
        if account.platform != platform:
            continue
        names = {account.handle.lstrip("@").casefold(), (account.id or "").casefold()}
        if key in names or (account.name and key == " ".join(account.name.split()).casefold()):
            return account
    return None


@dataclass(frozen=True, slots=True)
class Defaults:
    platform: Platform | None = None
    account: str | None = None
    known: tuple[KnownAccount, ...] = ()


def _resolve_account(
    platform: Platform, row_values: Sequence[str | None], defaults: Defaults
) -> str:
    """The handle for a row: --account (for every row), else the file's account, page id or
    name (the settings' account they name, by handle, id or name), else the one own account
    of that platform in the settings."""
    given = [defaults.account] if defaults.account else [v for v in row_values if v]
    for value in given:
        found = _match_account(defaults.known, platform, value)
        if found:
            return found.handle
    if given:
        return str(given[0]).strip().lstrip("@")
    own = [a for a in defaults.known if a.platform == platform and a.own]
    if len(own) == 1:
        return own[0].handle
    raise ValueError(f"no account for this {platform} post: add an account column or use --account")


def _is_summary(fmt: Format, row: Row) -> bool:
    return row.get("post_id").casefold() in {name.casefold() for name in fmt.summary_rows}


def _row_platform(
    table: Table,
    fmt: Format,
    row: Row,
    url: str | None,
    defaults: Defaults,
    problems: list[Problem],
) -> Platform | None:
    if not defaults.platform and "platform" in table.columns and row.get("platform"):
        return parse_cell(table.file, row, "platform", parse_platform, problems)
    platform = defaults.platform or _platform_of(fmt, url)
    if platform is None:
        column = "platform" if "platform" in table.columns else None
        message = "which platform is this post on? add a platform column or use --platform"
        problems.append(Problem(table.file, row.number, column, message))
    return platform


def _row_account(
    table: Table,
    fmt: Format,
    row: Row,
    platform: Platform,
    url: str | None,
    defaults: Defaults,
    problems: list[Problem],
) -> str | None:
    named = (
        row.get("account") if "account" in table.columns else None,
        row.get("account_id") if "account_id" in table.columns else None,
        _handle_from_url(url),
    )
    try:
        return _resolve_account(platform, named, defaults)
    except ValueError as error:
        column = "account" if "account" in table.columns else None
        problems.append(Problem(table.file, row.number, column, str(error)))
        return None


def _default_url(platform: Platform, handle: str, post_id: str) -> str | None:
    return registry.platform(platform).post_url(handle, post_id)


def _parse_row(
    table: Table,
    fmt: Format,
    row: Row,
    order: DayOrder,
    zone: ZoneInfo,
    defaults: Defaults,
    fetched_at: datetime,
    problems: list[Problem],
) -> PostStats | None:
    """One row as a post, or None with its problems added (every bad cell named)."""
    before = len(problems)

    def cell(column: str, parse: Callable[[str], T]) -> T | None:
        if column not in table.columns:
            return None
        return parse_cell(table.file, row, column, parse, problems)

    post_id = cell("post_id", _post_id)
    published = cell("published_at", lambda t: parse_when(t, order=order, zone=zone))
    url = cell("url", _url)
    counts = {name: cell(name, _optional_count) for name in _COUNTS}
    platform = _row_platform(table, fmt, row, url, defaults, problems)
    handle = _row_account(table, fmt, row, platform, url, defaults, problems) if platform else None
    if len(problems) > before or not (post_id and published and platform and handle):
        return None
    return PostStats(
        platform=platform,
        account_handle=handle,
        post_id=post_id,
        fetched_at=fetched_at,
        published_at=published,
        url=url or _default_url(platform, handle, post_id),
        text=row.get("text") or row.get("title") or None,
        media_type=row.get("media_type") or None,
        reactions=counts["reactions"],
        comments=counts["comments"],
        shares=counts["shares"],
        views=counts["views"],
        saves=counts["saves"],
        extra={"quotes": counts["quotes"]},
    )


def parse_post_table(
    table: Table, fmt: Format, *, zone: ZoneInfo, defaults: Defaults, fetched_at: datetime
) -> tuple[list[PostStats], list[Problem], int]:
    """Pure: rows -> posts, every problem, and how many summary rows were skipped.

    The same post twice in a file with other counts is a problem (which one is right?)."""
    problems: list[Problem] = []
    rows = [row for row in table.rows if not _is_summary(fmt, row)]
    order = day_order([row.get("published_at") for row in rows], "dmy" if fmt.day_first else "mdy")
    seen: dict[tuple[str, str], tuple[int, PostStats]] = {}
    for row in rows:
        post = _parse_row(table, fmt, row, order, zone, defaults, fetched_at, problems)
        if post is None:
            continue
        key = (post.platform, post.post_id)
        if key in seen and _counts(seen[key][1]) != _counts(post):
            problems.append(
                Problem(
                    table.file,
                    row.number,
                    "post_id",
                    f"{post.post_id} appears in row {seen[key][0]} with other counts",
                )
            )
        seen.setdefault(key, (row.number, post))
    return [post for _, post in seen.values()], problems, len(table.rows) - len(rows)


def _counts(post: PostStats) -> tuple[int | None, ...]:
    return (
        post.reactions,
        post.comments,
        post.shares,
        post.views,
        post.saves,
        *post.extra.values(),
    )


def _labels() -> str:
    labels = [export.label for export, _ in registry.post_exports()]
    return ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else "".join(labels)


def read_post_file(
    path: Path,
    *,
    zone: ZoneInfo,
    defaults: Defaults,
    fetched_at: datetime,
    format: str | None = None,
) -> PostFile:
    """Read, detect and validate the whole file; raises ImportRejected listing every problem."""
    file = str(path)
    try:
        records = read_records(path)
    except FileNotFoundError:
        raise ImportRejected([Problem(file, None, None, "file not found")]) from None
    except Exception as error:  # noqa: BLE001 - any unreadable file is the user's to fix
        raise ImportRejected(
            [Problem(file, None, None, f"cannot read the file: {error}")]
        ) from None
    header = records.rows[0] if records.rows else []
    known = {f.name: f for f, _, _ in formats()} | {PULSO: PULSO_FORMAT}
    fmt = known[format] if format else detect_format(header)
    if fmt is None:
        raise ImportRejected(
            [
                Problem(
                    file,
                    1,
                    None,
                    f"unknown export: expected a post export of {_labels()}, or Pulso's "
                    "columns (platform, account, post_id, published_at, ...)",
                )
            ]
        )
    table = to_table(file, records, fmt.columns, fmt.required)
    posts, problems, skipped = parse_post_table(
        table, fmt, zone=zone, defaults=defaults, fetched_at=fetched_at
    )
    table.reject_if(problems)
    return PostFile(format=fmt.name, posts=posts, skipped=skipped)


def as_of_moment(day: date, zone: ZoneInfo) -> datetime:
    """The moment an export dated `day` is taken to have been made: the end of that day."""
    return datetime.combine(day, time(23, 59), tzinfo=zone).astimezone(UTC)


__all__ = [
    "FORMAT_NAMES",
    "Defaults",
    "Format",
    "KnownAccount",
    "PostFile",
    "as_of_moment",
    "detect_format",
    "parse_when",
    "read_post_file",
]
