"""What changed since the previous run and the previous report.

Two sources, both real: the ``runs`` table (counts the last two finished
runs recorded) and the snapshot the previous report wrote into its
``data/snapshot.json`` (papers, topics, bursting works, concepts).  On a
first run there is nothing to compare and the section says so.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Optional

__all__ = ["compare", "last_runs"]


def last_runs(conn: sqlite3.Connection, n: int = 2) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, command, started_at, finished_at, status, counts FROM runs "
        "WHERE status='ok' ORDER BY id DESC LIMIT ?", (n,)
    ).fetchall()
    out = []
    for r in rows:
        try:
            counts = json.loads(r[5] or "{}")
        except ValueError:
            counts = {}
        out.append({"id": r[0], "command": r[1], "started": r[2], "finished": r[3],
                    "counts": counts if isinstance(counts, dict) else {}})
    return out


def compare(conn: sqlite3.Connection, previous: Optional[dict[str, Any]], snapshot: dict[str, Any]) -> dict[str, Any]:
    runs = last_runs(conn)
    out: dict[str, Any] = {"runs": runs, "first": previous is None}
    if len(runs) == 2:
        new, old = runs
        keys = sorted(set(new["counts"]) | set(old["counts"]))
        out["run_counts"] = [
            [k, old["counts"].get(k), new["counts"].get(k)] for k in keys
            if isinstance(new["counts"].get(k, 0), (int, float)) and isinstance(old["counts"].get(k, 0), (int, float))
        ]
    if previous is None:
        return out
    old_papers = previous.get("papers", {})
    out["new_papers"] = sorted(v for k, v in snapshot["papers"].items() if k not in old_papers)
    out["removed_papers"] = sorted(v for k, v in old_papers.items() if k not in snapshot["papers"])
    old_topics = {t["label"]: t["size"] for t in previous.get("topics", {}).values()}
    out["new_topics"] = sorted(t["label"] for t in snapshot["topics"].values() if t["label"] not in old_topics)
    out["grown_topics"] = sorted(
        [t["label"], old_topics[t["label"]], t["size"]] for t in snapshot["topics"].values()
        if t["label"] in old_topics and t["size"] > old_topics[t["label"]]
    )
    old_burst = set(previous.get("bursting", []))
    out["new_bursts"] = [w for w in snapshot["bursting"] if w not in old_burst]
    old_concepts = set(previous.get("concepts", []))
    out["new_concepts"] = [c for c in snapshot["concepts"] if c not in old_concepts]
    return out
