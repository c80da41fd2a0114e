"""A night with Threads registered: run as `python -m tests.collectors.threads.night DIR`.

In a fresh interpreter, collectors/registry.py is loaded with ONE line more (Threads among
the platforms) before anything reads it; nothing else of Pulso is touched. Then pulso.toml
names a Threads account, and `pulso collect`, `pulso growth` and `pulso tokens check` run
with Threads' recorded answers served through respx. Prints what happened as JSON.
"""

from __future__ import annotations

import io
import json
import sys
import types
from contextlib import redirect_stdout
from pathlib import Path

import httpx
import respx

import collectors

REGISTRY = Path(collectors.__file__).parent / "registry.py"
LINE = "PLATFORMS: tuple[Platform, ...] = (FACEBOOK, INSTAGRAM, TWITTER, YOUTUBE, TIKTOK)"
FIXTURES = Path(__file__).parent / "fixtures"
API = "https://graph.threads.net/v1.0/17841461234567890"


def register_threads() -> None:
    """The registry's source with Threads imported and listed: the one line a platform adds."""
    source = REGISTRY.read_text(encoding="utf-8")
    if LINE not in source:
        raise SystemExit(f"{REGISTRY}: the PLATFORMS line changed; update this test")
    added = "from tests.collectors.threads.platform import PLATFORM as THREADS\n"
    source = source.replace(LINE, added + LINE.replace("TIKTOK)", "TIKTOK, THREADS)"))
    module = types.ModuleType("collectors.registry")
    module.__file__ = str(REGISTRY)
    sys.modules["collectors.registry"] = module
    exec(compile(source, str(REGISTRY), "exec"), module.__dict__)  # noqa: S102 - our own file
    collectors.registry = module  # type: ignore[attr-defined]


def answer(name: str) -> httpx.Response:
    return httpx.Response(200, json=json.loads((FIXTURES / f"{name}.json").read_text()))


def run(args: list[str]) -> tuple[int, str]:
    from pulso.cli import context
    from pulso.cli.app import main

    context.reset()
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


def night() -> dict[str, object]:
    with respx.mock(assert_all_called=False) as router:
        router.get(API, params={"fields": "id,username,name"}).mock(return_value=answer("profile"))
        router.get(f"{API}/threads_insights").mock(return_value=answer("insights_followers"))
        router.get("https://graph.threads.net/v1.0/me").mock(return_value=answer("profile"))
        collect = run(["collect", "--only", "threads"])
        growth = run(["growth", "--platform", "threads", "--format", "json"])
        tokens = run(["tokens", "check"])
    return {"collect": collect, "growth": growth, "tokens": tokens}


if __name__ == "__main__":
    register_threads()
    print(json.dumps(night()))
