"""What the office sees on the dashboard: fixed colours, peers apart, readable charts with gaps
and exact values on hover, real dates on comparisons, dd/mm/aaaa fields, a phone-sized layout
and Spanish only on Spanish pages. Pages are parsed, not grepped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from collectors.records import FollowerFigure
from flows.steps.followers import growth_report
from pulso.cli import context
from pulso.dashboard import create_app
from pulso.dashboard.gaps import breaks
from pulso.dashboard.i18n import WORDS
from pulso.dashboard.names import PALETTE
from reports.i18n import LABELS
from settings import load_settings
from storage.db import transaction
from storage.followers import upsert_imported_followers
from storage.models import Account
from tests.dashboard.conftest import TODAY

CONFIG = """
organization = "Alcaldía de Santiago de Cali · Oficina de Comunicaciones"

[[accounts]]
platform = "youtube"
handle = "Cuenta03"
name = "Canal de la Alcaldía"

[[accounts]]
platform = "tiktok"
handle = "Cuenta09"
own = false
"""


@pytest.fixture
def office(
    seeded: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[TestClient]:
    """The seeded accounts with a configuration naming one and a peer (Cuenta09, on TikTok), plus
    a TikTok account collected daily that missed six nights (06/11 to 11/11/2026)."""
    (tmp_path / "pulso.toml").write_text(CONFIG, encoding="utf-8")
    days = [date(2026, 10, 24) + timedelta(days=n) for n in range(29)]
    figures = [
        FollowerFigure("tiktok", "Huecos", day, 1_000 + 10 * n)
        for n, day in enumerate(days)
        if not date(2026, 11, 6) <= day <= date(2026, 11, 11)
    ]
    with transaction(seeded) as session:
        upsert_imported_followers(session, figures)
        session.execute(update(Account).where(Account.handle == "Cuenta09").values(own=False))
    monkeypatch.setenv("PULSO_DATABASE_URL", database_url)
    context.reset()
    app = create_app(load_settings(), seeded, today=lambda: TODAY)
    with TestClient(app) as test_client:
        yield test_client
    context.reset()


def soup_of(client: TestClient, url: str, **query: str | list[str]) -> BeautifulSoup:
    response = client.get(url, params=query)
    assert response.status_code == 200, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def strokes(soup: BeautifulSoup, chart: str = "#chart") -> dict[str, str]:
    """Each line's label (its <title>) -> its colour, and its dashes past the palette."""
    found = {}
    for path in soup.select(f"{chart} path.series"):
        assert isinstance(path.title, Tag)
        found[path.title.get_text()] = (
            f"{path['stroke']} {path.get('stroke-dasharray', '')}".strip()
        )
    return found


def test_each_account_keeps_its_colour_whatever_the_filter(office: TestClient) -> None:
    everyone = strokes(soup_of(office, "/growth", range="year", view="followers"))
    youtube = strokes(soup_of(office, "/growth", platform="youtube", range="last4w"))
    one = strokes(soup_of(office, "/growth", account="facebook:Cuenta05"))
    # Ten own accounts: ten styles (the eleventh account, the peer, reuses a colour dashed).
    assert len(set(everyone.values())) == len(everyone) == 10
    assert youtube and all(everyone[label] == colour for label, colour in youtube.items())
    assert one == {"Facebook · Cuenta05": everyone["Facebook · Cuenta05"]}
    # The configuration's first account takes the palette's first colour, under its name.
    assert everyone["YouTube · Canal de la Alcaldía"] == PALETTE[0]


def test_peers_are_charted_and_listed_apart_and_labelled_as_peers(office: TestClient) -> None:
    soup = soup_of(office, "/growth", range="year")
    own_accounts = [
        row.find_all("td")[1].get_text(strip=True) for row in soup.select("#growth-table tbody tr")
    ]
    assert "Cuenta09" not in own_accounts and "Canal de la Alcaldía" in own_accounts
    peers = soup.select_one("#peers")
    assert peers is not None
    assert peers.h2 is not None and peers.h2.get_text() == "Referentes (cuentas de comparación)"
    assert [
        r.find_all("td")[1].get_text(strip=True) for r in peers.select("#peer-table tbody tr")
    ] == ["Cuenta09"]
    assert list(strokes(soup, "#peer-chart")) == ["TikTok · Cuenta09"]
    assert "TikTok · Cuenta09" not in strokes(soup)


