"""Syndicated copies across outlets are one story; different stories stay apart."""

from __future__ import annotations

import pytest

from collectors.news.extract import extract_page
from collectors.news.simhash import distance, from_hex, simhash, to_hex
from collectors.news.stories import StoryCandidate, find_story, same_story
from tests.news.conftest import PAGES

AGENCY = extract_page((PAGES / "caracol_jsonld_graph.html").read_bytes()).text or ""
LOCAL_COPY = extract_page((PAGES / "wordpress_og.html").read_bytes()).text or ""
OTHER_STORY = extract_page((PAGES / "elpais_jsonld.html").read_bytes()).text or ""
SAME_TOPIC = (
    "La Alcaldía de Cali abrió una feria de empleo con 3.000 vacantes en el centro de eventos "
    "Valle del Pacífico. Jóvenes entre 18 y 28 años podrán presentar su hoja de vida a más de 80 "
    "empresas de la ciudad, que buscan cajeros, operarios, vendedores y auxiliares de bodega. La "
    "Secretaría de Desarrollo Económico recomendó llevar varias copias impresas y el documento de "
    "identidad. La feria irá del martes al jueves entre las 8:00 a. m. y las 4:00 p. m."
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (AGENCY, LOCAL_COPY, True),  # agency story, lightly edited by a second outlet
        (AGENCY, AGENCY + "\n\nCon información de Colprensa.", True),
        (AGENCY, AGENCY.split("\n\n")[0] + "\n\n" + AGENCY.split("\n\n")[1], True),  # trimmed copy
        (AGENCY, OTHER_STORY, False),
        (AGENCY, SAME_TOPIC, False),  # same subject, same office, different story
        ("Alcaldía de Cali", "Alcaldía de Cali", False),  # too short to call a copy
    ],
)
def test_story_grouping(a: str, b: str, same: bool) -> None:
    assert same_story(a, b) is same
    assert same_story(b, a) is same


def test_near_copies_have_near_fingerprints_and_others_do_not() -> None:
    a, b, c = simhash(AGENCY), simhash(LOCAL_COPY), simhash(OTHER_STORY)
    assert a is not None and b is not None and c is not None
    assert distance(a, b) < distance(a, c)
    assert distance(a, c) > 18
    assert from_hex(to_hex(a)) == a and len(to_hex(a)) == 16


def test_find_story_picks_the_confirmed_candidate() -> None:
    candidates = [
        StoryCandidate(1, simhash(OTHER_STORY) or 0, OTHER_STORY),
        StoryCandidate(2, simhash(AGENCY) or 0, AGENCY),
    ]
    assert find_story(LOCAL_COPY, simhash(LOCAL_COPY), candidates) == 2
    assert find_story(SAME_TOPIC, simhash(SAME_TOPIC), candidates) is None
    assert find_story(None, None, candidates) is None


def test_simhash_of_empty_text_is_none() -> None:
    assert simhash("") is None and simhash("¡!") is None
