"""A post's picture is fetched once, through the HTTP policy, and only when it is a small image
from a public address; anything else is refused with a reason and the account carries on."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import httpx
import pytest
import respx
from PIL import Image

from collectors.errors import BadPayload, Refused
from collectors.http import HttpPolicy
from collectors.thumbnails import MAX_BYTES, ThumbnailFetcher, sniff_image

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
CDN = "https://scontent.fclo1-1.fna.fbcdn.net/v/t39.30808-6/4661_n.jpg?stp=dst-jpg&oe=6750A1B2"
PUBLIC = {"scontent.fclo1-1.fna.fbcdn.net": ["157.240.6.20"], "i.ytimg.com": ["142.250.78.150"]}


def picture(fmt: str, size: tuple[int, int] = (320, 180)) -> bytes:
    """A real encoded image, as a CDN serves it."""
    out = io.BytesIO()
    Image.new("RGB", size, (31, 58, 95)).save(out, format=fmt)
    return out.getvalue()


def noise_jpeg(min_bytes: int) -> bytes:
    """A real JPEG larger than the cap (random pixels do not compress)."""
    side = 200
    while True:
        out = io.BytesIO()
        Image.effect_noise((side, side), 90).convert("RGB").save(out, format="JPEG", quality=95)
        if len(out.getvalue()) > min_bytes:
            return out.getvalue()
        side *= 2


def resolver(host: str, port: int) -> list[str]:
    return PUBLIC.get(host, ["10.0.0.5"])  # any other name resolves inside the network


@pytest.fixture
def fetcher() -> ThumbnailFetcher:
    fetcher = ThumbnailFetcher(HttpPolicy(max_retries=0), resolver=resolver)
    yield fetcher  # type: ignore[misc]
    fetcher.close()


def test_magic_bytes_decide_the_type() -> None:
    assert sniff_image(picture("JPEG")) == "image/jpeg"
    assert sniff_image(picture("PNG")) == "image/png"
    assert sniff_image(picture("WEBP")) == "image/webp"
    assert sniff_image(b"<html><body>login</body></html>") is None
    assert sniff_image(b"GIF89a\x01\x00") is None


@pytest.mark.parametrize(("fmt", "mime"), [("JPEG", "image/jpeg"), ("PNG", "image/png")])
def test_a_cdn_picture_is_fetched_with_its_checked_type(
    fetcher: ThumbnailFetcher, fmt: str, mime: str
) -> None:
    body = picture(fmt)
    with respx.mock() as router:
        route = router.get(CDN).respond(200, content=body, headers={"content-type": mime})
        got = fetcher.fetch("123_456", CDN, NOW)
    assert (got.post_id, got.mime, got.data, got.fetched_at) == ("123_456", mime, body, NOW)
    assert route.calls.last.request.headers["accept"].startswith("image/jpeg")
    assert route.calls.last.request.headers["user-agent"].startswith("Pulso/")


def test_a_picture_over_the_cap_is_not_stored(fetcher: ThumbnailFetcher) -> None:
    big = noise_jpeg(MAX_BYTES)
    with respx.mock() as router:
        router.get(CDN).respond(200, content=big, headers={"content-type": "image/jpeg"})
        with pytest.raises(BadPayload, match=f"exceeds the {MAX_BYTES}-byte cap"):
            fetcher.fetch("1", CDN, NOW)


def test_a_page_that_says_it_is_a_jpeg_is_not_an_image(fetcher: ThumbnailFetcher) -> None:
    login = b"<!DOCTYPE html><html><body>Log in to Facebook</body></html>"
    with respx.mock() as router:
        router.get(CDN).respond(200, content=login, headers={"content-type": "image/jpeg"})
        with pytest.raises(BadPayload, match="not a JPEG, PNG or WebP image"):
            fetcher.fetch("1", CDN, NOW)


def test_an_image_declared_as_something_else_is_refused(fetcher: ThumbnailFetcher) -> None:
    with respx.mock() as router:
        router.get(CDN).respond(200, content=picture("PNG"), headers={"content-type": "text/html"})
        with pytest.raises(BadPayload, match="Content-Type text/html"):
            fetcher.fetch("1", CDN, NOW)


@pytest.mark.parametrize(
    "location",
    ["http://169.254.169.254/latest/meta-data/", "http://intranet.cali.local/admin.jpg"],
)
def test_a_redirect_to_an_internal_address_is_never_followed(
    fetcher: ThumbnailFetcher, location: str
) -> None:
    with respx.mock(assert_all_called=False) as router:
        router.get(CDN).respond(302, headers={"location": location})
        inside = router.get(location).respond(200, content=picture("JPEG"))
        with pytest.raises(Refused, match="not fetched"):
            fetcher.fetch("1", CDN, NOW)
    assert not inside.called


@pytest.mark.parametrize(
    "url", ["http://10.0.0.7/x.jpg", "file:///etc/passwd", "https://metadata.internal/x.png"]
)
def test_a_payload_url_inside_the_network_is_never_requested(
    fetcher: ThumbnailFetcher, url: str
) -> None:
    with respx.mock(assert_all_called=False) as router:
        anything = router.route().respond(200, content=picture("JPEG"))
        with pytest.raises(Refused):
            fetcher.fetch("1", url, NOW)
    assert not anything.called


def test_a_cdn_error_is_a_typed_failure(fetcher: ThumbnailFetcher) -> None:
    with respx.mock() as router:
        router.get(CDN).mock(side_effect=httpx.ConnectError("reset"))
        with pytest.raises(Exception) as raised:
            fetcher.fetch("1", CDN, NOW)
    assert type(raised.value).__module__ == "collectors.errors"
