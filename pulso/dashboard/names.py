"""How the dashboard names and colours accounts: one place for labels and a fixed palette.

An account's name is its `name` in pulso.toml, else its handle; its colour follows its order in
the configuration (then the stored accounts), so it is the same on every page and filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reports.i18n import platform_name
from reports.names import account_names
from settings.model import AccountConfig
from storage.keys import handle_key

# Colour-blind-safe first (Okabe-Ito), then darker companions; past these, dashes tell apart.
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#7f3c8d",
    "#3d6b2e",
    "#a6761d",
    "#444444",
)
DASHES = ("", "6 3", "2 3", "8 3 2 3")


@dataclass(frozen=True, slots=True)
class Style:
    color: str
    dash: str


def _key(platform: str, handle: str) -> tuple[str, str]:
    return platform, handle_key(handle)


def configured_names(accounts: Iterable[AccountConfig]) -> dict[tuple[str, str], str]:
    """(platform, handle key) -> display name: the lookup the report and the CLI share."""
    return account_names(accounts)


def account_name(
    platform: str, handle: str, names: dict[tuple[str, str], str] | None = None
) -> str:
    """The configured display name, else the handle as stored."""
    return (names or {}).get(_key(platform, handle), handle.strip())


def account_label(
    platform: str, handle: str, lang: str, names: dict[tuple[str, str], str] | None = None
) -> str:
    """'Facebook · Alcaldía de Cali': the platform's display name and the account's."""
    return f"{platform_name(platform, lang)} · {account_name(platform, handle, names)}"


def styles(
    configured: Sequence[AccountConfig], stored: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], Style]:
    """(platform, handle key) -> its fixed colour and dash, by configuration order first."""
    order: list[tuple[str, str]] = []
    for key in [_key(a.platform, a.handle) for a in configured] + [_key(p, h) for p, h in stored]:
        if key not in order:
            order.append(key)
    return {
        key: Style(PALETTE[i % len(PALETTE)], DASHES[(i // len(PALETTE)) % len(DASHES)])
        for i, key in enumerate(order)
    }


def style_of(styles_: dict[tuple[str, str], Style], platform: str, handle: str) -> Style:
    return styles_.get(_key(platform, handle), Style(PALETTE[-1], ""))
