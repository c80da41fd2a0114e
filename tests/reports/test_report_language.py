"""The Spanish report holds no English of Pulso's own; notices, cards and names read right."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from reports.cells import display
from reports.highlights import SENTENCES
from reports.i18n import LABELS
from reports.messages import MESSAGES
from reports.model import WeeklyReport
from reports.tables import cell_kind, summary_table
from reports.weekly import build_weekly_report
from reports.write import write_weekly_report
from settings.model import Config
from tests.reports.render_helpers import soup_of, table_rows
from tests.reports.seed import NOW, WEEK_START

# Reasons as collectors and valuation word them (English, for logs and scripts).
RAW_REASONS = (
    "Meta token expired",
    "read timeout",
    "blocked by the outlet",
    "asked to wait",
    "has no item rate",
    "its rates are per",
    "no rate card for outlet",
)


def _english_fragments() -> set[str]:
    """Every English catalogue text that Spanish does not share, cut at its placeholders."""
    fragments = set()
    for catalogue in (LABELS, MESSAGES, SENTENCES):
        for es, en in catalogue.values():
            if es == en:
                continue
            for piece in re.split(r"\{[a-z_]+\}", en):
                piece = piece.strip(" .,:;()")
                if len(piece) >= 12 and piece not in es:
                    fragments.add(piece)
    return fragments


def _page_text(report: WeeklyReport, folder: Path, lang: str) -> str:
    write_weekly_report(report, folder, lang)
    return " ".join(soup_of(folder / "report.html").get_text(" ", strip=True).split())


@pytest.fixture
def noisy_report(seeded: Session, config: Config, tmp_path: Path) -> WeeklyReport:
    """The fixture week (failures, unvalued items, a token to renew) made without pulso.toml
    and with a logo that is not an image."""
    bad_logo = tmp_path / "logo.png"
    bad_logo.write_bytes(b"GIF89a not a png")
    return build_weekly_report(
        seeded,
        week_start=WEEK_START,
        config=config,
        now=NOW,
        config_found=False,
        config_path="/etc/pulso/pulso.toml",
        logo_path=bad_logo,
    )


def test_no_english_fragment_of_pulso_reaches_the_spanish_report(
    noisy_report: WeeklyReport, tmp_path: Path
) -> None:
    text = _page_text(noisy_report, tmp_path, "es")

    assert noisy_report.quality.failed_sources and noisy_report.free_press.unvalued
    assert noisy_report.quality.credentials and noisy_report.notices
    leaked = [f for f in _english_fragments() | set(RAW_REASONS) if f in text]
    assert leaked == []
    # ...while the same report in English does use them (the check is not vacuous).
    english = _page_text(noisy_report, tmp_path / "en", "en")
    assert sum(f in english for f in _english_fragments()) > 20


def test_reasons_are_worded_in_the_report_language(
    noisy_report: WeeklyReport, tmp_path: Path
) -> None:
    write_weekly_report(noisy_report, tmp_path, "es")
    soup = soup_of(tmp_path / "report.html")

    unvalued = {row[3]: row[4] for row in table_rows(soup, "free_press_unvalued")}
    assert unvalued["Alcaldía anuncia plan de movilidad"] == (
        "El País no tiene tarifa por nota (sus tarifas son por cm de columna)"
    )
    assert unvalued["Nota 7"] == "Telepacífico no tiene tarifario cargado"
    failed = {row[0]: row for row in table_rows(soup, "quality_failed")}
    assert failed["Instagram · alcaldiadecali"][4].startswith("la plataforma rechazó la credencial")
    assert failed["Noticias · El País"][4] == "la fuente tardó demasiado en responder"
    credentials = {row[0]: row for row in table_rows(soup, "quality_credentials")}
    assert credentials["Facebook · Alcaldía de Cali"][3] == (
        "el token vence el 20/11/2026: créelo de nuevo antes de esa fecha"
    )


def test_a_report_without_configuration_says_so(noisy_report: WeeklyReport, tmp_path: Path) -> None:
    write_weekly_report(noisy_report, tmp_path, "es")
    notices = [
        li.get_text(" ", strip=True)
        for li in soup_of(tmp_path / "report.html").select("#notices li")
    ]

    assert notices[0].startswith(
        "Este informe se generó sin archivo de configuración (/etc/pulso/pulso.toml)"
    )
    assert notices[1].startswith("El logo (")
    assert "no es una imagen PNG, JPEG o SVG" in notices[1]


def test_a_configuration_without_targets_says_so(seeded: Session) -> None:
    config = Config.model_validate({"accounts": [{"platform": "twitter", "handle": "x"}]})

    report = build_weekly_report(seeded, week_start=WEEK_START, config=config, now=NOW)

    assert [n.code for n in report.notices] == ["no_targets"]


def test_the_cover_has_the_dated_title_organization_and_logo(
    seeded: Session, config: Config, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    named = config.model_copy(update={"organization": "Alcaldía de Santiago de Cali"})
    report = build_weekly_report(
        seeded, week_start=WEEK_START, config=named, now=NOW, logo_path=logo
    )
    write_weekly_report(report, tmp_path, "es")
    soup = soup_of(tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")

    assert soup.h1 is not None
    assert soup.h1.get_text() == "Informe semanal · 9 al 15 de noviembre de 2026"
    assert soup.select_one(".organization").get_text() == "Alcaldía de Santiago de Cali"  # type: ignore[union-attr]
    image = soup.select_one("header img.logo")
    assert image is not None and str(image["src"]).startswith("data:image/svg+xml;base64,")
    assert "<script>x()" not in html and report.notices == ()


def test_a_first_week_says_so_instead_of_comparing_with_nothing(
    report: WeeklyReport, tmp_path: Path
) -> None:
    first = replace(
        report,
        previous_has_data=False,
        summary=tuple(replace(h, previous=None) for h in report.summary),
    )
    write_weekly_report(first, tmp_path, "es")
    cards = [c.get_text(" ", strip=True) for c in soup_of(tmp_path / "report.html").select(".card")]

    assert all("primera semana con datos" in c for c in cards)
    assert not any("sin datos" in c for c in cards)


def test_a_figure_missing_only_last_week_is_not_called_the_first_week(
    report: WeeklyReport, tmp_path: Path
) -> None:
    partial = replace(
        report,
        summary=tuple(
            replace(h, previous=None) if h.key == "interactions" else h for h in report.summary
        ),
    )
    write_weekly_report(partial, tmp_path, "es")
    cards = {
        c.select_one(".card-title").get_text(strip=True): c.get_text(" ", strip=True)  # type: ignore[union-attr]
        for c in soup_of(tmp_path / "report.html").select(".card")
    }

    assert "sin cifra de la semana anterior para comparar" in cards["Interacciones"]
    assert "primera semana" not in " ".join(cards.values())


def test_cards_and_table_use_one_minus_sign(report: WeeklyReport, tmp_path: Path) -> None:
    fewer = replace(
        report,
        summary=tuple(replace(h, previous=(h.value or 0) * 2) for h in report.summary),
    )
    write_weekly_report(fewer, tmp_path, "es")
    soup = soup_of(tmp_path / "report.html")
    cards = " ".join(c.get_text(" ", strip=True) for c in soup.select(".card"))
    table = summary_table(fewer, "es")
    summary = " ".join(
        display(*cell_kind(value, col), "es", col.digits)  # type: ignore[call-arg]
        for row in table.rows
        for value, col in zip(row, table.columns, strict=True)
    )

    assert "−945.093 (−50,0 %)" in cards and "−945.093" in summary and "−50,0 %" in summary
    assert "−$42.475.000 (−50,0 %)" in cards
    assert not re.search(r"(?<![\w/])-\d", cards + summary)


def test_accounts_rank_by_engagement_rate(report: WeeklyReport) -> None:
    rates = [e.engagement_pct for e in report.engagement if e.engagement_pct is not None]

    assert rates == sorted(rates, reverse=True) and rates
    twitter = next(r for r in report.interactions if r.platform == "twitter")
    assert twitter.followers == 274_680 and twitter.interactions is not None
    assert twitter.engagement_pct == Decimal("0.15")  # 413 ÷ 274.680 × 100
