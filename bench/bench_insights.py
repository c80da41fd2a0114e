"""Requests a night costs with and without insights, on the demo's office (recordings).

Issue 16: insights must add under 20 % to a night's requests. Every request of a replayed
night goes through the recordings' lookup, so counting lookups counts requests exactly (news
outlets included). Three nights on the same recordings:

- without insights: `[insights] enabled = false` and `[api] instagram_views = false`;
- Pulso before insights: `[insights] enabled = false` (one views request per Instagram media);
- with insights (the default): daily reach and views per account, post and media metrics by
  field expansion on the posts/media edge (no request per post), live broadcasts, and the
  total views of recent broadcasts (one request each).

The demo's office is small (4 posts per account, one page): the per-account cost of insights
(Facebook 3 requests: page insights, live videos, one broadcast's views; Instagram 1) weighs
more there than on a real night, where posts take several pages and news hundreds of pages.

    .venv/bin/python bench/bench_insights.py
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import print_rows  # noqa: E402

NIGHTS = {
    "without insights": "[insights]\nenabled = false\n[api]\ninstagram_views = false\n",
    "before insights (IG views per media)": "[insights]\nenabled = false\n",
    "with insights (default)": "",
}


def kind(path: str) -> str:
    if path.startswith("/v2/"):
        return "tiktok"
    if path.startswith("/2/"):
        return "twitter"
    if path.startswith("/youtube/"):
        return "youtube"
    if path.startswith("/v") and path[2:3].isdigit():
        return "meta"  # /v25.0/...
    return "news"


def night(work: Path, name: str, extra: str, replay: Path) -> Counter[str]:
    from collectors.replay import ReplayStore
    from pulso.cli import context
    from pulso.cli.app import main
    from pulso.demo.run import bundled

    folder = work / name.split()[0]
    folder.mkdir()
    config = folder / "pulso.toml"
    config.write_text(bundled("pulso.toml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    os.environ["PULSO_CONFIG"] = str(config)
    os.environ["PULSO_DATABASE_URL"] = f"sqlite:///{folder / 'night.db'}"
    os.environ["PULSO_DATA_DIR"] = str(folder / "data")
    context.reset()
    seen: Counter[str] = Counter()
    find = ReplayStore.find

    def counting(self: ReplayStore, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        seen[kind(path)] += 1
        return find(self, method, path, *args, **kwargs)

    ReplayStore.find = counting  # type: ignore[method-assign]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["collect", "--replay", str(replay)])
    finally:
        ReplayStore.find = find  # type: ignore[method-assign]
    if code != 0:
        raise SystemExit(f"{name}: pulso collect exited {code}")
    return seen


def main() -> None:
    from pulso.demo import generate

    for variable in [k for k in os.environ if k.startswith("PULSO_")]:
        del os.environ[variable]
    work = Path(tempfile.mkdtemp(prefix="pulso-bench-insights-"))
    replay = generate.write_replay(work / "replay", datetime.now(UTC), "v25.0")
    counts = {name: night(work, name, extra, replay) for name, extra in NIGHTS.items()}
    base = sum(counts["without insights"].values())
    rows = []
    for name, seen in counts.items():
        total = sum(seen.values())
        rows.append(
            [
                name,
                seen["meta"],
                seen["twitter"] + seen["youtube"] + seen["tiktok"],
                seen["news"],
                total,
                f"{100 * (total - base) / base:+.1f} %",
            ]
        )
    print_rows(
        "requests of one demo night (replayed)",
        ["night", "Meta", "X+YouTube+TikTok", "news", "total", "vs without insights"],
        rows,
    )
    added = sum(counts["with insights (default)"].values()) - base
    print(
        f"\ninsights add {added} request(s) to a night of {base}: "
        f"{100 * added / base:.1f} % (target < 20 %: {'yes' if added < 0.2 * base else 'NO'})"
    )


if __name__ == "__main__":
    main()
