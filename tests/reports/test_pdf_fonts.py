"""The tests' remembered font cuts (tests/pdf_fonts.py) write the very PDF WeasyPrint writes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reports.pdf import write_pdf
from tests.pdf_fonts import remembering

# Three faces (regular, bold, italic), and two pages whose glyphs differ: a cut remembered for
# one page must never be handed to the other.
PAGES = [
    "<h1>Informe semanal · Alcaldía de Cali</h1><p>Menciones: 1.234 <b>+12 %</b> <i>ñandú</i></p>",
    "<h1>Weekly report</h1><p>Free press $ 38.415.000 <b>Blu Radio</b> <i>€ – “quoted”</i></p>",
]


def _pdf(html: str, path: Path) -> bytes:
    written = write_pdf(f"<html><body>{html}</body></html>", path).read_bytes()
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", written)  # the clock's too


def test_remembered_font_cuts_write_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.pdf import fonts

    # fontTools stamps each cut font "modified now" unless a build date is given: the clock's.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    original = getattr(fonts.Font.subset, "__wrapped__", fonts.Font.subset)
    cuts: list[int] = []

    def counted(font: Any, to_unicode: Any, hinting: bool) -> None:
        cuts.append(len(to_unicode))
        original(font, to_unicode, hinting)

    monkeypatch.setattr(fonts.Font, "subset", original)
    plain = [_pdf(page, tmp_path / f"plain{n}.pdf") for n, page in enumerate(PAGES)]
    monkeypatch.setattr(fonts.Font, "subset", remembering(counted))
    remembered = [_pdf(page, tmp_path / f"kept{n}.pdf") for n, page in enumerate(PAGES)]
    first_cuts = len(cuts)
    again = _pdf(PAGES[0], tmp_path / "again.pdf")

    assert plain[0] != plain[1]
    assert remembered == plain and again == plain[0]
    assert first_cuts >= 4 and len(cuts) == first_cuts  # the third PDF cut no font again
