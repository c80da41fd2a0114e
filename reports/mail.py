"""The weekly report as one e-mail message: pure composition, no sending (flows/steps/mail.py).

The message reads without the network: the HTML body is the report's own self-contained page
(its CSS inline in a <style> block, charts as inline SVG); an image embedded as a `data:` URI
becomes a related part referenced by `cid:` (mail programs show those, many block `data:`),
and anything still pointing at an http(s) resource is removed so that opening the message
never reaches a platform's CDN. A plain-text part carries the headline numbers for programs
and phones that show no HTML; the PDF and XLSX travel as attachments.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from reports import formatting as f
from reports.highlights import highlights
from reports.i18n import label, period_report_title, report_title
from reports.model import Headline, WeeklyReport
from reports.period_model import PeriodReport
from reports.spikes import spike_summary
from reports.week import Week

_IMG_SRC = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_DATA_URI = re.compile(r"^data:(image/[a-z0-9.+-]+);base64,(.*)$", re.IGNORECASE | re.DOTALL)
_REMOTE_IMG = re.compile(
    r"""<img\b[^>]*?\bsrc\s*=\s*["']?\s*(?:https?:)?//[^>]*>""", re.IGNORECASE | re.DOTALL
)
_REMOTE_LINK = re.compile(
    r"""<link\b[^>]*?\bhref\s*=\s*["']?\s*(?:https?:)?//[^>]*>""", re.IGNORECASE | re.DOTALL
)
_REMOTE_CSS = re.compile(
    r"""(?:@import\s+)?url\(\s*["']?\s*(?:https?:)?//[^)]*\)""", re.IGNORECASE | re.DOTALL
)
_REMOTE_SRCSET = re.compile(r"""\s(?:srcset|background)\s*=\s*(["'])[^"']*\1""", re.IGNORECASE)


def email_subject(week: Week, lang: str) -> str:
    """The report's own title: "Informe semanal · 16 al 22 de noviembre de 2026"."""
    return report_title(week.start, week.end, lang)


@dataclass(frozen=True, slots=True)
class InlineImage:
    cid: str  # without the angle brackets
    mime: str  # image/png
    data: bytes


def embed_images(html: str, domain: str = "pulso.local") -> tuple[str, list[InlineImage]]:
    """Turn every `<img src="data:image/...;base64,...">` into a `cid:` reference and its bytes;
    remote images, stylesheets and CSS urls are dropped (alt text stays where there is one)."""
    images: list[InlineImage] = []
    seen: dict[str, str] = {}

    def to_cid(match: re.Match[str]) -> str:
        uri = match.group(3).strip()
        data = _DATA_URI.match(uri)
        if data is None:
            return match.group(0)
        payload = re.sub(r"\s+", "", data.group(2))
        if payload not in seen:
            try:
                raw = base64.b64decode(payload, validate=True)
            except (binascii.Error, ValueError):
                return match.group(1) + match.group(2) + match.group(2)
            cid = make_msgid(idstring=f"img{len(images) + 1}", domain=domain)[1:-1]
            seen[payload] = cid
            images.append(InlineImage(cid, data.group(1).lower(), raw))
        return f"{match.group(1)}{match.group(2)}cid:{seen[payload]}{match.group(2)}"

    html = _IMG_SRC.sub(to_cid, html)
    return without_remote_resources(html), images


def without_remote_resources(html: str) -> str:
    """Remove what a mail program would fetch from the network when the message opens."""
    html = _REMOTE_IMG.sub(_alt_text, html)
    html = _REMOTE_LINK.sub("", html)
    html = _REMOTE_CSS.sub("none", html)
    return _REMOTE_SRCSET.sub("", html)


def _alt_text(match: re.Match[str]) -> str:
    alt = re.search(r"""\balt\s*=\s*(["'])(.*?)\1""", match.group(0), re.DOTALL)
    return alt.group(2) if alt else ""


