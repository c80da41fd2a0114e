"""Facebook Live broadcasts over several pages of `/{page-id}/live_videos` (respx): the Graph
cursor is followed like the posts edge's, a night stops at the page reaching past
`[insights] live_days`, a backfill at its date, and a page whose shape changed fails loudly."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
import respx

from collectors.errors import BadPayload
from collectors.facebook.client import FacebookCollector
from tests.collectors.conftest import FETCHED_AT, payload
from tests.collectors.test_insights import GRAPH, ON, PAGE, PAGE_ID, graph, ok

PAGES = {
    None: "live_videos_first_page",
    "QVFIUl2": "live_videos_second_page",
    "QVFIUl4": "live_videos_changed_shape",
}


def mock_page_with_lives() -> respx.Route:
    respx.get(f"{GRAPH}/{PAGE_ID}").mock(return_value=ok("facebook", "page"))
    respx.get(f"{GRAPH}/{PAGE_ID}/insights").mock(return_value=ok("facebook", "page_insights_day"))
    respx.get(f"{GRAPH}/{PAGE_ID}/posts").mock(return_value=ok("facebook", "posts_last_page"))
    respx.get(url__regex=rf"{GRAPH}/10987654321\d+/insights").mock(
        return_value=ok("facebook", "video_insights")
    )

    def lives(request: httpx.Request) -> httpx.Response:
        return ok("facebook", PAGES[request.url.params.get("after")])

    return respx.get(f"{GRAPH}/{PAGE_ID}/live_videos").mock(side_effect=lives)


@respx.mock
def test_a_night_reads_the_second_page_of_broadcasts_and_stops_where_they_get_old():
    route = mock_page_with_lives()
    result = FacebookCollector(graph(), insights=ON).collect(PAGE, FETCHED_AT)

    titles = [live.title for live in result.lives]
    first, second = (payload("facebook", PAGES[k])["data"] for k in (None, "QVFIUl2"))
    assert titles == [item["title"] for item in first + second]
    # The second page holds a broadcast older than live_days (30): the third is not asked.
    assert [call.request.url.params.get("after") for call in route.calls] == [None, "QVFIUl2"]
    assert all(call.request.url.params["limit"] == "25" for call in route.calls)
    by_title = {live.title: live for live in result.lives}
    # Recent broadcasts on either page get their total views; the old one keeps NULL.
    assert by_title["Vacunación: transmisión desde el Coliseo El Pueblo"].total_views == 48730
    assert by_title["Vacunación: transmisión desde el Coliseo El Pueblo"].duration_s == 2710
    assert by_title["Consejo de gobierno"].total_views is None
    assert not any("live videos" in note for note in result.notes)


@respx.mock
def test_the_page_limit_notes_older_broadcasts_unread():
    route = mock_page_with_lives()
    result = FacebookCollector(graph(), max_pages=1, insights=ON).collect(PAGE, FETCHED_AT)

    assert len(route.calls) == 1 and len(result.lives) == 2
    assert "live videos: stopped after 1 page(s) (limit); older items not read" in result.notes


@respx.mock
def test_a_backfill_pages_back_to_its_date_and_a_changed_page_fails_loudly():
    route = mock_page_with_lives()
    backfill = replace(PAGE, posts_since=datetime(2025, 1, 1, tzinfo=UTC))

    with pytest.raises(BadPayload, match="facebook:AlcaldiaDeCali live videos"):
        FacebookCollector(graph(), insights=ON).collect(backfill, FETCHED_AT)
    assert [call.request.url.params.get("after") for call in route.calls] == [
        None,
        "QVFIUl2",
        "QVFIUl4",
    ]
