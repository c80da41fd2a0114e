"""Reading settings and the platform registry loads no platform's client.

Every command reads settings, and settings read the registry; the clients (httpx, tweepy and
requests, the news crawler) load when a collector is built, and Rich and Babel when a table is
printed, so `pulso growth --format json` pays for none of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLIENTS = ("httpx", "httpcore", "tweepy", "requests", "bs4", "trafilatura", "feedparser")
TABLES = ("rich", "babel")


def _imported_after(code: str, *, env_dir: Path | None = None) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=env_dir,
    )
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    return {m.split(".")[0] for m in modules}


def test_settings_and_registry_import_no_client() -> None:
    code = (
        "from collectors import registry\n"
        "from settings import load_settings, parse_config\n"
        "import settings.model, settings.load\n"
        "assert registry.platform('twitter').name == 'twitter'\n"
        "assert len(registry.credentials()) > 4 and registry.options()"
    )
    assert _imported_after(code) & {*CLIENTS, *TABLES} == set()


def test_loading_a_config_imports_no_client(tmp_path: Path) -> None:
    (tmp_path / "pulso.toml").write_text(
        '[[accounts]]\nplatform = "twitter"\nhandle = "AlcaldiaDeCali"\n', encoding="utf-8"
    )
    code = (
        "import os\n"
        f"os.environ['PULSO_CONFIG'] = {str(tmp_path / 'pulso.toml')!r}\n"
        f"os.environ['PULSO_DATA_DIR'] = {str(tmp_path / 'data')!r}\n"
        "from settings import load_settings\n"
        "assert load_settings().config.accounts[0].platform == 'twitter'"
    )
    assert _imported_after(code, env_dir=tmp_path) & set(CLIENTS) == set()


def test_reading_commands_import_no_client_nor_table_library() -> None:
    code = (
        "import pulso.cli.growth_cmd, pulso.cli.mentions_cmd, pulso.cli.valuate_cmd\n"
        "import flows.steps.mentions, flows.steps.followers, flows.steps.valuation"
    )
    assert _imported_after(code) & {*CLIENTS, *TABLES} == set()


def test_building_a_collector_still_loads_its_client() -> None:
    code = (
        "import sys\n"
        "from collectors import registry\n"
        "from collectors.http import HttpPolicy\n"
        "from collectors.platform import Clients, Setup\n"
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "setup = Setup(policy=HttpPolicy(), clients=Clients(), credentials={'x_bearer_token': 't'},\n"
        "    options={'x_base_url': 'https://api.twitter.com', 'x_max_pages': 1}, accounts=(),\n"
        "    data_dir=Path('.'), now=datetime.now(UTC))\n"
        "assert registry.platform('twitter').collector(setup) is not None"
    )
    assert "tweepy" in _imported_after(code)
