"""``litmap runs``: list recorded runs and compare two of them.

Every writing command records a row in ``runs`` (time, parameters, package
versions, counts); documents carry the run that added and removed them
(schema v2), so :func:`compare_runs` can name the papers that came and went
between two runs.  The report's richer "What changed" section lives in
:mod:`litmap.report.changes`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

from litmap.errors import InputError
from litmap.store.db import Store

__all__ = ["RunInfo", "RunComparison", "list_runs", "compare_runs"]


@dataclass(frozen=True)
class RunInfo:
    id: int
    command: str
    started: str
    finished: Optional[str]
    status: str  # running | ok | failed | interrupted
    counts: dict[str, Any]
    params: dict[str, Any]
    versions: dict[str, str]


@dataclass(frozen=True)
class RunComparison:
    a: RunInfo
    b: RunInfo
    counts: tuple[tuple[str, Any, Any], ...]  # (name, in a, in b), names in either run
    added: tuple[tuple[int, str], ...]  # (document id, path) added after a, up to b
    removed: tuple[tuple[int, str], ...]  # (document id, path) removed after a, up to b


def _json(text: Optional[str]) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _info(row: Any) -> RunInfo:
    return RunInfo(
        id=int(row["id"]), command=row["command"], started=row["started_at"], finished=row["finished_at"],
        status=row["status"], counts=_json(row["counts"]), params=_json(row["params"]),
        versions=_json(row["versions"]),
    )


def list_runs(store: Store, limit: Optional[int] = None) -> list[RunInfo]:
    """Runs, newest first (``limit`` None: all)."""
    sql = "SELECT * FROM runs ORDER BY id DESC" + (" LIMIT ?" if limit else "")
    return [_info(r) for r in store.conn.execute(sql, (limit,) if limit else ())]


def _run(store: Store, run_id: int) -> RunInfo:
    row = store.conn.execute("SELECT * FROM runs WHERE id=?", (run_id,)).fetchone()
    if row is None:
        raise InputError(f"no run {run_id} in {store.path}; `litmap runs` lists them")
    return _info(row)


def compare_runs(store: Store, a: int, b: int) -> RunComparison:
    """What changed from run ``a`` to run ``b`` (``a`` < ``b``; swapped if not)."""
    if a > b:
        a, b = b, a
    ra, rb = _run(store, a), _run(store, b)
    names = sorted(set(ra.counts) | set(rb.counts))
    counts = tuple((k, ra.counts.get(k), rb.counts.get(k)) for k in names)
    q = store.conn.execute
    added = tuple(
        (int(r[0]), r[1]) for r in q(
            "SELECT id, path FROM documents WHERE added_run > ? AND added_run <= ? ORDER BY id", (a, b)
        )
    )
    removed = tuple(
        (int(r[0]), r[1]) for r in q(
            "SELECT id, path FROM documents WHERE removed_run > ? AND removed_run <= ? ORDER BY id", (a, b)
        )
    )
    return RunComparison(ra, rb, counts, added, removed)
