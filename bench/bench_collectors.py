"""Collectors against a loopback server answering with 100 ms latency.

200 accounts across the five platforms are collected with the per-platform concurrency limits
of `[collection] limits` (flows/steps/lanes.py dispatch), then a sample sequentially. Reports
the wall time against the latency bound those limits imply, and the speed-up over the
sequential baseline measured in the same run.

    .venv/bin/python bench/bench_collectors.py            # 200 accounts, ~25 s
    .venv/bin/python bench/bench_collectors.py --quick    # 40 accounts, CI size
    .venv/bin/python bench/bench_collectors.py --full-baseline   # time every account sequentially
"""

from __future__ import annotations

import argparse
import json
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from collectors.base import Target
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
from flows.steps.lanes import dispatch
from settings.model import CollectionConfig

LATENCY_S = 0.1
MIX = {"facebook": 50, "instagram": 50, "twitter": 40, "youtube": 50, "tiktok": 10}
# Requests one account costs on each platform with the answers below.
REQUESTS = {"facebook": 2, "instagram": 3, "twitter": 2, "youtube": 3, "tiktok": 2}
STAMP = "2026-03-02T14:05:11+0000"


def graph_answer(path: list[str], query: dict[str, str]) -> Any:
    if path[-1] == "posts":
        return {
            "data": [
                {
                    "id": f"{path[1]}_1",
                    "created_time": STAMP,
                    "reactions": {"summary": {"total_count": 5}},
                    "comments": {"summary": {"total_count": 2}},
                }
            ]
        }
    if path[-1] == "media":
        return {
            "data": [
                {"id": f"{path[1]}9", "timestamp": STAMP, "like_count": 3, "comments_count": 1}
            ]
        }
    if path[-1] == "insights":
        return {"data": [{"name": "views", "values": [{"value": 40}]}]}
    if "fan_count" in query.get("fields", ""):
        return {"id": path[1], "name": "Página", "followers_count": 1000, "fan_count": 900}
    return {
        "id": path[1],
        "username": "u",
        "followers_count": 500,
        "follows_count": 3,
        "media_count": 9,
    }


def x_answer(path: list[str]) -> Any:
    if path[-1] == "tweets":
        return {
            "data": [
                {
                    "id": "1",
                    "created_at": "2026-03-02T14:05:11.000Z",
                    "public_metrics": {
                        "retweet_count": 0,
                        "reply_count": 0,
                        "like_count": 1,
                        "quote_count": 0,
                        "bookmark_count": 0,
                        "impression_count": 30,
                    },
                }
            ],
            "meta": {"result_count": 1},
        }
    return {
        "data": {
            "id": f"9{abs(hash(path[-1])) % 10**8}",
            "name": "X",
            "public_metrics": {"followers_count": 7, "following_count": 1, "tweet_count": 2},
        }
    }


def youtube_answer(path: list[str]) -> Any:
    if path[-1] == "channels":
        return {
            "items": [
                {
                    "id": "UC1",
                    "statistics": {"subscriberCount": "100", "videoCount": "2", "viewCount": "9"},
                    "contentDetails": {"relatedPlaylists": {"uploads": "UU1"}},
                }
            ]
        }
    if path[-1] == "playlistItems":
        return {
            "items": [{"contentDetails": {"videoId": "v1"}}, {"contentDetails": {"videoId": "v2"}}]
        }
    return {"items": [{"id": v, "statistics": {"viewCount": "5"}} for v in ("v1", "v2")]}


def tiktok_answer(path: list[str]) -> Any:
    ok = {"code": "ok", "message": "", "log_id": "1"}
    if path[-1] == "info":
        counts = {"follower_count": 10, "following_count": 1, "likes_count": 4, "video_count": 2}
        return {"data": {"user": {"open_id": "o", **counts}}, "error": ok}
    return {
        "data": {
            "videos": [
                {
                    "id": "t1",
                    "create_time": 1772460311,
                    "view_count": 3,
                    "like_count": 1,
                    "comment_count": 0,
                    "share_count": 0,
                }
            ],
            "cursor": 0,
            "has_more": False,
        },
        "error": ok,
    }


