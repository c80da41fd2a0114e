"""Graph API insights for Facebook and Instagram: metric names from config, requests that
cannot fail together, and pure parsing of the `insights` answers.

Meta retires insights metrics every year or so (`page_impressions`, `page_fans` and
`post_impressions` on 15 Nov 2025) and one invalid metric fails a whole insights request
with `(#100) The value must be a valid insights metric`. So the metric names come from
`[insights]` in pulso.toml (the next retirement is a config change), every group of metrics
that fails with (#100) is asked again metric by metric, and a metric still refused is NULL
with Meta's message as its note: the account and its other metrics are still collected.

Requests: one per account for its daily metrics; post metrics ride on the posts (media) edge
through field expansion (`insights.metric(a,b)`), so they cost no request of their own while
every metric is valid. Only when Meta refuses one does the page cost 1 + k requests (one per
metric, once a run: a refused metric is not asked again that run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from collectors.errors import BadPayload
from collectors.fields import dig, parse_time, require, require_list, whole_number
from collectors.graph.rules import GraphError, GraphPermissionError
from collectors.metrics import DEFAULT_METRICS, REACH, VIEWS
from collectors.records import InsightValue

__all__ = ["DEFAULT_METRICS", "REACH", "VIEWS", "InsightsConfig", "Refusals", "ask"]

Answer = TypeVar("Answer")

# (#100) invalid or retired metric: split the group. (#10) and (#200-299): a permission or
# "not enough viewers": the same for every metric of the group, so it is not split.
INVALID_METRIC = 100


@dataclass(frozen=True, slots=True)
class InsightsConfig:
    """Metric names per kind (`[insights]`), and whether insights are collected at all."""

    enabled: bool = True
    metrics: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_METRICS))
    live_days: int = 30  # broadcasts newer than this get their video insights read
    zone: str = "America/Bogota"  # the office's days, for `since`/`until`

    def of(self, kind: str) -> tuple[str, ...]:
        return tuple(self.metrics.get(kind, DEFAULT_METRICS.get(kind, ())))


def refusal(error: Exception) -> bool:
    """A Graph error that means "this metric (or these) will not be given", not a failure."""
    if isinstance(error, GraphPermissionError):
        return True
    return isinstance(error, GraphError) and error.code in (INVALID_METRIC, 10)


def _splittable(error: Exception) -> bool:
    return isinstance(error, GraphError) and error.code == INVALID_METRIC


@dataclass
class Refusals:
    """Metrics Meta refused this run (name -> its message): not asked again until next run."""

    known: dict[str, str] = field(default_factory=dict)

    def usable(self, metrics: Iterable[str]) -> tuple[str, ...]:
        return tuple(m for m in metrics if m not in self.known)

    def among(self, metrics: Iterable[str]) -> dict[str, str]:
        """The refused ones of `metrics`, with Meta's message."""
        return {m: self.known[m] for m in metrics if m in self.known}


def ask(
    metrics: tuple[str, ...],
    call: Callable[[tuple[str, ...]], Answer],
    refusals: Refusals | None = None,
) -> tuple[list[tuple[tuple[str, ...], Answer]], dict[str, str]]:
    """Ask for `metrics` together; on (#100) ask again one metric at a time.

    Returns the answers (with the metrics each one carries) and the refused metrics with
    Meta's message. Throttling, token and server errors propagate to the retry policy.
    """
    refusals = refusals if refusals is not None else Refusals()
    refused = {m: refusals.known[m] for m in metrics if m in refusals.known}
    wanted = refusals.usable(metrics)
    if not wanted:
        return [], refused
    try:
        return [(wanted, call(wanted))], refused
    except (GraphError, GraphPermissionError) as error:
        if not refusal(error):
            raise
        if len(wanted) == 1 or not _splittable(error):
            refused.update({m: str(error) for m in wanted})
            if _splittable(error):
                refusals.known.update({m: str(error) for m in wanted})
            return [], refused
    answers: list[tuple[tuple[str, ...], Answer]] = []
    for metric in wanted:
        try:
            answers.append(((metric,), call((metric,))))
        except (GraphError, GraphPermissionError) as error:
            if not refusal(error):
                raise
            refused[metric] = str(error)
            if _splittable(error):
                refusals.known[metric] = str(error)
    return answers, refused


def measured_day(end_time: Any, where: str) -> date:
    """The day a `period=day` value measures: Meta stamps it with the end of that day."""
    moment = parse_time(end_time)
    if moment is None:
        raise BadPayload(f"{where}: end_time: expected a timestamp, got {end_time!r}")
    return (moment - timedelta(days=1)).date()


def parse_metric_values(
    payload: Any, where: str, *, day: date | None = None
) -> list[tuple[str, date | None, int]]:
    """An insights answer (`{"data":[{"name",...,"values"|"total_value"}]}`) -> values.

    `total_value.value` measures the requested span (`day`); a `values` series carries one
    value per day, stamped with `end_time`, or one lifetime value without it (`day`).
    """
    found: list[tuple[str, date | None, int]] = []
    for item in require_list(payload, "data", where):
        name = str(require(item, "name", where))
        at = f"{where}: {name}"
        if isinstance(dig(item, "total_value"), dict):
            value = require(item, "total_value.value", at)
            found.append((name, day, whole_number(value, "total_value.value", at)))
            continue
        values = require_list(item, "values", at)
        for index, entry in enumerate(values):
            value = require(entry, "value", at)
            end_time = dig(entry, "end_time")
            measured = measured_day(end_time, at) if end_time is not None else day
            found.append((name, measured, whole_number(value, f"values[{index}].value", at)))
    return found


def insight_values(
    asked: tuple[str, ...],
    answers: Iterable[tuple[tuple[str, ...], Any]],
    refused: Mapping[str, str],
    where: str,
    *,
    day: date | None = None,
    post_id: str | None = None,
) -> list[InsightValue]:
    """Every asked metric once per day it was measured: a value, or NULL with why."""
    values: list[InsightValue] = []
    given: set[str] = set()
    for _metrics, payload in answers:
        for name, measured, value in parse_metric_values(payload, where, day=day):
            if name not in asked:
                continue
            given.add(name)
            values.append(InsightValue(name, value, day=measured, post_id=post_id))
    for metric in asked:
        if metric in given:
            continue
        note = (
            f"refused by Meta: {refused[metric]}"
            if metric in refused
            else "not in Meta's answer (no data for this period)"
        )
        values.append(InsightValue(metric, None, day=day, post_id=post_id, note=note))
    return values


def expansion(metrics: tuple[str, ...]) -> str:
    """The field-expansion term that brings a node's lifetime insights with it."""
    return f"insights.metric({','.join(metrics)})"


def day_bounds(day: date) -> tuple[str, str]:
    """`since`/`until` for one calendar day as Graph accepts them (YYYY-MM-DD)."""
    return day.isoformat(), (day + timedelta(days=1)).isoformat()


def previous_day(fetched_at: datetime, zone: str) -> date:
    """The last complete day in the office's zone at `fetched_at`: what a night reports."""
    return (fetched_at.astimezone(ZoneInfo(zone)) - timedelta(days=1)).date()
