"""The demo's platform answers, shaped like the platforms' documented payloads.

Generated for the day the demo runs (post dates relative to `now`), written as recordings in
collectors/replay.py's layout so the real clients read them through the replay transport.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

PAGE_ID = "108222965879034"
IG_ID = "17841401234567890"
X_ID = "126541930"
YT_CHANNEL = "UCp3nHIMbaMkVuCwrdg3Vb4g"
YT_UPLOADS = "UUp3nHIMbaMkVuCwrdg3Vb4g"
TIKTOK_OPEN_ID = "-000cali4e6d0"

# Followers on the day the demo runs: where the bundled history (followers.py) ends.
TODAY = {
    "facebook": 612_480,
    "instagram": 298_750,
    "twitter": 301_240,
    "youtube": 21_300,
    "tiktok": 58_420,
}

# Peers for the report's benchmark table (own = false): X gives public counts only (its post
# reads are paid and not switched on); Instagram gives counts and media (Business Discovery).
PEER_X = {"handle": "AlcaldiadeMed", "id": "151543210", "name": "Alcaldía de Medellín"}
PEER_IG = {"handle": "alcaldiabogota", "id": "17841400987654321", "name": "Alcaldía de Bogotá"}
PEER_TODAY = {
    ("twitter", "AlcaldiadeMed"): 1_452_300,
    ("instagram", "alcaldiabogota"): 1_947_600,
}

# The campaign's post ("vacunación") is 8 days old on Facebook and 5 on Instagram, so on any
# weekday one of them is in the last complete week with a night after it: the weekly report
# shows the campaign's reach.
TOPICS = (
    "Así avanza la recuperación del río Cali",
    "Cierres viales por la Feria de Cali: consulta las rutas",
    "Jornada de vacunación en las 22 comunas",
    "La Alcaldía de Cali entregó 300 bicicletas a estudiantes",
    "Pico y placa esta semana en Santiago de Cali",
    "Nuevo parque en el barrio El Ingenio abre sus puertas",
)


@dataclass(frozen=True, slots=True)
class DemoPost:
    days_ago: int
    topic: str
    reactions: int
    comments: int
    shares: int
    views: int


def demo_posts(platform_index: int) -> list[DemoPost]:
    """Four posts over the last two weeks, numbers varied per platform but fixed."""
    base = 1 + platform_index
    return [
        DemoPost(
            days_ago,
            TOPICS[(i + platform_index) % len(TOPICS)],
            reactions=820 * base + 137 * i,
            comments=64 * base + 11 * i,
            shares=45 * base + 7 * i,
            views=18_000 * base + 2_500 * i,
        )
        for i, days_ago in enumerate((2, 5, 8, 11))
    ]


@dataclass(frozen=True, slots=True)
class Night:
    """An earlier night the demo replays (its collection moment, and each account's followers
    that day: `platform` for the own accounts, `platform:handle` for peers)."""

    at: datetime
    followers: Mapping[str, int]
    # A backfill (`pulso backfill posts --since`) asked back to this instant: the platforms
    # answer with the posts from before the demo's own (history_posts) too.
    history_since: datetime | None = None


def moment(now: datetime, night: Night | None) -> datetime:
    """When the recorded night collects: tonight (`now`) or an earlier night."""
    return night.at if night is not None else now


def followers(key: str, night: Night | None, today: int) -> int:
    return night.followers[key] if night is not None else today


def grown(final: int, published: datetime, now: datetime, night: Night | None) -> int:
    """A lifetime count as an earlier night read it: growing with the post's age up to
    `final`, tonight's figure (so every night's snapshot is consistent with tonight's)."""
    if night is None or night.at >= now:
        return final
    return round(final * (night.at - published) / (now - published))


