"""Real feeds saved by RSS readers' test suites: every story link, its title and its time.

The four feeds (tests/fixtures/news/real/feeds, SOURCES.md) carry the quirks outlets ship:
links in CDATA next to a numeric <guid> (Livemint), blank lines before the root and
-0800 offsets (Macworld), an <image> block with its own <title>/<link> inside each item
(Aktuality.sk), Atom entries with shorturl/related links beside the alternate one (Daring
Fireball). The expected values were read off each file by hand: first, second and last
story, and how many there are.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone

import pytest

from collectors.news.feeds import FeedEntry, parse_feed
from tests.news.quality import REAL

FEEDS = REAL / "feeds"
CET = timezone(timedelta(hours=1))
PST = timezone(timedelta(hours=-8))

EXPECTED: dict[str, tuple[int, list[FeedEntry]]] = {
    "livemint.xml": (
        25,
        [
            FeedEntry(
                "https://www.livemint.com/news/india/pm-modi-xi-jinping-informal-summit-in-varanasi-this-october-report-1559104147038.html",
                "PM Modi-Xi Jinping informal summit in Varanasi this October: Report",
                datetime(2019, 5, 29, 10, 16, tzinfo=UTC),
            ),
            FeedEntry(
                "https://www.livemint.com/news/india/us-takes-india-off-watchlist-for-currency-practices-1559099681337.html",
                "US takes India off watchlist for currency practices",
                datetime(2019, 5, 29, 8, 53, 48, tzinfo=UTC),
            ),
            FeedEntry(
                "https://www.livemint.com/news/india/india-among-fastest-growing-alternative-accommodation-markets-for-booking-com-1559022596374.html",
                "India among fastest-growing alternative accommodation markets for Booking.com",
                datetime(2019, 5, 28, 11, 51, 32, tzinfo=UTC),
            ),
        ],
    ),
    "macworld.rss": (
        30,
        [
            FeedEntry(
                "https://www.techhive.com/article/3212828/connected-home/best-smart-lock.html#tk.rss_all",
                "Best smart lock",
                datetime(2017, 11, 28, 15, 40, tzinfo=PST),
            ),
            FeedEntry(
                "https://www.macworld.com/article/3235804/ios/ios-112-features-release-date-and-how-to-install.html#tk.rss_all",
                "iOS 11.2: Beta 5 is now available",
                datetime(2017, 11, 28, 14, 56, tzinfo=PST),
            ),
            FeedEntry(
                "https://www.macworld.com/article/3238188/consumer-electronics/black-friday-deal-save-80-on-the-freshebuds-pro-magnetic-bluetooth-earbuds.html#tk.rss_all",
                "Black Friday Deal: Save 80% On The FRESHeBUDS Pro Magnetic Bluetooth Earbuds",
                datetime(2017, 11, 24, 5, 45, tzinfo=PST),
            ),
        ],
    ),
    "aktuality.rss": (
        30,
        [
            FeedEntry(
                "https://www.aktuality.sk/clanok/856577/analytici-goldman-sachs-zvysili-odhad-rastu-ekonomiky-usa/",
                "Analytici Goldman Sachs zvýšili odhad rastu ekonomiky USA",
                datetime(2021, 1, 17, 19, 27, tzinfo=CET),
            ),
            FeedEntry(
                "https://www.aktuality.sk/clanok/856600/koronavirus-cielene-testovanie-zachytilo-v-banskej-bystrici-desiatky-pozitivnych/",
                "Koronavírus: Cielené testovanie zachytilo v Banskej Bystrici desiatky pozitívnych",
                datetime(2021, 1, 17, 19, 25, tzinfo=CET),
            ),
            FeedEntry(
                "https://www.aktuality.sk/clanok/856497/nrsr-poslanci-olano-navrhuju-individualne-vzdelavanie-umoznit-i-na-druhom-stupni/",
                "Poslanci OĽANO navrhujú individuálne vzdelávanie umožniť i na druhom stupni",
                datetime(2021, 1, 17, 10, 45, tzinfo=CET),
            ),
        ],
    ),
    "DaringFireball.atom": (
        48,
        [
            FeedEntry(
                "https://daringfireball.net/thetalkshow/2017/06/26/ep-195",
                "The Talk Show: ‘I Do Like Throwing a Baby’",
                datetime(2017, 6, 27, 0, 54, 17, tzinfo=UTC),
            ),
            FeedEntry(
                "http://tidbits.com/article/17308",
                "Virgin Mobile Partners With Apple to Go iPhone-Only With $1 Service",
                datetime(2017, 6, 26, 23, 51, 11, tzinfo=UTC),
            ),
            FeedEntry(
                "https://daringfireball.net/2017/06/update_on_the_talk_show_live_from_wwdc_2017",
                "★ Update on The Talk Show Live From WWDC 2017",
                datetime(2017, 6, 2, 5, 41, 6, tzinfo=UTC),
            ),
        ],
    ),
}


def entries(name: str) -> list[FeedEntry]:
    return parse_feed(gzip.decompress((FEEDS / f"{name}.gz").read_bytes()), name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_story_of_a_real_feed_is_read_with_link_title_and_time(name: str) -> None:
    count, (first, second, last) = EXPECTED[name]
    found = entries(name)
    assert len(found) == count
    assert [found[0], found[1], found[-1]] == [first, second, last]
    assert all(e.url.startswith(("http://", "https://")) and e.title for e in found)
    assert all(e.published_at is not None and e.published_at.tzinfo for e in found)


def test_an_items_image_block_does_not_replace_its_story_link() -> None:
    # Aktuality.sk nests <image><title/><link/></image> in each <item>: same link here, but
    # a parser that read the last <link> of an item would break on any outlet that differs.
    urls = [e.url for e in entries("aktuality.rss")]
    assert all(u.startswith("https://www.aktuality.sk/clanok/") for u in urls)
    assert len(set(urls)) == len(urls)


def test_atom_story_links_are_the_alternate_ones_not_short_or_related() -> None:
    urls = [e.url for e in entries("DaringFireball.atom")]
    assert not [u for u in urls if "df4.us" in u]
