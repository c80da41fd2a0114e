"""The report's numbers over the fixture database (tests/reports/seed.py), section by section."""

from datetime import date
from decimal import Decimal

from reports.model import WeeklyReport


def test_summary_compares_with_the_previous_week(report: WeeklyReport) -> None:
    got = {h.key: (h.value, h.previous, h.change) for h in report.summary}
    assert got == {
        "followers": (945_093, 943_000, 2_093),
        "new_followers": (2_093, 1_200, 893),
        "posts": (6, 2, 4),
        "interactions": (699, 144, 555),
        "mentions": (7, 1, 6),
        "stories": (4, 1, 3),
        "free_press": (42_475_000, 3_900_000, 38_575_000),
    }
    posts = next(h for h in report.summary if h.key == "posts")
    assert posts.change_pct == Decimal("200.0")


def test_followers_per_own_account(report: WeeklyReport) -> None:
    rows = [(r.platform, r.account, r.start, r.end, r.new, r.growth_pct) for r in report.followers]
    assert rows == [
        ("facebook", "Alcaldía de Cali", 486_000, 486_513, 513, Decimal("0.11")),
        ("instagram", "alcaldiadecali", 183_000, 183_900, 900, Decimal("0.49")),
        ("twitter", "AlcaldiaDeCali", 274_000, 274_680, 680, Decimal("0.25")),
        ("youtube", "AlcaldiaCali", None, None, None, None),
    ]


def test_peers_are_a_separate_benchmark(report: WeeklyReport) -> None:
    assert [(r.account, r.start, r.end, r.new) for r in report.peers] == [
        ("Gobernación del Valle", 100_000, 100_250, 250)
    ]


def test_sparkline_has_twelve_weekly_points_with_a_gap(report: WeeklyReport) -> None:
    facebook = report.followers[0]
    assert len(facebook.weekly_end) == 12
    assert facebook.weekly_end[-3:] == (485_500, 486_000, 486_513)
    assert facebook.weekly_end[:6] == (None, None, None, 480_000, 481_000, None)
    assert report.sparkline_weeks[-1] == date(2026, 11, 15)


def test_volume_against_annual_targets(report: WeeklyReport) -> None:
    rows = [
        (v.platform, v.week, v.year_to_date, v.target, v.remaining, v.pace_needed, v.progress_pct)
        for v in report.volume
    ]
    assert rows == [
        ("facebook", 3, 6, 2200, 2194, 334, Decimal("0.3")),
        ("instagram", 0, 1, 700, 699, 107, Decimal("0.1")),
        ("twitter", 3, 4, 5000, 4996, 761, Decimal("0.1")),
        ("youtube", 0, 0, 400, 400, 61, Decimal("0.0")),
    ]


def test_interactions_per_platform(report: WeeklyReport) -> None:
    rows = [
        (r.platform, r.posts, r.reactions, r.comments, r.shares, r.views, r.interactions)
        for r in report.interactions
    ]
    assert rows == [
        ("facebook", 3, 250, 25, 11, None, 286),
        ("instagram", 0, None, None, None, None, None),
        ("twitter", 3, 311, 40, 62, 12_500, 413),
        ("youtube", 0, None, None, None, None, None),
    ]


def test_top_posts_by_interactions_with_links(report: WeeklyReport) -> None:
    top = [(p.post_id, p.interactions, p.url) for p in report.top_posts]
    assert top == [
        ("1790000000000000001", 400, "https://example.org/twitter/1790000000000000001"),
        ("fb-p1", 230, "https://example.org/facebook/fb-p1"),
        ("fb-p2", 56, "https://example.org/facebook/fb-p2"),
        ("1790000000000000002", 12, "https://example.org/twitter/1790000000000000002"),
        ("1790000000000000003", 1, "javascript:alert(1)"),
    ]


def test_news_by_outlet_and_medium(report: WeeklyReport) -> None:
    news = report.news
    assert (news.mentions, news.stories) == (7, 4)
    assert [(r.name, r.medium, r.mentions, r.stories) for r in news.by_outlet] == [
        ("Blu Radio", "radio", 2, 2),
        ("Cali es Cali", "web", 2, 2),
        ("El País", "print", 2, 2),
        ("Noticiero 90 Minutos", "tv", 1, 1),
    ]
    assert [(r.medium, r.mentions, r.stories) for r in news.by_medium] == [
        ("tv", 1, 1),
        ("radio", 2, 2),
        ("print", 2, 2),
        ("web", 2, 2),
    ]


