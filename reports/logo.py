"""The office's logo as a data: URI, so the report's HTML stays one self-contained file.

Only PNG, JPEG and SVG are accepted, recognised by their bytes (not the file name), and the
file is capped in size. An SVG is only ever embedded as an image source (`<img src="data:...">`),
where browsers run none of its scripts and load none of its links; never as inline markup.
"""

from __future__ import annotations

import base64
from pathlib import Path

MAX_LOGO_BYTES = 512 * 1024


class LogoProblem(Exception):
    """Why the logo is not shown: `code` (missing | too_large | not_image) and its parameters,
    worded in the report's language by reports/i18n.py."""

    def __init__(self, code: str, params: dict[str, str]) -> None:
        super().__init__(f"logo {code}: {params}")
        self.code = code
        self.params = params


def image_mime(data: bytes) -> str | None:
    """The MIME type of a PNG, JPEG or SVG file's bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    try:
        text = data.decode("utf-8-sig").lstrip()
    except UnicodeDecodeError:
        return None
    if text.startswith(("<?xml", "<svg", "<!--", "<!DOCTYPE svg")) and "<svg" in text:
        return "image/svg+xml"
    return None


def data_uri(data: bytes, *, name: str = "logo", limit: int = MAX_LOGO_BYTES) -> str:
    """`data:<mime>;base64,...` for a logo's bytes; raises LogoProblem when it cannot be one."""
    if len(data) > limit:
        raise LogoProblem("too_large", {"file": name, "kb": str(limit // 1024)})
    mime = image_mime(data)
    if mime is None:
        raise LogoProblem("not_image", {"file": name})
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def load_logo(path: Path, limit: int = MAX_LOGO_BYTES) -> str:
    """Read the logo file (at most `limit` bytes) and return its data: URI."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        raise LogoProblem("missing", {"file": str(path)}) from None
    return data_uri(data, name=str(path), limit=limit)
