"""Spike detection is pure arithmetic over daily counts: table-driven."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reports.spikes import (
    DayMention,
    SpikeRule,
    check_day,
    count_groups,
    find_spikes,
    history_days,
    spike_html,
    spike_summary,
    spike_text,
    term_groups,
    top_stories,
)

RULE = SpikeRule(sigma=3.0, min_count=5, window_days=28, min_history_days=7)
DAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("case", "count", "history", "spike"),
    [
        ("steady history, far above", 30, [4, 6, 5, 5, 4, 6, 5] * 4, True),
        ("steady history, a little above", 8, [4, 6, 5, 5, 4, 6, 5] * 4, False),
        ("exactly at the threshold is not above it", 7, [3] * 14 + [5] * 14, False),
        ("zero variance: one more article is no spike", 6, [5] * 28, False),
        ("zero variance: the 1-mention floor, 3 sd above", 9, [5] * 28, True),
        ("quiet outlet: above 3 sd but under the minimum count", 4, [0] * 27 + [1], False),
        ("quiet outlet waking up with the minimum count", 5, [0] * 28, True),
        ("history shorter than 7 days: no usual level yet", 50, [1, 1, 1, 1, 1, 1], False),
        ("exactly 7 days of history is enough", 50, [1] * 7, True),
        ("no history at all", 50, [], False),
        ("noisy history absorbs the same count", 30, [0, 20, 2, 25, 1, 18, 3] * 4, False),
    ],
)
def test_check_day(case: str, count: int, history: list[int], spike: bool) -> None:
    assert (check_day(count, history, RULE) is not None) is spike, case


def test_check_day_reports_the_measured_mean_and_sd() -> None:
    verdict = check_day(9, [5] * 28, RULE)
    assert verdict == (5.0, 0.0, 8.0)  # the threshold uses the 1-mention floor, sd stays 0


@pytest.mark.parametrize(
    ("first_day", "expected_days"),
    [
        (None, 28),
        (DAY - timedelta(days=100), 28),
        (DAY - timedelta(days=10), 10),
        (DAY, 0),
    ],
)
def test_history_window_never_reaches_before_the_first_collected_day(
    first_day: date | None, expected_days: int
) -> None:
    days = history_days(DAY, first_day, RULE)
    assert len(days) == expected_days
    assert all(d < DAY for d in days)


def mention(day: date, terms: tuple[str, ...], story: str, outlet: str = "El País") -> DayMention:
    return DayMention(day, terms, story, f"Story {story}", f"https://n.example/{story}", outlet)


def test_a_spike_in_one_term_is_found_per_group() -> None:
    start = DAY - timedelta(days=28)
    mentions = [
        mention(start + timedelta(days=i), ("Alcaldía de Cali",), f"a{i}") for i in range(28)
    ]
    mentions += [mention(DAY, ("Alcaldía de Cali", "Metro"), f"m{i}") for i in range(12)]
    groups = term_groups(["Alcaldía de Cali", "Metro"])
    counts = count_groups(mentions, groups)

    found = find_spikes(counts, day=DAY, first_day=start, rule=RULE)

    assert [(f.key, f.count) for f in found] == [
        ("all", 12),
        ("term:Alcaldía de Cali", 12),
        ("term:Metro", 12),
    ]
    assert found[0].mean == pytest.approx(1.0)


def test_a_day_that_is_not_a_spike_anywhere_finds_nothing() -> None:
    counts = {"all": {DAY - timedelta(days=i): 10 for i in range(1, 29)} | {DAY: 11}}
    assert find_spikes(counts, day=DAY, first_day=None, rule=RULE) == []


def test_named_groups_plug_in_campaigns_without_changing_the_detector() -> None:
    groups = term_groups([]) | {"campaign:Guardianes de Vida": lambda m: "Guardianes" in m.terms}
    mentions = [mention(DAY, ("Guardianes",), f"g{i}") for i in range(6)]
    counts = count_groups(mentions, groups)
    found = find_spikes(counts, day=DAY, first_day=DAY - timedelta(days=28), rule=RULE)
    assert {f.key for f in found} == {"all", "campaign:Guardianes de Vida"}


def test_top_stories_put_the_most_carried_first() -> None:
    mentions = [
        mention(DAY, ("x",), "s1", "El País"),
        mention(DAY, ("x",), "s2", "El País"),
        mention(DAY, ("x",), "s2", "Blu Radio"),
        mention(DAY - timedelta(days=1), ("x",), "s3"),
    ]
    lines = top_stories(mentions, lambda m: True, DAY, limit=5)
    assert [(s.title, s.mentions, s.outlets) for s in lines] == [
        ("Story s2", 2, ("Blu Radio", "El País")),
        ("Story s1", 1, ("El País",)),
    ]


def test_alert_texts_escape_scraped_titles_and_keep_only_web_links() -> None:
    hostile = DayMention(
        DAY, ("x",), "s1", '<script>alert("x")</script>', "javascript:alert(1)", "El <b>País</b>"
    )
    [line] = top_stories([hostile], lambda m: True, DAY, limit=5)
    counts = {
        "term:Alcaldía de Cali": {DAY: 9} | {DAY - timedelta(days=i): 5 for i in range(1, 29)}
    }
    [finding] = find_spikes(counts, day=DAY, first_day=None, rule=RULE)

    html = spike_html(finding, [line], "es")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "<b>" not in html
    assert spike_summary(finding, "es") == (
        "Pico de menciones el 26/11/2026 en «Alcaldía de Cali»: 9 "
        "(media de los días anteriores 5,0, desviación 0,0)"
    )
    assert "Mentions spike on 26/11/2026" in spike_text(finding, [line], "en")
