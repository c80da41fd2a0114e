"""The platform registry is the one place that lists platforms (collectors/registry.py).

A platform added there (one line) and in its own package reaches settings, planning,
collection, storage, growth and the token check; and no module outside the platform packages
names a platform in its code, so none can hold a second copy of what a platform is.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from collectors.registry import PLATFORM_NAMES, PLATFORMS, credentials, options, token_checks
from settings import ConfigError, parse_config
from settings.secret_env import SECRET_ENV
from storage.db import make_engine, session_factory
from storage.models import FollowerSnapshot, SourceResult

ROOT = Path(__file__).resolve().parents[2]
THREADS = """
[[accounts]]
platform = "threads"
handle = "alcaldiadecali"
id = "17841461234567890"
[[accounts]]
platform = "threads"
handle = "alcaldiabogota"
own = false
[api]
threads_version = "v1.0"
"""


def test_a_platform_the_registry_does_not_list_is_refused_by_settings(tmp_path):
    with pytest.raises(ConfigError) as refused:
        parse_config(THREADS, tmp_path / "pulso.toml")
    assert "unknown platform 'threads'" in str(refused.value)
    assert "api.threads_version: unknown key" in str(refused.value)


def test_one_registry_line_brings_a_new_platform_through_a_whole_night(tmp_path):
    (tmp_path / "pulso.toml").write_text(THREADS, encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PULSO_")},
        "PULSO_CONFIG": str(tmp_path / "pulso.toml"),
        "PULSO_DATABASE_URL": f"sqlite:///{tmp_path / 'pulso.db'}",
        "PULSO_DATA_DIR": str(tmp_path),
        "PULSO_THREADS_ACCESS_TOKEN": "THsecretTOKEN0001",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.collectors.threads.night"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    night = json.loads(done.stdout.splitlines()[-1])

    # `pulso collect --only threads` accepted the new kind and collected the own account;
    # the peer is skipped with the reason the platform declares.
    assert night["collect"][0] == 0, night["collect"][1]
    engine = make_engine(env["PULSO_DATABASE_URL"])
    with session_factory(engine)() as session:
        results = {r.source: r for r in session.scalars(select(SourceResult))}
        followers = session.scalars(select(FollowerSnapshot.followers)).all()
    engine.dispose()
    assert results["threads:alcaldiadecali"].status == "ok"
    assert results["threads:alcaldiabogota"].status == "skipped"
    assert "own profile" in (results["threads:alcaldiabogota"].reason or "")
    assert followers == [48210]

    growth_code, growth = night["growth"]
    assert growth_code == 0
    assert json.loads(growth)[0]["end"]["followers"] == 48210
    tokens_code, tokens = night["tokens"]
    assert re.search(r"threads\s*│\s*ok\s*│", tokens), tokens
    assert "THsecretTOKEN0001" not in done.stdout + done.stderr


def test_the_registry_declares_each_credential_and_api_key_once():
    names = [c.name for c in credentials()]
    assert len(names) == len(set(names))
    assert set(SECRET_ENV) >= set(names)
    keys = [o.name for o in options()]
    assert len(keys) == len(set(keys))
    # Facebook and Instagram share one Meta token: checked once.
    assert [check.name for _, check in token_checks()] == ["meta", "twitter", "youtube", "tiktok"]
    assert PLATFORM_NAMES == tuple(p.name for p in PLATFORMS)


# Where a platform's name may still appear in code outside collectors/<platform>/, and why.
ALLOWED = {
    # HTML's <meta name="twitter:title">: a page's markup, not the platform.
    "collectors/news/structured.py": "twitter:title is an HTML meta tag",
    # An example value in an error message, in both languages.
    "pulso/dashboard/selection.py": "an example 'platform:handle' in a message",
    # The demo office's own accounts, figures and recorded answers: sample data for the
    # bundled platforms; a new platform needs nothing here (the demo just does not show it).
    "pulso/demo/generate.py": "demo data",
    "pulso/demo/payloads.py": "demo data",
}
PLATFORM_PACKAGES = {p.name for p in PLATFORMS} | {"graph"}
WORD = re.compile(r"\b(" + "|".join(PLATFORM_NAMES) + r")\b", re.IGNORECASE)


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def platform_literals(path: Path) -> list[str]:
    """String constants (docstrings aside: prose may name a platform) that name a platform."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and WORD.search(node.value)
    ]


def code_files() -> list[Path]:
    packages = ("collectors", "settings", "flows", "storage", "reports", "importers", "pulso")
    files = [p for package in packages for p in sorted((ROOT / package).rglob("*.py"))]
    return [
        p
        for p in files
        if not (p.parts[-3] == "collectors" and p.parts[-2] in PLATFORM_PACKAGES)
        and "migrations" not in p.parts
    ]


def test_no_module_outside_the_platform_packages_names_a_platform():
    found = [
        line
        for path in code_files()
        if str(path.relative_to(ROOT)) not in ALLOWED
        for line in platform_literals(path)
    ]
    assert found == [], "platform knowledge outside collectors/<platform>/:\n" + "\n".join(found)


def test_the_allow_list_is_still_needed():
    stale = [name for name in ALLOWED if not platform_literals(ROOT / name)]
    assert stale == []
