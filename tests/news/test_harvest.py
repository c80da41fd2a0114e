"""One outlet's harvest: links from every endpoint, unseen ones fetched, failures sorted."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
import respx

from collectors.errors import BadPayload, SourceUnavailable
from collectors.http import HttpPolicy, HttpSession
from collectors.news.client import NewsClient
from collectors.news.discover import Validators
from collectors.news.harvest import OutletPlan, harvest_outlet
from collectors.news.matching import Matcher
from tests.news.conftest import FEEDS, PAGES

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
SITE = "https://www.elpais.com.co"
FEED = f"{SITE}/arc/outboundfeeds/rss/?outputType=xml"
CIERRES = (
    f"{SITE}/cali/2026/11/20/alcaldia-de-cali-anuncia-cierres-viales-por-obras-en-la-calle-quinta/"
)
COP = f"{SITE}/cali/2026/11/20/asi-avanza-la-cop-en-cali-balance-del-primer-dia/"
CALIMA = f"{SITE}/valle/2026/11/20/gobernacion-del-valle-entrega-vias-terciarias-en-calima/"
MATCHER = Matcher(["Alcaldía de Cali"])
RSS = {"Content-Type": "application/rss+xml"}


def _harvest(plan: OutletPlan, seen: set[str] = frozenset(), validators=None):  # type: ignore[assignment]
    client = NewsClient(HttpSession(HttpPolicy(max_retries=0), sleep=lambda s: None))
    return harvest_outlet(
        client,
        plan,
        matcher=MATCHER,
        is_seen=lambda urls: set(urls) & seen,
        validators=validators or {},
        fetched_at=NOW,
        tz=UTC,
    )


def _routes(router: respx.MockRouter) -> None:
    router.get(f"{SITE}/robots.txt").respond(404)
    router.get(FEED).respond(
        200, content=(FEEDS / "arc_rss.xml").read_bytes(), headers={**RSS, "ETag": '"a1"'}
    )
    router.get(CIERRES).respond(
        200,
        content=(PAGES / "elpais_jsonld.html").read_bytes(),
        headers={"Content-Type": "text/html"},
    )
    router.get(COP).respond(
        200, html="<html><body><p>Delegaciones de 30 países llegaron.</p></body></html>"
    )
    router.get(CALIMA).respond(
        200, content=(PAGES / "no_date.html").read_bytes(), headers={"Content-Type": "text/html"}
    )


def test_feed_pages_are_extracted_matched_and_dated() -> None:
    with respx.mock as router:
        _routes(router)
        harvest = _harvest(OutletPlan("El País", "print", feeds=(FEED,)))
    by_url = {item.article.url: item for item in harvest.items}
    assert set(by_url) == {CIERRES, COP, CALIMA}  # the ?outputType=amp link was fetched canonical
    cierres = by_url[CIERRES]
    assert cierres.match is not None and cierres.match.in_title and cierres.match.in_body
    assert cierres.fingerprint is not None
    assert by_url[CALIMA].match is None  # "Alcaldía de Calima" is not the office
    # The page has no date: the feed's pubDate stands in.
    assert by_url[CALIMA].article.published_at == datetime(2026, 11, 20, 12, 15, tzinfo=UTC)
    assert by_url[COP].article.title == "Así avanza la COP en Cali: balance del primer día"
    assert harvest.validators == {FEED: Validators('"a1"', None)}


def test_seen_links_are_not_fetched() -> None:
    with respx.mock as router:
        _routes(router)
        harvest = _harvest(OutletPlan("El País", "print", feeds=(FEED,)), seen={CIERRES, COP})
        assert router.get(CIERRES).call_count == 0
    assert [item.article.url for item in harvest.items] == [CALIMA]


def test_one_failing_endpoint_is_counted_and_the_others_still_give_links() -> None:
    with respx.mock as router:
        _routes(router)
        router.get(f"{SITE}/sitemap-news.xml").respond(500)
        harvest = _harvest(
            OutletPlan("El País", "print", feeds=(FEED,), sitemaps=(f"{SITE}/sitemap-news.xml",))
        )
    assert len(harvest.items) == 3 and harvest.counts["endpoints_failed"] == 1


@pytest.mark.parametrize(
    ("answer", "error", "message"),
    [
        (httpx.Response(403, html="Access denied"), SourceUnavailable, "HTTP 403"),
        (
            httpx.Response(200, content=(FEEDS / "malformed.xml").read_bytes(), headers=RSS),
            BadPayload,
            "not a readable",
        ),
        (
            httpx.Response(200, content=(FEEDS / "xxe_feed.xml").read_bytes(), headers=RSS),
            BadPayload,
            "entities",
        ),
    ],
)
def test_outlet_fails_with_the_reason_when_no_endpoint_works(answer, error, message) -> None:
    with respx.mock as router:
        router.get(f"{SITE}/robots.txt").respond(404)
        router.get(FEED).mock(return_value=answer)
        with pytest.raises(error, match=message):
            _harvest(OutletPlan("El País", "print", feeds=(FEED,)))


def test_dns_failure_fails_the_outlet() -> None:
    with respx.mock as router:
        router.get(f"{SITE}/robots.txt").mock(
            side_effect=httpx.ConnectError("Name or service not known")
        )
        with pytest.raises(Exception, match="Name or service not known"):
            _harvest(OutletPlan("El País", "print", feeds=(FEED,)))


def test_not_modified_feed_gives_nothing_new() -> None:
    with respx.mock as router:
        router.get(f"{SITE}/robots.txt").respond(404)
        router.get(FEED).respond(304)
        harvest = _harvest(
            OutletPlan("El País", "print", feeds=(FEED,)), validators={FEED: Validators('"a1"')}
        )
    assert harvest.items == [] and harvest.counts["feeds_not_modified"] == 1


def test_rate_limit_mid_harvest_keeps_what_was_fetched() -> None:
    with respx.mock as router:
        _routes(router)
        router.get(COP).respond(429, headers={"Retry-After": "86400"})
        harvest = _harvest(OutletPlan("El País", "print", feeds=(FEED,)))
    assert [item.article.url for item in harvest.items] == [CIERRES]
    assert harvest.counts["rate_limited"] == 1


def test_an_unreadable_page_is_that_pages_failure_and_the_feed_title_still_matches() -> None:
    with respx.mock as router:
        _routes(router)
        # A CMS answering with an image under text/html: the old extractor raised here.
        router.get(CIERRES).respond(
            200, content=b"\x89PNG\r\n\x1a\n" + bytes(2000), headers={"Content-Type": "text/html"}
        )
        router.get(COP).respond(200, content=b"", headers={"Content-Type": "text/html"})
        harvest = _harvest(OutletPlan("El País", "print", feeds=(FEED,)))
    by_url = {item.article.url: item for item in harvest.items}
    assert set(by_url) == {CIERRES, COP, CALIMA}
    cierres = by_url[CIERRES]
    assert cierres.article.text is None
    assert (
        cierres.article.title
        == "Alcaldía de Cali anuncia cierres viales por obras en la calle Quinta"
    )
    assert cierres.match is not None and cierres.match.in_title and not cierres.match.in_body
    assert harvest.counts["articles_unreadable"] == 2
    assert all(isinstance(error, BadPayload) for error in harvest.errors)
    assert sorted(str(error) for error in harvest.errors) == sorted(
        [f"{COP}: empty page", f"{CIERRES}: not an HTML page"]
    )
