"""Feeds and sitemaps as the outlets publish them, and hostile XML refused."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone

import pytest

from collectors.errors import BadPayload
from collectors.news.dates import BOGOTA
from collectors.news.feeds import gunzip_capped, parse_feed, parse_sitemap
from tests.news.conftest import FEEDS


def test_wordpress_rss_gives_links_titles_and_times() -> None:
    entries = parse_feed((FEEDS / "wordpress_rss.xml").read_bytes(), "90 Minutos feed")
    assert [e.title for e in entries] == [
        "Alcaldía de Cali abre inscripciones para el programa de empleo joven",
        "Deportivo Cali anunció su nuevo técnico para 2027",
        "Capturan a dos hombres por hurto en el barrio San Fernando",
    ]
    assert (
        entries[0].url
        == "https://90minutos.co/cali/alcaldia-de-cali-abre-inscripciones-empleo-joven-20-11-2026/"
    )
    assert entries[0].published_at == datetime(2026, 11, 20, 17, 45, 3, tzinfo=UTC)
    assert "utm_source=rss&utm_medium=rss" in entries[1].url


def test_arc_rss_keeps_cdata_titles_and_amp_links() -> None:
    entries = parse_feed((FEEDS / "arc_rss.xml").read_bytes(), "El País feed")
    assert len(entries) == 3
    assert (
        entries[0].title == "Alcaldía de Cali anuncia cierres viales por obras en la calle Quinta"
    )
    assert entries[1].url.endswith("?outputType=amp")
    assert entries[2].published_at == datetime(2026, 11, 20, 12, 15, tzinfo=UTC)


def test_atom_feed_uses_published_and_bogota_for_zoneless_times() -> None:
    entries = parse_feed((FEEDS / "atom.xml").read_bytes(), "atom")
    assert entries[0].url == "https://valleinstante.example/politica/presupuesto-2027-cali/"
    assert entries[0].published_at == datetime(
        2026, 11, 20, 10, 30, tzinfo=timezone(timedelta(hours=-5))
    )
    # No <published>: <updated> without a zone is Cali time.
    assert entries[1].published_at == datetime(2026, 11, 19, 20, 0, tzinfo=BOGOTA)


def test_google_news_sitemap_gives_titles_and_publication_dates() -> None:
    sitemap = parse_sitemap((FEEDS / "news_sitemap.xml").read_bytes(), "blu")
    assert sitemap.children == ()
    first, second, third = sitemap.entries
    assert first.title == "Alcaldía de Cali lanza plan de seguridad para diciembre"
    assert first.url.endswith("alcaldia-de-cali-lanza-plan-de-seguridad-para-diciembre-rg10")
    assert first.published_at == datetime(2026, 11, 20, 13, 15, tzinfo=UTC)
    assert second.published_at == datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    assert third.title is None and third.published_at == datetime(2026, 11, 19, tzinfo=BOGOTA)


def test_sitemap_index_lists_child_sitemaps() -> None:
    sitemap = parse_sitemap((FEEDS / "sitemap_index.xml").read_bytes(), "caracol")
    assert sitemap.entries == ()
    assert sitemap.children[1].endswith("?outputType=xml&from=100")


def test_gzipped_sitemap_is_read() -> None:
    data = gzip.compress((FEEDS / "news_sitemap.xml").read_bytes())
    assert len(parse_sitemap(data, "blu").entries) == 3


def test_gzip_bomb_is_refused() -> None:
    with pytest.raises(BadPayload, match="inflates past"):
        gunzip_capped(gzip.compress(b"\0" * 2_000_000), limit=1_000_000)


def test_external_entity_feed_is_refused_without_reading_the_file() -> None:
    with pytest.raises(BadPayload, match="declares entities") as caught:
        parse_feed((FEEDS / "xxe_feed.xml").read_bytes(), "hostile feed")
    assert "root:" not in str(caught.value)


def test_entity_expansion_sitemap_is_refused() -> None:
    with pytest.raises(BadPayload, match="entities"):
        parse_sitemap((FEEDS / "entity_bomb.xml").read_bytes(), "bomb")


def test_entity_declared_beyond_a_naive_scan_is_still_refused() -> None:
    utf16 = (
        (FEEDS / "xxe_feed.xml")
        .read_text(encoding="utf-8")
        .replace("UTF-8", "UTF-16")
        .encode("utf-16")
    )
    with pytest.raises(BadPayload):
        parse_feed(utf16, "utf16 hostile")


def test_firewall_page_instead_of_feed_is_a_bad_payload_naming_the_source() -> None:
    with pytest.raises(BadPayload, match="90 Minutos feed: not a readable RSS/Atom feed"):
        parse_feed((FEEDS / "malformed.xml").read_bytes(), "90 Minutos feed")


def test_html_instead_of_sitemap_is_a_bad_payload() -> None:
    with pytest.raises(BadPayload, match="not a"):
        parse_sitemap(b"<html><body>hola</body></html>", "blu sitemap")


def test_truncated_feed_keeps_the_entries_it_has() -> None:
    data = (FEEDS / "wordpress_rss.xml").read_bytes()
    cut = data[: data.index(b"<item>", data.index(b"<item>") + 1) + 200]
    entries = parse_feed(cut, "cut feed")
    assert entries and entries[0].title is not None
