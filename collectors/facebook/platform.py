"""Facebook as Pulso knows it: the office's own Pages through the Graph API."""

from __future__ import annotations

from collectors.base import Collector, Target
from collectors.facebook.client import PEER_LIMITATION, FacebookCollector
from collectors.graph import setup as graph
from collectors.platform import Platform, Setup


def collector(setup: Setup) -> Collector | None:
    api = graph.graph(setup)
    return None if api is None else FacebookCollector(api, max_pages=setup.options["max_pages"])


def skip(target: Target, setup: Setup) -> str | None:
    return None if target.own else PEER_LIMITATION


PLATFORM = Platform(
    name="facebook",
    label="Facebook",
    credentials=graph.CREDENTIALS,
    missing_credential=graph.MISSING,
    collector=collector,
    options=graph.OPTIONS,
    concurrency=2,
    skip=skip,
    token_check=graph.TOKEN_CHECK,
    aliases=("fb",),
    interactions=("reacciones + comentarios + compartidos", "reactions + comments + shares"),
)
