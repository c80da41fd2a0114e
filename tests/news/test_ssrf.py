"""A link from a feed or a redirect never makes Pulso fetch an address inside the network.

Real sockets: outlets on loopback servers (`localhost`, allowed by name, as an operator would
allow an intranet feed) and "internal" servers on 127.0.0.2 that must never be reached.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest

from collectors.errors import Refused, TooManyRedirects
from collectors.http import HttpPolicy, HttpSession
from collectors.news.client import HTML_TYPES, Disallowed, NewsClient
from collectors.news.harvest import OutletPlan, harvest_outlet
from collectors.news.matching import Matcher
from tests.news.loopback import LOOPBACK_HOSTS, Route, Site, serve

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
PAGE = b"<html><head><title>Nota</title></head><body><p>Alcald\xc3\xada de Cali.</p></body></html>"
SECRET = Route(b"root:x:0:0 admin panel", "text/html")


def _client(allow: Sequence[str] = LOOPBACK_HOSTS, resolver=None) -> NewsClient:  # type: ignore[no-untyped-def]
    extra = {"resolver": resolver} if resolver else {}
    policy = HttpPolicy(max_retries=0, allow_hosts=tuple(allow))
    return NewsClient(HttpSession(policy, sleep=lambda s: None, **extra))


def _redirect(location: str, status: int = 302) -> Route:
    return Route(b"", None, status=status, headers={"Location": location})


def _site(**routes: Route) -> Site:
    found = {"/robots.txt": Route(b"", "text/plain", status=404)}
    found.update({"/" + name.replace("__", "/"): route for name, route in routes.items()})
    return Site(routes=found)


@pytest.fixture
def internal() -> Iterator[Site]:
    """A private service on 127.0.0.2 (an admin panel, say): no request may reach it."""
    with serve(_site(admin=SECRET), address="127.0.0.2", name="127.0.0.2") as site:
        yield site


def _rss(*links: str) -> bytes:
    items = "".join(
        f"<item><title>Nota {n}</title><link>{link}</link>"
        "<pubDate>Fri, 20 Nov 2026 12:00:00 GMT</pubDate></item>"
        for n, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode()


def test_a_feed_linking_to_an_internal_address_records_the_page_and_never_fetches_it(
    internal: Site,
) -> None:
    admin = f"{internal.base}/admin"
    outlet = _site(feed=Route(_rss(admin), "application/rss+xml"))
    with serve(outlet):
        harvest = harvest_outlet(
            _client(),
            OutletPlan("El País", "print", feeds=(f"{outlet.base}/feed",)),
            matcher=Matcher(["Alcaldía de Cali"]),
            is_seen=lambda urls: set(),
            validators={},
            fetched_at=NOW,
            tz=UTC,
        )
    assert harvest.items == []
    [failure] = harvest.page_failures
    assert failure.url == admin and failure.error_kind == "refused"
    assert "address 127.0.0.2 is loopback" in failure.reason
    assert sum(internal.hits.values()) == 0


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://10.0.0.5/intranet/", "address 10.0.0.5 is private"),
        ("http://169.254.169.254/latest/meta-data/", "address 169.254.169.254 is link-local"),
        ("http://100.64.0.1/", "address 100.64.0.1 is shared carrier-grade NAT"),
        ("http://[fd00::1]/", "address fd00::1 is private"),
        ("http://[::ffff:10.0.0.5]/", "IPv4 10.0.0.5 inside"),
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(location: str, reason: str) -> None:
    with serve(_site(nota=_redirect(location))) as site:
        with pytest.raises(Refused, match=reason.replace(".", r"\.")):
            _client().get(f"{site.base}/nota", accept=HTML_TYPES)


def test_loopback_ipv6_and_ipv4_mapped_literals_are_refused_before_connecting() -> None:
    with serve(_site(nota=Route(PAGE))) as site:
        port = site.base.rsplit(":", 1)[1]
        for host, reason in [
            ("[::1]", "address ::1 is loopback"),
            ("[::ffff:127.0.0.1]", r"is loopback \(IPv4 127\.0\.0\.1 inside\)"),
        ]:
            with pytest.raises(Refused, match=reason):
                _client().get(f"http://{host}:{port}/nota", accept=HTML_TYPES)
    assert sum(site.hits.values()) == 0  # the mapped address would have reached this server


def test_a_host_name_resolving_to_a_private_address_is_refused() -> None:
    answers = {"evil.example": ["10.0.0.5"], "mixed.example": ["93.184.215.14", "10.0.0.5"]}
    client = _client(resolver=lambda host, port: answers[host])
    for host in answers:
        with pytest.raises(Refused, match=r"address 10\.0\.0\.5 is private"):
            client.get(f"http://{host}/nota", accept=HTML_TYPES)


def test_pulso_connects_to_the_address_it_checked_and_keeps_the_host_name() -> None:
    # noticias.example has no DNS entry: only the guard's one lookup can find the server.
    with serve(_site(nota=Route(PAGE)), name="noticias.example") as site:
        client = _client(("noticias.example",), resolver=lambda host, port: ["127.0.0.1"])
        fetched = client.get(f"{site.base}/nota", accept=HTML_TYPES)
    assert fetched.body == PAGE
    assert site.host_headers == {site.base.removeprefix("http://")}


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "ftp://ftp.example.org/x", "gopher://x/"]
)
def test_a_redirect_off_http_is_refused(location: str) -> None:
    with serve(_site(nota=_redirect(location))) as site:
        with pytest.raises(Refused, match="only http"):
            _client().get(f"{site.base}/nota", accept=HTML_TYPES)


def _chain(redirects: int) -> Site:
    routes = {f"r{n}": _redirect(f"/r{n + 1}", 301 if n % 2 else 302) for n in range(redirects)}
    return _site(**routes, **{f"r{redirects}": Route(PAGE)})


def test_five_redirects_are_followed_and_the_final_address_kept() -> None:
    with serve(_chain(5)) as site:
        fetched = _client().get(f"{site.base}/r0", accept=HTML_TYPES)
    assert fetched.body == PAGE and fetched.url == f"{site.base}/r5"


def test_a_sixth_redirect_is_not_followed() -> None:
    with serve(_chain(6)) as site:
        with pytest.raises(TooManyRedirects, match="more than 5 redirects"):
            _client().get(f"{site.base}/r0", accept=HTML_TYPES)
    assert site.hits["/r5"] == 1 and site.hits["/r6"] == 0


def test_the_redirect_target_robots_txt_is_honoured() -> None:
    target = Site(
        routes={
            "/robots.txt": Route(b"User-agent: *\nDisallow: /privado/\n", "text/plain"),
            "/privado/nota": Route(PAGE),
        }
    )
    with serve(target):
        with serve(_site(nota=_redirect(f"{target.base}/privado/nota"))) as origin:
            with pytest.raises(Disallowed, match="disallows Pulso"):
                _client().get(f"{origin.base}/nota", accept=HTML_TYPES)
    assert target.hits["/robots.txt"] == 1 and target.hits["/privado/nota"] == 0


def test_loopback_is_refused_unless_its_host_is_allowed() -> None:
    with serve(_site(nota=Route(PAGE))) as site:
        with pytest.raises(Refused, match="address 127.0.0.1 is loopback"):
            _client(allow=()).get(f"{site.base}/nota", accept=HTML_TYPES)
        assert sum(site.hits.values()) == 0
        assert _client(allow=("localhost",)).get(f"{site.base}/nota", accept=HTML_TYPES).body
        port = site.base.rsplit(":", 1)[1]
        assert _client(allow=(f"localhost:{port}",)).get(f"{site.base}/nota", accept=HTML_TYPES)
        with pytest.raises(Refused):
            _client(allow=("localhost:1",)).get(f"{site.base}/nota", accept=HTML_TYPES)


def test_an_allowed_host_redirecting_to_another_internal_address_is_refused(
    internal: Site,
) -> None:
    with serve(_site(nota=_redirect(f"{internal.base}/admin"))) as site:
        with pytest.raises(Refused, match=r"address 127\.0\.0\.2 is loopback"):
            _client(allow=("localhost",)).get(f"{site.base}/nota", accept=HTML_TYPES)
    assert site.hits["/nota"] == 1
    assert sum(internal.hits.values()) == 0
