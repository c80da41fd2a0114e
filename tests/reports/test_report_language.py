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
from reports.model import GivenUpPage, WeeklyReport
from reports.tables import cell_kind, given_up_table, summary_table
from reports.weekly import build_weekly_report
from reports.write import write_report_files
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
    write_report_files(report, folder, lang, pdf=False)
    return " ".join(soup_of(next(folder.glob("*.html"))).get_text(" ", strip=True).split())


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
    write_report_files(noisy_report, tmp_path, "es", pdf=False)
    soup = soup_of(next(tmp_path.glob("*.html")))

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
    write_report_files(noisy_report, tmp_path, "es", pdf=False)
    notices = [
        li.get_text(" ", strip=True)
        for li in soup_of(next(tmp_path.glob("*.html"))).select("#notices li")
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
    write_report_files(report, tmp_path, "es", pdf=False)
    soup = soup_of(next(tmp_path.glob("*.html")))
    html = (next(tmp_path.glob("*.html"))).read_text(encoding="utf-8")

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
    write_report_files(first, tmp_path, "es", pdf=False)
    cards = [
        c.get_text(" ", strip=True) for c in soup_of(next(tmp_path.glob("*.html"))).select(".card")
    ]

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
    write_report_files(partial, tmp_path, "es", pdf=False)
    cards = {
        c.select_one(".card-title").get_text(strip=True): c.get_text(" ", strip=True)  # type: ignore[union-attr]
        for c in soup_of(next(tmp_path.glob("*.html"))).select(".card")
    }

    assert "sin cifra de la semana anterior para comparar" in cards["Interacciones"]
    assert "primera semana" not in " ".join(cards.values())


def test_cards_and_table_use_one_minus_sign(report: WeeklyReport, tmp_path: Path) -> None:
    fewer = replace(
        report,
        summary=tuple(replace(h, previous=(h.value or 0) * 2) for h in report.summary),
    )
    write_report_files(fewer, tmp_path, "es", pdf=False)
    soup = soup_of(next(tmp_path.glob("*.html")))
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


def test_spreadsheets_carry_no_english_reason_either(
    noisy_report: WeeklyReport, tmp_path: Path
) -> None:
    write_report_files(noisy_report, tmp_path, "es", pdf=False)
    texts = " ".join(
        path.read_text(encoding="utf-8-sig") for path in sorted(tmp_path.glob("*.csv"))
    )

    assert [r for r in RAW_REASONS if r in texts] == []
    assert "la fuente tardó demasiado en responder" in texts


def test_a_given_up_page_s_reason_is_worded(report: WeeklyReport) -> None:
    page = GivenUpPage(
        "El País",
        "https://elpais.example/nota",
        3,
        WEEK_START,
        "HTTP 503 Service Unavailable",
        "unavailable",
    )
    quality = replace(report.quality, given_up_pages=(page,))

    es = given_up_table(quality, "es").rows[0][-1]
    en = given_up_table(quality, "en").rows[0][-1]

    assert (es, en) == (
        "la fuente no respondió o respondió con error",
        "the source did not answer or answered with an error",
    )


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


def test_a_stored_thumbnail_is_embedded_and_nothing_else_is(
    report: WeeklyReport, tmp_path: Path
) -> None:
    first, second, *rest = report.top_posts
    with_pictures = replace(
        report,
        top_posts=(
            replace(first, thumbnail=PNG, thumbnail_mime="image/png"),
            replace(second, thumbnail=b"<svg onload='x()'/>", thumbnail_mime="image/svg+xml"),
            *rest,
        ),
    )
    write_report_files(with_pictures, tmp_path, "es", pdf=False)
    soup = soup_of(next(tmp_path.glob("*.html")))
    posts = soup.select("ol.posts li.post")
    images = [str(img["src"]) for img in soup.select("ol.posts img")]

    assert len(images) == 1 and images[0].startswith("data:image/png;base64,")
    assert posts[0].select_one("img.thumb") is not None
    assert posts[1].select_one("img") is None  # an SVG is not a post picture
    assert not any(t.get_text(strip=True) == "ID" for t in soup.select("th"))


def test_volume_bars_only_for_platforms_with_a_target_and_a_legend(
    report: WeeklyReport, tmp_path: Path
) -> None:
    volume = report.volume + (replace(report.volume[0], platform="tiktok", target=None),)
    write_report_files(replace(report, volume=volume), tmp_path, "es", pdf=False)
    section = soup_of(next(tmp_path.glob("*.html"))).select_one("#volume")
    assert section is not None
    bars = [t.get_text() for t in section.select("svg.chart text[text-anchor='end']")]

    assert "TikTok" not in bars and "Facebook" in bars
    assert "Sin meta anual configurada: TikTok." in section.get_text()
    assert "Avance del año hacia la meta anual" in section.select_one(".legend").get_text()  # type: ignore[union-attr]
