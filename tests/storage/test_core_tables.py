"""The Core views the reading commands query (storage/core.py) say what storage/models.py says."""

from __future__ import annotations

import pytest
from sqlalchemy import TableClause
from sqlalchemy.types import TypeDecorator

from storage import core
from storage.models import Base

VIEWS = [
    core.accounts,
    core.follower_snapshots,
    *(
        view.table
        for view in (
            core.Outlet,
            core.Article,
            core.Mention,
            core.PeerMention,
            core.Post,
            core.PostMetricSnapshot,
            core.Clip,
            core.RateCard,
        )
    ),
]


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.name)
def test_each_core_column_is_the_models_column_with_its_type(view: TableClause) -> None:
    table = Base.metadata.tables[view.name]
    for column in view.columns:
        assert column.name in table.columns, f"{view.name}.{column.name} is not in the models"
        mapped = table.columns[column.name].type
        assert type(column.type) is type(mapped), f"{view.name}.{column.name}: {mapped!r}"
        if not isinstance(mapped, TypeDecorator):  # UtcDateTime: its class says it all
            assert column.type.python_type is mapped.python_type
        # Numeric's scale decides the Decimal a REAL becomes on SQLite (storage/driver_rows.py).
        assert getattr(column.type, "scale", None) == getattr(mapped, "scale", None)


def test_a_view_reads_its_columns_as_attributes_and_is_a_from_clause() -> None:
    from sqlalchemy import select

    query = (
        select(core.Outlet.name)
        .select_from(core.Article)
        .join(core.Outlet, core.Outlet.id == core.Article.outlet_id)
    )
    assert str(query).split() == (
        "SELECT outlets.name FROM articles JOIN outlets ON outlets.id = articles.outlet_id".split()
    )
    with pytest.raises(AttributeError, match="no column 'body'"):
        _ = core.Article.body
