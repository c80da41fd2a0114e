"""What a fresh install gets is decided by the lock files, not by the registry on install day.

The locks must cover every dependency pyproject.toml declares with an exact, hashed pin that
satisfies it; the dev lock must pin the runtime set identically; every declared dependency has a
ceiling on its next major version so `make lock` never jumps one silently.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
DEV = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["dev"]]
# Time-zone data is calendar-versioned with no API to break: newer is always better.
NO_CEILING = {"tzdata"}
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+) \\$", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {canonicalize_name(n): v for n, v in PIN.findall(text)}


@pytest.mark.parametrize(
    ("lock", "declared"),
    [("requirements.lock", RUNTIME), ("requirements-dev.lock", RUNTIME + DEV)],
)
def test_every_declared_dependency_is_pinned_within_its_range(
    lock: str, declared: list[Requirement]
) -> None:
    pinned = pins(lock)
    for requirement in declared:
        version = pinned.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} missing from {lock}"
        assert requirement.specifier.contains(version), f"{requirement} vs {version}"


def test_the_dev_lock_pins_the_runtime_set_identically() -> None:
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {n: dev.get(n) for n in runtime} == runtime
    assert "pytest" not in runtime and "pytest" in dev


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pin_carries_hashes_and_no_machine_specific_index(lock: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert len(pins(lock)) == text.count("==")
    assert text.count("==") <= text.count("--hash=sha256:")
    assert "--index-url" not in text and "--find-links" not in text and "file://" not in text
    assert {"setuptools", "wheel"} <= set(pins(lock))  # the build backend is locked too


@pytest.mark.parametrize("requirement", RUNTIME + DEV, ids=str)
def test_every_dependency_has_a_ceiling(requirement: Requirement) -> None:
    if requirement.name in NO_CEILING:
        return
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in requirement.specifier)
