"""What a topic fit produces, how passages aggregate to papers, and persistence."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Optional, Sequence

if TYPE_CHECKING:
    import numpy as np

    from litmap.analyse.topics.passages import Passage

__all__ = [
    "Assignment", "Representative", "Topic", "HierarchyNode", "TopicResult",
    "aggregate", "save_topic_result", "load_topic_result", "ARTIFACT",
]

#: Name of the store artifact holding the latest topic result.
ARTIFACT = "topics"
_FORMAT = 1


@dataclass(frozen=True)
class Assignment:
    key: str
    doc_id: int
    para_idx: int
    chunk: int
    text_hash: str
    page: Optional[int]
    year: Optional[int]
    journal: Optional[str]
    topic: int


@dataclass(frozen=True)
class Representative:
    doc_id: int
    page: Optional[int]
    text: str


@dataclass(frozen=True)
class Topic:
    id: int
    label: str
    keywords: tuple[tuple[str, float], ...]
    size: int
    papers: tuple[tuple[int, float], ...]  # (doc_id, share of the paper's passages), largest first
    representatives: tuple[Representative, ...]
    emerging: bool = False


@dataclass(frozen=True)
class HierarchyNode:
    parent_id: int
    parent_name: str
    left_id: int
    right_id: int
    distance: float
    topics: tuple[int, ...]


@dataclass(frozen=True)
class TopicResult:
    """A fitted topic map.  Topic ``-1`` holds outlier passages (never a row of ``topics``)."""

    model: str
    dim: int
    settings: dict[str, Any]
    assignments: tuple[Assignment, ...]
    topics: tuple[Topic, ...]
    centroids: dict[int, tuple[float, ...]]  # unit vectors in embedding space
    mixtures: dict[int, dict[int, float]]  # doc_id -> topic -> share of its passages
    over_time: tuple[tuple[int, int, int], ...]  # (topic, year, passages)
    per_journal: tuple[tuple[int, str, int], ...]  # (topic, journal, passages)
    hierarchy: tuple[HierarchyNode, ...]
    quality: dict[str, float]
    clusterer: str
    fallback: Optional[str] = None  # why the small-corpus path was taken
    n_embedded: int = 0  # passages embedded in this run (the rest came from the cache)
    emerging_candidates: tuple[str, ...] = field(default_factory=tuple)  # passage keys
    # Drift bookkeeping (docs/topics.md, "Refresh and drift"): passages the
    # last fit saw, and passages refreshes have since left unassigned.
    fitted_passages: int = 0
    refresh_outliers: int = 0
    refit_reason: Optional[str] = None  # why this result is an automatic refit

    def drift(self) -> dict[str, float]:
        """``growth``: passages added since the last fit / passages it saw;
        ``unfit``: passages added since then that fit no stored topic / all."""
        n = len(self.assignments)
        fitted = self.fitted_passages or n
        return {"growth": round(max(0, n - fitted) / max(1, fitted), 4),
                "unfit": round(self.refresh_outliers / max(1, n), 4)}

    def topic(self, topic_id: int) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)


def _counts(assign: Sequence[Assignment]) -> tuple[dict[int, dict[int, float]], list, list]:
    by_doc: dict[int, Counter[int]] = defaultdict(Counter)
    time: Counter[tuple[int, int]] = Counter()
    journal: Counter[tuple[int, str]] = Counter()
    for a in assign:
        by_doc[a.doc_id][a.topic] += 1
        if a.year is not None:
            time[(a.topic, a.year)] += 1
        if a.journal:
            journal[(a.topic, a.journal)] += 1
    mixtures = {
        d: {t: round(n / sum(c.values()), 4) for t, n in sorted(c.items())} for d, c in sorted(by_doc.items())
    }
    return mixtures, sorted((t, y, n) for (t, y), n in time.items()), sorted(
        (t, j, n) for (t, j), n in journal.items()
    )


def aggregate(
    passages: Sequence["Passage"],
    topics: Sequence[int],
    embeddings: "np.ndarray",
    keywords: dict[int, list[tuple[str, float]]],
    *,
    n_representatives: int = 3,
    labels: Optional[dict[int, str]] = None,
) -> tuple[tuple[Assignment, ...], tuple[Topic, ...], dict[int, tuple[float, ...]], dict, list, list]:
    """Passage topics -> assignments, topics (papers, representatives), centroids and counts."""
    import numpy as np

    assign = tuple(
        Assignment(p.key, p.doc_id, p.para_idx, p.chunk, p.text_hash, p.page, p.year, p.journal, int(t))
        for p, t in zip(passages, topics)
    )
    mixtures, over_time, per_journal = _counts(assign)
    arr = np.asarray(topics)
    out: list[Topic] = []
    centroids: dict[int, tuple[float, ...]] = {}
    for t in sorted(set(int(x) for x in topics) - {-1}):
        idx = np.flatnonzero(arr == t)
        c = embeddings[idx].mean(axis=0)
        c = c / (np.linalg.norm(c) or 1.0)
        centroids[t] = tuple(float(x) for x in c)
        sims = embeddings[idx] @ c
        reps = tuple(
            Representative(passages[i].doc_id, passages[i].page, passages[i].text)
            for i in idx[np.argsort(-sims, kind="stable")[:n_representatives]]
        )
        papers = sorted(
            ((d, m[t]) for d, m in mixtures.items() if t in m), key=lambda x: (-x[1], x[0])
        )
        kw = tuple((w, round(float(s), 5)) for w, s in keywords.get(t, []) if w)
        label = (labels or {}).get(t) or ", ".join(w for w, _ in kw[:3]) or f"topic {t}"
        out.append(Topic(t, label, kw, int(len(idx)), tuple(papers), reps))
    return assign, tuple(out), centroids, mixtures, over_time, per_journal


# -- persistence ---------------------------------------------------------------------------

def _to_json(result: TopicResult) -> dict[str, Any]:
    d = asdict(result)
    d["format"] = _FORMAT
    d["centroids"] = {str(k): v for k, v in result.centroids.items()}
    d["mixtures"] = {str(k): {str(t): s for t, s in m.items()} for k, m in result.mixtures.items()}
    return d


def _from_json(d: dict[str, Any]) -> TopicResult:
    if d.get("format") != _FORMAT:
        raise ValueError(f"unknown topic artifact format {d.get('format')!r}")
    topics = tuple(
        Topic(
            t["id"], t["label"], tuple((w, s) for w, s in t["keywords"]), t["size"],
            tuple((p, s) for p, s in t["papers"]), tuple(Representative(**r) for r in t["representatives"]),
            t.get("emerging", False),
        )
        for t in d["topics"]
    )
    return TopicResult(
        model=d["model"], dim=d["dim"], settings=d["settings"],
        assignments=tuple(Assignment(**a) for a in d["assignments"]),
        topics=topics,
        centroids={int(k): tuple(v) for k, v in d["centroids"].items()},
        mixtures={int(k): {int(t): s for t, s in m.items()} for k, m in d["mixtures"].items()},
        over_time=tuple(tuple(x) for x in d["over_time"]),
        per_journal=tuple(tuple(x) for x in d["per_journal"]),
        hierarchy=tuple(HierarchyNode(**{**h, "topics": tuple(h["topics"])}) for h in d["hierarchy"]),
        quality=d["quality"], clusterer=d["clusterer"], fallback=d.get("fallback"),
        n_embedded=d.get("n_embedded", 0),
        emerging_candidates=tuple(d.get("emerging_candidates", ())),
        fitted_passages=d.get("fitted_passages", 0) or len(d["assignments"]),
        refresh_outliers=d.get("refresh_outliers", 0),
        refit_reason=d.get("refit_reason"),
    )


def save_topic_result(conn: sqlite3.Connection, result: TopicResult, run_id: Optional[int] = None) -> None:
    """Store ``result`` as the zlib-compressed JSON artifact ``topics`` (replacing any earlier one)."""
    from litmap.store.db import now

    blob = zlib.compress(json.dumps(_to_json(result), separators=(",", ":")).encode("utf-8"), 6)
    conn.execute(
        "INSERT INTO artifacts(name, run_id, created_at, data) VALUES (?,?,?,?) "
        "ON CONFLICT(name) DO UPDATE SET run_id=excluded.run_id, created_at=excluded.created_at, data=excluded.data",
        (ARTIFACT, run_id, now(), blob),
    )
    if conn.in_transaction and conn.isolation_level is not None:
        conn.commit()


def load_topic_result(conn: sqlite3.Connection) -> Optional[TopicResult]:
    """The stored topic result, or ``None`` when ``litmap topics`` has not run on this store."""
    row = conn.execute("SELECT data FROM artifacts WHERE name=?", (ARTIFACT,)).fetchone()
    if row is None or row[0] is None:
        return None
    return _from_json(json.loads(zlib.decompress(bytes(row[0])).decode("utf-8")))
