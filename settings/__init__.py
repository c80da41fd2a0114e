"""Pulso's configuration: pulso.toml and the environment, read and validated in one place.

The names below are loaded on first use: validating a config needs every platform's
registry entry, which a command that reads no config (`pulso --help`) should not import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from settings.load import ConfigError, load_settings, parse_config
    from settings.model import AccountConfig, Config, OutletConfig, Secrets, Settings
    from settings.paths import data_dir_from_env

_HOMES = {
    "AccountConfig": "settings.model",
    "Config": "settings.model",
    "ConfigError": "settings.load",
    "OutletConfig": "settings.model",
    "Secrets": "settings.model",
    "Settings": "settings.model",
    "data_dir_from_env": "settings.paths",
    "load_settings": "settings.load",
    "parse_config": "settings.load",
}

__all__ = [
    "AccountConfig",
    "Config",
    "ConfigError",
    "OutletConfig",
    "Secrets",
    "Settings",
    "data_dir_from_env",
    "load_settings",
    "parse_config",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'settings' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
