"""Pulso's log file, and the one line an internal error becomes everywhere else.

An unexpected exception (a bug, a database error) carries text nobody outside should read: SQL,
bound parameters, scraped values, a traceback. The operator sees `internal error (IntegrityError);
details in the log at PATH`; the detail goes to `<data dir>/pulso.log`, redacted.
"""

from __future__ import annotations

import io
import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

LOG_FILE = "pulso.log"
_LOGGER = "pulso"


class _RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted record, traceback included (the message alone is not enough)."""

    def format(self, record: logging.LogRecord) -> str:
        from collectors.errors import redact  # loaded with the first line logged

        return redact(super().format(record))


def _quiet(record: logging.LogRecord) -> None:
    # An unwritable log (read-only data folder) must not print logging's own traceback over
    # the one line the operator reads; that line still names the error's class.
    return None


@cache
def _rotating() -> type[RotatingFileHandler]:
    """The rotating file handler that writes the log, made when the first line is logged:
    every command installs the log, few write to it, and logging.handlers is not free."""
    from logging.handlers import RotatingFileHandler

    class FolderMakingFileHandler(RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            return super()._open()

    return FolderMakingFileHandler


class _LazyFileHandler(logging.Handler):
    """`<data dir>/pulso.log`, rotating at 5 MB (3 kept), opened and its folder created only
    when something is logged (`pulso --help` must not)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = str(path)
        self._file: RotatingFileHandler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _rotating()(
                self.baseFilename, maxBytes=5_000_000, backupCount=3, delay=True, encoding="utf-8"
            )
            self._file.handleError = _quiet  # type: ignore[method-assign]
        self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        return _quiet(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def install(data_dir: Path) -> Path:
    """Send the `pulso.*` loggers to `<data_dir>/pulso.log` (replacing an earlier file)."""
    path = (data_dir / LOG_FILE).absolute()
    logger = logging.getLogger(_LOGGER)
    for handler in [h for h in logger.handlers if isinstance(h, _LazyFileHandler)]:
        logger.removeHandler(handler)
        handler.close()
    handler = _LazyFileHandler(path)
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


def log_path() -> Path | None:
    handlers = logging.getLogger(_LOGGER).handlers
    found = [h for h in handlers if isinstance(h, _LazyFileHandler)]
    return Path(found[-1].baseFilename) if found else None


def internal_reason(error: BaseException) -> str:
    """The one line an unexpected error becomes: its class, and where the detail is."""
    path = log_path()
    where = f" at {path}" if path else ""
    return f"internal error ({type(error).__name__}); details in the log{where}"


def log_internal(what: str, error: BaseException) -> str:
    """Log the detail (traceback included) and return the one line to show instead."""
    logging.getLogger("pulso.internal").error("%s: %r", what, error, exc_info=error)
    return internal_reason(error)
