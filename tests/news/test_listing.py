"""Listing pages: same-site article links, canonical and once each."""

from __future__ import annotations

import pytest

from collectors.errors import BadPayload
from collectors.news.listing import listing_links
from tests.news.conftest import PAGES


def test_listing_page_links_are_canonical_same_site_and_unique() -> None:
    entries = listing_links(
        (PAGES / "listing.html").read_bytes(),
        "https://www.elpais.com.co/cali/",
        "h2.story-card__title a",
    )
    assert [e.url for e in entries] == [
        "https://www.elpais.com.co/cali/2026/11/20/alcaldia-de-cali-anuncia-cierres-viales-por-obras-en-la-calle-quinta/",
        "https://www.elpais.com.co/cali/2026/11/20/asi-avanza-la-cop-en-cali-balance-del-primer-dia/",
    ]
    assert (
        entries[0].title == "Alcaldía de Cali anuncia cierres viales por obras en la calle Quinta"
    )


def test_default_selector_finds_headline_links() -> None:
    entries = listing_links(
        (PAGES / "listing.html").read_bytes(), "https://www.elpais.com.co/cali/"
    )
    assert len(entries) == 2


def test_invalid_selector_is_reported_with_the_page() -> None:
    with pytest.raises(BadPayload, match="invalid link selector"):
        listing_links(b"<html></html>", "https://www.elpais.com.co/cali/", "h2 >>> a[")
