"""Pulso's configuration: pulso.toml and the environment, read and validated in one place."""

from settings.load import ConfigError, data_dir_from_env, load_settings, parse_config
from settings.model import AccountConfig, Config, OutletConfig, Secrets, Settings

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
