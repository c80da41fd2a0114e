"""The office's historical follower figures (backfill): platform, account, date, followers."""

from __future__ import annotations

from pathlib import Path

from collectors.records import FollowerFigure, Platform
from collectors.registry import PLATFORM_NAMES, aliases
from importers.cells import parse_count, parse_day
from importers.problems import Problem
from importers.tabular import Table, parse_cell, read_table

COLUMNS = {
    "platform": ("platform", "plataforma", "red", "red social"),
    "account": ("account", "cuenta", "handle", "usuario"),
    "date": ("date", "fecha"),
    "followers": ("followers", "seguidores", "subscribers", "suscriptores"),
}

# What office spreadsheets call each platform ("fb", "x", ...): declared by the platforms.
PLATFORM_ALIASES: dict[str, Platform] = aliases()


def parse_platform(text: str) -> Platform:
    platform = PLATFORM_ALIASES.get(" ".join(text.strip().casefold().split()))
    if platform is None:
        raise ValueError(f"unknown platform {text!r} (expected one of {', '.join(PLATFORM_NAMES)})")
    return platform


def _parse_handle(text: str) -> str:
    handle = text.strip().lstrip("@")
    if not handle:
        raise ValueError("empty account")
    return handle


def parse_follower_table(table: Table) -> tuple[list[FollowerFigure], list[Problem]]:
    """Pure: rows -> figures and every problem; a repeated key with another value is a problem."""
    figures: dict[tuple[str, str, object], tuple[int, FollowerFigure]] = {}
    problems: list[Problem] = []
    for row in table.rows:
        platform = parse_cell(table.file, row, "platform", parse_platform, problems)
        handle = parse_cell(table.file, row, "account", _parse_handle, problems)
        day = parse_cell(table.file, row, "date", parse_day, problems)
        followers = parse_cell(table.file, row, "followers", parse_count, problems)
        if platform is None or handle is None or day is None or followers is None:
            continue
        figure = FollowerFigure(platform=platform, handle=handle, day=day, followers=followers)
        key = (platform, handle.casefold(), day)
        if key in figures and figures[key][1].followers != followers:
            first = figures[key][0]
            problems.append(
                Problem(
                    table.file,
                    row.number,
                    "followers",
                    f"{followers} contradicts row {first} for the same account and date",
                )
            )
        figures.setdefault(key, (row.number, figure))
    return [figure for _, figure in figures.values()], problems


def read_follower_file(path: Path) -> list[FollowerFigure]:
    """Read and validate the whole file; raises ImportRejected listing every problem."""
    table = read_table(path, COLUMNS, required=COLUMNS.keys())
    figures, problems = parse_follower_table(table)
    table.reject_if(problems)
    return figures
