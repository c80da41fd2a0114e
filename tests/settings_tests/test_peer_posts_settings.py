"""Which accounts' posts are read by default: a peer's paid X reads take a written opt-in."""

from __future__ import annotations

from pathlib import Path

from settings import load_settings

ACCOUNTS = """
[[accounts]]
platform = "twitter"
handle = "AlcaldiaDeCali"
[[accounts]]
platform = "twitter"
handle = "AlcaldiaMedellin"
own = false
[[accounts]]
platform = "twitter"
handle = "Bogota"
own = false
collect_posts = true
[[accounts]]
platform = "instagram"
handle = "alcaldiabogota"
own = false
[[accounts]]
platform = "youtube"
handle = "AlcaldiaBogota"
own = false
"""


def test_only_a_peer_on_a_paid_read_platform_defaults_to_counts_only(tmp_path: Path) -> None:
    config = tmp_path / "pulso.toml"
    config.write_text(ACCOUNTS, encoding="utf-8")
    accounts = load_settings({"PULSO_CONFIG": str(config)}).config.accounts
    assert {a.handle: a.collect_posts for a in accounts} == {
        "AlcaldiaDeCali": True,  # own: on unless switched off
        "AlcaldiaMedellin": False,  # peer on X: paid reads, off unless written
        "Bogota": True,
        "alcaldiabogota": True,  # public reads cost nothing extra
        "AlcaldiaBogota": True,
    }
