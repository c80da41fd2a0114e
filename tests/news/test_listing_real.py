"""Article links from a real outlet's front page (CNN International, 2014; SOURCES.md)."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

from collectors.news.listing import listing_links
from tests.news.quality import REAL

PAGE_URL = "https://edition.cnn.com/"
HTML = gzip.decompress((REAL / "listings" / "cnn_main_site.html.gz").read_bytes())
# Read off the page's markup by hand: the first bullets of the first two story blocks.
FIRST_BULLETS = [
    (
        "https://edition.cnn.com/video/data/2.0/video/world/2014/07/24/newday-air-algerie-flight-missing-ah5017.cnn.html?hpt=hp_t1",
        "Search for missing Algerie flight",
    ),
    (
        "https://edition.cnn.com/2014/07/24/world/europe/ukraine-malaysia-airlines-crash/index.html?hpt=hp_t2",
        "More remains to arrive in Netherlands",
    ),
]


def test_configured_selector_gives_the_front_pages_story_links_in_order() -> None:
    links = listing_links(HTML, PAGE_URL, "ul.cnn_bulletbin a[href]")
    assert [(e.url, e.title) for e in links[:2]] == FIRST_BULLETS
    assert len(links) > 150
    assert len({e.url for e in links}) == len(links)
    assert {urlsplit(e.url).hostname for e in links} == {"edition.cnn.com"}
    assert all(e.title for e in links)


def test_links_to_other_sites_and_feeds_are_left_out() -> None:
    urls = {e.url for e in listing_links(HTML, PAGE_URL, "a[href]")}
    assert not [u for u in urls if "rss.cnn.com" in u or "money.cnn.com" in u]
    assert (
        "https://edition.cnn.com/2014/07/22/sport/football/james-rodriguez-joins-real-madrid/index.html?hpt=hp_mid"
        in urls
    )


WIRED_URL = "https://www.wired.com/"
WIRED = gzip.decompress((REAL / "listings" / "wired_main_site.html.gz").read_bytes())
# Read off the page's markup by hand: the first story cards, each <a href><h2>headline</h2></a>.
WIRED_FIRST_STORIES = [
    (
        "https://www.wired.com/story/russia-invaded-ukraine-choice-propaganda-death/",
        "Give Me Propaganda or Give Me Death",
    ),
    (
        "https://www.wired.com/story/joe-biden-tiktok-campaign-comments/",
        "Joe Biden Joined TikTok Because He Had To",
    ),
    (
        "https://www.wired.com/story/solar-eclipse-2024-simulator-to-help-you-find-the-best-spot/",
        "What's the Best Place to Watch the Solar Eclipse? This Simulator Can Help You Plan",
    ),
]


def test_default_selector_finds_headline_cards_whose_link_wraps_the_heading() -> None:
    # WIRED's front page (February 2024): no <h2><a>, every story is <a><h2>; the default
    # selector must still give the stories, in page order, with their headlines.
    links = listing_links(WIRED, WIRED_URL)
    stories = [(e.url, e.title) for e in links if "/story/" in e.url]
    assert stories[:3] == WIRED_FIRST_STORIES
    assert len(stories) == 31  # every distinct /story/ link on the page
    assert "https://www.wired.com/story/odysseus-moon-landing-lunar-nasa-intuitive-machines/" in {
        url for url, _ in stories
    }
