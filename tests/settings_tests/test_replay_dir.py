"""Where a run's recordings come from: the environment, else the config file, else nowhere."""

from __future__ import annotations

from pathlib import Path

from settings import load_settings


def write_config(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "etc"
    folder.mkdir()
    config = folder / "pulso.toml"
    config.write_text(text, encoding="utf-8")
    return config


def test_a_relative_replay_dir_is_read_from_the_config_files_folder(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[collection]\nreplay_dir = "recordings"\n')

    settings = load_settings({"PULSO_CONFIG": str(config)})

    assert settings.replay_dir == tmp_path / "etc" / "recordings"


def test_the_environment_overrides_the_config_file(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[collection]\nreplay_dir = "recordings"\n')

    settings = load_settings({"PULSO_CONFIG": str(config), "PULSO_REPLAY_DIR": "/srv/rec"})

    assert settings.replay_dir == Path("/srv/rec")


def test_without_either_a_run_uses_the_network(tmp_path: Path) -> None:
    config = write_config(tmp_path, 'timezone = "America/Bogota"\n')

    assert load_settings({"PULSO_CONFIG": str(config)}).replay_dir is None
