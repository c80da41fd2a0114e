"""Which posts and news items belong to a campaign: whole hashtags, terms on word boundaries,
case- and accent-insensitive, and the campaign's dates."""

from __future__ import annotations

from datetime import date

import pytest

from reports.campaigns import CampaignRule, campaign_groups
from reports.spikes import DayMention
from settings.model import CampaignConfig


def rule(**fields: object) -> CampaignRule:
    values: dict[str, object] = {"name": "Vacunación", "from": date(2026, 1, 1)} | fields
    return CampaignRule.of(CampaignConfig.model_validate(values))


VACCINE = rule(hashtags=["LaVacunaEstáEnTusManos"], terms=["Guardianes de Vida"])


@pytest.mark.parametrize(
    ("text", "belongs"),
    [
        ("Hoy vacunamos #LaVacunaEstáEnTusManos", True),
        ("#lavacunaestaentusmanos en la comuna 15", True),  # case and accents
        ("#LAVACUNAESTÁENTUSMANOS.", True),  # punctuation ends the tag
        ("(#LaVacunaEstáEnTusManos)", True),
        ("#LaVacunaEstáEnTusManosYa", False),  # a longer tag is another tag
        ("#LaVacunaEstáEnTusManos_2", False),
        ("##LaVacunaEstáEnTusManos", False),
        ("LaVacunaEstáEnTusManos sin numeral", False),
        ("correo@LaVacunaEstáEnTusManos", False),
        ("Los GUARDIANES DE VIDA llegan", True),  # a term, anywhere in the text
        ("los guardianes de vidas", False),  # word boundary
        ("Guardianes\nde   Vida", True),  # blanks and line breaks between words
        ("", False),
        (None, False),
    ],
)
def test_post_matching(text: str | None, belongs: bool) -> None:
    assert VACCINE.post_matches(text) is belongs


def test_eñe_is_not_folded_away() -> None:
    year = rule(terms=["Año de la Niñez"])
    assert year.post_matches("AÑO DE LA NIÑEZ en Cali")
    assert not year.post_matches("Ano de la Ninez")


def test_news_matches_title_or_stored_text() -> None:
    assert VACCINE.news_matches("Llegan los Guardianes de Vida", None)
    assert VACCINE.news_matches("Titular", "...con los guardianes de vida del barrio...")
    assert VACCINE.news_matches(None, "La campaña #LaVacunaEstaEnTusManos sigue")
    assert not VACCINE.news_matches("Vacunación en Cali", "Sin la campaña")


def test_window_is_the_part_of_the_period_the_campaign_ran() -> None:
    ended = rule(terms=["x"], to=date(2026, 1, 31))
    assert ended.window(date(2025, 12, 1), date(2026, 3, 1)) == (
        date(2026, 1, 1),
        date(2026, 1, 31),
    )
    assert ended.window(date(2026, 2, 1), date(2026, 3, 1)) is None
    running = rule(terms=["x"])
    assert running.window(date(2026, 5, 1), date(2026, 5, 7)) == (
        date(2026, 5, 1),
        date(2026, 5, 7),
    )


def test_spike_groups_name_only_the_campaigns_running_that_day() -> None:
    campaigns = [
        CampaignConfig.model_validate(
            {"name": "Guardianes", "terms": ["Guardianes de Vida"], "from": date(2026, 1, 1)}
        ),
        CampaignConfig.model_validate(
            {"name": "Navidad", "terms": ["alumbrado"], "from": date(2026, 12, 1)}
        ),
    ]
    groups = campaign_groups(campaigns, date(2026, 11, 26))
    assert list(groups) == ["campaign:Guardianes"]
    inside = DayMention(
        date(2026, 11, 26), (), "s1", "Nota", None, "El País", None, "los guardianes de vida"
    )
    outside = DayMention(date(2026, 11, 26), (), "s2", "Nota", None, "El País", None, "otra cosa")
    assert groups["campaign:Guardianes"](inside) and not groups["campaign:Guardianes"](outside)
