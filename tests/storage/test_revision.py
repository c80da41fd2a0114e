"""Every command checks the schema first; that check must agree with Alembic, without it."""

from __future__ import annotations

from sqlalchemy import create_engine

from storage.migrate import head_revision as alembic_head
from storage.migrate import upgrade
from storage.revision import head_of, head_revision, known_current


def test_the_head_read_from_the_files_is_alembics(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'p.db'}")
    assert head_revision() == alembic_head(engine)


def test_an_empty_database_is_not_current_and_an_upgraded_one_is(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'p.db'}")
    assert not known_current(engine)
    upgrade(engine)
    assert known_current(engine)


def test_a_branch_or_an_unreadable_file_leaves_the_answer_to_alembic() -> None:
    root = 'revision = "0001"\ndown_revision = None\n'
    assert head_of([root, 'revision = "0002"\ndown_revision = "0001"\n']) == "0002"
    branches = [
        root,
        'revision = "a"\ndown_revision = "0001"\n',
        'revision = "b"\ndown_revision = "0001"\n',
    ]
    assert head_of(branches) is None
    merge = 'revision = "m"\ndown_revision = ("a", "b")\n'
    assert head_of([*branches, merge]) is None
    assert head_of([root, "revision = make_id()\ndown_revision = '0001'\n"]) is None
