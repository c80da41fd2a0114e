"""Own posts' pictures at collection time: parsed from each platform's documented field, fetched
once, stored with the post, embedded in the report; a bad picture never fails the account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import respx
from sqlalchemy import Engine, func, select

from collectors.base import Collected, Target
from collectors.facebook.parse import parse_posts as facebook_posts
from collectors.http import HttpPolicy
from collectors.instagram.parse import parse_media
from collectors.records import AccountStats
from collectors.thumbnails import ThumbnailFetcher
from collectors.tiktok.parse import parse_videos
from collectors.youtube.parse import parse_videos as youtube_videos
from flows.steps.social import SocialSource
from flows.steps.sources import RunContext
from reports.render_html import render_html
from reports.tables import all_tables
from reports.weekly import build_weekly_report
from settings.model import Config
from storage.db import session_factory, transaction
from storage.models import PostThumbnail
from tests.collectors.test_thumbnails import picture, resolver

AT = datetime(2026, 11, 18, 7, 0, tzinfo=UTC)
GOOD = "https://scontent.fclo1-1.fna.fbcdn.net/v/t39.30808-6/good_n.jpg?oe=6750A1B2"
HUGE = "https://scontent.fclo1-1.fna.fbcdn.net/v/t39.30808-6/huge_n.jpg?oe=6750A1B2"
INSIDE = "http://169.254.169.254/latest/meta-data/iam"
FACEBOOK_PAGE = {
    "data": [
        {
            "id": f"123456789012345_98765432109876{n}",
            "message": f"Publicación {n}",
            "created_time": "2026-11-17T14:05:11+0000",
            "permalink_url": f"https://www.facebook.com/AlcaldiaDeCali/posts/{n}",
            "full_picture": url,
            "reactions": {
                "data": [],
                "summary": {"total_count": 100 * n, "viewer_reaction": "NONE"},
            },
            "comments": {"data": [], "summary": {"order": "ranked", "total_count": n}},
        }
        for n, url in ((1, GOOD), (2, HUGE), (3, INSIDE))
    ],
    "paging": {"cursors": {"before": "QVFIU1", "after": "QVFIU2"}},
}


@dataclass
class Recorded:
    """Facebook's collector as far as this test needs: the documented page, parsed."""

    platform: str = "facebook"

    def collect(self, target: Target, fetched_at: datetime) -> Collected:
        posts, _ = facebook_posts(FACEBOOK_PAGE, target.handle, fetched_at)
        account = AccountStats("facebook", target.handle, fetched_at, followers=612_262)
        return Collected(account=account, posts=tuple(posts))


def test_each_platform_names_its_posts_picture() -> None:
    facebook, _ = facebook_posts(FACEBOOK_PAGE, "AlcaldiaDeCali", AT)
    assert facebook[0].thumbnail_url == GOOD
    media = {
        "data": [
            {
                "id": "1",
                "media_type": "VIDEO",
                "timestamp": "2026-11-17T14:05:11+0000",
                "comments_count": 3,
                "like_count": 9,
                "permalink": "https://www.instagram.com/reel/A/",
                "media_url": "https://video.cdninstagram.com/v.mp4",
                "thumbnail_url": "https://scontent.cdninstagram.com/t.jpg",
            },
            {
                "id": "2",
                "media_type": "IMAGE",
                "timestamp": "2026-11-17T14:05:11+0000",
                "comments_count": 3,
                "like_count": 9,
                "permalink": "https://www.instagram.com/p/B/",
                "media_url": "https://scontent.cdninstagram.com/i.jpg",
            },
        ]
    }
    reel, image = parse_media(media, "alcaldiadecali", AT)[0]
    assert reel.thumbnail_url == "https://scontent.cdninstagram.com/t.jpg"  # never the video
    assert image.thumbnail_url == "https://scontent.cdninstagram.com/i.jpg"
    videos = {
        "data": {
            "videos": [
                {
                    "id": "7335",
                    "title": "t",
                    "create_time": 1763388311,
                    "share_url": "https://www.tiktok.com/@alcaldiacali/video/7335",
                    "view_count": 1,
                    "like_count": 1,
                    "comment_count": 1,
                    "share_count": 1,
                    "cover_image_url": "https://p16-sign.tiktokcdn-us.com/cover.jpeg",
                }
            ],
            "cursor": 0,
            "has_more": False,
        },
        "error": {"code": "ok", "message": "", "log_id": "x"},
    }
    [video] = parse_videos(videos, "alcaldiacali", AT)[0]
    assert video.thumbnail_url == "https://p16-sign.tiktokcdn-us.com/cover.jpeg"
    listed = {
        "items": [
            {
                "id": "caliVid1",
                "snippet": {
                    "publishedAt": "2026-11-17T14:05:11Z",
                    "title": "t",
                    "thumbnails": {
                        "default": {
                            "url": "https://i.ytimg.com/vi/caliVid1/default.jpg",
                            "width": 120,
                            "height": 90,
                        },
                        "medium": {
                            "url": "https://i.ytimg.com/vi/caliVid1/mqdefault.jpg",
                            "width": 320,
                            "height": 180,
                        },
                    },
                },
                "statistics": {"viewCount": "10", "likeCount": "2", "commentCount": "1"},
            }
        ]
    }
    [clip] = youtube_videos(listed, "AlcaldiaDeCali", AT)
    assert clip.thumbnail_url == "https://i.ytimg.com/vi/caliVid1/mqdefault.jpg"


def _night(engine: Engine, source: SocialSource, day: date) -> Collected:
    with transaction(engine) as session:
        context = RunContext(run_id=None, now=AT, day=day)  # type: ignore[arg-type]
        collected = source.collect(session, context)
        source.store(session, collected, context)
    return collected


def test_pictures_are_fetched_once_stored_and_embedded_and_bad_ones_are_skipped(
    engine: Engine,
) -> None:
    fetcher = ThumbnailFetcher(HttpPolicy(max_retries=0), resolver=resolver)
    source = SocialSource(Target("facebook", "AlcaldiaDeCali"), Recorded(), fetcher)  # type: ignore[arg-type]
    jpeg = picture("JPEG")
    with respx.mock(assert_all_called=False) as router:
        good = router.get(GOOD).respond(200, content=jpeg, headers={"content-type": "image/jpeg"})
        router.get(HUGE).respond(200, content=b"\xff\xd8\xff" + b"\0" * 400_000)
        inside = router.get(INSIDE).respond(200, content=jpeg)
        first = _night(engine, source, date(2026, 11, 17))
        second = _night(engine, source, date(2026, 11, 18))
    fetcher.close()
    assert first.counts["thumbnails"] == 1 and first.counts["thumbnails_failed"] == 2
    assert len(first.posts) == 3  # every post stored: the pictures are extras
    assert good.call_count == 1 and not inside.called  # stored once; never inside
    assert second.counts["thumbnails"] == 0
    with session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(PostThumbnail)) == 1
        stored = session.scalars(select(PostThumbnail)).one()
        assert (stored.mime, stored.data) == ("image/jpeg", jpeg)
        config = Config.model_validate({})
        report = build_weekly_report(
            session, week_start=date(2026, 11, 16), config=config, now=AT.replace(day=23)
        )
    pictured = [p for p in report.top_posts if p.thumbnail]
    assert [p.post_id for p in pictured] == ["123456789012345_987654321098761"]
    html = render_html(report, all_tables(report, "es"), "es")
    assert 'src="data:image/jpeg;base64,' in html
    assert "fbcdn" not in html.split("<body")[1].split("href=")[0]  # no CDN address is loaded
    assert 'src="http' not in html
