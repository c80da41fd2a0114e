"""The article's own text (and trafilatura's reading of title and date), via trafilatura.

trafilatura (Apache-2.0) is the most accurate open-source article extractor on the public
benchmarks and on Pulso's real pages (tests/fixtures/news/real): word F1 0.96 against 0.76 for
the heuristic Pulso had before. It is used offline only: the page's text goes in, nothing is
downloaded, no language model is loaded (py3langid is not a dependency and no target language
is set). Options were chosen on the evaluation set (README, news section).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from trafilatura.settings import set_date_params

FULL_READ_BELOW_CHARS = 1500

# trafilatura and htmldate log a WARNING for every short or odd page; a night of outlets
# would bury Pulso's own log. Failures reach the caller as fields, not log lines.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


# In-text promos of other articles, the way Colombian outlets word them: the linked headline
# is another story, and a term in it would be a false mention of this one.
_READ_ALSO = re.compile(
    r"(?i)^(lea también|lee también|le puede interesar|te puede interesar|vea también|"
    r"también puede leer|siga leyendo|recomendado|noticia relacionada)\b"
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What trafilatura found; every field may be missing."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    section: str | None = None


def _paragraphs(text: str | None) -> str | None:
    """trafilatura puts one block per line; Pulso's text has blank lines between paragraphs."""
    if not text:
        return None
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line and not _READ_ALSO.match(line)) or None


def read_article(html: str, url: str | None = None) -> Reading:
    """trafilatura over one decoded page; None fields when it finds no article."""
    document = _bare(html, url, fast=True)
    if document is None or len(getattr(document, "text", None) or "") < FULL_READ_BELOW_CHARS:
        # A short result is where trafilatura's slower fallbacks (readability, jusText) earn
        # their cost; on long articles they change little and double the time.
        document = _bare(html, url, fast=False) or document
    return _reading(document) if document is not None else Reading()


def _bare(html: str, url: str | None, *, fast: bool) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        # Measured on the real pages: precision mode keeps related-article teasers out
        # (a leaked teaser is a false mention) at a small cost in recall.
        favor_precision=True,
        fast=fast,
        include_comments=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        # htmldate's extensive search reads dates out of any text (a footer's "© 2026"
        # becomes 1 January): Pulso wants the date the page states, or none. Built per call:
        # the parameters carry today's date as the latest acceptable one, and `pulso serve`
        # runs for weeks.
        date_extraction_params=set_date_params(extensive=False),
    )


def _reading(document: Any) -> Reading:
    categories = getattr(document, "categories", None) or []
    return Reading(
        text=_paragraphs(getattr(document, "text", None)),
        title=getattr(document, "title", None),
        date=getattr(document, "date", None),
        author=getattr(document, "author", None),
        section=categories[0] if categories else None,
    )
