"""Which accounts the growth and compare pages show (validated from repeatable parameters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from pulso.dashboard import params
from pulso.dashboard.names import account_name
from reports.i18n import platform_name
from storage.growth import Growth
from storage.keys import handle_key

MAX_CHOICES = 200


@dataclass(frozen=True, slots=True)
class Selection:
    platforms: frozenset[str]
    accounts: frozenset[tuple[str, str]]  # (platform, handle key)

    def keeps(self, item: Growth) -> bool:
        return self.keeps_account(item.platform, item.account)

    def keeps_account(self, platform: str, handle: str) -> bool:
        if self.platforms and platform not in self.platforms:
            return False
        return not self.accounts or (platform, handle_key(handle)) in self.accounts


def _account(value: str) -> tuple[str, str]:
    platform, sep, handle = value.partition(":")
    if not sep or not handle.strip():
        raise params.BadParam(
            f"account: {value!r} is not platform:handle (e.g. facebook:AlcaldiaDeCali)",
            f"{params.field('account')}: {value!r} no es plataforma:cuenta "
            "(p. ej. facebook:AlcaldiaDeCali)",
        )
    return params.platform(platform, "account") or "", handle_key(handle)


def selection(platforms: Sequence[str], accounts: Sequence[str]) -> Selection:
    if len(platforms) + len(accounts) > MAX_CHOICES:
        raise params.BadParam(
            f"too many platforms or accounts (at most {MAX_CHOICES})",
            f"demasiadas plataformas o cuentas (máximo {MAX_CHOICES})",
        )
    chosen_platforms = {params.platform(p) for p in platforms}
    chosen_accounts = {_account(a) for a in accounts if params.text(a, "account")}
    return Selection(frozenset(p for p in chosen_platforms if p), frozenset(chosen_accounts))


def apply(items: Sequence[Growth], chosen: Selection) -> list[Growth]:
    return [item for item in items if chosen.keeps(item)]


def account_choices(
    accounts: Sequence[tuple[str, str]],
    chosen: Selection,
    lang: str,
    names: dict[tuple[str, str], str],
) -> Markup:
    """The account filters' checkboxes (what `_account_filters.html`'s loop wrote, escaped as
    its autoescape did): one per account, checked when the selection names it."""
    return Markup(  # noqa: S704 (every text escaped)
        "".join(
            '<label><input type="checkbox" name="account" '
            f'value="{escape(platform)}:{escape(handle)}"'
            f"{' checked' if (platform, handle_key(handle)) in chosen.accounts else ''}> "
            f"{escape(platform_name(platform, lang))} · "
            f"{escape(account_name(platform, handle, names))}</label>"
            for platform, handle in accounts
        )
    )
