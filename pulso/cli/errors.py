"""Turning typed errors into one clear line each and an exit code.

0 success · 1 other failure · 2 invalid input (every problem on stderr) · 3 partial collection
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from sqlalchemy.exc import OperationalError

from collectors.errors import CollectorError, redact
from importers.problems import ImportRejected
from settings import ConfigError

EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_PARTIAL = 0, 1, 2, 3


class InvalidInput(Exception):
    """A bad argument or value given by the user (exit 2)."""


def _say(line: str) -> None:
    sys.stderr.write(redact(line) + "\n")


def exit_code_for(error: BaseException) -> int:
    """Print what went wrong and return the exit code for it."""
    if isinstance(error, ImportRejected):
        for problem in error.problems:
            _say(str(problem))
        _say(f"error: {error}")
        return EXIT_INVALID
    if isinstance(error, ConfigError):
        for line in error.problems:
            _say(line)
        return EXIT_INVALID
    if isinstance(error, InvalidInput):
        _say(f"error: {error}")
        return EXIT_INVALID
    if isinstance(error, CollectorError):
        _say(f"error: {error}")
        return EXIT_FAILURE
    if isinstance(error, OperationalError):
        _say(f"error: cannot use the database: {error.orig}")
        return EXIT_FAILURE
    raise error


def guarded(action: Callable[[], int | None]) -> int:
    try:
        return action() or EXIT_OK
    except (ImportRejected, ConfigError, InvalidInput, CollectorError, OperationalError) as error:
        return exit_code_for(error)
