"""Inputs the demo generates for the day it runs: recent follower history, clips, recordings.

Everything is relative to today (so the last complete week has data) and deterministic
(seeded), so running the demo twice on the same day produces the same files.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from pulso.demo import news, payloads
from pulso.demo.pictures import write_pictures
from reports.spreadsheet import csv_writer
from reports.week import last_complete_week

SEED = 20200513
HISTORY_END = date(2021, 9, 30)  # the last figure in the office's 2021 report (history.csv)
HISTORY_END_FOLLOWERS = {
    "facebook": 486_513,
    "instagram": 183_900,
    "twitter": 274_680,
    "youtube": 14_800,
    "tiktok": 3_242,
}
HANDLES = {
    "facebook": "AlcaldiaDeCali",
    "instagram": "alcaldiadecali",
    "twitter": "AlcaldiaDeCali",
    "youtube": "AlcaldiaDeCali",
    "tiktok": "alcaldiadecali",
}
DAILY_DAYS = 120


# Peers (own = false) start from their own figure at HISTORY_END.
PEER_HISTORY_END_FOLLOWERS = {
    ("twitter", "AlcaldiadeMed"): 1_180_000,
    ("instagram", "alcaldiabogota"): 1_702_000,
}


def daily_path(seed: str, start: int, end: int, today: date) -> dict[date, int]:
    """Followers for every day from HISTORY_END to today: a seeded, uneven climb to `end`."""
    rng = random.Random(f"{SEED}:{seed}")
    days = (today - HISTORY_END).days
    # Uneven days: campaigns and events bring more followers than quiet weekends.
    weights = [0.4 + rng.random() + (0.8 if rng.random() < 0.05 else 0.0) for _ in range(days)]
    total = sum(weights)
    gain = end - start
    path, acc = {}, 0.0
    for offset, weight in enumerate(weights, start=1):
        acc += weight
        path[HISTORY_END + timedelta(days=offset)] = start + round(gain * acc / total)
    return path


def history_rows(today: date) -> list[tuple[str, str, str, int]]:
    """Monthly figures up to four months ago, then daily ones until yesterday."""
    rows = []
    daily_from = today - timedelta(days=DAILY_DAYS)
    paths = [
        (platform, handle, HISTORY_END_FOLLOWERS[platform], payloads.TODAY[platform], platform)
        for platform, handle in HANDLES.items()
    ] + [
        (platform, handle, start, payloads.PEER_TODAY[(platform, handle)], f"{platform}:{handle}")
        for (platform, handle), start in PEER_HISTORY_END_FOLLOWERS.items()
    ]
    for platform, handle, start, end, seed in paths:
        for day, followers in daily_path(seed, start, end, today).items():
            if day >= today:
                continue  # tonight's collection brings today's figure
            if day >= daily_from or day.day == 1:
                rows.append((platform, handle, day.isoformat(), followers))
    return rows


def write_history(path: Path, today: date) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(["platform", "account", "date", "followers"])
        writer.writerows(history_rows(today))
    return path


def clip_rows(today: date) -> list[tuple[str, str, str, str, str, str]]:
    """TV, radio and print items over the last two weeks (so the last full week has some)."""
    rows = []
    items = (
        ("Noticiero 90 Minutos", "", "Cierres viales en la calle Quinta", "2:35", ""),
        ("Telepacífico", "Noticias Telepacífico", "Vacunación en las 22 comunas", "1:50", ""),
        (
            "Caracol Radio",
            "6AM Hoy por Hoy Cali",
            "Entrevista con la secretaria de Salud",
            "4:30",
            "",
        ),
        ("El País", "", "Plan de movilidad para la Feria", "", "42"),
    )
    for offset in range(1, 15, 2):
        day = today - timedelta(days=offset)
        outlet, program, title, duration, cm = items[offset // 2 % len(items)]
        rows.append((outlet, program, day.isoformat(), f"{title} ({day:%d/%m})", duration, cm))
    return rows


def write_clips(path: Path, today: date) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(["outlet", "program", "aired_on", "title", "duration", "column_cm"])
        writer.writerows(clip_rows(today))
    return path


def write_replay(
    directory: Path, now: datetime, graph_version: str, night: payloads.Night | None = None
) -> Path:
    """Recordings for every request the real clients make tonight, or on an earlier `night`
    (its platforms only: the news are read tonight), replaced on each run."""
    shutil.rmtree(directory, ignore_errors=True)
    version = graph_version
    payloads.write(directory / "facebook", "facebook", payloads.facebook(now, version, night))
    payloads.write(directory / "instagram", "instagram", payloads.instagram(now, version, night))
    payloads.write(directory / "twitter", "twitter", payloads.twitter(now, night))
    payloads.write(directory / "instagram", "peer", payloads.instagram_peer(now, version, night))
    payloads.write(directory / "youtube", "youtube", payloads.youtube(now, night))
    payloads.write(directory / "tiktok", "tiktok", payloads.tiktok(now, night))
    if night is None:
        payloads.write(directory / "news", "news", news.news(now))
    write_pictures(directory / "pictures", payloads.picture_urls())
    return directory


def night_moments(now: datetime) -> list[datetime]:
    """The earlier nights the demo replays (02:00 in Cali): from the one that measures the
    last complete week's Monday to last night, so the weekly report has every day's reach."""
    week = last_complete_week(now, news.BOGOTA)
    today = today_in_bogota(now)
    days = (today - week.start).days
    return [
        datetime.combine(week.start + timedelta(days=n), time(2), news.BOGOTA)
        for n in range(1, days)
    ]


def followers_by_day(today: date) -> dict[date, dict[str, int]]:
    """Every account's followers per day, as history_rows writes them (the nights agree)."""
    found: dict[date, dict[str, int]] = {}
    for platform in HANDLES:
        path = daily_path(
            platform, HISTORY_END_FOLLOWERS[platform], payloads.TODAY[platform], today
        )
        for day, followers in path.items():
            found.setdefault(day, {})[platform] = followers
    for (platform, handle), start in PEER_HISTORY_END_FOLLOWERS.items():
        key = f"{platform}:{handle}"
        path = daily_path(key, start, payloads.PEER_TODAY[(platform, handle)], today)
        for day, followers in path.items():
            found.setdefault(day, {})[key] = followers
    return found


