"""The article's own text, without menus, share buttons, related links or comments.

A small readability-style heuristic: drop boilerplate elements, then take the container
whose paragraphs hold the most text (a known article-body container wins when present).
The extraction-quality floor in tests/news/test_extract_quality.py keeps it honest.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
    "button", "select", "svg", "template", "figcaption",
)  # fmt: skip
_BOILERPLATE = re.compile(
    r"(?i)(^|[\s_-])(comment|comentario|share|compartir|social|related|relacionad|newsletter|"
    r"menu|sidebar|breadcrumb|advert|publicidad|banner|promo|tags|etiquetas|cookie|"
    r"subscribe|suscrib|footer|header|lee-tambien|le-puede|recomendad|popular|trending)"
)
_BODY_HINT = re.compile(
    r"(?i)(article[-_]?body|articlebody|entry-content|post-content|story-body|"
    r"article__body|article-content|content-body|nota-cuerpo|td-post-content|body-nota|"
    r"paywall|rich-text)"
)
_BLOCKS = ("p", "h2", "h3", "blockquote", "li")
# In-text promos of other articles, the way Colombian outlets word them.
_READ_ALSO = re.compile(
    r"(?i)^(lea también|lee también|le puede interesar|te puede interesar|vea también|"
    r"también puede leer|siga leyendo|recomendado|noticia relacionada)\b"
)
MIN_PARAGRAPH_CHARS = 25


def parse_html(text: str) -> lxml_html.HtmlElement | None:
    """An lxml document, or None for input that is not HTML at all."""
    if text.lstrip().startswith("<?xml"):
        text = text[text.find("?>") + 2 :]
    try:
        return lxml_html.document_fromstring(text)
    except (ParserError, ValueError):
        return None


def _drop_boilerplate(root: lxml_html.HtmlElement) -> None:
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in root.xpath("//*[@class or @id]"):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if _BOILERPLATE.search(marks) and not _BODY_HINT.search(marks) and element.tag != "body":
            element.drop_tree()


def _block_text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _paragraphs(container: lxml_html.HtmlElement) -> list[str]:
    texts = []
    for element in container.iter(*_BLOCKS):
        if element.tag == "li" and element.getparent() is not None and element.xpath("ancestor::p"):
            continue
        text = _block_text(element)
        if element.tag == "p" and len(text) < MIN_PARAGRAPH_CHARS and not text.endswith("."):
            continue
        if _READ_ALSO.match(text):
            continue
        if text and (element.tag != "li" or len(text) >= MIN_PARAGRAPH_CHARS):
            texts.append(text)
    return texts


def _best_container(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    scores: dict[lxml_html.HtmlElement, int] = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        length = len(paragraph.text_content())
        if parent is not None and length >= MIN_PARAGRAPH_CHARS:
            scores[parent] = scores.get(parent, 0) + length
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + length // 2
    return max(scores, key=scores.__getitem__) if scores else None


def _hinted(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    candidates = root.xpath("//*[@itemprop='articleBody']") or [
        e for e in root.xpath("//*[@class or @id]")
        if _BODY_HINT.search(f"{e.get('class', '')} {e.get('id', '')}")
    ]  # fmt: skip
    candidates += root.xpath("//article")
    best = max(candidates, key=lambda e: len(e.text_content()), default=None)
    return best if best is not None and _paragraphs(best) else None


def main_text(doc: lxml_html.HtmlElement) -> str | None:
    """The article's paragraphs joined by blank lines; None when nothing looks like prose."""
    body = doc.find("body")
    root = body if body is not None else doc
    _drop_boilerplate(root)
    container = _hinted(root)
    if container is None:
        container = _best_container(root)
    if container is None:
        return None
    paragraphs = list(dict.fromkeys(_paragraphs(container)))
    return "\n\n".join(paragraphs) or None
