"""The report's PDF: the same page laid out on A4 by WeasyPrint, numbered, dated, without half
empty pages or words cut in two; a PDF that cannot be made never costs the other files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from reports.model import WeeklyReport
from reports.pdf import write_pdf
from reports.weekly import build_weekly_report
from reports.write import ReportFiles, write_report_files
from settings.model import Config
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from tests.reports.conftest import TARGETS
from tests.reports.seed import NOW, WEEK_START, seed_all

A4 = (595.3, 841.9)  # points
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


@pytest.fixture(scope="module")
def module_report(tmp_path_factory: pytest.TempPathFactory) -> WeeklyReport:
    """The seeded week once for the module: rendering a PDF takes seconds."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'report.db'}")
    upgrade(engine)
    with session_factory(engine)() as session:
        seed_all(session)
        config = Config.model_validate({"targets": TARGETS})
        report = build_weekly_report(session, week_start=WEEK_START, config=config, now=NOW)
    engine.dispose()
    return report


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, module_report: WeeklyReport) -> ReportFiles:
    return write_report_files(module_report, tmp_path_factory.mktemp("pdf"), "es")


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def lowest_text_per_page(pdf: Path) -> list[float]:
    """How far down each page its body text reaches (points), the footer left out."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = xml.split("<page ")[1:]
    footer_top = A4[1] - 16 / 25.4 * 72  # the bottom margin holds the footer
    return [
        max(
            (float(y) for y in re.findall(r'yMax="([\d.]+)"', page) if float(y) < footer_top),
            default=0,
        )
        for page in pages
    ]


def test_the_pdf_is_written_beside_the_html_with_the_same_name(written: ReportFiles) -> None:
    assert written.pdf is not None and written.pdf_error is None
    assert written.pdf.name == "informe-semanal-2026-W46.pdf"
    assert written.pdf.read_bytes().startswith(b"%PDF-")
    assert written.pdf in written.paths and written.xlsx in written.paths


@needs_poppler
def test_pages_are_a4_numbered_and_name_the_week(written: ReportFiles) -> None:
    assert written.pdf is not None
    pages = page_texts(written.pdf)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(len(pages)), str(written.pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == len(pages)
    assert all(abs(float(w) - A4[0]) < 1 and abs(float(h) - A4[1]) < 1 for w, h in sizes)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Página {number} de {len(pages)}" in text
        assert "Informe semanal · 9 al 15 de noviembre de 2026" in text


@needs_poppler
def test_no_page_but_the_last_is_left_half_empty(written: ReportFiles) -> None:
    assert written.pdf is not None
    reached = lowest_text_per_page(written.pdf)
    assert all(y > A4[1] / 2 for y in reached[:-1]), reached


@needs_poppler
def test_no_word_is_cut_in_two(written: ReportFiles, module_report: WeeklyReport) -> None:
    assert written.pdf is not None
    text = " ".join(page_texts(written.pdf))
    flat = re.sub(r"\s+", " ", text)
    words = {
        w.strip(".,:;()«»\"'")
        for post in module_report.top_posts
        for w in (post.text or "").split()
    } | {"Interacciones", "publicaciones", "Referentes"}
    long_words = {w for w in words if len(w) >= 6 and w.isalpha()}
    assert long_words and all(w in flat for w in long_words), long_words - set(flat.split())
    assert not re.search(r"[a-záéíóúñ]-\n", text)  # no hyphenation inserted at line ends


def test_the_stylesheet_forces_no_page_break_and_no_mid_word_break(written: ReportFiles) -> None:
    css = written.html.read_text(encoding="utf-8")
    assert "break-before: page" not in css and "page-break-before: always" not in css
    assert "hyphens: manual" in css
    assert "overflow-wrap: anywhere; }" not in css.split("table.data td {")[1].split("}")[0]


def test_a_broken_weasyprint_still_writes_html_xlsx_and_csv(
    module_report: WeeklyReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    files = write_report_files(module_report, tmp_path, "es")
    assert files.pdf is None
    assert files.pdf_error is not None and "WeasyPrint cannot run here" in files.pdf_error
    assert "Pango" in files.pdf_error
    assert files.html.is_file() and files.xlsx.is_file()
    assert len(files.csvs) >= 18 and all(p.is_file() for p in files.csvs)
    assert not list(tmp_path.glob("*.pdf*"))


def test_a_failed_render_leaves_no_half_written_pdf(
    module_report: WeeklyReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint

    def explode(self: object, target: object = None, **options: object) -> None:
        Path(str(target)).write_bytes(b"%PDF-1.7 half")
        raise RuntimeError("out of memory")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", explode)
    files = write_report_files(module_report, tmp_path, "es")
    assert files.pdf is None and "RuntimeError: out of memory" in (files.pdf_error or "")
    assert not list(tmp_path.glob("*.pdf*"))


class _Counter(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).hits += 1
        self.send_response(200)
        self.send_header("content-type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def cdn() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_rendering_the_pdf_loads_nothing_from_outside(cdn: str, tmp_path: Path) -> None:
    page = (
        f'<html><head><link rel="stylesheet" href="{cdn}/x.css"></head><body>'
        f'<img src="{cdn}/picture.jpg"><p>Hola</p></body></html>'
    )
    write_pdf(page, tmp_path / "x.pdf")
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF-")
    assert _Counter.hits == 0


def test_the_cli_does_not_load_weasyprint_at_start_up() -> None:
    probe = "import sys, pulso.cli.app, reports.write, flows.steps.weekly; print('weasyprint' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
