"""Campaigns plug into the nightly spike check as groups "campaign:<name>": their terms are
matched in the stored article text, and only campaigns running that day are checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from flows.steps.spikes import check_spikes, spike_message
from settings import Settings, load_settings
from storage.db import session_factory, transaction
from storage.keys import name_key
from storage.models import Article, CollectionRun, Mention, SourceResult, Spike
from storage.outlets import ensure_outlet

BOGOTA = ZoneInfo("America/Bogota")
DAY = date(2026, 11, 18)
T0 = datetime(2026, 11, 19, 7, tzinfo=UTC)


def seed(engine: Engine) -> None:
    """Three mentions a day for 40 days; on DAY, six more whose text names the campaign."""
    first = DAY - timedelta(days=40)
    with transaction(engine) as session:
        pais = ensure_outlet(session, name="El País", medium="print").id
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
            texts = ["Obras en la ciudad"] * 3
            if day == DAY:
                texts += ["Los GUARDIANES DE VIDA recorren las laderas"] * 6
            for text in texts:
                n += 1
                article = Article(
                    outlet_id=pais,
                    canonical_url=f"https://news.example.org/{n}",
                    url=f"https://news.example.org/{n}",
                    title=f"Nota {n}",
                    title_key=name_key(f"Nota {n}"),
                    text=text,
                    published_at=datetime.combine(day, time(9), tzinfo=BOGOTA),
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


def configure(tmp_path: Path, start: str) -> Settings:
    (tmp_path / "pulso.toml").write_text(
        '[mentions]\nterms = ["Alcaldía de Cali"]\n'
        "[alerts]\nspike_sigma = 3.0\nspike_min_count = 5\n"
        '[[campaigns]]\nname = "Guardianes de Vida"\nterms = ["Guardianes de Vida"]\n'
        f"from = {start}\n",
        encoding="utf-8",
    )
    return load_settings()


def test_a_campaign_spike_is_found_recorded_and_worded(engine: Engine, tmp_path: Path) -> None:
    seed(engine)
    settings = configure(tmp_path, "2026-11-01")

    found = check_spikes(engine, settings, DAY)

    assert [(a.finding.key, a.finding.count) for a in found] == [
        ("all", 9),
        ("term:Alcaldía de Cali", 9),
        ("campaign:Guardianes de Vida", 6),
    ]
    campaign = found[-1]
    assert campaign.finding.mean == 0.0
    assert [s.mentions for s in campaign.stories] == [1] * 5  # top stories of its own mentions
    message = spike_message(campaign, "es")
    assert message["group"] == "campaña «Guardianes de Vida»"
    with session_factory(engine)() as session:
        keys = set(session.scalars(select(Spike.key)))
    assert "campaign:Guardianes de Vida" in keys
    assert check_spikes(engine, settings, DAY) == []


def test_a_campaign_not_yet_running_is_not_checked(engine: Engine, tmp_path: Path) -> None:
    seed(engine)
    settings = configure(tmp_path, "2026-12-01")
    found = check_spikes(engine, settings, DAY)
    assert "campaign:Guardianes de Vida" not in {a.finding.key for a in found}