def write_nights(
    directory: Path, now: datetime, graph_version: str, keep: Collection[date] = frozenset()
) -> list[tuple[datetime, Path]]:
    """One folder of recordings per earlier night, replaced on each run except the nights in
    `keep` (already replayed from their folder, which is left as it was)."""
    moments = night_moments(now)
    wanted = {moment.date().isoformat() for moment in moments}
    kept = {day.isoformat() for day in keep} & wanted
    if directory.is_dir():
        for folder in directory.iterdir():
            if folder.name in kept:
                continue
            if folder.is_dir():
                shutil.rmtree(folder)
            else:
                folder.unlink()
    by_day = followers_by_day(today_in_bogota(now)) if kept != wanted else {}
    nights = []
    for moment in moments:
        folder = directory / moment.date().isoformat()
        if folder.name not in kept:
            night = payloads.Night(moment, by_day[moment.date()])
            write_replay(folder, now, graph_version, night)
        nights.append((moment, folder))
    return nights


def today_in_bogota(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(news.BOGOTA).date()


def backfill_since(today: date) -> date:
    """The day the demo's backfill reads back to: the first of the month three months ago."""
    months = today.year * 12 + today.month - 1 - 3
    return date(months // 12, months % 12 + 1, 1)


def write_backfill(directory: Path, now: datetime, graph_version: str, since: date) -> Path:
    """Tonight's platform answers as `pulso backfill posts --since` asks for them: with the
    posts from before the demo's nights back to `since` (replaced on each run)."""
    today = {**payloads.TODAY, **{f"{p}:{h}": n for (p, h), n in payloads.PEER_TODAY.items()}}
    since_at = datetime.combine(since, time(0), news.BOGOTA)
    night = payloads.Night(now, today, history_since=since_at)
    return write_replay(directory, now, graph_version, night)
