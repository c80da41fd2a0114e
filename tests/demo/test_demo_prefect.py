"""The demo's Prefect API starts at once, in the demo's Prefect home, and stops with the demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, sys
from pathlib import Path
from flows.prefect_env import isolate
from pulso.demo.prefect_server import DemoPrefect, healthy

out = Path(sys.argv[1])
isolate(out)
with DemoPrefect(out / "prefect" / "server.log") as prefect:
    prefect.wait()
    during = healthy(prefect.api_url)
    url = prefect.api_url
print(json.dumps({"during": during, "after": healthy(url), "url": url,
                  "prefect_imported_here": "prefect" in sys.modules}))
"""


def test_the_demo_prefect_answers_from_the_demo_folder_then_stops(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["during"] and not seen["after"]
    assert seen["url"].startswith("http://127.0.0.1:")
    assert not seen["prefect_imported_here"]  # the server's code runs in the server process only
    assert (tmp_path / "prefect" / "prefect.db").exists()  # migrated once, kept for the next run
