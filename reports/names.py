"""How the office calls its accounts: `name` from pulso.toml, else the handle.

The one lookup the report, the CLI and the dashboard share, so an account reads the same
everywhere. Handles compare as storage compares them (case and a leading '@' ignored).
"""

from __future__ import annotations

from collections.abc import Iterable

from settings.model import AccountConfig, Config
from storage.keys import handle_key


def account_names(accounts: Iterable[AccountConfig]) -> dict[tuple[str, str], str]:
    """(platform, handle key) -> the configured display name, for accounts that set `name`."""
    return {(a.platform, handle_key(a.handle)): a.name for a in accounts if a.name}


def account_name(config: Config | None, platform: str, handle: str) -> str:
    """The account's display name: its configured `name`, else its handle as stored."""
    names = account_names(config.accounts) if config is not None else {}
    return names.get((platform, handle_key(handle)), handle.strip())


class AccountNames:
    """The lookup built once, for callers naming many accounts (a table, a chart)."""

    def __init__(self, config: Config | None) -> None:
        self._names = account_names(config.accounts) if config is not None else {}

    def __call__(self, platform: str, handle: str) -> str:
        return self._names.get((platform, handle_key(handle)), handle.strip())
