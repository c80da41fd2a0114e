"""Dates, charsets and robots.txt decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from collectors.news.charset import decode_html
from collectors.news.dates import BOGOTA, parse_datetime
from collectors.news.robots import robots_url, rules_from_response

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
MINUS5 = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20T11:31:00-05:00", datetime(2026, 11, 20, 11, 31, tzinfo=MINUS5)),
        ("2026-11-20T16:31:00.000Z", datetime(2026, 11, 20, 16, 31, tzinfo=UTC)),
        ("2026-11-20T11:31:00-0500", datetime(2026, 11, 20, 11, 31, tzinfo=MINUS5)),
        ("2026-11-20T11:31:00", datetime(2026, 11, 20, 11, 31, tzinfo=BOGOTA)),
        ("2026-11-20 11:31", datetime(2026, 11, 20, 11, 31, tzinfo=BOGOTA)),
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=BOGOTA)),
        ("Fri, 20 Nov 2026 17:45:03 +0000", datetime(2026, 11, 20, 17, 45, 3, tzinfo=UTC)),
        ("Fri, 20 Nov 2026 12:45:03 -0500", datetime(2026, 11, 20, 12, 45, 3, tzinfo=MINUS5)),
        ("20 de noviembre de 2026", None),
        # Day first, as Spanish-language CMSs write it: 10 May, not 5 October.
        ("10/05/2022 05:22 pm", datetime(2022, 5, 10, 17, 22, tzinfo=BOGOTA)),
        ("10/05/2022 12:05 a. m.", datetime(2022, 5, 10, 0, 5, tzinfo=BOGOTA)),
        ("20/11/2026 07:30", datetime(2026, 11, 20, 7, 30, tzinfo=BOGOTA)),
        ("20/11/2026", datetime(2026, 11, 20, tzinfo=BOGOTA)),
        ("31/02/2026", None),
        ("20/11/2026 17:30 pm", None),
        # Unpadded ISO parts (El Colombiano's CMS).
        ("2022-5-5 22:17:36", datetime(2022, 5, 5, 22, 17, 36, tzinfo=BOGOTA)),
        ("2022-05-6T12:00:00.000Z", datetime(2022, 5, 6, 12, 0, tzinfo=UTC)),
        ("", None),
        (None, None),
        ("0001-01-01T00:00:00Z", None),
    ],
)
def test_publication_times(text: str | None, expected: datetime | None) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    ("data", "content_type", "text"),
    [
        ("Alcaldía".encode(), None, "Alcaldía"),
        ("Alcaldía".encode("latin-1"), None, "Alcaldía"),
        ("Alcaldía".encode("latin-1"), "text/html", "Alcaldía"),
        ("Alcaldía".encode("latin-1"), "text/html; charset=ISO-8859-1", "Alcaldía"),
        ("“Cali”".encode("cp1252"), "text/html; charset=iso-8859-1", "“Cali”"),
        (
            '<meta charset="iso-8859-1">Año'.encode("latin-1"),
            None,
            '<meta charset="iso-8859-1">Año',
        ),
        ("\ufeffAño".encode(), None, "Año"),
        ("Año".encode(), "text/html; charset=bogus-charset", "Año"),
    ],
)
def test_decode_html(data: bytes, content_type: str | None, text: str) -> None:
    assert decode_html(data, content_type) == text


ROBOTS = b"""User-agent: *
Disallow: /admin/
Disallow: /buscar

User-agent: Pulso
Disallow: /privado/
Crawl-delay: 5
"""


def test_robots_rules_for_pulso() -> None:
    rules = rules_from_response(200, ROBOTS, NOW)
    assert rules.allows("https://x.co/cali/nota", "Pulso")
    assert not rules.allows("https://x.co/privado/nota", "Pulso")
    assert rules.crawl_delay("Pulso") == 5.0


def test_missing_robots_allows_everything_and_server_error_disallows() -> None:
    assert rules_from_response(404, b"", NOW).allows("https://x.co/a", "Pulso")
    assert rules_from_response(403, b"", NOW).allows("https://x.co/a", "Pulso")
    assert not rules_from_response(503, b"", NOW).allows("https://x.co/a", "Pulso")


def test_robots_cache_expires_after_a_day() -> None:
    rules = rules_from_response(200, ROBOTS, NOW)
    assert rules.fresh(NOW + timedelta(hours=23))
    assert not rules.fresh(NOW + timedelta(hours=24))


def test_robots_url() -> None:
    assert (
        robots_url("https://www.elpais.com.co/cali/x?y=1") == "https://www.elpais.com.co/robots.txt"
    )
