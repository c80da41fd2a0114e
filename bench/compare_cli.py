"""Byte-compare stdout, stderr and exit code of `pulso` command lines: another tree vs this one.

Every command's and subcommand's `--help`, the reading commands in every format with good and
bad options, without a pulso.toml, with a valid one and with an invalid one, each in a fresh
process on the demo's small database; then the reading commands (growth, mentions, valuate,
activity, share) on the database `pulso demo` builds (mentions, peers' mentions, posts, the
portal, clips), with its pulso.toml and without one. A speed change must print the same bytes.

    git archive main | tar -x -C /tmp/base
    .venv/bin/python bench/compare_cli.py /tmp/base
"""

# ruff: noqa
import json, os, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parents[1]
TREES = {"base": str(Path(sys.argv[1]).resolve()), "new": str(ROOT)}
DEMO = ROOT / "pulso" / "demo"


def argv(tree, args):
    return [
        PY,
        "-c",
        f"import sys; sys.path.insert(0, {tree!r}); from pulso.cli.app import main; sys.exit(main())",
        *args,
    ]


def run(tree, args, env, cwd):
    d = subprocess.run(argv(tree, args), env=env, cwd=cwd, capture_output=True)
    return d.returncode, d.stdout, d.stderr.replace(tree.encode(), b"TREE")


work = Path(tempfile.mkdtemp(prefix="h5-cmp-"))
base_env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PULSO_"))}
base_env.update(
    PULSO_DATA_DIR=str(work / "data"),
    PULSO_DATABASE_URL=f"sqlite:///{work / 'small.db'}",
    COLUMNS="100",
)
for a in (
    ["db", "upgrade"],
    ["import", "followers", str(DEMO / "history.csv")],
    ["import", "rates", str(DEMO / "rates.csv")],
    ["import", "clips", str(DEMO / "clips_2020.csv")],
):
    assert run(TREES["base"], a, base_env, work)[0] == 0
plain = work / "plain"
plain.mkdir()
conf = work / "conf"
conf.mkdir()
assert run(TREES["base"], ["init"], base_env, conf)[0] == 0
bad = work / "bad"
bad.mkdir()
(bad / "pulso.toml").write_text('lang = "xx"\n[[accounts]]\nplatform = "myspace"\n')
envs = {"plain": plain, "conf": conf, "bad": bad, "demo": work / "demo", "demo-plain": plain}
demo_run = subprocess.run(
    argv(TREES["base"], ["demo", "--out", str(work / "demo")]),
    env={k: v for k, v in base_env.items() if k not in ("PULSO_DATABASE_URL", "PULSO_DATA_DIR")},
    cwd=work,
    capture_output=True,
)
assert demo_run.returncode == 0, demo_run.stderr[-2000:]
DEMO_DB = f"sqlite:///{work / 'demo' / 'demo.db'}"

# every command's and subcommand's --help
helps = [["--help"], []]
listing = subprocess.run(
    [
        PY,
        "-c",
        "import sys; sys.path.insert(0, "
        + repr(TREES["base"])
        + "); import typer, json\nfrom pulso.cli.app import app, COMMANDS\nfrom pulso.cli.lazy import load\nout=[]\nfor c in COMMANDS:\n    cmd=load(c); out.append([c.name])\n    for s in (getattr(cmd,'commands',None) or {}): out.append([c.name, s])\nprint(json.dumps(out))",
    ],
    capture_output=True,
    text=True,
    cwd=plain,
    env=base_env,
)
for path in json.loads(listing.stdout.strip().splitlines()[-1]):
    helps.append([*path, "--help"])
    if len(path) == 1 and path[0] in ("db", "import", "tokens", "report"):
        helps.append(path)  # a group without its subcommand
data = []
for cmd in ("growth", "mentions", "valuate", "activity", "share", "insights", "campaigns"):
    for fmt in ("table", "json", "csv"):
        data.append([cmd, "--format", fmt])
    data += [
        [cmd, "--format", "xml"],
        [cmd, "--from", "2021-13-45"],
        [cmd, "--from", "2020-05-01", "--to", "2020-05-31", "--format", "json"],
    ]
for cmd in ("growth", "mentions", "activity", "share", "valuate"):
    data += [
        [cmd, "--format"],
        [cmd, "--from", "2021-01-01", "--to", "2020-01-01"],
        [cmd, "--formt", "json"],
        [cmd, "extra"],
        [cmd, "--format=json"],
        [cmd, "--format", "json", "--format", "csv"],
        [cmd, "--from", "01/05/2020", "--format", "csv"],
        [cmd, "--from=", "--format", "json"],
        [cmd, "--to", "-1"],
        [cmd, "--format", "JSON"],
        [cmd, "--help", "--format", "json"],
    ]
