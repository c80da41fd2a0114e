"""Which of a page's titles is the article's headline, without the outlet's name.

Pages say their title several times: JSON-LD/OpenGraph (for search engines and previews),
<title> (usually with " | Outlet" added) and the visible <h1>. The visible heading is what a
reader calls the title, but many templates put the outlet's logo or a section name in an
<h1> too; so a heading is taken only when the structured title confirms it (its words are
among the title's, and make up at least half of them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from collectors.news.normalize import fold

_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s+(?:[|–—\-:»·•]|::)\s+")
MIN_SHARE = 0.5
MAX_OUTLET_WORDS = 4


def _words(text: str | None) -> Counter[str]:
    return Counter(_WORD.findall(fold(text or "")))


def _key(text: str) -> str:
    return "".join(_WORD.findall(fold(text))).replace("_", "")


def confirms(heading: str, title: str | None) -> bool:
    """The heading's words are all in `title` and are at least half of its words."""
    mine, theirs = _words(heading), _words(title)
    if not mine or mine - theirs:
        return False
    return sum(mine.values()) >= MIN_SHARE * sum(theirs.values())


def _is_outlet(segment: str, site: str | None, host: str | None) -> bool:
    """A short segment naming the outlet ("Minuto30.com", "Diario HOY", "EL DEBER")."""
    key = _key(segment)
    if not key:
        return True
    if len(segment.split()) > MAX_OUTLET_WORDS:
        return False
    names = [_key(site)] if site else []
    if host:
        labels = host.lower().removeprefix("www.").split(".")
        names.append(_key(labels[0]))
    return any(name and name in key for name in names)


def without_outlet(title: str, site: str | None = None, host: str | None = None) -> str:
    """`Headline | Outlet` -> `Headline`; the outlet is recognised by its name or domain."""
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    if _is_outlet(parts[-1], site, host):
        parts = parts[:-1]
    elif _is_outlet(parts[0], site, host):
        parts = parts[1:]
    else:
        return title
    return _rejoin(title, parts) or title


def _rejoin(title: str, parts: Sequence[str]) -> str:
    """The kept parts as they were written (separators inside the headline stay)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start != -1 and end > start else ""


def choose_title(
    structured: str | None,
    page_title: str | None,
    headings: Sequence[str],
    *,
    site: str | None = None,
    host: str | None = None,
) -> str | None:
    """The headline: a confirmed visible heading, else the structured or <title> text cleaned."""
    for heading in headings:
        if confirms(heading, structured) or confirms(heading, page_title):
            return heading
    best = structured
    # An attribute cut at an unescaped quote: the <title> still has the whole headline.
    if page_title and (not best or _key(page_title).startswith(_key(best))):
        best = page_title
    if best:
        return without_outlet(best, site, host)
    return headings[0] if headings else None
