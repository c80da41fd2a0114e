"""The Core views `pulso growth` queries (storage/core.py) say what storage/models.py says."""

from __future__ import annotations

import pytest
from sqlalchemy import TableClause

from storage import core
from storage.models import Base

VIEWS = [core.accounts, core.follower_snapshots]


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.name)
def test_each_core_column_is_the_models_column_with_its_type(view: TableClause) -> None:
    table = Base.metadata.tables[view.name]
    for column in view.columns:
        assert column.name in table.columns, f"{view.name}.{column.name} is not in the models"
        mapped = table.columns[column.name].type
        assert type(column.type) is type(mapped), f"{view.name}.{column.name}: {mapped!r}"
        assert column.type.python_type is mapped.python_type
