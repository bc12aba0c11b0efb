"""The labels file (``topics.yaml``): a reviewer's renames and merges of topics.

Topic ids stay stable across refreshes and refits (matched topics keep
theirs), so the file is applied again after every fit and keeps working as
the corpus grows::

    # litmap topics: rename and merge by topic id (`litmap topics` lists them)
    rename:
      3: Areal interpolation methods
    merge:
      7: 3        # topic 7 joins topic 3
      12: 3

A merged topic's passages, papers and representative passages join the
target; its keywords are the two lists weighted by size; the target keeps its
id and label (or the one ``rename`` gives it).  Ids no longer in the map are
skipped with a warning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping, Union

from litmap.errors import InputError
from litmap.store.topics import Assignment, Topic, TopicResult

__all__ = ["TopicLabels", "read_labels", "apply_labels", "labels_template"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TopicLabels:
    rename: Mapping[int, str] = field(default_factory=dict)
    merge: Mapping[int, int] = field(default_factory=dict)  # topic id -> the id it joins

    def target(self, topic: int) -> int:
        """Where ``topic`` ends up after following merge chains (7 -> 3 -> 1)."""
        seen = {topic}
        while topic in self.merge:
            topic = self.merge[topic]
            if topic in seen:
                raise InputError(f"the labels file merges topics in a circle ({sorted(seen)}): break the loop")
            seen.add(topic)
        return topic


def _int_key(key: Any, path: Union[str, Path]) -> int:
    try:
        return int(key)
    except (TypeError, ValueError):
        raise InputError(f"{path}: topic ids are numbers (as `litmap topics` lists them), not {key!r}") from None


def read_labels(path: Union[str, Path]) -> TopicLabels:
    """Read a labels file; a missing file means no renames or merges."""
    import yaml

    p = Path(path)
    if not p.is_file():
        return TopicLabels()
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{p}: not valid YAML ({exc}); see docs/topics.md for the format") from exc
    if not isinstance(data, dict) or set(data) - {"rename", "merge"}:
        raise InputError(f"{p}: expected the keys 'rename' and/or 'merge' (see docs/topics.md)")
    rename = data.get("rename") or {}
    merge = data.get("merge") or {}
    if not isinstance(rename, dict) or not isinstance(merge, dict):
        raise InputError(f"{p}: 'rename' and 'merge' map topic ids to a label / to a topic id")
    labels = TopicLabels(
        {_int_key(k, p): str(v).strip() for k, v in rename.items() if str(v or "").strip()},
        {_int_key(k, p): _int_key(v, p) for k, v in merge.items()},
    )
    for t in labels.merge:
        labels.target(t)  # a loop fails here, with the message
    return labels


def apply_labels(result: TopicResult, labels: TopicLabels, top_n: int = 10) -> TopicResult:
    """``result`` with the file's merges and renames applied."""
    ids = {t.id for t in result.topics}
    unknown = sorted((set(labels.merge) | set(labels.merge.values()) | set(labels.rename)) - ids)
    if unknown:
        log.warning("the labels file names topics not in the map (skipped): %s", unknown)
    where = {t: labels.target(t) for t in ids}
    where = {t: (g if g in ids else t) for t, g in where.items()}
    if all(t == g for t, g in where.items()) and not (set(labels.rename) & ids):
        return result
    by_id = {t.id: t for t in result.topics}
    assignments = tuple(replace(a, topic=where.get(a.topic, a.topic)) for a in result.assignments)
    groups: dict[int, list[Topic]] = {}
    for t in result.topics:
        groups.setdefault(where[t.id], []).append(t)
    mixtures = _mixtures(assignments)
    topics = []
    centroids = {}
    for g, parts in sorted(groups.items()):
        head = by_id[g]
        size = sum(p.size for p in parts)
        weights: dict[str, float] = {}
        for p in parts:
            for w, s in p.keywords:
                weights[w] = weights.get(w, 0.0) + s * p.size / size
        keywords = tuple(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]) if len(parts) > 1 \
            else head.keywords
        papers = tuple(sorted(((d, m[g]) for d, m in mixtures.items() if g in m), key=lambda x: (-x[1], x[0])))
        reps = tuple(r for p in sorted(parts, key=lambda p: -p.size) for r in p.representatives)[:len(head.representatives) or 3]
        topics.append(replace(head, label=labels.rename.get(g, head.label), keywords=tuple(keywords), size=size,
                              papers=papers, representatives=reps,
                              emerging=head.emerging and all(p.emerging for p in parts)))
        centroids[g] = _mean_centroid([(result.centroids[p.id], p.size) for p in parts if p.id in result.centroids])
    over_time: dict[tuple[int, int], int] = {}
    for tid, y, n in result.over_time:
        over_time[(where.get(tid, tid), y)] = over_time.get((where.get(tid, tid), y), 0) + n
    per_journal: dict[tuple[int, str], int] = {}
    for tid, j, n in result.per_journal:
        per_journal[(where.get(tid, tid), j)] = per_journal.get((where.get(tid, tid), j), 0) + n
    return replace(result, assignments=assignments, topics=tuple(topics), centroids=centroids, mixtures=mixtures,
                   over_time=tuple(sorted((t, y, n) for (t, y), n in over_time.items())),
                   per_journal=tuple(sorted((t, j, n) for (t, j), n in per_journal.items())))


def _mixtures(assignments: tuple[Assignment, ...]) -> dict[int, dict[int, float]]:
    from collections import Counter

    by_doc: dict[int, Counter[int]] = {}
    for a in assignments:
        by_doc.setdefault(a.doc_id, Counter())[a.topic] += 1
    return {d: {t: round(n / sum(c.values()), 4) for t, n in sorted(c.items())} for d, c in sorted(by_doc.items())}


def _mean_centroid(parts: list[tuple[tuple[float, ...], int]]) -> tuple[float, ...]:
    import numpy as np

    v = sum(np.asarray(c, dtype=np.float64) * n for c, n in parts)
    v = np.asarray(v) / (np.linalg.norm(v) or 1.0)
    return tuple(float(x) for x in v)


def labels_template(result: TopicResult) -> str:
    """A commented ``topics.yaml`` listing the topics, for a reviewer to edit."""
    lines = ["# litmap topics: rename and merge topics by id; ids stay stable when papers are added.",
             "# Uncomment and edit, then run `litmap topics --refresh` (or `litmap run`).",
             "rename:"]
    for t in sorted(result.topics, key=lambda t: t.id):
        words = ", ".join(w for w, _ in t.keywords[:6])
        lines.append(f"  # {t.id}: {t.label}    # {t.size} passages; {words}")
    lines += ["merge:", "  # 7: 3    # topic 7 joins topic 3", ""]
    return "\n".join(lines)
