"""Text folding for matching and keys: case- and accent-insensitive, ñ kept distinct.

The fold is length-preserving (one character in, one character out) so that a match found
in folded text points at the same offsets in the original, which is how snippets are cut.
"""

from __future__ import annotations

import re
import unicodedata

_TILDE = "\u0303"


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    # Spanish treats ñ as its own letter: "año" and "ano" are different words.
    if base in "nN" and _TILDE in decomposed[1:]:
        return "ñ"
    folded = base.casefold()
    # casefold() can expand ("ß" -> "ss"); keep offsets aligned with the original instead.
    if len(folded) != 1:
        folded = base.lower() if len(base.lower()) == 1 else base
    if unicodedata.combining(folded):
        return " "
    return folded


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character (then a C-level lookup)."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Characters a page can hide inside a word without it showing: the soft hyphen (CMSs insert
# it for line breaking), zero-width space/non-joiner/joiner, word joiner and a stray BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# A word hyphenated across a line break in print-style text ("Alcal-\ndía"): the line
# continues in lower case, so "Bogotá-\nCali" (a real hyphen before a name) is left alone.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])(?![A-ZÁÉÍÓÚÑÜ])")


def unhide(text: str) -> str:
    """The text with invisible characters removed and line-broken words joined."""
    return _BROKEN_WORD.sub("", text.translate(_INVISIBLE))


def fold(text: str) -> str:
    """NFC-normalised, casefolded, accents stripped except ñ; same length as nfc(text)."""
    text = nfc(text)
    if text.isascii():
        return text.lower()
    return text.translate(_TABLE)


_NON_WORD = re.compile(r"[\W_]+")


def title_key(title: str | None) -> str | None:
    """Key for 'same outlet, same title, same day': fold, drop punctuation, squeeze blanks."""
    if not title:
        return None
    key = _NON_WORD.sub(" ", fold(title)).strip()
    return key[:500] or None


def words(text: str) -> list[str]:
    """Folded word tokens, for shingling."""
    return _NON_WORD.sub(" ", fold(text)).split()
