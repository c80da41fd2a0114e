"""Where Pulso keeps its files; nothing here imports the config model."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def data_dir_from_env(env: Mapping[str, str] | None = None) -> Path:
    """The data directory (database, reports, log): PULSO_DATA_DIR or ./pulso-data."""
    env = os.environ if env is None else env
    return Path(env.get("PULSO_DATA_DIR") or "./pulso-data")
