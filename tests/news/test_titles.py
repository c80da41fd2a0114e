"""The headline among a page's titles, without the outlet's name."""

from __future__ import annotations

import pytest

from collectors.news.titles import choose_title, without_outlet


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        (
            "Cierres viales en Cali | Minuto30.com",
            None,
            "www.minuto30.com",
            "Cierres viales en Cali",
        ),
        (
            "Diario HOY | Darán bendición a vehículos",
            None,
            "www.hoy.com.py",
            "Darán bendición a vehículos",
        ),
        ("La agenda de Interior - La Tercera", "La Tercera", None, "La agenda de Interior"),
        (
            "Paro camionero: lo que se sabe | EL DEBER",
            None,
            "eldeber.com.bo",
            "Paro camionero: lo que se sabe",
        ),
        # A headline with a dash or colon of its own keeps it.
        (
            "Cali - Jamundí: la vía reabre el lunes",
            None,
            "www.elpais.com.co",
            "Cali - Jamundí: la vía reabre el lunes",
        ),
        # A long last segment is part of the headline even if it names the site.
        (
            "Obras | Hoy en Cali la Alcaldía abre la vía",
            None,
            "hoy.com.py",
            "Obras | Hoy en Cali la Alcaldía abre la vía",
        ),
        ("Sin separador", "El País", None, "Sin separador"),
    ],
)
def test_outlet_name_is_dropped_from_titles(title, site, host, expected) -> None:
    assert without_outlet(title, site, host) == expected


@pytest.mark.parametrize(
    ("structured", "page_title", "headings", "expected"),
    [
        # The visible heading, confirmed by the structured title that adds the outlet.
        ("Cierres en Cali - Minuto30.com", None, ["Cierres en Cali"], "Cierres en Cali"),
        # A logo or section <h1> is not confirmed: the structured title wins.
        (
            "Las trabas del Congreso",
            None,
            ["El Mostrador, el primer diario digital"],
            "Las trabas del Congreso",
        ),
        (
            "Militares enviaron 88 preguntas al TSE",
            None,
            ["Brasília"],
            "Militares enviaron 88 preguntas al TSE",
        ),
        # A heading with more than the title (a section prefix) is not the headline.
        (
            "Brothel busted in Boston",
            None,
            ["Local News | Brothel busted in Boston"],
            "Brothel busted in Boston",
        ),
        # og:title cut at an unescaped quote: <title> has the whole headline.
        (
            "Senador califica a Biden de",
            'Senador califica a Biden de "incapacitado" | El Universal',
            [],
            'Senador califica a Biden de "incapacitado"',
        ),
        # The tags carry a shorter SEO version; the visible headline says more (CNN, 2021).
        (
            "What we learned from Harry and Meghan's explosive interview",
            "11 things we learned from Meghan and Harry's interview - CNN",
            [
                "The royal split, racism and family struggles: 11 things we learned from "
                "Harry and Meghan's explosive interview"
            ],
            "The royal split, racism and family struggles: 11 things we learned from "
            "Harry and Meghan's explosive interview",
        ),
        # Reworded for search engines: the reader's headline is the <h1>.
        (
            "Petro pretende con acenos a la Corte limitar el indulto",
            None,
            ["Petro pretende al hacer acenos a la Corte limitar el indulto presidencial"],
            "Petro pretende al hacer acenos a la Corte limitar el indulto presidencial",
        ),
        # A day written before the headline is not part of it.
        (
            "23.01.2022 - Wierer darf beim Antholz-Abschluss jubeln - Biathlon Antholz",
            None,
            ["23.01.2022 - Wierer darf beim Antholz-Abschluss jubeln"],
            "Wierer darf beim Antholz-Abschluss jubeln",
        ),
        ("Cierre de la vía al mar - 05/11/2026", None, [], "Cierre de la vía al mar"),
        # A heading that shares a few words with a longer headline is not reworded from it.
        (
            "La Alcaldía de Cali reabre la vía al mar el lunes",
            None,
            ["Alcaldía de Cali"],
            "La Alcaldía de Cali reabre la vía al mar el lunes",
        ),
        (None, None, ["Solo un encabezado"], "Solo un encabezado"),
        (None, None, [], None),
    ],
)
def test_headline_choice(structured, page_title, headings, expected) -> None:
    assert choose_title(structured, page_title, headings, host="www.eluniversal.com") == expected