def summary_text(report: WeeklyReport, lang: str, files: Sequence[Path] = ()) -> str:
    """The plain-text part: the title, "Lo más importante", the headline numbers against last
    week (or "primera semana con datos"), the spikes and the attached files."""
    lines = [email_subject(report.week, lang), ""]
    sentences = highlights(report, lang)
    if sentences:
        lines += [label("section_highlights", lang), *(f"- {s}" for s in sentences), ""]
    lines.append(label("section_summary", lang))
    lines += [_headline_line(h, lang, report.previous_has_data) for h in report.summary]
    if report.spikes:
        lines += ["", label("section_spikes", lang)]
        lines += [f"- {spike_summary(s, lang)}" for s in report.spikes]
    names = [p.name for p in files if p.suffix.lower() in (".pdf", ".xlsx")]
    if names:
        lines += ["", ("Adjuntos: " if lang == "es" else "Attached: ") + ", ".join(names)]
    return "\n".join(lines) + "\n"


def period_summary_text(report: PeriodReport, lang: str, files: Sequence[Path] = ()) -> str:
    """The period report's plain-text part: its title, the headline numbers of the period
    (followers and new followers of the own accounts, posts, interactions, news, free press)
    and the attached files."""
    own = report.followers
    ends = [g.end.followers for g in own if g.end is not None]
    changes = [g.change for g in own if g.change is not None]
    interactions = [a["interactions"] for a in report.activity if a.get("interactions") is not None]
    numbers = [
        ("headline_followers", f.fmt_int(sum(ends) if ends else None, lang)),
        ("headline_new_followers", f.fmt_signed(sum(changes) if changes else None, lang)),
        ("headline_posts", f.fmt_int(sum(int(a.get("posts") or 0) for a in report.activity), lang)),
        ("headline_interactions", f.fmt_int(sum(interactions) if interactions else None, lang)),
        ("headline_mentions", f.fmt_int(report.news.mentions, lang)),
        ("headline_stories", f.fmt_int(report.news.stories, lang)),
        ("headline_free_press", f.fmt_money(report.free_press.total_before_iva, lang)),
    ]
    lines = [period_report_title(report.period.start, report.period.end, lang), ""]
    lines.append(label("section_summary", lang))
    lines += [f"- {label(key, lang)}: {value}" for key, value in numbers]
    names = [p.name for p in files if p.suffix.lower() in (".pdf", ".xlsx")]
    if names:
        lines += ["", ("Adjuntos: " if lang == "es" else "Attached: ") + ", ".join(names)]
    return "\n".join(lines) + "\n"


def _headline_line(h: Headline, lang: str, has_previous: bool) -> str:
    show = f.fmt_money if h.money else f.fmt_int
    line = f"- {label(f'headline_{h.key}', lang)}: {show(h.value, lang)}"
    if not has_previous:
        return f"{line} ({label('first_week', lang)})"
    if h.change is None:
        return line
    change = f.fmt_money(h.change, lang) if h.money else f.fmt_signed(h.change, lang)
    if h.money and h.change > 0:
        change = "+" + change
    pct = f", {f.fmt_pct(h.change_pct, lang)}" if h.change_pct is not None else ""
    versus = "vs. la semana anterior" if lang == "es" else "vs. the previous week"
    return f"{line} ({change}{pct} {versus})"


def attachment_type(path: Path) -> tuple[str, str]:
    guessed, _ = mimetypes.guess_type(path.name)
    if path.suffix.lower() == ".xlsx":
        guessed = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    maintype, _, subtype = (guessed or "application/octet-stream").partition("/")
    return maintype, subtype


def compose_email(
    *,
    subject: str,
    sender: str,
    to: Sequence[str],
    cc: Sequence[str] = (),
    html: str,
    text: str,
    attachments: Sequence[Path] = (),
) -> EmailMessage:
    """One message: text and HTML alternatives (images as related parts), files attached."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip(" >") or None)
    message.set_content(text)
    body, images = embed_images(html)
    message.add_alternative(body, subtype="html")
    html_part = message.get_body(preferencelist=("html",))
    if html_part is None:  # pragma: no cover - add_alternative just made it
        raise ValueError("the HTML part was not added")
    for image in images:
        maintype, _, subtype = image.mime.partition("/")
        html_part.add_related(image.data, maintype=maintype, subtype=subtype, cid=f"<{image.cid}>")
    for path in attachments:
        maintype, subtype = attachment_type(path)
        message.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name
        )
    return message
