"""'Lo más importante': sentences written from the week's numbers, in Spanish and English."""

from __future__ import annotations

import re
from dataclasses import replace

from reports.highlights import highlights
from reports.model import WeeklyReport


def test_highlights_in_spanish_name_the_week_s_facts_with_their_numbers(
    report: WeeklyReport,
) -> None:
    assert highlights(report, "es") == [
        "La cuenta que más creció fue alcaldiadecali en Instagram: +900 seguidores (+0,49 %).",
        "La publicación con mayor tasa de interacción fue de AlcaldiaDeCali en X (Twitter), el "
        "11/11/2026: 400 interacciones, 0,15 % de sus seguidores.",
        "Blu Radio fue el medio con más menciones: 2 de 7 en la semana.",
        "El free press sumó $42.475.000 antes de IVA, +$38.575.000 (+989,1 %) frente a la "
        "semana anterior.",
        "4 fuentes fallaron esta semana: Instagram · alcaldiadecali, Noticias · Blu Radio, "
        "Noticias · El País, X (Twitter) · AlcaldiaDeCali.",
    ]


def test_highlights_in_english(report: WeeklyReport) -> None:
    sentences = highlights(report, "en")

    assert sentences[0] == (
        "The account that grew most was alcaldiadecali on Instagram: +900 followers (+0.49%)."
    )
    assert sentences[2] == "Blu Radio was the outlet with most mentions: 2 of 7 this week."
    assert sentences[3] == (
        "Free press came to $42,475,000 before VAT, +$38,575,000 (+989.1%) against the "
        "previous week."
    )
    assert sentences[4].startswith("4 sources failed this week: Instagram · alcaldiadecali")


def test_every_sentence_carries_a_number(report: WeeklyReport) -> None:
    for lang in ("es", "en"):
        sentences = highlights(report, lang)
        assert 3 <= len(sentences) <= 5
        assert all(re.search(r"\d", s) for s in sentences)
        assert not any("sin datos" in s or "no data" in s for s in sentences)


def test_a_sentence_without_its_numbers_is_left_out(report: WeeklyReport) -> None:
    bare = replace(
        report,
        top_posts=(),
        news=replace(report.news, by_outlet=()),
        summary=tuple(h for h in report.summary if h.key != "free_press"),
    )

    sentences = highlights(bare, "es")

    assert len(sentences) == 2
    assert sentences[0].startswith("La cuenta que más creció")
    assert sentences[1].startswith("4 fuentes fallaron")


def test_a_first_valuation_is_not_compared_with_nothing(report: WeeklyReport) -> None:
    first = replace(
        report,
        summary=tuple(
            replace(h, previous=None) if h.key == "free_press" else h for h in report.summary
        ),
    )

    assert (
        "El free press sumó $42.475.000 antes de IVA (primera semana con valoración)."
        in highlights(first, "es")
    )


def test_an_empty_week_has_no_highlights(empty_report: WeeklyReport) -> None:
    assert highlights(empty_report, "es") == []
