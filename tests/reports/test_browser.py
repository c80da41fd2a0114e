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


# Headless Chromium will not make a window narrower than 500 px: the report is measured in a
# 390 px frame, as a phone shows it (the report itself carries no script).
FRAME = """<html><body style="margin:0">
<iframe id="f" src="{src}" style="width:390px;height:2400px;border:0"></iframe>
<script>
document.getElementById('f').addEventListener('load', () => {
  const d = document.getElementById('f').contentDocument;
  const wraps = [...d.querySelectorAll('.table-wrap')];
  document.title = [d.documentElement.scrollWidth, d.defaultView.innerWidth,
    wraps.filter(w => w.scrollWidth > w.clientWidth).length,
    getComputedStyle(d.querySelector('.cards')).gridTemplateColumns.split(' ').length,
    wraps.length].join('x');
});
</script></body></html>"""


def test_on_a_phone_cards_reflow_and_tables_scroll_inside_their_box(
    report: WeeklyReport, tmp_path: Path
) -> None:
    """At 390 px the page is no wider than the screen: cards go two by two and the wide tables
    scroll sideways inside their own box."""
    html = write_report_files(report, tmp_path, "es", pdf=False).html
    frame = tmp_path / "phone.html"
    frame.write_text(FRAME.replace("{src}", html.name), encoding="utf-8")
    done = _chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--window-size=500,2400",
        "--dump-dom",
        frame.as_uri(),
    )
    assert done.returncode == 0, done.stderr
    found = re.search(r"<title>(\d+)x(\d+)x(\d+)x(\d+)x(\d+)</title>", done.stdout)
    assert found, done.stdout[-500:]
    page_width, viewport, scrolling, card_columns, wraps = (int(g) for g in found.groups())
    assert viewport == 390 and page_width <= viewport  # nothing sticks out of the screen
    assert card_columns == 2
    assert wraps >= 10 and scrolling >= 1  # the wide ones scroll inside their box
