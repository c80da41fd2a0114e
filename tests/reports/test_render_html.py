"""report.html parsed back: the right numbers in the right cells, nothing executable."""

from pathlib import Path

import pytest

from reports.model import WeeklyReport
from reports.write import write_report_files, write_weekly_report
from tests.reports.render_helpers import headers, soup_of, table_rows


@pytest.fixture
def html_es(report: WeeklyReport, tmp_path: Path) -> Path:
    return write_report_files(report, tmp_path, "es", pdf=False).html


@pytest.fixture
def html_en(report: WeeklyReport, tmp_path: Path) -> Path:
    return write_report_files(report, tmp_path, "en", pdf=False).html


def test_followers_table_in_spanish(html_es: Path) -> None:
    soup = soup_of(html_es)
    assert headers(soup, "followers")[:6] == [
        "Plataforma",
        "Cuenta",
        "Inicio",
        "Fin",
        "Nuevos seguidores",
        "Crecimiento",
    ]
    rows = table_rows(soup, "followers")
    assert rows[0][:6] == ["Facebook", "Alcaldía de Cali", "486.000", "486.513", "+513", "0,11 %"]
    assert rows[3][:6] == [
        "YouTube",
        "AlcaldiaCali",
        "sin datos",
        "sin datos",
        "sin datos",
        "sin datos",
    ]
    assert soup.select_one("table.followers tbody tr td svg.spark") is not None


def test_volume_and_interactions_cells(html_es: Path) -> None:
    soup = soup_of(html_es)
    assert table_rows(soup, "volume")[2] == [
        "X (Twitter)",
        "3",
        "4",
        "5.000",
        "0,1 %",
        "4.996",
        "761",
    ]
    assert table_rows(soup, "interactions")[0] == [
        "Facebook",
        "3",
        "250",
        "25",
        "11",
        "286",
        "0,06 %",
        "sin datos",
        "—",
    ]
    note = soup.select_one("#interactions p.note")
    assert note is not None and "X (Twitter), me gusta + respuestas + reposts + citas" in (
        note.get_text()
    )
    posts = [p.get_text(" ", strip=True) for p in soup.select("ol.posts li.post")]
    assert posts[0].startswith("AlcaldiaDeCali · X (Twitter) · 11/11/2026 10:00")
    assert "0,15 % tasa de interacción · 400 interacciones" in posts[0]


def test_free_press_totals_note_and_annex(html_es: Path) -> None:
    soup = soup_of(html_es)
    totals = [td.get_text(strip=True) for td in soup.select("table.totals td")]
    assert totals == ["$42.475.000", "$8.070.250", "$50.545.250"]
    assert table_rows(soup, "free_press_outlets")[0] == [
        "Noticiero 90 Minutos",
        "$38.415.000",
        "$45.713.850",
    ]
    text = soup.get_text(" ", strip=True)
    assert "AMEC" in text and "9 min 51 s" in text and "IVA del 19 %" in text
    annex = {row[4]: row for row in table_rows(soup, "free_press_items")}
    assert annex["Nota 1"] == [
        "Noticiero 90 Minutos",
        "Televisión",
        "Noticiero 90 Minutos",
        "13/11/2026",
        "Nota 1",
        "168",
        "—",
        "$3.900.000",
        "Tarifa Noticiero 90 Minutos · minuto · vigente desde 01/01/2020",
        "$10.920.000",
    ]
    assert annex["Nota 6"][6] == "25,5"
    # The rate card's file and row are for the XLSX annex ("Origen"), not the page.
    assert "tarifas.csv" not in text


def test_summary_cards_show_week_over_week_change(html_es: Path) -> None:
    soup = soup_of(html_es)
    cards = {
        c.select_one(".card-title").get_text(strip=True): c.get_text(" ", strip=True)  # type: ignore[union-attr]
        for c in soup.select(".card")
    }
    assert "945.093" in cards["Seguidores (cuentas propias)"]
    assert "+2.093" in cards["Seguidores (cuentas propias)"]
    assert "+4 (+200,0 %)" in cards["Publicaciones"]
    assert "$42.475.000" in cards["Free press antes de IVA"]


def test_english_report_uses_english_words_and_numbers(html_en: Path) -> None:
    soup = soup_of(html_en)
    assert soup.html is not None and soup.html["lang"] == "en"
    rows = table_rows(soup, "followers")
    assert rows[0][:6] == ["Facebook", "Alcaldía de Cali", "486,000", "486,513", "+513", "0.11%"]
    assert rows[3][2] == "no data"
    assert [td.get_text(strip=True) for td in soup.select("table.totals td")][0] == "$42,475,000"
    assert {row[4]: row[3] for row in table_rows(soup, "free_press_items")}[
        "Nota 1"
    ] == "2026-11-13"


def test_scraped_text_is_escaped_and_links_are_only_http(html_es: Path) -> None:
    raw = html_es.read_text(encoding="utf-8")
    soup = soup_of(html_es)
    assert soup.find("script") is None
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Título" in raw
    assert '<script>alert("x")</script> Título' in " ".join(
        r[0] for r in table_rows(soup, "top_stories")
    )
    assert "javascript:" not in " ".join(a.get("href", "") for a in soup.find_all("a"))  # type: ignore[misc]


def test_page_is_self_contained(html_es: Path) -> None:
    soup = soup_of(html_es)
    assert soup.find("link") is None and soup.find("img") is None and soup.find("iframe") is None
    assert soup.find("style") is not None
    assert not [tag for tag in soup.find_all(src=True)]
    assert "@page" in soup.find("style").get_text()  # type: ignore[union-attr]


def test_empty_week_renders_and_says_so(empty_report: WeeklyReport, tmp_path: Path) -> None:
    paths = write_weekly_report(empty_report, tmp_path, "es")
    soup = soup_of(tmp_path / "informe-semanal-2026-W46.html")
    assert soup.select_one(".no-data") is not None
    assert "No hay datos para esta semana" in soup.get_text()
    assert "NaN" not in soup.get_text()
    cards = [c.select_one(".card-value").get_text(strip=True) for c in soup.select(".card")]  # type: ignore[union-attr]
    assert cards[0] == "sin datos" and cards[-1] == "sin datos"
    assert (tmp_path / "informe-semanal-2026-W46.xlsx") in paths
    assert (tmp_path / "informe-semanal-2026-W46.pdf") in paths
