"""A bug or a database failure inside a command: one line on the terminal, the detail in the log.

The database refuses the write for real (a trigger raising a constraint error), so SQLAlchemy's
full message, with the INSERT and its parameters, is what would have been printed before.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from storage.db import make_engine
from storage.migrate import upgrade
from tests.cli.test_usage_errors import run_pulso


def _refusing_database(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON follower_snapshots "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        )
    engine.dispose()


def test_a_database_error_in_a_command_is_one_line_and_the_sql_goes_to_the_log(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _refusing_database(data / "pulso.db")
    history = tmp_path / "historico.csv"
    history.write_text(
        "plataforma;cuenta;fecha;seguidores\ninstagram;alcaldiadecali;01/01/2020;80.000\n",
        encoding="utf-8",
    )
    done = run_pulso("import", "followers", str(history), cwd=tmp_path)
    log = data / "pulso.log"
    assert done.returncode == 1
    assert done.stderr == (
        f"pulso import followers: internal error (IntegrityError); details in the log at {log}\n"
    )
    for leak in ("INSERT", "SELECT", "[parameters", "Traceback", "80000"):
        assert leak not in done.stderr + done.stdout
    detail = log.read_text(encoding="utf-8")
    assert "INSERT INTO follower_snapshots" in detail and "Traceback" in detail


def test_help_writes_no_log_and_no_data_folder(tmp_path: Path) -> None:
    assert run_pulso("--help", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "data").exists()
