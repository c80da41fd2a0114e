"""In headless Chromium: open the growth page, follow the 'last 4 weeks' range, see both change."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (Debian package)"),
]


@pytest.fixture
def served(client: TestClient) -> Iterator[str]:
    """The same app behind a real uvicorn on a free loopback port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(client.app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


def chromium(tmp_path: Path, *args: str) -> str:
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,1500",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)
    return done.stdout


def table(dom: str) -> list[str]:
    body = dom.split('id="growth-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_changing_the_range_changes_chart_and_table(served: str, tmp_path: Path) -> None:
    first = chromium(tmp_path, "--dump-dom", f"{served}/growth?platform=facebook&platform=twitter")
    link = re.search(r'<a href="([^"]+)"[^>]*>Últimas 4 semanas</a>', first)
    assert link, "the page offers a 'last 4 weeks' range"
    second_url = served + html.unescape(link.group(1)).removeprefix(served)
    second = chromium(tmp_path, "--dump-dom", second_url)
    chromium(tmp_path, f"--screenshot={tmp_path / 'growth.png'}", second_url)

    for dom in (first, second):
        assert len(re.findall(r'<path class="series"', dom)) == 4
    assert "01/01/2026 – 21/11/2026" in first and "24/10/2026 – 21/11/2026" in second
    assert table(first) != table(second) and len(table(first)) == len(table(second)) == 4
    points = [re.findall(r'<path class="series"[^>]* d="([^"]+)"', dom) for dom in (first, second)]
    assert points[0] != points[1]
    shot = (tmp_path / "growth.png").read_bytes()
    assert shot.startswith(b"\x89PNG") and len(shot) > 10_000


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path",
    [
        "/growth",
        "/growth?view=small",
        "/compare?period=week",
        "/mentions",
        "/valuation",
        "/reports",
    ],
)
def test_every_page_renders_at_desktop_and_phone_width(
    served: str, tmp_path: Path, path: str, width: int
) -> None:
    """A real screenshot of each page at 1280 and 390 px (kept in the test's folder to look at)."""
    shot = tmp_path / f"page-{width}.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={width},1600", served + path)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert int.from_bytes(data[16:20], "big") == width  # IHDR: the page drew at that width
    assert len(data) > 8_000
