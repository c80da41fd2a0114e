"""Threads declared as a platform: what tests/collectors/test_registry.py registers with one
line in collectors/registry.py, to show that line (and this package) is all a platform needs."""

from __future__ import annotations

from collectors.base import Collector, Target
from collectors.http import HttpSession
from collectors.platform import Credential, Option, Platform, Setup, TokenCheck, TokenStatus
from collectors.rules import GENERIC
from tests.collectors.threads.client import ThreadsCollector


def session(setup: Setup) -> HttpSession | None:
    token = setup.token("threads_access_token")
    if token is None:
        return None

    def build() -> HttpSession:
        built = HttpSession(
            setup.policy,
            rules=GENERIC,
            base_url=setup.options["threads_base_url"],
            transport=setup.transport,
            params={"access_token": token},
            secrets=(token,),
        )
        setup.clients.on_close(built.close)
        return built

    return setup.clients.once("threads", build)


def collector(setup: Setup) -> Collector | None:
    built = session(setup)
    return None if built is None else ThreadsCollector(built, setup.options["threads_version"])


def skip(target: Target, setup: Setup) -> str | None:
    return None if target.own else "Threads reads only the office's own profile"


def check_token(setup: Setup) -> TokenStatus | None:
    built = session(setup)
    if built is None:
        return None
    version = setup.options["threads_version"]
    built.get_json(f"/{version}/me", params={"fields": "id"}, what="threads token check")
    return TokenStatus("access token works")


PLATFORM = Platform(
    name="threads",
    label="Threads",
    credentials=(Credential("threads_access_token", "PULSO_THREADS_ACCESS_TOKEN"),),
    missing_credential="no Threads token: set PULSO_THREADS_ACCESS_TOKEN",
    collector=collector,
    options=(
        Option("threads_base_url", str, "https://graph.threads.net"),
        Option("threads_version", str, "v1.0"),
    ),
    skip=skip,
    token_check=TokenCheck("threads", "set PULSO_THREADS_ACCESS_TOKEN", check_token),
    aliases=("th",),
)
