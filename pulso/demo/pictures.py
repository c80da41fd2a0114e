"""The demo's post pictures: small PNGs served from recordings, as a platform's CDN would.

Drawn here (a two-colour gradient per post, standard library only) so the bundled data stays
text; the recordings answer the picture URLs the demo's payloads name, and
the replayed run fetches them through the same thumbnail code as a real night.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit

WIDTH, HEIGHT = 160, 90
PALETTE = (
    ((31, 58, 95), (217, 130, 43)),
    ((30, 122, 60), (201, 211, 223)),
    ((179, 38, 30), (245, 247, 250)),
    ((91, 107, 125), (31, 58, 95)),
    ((217, 130, 43), (30, 122, 60)),
    ((201, 211, 223), (179, 38, 30)),
)


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(index: int) -> bytes:
    """A WIDTH×HEIGHT RGB PNG fading between two of the palette's colours."""
    top, bottom = PALETTE[index % len(PALETTE)]
    rows = bytearray()
    for y in range(HEIGHT):
        mix = y / (HEIGHT - 1)
        pixel = bytes(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        rows += b"\x00" + pixel * WIDTH
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows)))
        + _chunk(b"IEND", b"")
    )


def write_pictures(directory: Path, urls: list[str]) -> int:
    """One PNG and one recording per URL (host ignored by the replay, as for API calls)."""
    directory.mkdir(parents=True, exist_ok=True)
    for n, url in enumerate(urls):
        name = f"picture-{n:02d}"
        (directory / f"{name}.png").write_bytes(png(n))
        recording = {
            "request": {"method": "GET", "path": urlsplit(url).path, "query": {}},
            "response": {
                "status": 200,
                "headers": {"content-type": "image/png"},
                "body_file": f"{name}.png",
            },
        }
        (directory / f"{name}.json").write_text(json.dumps(recording, indent=1), encoding="utf-8")
    return len(urls)