def _y_labels(soup: BeautifulSoup) -> list[str]:
    return [t.get_text() for t in soup.select("#chart svg > text.y")]


def test_change_view_puts_accounts_of_any_size_on_one_scale(office: TestClient) -> None:
    change = soup_of(office, "/growth", range="year")  # the default view
    assert all(label.endswith("%") for label in _y_labels(change)) and "0 %" in _y_labels(change)
    followers = soup_of(office, "/growth", range="year", view="followers")
    assert not any("%" in label for label in _y_labels(followers))
    # Every line starts at 0 % on the period's first figure.
    for path in change.select("#chart path.series"):
        first = re.match(r"M([\d.]+),([\d.]+)", str(path["d"]))
        assert first is not None
        zero = change.select_one("#chart line.zero")
        assert zero is not None and first.group(2) == zero["y1"]


def test_small_multiples_give_each_account_its_own_chart(office: TestClient) -> None:
    soup = soup_of(office, "/growth", platform="facebook", range="year", view="small")
    titles = [f.figcaption.get_text() for f in soup.select("#small figure")]  # type: ignore[union-attr]
    assert titles == ["Facebook · Cuenta00", "Facebook · Cuenta05"]
    assert soup.select("#chart") == [] and len(soup.select("#small svg[viewBox]")) == 2


def test_days_without_figures_break_the_line(office: TestClient) -> None:
    soup = soup_of(office, "/growth", account="tiktok:Huecos", range="last4w", view="followers")
    (path,) = soup.select("#chart path.series")
    assert str(path["d"]).count("M") == 2  # two runs of figures, no line across the gap
    days = [re.search(r"\d\d/\d\d/\d{4}", t.get_text()) for t in soup.select("#chart circle title")]
    shown = {m.group(0) for m in days if m}
    assert "05/11/2026" in shown and "12/11/2026" in shown
    assert not {f"{d:02d}/11/2026" for d in range(6, 12)} & shown


def test_every_figure_shows_its_exact_value_on_hover(office: TestClient) -> None:
    soup = soup_of(office, "/growth", account="tiktok:Huecos", range="last4w")
    titles = [t.get_text() for t in soup.select("#chart circle title")]
    assert titles[0] == "TikTok · Huecos · 24/10/2026: 1.000 seguidores (0,00 %)"
    assert titles[-1] == "TikTok · Huecos · 21/11/2026: 1.280 seguidores (+28,00 %)"


@pytest.mark.parametrize(
    ("query", "headers"),
    [
        (
            {"period": "week"},  # today is Saturday 21/11/2026: the last complete week
            ["09/11/2026 – 15/11/2026", "02/11/2026 – 08/11/2026", "09/11/2025 – 15/11/2025"],
        ),
        (
            {"period": "month"},
            ["01/10/2026 – 31/10/2026", "01/09/2026 – 30/09/2026", "01/10/2025 – 31/10/2025"],
        ),
        (
            {"period": "quarter"},
            ["01/07/2026 – 30/09/2026", "01/04/2026 – 30/06/2026", "01/07/2025 – 30/09/2025"],
        ),
        (
            {"period": "month", "to": "05/02/2024"},  # the month containing the date
            ["01/02/2024 – 29/02/2024", "01/01/2024 – 31/01/2024", "01/02/2023 – 28/02/2023"],
        ),
    ],
)
def test_compare_names_the_real_dates_of_each_period(
    office: TestClient, query: dict[str, str], headers: list[str]
) -> None:
    soup = soup_of(office, "/compare", **query)
    assert [s.get_text() for s in soup.select("#compare-table thead .dates")] == headers


def test_compare_against_the_previous_week_has_the_cli_numbers(
    office: TestClient, seeded: Engine
) -> None:
    soup = soup_of(office, "/compare", period="week", platform="facebook")
    row = soup.select("#compare-table tbody tr")[0].find_all("td")
    now = growth_report(seeded, platform="facebook", from_=date(2026, 11, 9), to=date(2026, 11, 15))
    before = growth_report(
        seeded, platform="facebook", from_=date(2026, 11, 2), to=date(2026, 11, 8)
    )
    assert now[0].change is not None and before[0].change is not None
    assert row[1].get_text() == now[0].account
    assert row[3].get_text() == f"+{now[0].change}"
    assert row[5].get_text() == f"+{before[0].change}"
    assert row[9].get_text() == f"{now[0].change - before[0].change:+d}".replace("+0", "0")


