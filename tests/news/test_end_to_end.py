"""The office's story end to end: outlets' feeds -> pages -> stored mentions, over real HTTP.

Three outlets on loopback servers and one behind a firewall; run twice, nothing duplicated.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from flows.steps.mentions import mentions_rows
from flows.steps.news import build_news_sources
from flows.steps.sources import run_sources
from settings import Config, Secrets, Settings
from storage.db import session_factory
from storage.models import Article, FeedState, Mention, SourceResult, Story
from tests.news.conftest import FEEDS, PAGES
from tests.news.loopback import LOOPBACK_HOSTS, Route, Site, serve

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
ELPAIS, NOVENTA, CARACOL = (
    "https://www.elpais.com.co",
    "https://90minutos.co",
    "https://caracol.com.co",
)
ROBOTS = b"User-agent: *\nDisallow: /privado/\n"


def _fixture(path: Path, real_host: str) -> bytes:
    return path.read_bytes().replace(real_host.encode(), b"{base}")


def _huge_page() -> Iterator[bytes]:
    chunk = b"<p>" + b"relleno " * 8000 + b"</p>\n"
    for _ in range(50_000_000 // len(chunk) + 1):
        yield chunk


def _elpais() -> Site:
    cierres = (
        "/cali/2026/11/20/alcaldia-de-cali-anuncia-cierres-viales-por-obras-en-la-calle-quinta/"
    )
    return Site(
        routes={
            "/robots.txt": Route(ROBOTS, "text/plain"),
            "/arc/outboundfeeds/rss/?outputType=xml": Route(
                _fixture(FEEDS / "arc_rss.xml", ELPAIS), "application/rss+xml", etag='"arc-1"'
            ),
            "/cali/": Route(_fixture(PAGES / "listing.html", ELPAIS)),
            cierres: Route(_fixture(PAGES / "elpais_jsonld.html", ELPAIS)),
            "/cali/2026/11/20/asi-avanza-la-cop-en-cali-balance-del-primer-dia/": Route(
                b"<html><head><title>COP</title></head><body><p>Delegaciones de 30 pa\xc3\xadses llegaron.</p></body></html>"
            ),
            "/valle/2026/11/20/gobernacion-del-valle-entrega-vias-terciarias-en-calima/": Route(
                (PAGES / "no_date.html").read_bytes()
            ),
        }
    )


def _noventa() -> Site:
    return Site(
        routes={
            "/robots.txt": Route(b"", "text/plain", status=404),
            "/feed/": Route(
                _fixture(FEEDS / "wordpress_rss.xml", NOVENTA),
                "application/rss+xml; charset=UTF-8",
                headers={"Last-Modified": "Fri, 20 Nov 2026 18:02:11 GMT"},
                etag='W/"wp-1"',
            ),
            "/cali/alcaldia-de-cali-abre-inscripciones-empleo-joven-20-11-2026/": Route(
                _fixture(PAGES / "wordpress_og.html", NOVENTA)
            ),
            "/deportes/deportivo-cali-nuevo-tecnico-2027-20-11-2026/": Route(_huge_page),
            "/judicial/capturan-dos-hombres-hurto-san-fernando-20-11-2026/": Route(
                (PAGES / "latin1_no_charset.html").read_bytes(), "text/html"
            ),
        }
    )


def _caracol() -> Site:
    page = "/2026/11/20/cali-abre-convocatoria-de-empleo-joven-con-1200-cupos/"
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>{base}'
        + page
        + "</loc>"
        "<news:news><news:publication><news:name>Caracol Radio</news:name><news:language>es</news:language>"
        "</news:publication><news:publication_date>2026-11-20T14:02:00-05:00</news:publication_date>"
        "<news:title>Cali abre convocatoria de empleo joven con 1.200 cupos</news:title></news:news></url></urlset>"
    )
    return Site(
        routes={
            "/robots.txt": Route(b"User-agent: *\nAllow: /\n", "text/plain"),
            "/sitemap-news.xml": Route(sitemap.encode(), "application/xml"),
            page: Route(_fixture(PAGES / "caracol_jsonld_graph.html", CARACOL)),
        }
    )


def _firewalled() -> Site:
    return Site(
        routes={
            "/robots.txt": Route(b"", "text/plain", status=404),
            "/feed/": Route(b"<html>Access denied</html>", status=403),
        }
    )


@pytest.fixture
def sites() -> Iterator[dict[str, Site]]:
    with (
        serve(_elpais()) as a,
        serve(_noventa()) as b,
        serve(_caracol()) as c,
        serve(_firewalled()) as d,
    ):
        yield {"El País": a, "90 Minutos": b, "Caracol Radio": c, "Bloqueado": d}


def _settings(sites: dict[str, Site], tmp_path: Path) -> Settings:
    a, b, c, d = sites.values()
    config = Config.model_validate(
        {
            "mentions": {
                "terms": ["Alcaldía de Cali", "Alcaldía de Santiago de Cali"],
                "exclusions": {"Alcaldía de Cali": []},
            },
            "http": {
                "max_retries": 0,
                "per_host_delay_s": 0.0,
                "contact": "prensa@cali.gov.co",
                "allow_hosts": list(LOOPBACK_HOSTS),
            },
            "outlets": [
                {
                    "name": "El País",
                    "medium": "print",
                    "feeds": [f"{a.base}/arc/outboundfeeds/rss/?outputType=xml"],
                    "pages": [f"{a.base}/cali/"],
                    "link_selector": "h2.story-card__title a",
                },
                {"name": "90 Minutos", "medium": "tv", "feeds": [f"{b.base}/feed/"]},
                {
                    "name": "Caracol Radio",
                    "medium": "radio",
                    "sitemaps": [f"{c.base}/sitemap-news.xml"],
                },
                {"name": "Bloqueado", "medium": "web", "feeds": [f"{d.base}/feed/"]},
                {"name": "Apagado", "medium": "web", "feeds": [f"{d.base}/x"], "enabled": False},
            ],
        }
    )
    return Settings(
        config=config,
        secrets=Secrets(),
        config_path=tmp_path / "pulso.toml",
        config_found=True,
        database_url="unused",
        data_dir=tmp_path,
    )


def _count(engine: Engine, model: type) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_feeds_to_stored_mentions_twice_without_duplicates(
    engine: Engine, sites, tmp_path: Path
) -> None:
    settings = _settings(sites, tmp_path)
    first = run_sources(engine, build_news_sources(settings), kind="manual", now=NOW)

    by_key = {o.key: o for o in first.outcomes}
    assert set(by_key) == {
        "news:El País",
        "news:90 Minutos",
        "news:Caracol Radio",
        "news:Bloqueado",
    }
    assert by_key["news:Bloqueado"].status == "failed"
    assert "403" in (by_key["news:Bloqueado"].reason or "")
    assert by_key["news:El País"].counts["mentions"] == 1
    assert by_key["news:90 Minutos"].counts["mentions"] == 2
    assert by_key["news:90 Minutos"].counts["articles_bad_payload"] == 1  # the 50 MB page
    assert first.status == "partial"

    with session_factory(engine)() as session:
        rows = mentions_rows(
            session, date(2026, 11, 18), date(2026, 11, 21), None, tz=settings.config.tz
        )
    assert [(r["outlet"], r["title"]) for r in rows] == [
        ("90 Minutos", "Alcaldía de Cali entrega parque en Siloé"),
        ("El País", "Alcaldía de Cali anuncia cierres viales por obras en la calle Quinta"),
        ("90 Minutos", "Alcaldía de Cali abre inscripciones para el programa de empleo joven"),
        ("Caracol Radio", "Cali abre convocatoria de empleo joven con 1.200 cupos"),
    ]
    assert rows[3]["matched_terms"] == ["Alcaldía de Santiago de Cali"]
    assert (
        rows[1]["url"]
        == f"{sites['El País'].base}/cali/2026/11/20/alcaldia-de-cali-anuncia-cierres-viales-por-obras-en-la-calle-quinta/"
    )
    assert rows[1]["published_at"].isoformat() == "2026-11-20T11:31:00-05:00"
    # The agency story carried by 90 Minutos and Caracol is one story: 4 mentions, 3 stories.
    assert rows[2]["story_id"] == rows[3]["story_id"]
    assert len({r["story_id"] for r in rows}) == 3

    articles, mentions, stories = (
        _count(engine, Article),
        _count(engine, Mention),
        _count(engine, Story),
    )
    second = run_sources(engine, build_news_sources(settings), kind="manual", now=NOW)
    assert (_count(engine, Article), _count(engine, Mention), _count(engine, Story)) == (
        articles,
        mentions,
        stories,
    )
    assert {o.key: o.counts.get("mentions") for o in second.outcomes if o.status == "ok"} == {
        "news:El País": 0,
        "news:90 Minutos": 0,
        "news:Caracol Radio": 0,
    }
    # Feeds answered 304 to the remembered validators; each article page was fetched once.
    assert second.outcomes[1].counts["feeds_not_modified"] == 1
    assert _count(engine, FeedState) == 2
    for site in sites.values():
        pages = {p: n for p, n in site.hits.items() if p.count("/") > 3 and "feeds" not in p}
        assert all(n == 1 for n in pages.values()), pages
        assert site.user_agents == {"Pulso/0.1 (+prensa@cali.gov.co)"}
    assert sites["El País"].hits["/robots.txt"] == 2  # one client per run, cached within it


def test_failed_outlet_reason_is_recorded_for_the_operator(
    engine: Engine, sites, tmp_path: Path
) -> None:
    run_sources(engine, build_news_sources(_settings(sites, tmp_path)), kind="manual", now=NOW)
    with session_factory(engine)() as session:
        result = session.scalars(
            select(SourceResult).where(SourceResult.source == "news:Bloqueado")
        ).one()
    assert (result.status, result.error_kind) == ("failed", "unavailable")
    assert "may block automated clients" in (result.reason or "")