def answer(url: str) -> Any:
    parts = urlsplit(url)
    path = [p for p in parts.path.split("/") if p]
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if path[0].startswith("v25"):
        return graph_answer(path, query)
    if path[0] == "2":
        return x_answer(path)
    if path[0] == "youtube":
        return youtube_answer(path)
    return tiktok_answer(path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: measure latency, not connection set-up
    # Headers and body leave in two writes; with Nagle on, delayed ACKs add ~40 ms to each.
    disable_nagle_algorithm = True

    def _reply(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        time.sleep(LATENCY_S)
        body = json.dumps(answer(self.path)).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _reply

    def log_message(self, *args: Any) -> None:
        return None


@dataclass
class Job:
    kind: str
    target: Target
    collector: Any


def build_jobs(base: str, scale: float) -> list[Job]:
    # The loopback server is internal: the SSRF guard lets it through only when named.
    policy = HttpPolicy(max_retries=0, allow_hosts=("127.0.0.1",))
    graph = GraphApi(policy, token="bench", base_url=base)
    tiktok_session = HttpSession(policy, rules=TikTokRules(), base_url=base)
    fresh = TokenState("bench", None, datetime.now(UTC) + timedelta(hours=2), None)
    collectors = {
        "facebook": FacebookCollector(graph, max_pages=1),
        "instagram": InstagramCollector(graph, max_pages=1),
        "twitter": TwitterCollector(make_client(policy, bearer_token="bench", base_url=base)),
        "youtube": YouTubeCollector(
            YouTubeApi(policy, api_key="bench", quota=QuotaMeter(10**6), base_url=base)
        ),
        "tiktok": TikTokCollector(
            tiktok_session,
            TikTokAuth(
                tiktok_session, initial=fresh, store=None, client_key=None, client_secret=None
            ),
        ),
    }
    jobs = []
    for kind, count in MIX.items():
        for i in range(max(1, round(count * scale))):
            target = Target(platform=kind, handle=f"{kind}{i}", platform_id=f"{100 + i}")  # type: ignore[arg-type]
            jobs.append(Job(kind, target, collectors[kind]))
    return jobs


def run_one(job: Job) -> int:
    collected = job.collector.collect(job.target, datetime.now(UTC))
    return len(collected.posts)


def concurrent(jobs: list[Job], limits: dict[str, int]) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sum(limits.values())) as pool:
        pairs = dispatch(jobs, lambda job: pool.submit(run_one, job), limits)  # type: ignore[arg-type]
        for _, future in pairs:
            future.result()
    return time.perf_counter() - started


def sequential(jobs: list[Job]) -> float:
    started = time.perf_counter()
    for job in jobs:
        run_one(job)
    return time.perf_counter() - started


def bound_s(jobs: list[Job], limits: dict[str, int]) -> float:
    """Platforms run side by side; within one, `limit` accounts at a time, requests in series."""
    per_kind = {kind: sum(1 for j in jobs if j.kind == kind) for kind in MIX}
    return max(math.ceil(n / limits[k]) * REQUESTS[k] * LATENCY_S for k, n in per_kind.items() if n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40 accounts instead of 200")
    parser.add_argument(
        "--full-baseline", action="store_true", help="time all accounts sequentially"
    )
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    jobs = build_jobs(base, 0.2 if args.quick else 1.0)
    limits = {k: v for k, v in CollectionConfig().limits.items() if k in MIX}
    wall = concurrent(jobs, limits)
    sample = jobs if args.full_baseline else jobs[::4]
    baseline = sequential(sample) * len(jobs) / len(sample)
    bound = bound_s(jobs, limits)
    server.shutdown()
    requests = sum(REQUESTS[j.kind] for j in jobs)
    rows = [
        ("accounts / requests", f"{len(jobs)} / {requests}"),
        ("latency per request", f"{LATENCY_S * 1000:.0f} ms"),
        ("per-platform limits", ", ".join(f"{k} {v}" for k, v in limits.items())),
        ("latency bound (limits)", f"{bound:.2f} s"),
        ("concurrent wall time", f"{wall:.2f} s"),
        ("wall / bound", f"{wall / bound:.2f}x  (target <= 2x)"),
        (f"sequential baseline ({len(sample)} timed)", f"{baseline:.2f} s"),
        ("speed-up vs sequential", f"{baseline / wall:.1f}x"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
