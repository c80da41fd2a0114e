"""Turning typed errors into one clear line each and an exit code.

0 success · 1 other failure · 2 invalid input (every problem on stderr) · 3 partial collection

Every line names the command (`pulso growth: ...`). A bad option value adds a pointer to the
command's help; an unexpected error (a bug, a database error) shows its class and where the
log holds the detail, never SQL, parameters or a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from collectors.errors import CollectorError, redact
from flows.steps.errorlog import log_internal
from importers.problems import ImportRejected

EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_PARTIAL = 0, 1, 2, 3


class InvalidInput(Exception):
    """A bad argument or value given by the user (exit 2)."""

    hint = False


class BadOption(InvalidInput):
    """A bad option value (`--from 2021-13-45`): shown with a pointer to the command's help."""

    hint = True


def say(line: str) -> None:
    sys.stderr.write(redact(line) + "\n")


def _invalid_input(error: InvalidInput, where: str) -> str:
    line = f"{where}: {error}"
    return f"{line.rstrip('.')}. Try '{where} --help'." if error.hint else line


def exit_code_for(error: BaseException, where: str = "pulso") -> int:
    """Print what went wrong and return the exit code for it."""
    # Imported here: only a failing command pays for the config model and SQLAlchemy.
    from sqlalchemy.exc import OperationalError

    from settings import ConfigError

    if isinstance(error, ImportRejected):
        for problem in error.problems:
            say(str(problem))
        say(f"{where}: {error}")
        return EXIT_INVALID
    if isinstance(error, ConfigError):
        for line in error.problems:
            say(line)
        return EXIT_INVALID
    if isinstance(error, InvalidInput):
        say(_invalid_input(error, where))
        return EXIT_INVALID
    if isinstance(error, CollectorError):
        say(f"{where}: {error}")
        return EXIT_FAILURE
    if isinstance(error, OperationalError):
        # The driver's own message ("unable to open database file"), not the statement.
        first = str(error.orig).splitlines()[0] if str(error.orig) else type(error.orig).__name__
        say(f"{where}: cannot use the database: {first}")
        return EXIT_FAILURE
    say(f"{where}: {log_internal(where, error)}")
    return EXIT_FAILURE


def guarded(action: Callable[[], int | None], where: str = "pulso") -> int:
    try:
        return action() or EXIT_OK
    except Exception as error:  # noqa: BLE001 - the shell's last word: one line, detail logged
        return exit_code_for(error, where)
