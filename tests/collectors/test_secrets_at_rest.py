"""No credential rests anywhere Pulso writes, after real collections of every platform.

The office runs two nights through `pulso collect`: one where everything answers (Graph's
paging URLs carry the token, TikTok refreshes and hands out new tokens) and one where every
platform fails (500, 401, 429). Then the weekly report is written. Every secret, and every
token obtained at run time, is searched for in the database (SQL dump and the raw bytes of
its files), the data directory, the report, the logs at DEBUG and the terminal output. The
only place a token may rest is the owner-only TikTok token file, which exists to keep it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import stat
from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
import pytest
import responses
import respx

from collectors.graph.api import appsecret_proof
from pulso.cli import context
from pulso.cli.app import main
from tests.collectors import scenario
from tests.collectors.conftest import payload

META = scenario.SECRETS["PULSO_META_ACCESS_TOKEN"]
MORE_SECRETS = {
    "PULSO_META_APP_ID": "1234567890",
    "PULSO_META_APP_SECRET": "metaAPPsecret0005",
    "PULSO_TIKTOK_REFRESH_TOKEN": "rft.TIKTOKrefresh0006",
    "PULSO_TIKTOK_CLIENT_KEY": "awTIKTOKclientkey",
    "PULSO_TIKTOK_CLIENT_SECRET": "TIKTOKclientSECRET0007",
}
# What TikTok's token endpoint hands out during the night: secrets nobody configured.
NEW_ACCESS, NEW_REFRESH = "act.NEWaccessFROMrefresh0008", "rft.NEWrefreshROTATED0009"
PROOF = appsecret_proof(META, MORE_SECRETS["PULSO_META_APP_SECRET"])
EVERY_SECRET = [
    *scenario.SECRETS.values(),
    MORE_SECRETS["PULSO_META_APP_SECRET"],
    MORE_SECRETS["PULSO_TIKTOK_REFRESH_TOKEN"],
    MORE_SECRETS["PULSO_TIKTOK_CLIENT_SECRET"],
    PROOF,
    NEW_ACCESS,
    NEW_REFRESH,
]
GRAPH, YOUTUBE, TIKTOK, X = scenario.GRAPH, scenario.YOUTUBE, scenario.TIKTOK, scenario.X


def graph_url(path: str, query: str) -> str:
    return f"{GRAPH}/{path}?{query}"


def as_json(document: dict, *, escape_slashes: bool = False) -> httpx.Response:
    text = json.dumps(document)
    if escape_slashes:  # how PHP-style servers (and some Graph edges) write URLs
        text = text.replace("/", "\\/")
    return httpx.Response(200, content=text.encode(), headers={"content-type": "application/json"})


def facebook_pages() -> list[httpx.Response]:
    first = payload("facebook", "posts")
    first["paging"]["next"] = graph_url(
        "123456789012345/posts",
        f"access_token={META}&appsecret_proof={PROOF}&limit=25&after=QVFIUafter1",
    )
    last = payload("facebook", "posts_last_page")
    last["paging"]["previous"] = graph_url(
        "123456789012345/posts", f"limit=25&before=QVFIUbefore2&access_token={quote(META)}"
    )
    return [as_json(first), as_json(last, escape_slashes=True)]


def instagram_media() -> httpx.Response:
    media = payload("instagram", "media")
    media["paging"]["next"] = graph_url(
        "17841400000000000/media", f"after=QVFIafter&access_token={META}"
    )
    media["paging"]["previous"] = graph_url(
        "17841400000000000/media", f"access_token={META}&before=QVFIbefore"
    )
    return as_json(media, escape_slashes=True)


def night_that_works(router: respx.MockRouter, x: responses.RequestsMock) -> None:
    router.get(f"{GRAPH}/123456789012345").mock(return_value=as_json(payload("facebook", "page")))
    router.get(f"{GRAPH}/123456789012345/posts").mock(side_effect=facebook_pages())
    router.get(f"{GRAPH}/17841400000000000").mock(
        return_value=as_json(payload("instagram", "user"))
    )
    router.get(f"{GRAPH}/17841400000000000/media").mock(return_value=instagram_media())
    router.get(f"{GRAPH}/18012345678901234/insights").mock(
        return_value=as_json(payload("instagram", "insights_views"))
    )
    router.get(f"{GRAPH}/18012345678901111/insights").mock(
        return_value=httpx.Response(400, json=payload("instagram", "insights_not_enough_viewers"))
    )
    router.get(f"{YOUTUBE}/channels").mock(
        side_effect=[httpx.Response(500), as_json(payload("youtube", "channel"))]
    )
    router.get(f"{YOUTUBE}/playlistItems").mock(
        return_value=as_json(payload("youtube", "playlist_items"))
    )
    router.get(f"{YOUTUBE}/videos").mock(return_value=as_json(payload("youtube", "videos")))
    token = payload("tiktok", "token") | {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH}
    router.post(f"{TIKTOK}/oauth/token/").mock(return_value=as_json(token))
    scenario.tiktok_ok(router)
    scenario.x_ok(x)


def night_that_fails(router: respx.MockRouter, x: responses.RequestsMock) -> None:
    # A broken proxy page that echoes the request, token included.
    echo = f"<h1>502</h1><p>{graph_url('123456789012345', f'access_token={META}')}</p>"
    router.get(f"{GRAPH}/123456789012345").mock(return_value=httpx.Response(500, text=echo))
    router.get(f"{GRAPH}/17841400000000000").mock(
        return_value=httpx.Response(400, json=payload("facebook", "token_expired"))
    )
    router.get(f"{YOUTUBE}/channels").mock(
        return_value=httpx.Response(429, json={"error": {"code": 429, "message": "slow down"}})
    )
    router.get(f"{TIKTOK}/user/info/").mock(
        return_value=httpx.Response(429, json=payload("tiktok", "rate_limited"))
    )
    x.get(f"{X}/users/by/username/AlcaldiaDeCali", status=401, json={"title": "Unauthorized"})


@pytest.fixture
def office(monkeypatch, tmp_path):
    scenario.configure(monkeypatch, tmp_path)
    for name, value in MORE_SECRETS.items():
        monkeypatch.setenv(name, value)
    context.reset()
    yield tmp_path
    context.reset()


def spellings(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), json.dumps(secret)[1:-1].replace("/", "\\/")}


def files_under(root: Path, *, except_: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p != except_}


def test_no_secret_rests_in_database_files_report_or_logs_after_two_nights(office, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    with respx.mock() as router, responses.RequestsMock() as x:
        night_that_works(router, x)
        assert main(["collect"]) == 0
    with respx.mock() as router, responses.RequestsMock() as x:
        night_that_fails(router, x)
        assert main(["collect"]) == 3
    today = datetime.now(ZoneInfo("America/Bogota")).date().isoformat()
    assert main(["report", "weekly", "--end", today, "--out", str(office / "report")]) == 0

    database = sqlite3.connect(office / "pulso.db")
    dump = "\n".join(database.iterdump())
    raw_rows = database.execute("SELECT request_key, body FROM raw_payloads").fetchall()
    reasons = [r for (r,) in database.execute("SELECT reason FROM source_results") if r]
    database.close()
    token_file = office / "data" / "tiktok-token.json"
    written = files_under(office, except_=token_file)
    out, err = capsys.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records) + caplog.text

    # The nights really happened: answers kept, paging followed, failures recorded.
    assert any(b"QVFIUafter1" in body for _, body in raw_rows)
    assert any(b"expires_in" in body for _, body in raw_rows)  # the token answer, kept clean
    assert len(reasons) == 5 and any("PULSO_META_ACCESS_TOKEN" in r for r in reasons)
    assert any(p.suffix == ".html" for p in written)
    for secret in EVERY_SECRET:
        for form in spellings(secret):
            for text in (dump, logged, out, err, *reasons):
                assert form not in text, f"{secret[:6]}… in text"
            for path, content in written.items():
                assert form.encode() not in content, f"{secret[:6]}… in {path.name}"
    for _, body in raw_rows:
        assert b"access_token" not in body and b"appsecret_proof" not in body
        assert b"refresh_token" not in body

    # The one place a token rests on purpose: owner-only, holding the rotated one.
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert NEW_REFRESH in token_file.read_text(encoding="utf-8")
