"""The platforms Pulso collects: the one list settings, flows, the CLI and the dashboard read.

Adding a platform is a package collectors/<name>/ declaring `PLATFORM` and one line here.
"""

from __future__ import annotations

from collectors.facebook.platform import PLATFORM as FACEBOOK
from collectors.instagram.platform import PLATFORM as INSTAGRAM
from collectors.platform import Credential, Option, Platform, PostExport, TokenCheck
from collectors.tiktok.platform import PLATFORM as TIKTOK
from collectors.twitter.platform import PLATFORM as TWITTER
from collectors.youtube.platform import PLATFORM as YOUTUBE

PLATFORMS: tuple[Platform, ...] = (FACEBOOK, INSTAGRAM, TWITTER, YOUTUBE, TIKTOK)
PLATFORM_NAMES: tuple[str, ...] = tuple(p.name for p in PLATFORMS)
BY_NAME = {p.name: p for p in PLATFORMS}
# Options every platform reads; each platform adds its own (`Platform.options`).
SHARED_OPTIONS = (Option("max_pages", int, 5, minimum=1),)


def platform(name: str) -> Platform:
    """The platform called `name`; KeyError names the known ones."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(
            f"unknown platform {name!r} (expected one of {', '.join(PLATFORM_NAMES)})"
        ) from None


def credentials() -> tuple[Credential, ...]:
    """Every platform credential once (Facebook and Instagram share the Meta ones)."""
    found: dict[str, Credential] = {}
    for credential in (c for p in PLATFORMS for c in p.credentials):
        found.setdefault(credential.name, credential)
    return tuple(found.values())


def options() -> tuple[Option, ...]:
    """Every `[api]` key once, the shared ones first."""
    found: dict[str, Option] = {}
    for option in (*SHARED_OPTIONS, *(o for p in PLATFORMS for o in p.options)):
        found.setdefault(option.name, option)
    return tuple(found.values())


def token_checks() -> tuple[tuple[Platform, TokenCheck], ...]:
    """One check per credential, with the first platform using it ("meta" runs once)."""
    found: dict[str, tuple[Platform, TokenCheck]] = {}
    for p in PLATFORMS:
        if p.token_check is not None:
            found.setdefault(p.token_check.name, (p, p.token_check))
    return tuple(found.values())


def aliases() -> dict[str, str]:
    """Every name a spreadsheet may use for a platform -> the platform's name."""
    return {name: p.name for p in PLATFORMS for name in (p.name, *p.aliases)}


def post_exports() -> tuple[tuple[PostExport, tuple[str, ...]], ...]:
    """Each post export once (`pulso import posts`), with the platforms that declare it."""
    found: dict[str, tuple[PostExport, list[str]]] = {}
    for p in PLATFORMS:
        for export in p.exports:
            found.setdefault(export.name, (export, []))[1].append(p.name)
    return tuple((export, tuple(names)) for export, names in found.values())


def platform_of_host(host: str, among: tuple[str, ...] | None = None) -> str | None:
    """The platform whose post links live on `host` (www. and subdomains too)."""
    host = host.casefold().removeprefix("www.")
    for p in PLATFORMS:
        if among is not None and p.name not in among:
            continue
        if any(host == h or host.endswith("." + h) for h in p.hosts):
            return p.name
    return None
