"""What the demo's weekly report must show, computed from the recordings the demo replayed
(its nights, tonight and the news), never from the database the report was built from."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pulso.demo import news, payloads
from reports.formatting import fmt_duration, fmt_int

BOGOTA = ZoneInfo("America/Bogota")
OWN_TERMS = ("Alcaldía de Cali", "Alcaldía de Santiago de Cali")


def recordings(folder: Path) -> Iterator[dict[str, Any]]:
    for file in sorted(folder.rglob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "request" in data:
            yield data


def nights(out: Path) -> list[Path]:
    """Every night the demo replayed: the earlier ones and tonight's."""
    return [*sorted((out / "nights").iterdir()), out / "replay"]


def page_day_insights(out: Path, week: list[date]) -> dict[str, dict[str, int]]:
    """Facebook's and Instagram's daily figures for the week's days, by metric, as recorded."""
    found: dict[str, dict[str, int]] = {"facebook": {}, "instagram": {}}
    for folder in nights(out):
        for item in recordings(folder):
            path, query = item["request"]["path"], item["request"].get("query", {})
            if path.endswith(f"/{payloads.PAGE_ID}/insights"):
                platform, day = "facebook", date.fromisoformat(query["since"])
            elif path.endswith(f"/{payloads.IG_ID}/insights"):
                platform = "instagram"
                day = datetime.fromtimestamp(int(query["since"]), BOGOTA).date()
            else:
                continue
            if day not in week:
                continue
            for metric in item["response"]["json"]["data"]:
                value = (metric.get("total_value") or metric["values"][0])["value"]
                sums = found[platform]
                sums[metric["name"]] = sums.get(metric["name"], 0) + value
    return found


def broadcast(out: Path, week: list[date]) -> tuple[str, str, str]:
    """The week's live broadcast as tonight's recordings give it: title, duration, views."""
    lives = [
        live
        for item in recordings(out / "replay")
        if item["request"]["path"].endswith("/live_videos")
        for live in item["response"]["json"]["data"]
        if datetime.fromisoformat(live["broadcast_start_time"]).astimezone(BOGOTA).date() in week
    ]
    (live,) = lives
    video = live["video"]["id"]
    (views,) = [
        item["response"]["json"]["data"][0]["values"][0]["value"]
        for item in recordings(out / "replay")
        if item["request"]["path"].endswith(f"/{video}/insights")
    ]
    return live["title"], fmt_duration(round(live["video"]["length"])), fmt_int(views)


def press_articles(out: Path, week: list[date]) -> Iterator[tuple[str, str]]:
    """(outlet, page) for every press article recorded with a date in the week."""
    folders = {o.folder: o.name for o in news.OUTLETS if o.medium != "web"}
    for item in recordings(out / "replay" / "news"):
        found = re.match(r"/([^/]+)/(\d{4})/(\d{2})/(\d{2})/", item["request"]["path"])
        if not found or found.group(1) not in folders:
            continue
        day = date(*(int(found.group(n)) for n in (2, 3, 4)))
        if day in week:
            yield folders[found.group(1)], item["response"]["text"]


def share_rows(out: Path, week: list[date], peer_terms: list[str]) -> dict[str, list[str]]:
    """Per outlet: mentions of the office, of the peers, and the office's share, as shown."""
    counts: dict[str, list[int]] = {}
    for outlet, page in press_articles(out, week):
        mine, theirs = counts.setdefault(outlet, [0, 0])
        counts[outlet] = [
            mine + any(term in page for term in OWN_TERMS),
            theirs + any(term in page for term in peer_terms),
        ]
    shown = {}
    for outlet, (own, peers) in counts.items():
        if own + peers:
            pct = (Decimal(100 * own) / (own + peers)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            shown[outlet] = [str(own), str(peers), f"{pct} %".replace(".", ",")]
    return shown


def campaign_mentions(out: Path, week: list[date], terms: list[str]) -> int:
    return sum(
        any(term.casefold() in page.casefold() for term in terms)
        for _outlet, page in press_articles(out, week)
    )


def campaign_reach(out: Path, week: list[date], terms: list[str]) -> int:
    """The campaign's own posts of the week: their reach as the last night of the week read
    it (Facebook posts' unique views, Instagram media's reach)."""
    first = datetime.combine(week[0], datetime.min.time(), BOGOTA)
    after = first + timedelta(days=7)
    night = out / "nights" / week[-1].isoformat()
    total = 0
    for item in recordings(night):
        path = item["request"]["path"]
        fields = item["request"]["query"].get("fields", "")
        if "insights.metric" not in fields or not path.endswith(("/posts", "/media")):
            continue
        for post in item["response"]["json"]["data"]:
            text = (post.get("message") or post.get("caption") or "").casefold()
            when = datetime.strptime(
                post.get("created_time") or post["timestamp"], "%Y-%m-%dT%H:%M:%S%z"
            )
            if not any(t.casefold() in text for t in terms) or not first <= when < after:
                continue
            reach = ("post_total_media_view_unique", "reach")
            total += sum(
                m["values"][0]["value"] for m in post["insights"]["data"] if m["name"] in reach
            )
    return total


def backfill_post_ids(out: Path) -> set[str]:
    """Every post the backfill's recordings answer with, on every platform."""
    found: set[str] = set()
    for item in recordings(out / "backfill"):
        path, body = item["request"]["path"], item["response"].get("json")
        if not isinstance(body, dict):
            continue
        if path.endswith(("/posts", "/media", "/tweets")):
            found.update(str(post["id"]) for post in body.get("data", []))
        elif path.endswith("/videos"):  # YouTube
            found.update(video["id"] for video in body["items"])
        elif path.endswith("/video/list/"):  # TikTok
            found.update(video["id"] for video in body["data"]["videos"])
    return found
