from datetime import date
from decimal import Decimal

import pytest

from reports import formatting as f


@pytest.mark.parametrize(
    ("lang", "money", "pct", "day"),
    [("es", "$38.415.000", "66,6 %", "13/05/2020"), ("en", "$38,415,000", "66.6%", "2020-05-13")],
)
def test_office_conventions(lang: str, money: str, pct: str, day: str) -> None:
    assert f.fmt_money(38_415_000, lang) == money
    assert f.fmt_pct(Decimal("66.6"), lang) == pct
    assert f.fmt_date(date(2020, 5, 13), lang) == day


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(591, "9 min 51 s"), (45, "45 s"), (3723, "1 h 2 min 3 s"), (3600, "1 h 0 min 0 s")],
)
def test_airtime_reads_as_minutes_and_seconds(seconds: int, text: str) -> None:
    assert f.fmt_duration(seconds) == text


def test_missing_is_words_never_zero() -> None:
    assert f.fmt_duration(None) == "sin datos"
    assert f.fmt_int(None, "en") == "no data"
