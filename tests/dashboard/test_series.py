"""The chart's points: each account's last known figure on or before each sample day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from collectors.records import FollowerFigure
from flows.steps.followers import growth_report
from pulso.dashboard.series import follower_series
from storage.db import transaction
from storage.followers import upsert_imported_followers


def test_points_are_the_figures_as_of_each_day(any_engine: Engine) -> None:
    figures = [
        FollowerFigure("facebook", "AlcaldiaDeCali", date(2020, 1, 1), 235_343),
        FollowerFigure("facebook", "AlcaldiaDeCali", date(2020, 1, 10), 236_000),
        FollowerFigure("facebook", "AlcaldiaDeCali", date(2020, 1, 20), 240_100),
        FollowerFigure("youtube", "AlcaldiaDeCali", date(2020, 1, 15), 8_854),
    ]
    with transaction(any_engine) as session:
        upsert_imported_followers(session, figures)
    wanted = [("facebook", "AlcaldiaDeCali"), ("youtube", "AlcaldiaDeCali"), ("tiktok", "nadie")]
    facebook, youtube = follower_series(any_engine, wanted, date(2020, 1, 1), date(2020, 1, 21))
    as_of = dict(facebook.points)
    assert as_of[date(2020, 1, 1)] == 235_343
    assert as_of[date(2020, 1, 9)] == 235_343 and as_of[date(2020, 1, 10)] == 236_000
    assert as_of[date(2020, 1, 21)] == 240_100
    assert dict(youtube.points)[date(2020, 1, 14)] is None  # before its first figure: unknown
    assert dict(youtube.points)[date(2020, 1, 15)] == 8_854
    # The last point is what `pulso growth` reports as the end of the same range.
    (growth,) = growth_report(any_engine, platform="facebook", to=date(2020, 1, 21))
    assert growth.end is not None
    assert facebook.points[-1] == (date(2020, 1, 21), growth.end.followers)
