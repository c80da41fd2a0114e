"""Flow tests: one Prefect test harness (a temporary API server) for the whole session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.prefect_env import configure
from pulso.demo.prefect_server import prepare_database, template

# The name prefect_test_harness gives its database inside the folder it makes for it.
HARNESS_DATABASE = "prefect-test.db"


def seeded_folder() -> str:
    """A new folder for the harness's database, holding a copy of the migrated template.

    Migrating an empty Prefect database (its 100-odd Alembic revisions) was most of the harness
    server's start: ~3.5 s of CPU in every xdist worker. `make install` keeps a migrated, empty
    copy for this Prefect version (the demo's template); started on it, the server's migration
    check finds the head revision and migrates nothing. No template (or an unreadable one): the
    folder stays empty and Prefect migrates, as before. Which database the harness's flows run
    against is no part of what the tests check.
    """
    folder = tempfile.mkdtemp()
    prepare_database(Path(folder) / HARNESS_DATABASE, template())
    return folder


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A session-scoped prefect_test_harness; yields its API URL (subprocesses can use it)."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    configure(home)
    from prefect.settings import PREFECT_API_URL
    from prefect.testing import utilities
    from prefect.testing.utilities import prefect_test_harness

    with pytest.MonkeyPatch.context() as patch:
        # The harness makes its database's folder with `mkdtemp` (no argument) and names the file
        # itself: raising=True fails loudly should a Prefect upgrade stop doing so.
        patch.setattr(utilities, "mkdtemp", seeded_folder, raising=True)
        with prefect_test_harness(server_startup_timeout=120):
            yield str(PREFECT_API_URL.value())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"
