"""pulso.toml names the office (`organization`, `logo`) and each account (`name`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.names import AccountNames, account_name
from settings import ConfigError, load_settings, parse_config
from settings.load import logo_path

CONFIG = """
organization = "  Alcaldía de Santiago de Cali  "
logo = "marca/logo.png"
[[accounts]]
platform = "twitter"
handle = "AlcaldiadeCali"
name = "Alcaldía de Cali (X)"
[[accounts]]
platform = "facebook"
handle = "AlcaldiadeCali"
"""


def test_organization_and_account_names_are_read_from_pulso_toml() -> None:
    config = parse_config(CONFIG, Path("pulso.toml"))

    assert config.organization == "Alcaldía de Santiago de Cali"
    assert account_name(config, "twitter", "@alcaldiadecali") == "Alcaldía de Cali (X)"


def test_an_account_without_name_is_called_by_its_handle() -> None:
    config = parse_config(CONFIG, Path("pulso.toml"))
    names = AccountNames(config)

    assert names("facebook", "AlcaldiadeCali") == "AlcaldiadeCali"
    assert names("youtube", "NotConfigured") == "NotConfigured"
    assert account_name(None, "tiktok", "alcaldiadecali") == "alcaldiadecali"


def test_a_blank_name_falls_back_to_the_handle() -> None:
    config = parse_config(
        '[[accounts]]\nplatform = "tiktok"\nhandle = "cali"\nname = "  "\n', Path("p.toml")
    )

    assert config.accounts[0].name is None
    assert account_name(config, "tiktok", "cali") == "cali"


def test_the_logo_must_be_a_png_jpeg_or_svg_file() -> None:
    with pytest.raises(ConfigError) as error:
        parse_config('logo = "logo.gif"\n', Path("pulso.toml"))

    assert "pulso.toml: logo:" in error.value.problems[0]
    assert ".png" in error.value.problems[0]


def test_the_logo_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    config_file = tmp_path / "conf" / "pulso.toml"
    config_file.parent.mkdir()
    config_file.write_text(CONFIG, encoding="utf-8")

    settings = load_settings({"PULSO_CONFIG": str(config_file)})

    assert logo_path(settings) == tmp_path / "conf" / "marca" / "logo.png"


def test_without_a_logo_there_is_no_logo_path(tmp_path: Path) -> None:
    assert logo_path(load_settings({"PULSO_CONFIG": str(_write(tmp_path, ""))})) is None


def _write(folder: Path, text: str) -> Path:
    path = folder / "pulso.toml"
    path.write_text(text, encoding="utf-8")
    return path