def test_peers_come_last_in_the_comparison_under_their_own_heading(office: TestClient) -> None:
    soup = soup_of(office, "/compare", period="month", platform="tiktok")
    rows = soup.select("#compare-table tbody tr")
    assert [r.get_text(" ", strip=True).split(" ")[0] for r in rows][-2] == "Referentes"
    assert rows[-1].find_all("td")[1].get_text() == "Cuenta09"


PAGES = ["/growth", "/compare", "/mentions", "/valuation"]


@pytest.mark.parametrize("url", PAGES)
def test_date_fields_are_dd_mm_aaaa_text_whatever_the_browser(office: TestClient, url: str) -> None:
    soup = soup_of(office, url, **{"from": "2026-01-05", "to": "21/11/2026"})
    assert soup.select('input[type="date"]') == []
    for name, value in (("from", "05/01/2026"), ("to", "21/11/2026")):
        field = soup.select_one(f'input[name="{name}"]')
        assert field is not None and field["type"] == "text" and field["value"] == value
        assert re.fullmatch(str(field["pattern"]), value)
        assert re.fullmatch(str(field["pattern"]), "2026-01-05")
        assert field["placeholder"] == "dd/mm/aaaa"


def test_typed_dates_in_either_form_give_the_same_page(office: TestClient) -> None:
    iso = soup_of(office, "/growth", **{"from": "2025-01-01", "to": "2025-03-31"})
    dmy = soup_of(office, "/growth", **{"from": "01/01/2025", "to": "31/03/2025"})
    assert str(iso.select_one("#growth-table")) == str(dmy.select_one("#growth-table"))
    wrong = office.get("/growth", params={"from": "32/01/2025"})
    assert wrong.status_code == 400
    message = BeautifulSoup(wrong.text, "html.parser").select_one("#error")
    assert (
        message is not None
        and message.get_text() == "Desde (from): '32/01/2025' no es una fecha real"
    )


ALL_PAGES = [
    ("/growth", {}),
    ("/growth", {"view": "followers"}),
    ("/growth", {"view": "small"}),
    ("/compare", {}),
    ("/compare", {"period": "week"}),
    ("/mentions", {}),
    ("/valuation", {}),
    ("/reports", {}),
    ("/campaigns", {}),
    ("/share", {}),
]


@pytest.fixture
def with_reports(office: TestClient, tmp_path: Path) -> TestClient:
    week = tmp_path / "data" / "reports" / "2026-W46"
    week.mkdir(parents=True)
    for name in ("informe-semanal-2026-W46.html", "informe-semanal-2026-W46.pdf", "a.csv"):
        (week / name).write_bytes(b"x")
    return office


@pytest.mark.parametrize(("url", "query"), ALL_PAGES)
def test_pages_are_usable_on_a_phone(
    with_reports: TestClient, url: str, query: dict[str, str]
) -> None:
    soup = soup_of(with_reports, url, **query)
    viewport = soup.select_one('meta[name="viewport"]')
    assert viewport is not None and "width=device-width" in str(viewport["content"])
    for table in soup.select("main table"):
        assert table.find_parent("div", class_="table-scroll"), table.get("id")
    for svg in soup.select("figure.chart > svg"):
        # (html.parser lower-cases attribute names)
        assert svg.get("viewbox") and not svg.get("width") and not svg.get("height")
    css = with_reports.get("/static/pulso.css").text
    assert "@media (max-width: 600px)" in css and ".table-scroll { overflow-x: auto;" in css


def _english_only() -> set[str]:
    spanish = set(WORDS["es"].values()) | {es for es, _ in LABELS.values()}
    english = set(WORDS["en"].values()) | {en for _, en in LABELS.values()}
    # Words that are the same in both languages ("Total", "Free press") are not English leaks.
    return {t for t in english - spanish if "{" not in t and len(t) >= 4}


def _visible(soup: BeautifulSoup) -> str:
    texts = list(soup.stripped_strings)
    for tag in soup.find_all(True):
        for attr in ("title", "aria-label", "placeholder"):
            if tag.get(attr):
                texts.append(str(tag[attr]))
    return "\n".join(texts)


