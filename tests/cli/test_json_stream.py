"""Arrays spooled to a file print the same bytes as `print_json` of the whole document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pulso.cli.output import JsonArray, print_json, print_json_with

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.dates(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3))
OBJECTS = st.dictionaries(st.text(max_size=8), VALUES, max_size=6)


def _spooled(data: dict[str, Any], names: tuple[str, ...]) -> None:
    arrays = {name: JsonArray() for name in names}
    for name in names:
        for item in data[name]:
            arrays[name].add(item)
    print_json_with({**data, **{name: [] for name in names}}, arrays)
    for array in arrays.values():
        array.close()


@given(items=st.lists(OBJECTS, max_size=4), unvalued=st.lists(OBJECTS, max_size=3))
def test_spooled_arrays_print_what_print_json_prints(
    items: list[dict[str, Any]], unvalued: list[dict[str, Any]]
) -> None:
    data = {"from": "2020-05-13", "iva_rate": 0.19, "items": items, "unvalued": unvalued}
    with pytest.MonkeyPatch.context() as patch:
        import io
        import sys

        held, spooled = io.StringIO(), io.StringIO()
        patch.setattr(sys, "stdout", held)
        print_json(data)
        patch.setattr(sys, "stdout", spooled)
        _spooled(data, ("items", "unvalued"))
    assert spooled.getvalue() == held.getvalue()


def test_a_valuation_item_with_accents_and_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    item = {
        "outlet": 'Noticiero "90 Minutos"',
        "aired_on": date(2020, 5, 13).isoformat(),
        "title": "Vacunación en la Alcaldía",
        "column_cm": Decimal("35.5"),
        "seconds": 168,
        "program": None,
    }
    print_json({"items": [item]})
    held = capsys.readouterr().out
    _spooled({"items": [item]}, ("items",))
    assert capsys.readouterr().out == held
    assert '"title": "Vacunación en la Alcaldía"' in held
