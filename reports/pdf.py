"""The report's PDF: the same HTML page, laid out for A4 by WeasyPrint.

WeasyPrint is imported here, when a PDF is written, never at start-up: it loads Pango and
fonts, which would slow every CLI command. It gets no network: the page is self-contained
(inline CSS, SVG, `data:` images) and any other URL it meets is refused, so opening or printing
the report never reaches a platform's CDN.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any


class PdfError(Exception):
    """The PDF could not be written; the message says why and what to install."""


def _data_only() -> Any:
    """A fetcher for `data:` URLs only: anything else is skipped, never requested."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def _weasyprint_html() -> Any:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        # OSError: the Python package is there but Pango/HarfBuzz are not.
        raise PdfError(
            f"WeasyPrint cannot run here ({error}); install it with its system libraries "
            "(Pango, HarfBuzz: see the Dockerfile's apt-get line)"
        ) from error
    # WeasyPrint logs every CSS property it ignores (screen-only rules): not the operator's news.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML


def write_pdf(html: str, path: Path) -> Path:
    """Render `html` to `path`; raises PdfError (and leaves no half-written file) on failure."""
    html_class = _weasyprint_html()
    partial = path.with_name(path.name + ".part")
    try:
        html_class(string=html, url_fetcher=_data_only()).write_pdf(partial)
        partial.replace(path)
    except Exception as error:  # WeasyPrint raises many kinds; each means "no PDF"
        partial.unlink(missing_ok=True)
        raise PdfError(f"the PDF could not be rendered: {type(error).__name__}: {error}") from error
    return path