def seen(platform_index: int, now: datetime, night: Night | None) -> list[tuple[int, DemoPost]]:
    """The posts of `demo_posts` published before the night (numbered as there), with the
    counts they had then."""
    found = []
    posts = demo_posts(platform_index)
    if night is not None and night.history_since is not None:
        posts += history_posts(platform_index, now, night.history_since)
    for i, post in enumerate(posts):
        published = at(now, post)
        if published >= moment(now, night):
            continue
        counts = {
            name: grown(getattr(post, name), published, now, night)
            for name in ("reactions", "comments", "shares", "views")
        }
        found.append((i, DemoPost(post.days_ago, post.topic, **counts)))
    return found


def history_posts(platform_index: int, now: datetime, since: datetime) -> list[DemoPost]:
    """Posts from before Pulso: every five days from two weeks before `now` back to `since`,
    older ones with larger (settled) counts."""
    base = 1 + platform_index
    oldest = (now - since).days - 1
    return [
        DemoPost(
            days_ago,
            TOPICS[(k + platform_index + 3) % len(TOPICS)],
            reactions=640 * base + 53 * k,
            comments=41 * base + 5 * k,
            shares=30 * base + 3 * k,
            views=15_000 * base + 1_100 * k,
        )
        for k, days_ago in enumerate(range(14, oldest + 1, 5))
    ]


def recording(
    method: str, path: str, query: dict[str, str], body: Any, **extra: Any
) -> dict[str, Any]:
    request: dict[str, Any] = {"method": method, "path": path, "query": query}
    if "request_json" in extra:
        request["json"] = extra["request_json"]
    return {"request": request, "response": {"status": 200, "json": body}}


def at(now: datetime, post: DemoPost) -> datetime:
    return (now - timedelta(days=post.days_ago)).replace(
        hour=15, minute=30, second=0, microsecond=0
    )


def graph_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def facebook_picture(i: int) -> str:
    return f"https://scontent.demo.fbcdn.net/v/t39.30808-6/{PAGE_ID}_{9000 + i}_n.png"


def tiktok_picture(i: int) -> str:
    return f"https://p16-sign.tiktokcdn-us.com/obj/demo-cover-{i:02d}.png"


def youtube_picture(video_id: str, size: str = "mqdefault") -> str:
    return f"https://i.ytimg.com/vi/{video_id}/{size}.jpg"


def picture_urls() -> list[str]:
    """What the demo's posts name as their pictures (pulso/demo/pictures.py serves them; the
    YouTube ones are PNGs under a .jpg name: Pulso trusts the bytes, not the name)."""
    count = len(demo_posts(0))
    return (
        [facebook_picture(i) for i in range(count)]
        + [tiktok_picture(i) for i in range(count)]
        + [youtube_picture(f"caliVid{i:04d}") for i in range(count)]
    )


ZONE = ZoneInfo("America/Bogota")
LIVE_ID = "1245678901234567"
LIVE_VIDEO_ID = "1098765432109876"
# Yesterday's figures, as the night reads them (reach < views: people seen more than once).
DAY_INSIGHTS = {
    "facebook": {
        "page_media_view": 1_284_310,
        "page_total_media_view_unique": 402_118,
        "page_post_engagements": 38_240,
        "page_follows": TODAY["facebook"],
    },
    "instagram": {
        "reach": 187_430,
        "views": 652_900,
        "total_interactions": 21_870,
        "accounts_engaged": 14_215,
    },
}


def measured_day(now: datetime) -> date:
    """The day the night's account insights measure: yesterday in Cali."""
    return (now.astimezone(ZONE) - timedelta(days=1)).date()


def day_insight(platform: str, metric: str, day: date, now: datetime) -> int:
    """`DAY_INSIGHTS` for the day before tonight; earlier days vary around it (fixed)."""
    before = (measured_day(now) - day).days
    return DAY_INSIGHTS[platform][metric] * (100 - 6 * (3 * before % 7)) // 100


def insight(name: str, owner: str, period: str, **value: Any) -> dict[str, Any]:
    return {
        "name": name,
        "period": period,
        **value,
        "title": name.replace("_", " ").capitalize(),
        "description": f"{name} ({period})",
        "id": f"{owner}/insights/{name}/{period}",
    }


