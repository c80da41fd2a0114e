"""Bytes -> text for HTML pages whose servers often do not say their encoding.

Order: the HTTP header's charset, a BOM, a <meta> charset in the first bytes, strict UTF-8,
then windows-1252 (a superset of latin-1 for printable text, and what older Colombian CMSs
actually send when they claim nothing).
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read pages labelled latin-1 as windows-1252; so must we (curly quotes, €).
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def declared_charset(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        if found and _known(found.group(1)):
            return _known(found.group(1))
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    meta = _META_CHARSET.search(data[:4096])
    return _known(meta.group(1).decode("ascii", "replace")) if meta else None


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """The page as text; never raises (undecodable bytes become U+FFFD)."""
    charset = declared_charset(data, content_type)
    if charset:
        text = data.decode(charset, errors="replace")
        return text[1:] if text.startswith("\ufeff") else text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
