"""Facebook as Pulso knows it: the office's own Pages through the Graph API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collectors.graph import setup as graph
from collectors.graph.exports import META_EXPORT
from collectors.platform import Platform

if TYPE_CHECKING:  # the collector side: reading the registry (settings) needs none of it
    from collectors.base import Collector, Target
    from collectors.platform import Setup

# Reading another organisation's Page needs Meta's "Page Public Content Access" feature,
# which a city government's app does not get through review.
PEER_LIMITATION = (
    "Facebook offers no counts for other organisations' Pages without the Page Public "
    "Content Access feature; not collected"
)


def collector(setup: Setup) -> Collector | None:
    from collectors.facebook.client import FacebookCollector

    api = graph.graph(setup)
    if api is None:
        return None
    return FacebookCollector(
        api, max_pages=setup.options["max_pages"], insights=graph.insights(setup)
    )


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
    interaction_words=("reacciones + comentarios + compartidos", "reactions + comments + shares"),
    exports=(META_EXPORT,),
    hosts=("facebook.com", "fb.com", "fb.watch"),
)