@pytest.mark.parametrize(("url", "query"), [*ALL_PAGES, ("/growth", {"from": "ayer"})])
def test_spanish_pages_carry_no_english_ui_words(
    with_reports: TestClient, url: str, query: dict[str, str]
) -> None:
    response = with_reports.get(url, params=query)
    soup = BeautifulSoup(response.text, "html.parser")
    for switch in soup.select("a.lang"):
        switch.decompose()  # the link to the English version says "English", as it should
    text = _visible(soup)
    leaks = sorted(
        phrase
        for phrase in _english_only()
        if re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text)
    )
    assert leaks == [], leaks
    assert not re.search(r"\b(followers|since the start|Hover|Download|Week of)\b", text)


def test_gaps_follow_each_accounts_own_rhythm() -> None:
    def days(*offsets: int) -> list[date]:
        return [date(2026, 1, 1) + timedelta(days=o) for o in offsets]

    monthly = days(0, 31, 59, 90, 120, 151)
    assert breaks(monthly, spacing_days=5.6) == set()  # a backfill of monthly figures is a line
    daily_then_a_week_missing = days(0, 1, 2, 3, 11, 12, 13)
    assert breaks(daily_then_a_week_missing, spacing_days=1) == {4}
    one_night_missing = days(0, 1, 2, 4, 5, 6)
    assert breaks(one_night_missing, spacing_days=1) == {3}
    # Sampled every 6 days, daily figures arrive 6 days apart: not a gap.
    assert breaks(days(0, 6, 12, 18, 24), spacing_days=6) == set()
    assert breaks(days(0, 6, 12, 40, 46, 52), spacing_days=6) == {3}
    # Monthly figures sampled every 41 days: 31, then 61 days apart, an artefact, not a gap.
    assert breaks(days(0, 31, 92, 120, 181, 212), spacing_days=41) == set()


def test_the_english_check_sees_english(with_reports: TestClient) -> None:
    """The check above is not vacuous: on the English page it finds Pulso's English words."""
    soup = BeautifulSoup(with_reports.get("/growth", params={"lang": "en"}).text, "html.parser")
    text = _visible(soup)
    found = {p for p in _english_only() if re.search(rf"(?<![\w]){re.escape(p)}(?![\w])", text)}
    assert {
        "Growth",
        "Followers over time",
        "Start followers",
        "Benchmark (peer accounts)",
    } <= found


@pytest.mark.parametrize(("url", "query"), [("/growth", {}), ("/growth", {"from": "ayer"})])
def test_the_header_names_the_configured_organization(
    office: TestClient, url: str, query: dict[str, str]
) -> None:
    soup = BeautifulSoup(office.get(url, params=query).text, "html.parser")
    brand = soup.select_one("header .brand")
    assert brand is not None
    assert brand.get_text() == "Pulso · Alcaldía de Santiago de Cali · Oficina de Comunicaciones"


def test_compare_downloads_carry_the_previous_period_too(office: TestClient) -> None:
    page = soup_of(office, "/compare", period="week", platform="facebook")
    shown = [c.get_text() for c in page.select("#compare-table tbody tr")[0].find_all("td")]
    text = office.get("/compare.csv", params={"period": "week", "platform": "facebook"}).text
    lines = text.lstrip("\ufeff").splitlines()
    # Raw keys for scripts or the office's headers (`;`, Spanish): either way, the same figure.
    sep = ";" if ";" in lines[0] else ","
    header, first = lines[0].split(sep), lines[1].split(sep)
    wanted = {"prior_change", "Nuevos seguidores (periodo anterior)"}
    (index,) = [i for i, name in enumerate(header) if name.strip('"') in wanted]
    assert re.sub(r"\D", "", first[index]) == re.sub(r"\D", "", shown[5]) != ""


@pytest.mark.parametrize(
    ("url", "spanish"),
    [
        ("/mentions?outlet=Nadie", "Medio (outlet): no hay un medio llamado 'Nadie'"),
        ("/reports/2026-W46/nada.csv", "Ese archivo de informe no existe."),
        ("/no-existe", "Página no encontrada."),
    ],
)
def test_not_found_pages_speak_spanish(office: TestClient, url: str, spanish: str) -> None:
    response = office.get(url)
    assert response.status_code == 404
    message = BeautifulSoup(response.text, "html.parser").select_one("#error")
    assert message is not None and message.get_text() == spanish
    english = (
        office.get(url, params={"lang": "en"}) if "?" not in url else office.get(url + "&lang=en")
    )
    assert spanish not in english.text
