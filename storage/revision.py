"""Is the database at the newest schema? Answered without importing Alembic.

Every command opens the database through this check; Alembic's own answer (load its
environment, import every migration script) costs a command-line start-up more than the
query it precedes. The migration files are read as text for their `revision` and
`down_revision`; when that reading is not conclusive (a merge, an unusual file) the answer is
"not known to be current" and the caller asks Alembic (storage.migrate).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine, inspect, text

VERSIONS = Path(__file__).parent / "migrations" / "versions"
_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+)$", re.MULTILINE)


def declared(source: str) -> dict[str, object]:
    """`revision` and `down_revision` as a migration file assigns them (literal values only)."""
    found: dict[str, object] = {}
    for name, value in _ASSIGNED.findall(source):
        try:
            found[name] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            found[name] = ...
    return found


def head_of(sources: Iterable[str]) -> str | None:
    """The one revision no other revision builds on; None when that is not clear-cut."""
    revisions, parents = set(), set()
    for source in sources:
        names = declared(source)
        revision, down = names.get("revision"), names.get("down_revision")
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
            return None
        revisions.add(revision)
        parents.add(down)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def head_revision(versions: Path = VERSIONS) -> str | None:
    return head_of(p.read_text(encoding="utf-8") for p in sorted(versions.glob("*.py")))


def stored_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_current(engine: Engine) -> bool:
    """True only when the database is certainly at the head revision."""
    head = head_revision()
    return head is not None and stored_revision(engine) == head
