"""One bad page never fails its outlet; a page that keeps failing is given up and reported.

An outlet on a loopback server lists three articles; one of them misbehaves (redirects inside
the network, loops, or breaks the extractor). The night is run through the same steps as
`pulso collect`, against a real database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from collectors.news import harvest as harvest_module
from flows.steps.news import build_news_sources
from flows.steps.sources import RunSummary, SourceOutcome, run_sources
from reports.render_html import render_html
from reports.tables import all_tables
from reports.weekly import build_weekly_report
from settings import Config, Secrets, Settings
from storage.db import session_factory
from storage.models import Article, PageFailure, SourceResult
from tests.news.loopback import LOOPBACK_HOSTS, Route, Site, serve

NOW = datetime(2026, 11, 17, 7, 0, tzinfo=UTC)  # Tuesday 02:00 in Cali
OUTLET = "Diario <i>Q'hubo</i>"  # markup in a name must reach the report escaped


def _page(title: str) -> Route:
    html = f"<html><head><title>{title}</title></head><body><p>{title}. La Alcaldía de Cali informó.</p></body></html>"
    return Route(html.encode())


def _feed(*paths: str) -> Route:
    items = "".join(
        f"<item><title>Nota {p}</title><link>{{base}}{p}</link>"
        "<pubDate>Mon, 16 Nov 2026 12:00:00 GMT</pubDate></item>"
        for p in paths
    )
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    )
    return Route(rss.encode(), "application/rss+xml")


def _outlet(bad: Route) -> Site:
    return Site(
        routes={
            "/robots.txt": Route(b"", "text/plain", status=404),
            "/feed": _feed("/cali/obras", "/cali/empleo", "/cali/rota"),
            "/cali/obras": _page("Obras en la calle Quinta"),
            "/cali/empleo": _page("Empleo joven"),
            "/cali/rota": bad,
        }
    )


INTERNAL_REDIRECT = Route(b"", None, status=302, headers={"Location": "http://10.0.0.5/"})


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(_outlet(INTERNAL_REDIRECT)) as running:
        yield running


def _settings(site: Site, tmp_path: Path, give_up_after: int = 3) -> Settings:
    config = Config.model_validate(
        {
            "mentions": {"terms": ["Alcaldía de Cali"]},
            "http": {
                "max_retries": 0,
                "per_host_delay_s": 0.0,
                "allow_hosts": list(LOOPBACK_HOSTS),
            },
            "news": {"give_up_after": give_up_after},
            "outlets": [{"name": OUTLET, "medium": "print", "feeds": [f"{site.base}/feed"]}],
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


def _night(engine: Engine, settings: Settings, now: datetime) -> SourceOutcome:
    summary: RunSummary = run_sources(engine, build_news_sources(settings), kind="manual", now=now)
    [outcome] = summary.outcomes
    return outcome


def _failures(engine: Engine) -> list[PageFailure]:
    with session_factory(engine)() as session:
        return list(session.scalars(select(PageFailure)))


def test_one_page_failing_leaves_the_outlet_ok_with_its_other_articles_stored(
    engine: Engine, site: Site, tmp_path: Path
) -> None:
    outcome = _night(engine, _settings(site, tmp_path), NOW)

    assert outcome.status == "ok"
    assert outcome.counts["articles"] == 2 and outcome.counts["pages_failed"] == 1
    assert outcome.reason is not None and outcome.reason.startswith("1 page failed: ")
    assert "address 10.0.0.5 is private" in outcome.reason
    with session_factory(engine)() as session:
        stored = session.scalars(select(SourceResult)).one()
        titles = set(session.scalars(select(Article.title)))
    assert (stored.status, stored.reason) == ("ok", outcome.reason)
    assert titles == {"Obras en la calle Quinta", "Empleo joven"}
    [failure] = _failures(engine)
    assert failure.canonical_url == f"{site.base}/cali/rota"
    assert (failure.nights_failed, failure.last_error_kind) == (1, "refused")
    assert "address 10.0.0.5 is private" in failure.last_reason and not failure.given_up


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(Route(b"", None, status=302, headers={"Location": "/cali/rota"}), id="loop"),
        pytest.param(Route(b"", None, status=302, headers={"Location": "ftp://x/"}), id="ftp"),
        pytest.param(Route(b"x" * 6_000_000), id="too-big"),
    ],
)
def test_any_bad_page_is_recorded_with_its_reason_and_spares_the_outlet(
    engine: Engine, tmp_path: Path, bad: Route
) -> None:
    with serve(_outlet(bad)) as running:
        outcome = _night(engine, _settings(running, tmp_path), NOW)
    assert outcome.status == "ok" and outcome.counts["articles"] == 2
    [failure] = _failures(engine)
    assert failure.last_error_kind in {"redirects", "refused", "bad_payload"}


def test_an_extractor_exception_costs_one_page_not_the_outlet(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = harvest_module.extract_page

    def fragile(body: bytes, **kwargs: object):  # type: ignore[no-untyped-def]
        if b"Empleo joven" in body:
            raise RecursionError("maximum recursion depth exceeded")
        return real(body, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(harvest_module, "extract_page", fragile)
    with serve(_outlet(_page("Parque en Siloé"))) as running:
        outcome = _night(engine, _settings(running, tmp_path), NOW)
    assert outcome.status == "ok" and outcome.counts["articles"] == 2
    [failure] = _failures(engine)
    assert failure.canonical_url.endswith("/cali/empleo")
    assert failure.last_error_kind == "extraction" and "RecursionError" in failure.last_reason


def test_every_page_blocked_is_the_site_failing_and_no_page_is_blamed(
    engine: Engine, tmp_path: Path
) -> None:
    blocked = _outlet(Route(b"Access denied", status=403))
    for path in ("/cali/obras", "/cali/empleo"):
        blocked.routes[path] = Route(b"Access denied", status=403)
    with serve(blocked) as running:
        outcome = _night(engine, _settings(running, tmp_path), NOW)
    assert outcome.status == "failed" and "403" in (outcome.reason or "")
    assert _failures(engine) == []  # a firewall tonight must not count against the pages


def test_the_same_night_run_twice_counts_one_night(
    any_engine: Engine, site: Site, tmp_path: Path
) -> None:
    settings = _settings(site, tmp_path)
    _night(any_engine, settings, NOW)
    _night(any_engine, settings, NOW + timedelta(hours=2))  # a re-run, still the same Cali night
    assert [f.nights_failed for f in _failures(any_engine)] == [1]
    _night(any_engine, settings, NOW + timedelta(days=1))
    [failure] = _failures(any_engine)
    assert failure.nights_failed == 2
    assert failure.last_failed_day == date(2026, 11, 18)
    assert failure.first_failed_at == NOW


def test_a_page_that_recovers_is_forgiven(engine: Engine, tmp_path: Path) -> None:
    broken = _outlet(INTERNAL_REDIRECT)
    with serve(broken) as running:
        settings = _settings(running, tmp_path)
        _night(engine, settings, NOW)
        broken.routes["/cali/rota"] = _page("Ya funciona")
        outcome = _night(engine, settings, NOW + timedelta(days=1))
    assert outcome.counts["articles"] == 1 and outcome.reason is None
    assert _failures(engine) == []


def test_a_page_failing_on_give_up_after_nights_is_no_longer_fetched_and_is_reported(
    engine: Engine, site: Site, tmp_path: Path
) -> None:
    settings = _settings(site, tmp_path, give_up_after=2)
    _night(engine, settings, NOW)
    second = _night(engine, settings, NOW + timedelta(days=1))
    assert second.counts["pages_given_up"] == 1
    assert site.hits["/cali/rota"] == 2

    third = _night(engine, settings, NOW + timedelta(days=2))
    assert site.hits["/cali/rota"] == 2  # given up: treated as seen, never requested again
    assert third.status == "ok" and third.reason is None
    [failure] = _failures(engine)
    assert failure.given_up and failure.nights_failed == 2

    with session_factory(engine)() as session:
        report = build_weekly_report(
            session, week_start=date(2026, 11, 16), config=settings.config, now=NOW
        )
    [page] = report.quality.given_up_pages
    assert (page.outlet, page.url, page.nights_failed) == (OUTLET, f"{site.base}/cali/rota", 2)
    assert "address 10.0.0.5 is private" in page.reason
    html = render_html(report, all_tables(report, "es"), "es")
    quality = html[html.index('<section id="quality">') :]
    assert "Páginas de noticias abandonadas" in quality
    assert f"{site.base}/cali/rota" in quality
    assert "Diario &lt;i&gt;Q&#39;hubo&lt;/i&gt;" in quality and "<i>Q" not in html
    english = render_html(report, all_tables(report, "en"), "en")
    assert "News pages given up" in english


def test_the_report_says_when_no_page_was_given_up(engine: Engine, tmp_path: Path) -> None:
    settings = _settings(Site(base="http://localhost:1"), tmp_path)
    with session_factory(engine)() as session:
        report = build_weekly_report(
            session, week_start=date(2026, 11, 16), config=settings.config, now=NOW
        )
    assert report.quality.given_up_pages == ()
    assert "Ninguna página abandonada." in render_html(report, all_tables(report, "es"), "es")
