"""The report's title says the week's dates as people say them, in Spanish or English."""

from __future__ import annotations

from datetime import date

import pytest

from reports.i18n import date_range, report_title


@pytest.mark.parametrize(
    ("start", "end", "es", "en"),
    [
        (
            date(2026, 11, 16),
            date(2026, 11, 22),
            "16 al 22 de noviembre de 2026",
            "16–22 November 2026",
        ),
        (
            date(2026, 11, 30),
            date(2026, 12, 6),
            "30 de noviembre al 6 de diciembre de 2026",
            "30 November – 6 December 2026",
        ),
        (
            date(2026, 12, 28),
            date(2027, 1, 3),
            "28 de diciembre de 2026 al 3 de enero de 2027",
            "28 December 2026 – 3 January 2027",
        ),
    ],
)
def test_a_span_names_its_month_and_year_once_when_shared(
    start: date, end: date, es: str, en: str
) -> None:
    assert date_range(start, end, "es") == es
    assert date_range(start, end, "en") == en


def test_the_title_is_the_report_name_and_the_dates() -> None:
    start, end = date(2026, 11, 16), date(2026, 11, 22)

    assert report_title(start, end, "es") == "Informe semanal · 16 al 22 de noviembre de 2026"
    assert report_title(start, end, "en") == "Weekly report · 16–22 November 2026"
