"""Finding the office's terms in an article: which terms, where, and a snippet.

Terms and their aliases match case- and accent-insensitively (ñ stays distinct) on word
boundaries, so "Alcaldía de Cali" finds "ALCALDIA DE CALI" but not "Alcaldía de Calima".
Per-term exclusions drop matches inside known collisions (a surname that is also a place).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from collectors.news.normalize import fold, nfc, unhide

SNIPPET_CHARS = 160


@dataclass(frozen=True, slots=True)
class MentionMatch:
    """What matched in one article; `terms` are the configured (canonical) terms, in order."""

    terms: tuple[str, ...]
    in_title: bool
    in_body: bool
    snippet: str | None


def _pattern(phrase: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in fold(unhide(phrase)).split()]
    if not parts:
        raise ValueError(f"blank mention term {phrase!r}")
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


@dataclass(frozen=True, slots=True)
class _Term:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    exclusions: tuple[re.Pattern[str], ...]

    def first_span(self, folded: str) -> tuple[int, int] | None:
        blocked = [m.span() for ex in self.exclusions for m in ex.finditer(folded)]
        best: tuple[int, int] | None = None
        for pattern in self.patterns:
            for match in pattern.finditer(folded):
                start, end = match.span()
                if any(b_start <= start and end <= b_end for b_start, b_end in blocked):
                    continue
                if best is None or start < best[0]:
                    best = (start, end)
                break
        return best


class Matcher:
    """Compiled terms; build once per run, call `match` per article."""

    def __init__(
        self,
        terms: Iterable[str],
        *,
        aliases: Mapping[str, Iterable[str]] | None = None,
        exclusions: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        aliases = aliases or {}
        exclusions = exclusions or {}
        self._terms = tuple(
            _Term(
                name=term,
                patterns=tuple(_pattern(p) for p in (term, *aliases.get(term, ()))),
                exclusions=tuple(_pattern(p) for p in exclusions.get(term, ())),
            )
            for term in terms
        )

    def match(self, title: str | None, text: str | None) -> MentionMatch | None:
        """The article's match, or None when no term appears in title or text."""
        # Invisible characters and line-broken words must not hide a term (nor its snippet).
        title_n, text_n = unhide(nfc(title or "")), unhide(nfc(text or ""))
        title_f, text_f = fold(title_n), fold(text_n)
        names: list[str] = []
        title_spans: list[tuple[int, int]] = []
        body_spans: list[tuple[int, int]] = []
        for term in self._terms:
            t_span, b_span = term.first_span(title_f), term.first_span(text_f)
            if t_span is None and b_span is None:
                continue
            names.append(term.name)
            title_spans += [t_span] if t_span else []
            body_spans += [b_span] if b_span else []
        if not names:
            return None
        # The snippet comes from the body when it can: the title is shown beside it anyway.
        source, spans = (text_n, body_spans) if body_spans else (title_n, title_spans)
        start, end = min(spans)
        return MentionMatch(
            tuple(names), bool(title_spans), bool(body_spans), make_snippet(source, start, end)
        )


def make_snippet(text: str, start: int, end: int, width: int = SNIPPET_CHARS) -> str:
    """About `width` characters around [start, end), cut on blanks, with ellipses."""
    pad = max(0, (width - (end - start)) // 2)
    lo, hi = max(0, start - pad), min(len(text), end + pad)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    body = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")
