"""`pulso import posts`: all or nothing, idempotent (posts and snapshots), NULL never 0, an
import batch recorded, and the imported posts counted by `pulso activity`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from collectors.records import PostStats
from flows.steps.post_history import import_posts
from importers.posts import KnownAccount
from importers.problems import ImportRejected
from pulso.cli import context
from pulso.cli.app import main
from storage.accounts import ensure_account
from storage.activity import activity
from storage.models import Account, ImportBatch, Post, PostMetricSnapshot
from storage.social import store_posts

BOGOTA = ZoneInfo("America/Bogota")
KNOWN = (KnownAccount("facebook", "AlcaldiaDeCali", id="123456789012345"),)
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)

META = (
    "Post ID,Page ID,Page name,Description,Publish time,Permalink,Post type,Views,Reactions,"
    "Comments,Shares\n"
    "123456789012345_1,123456789012345,Alcaldía de Cali,Vacunación,03/15/2021 09:05,"
    'https://www.facebook.com/123456789012345/posts/1,Photos,"12,400",1432,218,57\n'
    "123456789012345_2,123456789012345,Alcaldía de Cali,Rendición,03/02/2021 18:30,"
    "https://www.facebook.com/123456789012345/posts/2,Videos,,880,95,\n"
)


def _file(tmp_path: Path, text: str = META, name: str = "meta.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _count(engine: Engine, model: type[object]) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_import_twice_writes_once_and_records_batches(engine: Engine, tmp_path: Path) -> None:
    path = _file(tmp_path)
    first = import_posts(engine, path, zone=BOGOTA, known=KNOWN, as_of=date(2026, 11, 20), now=NOW)
    assert (first.format, first.rows, first.counts.added) == ("meta", 2, 2)
    # Again, on the same day and on a later one: nothing new (same counts as the latest).
    again = import_posts(engine, path, zone=BOGOTA, known=KNOWN, as_of=date(2026, 11, 20), now=NOW)
    later = import_posts(engine, path, zone=BOGOTA, known=KNOWN, now=NOW)
    for summary in (again, later):
        assert (summary.counts.added, summary.counts.replaced, summary.counts.unchanged) == (
            0,
            0,
            2,
        )
    assert _count(engine, Post) == 2
    assert _count(engine, PostMetricSnapshot) == 2
    with Session(engine) as session:
        batches = session.scalars(select(ImportBatch).order_by(ImportBatch.id)).all()
        assert [(b.kind, b.file_name, b.rows, b.added) for b in batches] == [
            ("posts", "meta.csv", 2, 2),
            ("posts", "meta.csv", 2, 0),
            ("posts", "meta.csv", 2, 0),
        ]
        video = session.scalars(
            select(PostMetricSnapshot)
            .join(Post)
            .where(Post.platform_post_id == "123456789012345_2")
        ).one()
        # Empty cells are unknown: NULL, never 0.
        assert (video.reactions, video.comments, video.shares, video.views) == (880, 95, None, None)
        assert video.day == date(2026, 11, 20)
        account = session.scalars(select(Account)).one()
        assert (account.platform, account.handle, account.own) == (
            "facebook",
            "AlcaldiaDeCali",
            True,
        )


def test_new_counts_add_a_snapshot_on_the_export_day(engine: Engine, tmp_path: Path) -> None:
    import_posts(
        engine, _file(tmp_path), zone=BOGOTA, known=KNOWN, as_of=date(2026, 1, 10), now=NOW
    )
    grown = META.replace("1432,218,57", "1500,220,60")
    summary = import_posts(
        engine, _file(tmp_path, grown), zone=BOGOTA, known=KNOWN, as_of=date(2026, 2, 10), now=NOW
    )
    assert (summary.counts.added, summary.counts.replaced, summary.counts.unchanged) == (0, 1, 1)
    assert _count(engine, PostMetricSnapshot) == 3
    # The same day again with other counts replaces that day's snapshot, never adds one.
    again = META.replace("1432,218,57", "1600,220,60")
    import_posts(
        engine, _file(tmp_path, again), zone=BOGOTA, known=KNOWN, as_of=date(2026, 2, 10), now=NOW
    )
    assert _count(engine, PostMetricSnapshot) == 3


def test_a_bad_file_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    bad = META.replace("1432,218,57", "1432,muchos,57")
    with pytest.raises(ImportRejected) as rejected:
        import_posts(engine, _file(tmp_path, bad), zone=BOGOTA, known=KNOWN, now=NOW)
    assert [str(p) for p in rejected.value.problems] == [
        f"{tmp_path / 'meta.csv'}:2: Comments: 'muchos' is not a whole number "
        "(e.g. 235343 or 235.343)"
    ]
    assert _count(engine, Post) == _count(engine, ImportBatch) == _count(engine, Account) == 0


def test_a_collected_post_stays_on_its_account(engine: Engine, tmp_path: Path) -> None:
    """Keyed by platform + post id: the export's page id does not make a second post."""
    with Session(engine) as session:
        account = ensure_account(session, platform="facebook", handle="alcaldia.cali")
        collected = PostStats(
            platform="facebook",
            account_handle="alcaldia.cali",
            post_id="123456789012345_1",
            fetched_at=datetime(2026, 11, 1, 12, tzinfo=UTC),
            published_at=datetime(2021, 3, 15, 14, 5, 11, tzinfo=UTC),
            reactions=1400,
        )
        store_posts(session, account, [collected], day=date(2026, 11, 1), run_id=None)
        session.commit()
        account_id = account.id
    summary = import_posts(
        engine, _file(tmp_path), zone=BOGOTA, known=(), as_of=date(2026, 11, 20), now=NOW
    )
    assert (summary.counts.added, summary.counts.replaced) == (1, 1)
    with Session(engine) as session:
        post = session.scalars(
            select(Post).where(Post.platform_post_id == "123456789012345_1")
        ).one()
        assert post.account_id == account_id
        # The collected publication time (to the second) is kept.
        assert post.published_at == datetime(2021, 3, 15, 14, 5, 11, tzinfo=UTC)
    assert _count(engine, Post) == 2


