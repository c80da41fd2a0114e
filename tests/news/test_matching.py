"""Which articles mention the office: accents, case, word boundaries, exclusions."""

from __future__ import annotations

import pytest

from collectors.news.matching import Matcher, make_snippet
from collectors.news.normalize import fold, title_key, unhide

TERMS = ["Alcaldía de Cali", "Alcaldía de Santiago de Cali"]
MATCHER = Matcher(TERMS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Alcaldía de Cali anunció", ("Alcaldía de Cali",)),
        ("LA ALCALDÍA DE CALI ANUNCIÓ", ("Alcaldía de Cali",)),
        ("la alcaldia de cali anuncio", ("Alcaldía de Cali",)),
        ("la Alcaldia  de\nCali, ayer", ("Alcaldía de Cali",)),
        ("(Alcaldía de Cali)", ("Alcaldía de Cali",)),
        ("«Alcaldía de Cali».", ("Alcaldía de Cali",)),
        ("La ALCALDI\u0301A DE CALI (decomposed accent)", ("Alcaldía de Cali",)),
        ("La Alcaldía de Santiago de Cali firmó", ("Alcaldía de Santiago de Cali",)),
        (
            "Alcaldía de Cali y también Alcaldía de Santiago de Cali",
            ("Alcaldía de Cali", "Alcaldía de Santiago de Cali"),
        ),
        ("La Alcaldía de Calima informó", None),
        ("Sendero del Caliman", None),
        ("alcaldiadecali.gov.co", None),
        ("Alcaldía de Cali2030", None),
        ("Gobernación del Valle", None),
        ("", None),
    ],
)
def test_terms_match_case_and_accent_insensitively_on_word_boundaries(
    text: str, expected: tuple[str, ...] | None
) -> None:
    found = MATCHER.match(None, text)
    assert (found.terms if found else None) == expected


def test_enye_stays_distinct_from_n() -> None:
    matcher = Matcher(["Año Nuevo"])
    assert matcher.match(None, "celebración del AÑO NUEVO") is not None
    assert matcher.match(None, "celebración del ano nuevo") is None
    assert Matcher(["Ano"]).match(None, "el año") is None


def test_bare_city_term_does_not_match_calima_or_caliman() -> None:
    matcher = Matcher(["Cali"])
    assert matcher.match(None, "Viaje a Calima y al Caliman") is None
    assert matcher.match(None, "Viaje a Cali.") is not None


def test_exclusion_drops_known_collision_but_keeps_other_uses() -> None:
    matcher = Matcher(["Eder"], exclusions={"Eder": ["Puerto Eder", "Eder Álvarez"]})
    assert matcher.match(None, "Lluvias en Puerto Eder y Eder Álvarez marcó gol") is None
    found = matcher.match(None, "En Puerto Eder llovió. El alcalde Eder habló.")
    assert found is not None and found.snippet is not None
    assert "alcalde Eder" in found.snippet


def test_alias_reports_the_configured_term() -> None:
    matcher = Matcher(
        ["Alcaldía de Cali"], aliases={"Alcaldía de Cali": ["Alcaldía Distrital de Cali"]}
    )
    found = matcher.match(None, "La Alcaldía Distrital de Cali dijo")
    assert found is not None and found.terms == ("Alcaldía de Cali",)


def test_match_records_title_and_body_and_snippet_from_body() -> None:
    found = MATCHER.match(
        "Alcaldía de Cali abre inscripciones",
        "Texto largo. " * 20 + "Según la alcaldía de Cali, hay 1.200 cupos. " + "Más texto. " * 20,
    )
    assert found is not None
    assert (found.in_title, found.in_body) == (True, True)
    assert found.snippet is not None and "alcaldía de Cali, hay 1.200 cupos" in found.snippet
    assert found.snippet.startswith("…") and found.snippet.endswith("…")
    assert len(found.snippet) <= 170


def test_title_only_match_snippets_the_title() -> None:
    found = MATCHER.match("Alcaldía de Cali: balance", "Nada relevante aquí.")
    assert found is not None
    assert (found.in_title, found.in_body, found.snippet) == (
        True,
        False,
        "Alcaldía de Cali: balance",
    )


def test_snippet_of_short_text_has_no_ellipsis() -> None:
    assert make_snippet("Hola Cali", 5, 9) == "Hola Cali"


@pytest.mark.parametrize(
    ("text", "folded"),
    [("ALCALDÍA", "alcaldia"), ("Año", "año"), ("AÑO", "año"), ("Straße", "straße"), ("Ü", "u")],
)
def test_fold_is_length_preserving(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


def test_title_key_ignores_case_accents_and_punctuation() -> None:
    assert title_key("¡Alcaldía de Cali, hoy!") == title_key("alcaldia de cali hoy")
    assert title_key("") is None and title_key(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Al\u00adcal\u00addía de Cali anunció", ("Alcaldía de Cali",)),  # soft hyphens
        ("La Alcaldía\u200b de\u200b Cali", ("Alcaldía de Cali",)),  # zero-width spaces
        ("La Alcal\u200cdía de Cali", ("Alcaldía de Cali",)),  # zero-width non-joiner
        ("La Alcal\u200ddía de Cali", ("Alcaldía de Cali",)),  # zero-width joiner
        ("La Alcaldía de Ca\u2060li", ("Alcaldía de Cali",)),  # word joiner
        ("La \ufeffAlcaldía de Cali", ("Alcaldía de Cali",)),  # stray BOM
        ("La Alcal-\ndía de Cali anunció", ("Alcaldía de Cali",)),  # hyphenated line break
        ("La Alcal- \r\n  día de Cali", ("Alcaldía de Cali",)),
        ("La Alcaldía de Santiago de Ca-\nli", ("Alcaldía de Santiago de Cali",)),
        ("La Alcaldía de Ca-\nLi", None),  # a capital after the break: not joined
        ("La Alcal-día de Cali", None),  # a hyphen inside a line is a hyphen
    ],
)
def test_invisible_characters_and_broken_words_do_not_hide_a_term(
    text: str, expected: tuple[str, ...] | None
) -> None:
    found = MATCHER.match(None, text)
    assert (found.terms if found else None) == expected


def test_snippet_of_a_hidden_term_reads_clean() -> None:
    found = MATCHER.match(None, "Ayer la Alcal\u00addía de Ca-\nli cerró la vía.")
    assert found is not None and found.snippet == "Ayer la Alcaldía de Cali cerró la vía."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alcal\u00addía", "Alcaldía"),
        ("a\u200bb\u200cc\u200dd\u2060e\ufefff", "abcdef"),
        ("Alcal-\ndía", "Alcaldía"),
        ("Cali-\nJamundí", "Cali-\nJamundí"),
        ("2025-\n2026", "2025-\n2026"),
        ("sin cambios", "sin cambios"),
    ],
)
def test_unhide(text: str, expected: str) -> None:
    assert unhide(text) == expected
