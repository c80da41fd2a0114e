"""The reading commands' configuration without a file (settings/defaults.py) is Config()'s,
and its secrets are the ones Settings registers."""

from __future__ import annotations

from pathlib import Path

import pytest

from settings.defaults import DefaultConfig, without_file
from settings.load import load_settings
from settings.model import Config
from settings.secret_env import SECRET_ENV, secret_values


def test_each_default_the_reading_commands_read_is_configs() -> None:
    light, full = DefaultConfig(), Config()
    assert (light.timezone, light.locale) == (full.timezone, full.locale)
    assert (light.tz, light.lang) == (full.tz, full.lang)
    assert list(light.peers) == full.peers == []
    assert light.valuation.iva_rate == full.valuation.iva_rate
    assert type(light.valuation.iva_rate) is type(full.valuation.iva_rate)


@pytest.mark.parametrize(
    ("file", "variable", "expected"),
    [
        (False, None, True),
        (True, None, False),
        (False, "elsewhere.toml", False),
        (False, "", True),
    ],
)
def test_without_file_is_when_load_settings_uses_the_defaults(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    file: bool,
    variable: str | None,
    expected: bool,
) -> None:
    here = tmp_path / "here"  # not tmp_path: the suite's fixture writes a pulso.toml there
    here.mkdir()
    monkeypatch.chdir(here)
    if file:
        (here / "pulso.toml").write_text('timezone = "America/Lima"\n')
    (here / "elsewhere.toml").write_text('timezone = "America/Lima"\n')
    env = {} if variable is None else {"PULSO_CONFIG": variable}
    assert without_file(env) is expected
    assert load_settings(env).config_found is not expected


def test_the_secrets_registered_are_the_ones_settings_registers() -> None:
    env = {variable: f"  value-of-{field}-long-enough " for field, variable in SECRET_ENV.items()}
    env["PULSO_SMTP_PASSWORD"] = "   "
    expected = load_settings(env).secrets.all_values()
    assert sorted(secret_values(env)) == sorted(expected)
    assert secret_values({}) == load_settings({}).secrets.all_values() == []
