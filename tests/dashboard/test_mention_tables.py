"""The mentions page's two tables, built in Python (mention_tables), are the markup the
template's loops wrote before issue 17's sixth pass, byte for byte: any outlet names, titles,
links, terms, media, times (or none), weeks and counts, in both languages."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pulso.dashboard.app import _templates
from pulso.dashboard.mention_tables import list_rows, week_rows
from pulso.dashboard.mentions import safe_url
from pulso.dashboard.weeks import WeekRow, iso_week

# The loops as templates/mentions.html had them.
WEEK_LOOP = """  {% for row in weekly %}
    <tr><td data-week="{{ row.week }}">{{ row.week | fweek(lang) }}</td><td>{{ row.outlet }}</td><td class="num">{{ row.count | fint(lang) }}</td></tr>
  {% else %}
    <tr><td colspan="3">{{ w.no_data }}</td></tr>
  {% endfor %}"""  # noqa: E501
LIST_LOOP = """  {% for row in listed %}
    {% set href = safe_url(row.url) %}
    <tr>
      <td>{{ row.published_at | fdatetime(lang) }}</td><td>{{ row.outlet }}</td><td>{{ row.medium | fmedium(lang) }}</td>
      <td>{% if href %}<a href="{{ href }}" rel="noopener noreferrer nofollow" target="_blank">{{ row.title or row.url }}</a>{% else %}{{ row.title or row.url }}{% endif %}</td>
      <td>{{ row.matched_terms | join(", ") }}</td>
    </tr>
  {% else %}
    <tr><td colspan="5">{{ w.no_data }}</td></tr>
  {% endfor %}"""  # noqa: E501
TEXTS = ("El País", '<b>"Ojo"</b> & Cía', "Zeta's", "", "ábaco  ", "a\nb", "{{ x }}")
LINKS = ("https://e.com/a?b=1&c=<2>", "javascript:alert(1)", 'HTTP://E.COM/"x"', "ftp://x")
MEDIA = (None, "print", "radio", "tv", "web", "podcast <en vivo>", "")
NO_DATA = "sin <datos> & 'nada'"


def _render(loop: str, lang: str, **values: Any) -> str:
    template = _templates().env.from_string(loop)
    return template.render(lang=lang, w={"no_data": NO_DATA}, safe_url=safe_url, **values)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_week_table_is_the_loop(lang: str) -> None:
    draw = random.Random(lang)
    monday = datetime(998, 12, 28).date()
    for size in (0, 1, 7, 100):
        rows = [
            WeekRow(
                iso_week(monday + timedelta(weeks=draw.randrange(0, 60_000))),
                draw.choice(TEXTS),
                draw.choice([0, 1, 999, 1000, 1_234_567]),
                None,
            )
            for _ in range(size)
        ]
        if size == 7:  # a code that names no week is shown as it is
            rows.append(WeekRow("not a week <x>", "x", 1, None))
        built = "  " + str(week_rows(rows, lang, NO_DATA))
        assert built == _render(WEEK_LOOP, lang, weekly=rows)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_mention_list_is_the_loop(lang: str) -> None:
    draw = random.Random(lang)
    bogota = ZoneInfo("America/Bogota")
    for size in (0, 1, 100):
        rows = [
            {
                "outlet": draw.choice(TEXTS),
                "medium": draw.choice(MEDIA),
                "url": draw.choice(LINKS),
                "title": draw.choice([*TEXTS, None]),
                "published_at": draw.choice(
                    [None, datetime(2026, 3, 1, 4, 5, tzinfo=UTC).astimezone(bogota)]
                ),
                "matched_terms": draw.sample(TEXTS, draw.randrange(0, 3)),
            }
            for _ in range(size)
        ]
        built = "  " + str(list_rows(rows, lang, NO_DATA, safe_url))
        assert built == _render(LIST_LOOP, lang, listed=rows)
