"""What a topic fit produces and how passages aggregate to papers.

The records live in :mod:`litmap.store.topics`, which stores and loads them;
they are re-exported here, with its ``save_topic_result``/``load_topic_result``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Optional, Sequence

from litmap.store.topics import (
    ARTIFACT,
    Assignment,
    HierarchyNode,
    Representative,
    Topic,
    TopicResult,
    load_topic_result,
    save_topic_result,
)

if TYPE_CHECKING:
    import numpy as np

    from litmap.analyse.topics.passages import Passage

__all__ = [
    "Assignment", "Representative", "Topic", "HierarchyNode", "TopicResult",
    "aggregate", "save_topic_result", "load_topic_result", "ARTIFACT",
]


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