def facebook_insights(
    now: datetime, version: str, night: Night | None = None
) -> list[dict[str, Any]]:
    from collectors.metrics import DEFAULT_METRICS

    day = measured_day(moment(now, night))
    end_time = f"{(day + timedelta(days=1)).isoformat()}T08:00:00+0000"
    metrics = DEFAULT_METRICS["facebook_page"]
    body = {
        "data": [
            insight(
                m,
                PAGE_ID,
                "day",
                values=[{"value": facebook_day_value(m, day, now, night), "end_time": end_time}],
            )
            for m in metrics
        ],
        "paging": {
            "previous": f"https://graph.facebook.com/{version}/{PAGE_ID}/insights?metric="
            f"{','.join(metrics)}&period=day&since={(day - timedelta(days=1)).isoformat()}",
            "next": f"https://graph.facebook.com/{version}/{PAGE_ID}/insights?metric="
            f"{','.join(metrics)}&period=day&since={(day + timedelta(days=1)).isoformat()}",
        },
    }
    query = {
        "metric": ",".join(metrics),
        "period": "day",
        "since": day.isoformat(),
        "until": (day + timedelta(days=1)).isoformat(),
    }
    lives = facebook_lives(now, version, night)
    started = live_started(now)
    views = grown(LIVE_TOTAL_VIEWS, started, now, night)
    video_metrics = DEFAULT_METRICS["facebook_video"]
    video = {
        "data": [
            insight(m, LIVE_VIDEO_ID, "lifetime", values=[{"value": views}]) for m in video_metrics
        ]
    }
    video_query = {"metric": ",".join(video_metrics)}
    return [
        recording("GET", f"/{version}/{PAGE_ID}/insights", query, body),
        *lives,
        *(
            [recording("GET", f"/{version}/{LIVE_VIDEO_ID}/insights", video_query, video)]
            if moment(now, night) > started
            else []
        ),
    ]


def facebook_day_value(metric: str, day: date, now: datetime, night: Night | None) -> int:
    if metric == "page_follows":
        return followers("facebook", night, TODAY["facebook"])
    return day_insight("facebook", metric, day, now)


LIVE_TITLE = "Rendición de cuentas 2026: Alcaldía de Santiago de Cali"
LIVE_TOTAL_VIEWS = 48_730
LIVE_LENGTH_S = 7_384.52
OLD_LIVE_ID = "1245678901230000"


def live_started(now: datetime) -> datetime:
    """The accountability broadcast: Thursday 18:00 in Cali of the last complete week, so
    the weekly report the demo writes has it."""
    from reports.week import last_complete_week

    thursday = last_complete_week(now, ZONE).start + timedelta(days=3)
    return datetime.combine(thursday, time(18), ZONE)


def live_item(live_id: str, title: str, started: datetime, video: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": live_id,
        "title": title,
        "status": "VOD",
        "creation_time": graph_time(started - timedelta(minutes=20)),
        "broadcast_start_time": graph_time(started),
        "live_views": 0,
        "video": video,
    }


def facebook_lives(now: datetime, version: str, night: Night | None) -> list[dict[str, Any]]:
    """Two pages of `live_videos`: this report's broadcast, then an older one (past
    `live_days`, so its views are not asked), each listed once it has been created."""
    from collectors.facebook import parse

    started = live_started(now)
    old = started - timedelta(days=41)
    first = [
        live_item(LIVE_ID, LIVE_TITLE, started, {"id": LIVE_VIDEO_ID, "length": LIVE_LENGTH_S})
    ]
    second = [
        live_item(
            OLD_LIVE_ID,
            "Consejo de gobierno abierto",
            old,
            {"id": "1098765432100000", "length": 3_600},
        )
    ]
    seen_by = moment(now, night)
    first = [item for item in first if item["creation_time"] < graph_time(seen_by)]
    query = {"fields": parse.LIVE_FIELDS, "limit": "25"}
    edge = f"/{version}/{PAGE_ID}/live_videos"
    after = "QVFIUlold"
    page_one = {
        "data": first,
        "paging": {
            "cursors": {"before": "QVFIUlive", "after": after},
            "next": f"https://graph.facebook.com{edge}?limit=25&after={after}",
        },
    }
    page_two = {"data": second, "paging": {"cursors": {"before": after, "after": "QVFIUlend"}}}
    return [
        recording("GET", edge, query, page_one),
        recording("GET", edge, {**query, "after": after}, page_two),
    ]


