"""Canonical URLs: the same page under its many addresses is one article."""

from __future__ import annotations

import pytest

from collectors.news.urls import UnsupportedUrl, canonicalize, preferred_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://WWW.ElPais.com.co/cali/x/", "https://www.elpais.com.co/cali/x/"),
        ("https://www.elpais.com.co:443/cali/x/", "https://www.elpais.com.co/cali/x/"),
        ("http://90minutos.co:80/a", "http://90minutos.co/a"),
        ("http://90minutos.co:8080/a", "http://90minutos.co:8080/a"),
        ("https://90minutos.co/a#comentarios", "https://90minutos.co/a"),
        ("https://90minutos.co/a?b=2&a=1", "https://90minutos.co/a?a=1&b=2"),
        (
            "https://90minutos.co/a/?utm_source=rss&utm_medium=rss&utm_campaign=x",
            "https://90minutos.co/a/",
        ),
        ("https://x.co/a?fbclid=IwAR0&id=7&gclid=Cj0&mc_cid=1&mc_eid=2", "https://x.co/a?id=7"),
        ("https://www.elpais.com.co/cali/x/?outputType=amp", "https://www.elpais.com.co/cali/x/"),
        ("https://90minutos.co/cali/x/amp/", "https://90minutos.co/cali/x/"),
        ("https://90minutos.co/cali/x/?amp=1", "https://90minutos.co/cali/x/"),
        ("https://www.bluradio.com/amp/pacifico/x", "https://www.bluradio.com/pacifico/x"),
        ("https://amp.eltiempo.com/colombia/cali/x", "https://eltiempo.com/colombia/cali/x"),
        ("https://diario.example/nota.amp.html", "https://diario.example/nota.html"),
        ("https://user:pw@diario.example/n", "https://diario.example/n"),
        ("https://diario.example", "https://diario.example/"),
        ("  https://diario.example/n  ", "https://diario.example/n"),
    ],
)
def test_canonical_form(url: str, canonical: str) -> None:
    assert canonicalize(url) == canonical


def test_relative_links_resolve_against_the_page() -> None:
    assert canonicalize("/cali/x?utm_source=home", base="https://www.elpais.com.co/cali/") == (
        "https://www.elpais.com.co/cali/x"
    )


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://x.co/a",
        "javascript:void(0)",
        "mailto:a@b.co",
        "data:text/html,x",
        "//",
    ],
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(UnsupportedUrl):
        canonicalize(url)


def test_page_canonical_is_preferred_on_the_same_site() -> None:
    fetched = "https://www.elpais.com.co/cali/x/?outputType=amp&utm_source=fb"
    assert (
        preferred_url(fetched, "/cali/x-final/", None) == "https://www.elpais.com.co/cali/x-final/"
    )
    assert (
        preferred_url(fetched, None, "https://elpais.com.co/cali/og/")
        == "https://elpais.com.co/cali/og/"
    )


def test_foreign_canonical_is_ignored_so_syndicated_copies_stay_separate() -> None:
    fetched = "https://caracol.com.co/2026/11/20/nota/"
    assert preferred_url(fetched, "https://colprensa.com/nota-original") == fetched
    assert preferred_url(fetched, "javascript:alert(1)") == fetched
