"""A night whose coverage spikes: recorded once, alerted once (webhook and e-mail) with the
stories behind it, and shown in the weekly report and on the dashboard's mentions page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from flows.steps.spikes import alert_spikes, check_spikes, night_spikes
from flows.steps.weekly import weekly_report
from pulso.cli import context
from pulso.dashboard import create_app
from reports.week import Week
from settings import Settings, load_settings
from storage.db import session_factory, transaction
from storage.keys import name_key
from storage.models import Article, CollectionRun, Mention, SourceResult, Spike
from storage.outlets import ensure_outlet
from tests.flows.fakes import webhook_receiver
from tests.flows.smtp import Inbox, smtp_server

BOGOTA = ZoneInfo("America/Bogota")
DAY = date(2026, 11, 18)  # a Wednesday of week 2026-W47
HOSTILE = "<img src=x onerror=alert(1)> Alcaldía responde"
T0 = datetime(2026, 11, 19, 7, tzinfo=UTC)


def seed(engine: Engine, spike_day: date = DAY) -> None:
    """Two mentions a day for 40 days, then 14 on `spike_day` (most with a hostile title)."""
    first = spike_day - timedelta(days=40)
    with transaction(engine) as session:
        pais = ensure_outlet(session, name="El País", medium="print").id
        blu = ensure_outlet(session, name="Blu Radio", medium="radio").id
        run = CollectionRun(day=first, kind="nightly", status="ok", started_at=T0)
        session.add(run)
        session.flush()
        session.add(
            SourceResult(
                run_id=run.id, source="news:El País", kind="news", status="ok", started_at=T0
            )
        )
        n = 0
        for offset in range(41):
            day = first + timedelta(days=offset)
            for _ in range(14 if day == spike_day else 2):
                n += 1
                title = HOSTILE if day == spike_day and n % 7 else f"Nota {n}"
                published = datetime.combine(day, time(9), tzinfo=BOGOTA)
                article = Article(
                    outlet_id=pais if n % 2 else blu,
                    canonical_url=f"https://news.example.org/{n}",
                    url=f"https://news.example.org/{n}",
                    title=title,
                    title_key=name_key(f"{title} {n}"),
                    published_at=published,
                    published_day=day,
                    fetched_at=T0,
                )
                session.add(article)
                session.flush()
                session.add(
                    Mention(
                        article_id=article.id, matched_terms=["Alcaldía de Cali"], matched_at=T0
                    )
                )


def configure(tmp_path: Path, extra: str = "") -> Settings:
    (tmp_path / "pulso.toml").write_text(
        '[mentions]\nterms = ["Alcaldía de Cali", "Metro de Cali"]\n'
        "[alerts]\nspike_sigma = 3.0\nspike_min_count = 5\n" + extra,
        encoding="utf-8",
    )
    return load_settings()


@pytest.fixture
def spiked(engine: Engine) -> Engine:
    seed(engine)
    return engine


def test_a_spike_is_recorded_once_whatever_the_reruns(spiked: Engine, tmp_path: Path) -> None:
    settings = configure(tmp_path)

    first = check_spikes(spiked, settings, DAY)
    again = check_spikes(spiked, settings, DAY)

    assert [(a.finding.key, a.finding.count) for a in first] == [
        ("all", 14),
        ("term:Alcaldía de Cali", 14),
    ]
    assert again == []
    with session_factory(spiked)() as session:
        rows = list(session.scalars(select(Spike).order_by(Spike.key)))
    assert [(r.key, r.day, r.count, r.mean, r.sd) for r in rows] == [
        ("all", DAY, 14, 2.0, 0.0),
        ("term:Alcaldía de Cali", DAY, 14, 2.0, 0.0),
    ]


def test_an_ordinary_day_raises_nothing(spiked: Engine, tmp_path: Path) -> None:
    assert check_spikes(spiked, configure(tmp_path), DAY - timedelta(days=1)) == []


def test_the_night_checks_the_day_before_its_own(spiked: Engine, tmp_path: Path) -> None:
    alerts = night_spikes(spiked, configure(tmp_path), DAY + timedelta(days=1))
    assert {a.finding.day for a in alerts} == {DAY}


def test_a_broken_check_never_fails_the_night(tmp_path: Path) -> None:
    from storage.db import make_engine

    broken = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # no tables
    assert night_spikes(broken, configure(tmp_path), DAY) == []


def test_each_spike_alerts_the_webhook_and_the_inbox_with_its_stories(
    spiked: Engine, tmp_path: Path
) -> None:
    inbox = Inbox()
    with webhook_receiver() as (url, hooks), smtp_server(inbox) as port:
        settings = configure(
            tmp_path,
            f'[health]\nwebhook_url = "{url}"\n'
            f'[email]\nsmtp_host = "127.0.0.1"\nsmtp_port = {port}\nsecurity = "none"\n'
            'from = "pulso@cali.gov.co"\nto = ["prensa@cali.gov.co"]\n',
        )
        alert_spikes(settings, check_spikes(spiked, settings, DAY), sleep=pytest.fail)

    assert [h["key"] for h in hooks] == ["all", "term:Alcaldía de Cali"]
    hook = hooks[1]
    assert hook["kind"] == "spike" and hook["day"] == "2026-11-18" and hook["count"] == 14
    assert hook["stories"][0]["title"] == HOSTILE and hook["stories"][0]["mentions"] == 1
    assert "Pico de menciones el 18/11/2026" in hook["text"]
    assert len(inbox.received) == 2
    message = inbox.received[1][2]
    assert message["Subject"].startswith("Pulso: Pico de menciones el 18/11/2026")
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    body = html.get_content()
    assert "<img" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


def test_the_weekly_report_and_dashboard_show_the_weeks_spikes(
    spiked: Engine, tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = configure(tmp_path)
    check_spikes(spiked, settings, DAY)

    written = weekly_report(
        spiked, settings, out_dir=tmp_path / "out", week=Week(date(2026, 11, 16))
    )
    html = next(p for p in written.files if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Picos de menciones" in html
    assert "Pico de menciones el 18/11/2026 en «Alcaldía de Cali»: 14" in html

    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    page = dashboard(spiked).get("/mentions", params={"from": "2026-11-01", "to": "2026-11-30"})
    assert page.status_code == 200
    assert 'id="spikes"' in page.text and "todas las menciones: 14" in page.text


def dashboard(engine: Engine) -> TestClient:
    context.reset()
    app = create_app(load_settings(), engine, today=lambda: date(2026, 11, 25))
    return TestClient(app)


@pytest.fixture(autouse=True)
def _reset_context() -> Iterator[None]:
    yield
    context.reset()


def test_the_nightly_flow_alerts_yesterdays_spike_once_across_reruns(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.nightly
    from flows.steps.collection import Plan
    from storage.db import make_engine
    from storage.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'night.db'}"
    monkeypatch.setenv("PULSO_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    yesterday = datetime.now(UTC).astimezone(BOGOTA).date() - timedelta(days=1)
    seed(engine, yesterday)
    engine.dispose()
    monkeypatch.setattr(flows.nightly, "plan_sources", lambda *_a, **_k: Plan([]))
    with webhook_receiver() as (hook_url, hooks):
        configure(tmp_path, f'[health]\nwebhook_url = "{hook_url}"\n')
        flows.nightly.nightly()
        flows.nightly.nightly()

    spikes = [h for h in hooks if h.get("kind") == "spike"]
    assert [(h["key"], h["day"]) for h in spikes] == [
        ("all", yesterday.isoformat()),
        ("term:Alcaldía de Cali", yesterday.isoformat()),
    ]
