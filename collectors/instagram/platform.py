"""Instagram as Pulso knows it: professional accounts through the Graph API, peers through
Business Discovery (read via one of the office's own accounts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collectors.graph import setup as graph
from collectors.graph.exports import META_EXPORT
from collectors.platform import Option, Platform

if TYPE_CHECKING:  # the collector side: reading the registry (settings) needs none of it
    from collectors.base import Collector, Target
    from collectors.platform import Setup

OPTIONS = (
    *graph.OPTIONS,
    Option("instagram_account_for_peers", str, None),
    # Media views: with [insights] on the media request itself, else one request per media.
    Option("instagram_views", bool, True),
)
NO_DISCOVERY = (
    "Instagram peers need Business Discovery through an own account: set "
    "api.instagram_account_for_peers or give an own Instagram account its id"
)


def discovery_account(setup: Setup) -> str | None:
    """The office's own IG account id through which peers are looked up."""
    configured = setup.options["instagram_account_for_peers"]
    if configured:
        return str(configured)
    own = [t.platform_id for t in setup.accounts if t.own and t.platform_id]
    return own[0] if own else None


def collector(setup: Setup) -> Collector | None:
    from collectors.instagram.client import InstagramCollector

    api = graph.graph(setup)
    if api is None:
        return None
    return InstagramCollector(
        api,
        max_pages=setup.options["max_pages"],
        views=setup.options["instagram_views"],
        discovery_account=discovery_account(setup),
        insights=graph.insights(setup),
    )


def skip(target: Target, setup: Setup) -> str | None:
    return None if target.own or discovery_account(setup) else NO_DISCOVERY


PLATFORM = Platform(
    name="instagram",
    label="Instagram",
    credentials=graph.CREDENTIALS,
    missing_credential=graph.MISSING,
    collector=collector,
    options=OPTIONS,
    concurrency=2,
    skip=skip,
    token_check=graph.TOKEN_CHECK,
    aliases=("ig",),
    interactions=("reactions", "comments"),
    views="views",
    interaction_words=("me gusta + comentarios", "likes + comments"),
    exports=(META_EXPORT,),
    hosts=("instagram.com",),
)
