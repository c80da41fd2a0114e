"""Durations as clip logs write them: every accepted form, every rejected form, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.durations import (
    DurationError,
    format_duration,
    format_duration_words,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2:48", 168),
        ("02:48", 168),
        ("0:02:48", 168),
        ("1:02:03", 3723),
        ("168", 168),
        ("2 minutos 48 segundos", 168),
        ("1 minuto 9 segundos", 69),
        ("1 minutos 45 segundos", 105),  # the plural slip users type
        ("45 segundos", 45),
        ("1 segundos", 1),
        ("2 min 48 s", 168),
        ("2m48s", 168),
        ("2 MIN 48 SEG", 168),
        ("1 hora 2 minutos", 3720),
        ("1 hora", 3600),
        ("2 horas 0 minutos 5 segundos", 7205),
        ("2 minutos y 48 segundos", 168),
        ("2 minutos, 48 segundos", 168),
        ("2 min. 48 seg.", 168),
        ("2:5", 125),
        ("2 minutes 48 seconds", 168),
        ("1h 2m 3s", 3723),
        ("2' 48\"", 168),
        ("  2:48  ", 168),
        ("75:00", 4500),  # the leading part may be any size
        ("90 minutos", 5400),
        ("0", 0),
    ],
)
def test_accepted_forms_give_whole_seconds(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "reason", "suggestion"),
    [
        ("8 minutos 61 segundos", "seconds must be under 60", "9:01 (9 minutos 1 segundo)"),
        ("1:60", "seconds must be under 60", "2:00 (2 minutos)"),
        ("0:75:00", "minutes must be under 60", "1:15:00 (1 hora 15 minutos)"),
        ("1 hora 61 minutos", "minutes must be under 60", "2:01:00 (2 horas 1 minuto)"),
        ("2.48", "decimal numbers are not durations", "2:48"),
        ("2,48", "decimal numbers are not durations", "2:48"),
        ("2.48 min", "decimal numbers are not durations", "2:48"),
        ("2.75", "decimal numbers are not durations", "2:45 (2 minutos 45 segundos)"),
        ("2,5 minutos", "decimal numbers are not durations", "2:30 (2 minutos 30 segundos)"),
        ("1.5 horas", "decimal numbers are not durations", "1:30:00 (1 hora 30 minutos)"),
    ],
)
def test_error_forms_show_the_likely_intended_reading(
    text: str, reason: str, suggestion: str
) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert caught.value.reason == reason
    assert caught.value.suggestion == suggestion
    assert str(caught.value) == f"{text!r}: {reason}; did you mean {suggestion}?"


@pytest.mark.parametrize(
    ("text", "reason_starts"),
    [
        ("", "not a duration"),
        ("abc", "not a duration"),
        ("-2:48", "not a duration"),
        ("2 minutos 48", "not a duration"),
        ("2:048", "not a duration"),
        ("1:2:3:4", "not a duration"),
        ("2 años", "unknown unit"),
        ("48 segundos 2 minutos", "each unit once, largest first"),
        ("2 minutos 3 minutos", "each unit once, largest first"),
    ],
)
def test_text_that_is_not_a_duration_is_rejected_saying_how_to_write_one(
    text: str, reason_starts: str
) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert caught.value.reason.startswith(reason_starts)
    assert repr(text) in str(caught.value)


def test_the_2020_report_items_add_up_to_nine_minutes_fifty_one() -> None:
    items = ["2:48", "1:45", "2:46", "1:23", "1:09"]
    total = sum(parse_duration(item) for item in items)
    assert total == 591
    assert format_duration(total) == "9:51"
    assert format_duration_words(total) == "9 minutos 51 segundos"


@pytest.mark.parametrize(
    ("seconds", "clock", "es", "en"),
    [
        (0, "0:00", "0 segundos", "0 seconds"),
        (1, "0:01", "1 segundo", "1 second"),
        (69, "1:09", "1 minuto 9 segundos", "1 minute 9 seconds"),
        (3600, "1:00:00", "1 hora", "1 hour"),
        (3723, "1:02:03", "1 hora 2 minutos 3 segundos", "1 hour 2 minutes 3 seconds"),
    ],
)
def test_formats(seconds: int, clock: str, es: str, en: str) -> None:
    assert format_duration(seconds) == clock
    assert format_duration_words(seconds) == es
    assert format_duration_words(seconds, "en") == en


def test_negative_durations_cannot_be_formatted() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_duration(-1)


@given(st.integers(min_value=0, max_value=10 * 3600))
def test_clock_format_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.integers(min_value=0, max_value=10 * 3600), st.sampled_from(["es", "en"]))
def test_word_format_round_trips(seconds: int, lang: str) -> None:
    assert parse_duration(format_duration_words(seconds, lang)) == seconds