def test_activity_counts_imported_posts(engine: Engine, tmp_path: Path) -> None:
    import_posts(
        engine, _file(tmp_path), zone=BOGOTA, known=KNOWN, as_of=date(2021, 3, 31), now=NOW
    )
    with Session(engine) as session:
        (found,) = activity(
            session, from_=date(2021, 3, 1), to=date(2021, 3, 31), tz=BOGOTA, platform="facebook"
        )
    assert found.posts == 2
    # Facebook interactions: reactions + comments + shares; the unknown share adds nothing.
    assert found.interactions == 1432 + 218 + 57 + 880 + 95
    # Snapshots dated after the period's end are not its counts (reports are reproducible).
    with Session(engine) as session:
        (before,) = activity(
            session, from_=date(2021, 3, 1), to=date(2021, 3, 30), tz=BOGOTA, platform="facebook"
        )
    assert (before.posts, before.interactions) == (2, None)


def test_cli_import_posts(
    engine: Engine,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    path = _file(tmp_path, META, "export.csv")
    assert (
        main(["import", "posts", str(path), "--account", "AlcaldiaDeCali", "--as-of", "31/03/2021"])
        == 0
    )
    out = capsys.readouterr().out
    assert "meta export, 2 posts, counts as of 31/03/2021: 2 added, 0 updated, 0 unchanged" in out
    context.reset()
    assert main(["activity", "--from", "2021-03-01", "--to", "2021-03-31", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    rows = rows if isinstance(rows, list) else [rows]
    assert [(r["platform"], r["account"], r["posts"]) for r in rows if r["posts"]] == [
        ("facebook", "AlcaldiaDeCali", 2)
    ]
    context.reset()
    bad = _file(tmp_path, META.replace("03/15/2021", "15/15/2021"), "malo.csv")
    assert main(["import", "posts", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "malo.csv:2: Publish time: '15/15/2021 09:05' is not a real date and time" in err
    context.reset()
    assert main(["import", "posts", str(path), "--platform", "myspace"]) == 2
    assert "--platform: unknown platform 'myspace'" in capsys.readouterr().err


def test_reports_count_imported_posts(engine: Engine, tmp_path: Path) -> None:
    """The weekly and period reports read the same posts: counted per platform, ranked."""
    from reports.period import Period
    from reports.queries.period import best_posts, year_posts

    import_posts(
        engine, _file(tmp_path), zone=BOGOTA, known=KNOWN, as_of=date(2021, 3, 31), now=NOW
    )
    with Session(engine) as session:
        assert year_posts(session, 2021, date(2021, 3, 31), BOGOTA) == {"facebook": 2}
        best = best_posts(session, Period(date(2021, 3, 1), date(2021, 3, 31)), BOGOTA, 5)
    assert [(p.post_id, p.interactions) for p in best] == [
        ("123456789012345_1", 1432 + 218 + 57),
        ("123456789012345_2", 880 + 95),
    ]
