"""Coverage spikes: a day whose mentions jump well above their usual level. Pure functions.

A group of mentions (all of them, those of one configured term, later those of a campaign) is
counted per Bogotá day. The day is a spike when its count exceeds the mean of the trailing
window (28 days by default, days without mentions counting as zero) by `sigma` standard
deviations and reaches `min_count`. Groups are named predicates over mentions, so a new kind
of group (campaigns) is one more entry in the mapping, not a new detector.

- Fewer than `min_history_days` of history (counted from the first collected day) calls no
  spike: a new installation has no usual level yet.
- The standard deviation used for the threshold is at least 1 mention: a perfectly flat history
  (zero variance) would otherwise make one extra article a spike. The recorded `sd` is the
  measured one.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape
from typing import Protocol

SD_FLOOR = 1.0
ALL = "all"
TERM_PREFIX = "term:"


@dataclass(frozen=True, slots=True)
class SpikeRule:
    sigma: float = 3.0
    min_count: int = 5
    window_days: int = 28
    min_history_days: int = 7


@dataclass(frozen=True, slots=True)
class DayMention:
    """A mention as the detector sees it: its Bogotá day, terms and story."""

    day: date
    terms: tuple[str, ...]
    story_key: str
    title: str | None
    url: str | None
    outlet: str
    published_at: datetime | None = None
    # The article's stored text: campaign groups match their terms in it (reports/campaigns.py).
    text: str | None = None


@dataclass(frozen=True, slots=True)
class SpikeFinding:
    key: str
    day: date
    count: int
    mean: float
    sd: float
    threshold: float


@dataclass(frozen=True, slots=True)
class StoryLine:
    title: str | None
    url: str | None
    mentions: int
    outlets: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "url": self.url,
            "mentions": self.mentions,
            "outlets": list(self.outlets),
        }


Group = Callable[[DayMention], bool]


def check_day(
    count: int, history: Sequence[int], rule: SpikeRule
) -> tuple[float, float, float] | None:
    """(mean, sd, threshold) when `count` is a spike against `history`, else None."""
    if len(history) < rule.min_history_days:
        return None
    mean = statistics.fmean(history)
    sd = statistics.pstdev(history)
    threshold = mean + rule.sigma * max(sd, SD_FLOOR)
    if count > threshold and count >= rule.min_count:
        return mean, sd, threshold
    return None


def history_days(day: date, first_day: date | None, rule: SpikeRule) -> list[date]:
    """The trailing window before `day`, not reaching before the first collected day."""
    start = day - timedelta(days=rule.window_days)
    if first_day is not None:
        start = max(start, first_day)
    return [start + timedelta(days=i) for i in range((day - start).days)]


def find_spikes(
    counts: Mapping[str, Mapping[date, int]],
    *,
    day: date,
    first_day: date | None,
    rule: SpikeRule,
) -> list[SpikeFinding]:
    """Every group whose count on `day` is a spike, in the mapping's order."""
    window = history_days(day, first_day, rule)
    found = []
    for key, per_day in counts.items():
        count = per_day.get(day, 0)
        verdict = check_day(count, [per_day.get(d, 0) for d in window], rule)
        if verdict is not None:
            found.append(SpikeFinding(key, day, count, *verdict))
    return found


def term_groups(terms: Iterable[str]) -> dict[str, Group]:
    """All mentions, then one group per configured news term."""
    groups: dict[str, Group] = {ALL: lambda m: True}
    for term in terms:
        groups[TERM_PREFIX + term] = lambda m, t=term: t in m.terms  # type: ignore[misc]
    return groups


def count_groups(
    mentions: Iterable[DayMention], groups: Mapping[str, Group]
) -> dict[str, dict[date, int]]:
    counts: dict[str, dict[date, int]] = {key: defaultdict(int) for key in groups}
    for mention in mentions:
        for key, belongs in groups.items():
            if belongs(mention):
                counts[key][mention.day] += 1
    return {key: dict(per_day) for key, per_day in counts.items()}


def top_stories(
    mentions: Iterable[DayMention], group: Group, day: date, limit: int
) -> list[StoryLine]:
    """The stories behind a spike: most-carried first, one line per near-duplicate group."""
    stories: dict[str, list[DayMention]] = defaultdict(list)
    for m in mentions:
        if m.day == day and group(m):
            stories[m.story_key].append(m)
    latest = datetime.max.replace(tzinfo=UTC)
    lines = []
    for items in stories.values():
        items.sort(key=lambda m: (m.published_at or latest, m.url or ""))
        first = next((m for m in items if m.title), items[0])
        outlets = tuple(sorted({m.outlet for m in items}, key=str.lower))
        lines.append(StoryLine(first.title, first.url, len(items), outlets))
    lines.sort(key=lambda s: (-s.mentions, -len(s.outlets), (s.title or "").lower()))
    return lines[:limit]


def group_name(key: str, lang: str) -> str:
    """What the office reads for a spike's group."""
    if key == ALL:
        return "todas las menciones" if lang == "es" else "all mentions"
    kind, _, name = key.partition(":")
    if kind == "campaign":
        return f"campaña «{name}»" if lang == "es" else f"campaign “{name}”"
    return f"«{name}»" if lang == "es" else f"“{name}”"


def _number(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "es" else text


class SpikeLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def count(self) -> int: ...
    @property
    def mean(self) -> float: ...
    @property
    def sd(self) -> float: ...


def spike_summary(finding: SpikeLike, lang: str) -> str:
    """One line: `Pico de menciones el 26/11/2026 en «Alcaldía de Cali»: 42 (media 6,1; ...)`."""
    name = group_name(finding.key, lang)
    mean, sd = _number(finding.mean, lang), _number(finding.sd, lang)
    if lang == "es":
        return (
            f"Pico de menciones el {finding.day:%d/%m/%Y} en {name}: {finding.count} "
            f"(media de los días anteriores {mean}, desviación {sd})"
        )
    return (
        f"Mentions spike on {finding.day:%d/%m/%Y} in {name}: {finding.count} "
        f"(previous days' mean {mean}, standard deviation {sd})"
    )


def spike_text(finding: SpikeFinding, stories: Sequence[StoryLine], lang: str) -> str:
    """The plain text of a spike alert: the summary, then the stories behind it."""
    lines = [spike_summary(finding, lang), ""]
    lines.append("Historias principales:" if lang == "es" else "Top stories:")
    for s in stories:
        outlets = ", ".join(s.outlets)
        lines.append(f"- {s.title or '—'} ({s.mentions}; {outlets}) {s.url or ''}".rstrip())
    return "\n".join(lines) + "\n"


def spike_html(finding: SpikeFinding, stories: Sequence[StoryLine], lang: str) -> str:
    """The HTML of a spike alert e-mail: scraped titles and URLs escaped, links http(s) only."""
    items = []
    for s in stories:
        title = escape(s.title or "—")
        url = s.url or ""
        if url.lower().startswith(("http://", "https://")):
            title = f'<a href="{escape(url, quote=True)}">{title}</a>'
        items.append(f"<li>{title} ({s.mentions}; {escape(', '.join(s.outlets))})</li>")
    heading = "Historias principales" if lang == "es" else "Top stories"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"></head><body>'
        f"<p>{escape(spike_summary(finding, lang))}</p>"
        f"<h2>{heading}</h2><ul>{''.join(items)}</ul></body></html>"
    )