def test_top_stories_rank_by_mentions(report: WeeklyReport) -> None:
    stories = [(s.title, s.mentions, s.outlets) for s in report.news.top_stories]
    assert stories[:2] == [
        ("Alcaldía anuncia plan de movilidad", 3, ("Blu Radio", "Cali es Cali", "El País")),
        ("Nuevo parque en el oriente", 2, ("El País", "Noticiero 90 Minutos")),
    ]
    assert [s.title for s in report.news.top_stories[2:]] == [
        '<script>alert("x")</script> Título',
        "Sin fecha",
    ]


def test_free_press_totals_subtotals_and_counts(report: WeeklyReport) -> None:
    fp = report.free_press
    assert (fp.total_before_iva, fp.iva, fp.total_with_iva) == (42_475_000, 8_070_250, 50_545_250)
    assert [(r.name, r.before_iva, r.with_iva) for r in fp.by_outlet] == [
        ("Noticiero 90 Minutos", 38_415_000, 45_713_850),
        ("El País", 3_060_000, 3_641_400),
        ("Cali es Cali", 1_000_000, 1_190_000),
    ]
    assert [(r.name, r.before_iva) for r in fp.by_medium] == [
        ("tv", 38_415_000),
        ("print", 3_060_000),
        ("web", 1_000_000),
    ]
    assert (fp.clips, fp.airtime_s, fp.column_cm, fp.web_items) == (6, 591, Decimal("25.5"), 2)


def test_free_press_annex_lists_every_item_and_the_unvalued(report: WeeklyReport) -> None:
    fp = report.free_press
    newscast = [i.value_before_iva for i in fp.items if i.outlet == "Noticiero 90 Minutos"]
    assert newscast == [10_920_000, 6_825_000, 10_790_000, 5_395_000, 4_485_000]
    assert sum(i.value_before_iva for i in fp.items) == fp.total_before_iva
    assert {i.rate_ref for i in fp.items} == {"tarifas.csv:2", "tarifas.csv:3", "tarifas.csv:4"}
    unvalued = sorted((u.outlet, u.title) for u in fp.unvalued)
    assert unvalued == [
        ("Blu Radio", "Plan de movilidad de la Alcaldía"),
        ("Blu Radio", "Sin fecha"),
        ("El País", "Alcaldía anuncia plan de movilidad"),
        ("El País", "Nuevo parque en el oriente"),
        ("Noticiero 90 Minutos", "Nuevo parque en el oriente de Cali"),
        ("Telepacífico", "Nota 7"),
    ]
    assert all(u.reason for u in fp.unvalued)


def test_quality_failed_and_stale_sources(report: WeeklyReport) -> None:
    q = report.quality
    assert q.runs == 4
    assert [(i.source, i.times, i.last_seen, i.error_kind) for i in q.failed_sources] == [
        ("instagram:alcaldiadecali", 3, date(2026, 11, 15), "auth"),
        ("news:Blu Radio", 1, date(2026, 11, 10), "unavailable"),
        ("news:El País", 2, date(2026, 11, 15), "timeout"),
        ("twitter:AlcaldiaDeCali", 1, date(2026, 11, 15), "rate_limited"),
    ]
    # Stale: failing on each of the last 2 collection days (storage/health.py's rule).
    assert [(i.source, i.times, i.last_seen) for i in q.stale_sources] == [
        ("instagram:alcaldiadecali", 3, None),
        ("news:El País", 2, date(2026, 11, 12)),
    ]


def test_quality_credentials_and_missing_days(report: WeeklyReport) -> None:
    q = report.quality
    assert [(i.source, i.problem, i.last_seen) for i in q.credentials] == [
        ("instagram:alcaldiadecali", "auth", date(2026, 11, 15)),
        ("facebook:AlcaldiaDeCali", "expiring", date(2026, 11, 20)),
    ]
    missing = {m.account: m.days for m in q.missing_days}
    assert missing["alcaldiadecali"] == tuple(date(2026, 11, d) for d in (11, 13, 14, 15))
    assert len(missing["AlcaldiaCali"]) == 7
    assert "Alcaldía de Cali" not in missing


def test_a_week_without_data_still_builds(empty_report: WeeklyReport) -> None:
    assert not empty_report.has_data
    assert all(h.value is None for h in empty_report.summary)
    assert empty_report.free_press.total_before_iva is None
