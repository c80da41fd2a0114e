"""The logo is embedded as a data: URI: PNG, JPEG or SVG by content, size-capped."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from reports.logo import LogoProblem, data_uri, image_mime, load_logo

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


@pytest.mark.parametrize(
    ("data", "mime"),
    [(PNG, "image/png"), (JPEG, "image/jpeg"), (SVG, "image/svg+xml"), (b"GIF89a...", None)],
)
def test_the_image_type_comes_from_the_bytes(data: bytes, mime: str | None) -> None:
    assert image_mime(data) == mime


def test_an_svg_is_base64_encoded_never_inline_markup() -> None:
    uri = data_uri(SVG)

    assert uri.startswith("data:image/svg+xml;base64,")
    assert "<script" not in uri
    assert base64.b64decode(uri.split(",", 1)[1]) == SVG


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(PNG + b"\x00" * 2048)

    with pytest.raises(LogoProblem) as problem:
        load_logo(path, limit=1024)

    assert problem.value.code == "too_large"


def test_a_missing_file_and_a_renamed_gif_are_named_problems(tmp_path: Path) -> None:
    gif = tmp_path / "logo.png"
    gif.write_bytes(b"GIF89a" + b"\x00" * 10)

    with pytest.raises(LogoProblem) as missing:
        load_logo(tmp_path / "absent.png")
    with pytest.raises(LogoProblem) as not_image:
        load_logo(gif)

    assert (missing.value.code, not_image.value.code) == ("missing", "not_image")


def test_a_png_file_becomes_its_data_uri(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(PNG)

    assert load_logo(path) == "data:image/png;base64," + base64.b64encode(PNG).decode()
