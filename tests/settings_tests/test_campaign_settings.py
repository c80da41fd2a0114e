"""`[[campaigns]]`: name, hashtags, terms, from and an optional to; mistakes refused with a
line that names the campaign."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from settings import load_settings
from settings.load import ConfigError
from settings.model import Settings


def settings_with(tmp_path: Path, text: str) -> Settings:
    config = tmp_path / "pulso.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings({"PULSO_CONFIG": str(config)})


def test_no_campaigns_by_default(tmp_path: Path) -> None:
    assert settings_with(tmp_path, "").config.campaigns == []


def test_a_campaign_reads_its_fields_and_normalises_hashtags(tmp_path: Path) -> None:
    [campaign, running] = settings_with(
        tmp_path,
        "[[campaigns]]\n"
        'name = "  Vacunación  2021 "\n'
        'hashtags = ["#LaVacunaEstáEnTusManos", "LaVacunaEstáEnTusManos", " #Cali_2021 "]\n'
        'terms = ["plan de  vacunación"]\n'
        "from = 2021-02-17\nto = 2021-12-31\n"
        "[[campaigns]]\n"
        'name = "Guardianes de Vida"\nterms = ["Guardianes de Vida"]\nfrom = 2026-03-01\n',
    ).config.campaigns
    assert campaign.name == "Vacunación 2021"
    assert campaign.hashtags == ["LaVacunaEstáEnTusManos", "Cali_2021"]
    assert campaign.terms == ["plan de vacunación"]
    assert (campaign.from_, campaign.to) == (date(2021, 2, 17), date(2021, 12, 31))
    assert running.hashtags == [] and running.to is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('name = "A"\nfrom = 2026-01-01\n', "at least one hashtag or term"),
        ('name = "A"\nterms = ["x"]\nfrom = 2026-02-01\nto = 2026-01-01\n', "before from"),
        ('name = "A"\nhashtags = ["dos palabras"]\nfrom = 2026-01-01\n', "not a hashtag"),
        ('name = "A"\nhashtags = ["#"]\nfrom = 2026-01-01\n', "not a hashtag"),
        ('name = "A"\nterms = ["  "]\nfrom = 2026-01-01\n', "must not be blank"),
        ('name = " "\nterms = ["x"]\nfrom = 2026-01-01\n', "must not be blank"),
        ('name = "A"\nterms = ["x"]\n', "from"),
        ('name = "A"\nterms = ["x"]\nfrom = 2026-01-01\nhastags = ["y"]\n', "hastags"),
    ],
)
def test_mistakes_are_refused(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        settings_with(tmp_path, "[[campaigns]]\n" + body)
    assert message in str(error.value)


def test_two_campaigns_with_the_same_name_are_refused(tmp_path: Path) -> None:
    one = '[[campaigns]]\nname = "Metro"\nterms = ["metro"]\nfrom = 2026-01-01\n'
    with pytest.raises(ConfigError) as error:
        settings_with(tmp_path, one + one.replace('"Metro"', '"METRO"'))
    assert "named twice" in str(error.value)
