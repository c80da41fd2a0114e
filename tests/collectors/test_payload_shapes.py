"""A payload that changed shape fails its source loudly, on every platform, through the collectors.

Each case takes a real-shaped recorded answer, breaks one count the way a platform change
would (a word, an object, a list, a negative, a boolean, a float, null, the field gone or
renamed) and runs the platform's collector against it (respx for httpx, responses for
tweepy). The collector must raise BadPayload naming the platform, the field and what came;
before this rule, each of these was stored as an unknown count with status ok.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import responses
import respx

from collectors.base import Collected, Target
from collectors.errors import BadPayload
from collectors.facebook.client import FacebookCollector
from collectors.graph.api import GraphApi
from collectors.http import HttpPolicy, HttpSession
from collectors.instagram.client import InstagramCollector
from collectors.tiktok.client import TikTokCollector
from collectors.tiktok.parse import TokenState
from collectors.tiktok.rules import TikTokRules
from collectors.tiktok.tokens import TikTokAuth
from collectors.twitter.client import TwitterCollector, make_client
from collectors.youtube.client import QuotaMeter, YouTubeApi, YouTubeCollector
from tests.collectors.conftest import FETCHED_AT, payload

GRAPH = "https://graph.test/v25.0"
YT = "https://yt.test/youtube/v3"
TT = "https://tt.test/v2"
X = "https://api.twitter.com/2"
Path = tuple[str | int, ...]
_GONE = object()


def changed(document: Any, path: Path, value: Any) -> Any:
    """A copy of `document` with the field at `path` set to `value` (or removed: _GONE)."""
    result = copy.deepcopy(document)
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    if value is _GONE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return result


def renamed(document: Any, path: Path) -> Any:
    """The field at `path` moved to a new name, as when a platform renames a field."""
    result = changed(document, path, _GONE)
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    parent[f"{path[-1]}_v2"] = 1000
    return result


# --- one runner per platform: serve the answers (one of them broken) and collect ----------


def run_facebook(answers: dict[str, Any]) -> Collected:
    respx.get(f"{GRAPH}/123456789012345").mock(
        return_value=httpx.Response(200, json=answers["page"])
    )
    respx.get(f"{GRAPH}/123456789012345/posts").mock(
        return_value=httpx.Response(200, json=answers["posts_last_page"])
    )
    graph = GraphApi(HttpPolicy(max_retries=0), token="EAAGshape", base_url="https://graph.test")
    target = Target(platform="facebook", handle="AlcaldiaDeCali", platform_id="123456789012345")
    return FacebookCollector(graph).collect(target, FETCHED_AT)


def run_instagram(answers: dict[str, Any]) -> Collected:
    respx.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(200, json=answers["user"])
    )
    respx.get(f"{GRAPH}/17841400000000000/media").mock(
        return_value=httpx.Response(200, json=answers["media"])
    )
    respx.get(url__regex=r".*/insights").mock(
        return_value=httpx.Response(200, json=answers["insights_views"])
    )
    graph = GraphApi(HttpPolicy(max_retries=0), token="EAAGshape", base_url="https://graph.test")
    target = Target(platform="instagram", handle="alcaldiadecali", platform_id="17841400000000000")
    return InstagramCollector(graph).collect(target, FETCHED_AT)


def run_youtube(answers: dict[str, Any]) -> Collected:
    respx.get(f"{YT}/channels").mock(return_value=httpx.Response(200, json=answers["channel"]))
    respx.get(f"{YT}/playlistItems").mock(
        return_value=httpx.Response(200, json=answers["playlist_items"])
    )
    respx.get(f"{YT}/videos").mock(return_value=httpx.Response(200, json=answers["videos"]))
    api = YouTubeApi(
        HttpPolicy(max_retries=0),
        api_key="AIzaShape",
        quota=QuotaMeter(100, 0),
        base_url="https://yt.test",
    )
    target = Target(
        platform="youtube", handle="AlcaldiaDeCali", platform_id="UCxxxxxxxxxxxxxxxxxxxxxx"
    )
    return YouTubeCollector(api).collect(target, FETCHED_AT)


def run_tiktok(answers: dict[str, Any]) -> Collected:
    respx.get(f"{TT}/user/info/").mock(return_value=httpx.Response(200, json=answers["user"]))
    respx.post(f"{TT}/video/list/").mock(
        side_effect=[
            httpx.Response(200, json=answers["videos"]),
            httpx.Response(200, json=answers["videos_last"]),
        ]
    )
    session = HttpSession(
        HttpPolicy(max_retries=0), rules=TikTokRules(), base_url="https://tt.test"
    )
    state = TokenState("act.shape", None, None, None)
    auth = TikTokAuth(session, initial=state, store=None, client_key=None, client_secret=None)
    return TikTokCollector(session, auth).collect(
        Target(platform="tiktok", handle="alcaldiacali"), FETCHED_AT
    )


def run_twitter(answers: dict[str, Any]) -> Collected:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{X}/users/by/username/AlcaldiaDeCali", json=answers["user"])
        mock.get(f"{X}/users/123456789/tweets", json=answers["tweets"])
        client = make_client(HttpPolicy(max_retries=0), bearer_token="AAAAshape")
        return TwitterCollector(client).collect(
            Target(platform="twitter", handle="AlcaldiaDeCali"), FETCHED_AT
        )


@dataclass(frozen=True)
class Field:
    """One count on one platform: where it sits in which recorded answer."""

    platform: str
    answer: str  # fixture name under tests/fixtures/<platform>/
    path: Path
    shown_as: str  # how the error names the field
    run: Callable[[dict[str, Any]], Collected]
    digit_strings: bool = False  # YouTube documents its counts as decimal strings

    def answers(self) -> dict[str, Any]:
        names = {
            "facebook": ("page", "posts_last_page"),
            "instagram": ("user", "media", "insights_views"),
            "youtube": ("channel", "playlist_items", "videos"),
            "tiktok": ("user", "videos", "videos_last"),
            "twitter": ("user", "tweets_empty"),
        }[self.platform]
        found = {name: payload(self.platform, name) for name in names}
        if self.platform == "twitter":
            found["tweets"] = payload("twitter", "tweets")
        return found

    def collect_with(self, change: Callable[[Any], Any]) -> Collected:
        answers = self.answers()
        answers[self.answer] = change(answers[self.answer])
        if self.platform == "twitter":
            return self.run(answers)
        with respx.mock:
            return self.run(answers)


FIELDS = [
    # account counts
    Field("facebook", "page", ("followers_count",), "followers_count", run_facebook),
    Field("instagram", "user", ("followers_count",), "followers_count", run_instagram),
    Field("instagram", "user", ("media_count",), "media_count", run_instagram),
    Field(
        "twitter",
        "user",
        ("data", "public_metrics", "followers_count"),
        "followers_count",
        run_twitter,
    ),
    Field(
        "youtube",
        "channel",
        ("items", 0, "statistics", "subscriberCount"),
        "subscriberCount",
        run_youtube,
        digit_strings=True,
    ),
    Field(
        "youtube",
        "channel",
        ("items", 0, "statistics", "viewCount"),
        "viewCount",
        run_youtube,
        digit_strings=True,
    ),
    Field("tiktok", "user", ("data", "user", "follower_count"), "follower_count", run_tiktok),
    # post metrics
    Field(
        "facebook",
        "posts_last_page",
        ("data", 0, "reactions", "summary", "total_count"),
        "reactions.summary.total_count",
        run_facebook,
    ),
    Field("instagram", "media", ("data", 0, "comments_count"), "comments_count", run_instagram),
    Field(
        "instagram",
        "insights_views",
        ("data", 0, "values", 0, "value"),
        "value",
        run_instagram,
    ),
    Field(
        "twitter", "tweets", ("data", 0, "public_metrics", "like_count"), "like_count", run_twitter
    ),
    Field(
        "youtube",
        "videos",
        ("items", 0, "statistics", "viewCount"),
        "viewCount",
        run_youtube,
        digit_strings=True,
    ),
    Field("tiktok", "videos", ("data", "videos", 0, "view_count"), "view_count", run_tiktok),
]

BAD_VALUES = [
    ("word", "muchos", '"muchos"'),
    ("object", {}, "{}"),
    ("list", [215400], "[215400]"),
    ("negative", -3, "-3"),
    ("boolean", True, "true"),
    ("float", 12.0, "12.0"),
    ("fraction", 12.5, "12.5"),
    ("null", None, "null"),
    ("long text", "x" * 500, '"' + "x" * 38),
]


def _id(field: Field) -> str:
    return f"{field.platform}-{field.answer}-{field.shown_as}"


@pytest.mark.parametrize(("kind", "value", "shown"), BAD_VALUES, ids=[c[0] for c in BAD_VALUES])
@pytest.mark.parametrize("field", FIELDS, ids=_id)
def test_a_count_of_the_wrong_kind_fails_the_source_naming_field_and_value(
    field, kind, value, shown
):
    with pytest.raises(BadPayload) as raised:
        field.collect_with(lambda doc: changed(doc, field.path, value))
    message = str(raised.value)
    assert message.startswith(f"{field.platform}:")
    assert f"{field.shown_as}: expected a whole number >= 0, got {shown}" in message
    assert len(message) < 300  # the value is shown truncated, never a whole payload


@pytest.mark.parametrize("field", FIELDS, ids=_id)
def test_a_requested_count_that_is_missing_fails_the_source(field):
    with pytest.raises(BadPayload, match=rf"{field.platform}:.*{field.shown_as}: missing"):
        field.collect_with(lambda doc: changed(doc, field.path, _GONE))


@pytest.mark.parametrize("field", FIELDS, ids=_id)
def test_a_renamed_count_fails_the_source(field):
    with pytest.raises(BadPayload, match=rf"{field.shown_as}: missing"):
        field.collect_with(lambda doc: renamed(doc, field.path))


@pytest.mark.parametrize("field", FIELDS, ids=_id)
def test_a_digit_string_is_a_count_only_where_the_platform_documents_strings(field):
    if field.digit_strings:
        result = field.collect_with(lambda doc: changed(doc, field.path, "14800"))
        assert 14800 in {result.account.followers, result.account.views_total} | {
            p.views for p in result.posts
        }
    else:
        with pytest.raises(BadPayload, match=r'got "14800"'):
            field.collect_with(lambda doc: changed(doc, field.path, "14800"))


@pytest.mark.parametrize("text", [" 7", "7 ", "1e3", "+5", "١٢", "0x1F"])
def test_youtube_strings_must_be_plain_decimal_digits(text):
    field = FIELDS[4]
    with pytest.raises(BadPayload, match="subscriberCount: expected a whole number"):
        field.collect_with(lambda doc: changed(doc, field.path, text))


# --- what the platforms document as hidden becomes NULL, with the reason on the record ------


def test_youtube_hidden_subscribers_are_null_with_a_note():
    field = FIELDS[4]
    result = field.collect_with(
        lambda doc: changed(doc, ("items", 0, "statistics", "hiddenSubscriberCount"), True)
    )
    assert result.account.followers is None
    assert result.account.views_total == 48211000
    assert "hidden" in (result.account.note or "")


def test_youtube_hidden_flag_that_is_not_a_boolean_fails():
    field = FIELDS[4]
    with pytest.raises(
        BadPayload, match='hiddenSubscriberCount: expected true or false, got "yes"'
    ):
        field.collect_with(
            lambda doc: changed(doc, ("items", 0, "statistics", "hiddenSubscriberCount"), "yes")
        )


def test_youtube_video_with_likes_hidden_and_comments_off_is_null_with_a_note():
    result = FIELDS[4].collect_with(lambda doc: doc)
    hidden = next(p for p in result.posts if p.post_id == "aBcDeFgHiJk")
    assert (hidden.reactions, hidden.comments, hidden.views) == (None, None, 2301)
    assert hidden.note is not None
    assert "likes hidden" in hidden.note and "comments disabled" in hidden.note
    shown = next(p for p in result.posts if p.post_id == "dQw4w9WgXcQ")
    assert shown.note is None


def test_instagram_media_with_likes_hidden_is_null_with_a_note():
    result = FIELDS[1].collect_with(lambda doc: doc)
    hidden = next(p for p in result.posts if p.post_id == "18012345678901111")
    assert hidden.reactions is None and hidden.comments == 12
    assert "likes hidden" in (hidden.note or "")


def test_facebook_post_without_shares_is_a_known_zero_not_a_failure():
    result = FIELDS[0].collect_with(lambda doc: doc)
    assert [p.shares for p in result.posts] == [0]
