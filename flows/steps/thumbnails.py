"""Own posts' pictures at collection time: fetch those not stored yet, never fail the account.

Each picture is fetched once (posts that already have one are skipped), through the one HTTP
policy with the thumbnail limits (collectors/thumbnails.py). A picture that cannot be fetched,
is too large or is not an image is logged and counted (`thumbnails_failed`); the account's
figures and posts are stored all the same.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from collectors.base import Collected, Target
from collectors.errors import CollectorError
from collectors.records import Thumbnail
from collectors.thumbnails import ThumbnailFetcher
from storage.thumbnails import missing_thumbnails

log = logging.getLogger("pulso.thumbnails")


def fetch_thumbnails(
    fetcher: ThumbnailFetcher, session: Session, target: Target, collected: Collected, now: datetime
) -> Collected:
    """`collected` with the pictures of its posts that have none stored yet."""
    linked = {p.post_id: p.thumbnail_url for p in collected.posts if p.thumbnail_url}
    if not linked:
        return collected
    wanted = missing_thumbnails(
        session, platform=target.platform, handle=target.handle, platform_ids=list(linked)
    )
    fetched: list[Thumbnail] = []
    failed = 0
    for post_id in sorted(wanted):
        try:
            fetched.append(fetcher.fetch(post_id, linked[post_id], now))
        except CollectorError as error:
            failed += 1
            log.info("%s:%s: %s", target.platform, target.handle, error)
    counts = {**collected.counts, "thumbnails": len(fetched)}
    if failed:
        counts["thumbnails_failed"] = failed
    return replace(collected, thumbnails=tuple(fetched), counts=counts)