def facebook(now: datetime, version: str, night: Night | None = None) -> list[dict[str, Any]]:
    page = {
        "id": PAGE_ID,
        "name": "Alcaldía de Santiago de Cali",
        "followers_count": followers("facebook", night, TODAY["facebook"]),
        "fan_count": 571_200,
    }
    posts = [
        {
            "id": f"{PAGE_ID}_{9000 + i}",
            "message": p.topic,
            "created_time": graph_time(at(now, p)),
            "permalink_url": f"https://www.facebook.com/AlcaldiaDeCali/posts/{9000 + i}",
            "full_picture": facebook_picture(i),
            "shares": {"count": p.shares},
            "reactions": {
                "data": [],
                "summary": {"total_count": p.reactions, "viewer_reaction": "NONE"},
            },
            "comments": {
                "data": [],
                "summary": {"order": "ranked", "total_count": p.comments, "can_comment": True},
            },
            "insights": {
                "data": [
                    insight(
                        "post_media_view",
                        f"{PAGE_ID}_{9000 + i}",
                        "lifetime",
                        values=[{"value": p.views}],
                    ),
                    insight(
                        "post_total_media_view_unique",
                        f"{PAGE_ID}_{9000 + i}",
                        "lifetime",
                        values=[{"value": p.views * 2 // 3}],
                    ),
                ]
            },
        }
        for i, p in seen(0, now, night)
    ]
    return [
        recording(
            "GET", f"/{version}/{PAGE_ID}", {"fields": "id,name,followers_count,fan_count"}, page
        ),
        *facebook_posts(version, posts, night.history_since if night else None),
        *facebook_insights(now, version, night),
    ]


def facebook_posts(
    version: str, posts: list[dict[str, Any]], since: datetime | None = None
) -> list[dict[str, Any]]:
    from collectors.facebook import parse
    from collectors.metrics import DEFAULT_METRICS

    metrics = ",".join(DEFAULT_METRICS["facebook_post"])
    # A backfill asks the Graph API to filter by date itself (`since`, Unix seconds).
    bound = {"since": str(int(since.timestamp()))} if since is not None else {}
    query = {"fields": f"{parse.POST_FIELDS},insights.metric({metrics})", "limit": "25", **bound}
    body = {"data": posts, "paging": {"cursors": {"before": "QVFIUbefore", "after": "QVFIUafter"}}}
    # Without `[insights]` the same posts come without their insights.
    plain = [{k: v for k, v in post.items() if k != "insights"} for post in posts]
    return [
        recording("GET", f"/{version}/{PAGE_ID}/posts", query, body),
        recording(
            "GET",
            f"/{version}/{PAGE_ID}/posts",
            {"fields": parse.POST_FIELDS, "limit": "25", **bound},
            {**body, "data": plain},
        ),
    ]


def instagram(now: datetime, version: str, night: Night | None = None) -> list[dict[str, Any]]:
    from collectors.instagram import parse
    from collectors.metrics import DEFAULT_METRICS

    user = {
        "id": IG_ID,
        "username": "alcaldiadecali",
        "name": "Alcaldía de Cali",
        "followers_count": followers("instagram", night, TODAY["instagram"]),
        "follows_count": 412,
        "media_count": 5_230,
    }
    media: list[dict[str, Any]] = []
    for i, p in seen(1, now, night):
        media_id = f"1801234567890{i:04d}"
        media.append(
            {
                "id": media_id,
                "caption": p.topic,
                "media_type": "VIDEO",
                "media_product_type": "REELS",
                "timestamp": graph_time(at(now, p)),
                "permalink": f"https://www.instagram.com/reel/Cali{i}/",
                "like_count": p.reactions,
                "comments_count": p.comments,
            }
        )
        media[-1]["insights"] = {
            "data": [
                insight(m, media_id, "lifetime", values=[{"value": media_value(m, p)}])
                for m in DEFAULT_METRICS["instagram_media"]
            ]
        }
    page = {"data": media, "paging": {"cursors": {"before": "QVFIbefore", "after": "QVFIafter"}}}
    day = measured_day(moment(now, night))
    since = int(datetime.combine(day, time(), ZONE).timestamp())
    account_metrics = DEFAULT_METRICS["instagram_account"]
    account_insights = {
        "data": [
            insight(m, IG_ID, "day", total_value={"value": day_insight("instagram", m, day, now)})
            for m in account_metrics
        ]
    }
    media_metrics = ",".join(DEFAULT_METRICS["instagram_media"])
    # Without `[insights]`: the media alone, then one views request per media.
    plain = {**page, "data": [{k: v for k, v in m.items() if k != "insights"} for m in media]}
    views_one_by_one = [
        recording(
            "GET",
            f"/{version}/{m['id']}/insights",
            {"metric": parse.VIEWS_METRIC},
            {"data": [d for d in m["insights"]["data"] if d["name"] == "views"]},
        )
        for m in media
    ]
    return [
        recording("GET", f"/{version}/{IG_ID}", {"fields": parse.USER_FIELDS}, user),
        recording(
            "GET",
            f"/{version}/{IG_ID}/insights",
            {
                "metric": ",".join(account_metrics),
                "period": "day",
                "metric_type": "total_value",
                "since": str(since),
                "until": str(since + 86_400),
            },
            account_insights,
        ),
        recording(
            "GET",
            f"/{version}/{IG_ID}/media",
            {"fields": f"{parse.MEDIA_FIELDS},insights.metric({media_metrics})", "limit": "25"},
            page,
        ),
        recording(
            "GET", f"/{version}/{IG_ID}/media", {"fields": parse.MEDIA_FIELDS, "limit": "25"}, plain
        ),
        *views_one_by_one,
    ]


def instagram_peer(now: datetime, version: str, night: Night | None = None) -> list[dict[str, Any]]:
    """The Instagram peer through Business Discovery on the office's account: counts and its
    newest media in one answer (those published by the night); one media with its likes hidden
    (no `like_count`)."""
    from collectors.instagram import parse

    media = []
    for i, (days_ago, caption, likes, comments) in enumerate(
        [
            (1, "Así avanza la primera línea del metro de Bogotá", 14_820, 611),
            (3, "Ciclovía extendida este domingo", None, 188),
            (6, "Bogotá celebra la semana de la bicicleta", 9_340, 402),
            (9, "Rendición de cuentas de la Alcaldía Mayor", 6_105, 977),
        ]
    ):
        published = at(now, DemoPost(days_ago, caption, 0, 0, 0, 0))
        if published >= moment(now, night):
            continue
        item = {
            "id": f"1799876543210{i:04d}",
            "caption": caption,
            "timestamp": graph_time(published),
            "permalink": f"https://www.instagram.com/p/Bog{i}/",
            "media_type": "IMAGE",
            "media_product_type": "FEED",
            "like_count": likes,
            "comments_count": comments,
        }
        media.append({k: v for k, v in item.items() if v is not None})
    answer = {
        "business_discovery": {
            "username": PEER_IG["handle"],
            "name": PEER_IG["name"],
            "followers_count": followers(
                f"instagram:{PEER_IG['handle']}",
                night,
                PEER_TODAY[("instagram", PEER_IG["handle"])],
            ),
            "follows_count": 388,
            "media_count": 9_870,
            "media": {
                "data": media,
                "paging": {"cursors": {"before": "QVFIbog", "after": "QVFIbog"}},
            },
            "id": PEER_IG["id"],
        },
        "id": IG_ID,
    }
    fields = parse.discovery_fields(PEER_IG["handle"], media_limit=25)
    return [recording("GET", f"/{version}/{IG_ID}", {"fields": fields}, answer)]


def media_value(metric: str, post: DemoPost) -> int:
    """An Instagram media's lifetime metric, consistent with its demo counts."""
    return {
        "views": post.views,
        "reach": post.views * 3 // 5,
        "saved": post.shares // 2,
        "shares": post.shares,
        "total_interactions": post.reactions + post.comments + post.shares,
    }.get(metric, 0)


def x_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def twitter(now: datetime, night: Night | None = None) -> list[dict[str, Any]]:
    user = {
        "data": {
            "id": X_ID,
            "name": "Alcaldía de Cali",
            "username": "AlcaldiaDeCali",
            "public_metrics": {
                "followers_count": followers("twitter", night, TODAY["twitter"]),
                "following_count": 1_203,
                "tweet_count": 48_211,
                "listed_count": 1_450,
            },
        }
    }
    posts = [p for _, p in seen(2, now, night)]
    ids = tweet_ids(posts)
    tweets = [
        {
            "id": tweet_id,
            "text": p.topic,
            "created_at": x_time(at(now, p)),
            "edit_history_tweet_ids": [tweet_id],
            "public_metrics": {
                "retweet_count": p.shares,
                "reply_count": p.comments,
                "like_count": p.reactions,
                "quote_count": 5,
                "bookmark_count": 9,
                "impression_count": p.views,
            },
        }
        for tweet_id, p in zip(ids, posts, strict=True)
    ]
    query = {
        "tweet.fields": "created_at,public_metrics",
        "exclude": "retweets,replies",
        "max_results": "100",
    }
    if night is not None and night.history_since is not None:  # a backfill's bound
        query["start_time"] = night.history_since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [
        recording(
            "GET", "/2/users/by/username/AlcaldiaDeCali", {"user.fields": "public_metrics"}, user
        ),
        recording("GET", f"/2/users/{X_ID}/tweets", query, tweets_page(tweets)),
        # A later night asks only for what is newer than the newest post it stored.
        *(
            recording(
                "GET",
                f"/2/users/{X_ID}/tweets",
                {**query, "since_id": since},
                tweets_page([t for t in tweets if int(str(t["id"])) > int(since)]),
            )
            for since in tweet_ids(demo_posts(2))
        ),
        recording(
            "GET",
            f"/2/users/by/username/{PEER_X['handle']}",
            {"user.fields": "public_metrics"},
            peer_user(night),
        ),
    ]


def tweet_ids(posts: list[DemoPost]) -> list[str]:
    # Equal-length ids: newer posts have larger ids, as X's snowflake ids do.
    return [str(1_990_000_000_000_000_000 + 1_000 * (20 - p.days_ago)) for p in posts]


def tweets_page(tweets: list[dict[str, Any]]) -> dict[str, Any]:
    if not tweets:
        return {"meta": {"result_count": 0}}
    ids = [t["id"] for t in tweets]
    meta = {"result_count": len(tweets), "newest_id": max(ids), "oldest_id": min(ids)}
    return {"data": tweets, "meta": meta}


def peer_user(night: Night | None = None) -> dict[str, Any]:
    return {
        "data": {
            "id": PEER_X["id"],
            "name": PEER_X["name"],
            "username": PEER_X["handle"],
            "public_metrics": {
                "followers_count": followers(
                    f"twitter:{PEER_X['handle']}", night, PEER_TODAY[("twitter", PEER_X["handle"])]
                ),
                "following_count": 842,
                "tweet_count": 61_530,
                "listed_count": 2_210,
            },
        }
    }


def youtube(now: datetime, night: Night | None = None) -> list[dict[str, Any]]:
    channel = {
        "kind": "youtube#channelListResponse",
        "etag": "demo",
        "pageInfo": {"totalResults": 1, "resultsPerPage": 5},
        "items": [
            {
                "kind": "youtube#channel",
                "etag": "demo",
                "id": YT_CHANNEL,
                "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": YT_UPLOADS}},
                "statistics": {
                    "viewCount": "4821100",
                    "subscriberCount": str(followers("youtube", night, TODAY["youtube"])),
                    "hiddenSubscriberCount": False,
                    "videoCount": "1210",
                },
            }
        ],
    }
    videos = [(f"caliVid{i:04d}", p) for i, p in seen(3, now, night)]
    items = {
        "kind": "youtube#playlistItemListResponse",
        "etag": "demo",
        "pageInfo": {"totalResults": len(videos), "resultsPerPage": 50},
        "items": [
            {
                "kind": "youtube#playlistItem",
                "etag": "demo",
                "id": f"pl{vid}",
                "contentDetails": {"videoId": vid, "videoPublishedAt": x_time(at(now, p))},
            }
            for vid, p in videos
        ],
    }
    stats = {
        "kind": "youtube#videoListResponse",
        "etag": "demo",
        "pageInfo": {"totalResults": len(videos), "resultsPerPage": len(videos)},
        "items": [
            {
                "kind": "youtube#video",
                "etag": "demo",
                "id": vid,
                "snippet": {
                    "publishedAt": x_time(at(now, p)),
                    "channelId": YT_CHANNEL,
                    "title": p.topic,
                    "thumbnails": {
                        "default": {
                            "url": youtube_picture(vid, "default"),
                            "width": 120,
                            "height": 90,
                        },
                        "medium": {"url": youtube_picture(vid), "width": 320, "height": 180},
                    },
                },
                "statistics": {
                    "viewCount": str(p.views),
                    "likeCount": str(p.reactions),
                    "favoriteCount": "0",
                    "commentCount": str(p.comments),
                },
            }
            for vid, p in videos
        ],
    }
    return [
        recording(
            "GET",
            "/youtube/v3/channels",
            {"part": "statistics,contentDetails", "id": YT_CHANNEL},
            channel,
        ),
        recording(
            "GET",
            "/youtube/v3/playlistItems",
            {"part": "contentDetails", "playlistId": YT_UPLOADS, "maxResults": "50"},
            items,
        ),
        recording(
            "GET",
            "/youtube/v3/videos",
            {"part": "statistics,snippet", "id": ",".join(v for v, _ in videos)},
            stats,
        ),
    ]


