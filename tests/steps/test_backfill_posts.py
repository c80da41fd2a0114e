"""`pulso backfill posts`: own posts back to a date through the collectors, stored like the
nightly's in a `backfill` run (YouTube's units recorded), X's paid pages asked for first."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx
from sqlalchemy import select

from collectors import registry
from pulso.cli import backfill_cmd, context
from pulso.cli.app import main
from storage.db import make_engine, session_factory
from storage.models import CollectionRun, Post, PostMetricSnapshot, SourceResult
from tests.collectors import scenario
from tests.collectors.conftest import payload
from tests.collectors.test_backfill_bounds import PAGE_1, PAGE_2, _playlist, _videos


@pytest.fixture
def office(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    scenario.configure(monkeypatch, tmp_path)
    context.reset()
    yield tmp_path
    context.reset()


def _youtube(router: respx.MockRouter) -> respx.Route:
    router.get(f"{scenario.YOUTUBE}/channels").mock(
        return_value=httpx.Response(200, json=payload("youtube", "channel"))
    )
    playlist = router.get(f"{scenario.YOUTUBE}/playlistItems").mock(
        side_effect=[
            httpx.Response(200, json=_playlist(PAGE_1, "CAIQAA")),
            httpx.Response(200, json=_playlist(PAGE_2, "CAQQAA")),
        ]
    )
    router.get(f"{scenario.YOUTUBE}/videos").mock(
        side_effect=[
            httpx.Response(200, json=_videos(PAGE_1)),
            httpx.Response(200, json=_videos(PAGE_2)),
        ]
    )
    return playlist


def test_backfill_youtube_and_facebook_stores_posts_in_a_backfill_run(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with respx.mock(assert_all_called=False) as router:
        scenario.meta_ok(router)  # Instagram's answers too: not asked for here
        playlist = _youtube(router)
        code = main(
            [
                "backfill",
                "posts",
                "--since",
                "01/02/2026",
                "--only",
                "youtube",
                "--only",
                "facebook",
            ]
        )
    assert code == 0
    out = capsys.readouterr().out
    assert "youtube:AlcaldiaDeCali: 3 posts since 01/02/2026" in out
    assert "facebook:AlcaldiaDeCali: 1 posts since 01/02/2026" in out
    assert playlist.call_count == 2
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        run = session.scalars(select(CollectionRun)).one()
        assert (run.kind, run.status, run.flags) == ("backfill", "ok", {"since": "2026-02-01"})
        results = {r.source: r for r in session.scalars(select(SourceResult))}
        # YouTube's units are recorded, so the night's quota meter counts them.
        assert (results["youtube:AlcaldiaDeCali"].counts or {})["quota_units"] == 5
        ids = set(session.scalars(select(Post.platform_post_id)))
        assert {"vid-mar", "vid-feb", "vid-feb2", "123456789012345_987654321098600"} == ids
        assert len(session.scalars(select(PostMetricSnapshot)).all()) == 4
    engine.dispose()


def test_backfill_twice_adds_no_post_or_snapshot_twice(office: Path) -> None:
    for _ in range(2):
        with respx.mock() as router:
            _youtube(router)
            assert main(["backfill", "posts", "--since", "2026-02-01", "--only", "youtube"]) == 0
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        assert len(session.scalars(select(Post)).all()) == 3
        assert len(session.scalars(select(PostMetricSnapshot)).all()) == 3
    engine.dispose()


def test_x_past_its_page_limit_is_refused_without_a_terminal(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["backfill", "posts", "--since", "2026-02-01", "--only", "twitter"])
    assert code == 2
    err = capsys.readouterr().err
    assert "@AlcaldiaDeCali" in err and "api.x_max_pages = 1" in err
    assert "stdin is not a terminal" in err and "--yes" in err
    assert not (office / "pulso.db").exists() or _runs(office) == 0


def _runs(office: Path) -> int:
    engine = make_engine(f"sqlite:///{office / 'pulso.db'}")
    with session_factory(engine)() as session:
        count = len(session.scalars(select(CollectionRun)).all())
    engine.dispose()
    return count


X = registry.platform("twitter")
assert X.paid_reads is not None
PAID = X.paid_reads


def test_x_pages_agreed() -> None:
    assert backfill_cmd.pages_agreed("X", PAID, [], 1, yes=False) == 1
    assert backfill_cmd.pages_agreed("X", PAID, ["AlcaldiaDeCali"], 1, yes=True) == 32
    assert backfill_cmd.pages_agreed("X", PAID, ["AlcaldiaDeCali"], 40, yes=False) == 40


def test_x_pages_asked_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert backfill_cmd.pages_agreed("X", PAID, ["AlcaldiaDeCali"], 1, yes=False) == 1
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert backfill_cmd.pages_agreed("X", PAID, ["AlcaldiaDeCali"], 1, yes=False) == 32
