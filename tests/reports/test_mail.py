"""Composing the weekly e-mail is pure: subject, images as cid parts, nothing fetched remotely."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from reports.mail import compose_email, email_subject, embed_images, without_remote_resources
from reports.week import Week

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n-not-really-but-bytes").decode()


@pytest.mark.parametrize(
    ("monday", "lang", "subject"),
    [
        (date(2026, 11, 16), "es", "Informe semanal · 16 al 22 de noviembre de 2026"),
        (date(2026, 11, 16), "en", "Weekly report · 16–22 November 2026"),
        (date(2026, 11, 30), "es", "Informe semanal · 30 de noviembre al 6 de diciembre de 2026"),
        (
            date(2026, 12, 28),
            "es",
            "Informe semanal · 28 de diciembre de 2026 al 3 de enero de 2027",
        ),
    ],
)
def test_subject_names_the_weeks_dates(monday: date, lang: str, subject: str) -> None:
    assert email_subject(Week(monday), lang) == subject


def test_embedded_images_become_one_cid_part_each() -> None:
    html = (
        f'<img alt="logo" src="data:image/png;base64,{PNG}">'
        f"<img src='data:image/png;base64,{PNG}'>"
        '<img src="data:image/jpeg;base64,/9j/4AAQ">'
    )
    body, images = embed_images(html)
    assert [i.mime for i in images] == ["image/png", "image/jpeg"]
    assert body.count(f"cid:{images[0].cid}") == 2 and "data:" not in body
    assert images[0].data == base64.b64decode(PNG)


@pytest.mark.parametrize(
    ("html", "kept", "gone"),
    [
        ('<img alt="Foto" src="https://cdn.example/p.jpg">', "Foto", "cdn.example"),
        ('<img src="//cdn.example/p.jpg">', "", "cdn.example"),
        ('<link rel="stylesheet" href="https://fonts.example/css">', "", "fonts.example"),
        ("<style>h1{background:url('https://x.example/bg.png')}</style>", "h1{", "x.example"),
        ("<style>@import url(https://x.example/a.css);</style>", "<style>", "x.example"),
        ('<img srcset="https://x.example/2x.png 2x" alt="a">', "alt", "x.example"),
    ],
)
def test_nothing_remote_is_left_to_fetch(html: str, kept: str, gone: str) -> None:
    body = without_remote_resources(html)
    assert gone not in body and kept in body


def test_links_to_the_news_stay_clickable() -> None:
    html = '<a href="https://elpais.com.co/cali/nota.html">Nota</a>'
    assert without_remote_resources(html) == html


def test_the_message_has_text_html_related_images_and_attachments(tmp_path) -> None:
    pdf = tmp_path / "informe-semanal-2026-W47.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    message = compose_email(
        subject="Informe semanal · 16 al 22 de noviembre de 2026",
        sender="Pulso <pulso@cali.gov.co>",
        to=["prensa@cali.gov.co"],
        html=f'<html><body><img src="data:image/png;base64,{PNG}"></body></html>',
        text="Resumen\n",
        attachments=[pdf],
    )
    types = [part.get_content_type() for part in message.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "multipart/related",
        "text/html",
        "image/png",
        "application/pdf",
    ]
    assert message["Message-ID"].endswith("@cali.gov.co>")