def tiktok(now: datetime, night: Night | None = None) -> list[dict[str, Any]]:
    from collectors.tiktok import parse

    ok = {"code": "ok", "message": "", "log_id": "20261121020000DEMO"}
    user = {
        "data": {
            "user": {
                "open_id": TIKTOK_OPEN_ID,
                "display_name": "Alcaldía de Cali",
                "follower_count": followers("tiktok", night, TODAY["tiktok"]),
                "following_count": 58,
                "likes_count": 1_120_455,
                "video_count": 412,
            }
        },
        "error": ok,
    }
    videos = [
        {
            "id": f"73351234567890{i:05d}",
            "title": p.topic,
            "create_time": int(at(now, p).timestamp()),
            "share_url": f"https://www.tiktok.com/@alcaldiadecali/video/73351234567890{i:05d}",
            "view_count": p.views,
            "like_count": p.reactions,
            "comment_count": p.comments,
            "share_count": p.shares,
            "cover_image_url": tiktok_picture(i),
        }
        for i, p in seen(4, now, night)
    ]
    page = {"data": {"videos": videos, "cursor": 0, "has_more": False}, "error": ok}
    return [
        recording("GET", "/v2/user/info/", {"fields": parse.USER_FIELDS}, user),
        recording("POST", "/v2/video/list/", {"fields": parse.VIDEO_FIELDS}, page),
    ]


def write(directory: Path, name: str, recordings: Iterable[dict[str, Any]]) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for count, item in enumerate(recordings, start=1):
        path = directory / f"{name}-{count:02d}.json"
        path.write_text(json.dumps(item, ensure_ascii=False, indent=1), encoding="utf-8")
    return count
