"""The period report's PDF: the same page through the weekly report's writer (reports.pdf,
WeasyPrint), A4, numbered, the period's dates in every page's footer, named like the weekly's;
a PDF that cannot be made never costs the other files, and the CLI says so and exits 1 as
`pulso report weekly` does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pulso.cli.app import main

A4 = (595.3, 841.9)  # points
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def test_the_pdf_is_written_beside_the_html_with_the_same_name(period_cli: Path, capsys) -> None:
    assert main(["report", "period", "--semester", "2021-S2"]) == 0
    folder = period_cli / "data" / "reports" / "2021-S2"
    printed = capsys.readouterr().out.split()
    assert printed[:3] == [
        str(folder / f"informe-periodo-2021-S2.{kind}") for kind in ("html", "pdf", "xlsx")
    ]
    assert (folder / "informe-periodo-2021-S2.pdf").read_bytes().startswith(b"%PDF-")
    assert not list(folder.glob("*.part"))


@needs_poppler
def test_pages_are_a4_numbered_and_name_the_period(period_cli: Path) -> None:
    (period_cli / "pulso.toml").write_text(
        'timezone = "America/Bogota"\norganization = "Alcaldía de Santiago de Cali"\n',
        encoding="utf-8",
    )
    out = period_cli / "out"
    args = ["report", "period", "--from", "2020-01-01", "--to", "2021-09-30", "--out", str(out)]
    assert main(args) == 0
    pdf = out / "2020-01-01_2021-09-30" / "informe-periodo-2020-01-01_2021-09-30.pdf"
    pages = _pages(pdf)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(len(pages)), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == len(pages) >= 2
    assert all(abs(float(w) - A4[0]) < 1 and abs(float(h) - A4[1]) < 1 for w, h in sizes)
    footer = (
        "Alcaldía de Santiago de Cali · Informe del periodo · "
        "1 de enero de 2020 al 30 de septiembre de 2021"
    )
    for number, text in enumerate(pages, start=1):
        assert f"Página {number} de {len(pages)}" in text
        assert footer in re.sub(r"\s+", " ", text)


@needs_poppler
def test_the_english_pdf_says_page_and_the_period_in_english(period_cli: Path) -> None:
    out = period_cli / "out"
    assert main(["report", "period", "--year", "2021", "--out", str(out), "--lang", "en"]) == 0
    pages = _pages(out / "2021" / "period-report-2021.pdf")
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "Period report · 1 January – 31 December 2021" in re.sub(r"\s+", " ", pages[0])


def test_a_broken_weasyprint_writes_the_rest_says_why_and_exits_1(
    period_cli: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    assert main(["report", "period", "--semester", "2021-S2"]) == 1
    captured = capsys.readouterr()
    folder = period_cli / "data" / "reports" / "2021-S2"
    assert "pulso: PDF not written: WeasyPrint cannot run here" in captured.err
    assert "Traceback" not in captured.err
    printed = captured.out.split()
    assert str(folder / "informe-periodo-2021-S2.html") in printed
    assert str(folder / "informe-periodo-2021-S2.xlsx") in printed
    assert str(folder / "period_followers.csv") in printed
    assert all(Path(p).is_file() for p in printed)
    assert not list(folder.glob("*.pdf*"))


def test_the_period_command_does_not_load_weasyprint_at_start_up() -> None:
    probe = (
        "import sys, pulso.cli.period_cmd, flows.steps.period, reports.period_render; "
        "print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
