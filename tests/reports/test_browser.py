"""End to end: headless Chromium opens report.html, screenshots it and prints it to A4."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from reports.model import WeeklyReport
from reports.write import write_report_files

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_report_renders_in_chromium_to_png_and_a4(report: WeeklyReport, tmp_path: Path) -> None:
    page = write_report_files(report, tmp_path / "out", "es", pdf=False).html.as_uri()
    shot, pdf = tmp_path / "report.png", tmp_path / "report.pdf"
    done = _chromium(tmp_path, "--window-size=1240,1754", f"--screenshot={shot}", page)
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page is a few kB
    done = _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page)
    assert done.returncode == 0, done.stderr
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes, "no page in the PDF"
    width, height = (float(v) for v in boxes[0])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    assert len(boxes) >= 3
