"""Reading the configuration: pulso.toml plus the environment, validated in one place."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import SecretStr, ValidationError

from settings.database import database_url, secret_from_env
from settings.model import PLATFORM_NAMES, Config, Secrets, Settings
from settings.paths import data_dir_from_env
from settings.secret_env import PLAIN, SECRET_ENV


class ConfigError(Exception):
    """The configuration is invalid; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _location(loc: tuple[Any, ...]) -> str:
    text = ""
    for item in loc:
        text += f"[{item}]" if isinstance(item, int) else ("." if text else "") + str(item)
    return text


def _message(error: Mapping[str, Any]) -> str:
    loc = error.get("loc", ())
    if error.get("type") == "literal_error" and loc and loc[-1] == "platform":
        return (
            f"unknown platform {error.get('input')!r} (expected one of {', '.join(PLATFORM_NAMES)})"
        )
    if error.get("type") == "missing":
        return "missing (required)"
    if error.get("type") == "extra_forbidden":
        return "unknown key (check the spelling)"
    message = str(error.get("msg", "invalid"))
    return message.removeprefix("Value error, ")


def format_validation_error(path: Path, error: ValidationError) -> list[str]:
    """One line per problem: `FILE: key.path: message`."""
    return [f"{path}: {_location(e['loc'])}: {_message(e)}" for e in error.errors()]


def parse_config(text: str, path: Path) -> Config:
    """Parse and validate pulso.toml's text; raises ConfigError naming file, key and problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([f"{path}: not valid TOML: {error}"]) from None
    try:
        return Config.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(format_validation_error(path, error)) from None


def read_secrets(env: Mapping[str, str]) -> Secrets:
    values: dict[str, Any] = {}
    for field, variable in SECRET_ENV.items():
        value = secret_from_env(env, variable)
        if value is not None:
            values[field] = value if field in PLAIN else SecretStr(value)
    return Secrets(**values)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment and the config file (an absent file means defaults)."""
    env = os.environ if env is None else env
    data_dir = data_dir_from_env(env)
    config_path = Path(env.get("PULSO_CONFIG") or "./pulso.toml")
    explicit = bool(env.get("PULSO_CONFIG"))
    if config_path.is_file():
        config = parse_config(config_path.read_text(encoding="utf-8"), config_path)
        found = True
    elif explicit:
        raise ConfigError([f"{config_path}: file not found (set by PULSO_CONFIG)"])
    else:
        config, found = Config(), False
    secrets = read_secrets(env)
    return Settings(
        replay_dir=replay_dir(config, config_path, env),
        config=config,
        secrets=secrets,
        config_path=config_path,
        config_found=found,
        database_url=database_url(env),
        data_dir=data_dir,
    )


def replay_dir(config: Config, config_path: Path, env: Mapping[str, str]) -> Path | None:
    """PULSO_REPLAY_DIR, else `[collection] replay_dir` (relative to the config file)."""
    if env.get("PULSO_REPLAY_DIR"):
        return Path(env["PULSO_REPLAY_DIR"])
    configured = config.collection.replay_dir
    if not configured:
        return None
    path = Path(configured)
    return path if path.is_absolute() else config_path.parent / path


def logo_path(settings: Settings) -> Path | None:
    """`logo` of pulso.toml as a path (relative to the config file's folder), or None."""
    if not settings.config.logo:
        return None
    path = Path(settings.config.logo).expanduser()
    return path if path.is_absolute() else settings.config_path.parent / path