data += [
    ["growth", "--platform", p, "--format", f]
    for p in ("instagram", "INSTAGRAM", "foo")
    for f in ("json", "table")
]
data += [["growth", "--account", a, "--format", "json"] for a in ("AlcaldiaDeCali", "nope")]
data += [
    ["growth", "--platform", "instagram", "--account", "alcaldiadecali", "--format", f]
    for f in ("json", "csv", "table")
]
data += [
    ["growth", "--platform=twitter", "--from=2020-06-01"],
    ["growth", "--account"],
    ["growth", "--", "--format", "json"],
    ["growth", "-h"],
]
data += [["activity", "--by", b, "--format", "json"] for b in ("week", "month", "year")]
data += [["activity", "--platform", p, "--format", "json"] for p in ("web", "facebook", "foo")]
data += [
    ["mentions", "--outlet", "nope", "--format", "json"],
    ["share", "--rematch", "--format", "json", "--from", "2020-01-06", "--to", "2020-02-01"],
]
data += [
    ["valuate", "--broadcasts", "27", "--format", "json"],
    ["valuate", "--broadcasts", "x"],
    ["valuate", "--broadcasts", "-3", "--format", "json"],
    ["valuate", "--broadcasts", "+3", "--format", "json"],
    ["valuate", "--broadcasts", "1.5"],
    ["valuate", "--broadcasts=0", "--format", "csv"],
    ["valuate", "--broadcasts", "3", "--broadcasts", "4"],
    ["valuate", "--monitored-share", "70", "--format", "json"],
    ["valuate", "--monitored-share", "0", "--format", "csv"],
    ["valuate", "--monitored-share", "abc"],
    ["valuate", "--monitored-share=62,5%", "--broadcasts", "12", "--format", "table"],
    ["valuate", "--from", "2020-05-01", "--format", "csv"],
    ["valuate", "--to", "2020-05-31", "--format", "json"],
    ["valuate", "--from", "2030-01-01", "--to", "2030-12-31", "--format", "json"],
    ["nope"],
    ["grwth"],
    ["--nope"],
]
short = [
    [c, "--format", f]
    for c in ("growth", "mentions", "valuate", "activity", "share", "campaigns", "insights")
    for f in ("table", "json")
]
week = ["--from", "2026-11-16", "--to", "2026-11-26"]
demo = []
for cmd in ("growth", "mentions", "valuate", "activity", "share"):
    for fmt in ("table", "json", "csv"):
        demo += [[cmd, "--format", fmt], [cmd, *week, "--format", fmt]]
demo += [
    ["mentions", "--outlet", o, "--format", f]
    for o in ("El País", "el pais", "Telepacífico", "Portal Alcaldía de Cali", "nope")
    for f in ("json", "table")
]
demo += [
    ["mentions", "--from", "2026-11-20", "--format", "csv"],
    ["mentions", "--to", "2026-11-18"],
]
demo += [
    ["activity", "--by", b, *week, "--format", f]
    for b in ("day", "week", "month")
    for f in ("json", "csv", "table")
]
demo += [
    ["activity", "--platform", p, "--format", "json"]
    for p in ("web", "facebook", "instagram", "x", "youtube", "tiktok")
]
demo += [
    ["activity", "--account", "alcaldiadecali", "--format", "json"],
    ["activity", "--account", "Portal Alcaldía de Cali", "--platform", "web", "--format", "json"],
    ["activity", "--platform", "facebook", "--account", "@AlcaldiaDeCali", "--format", "csv"],
    ["share", "--rematch", *week, "--format", "json"],
    ["share", "--from", "2026-01-01", "--format", "csv"],
    ["valuate", "--broadcasts", "10", *week, "--format", "json"],
    ["valuate", "--monitored-share", "40", "--format", "table"],
    [
        "valuate",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "csv",
        "--broadcasts",
        "2",
    ],
]
cases = (
    [("plain", h) for h in helps]
    + [("plain", d) for d in data]
    + [(e, d) for e in ("conf", "bad") for d in short]
    + [(e, d) for e in ("demo", "demo-plain") for d in demo]
)
print(len(cases), "cases", flush=True)


def one(case):
    env_name, args = case
    env = dict(base_env)
    if env_name == "bad":
        env["PULSO_CONFIG"] = str(bad / "pulso.toml")
    if env_name.startswith("demo"):
        env["PULSO_DATABASE_URL"] = DEMO_DB
    got = {t: run(tree, args, env, envs[env_name]) for t, tree in TREES.items()}
    return case, got


same = diff = 0
with ThreadPoolExecutor(2) as pool:
    for (env_name, args), got in pool.map(one, cases):
        if got["base"] == got["new"]:
            same += 1
        else:
            diff += 1
            print("DIFF", env_name, args)
            for t in TREES:
                print("  ", t, got[t][0], got[t][1][:300], got[t][2][:600])
codes = {}
print(
    f"{len(cases)} cases ({len(helps)} help texts, {len(data)} command lines without pulso.toml, {len(short)} each with a valid and an invalid pulso.toml, {len(demo)} each on the demo's database with and without its pulso.toml): {same} identical, {diff} differ"
)
