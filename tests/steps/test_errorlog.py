"""The log behind "details in the log": the full story, secrets removed, and never in the way."""

from __future__ import annotations

from pathlib import Path

from collectors.errors import register_secret
from flows.steps import errorlog


def _fail(message: str) -> str:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return errorlog.log_internal("facebook:AlcaldiaDeCali", error)


def test_the_log_keeps_the_traceback_with_secrets_redacted(tmp_path: Path) -> None:
    register_secret("EAAGlog-secret-value")
    path = errorlog.install(tmp_path / "data")
    line = _fail("GET /me?access_token=EAAGlog-secret-value refused")
    assert line == f"internal error (RuntimeError); details in the log at {path}"
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text and "facebook:AlcaldiaDeCali" in text
    assert "EAAGlog-secret-value" not in text


def test_an_unwritable_log_prints_no_traceback(tmp_path: Path, capsys) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    errorlog.install(blocked)
    assert _fail("boom").startswith("internal error (RuntimeError)")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "Logging error" not in captured.err
