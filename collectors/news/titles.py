"""Which of a page's titles is the article's headline, without the outlet's name.

Pages say their title several times: JSON-LD/OpenGraph (for search engines and previews),
<title> (usually with " | Outlet" added) and the visible <h1>. The visible heading is what a
reader calls the title, but many templates put the outlet's logo or a section name in an
<h1> too; so a heading is taken only when a declared title confirms it: its words are among
the title's and make up at least half of them (the title is the heading plus the outlet), or
it holds most of the title's own words (the tags carry a shorter or reworded version of the
visible headline, as editors write one for search engines and another for readers).
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
# A reworded tag keeps most of the headline's words: two thirds of the tag's words must be in
# the heading, and the heading may not be much longer (a wrapper around the whole header is
# not a headline).
MIN_COVER = 2 / 3
MAX_STRETCH = 2.5
MIN_COMMON_WORDS = 3
# "23.01.2022 - Headline" / "Headline - 23/01/2022": the day is the page's, not the headline's.
_DATE_AFFIX = re.compile(
    r"^\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s*[|–—\-:·•]\s*"
    r"|\s*[|–—\-:·•]\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s*$"
)


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


def covers(heading: str, title: str | None) -> bool:
    """The heading holds most of the title's words and is not much longer than it."""
    mine, theirs = _words(heading), _words(title)
    common = sum((mine & theirs).values())
    size, their_size = sum(mine.values()), sum(theirs.values())
    return (
        common >= MIN_COMMON_WORDS
        and common >= MIN_COVER * their_size
        and size <= MAX_STRETCH * their_size
    )


def _trimmed_to(heading: str, title: str) -> str:
    """`Section | Headline` -> `Headline` when the title has none of the section's words."""
    parts = _SEPARATOR.split(heading)
    theirs = _words(title)
    while len(parts) > 1 and not _words(parts[0]) & theirs:
        parts = parts[1:]
    while len(parts) > 1 and not _words(parts[-1]) & theirs:
        parts = parts[:-1]
    return _rejoin(heading, parts) or heading


def without_date(headline: str) -> str:
    """The headline without a day written before or after it."""
    return _DATE_AFFIX.sub("", headline).strip() or headline


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


def _is_cut(structured: str, page_title: str) -> bool:
    """The <title> starts with the structured title and goes on within the same segment."""
    segments = [_key(part) for part in _SEPARATOR.split(page_title)]
    return _key(page_title).startswith(_key(structured)) and _key(structured) not in segments


def choose_title(
    structured: str | None,
    page_title: str | None,
    headings: Sequence[str],
    *,
    site: str | None = None,
    host: str | None = None,
) -> str | None:
    """The headline: a confirmed visible heading, else the structured or <title> text cleaned."""
    declared = [t for t in (structured, page_title) if t]
    for heading in headings:
        if any(confirms(heading, title) for title in declared):
            return without_date(heading)
    for heading in headings[:1]:
        for title in (without_outlet(t, site, host) for t in declared):
            if covers(heading, title):
                return without_date(_trimmed_to(heading, title))
    best = structured
    # An attribute cut at an unescaped quote: the <title> still has the whole headline. A
    # structured title that is a whole segment of the <title> ("Headline | Section | Outlet")
    # was not cut.
    if page_title and (not best or _is_cut(best, page_title)):
        best = page_title
    if best:
        return without_date(without_outlet(best, site, host))
    return headings[0] if headings else None
