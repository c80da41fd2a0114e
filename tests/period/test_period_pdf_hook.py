"""The period report's PDF: the same page through the weekly report's writer, where the build
has one (reports.pdf); without it, or when it fails, the other files are still written."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from pulso.cli.app import main


def _fake_pdf_module(monkeypatch: pytest.MonkeyPatch, fail: bool) -> list[str]:
    pages: list[str] = []

    def write_pdf(html: str, path: Path) -> Path:
        if fail:
            raise RuntimeError("WeasyPrint cannot run here (no Pango)")
        pages.append(html)
        path.write_bytes(b"%PDF-1.7 " + html[:20].encode())
        return path

    module = types.ModuleType("reports.pdf")
    module.write_pdf = write_pdf  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reports.pdf", module)
    return pages


def test_the_pdf_is_the_same_page_as_the_html(
    period_cli: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    pages = _fake_pdf_module(monkeypatch, fail=False)
    assert main(["report", "period", "--semester", "2021-S2"]) == 0
    folder = period_cli / "data" / "reports" / "2021-S2"
    assert str(folder / "report.pdf") in capsys.readouterr().out.split()
    assert pages == [(folder / "report.html").read_text(encoding="utf-8")]


def test_a_failing_pdf_is_said_and_the_rest_is_written(
    period_cli: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _fake_pdf_module(monkeypatch, fail=True)
    assert main(["report", "period", "--semester", "2021-S2"]) == 0
    captured = capsys.readouterr()
    folder = period_cli / "data" / "reports" / "2021-S2"
    assert "pulso report period: no PDF: WeasyPrint cannot run here" in captured.err
    assert not (folder / "report.pdf").exists() and (folder / "report.xlsx").exists()
    assert captured.out.split().count(str(folder / "report.html")) == 1


def test_without_a_pdf_writer_html_xlsx_and_csv(
    period_cli: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setitem(sys.modules, "reports.pdf", None)  # import fails: not in this build
    assert main(["report", "period", "--semester", "2021-S2"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed[0].endswith("report.html") and not any(p.endswith(".pdf") for p in printed)
