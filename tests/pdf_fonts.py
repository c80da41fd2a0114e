"""WeasyPrint's font subsetting, remembered within a test process.

Writing a report's PDF spends most of its time cutting each embedded font down to the glyphs
the page uses (here through fontTools, ~0.2 s a font, three fonts a report): about 25 s of the
suite's CPU, and many tests write the same week's report, so the same fonts are cut to the same
glyphs again and again. Cutting is a pure function of the font's bytes, the glyphs kept and two
flags, and only replaces the font's bytes: the first cut of each is kept and later identical
ones reuse its bytes, so every PDF is byte for byte the one WeasyPrint writes without this,
but for the clock: the PDF's dates, and the "modified" stamp fontTools gives each cut font,
which is the first cut's time (`tests/reports/test_pdf_fonts.py` compares the bytes with the
clock fixed). Installed once WeasyPrint's PDF code is loaded, by the first test that writes a
PDF (tests check that the CLI's start-up leaves WeasyPrint unloaded). Subprocesses (the demo,
CLI runs) cut their fonts as before.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

Subset = Callable[[Any, Mapping[int, Any], bool], None]
MARK = "_pulso_tests_remembered"


def subset_key(font: Any, to_unicode: Mapping[int, Any], hinting: bool) -> tuple[object, ...]:
    """Everything `Font.subset` reads: the font's bytes and face, the glyphs, the flags."""
    digest = hashlib.blake2b(font.file_content, digest_size=20).digest()
    return (digest, font.index, tuple(sorted(to_unicode)), hinting, bool(font.missing))


def remembering(subset: Subset) -> Subset:
    """`subset`, run once per distinct key; a repeated key gets the bytes the first one made."""
    made: dict[tuple[object, ...], bytes] = {}

    def remembered(font: Any, to_unicode: Mapping[int, Any], hinting: bool) -> None:
        key = subset_key(font, to_unicode, hinting)
        if key not in made:
            subset(font, to_unicode, hinting)
            made[key] = font.file_content
        font.file_content = made[key]

    setattr(remembered, MARK, True)
    remembered.__wrapped__ = subset  # type: ignore[attr-defined]
    return remembered


def remember_font_subsets() -> None:
    """Wrap WeasyPrint's `Font.subset` once it is loaded (never loads it itself)."""
    fonts = sys.modules.get("weasyprint.pdf.fonts")
    if fonts is None or getattr(fonts.Font.subset, MARK, False):
        return
    fonts.Font.subset = remembering(fonts.Font.subset)
