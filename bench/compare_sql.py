"""Compare the SQL the reading functions send (statement text and parameters, in order) and
what they answer: another tree vs this one, on the database `pulso demo` builds.

The reads of `pulso mentions`, `share`, `activity` and `valuate` moved from the models to Core
views (storage/core.py); this shows each sends the same statements as before, with the same
parameters, on SQLite, through a session (the dashboard, the reports) and, where the CLI reads
through one, a connection.

    git archive main | tar -x -C /tmp/base
    .venv/bin/python bench/compare_sql.py /tmp/base [DEMO_DIR]
"""

# ruff: noqa
import json, os, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREES = {"base": str(Path(sys.argv[1]).resolve()), "new": str(ROOT)}

PROBE = r'''
import json, sys
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo
from sqlalchemy import event
from storage.db import make_engine, session_factory

engine = make_engine(sys.argv[1])
sent = []
event.listen(engine, "before_cursor_execute",
             lambda conn, cursor, statement, params, context, many: sent.append([statement, repr(params)]))
tz = ZoneInfo("America/Bogota")
answers = {}

def record(name, call):
    sent.clear()
    with session_factory(engine)() as session:
        try:
            value = call(session)
        except Exception as error:
            value = f"{type(error).__name__}: {error}"
    answers[name] = {"sql": list(sent), "value": repr(value)}

import importlib

def pick(name, *modules):
    """`name` from the first of `modules` that has it (the reads moved between trees)."""
    for module in modules:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    raise SystemExit(f"no {name} in {modules}")

class m:
    pass

for name in ("mention_rows", "mention_total", "mention_week_counts", "mention_counts"):
    setattr(m, name, staticmethod(pick(name, "storage.mention_reads", "storage.news")))
from storage.activity import activity, publications
from storage.peers import voice_counts
from flows.steps import valuation
coverage_items = pick("coverage_items", "storage.coverage_reads", "storage.clips")
value_days = pick("value_days", "storage.coverage_reads", "reports.queries.free_press")
stream_days = pick("stream_days", "storage.coverage_reads", "reports.queries.free_press")
rate_index = pick("rate_index", "storage.coverage_reads", "storage.rates")
read_rates = pick("read_rates", "storage.coverage_reads", "storage.rates")

periods = [(None, None), (date(2026, 11, 16), date(2026, 11, 26)), (date(2020, 1, 1), date(2030, 12, 31)), (date(2026, 11, 20), date(2026, 11, 20))]
for i, (a, b) in enumerate(periods):
    for outlet in (None, "El País", "el pais", "nope"):
        record(f"mention_rows {i} {outlet}", lambda s: m.mention_rows(s, from_=a, to=b, outlet=outlet, tz=tz))
        record(f"mention_rows paged {i} {outlet}", lambda s: m.mention_rows(s, from_=a, to=b, outlet=outlet, tz=tz, newest_first=True, limit=3, offset=2))
        if a is not None:
            record(f"mention_total {i} {outlet}", lambda s: m.mention_total(s, from_=a, to=b, outlet=outlet, tz=tz))
            record(f"mention_week_counts {i} {outlet}", lambda s: m.mention_week_counts(s, from_=a, to=b, outlet=outlet, tz=tz))
    if a is not None:
        record(f"mention_counts {i}", lambda s: m.mention_counts(s, from_=a, to=b, tz=tz))
        record(f"voice_counts {i}", lambda s: voice_counts(s, a, b, tz))
        for by in (None, "day", "week", "month"):
            for platform in (None, "web", "facebook"):
                record(f"activity {i} {by} {platform}", lambda s: activity(s, from_=a, to=b, tz=tz, platform=platform, by=by))
        record(f"activity peers {i}", lambda s: activity(s, from_=a, to=b, tz=tz, own=False))
        record(f"activity account {i}", lambda s: activity(s, from_=a, to=b, tz=tz, account="alcaldiadecali"))
        record(f"publications {i}", lambda s: publications(s, from_=a, to=b, tz=tz))
        record(f"coverage_items {i}", lambda s: coverage_items(s, a, b, tz))
        record(f"value_days {i}", lambda s: value_days(s, a, b, iva_rate=Decimal("0.19"), tz=tz))
        got = []
        record(f"stream_days {i}", lambda s: (stream_days(s, a, b, iva_rate=Decimal("0.19"), tz=tz, valued=got.append, unvalued=got.append), got))
        record(f"valuation.value_period {i}", lambda s: valuation.value_period(engine, a, b, iva_rate=Decimal("0.19"), tz=tz))
record("rate_index", lambda s: rate_index(s).rates)
record("read_rates", lambda s: read_rates(s))
record("stored_period", lambda s: valuation.stored_period(engine))
print(json.dumps(answers))
'''


def run(tree: str, url: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {tree!r})\n" + PROBE, url],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


if len(sys.argv) > 2:
    demo = Path(sys.argv[2])
else:
    demo = Path(tempfile.mkdtemp(prefix="pulso-cmp-sql-")) / "demo"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PULSO_"))}
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {TREES['base']!r}); from pulso.cli.app import main; sys.exit(main())",
            "demo",
            "--out",
            str(demo),
        ],
        env=env,
        capture_output=True,
        check=True,
    )
url = f"sqlite:///{demo / 'demo.db'}"
got = {name: run(tree, url) for name, tree in TREES.items()}
# The one intended difference: a named outlet is looked up by its id alone, where the model's
# whole row was loaded to read its id.
OUTLET_ROW = "SELECT outlets.id, outlets.name, outlets.name_key, outlets.medium, outlets.own \nFROM outlets \nWHERE outlets.name_key = ?"
OUTLET_ID = "SELECT outlets.id \nFROM outlets \nWHERE outlets.name_key = ?"
for read in got["base"].values():
    read["sql"] = [[OUTLET_ID if sql == OUTLET_ROW else sql, params] for sql, params in read["sql"]]
same = diff = 0
for name in got["base"]:
    if got["base"][name] == got["new"].get(name):
        same += 1
    else:
        diff += 1
        print("DIFF", name)
        b, n = got["base"][name], got["new"].get(name, {})
        for x, y in zip(b["sql"], n.get("sql", [])):
            if x != y:
                print("  base:", x)
                print("  new: ", y)
                break
        if b["value"] != n.get("value"):
            print("  values differ:", b["value"][:300], "|", n.get("value", "")[:300])
print(f"{same + diff} reads (statements, parameters and answers): {same} identical, {diff} differ")
