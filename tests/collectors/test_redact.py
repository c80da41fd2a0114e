"""What a stored answer may hold: no credential, in any of the places one hides."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from collectors.capture import capturing, keep
from collectors.redact import redact, register_secret, scrub, scrub_text

TOKEN = "EAAGmetaTOKEN/with+odd=chars"
KEY = "AIzaSyYOUTUBEkey0003"
SECRETS = (TOKEN, KEY, "rft.TIKTOKrefresh", "AAAAxBEARER")


def test_graph_paging_urls_lose_the_token_and_keep_the_cursor():
    body = json.dumps(
        {
            "data": [{"id": "1"}],
            "paging": {
                "cursors": {"after": "QVFIUafter1"},
                "next": "https://graph.facebook.com/v25.0/1/posts?access_token=EAAGleaked"
                "&fields=id&limit=25&after=QVFIUafter1",
                "previous": "https://graph.facebook.com/v25.0/1/posts?limit=25&before=QVFIb"
                "&access_token=EAAGleaked&appsecret_proof=9f86d081884c7d65",
            },
        }
    ).encode()
    paging = json.loads(scrub(body))["paging"]
    assert paging["next"] == (
        "https://graph.facebook.com/v25.0/1/posts?fields=id&limit=25&after=QVFIUafter1"
    )
    assert paging["previous"] == "https://graph.facebook.com/v25.0/1/posts?limit=25&before=QVFIb"


@pytest.mark.parametrize(
    ("body", "left"),
    [
        # JSON-escaped slashes and ampersands, as some servers write them
        (
            b'{"next":"https:\\/\\/graph.facebook.com\\/x?after=1\\u0026access_token=EAAGleak"}',
            b'{"next":"https://graph.facebook.com/x?after=1"}',
        ),
        # a URL inside another URL's query, percent-encoded
        (
            b"go=https%3A%2F%2Fg.test%2Fx%3Faccess_token%3DEAAGleak%26after%3D1&z=1",
            b"go=https%3A%2F%2Fg.test%2Fx%3Fafter%3D1&z=1",
        ),
        # HTML attribute with &amp; separators, YouTube's key
        (
            b'<a href="https://www.googleapis.com/youtube/v3/videos?key=AIzaLeak&amp;id=1">',
            b'<a href="https://www.googleapis.com/youtube/v3/videos?id=1">',
        ),
        # a form-encoded token answer (OAuth 1 style)
        (b"access_token=abc&token_type=bearer", b"token_type=bearer"),
        # an echoed header
        (b"Authorization: Bearer AAAAxyz123\n", b"Authorization: Bearer ***\n"),
        # JSON that cannot be parsed (truncated): token keys still blanked
        (b'{"refresh_token": "rft.x", "n": ', b'{"refresh_token": "***", "n": '),
    ],
)
def test_credentials_go_from_every_spelling_of_a_body(body, left):
    assert scrub(body) == left


def test_tiktok_token_answer_keeps_expiries_and_drops_both_tokens():
    body = json.dumps(
        {
            "access_token": "act.NEWaccess",
            "expires_in": 7200,
            "open_id": "-000abc123",
            "refresh_expires_in": 15552000,
            "refresh_token": "rft.NEWrefresh",
            "scope": "user.info.basic,user.info.stats,video.list",
            "token_type": "Bearer",
        }
    ).encode()
    kept = json.loads(scrub(body))
    assert kept == {
        "expires_in": 7200,
        "open_id": "-000abc123",
        "refresh_expires_in": 15552000,
        "scope": "user.info.basic,user.info.stats,video.list",
        "token_type": "Bearer",
    }


@pytest.mark.parametrize(
    "spelling",
    [TOKEN, quote(TOKEN, safe=""), TOKEN.replace("/", "\\/"), quote(KEY), "rft.TIKTOKrefresh"],
)
def test_a_known_secret_value_goes_wherever_it_sits(spelling):
    body = f'{{"echo": "request was made with {spelling} at 02:00"}}'.encode()
    text = scrub(body, SECRETS).decode()
    assert spelling not in text and "***" in text


def test_answers_without_credentials_keep_their_exact_bytes():
    body = b'{ "data" : [ {"id": "1", "caption": "\\u00bfQu\\u00e9 pasa? Cali"} ] }'
    assert scrub(body, SECRETS) == body
    assert scrub(b"\xff\xfe\x00binary", SECRETS) == b"\xff\xfe\x00binary"


@pytest.mark.parametrize(
    "text",
    [
        "https://x.test/a?pagination_token=abc&next_token=5",  # X cursors are not credentials
        "monkey=1&keyword=cali&tokens=3",
        "¿Cómo va la obra? Bien",
    ],
)
def test_names_that_merely_contain_a_credential_word_are_left_alone(text):
    assert scrub_text(text) == text


def test_scrubbing_twice_changes_nothing_more():
    body = b'{"paging":{"next":"https://g.test/x?access_token=a&appsecret_proof=b&after=1"}}'
    once = scrub(body, SECRETS)
    assert scrub(once, SECRETS) == once
    assert json.loads(once)["paging"]["next"] == "https://g.test/x?after=1"


def test_messages_keep_the_parameter_name_and_lose_the_value():
    register_secret("EAAGmessageTOKEN")
    text = redact(
        "GET https://g.test/x?access_token%3DEAAGmessageTOKEN and key=AIzaOther and "
        f"{quote('EAAGmessageTOKEN')}"
    )
    assert "EAAGmessageTOKEN" not in text and "AIzaOther" not in text
    assert "key=***" in text


def test_captured_answers_are_scrubbed_before_they_are_kept():
    register_secret("EAAGcaptureTOKEN")
    body = b'{"paging":{"next":"https://g.test/x?access_token=EAAGcaptureTOKEN&after=1"}}'
    with capturing() as answers:
        keep("GET", "/v25.0/1/posts", [("access_token", "EAAGcaptureTOKEN")], 200, None, body)
    assert answers[0].request_key == "GET /v25.0/1/posts"
    assert b"EAAGcaptureTOKEN" not in answers[0].body
    assert b"access_token" not in answers[0].body


def test_a_caption_cut_mid_emoji_does_not_break_scrubbing():
    # Graph sometimes truncates a message inside a surrogate pair: valid JSON, odd text.
    body = b'{"message":"Feria \\ud83c","paging":{"next":"https://g.test/x?access_token=t&a=1"}}'
    kept = json.loads(scrub(body))
    assert kept == {"message": "Feria \ud83c", "paging": {"next": "https://g.test/x?a=1"}}
