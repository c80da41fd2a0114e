"""The share-of-voice answer (`pulso share`, the dashboard's Cuota de voz page and /api/share):
per outlet and ISO week, the office's mentions beside each peer's (`[[peers]]` news terms).

share_pct = own ÷ (own + every peer's) × 100, one decimal; null when nobody was mentioned.
An article naming the office and a peer counts for both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from reports.columns import Col

COLUMNS = (
    Col("week", label="week"),
    Col("outlet"),
    Col("own", "int", label="share_own"),
    Col("peers_total", "int", label="share_peers"),
    Col("share_pct", "pct", label="share_pct"),
)


def weeks_back(end: date, weeks: int) -> date:
    """The Monday `weeks` - 1 weeks before `end`'s week (the calendar's first day at worst)."""
    try:
        return end - timedelta(days=end.weekday(), weeks=weeks - 1)
    except OverflowError:
        return date.min


def share_pct(own: int, peers: int) -> float | None:
    total = own + peers
    return round(own * 100 / total, 1) if total else None


def share_rows(
    counts: Mapping[tuple[str, str], Mapping[str, int]], peer_names: Sequence[str]
) -> list[dict[str, object]]:
    """One row per (outlet, week) with any mention, oldest week first, then by outlet.

    `peers` names every configured peer (0 when the outlet did not name it that week: its
    articles were collected and read, so zero is measured)."""
    rows = []
    for (outlet, week), found in counts.items():
        own = found.get("", 0)
        peers = {name: found.get(name, 0) for name in peer_names}
        total = sum(peers.values())
        rows.append(
            {
                "outlet": outlet,
                "week": week,
                "own": own,
                "peers": peers,
                "peers_total": total,
                "share_pct": share_pct(own, total),
            }
        )
    return sorted(rows, key=lambda r: (str(r["week"]), str(r["outlet"]).casefold()))


def share_json(rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """The JSON list: {"outlet","week","own","peers":{name: count},"share_pct"}."""
    keys = ("outlet", "week", "own", "peers", "share_pct")
    return [{key: row[key] for key in keys} for row in rows]


def csv_columns(peer_names: Sequence[str]) -> tuple[Col, ...]:
    """The CSV's columns: the table's, then one `peer:<name>` count per peer (raw keys)."""
    return (*COLUMNS, *(Col(f"peer:{name}", "int") for name in peer_names))


def csv_rows(rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    flat = []
    for row in rows:
        peers = row["peers"]
        assert isinstance(peers, Mapping)
        flat.append({**row, **{f"peer:{name}": n for name, n in peers.items()}})
    return flat
