"""What changed since the previous run and the previous report.

Two sources, both real: the ``runs`` table (counts the last two finished
runs recorded) and the snapshot the previous report wrote into its
``data/snapshot.json`` (papers and where they fall, topics, bursting and
central works, co-citation camps, concepts).  On a first run there is
nothing to compare and the section says so.

Camps are co-citation clusters.  The snapshot also keeps the members of
every clustered network view and the first cluster id not yet handed out,
so the next report numbers persisting clusters as this one did (see
:func:`previous_clusters`).  Splits and mergers are still found from the
members, not the numbers: an old camp whose shared works now sit in two or
more camps, each holding at least a quarter of them, has split; a new camp
drawing a quarter or more of its works from each of two or more old camps is
a merger.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import replace
from typing import Any, Optional, Sequence

from litmap.store.report_read import FinishedRun, finished_runs

from litmap.report.records import CampChange, CountChange, ReportChanges, ReportPaper, TopicChange

__all__ = ["compare", "changes_snapshot", "snapshot_extras", "camp_changes", "previous_clusters"]

_CENTRAL = 15  # works in the "most central" list compared between runs
_SHARE = 0.25  # share of a camp's works that counts as a part of a split or merger
_MIN_PART = 2  # works a part must hold (one stray work is not a split)


def compare(conn: sqlite3.Connection, previous: Optional[dict[str, Any]], snapshot: dict[str, Any],
            current_run: Optional[dict[str, Any]] = None) -> ReportChanges:
    """Changes since the ``previous`` snapshot, and the counts of the last two runs.

    ``current_run`` ({"id", "counts"}) is the run building this report: it is
    not finished yet, so it is the latest of the two runs compared (without
    it the table would be one run behind).  When nothing changed since the
    previous report, the result says so (``unchanged``, ``since_run``) and
    carries the previous report's last real changes in ``last``."""
    finished = [r for r in finished_runs(conn, 2) if current_run is None or r.id != current_run.get("id")]
    runs: tuple[FinishedRun, ...] = tuple(finished[:2])
    if current_run is not None and current_run.get("id") is not None:
        runs = (FinishedRun(int(current_run["id"]), "run", "", None, dict(current_run.get("counts") or {})),
                *finished[:1])
    run_counts: tuple[CountChange, ...] = ()
    if len(runs) == 2:
        new, old = runs
        keys = sorted(set(new.counts) | set(old.counts))
        run_counts = tuple(
            CountChange(k, old.counts.get(k), new.counts.get(k)) for k in keys
            if isinstance(new.counts.get(k, 0), (int, float)) and isinstance(old.counts.get(k, 0), (int, float))
        )
    run = runs[0].id if current_run is not None and runs else None
    if previous is None:
        return ReportChanges(first=True, runs=runs, run_counts=run_counts, run=run)
    old_papers = previous.get("papers", {})
    places = snapshot.get("places", {})
    # Topics by id (ids are stable across refreshes and refits): a renamed topic is neither new nor gone.
    old_topics: dict[str, dict[str, Any]] = previous.get("topics", {})
    new_topics: dict[str, dict[str, Any]] = snapshot["topics"]
    old_burst = set(previous.get("bursting", []))
    old_concepts = set(previous.get("concepts", []))
    newly_central = None
    if "central" in previous:  # snapshots written before these fields existed lack them
        old_central = set(previous["central"])
        newly_central = tuple(w for w in snapshot.get("central", []) if w not in old_central)
    camps = None
    if "camps" in previous:
        camps = tuple(camp_changes(previous["camps"], previous.get("camp_labels", {}),
                                   snapshot.get("camps", {}), snapshot.get("camp_labels", {})))
    added = sorted((v + _place(places.get(k)), int(k)) for k, v in snapshot["papers"].items() if k not in old_papers)
    changes = ReportChanges(
        first=False, runs=runs, run_counts=run_counts, run=run, since_run=_int(previous.get("run")),
        new_papers=tuple(text for text, _ in added), new_paper_ids=tuple(pid for _, pid in added),
        removed_papers=tuple(sorted(v for k, v in old_papers.items() if k not in snapshot["papers"])),
        new_topics=tuple(sorted(t["label"] + (" (a new theme formed from new papers)" if t.get("emerging") else "")
                                for k, t in new_topics.items() if k not in old_topics)),
        # the largest change first: "category of work (114 → 168)" before "target zones (1561 → 1562)"
        grown_topics=tuple(TopicChange(*t) for t in sorted(
            ((_topic_name(old_topics[k], t), old_topics[k]["size"], t["size"]) for k, t in new_topics.items()
             if k in old_topics and t["size"] > old_topics[k]["size"]), key=lambda c: (c[1] - c[2], c[0]))),
        shrunk_topics=tuple(TopicChange(*t) for t in sorted(
            ((_topic_name(old_topics[k], t), old_topics[k]["size"], t["size"]) for k, t in new_topics.items()
             if k in old_topics and t["size"] < old_topics[k]["size"]), key=lambda c: (c[2] - c[1], c[0]))),
        gone_topics=tuple(sorted(t["label"] for k, t in old_topics.items() if k not in new_topics)),
        new_bursts=tuple(w for w in snapshot["bursting"] if w not in old_burst),
        new_concepts=tuple(c for c in snapshot["concepts"] if c not in old_concepts),
        newly_central=newly_central, camp_changes=camps,
    )
    if any(getattr(changes, f) for f in _CHANGE_FIELDS):
        return changes
    return replace(changes, unchanged=True, last=_read_last(previous.get("last_changes")))


# The fields that say something changed; a report where all are empty changed nothing.
_CHANGE_FIELDS = ("new_papers", "removed_papers", "new_topics", "grown_topics", "shrunk_topics", "gone_topics",
                  "new_bursts", "new_concepts", "newly_central", "camp_changes")


def _int(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def changes_snapshot(changes: ReportChanges) -> dict[str, Any]:
    """What the snapshot keeps for the next report: this report's run and the last real changes
    (these, or the ones an unchanged report carried on)."""
    last = changes.last if changes.unchanged else (None if changes.first else changes)
    out: dict[str, Any] = {"run": changes.run}
    if last is not None:
        out["last_changes"] = {**{f: getattr(last, f) for f in _CHANGE_FIELDS},
                               "new_paper_ids": last.new_paper_ids, "run": last.run, "since_run": last.since_run}
        out["last_changes"] = json.loads(json.dumps(out["last_changes"], default=_plain))
    return out


def _plain(value: Any) -> Any:
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) and not isinstance(value, type) else value


def _read_last(entry: Any) -> Optional[ReportChanges]:
    """The last real changes a previous snapshot kept (None when it kept none or they are unreadable)."""
    if not isinstance(entry, dict):
        return None
    try:
        def strs(key: str) -> tuple[str, ...]:
            return tuple(str(x) for x in entry.get(key) or ())

        def topics(key: str) -> tuple[TopicChange, ...]:
            return tuple(TopicChange(str(t["label"]), int(t["before"]), int(t["after"])) for t in entry.get(key) or ())

        camps = entry.get("camp_changes")
        return ReportChanges(
            first=False, runs=(), run=_int(entry.get("run")), since_run=_int(entry.get("since_run")),
            new_papers=strs("new_papers"), new_paper_ids=tuple(int(x) for x in entry.get("new_paper_ids") or ()),
            removed_papers=strs("removed_papers"), new_topics=strs("new_topics"),
            grown_topics=topics("grown_topics"), shrunk_topics=topics("shrunk_topics"),
            gone_topics=strs("gone_topics"), new_bursts=strs("new_bursts"), new_concepts=strs("new_concepts"),
            newly_central=strs("newly_central") if entry.get("newly_central") is not None else None,
            camp_changes=None if camps is None else tuple(
                CampChange(str(c["kind"]), tuple(c["before"]), tuple(c["after"]), int(c["works"])) for c in camps),
        )
    except (TypeError, ValueError, KeyError):  # a hand-edited or foreign snapshot
        return None


def _place(place: Optional[dict[str, Any]]) -> str:
    if not place:
        return ""
    bits = [f"topic “{place['topic']}”" if place.get("topic") else "",
            f"coupling cluster “{place['cluster']}”" if place.get("cluster") else ""]
    bits = [b for b in bits if b]
    return (" — falls in " + ", ".join(bits)) if bits else ""


def previous_clusters(previous: Optional[dict[str, Any]]) -> dict[str, tuple[dict[str, int], Optional[int]]]:
    """Per network view, the previous report's ``({str(node): cluster id}, first unused id)``.

    Snapshots written before views' clusters were kept have only the
    co-citation ``camps``; those still align the co-citation view.  Clusters
    are numbered from 1 (0: none, never stored); a snapshot holding a cluster
    0 was written when they were numbered from 0, and is read shifted by one.
    """
    if not previous:
        return {}
    out: dict[str, tuple[dict[str, int], Optional[int]]] = {}
    for name, entry in (previous.get("clusters") or {}).items():
        try:
            members = {str(n): int(c) for c, ns in entry["members"].items() for n in ns}
            out[str(name)] = (members, int(entry["next"]) if entry.get("next") is not None else None)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue  # a hand-edited or foreign snapshot: that view is numbered afresh
    if "cocitation" not in out and isinstance(previous.get("camps"), dict):
        try:
            out["cocitation"] = ({str(w): int(c) for w, c in previous["camps"].items()}, None)
        except (TypeError, ValueError):
            pass
    return {name: _from_one(members, nxt) for name, (members, nxt) in out.items()}


def _from_one(members: dict[str, int], nxt: Optional[int]) -> tuple[dict[str, int], Optional[int]]:
    """Ids of a snapshot written when clusters were numbered from 0 (it holds a 0) moved up by one."""
    if 0 not in members.values():
        return members, nxt
    return {n: c + 1 for n, c in members.items() if c >= 0}, None if nxt is None else nxt + 1


def _cluster_snapshot(graphs: dict[str, Any], previous: Optional[dict[str, Any]]) -> dict[str, Any]:
    """Members of each clustered view's clusters and the first id not yet used, compactly.

    A view without clusters this time keeps its previous entry, so its ids
    survive a report where it was empty.
    """
    before = previous_clusters(previous)
    out: dict[str, Any] = {}
    for name in sorted(set(graphs) | set(before)):
        G = graphs.get(name)
        members: dict[int, list[str]] = {}
        if G is not None:
            for n, c in G.nodes(data="cluster", default=0):
                if c is not None and c > 0:  # 0: in no cluster
                    members.setdefault(int(c), []).append(str(n))
        old, old_next = before.get(name, ({}, None))
        if not members:
            if old:
                out[name] = {"next": old_next if old_next is not None else max(old.values()) + 1,
                             "members": {str(c): sorted(n for n, k in old.items() if k == c)
                                         for c in sorted(set(old.values()))}}
            continue
        nxt = max([old_next or 1, *(c + 1 for c in old.values()), *(c + 1 for c in members)])
        out[name] = {"next": nxt, "members": {str(c): sorted(ns) for c, ns in sorted(members.items())}}
    return out


def snapshot_extras(papers: Sequence[ReportPaper], topics: dict[str, Any], graphs: dict[str, Any],
                    networks: dict[str, Any], previous: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """Where each paper falls, the most central works, the co-citation camps and every view's clusters."""
    labels = {t["id"]: t["label"] for t in topics.get("topics", [])}

    def cluster_labels(name: str) -> dict[int, str]:
        view = networks.get(name) or {}
        return {c["id"]: c["label"] for c in view.get("clusters", [])}

    coupling = graphs.get("coupling")
    coupling_labels = cluster_labels("coupling")
    places: dict[str, dict[str, Optional[str]]] = {}
    for p in papers:
        topic = next((labels[t] for t, _ in p.topics if t in labels), None)
        cl = coupling.nodes[p.id].get("cluster", 0) if coupling is not None and p.id in coupling else 0
        places[str(p.id)] = {"topic": topic, "cluster": coupling_labels.get(cl) if cl > 0 else None}
    cocit = graphs.get("cocitation")
    central: list[str] = []
    camps: dict[str, int] = {}
    if cocit is not None and cocit.number_of_edges():
        strength = dict(cocit.degree(weight="weight"))
        central = [str(n) for n in sorted(strength, key=lambda n: (-strength[n], str(n)))[:_CENTRAL]]
        camps = {str(n): int(d["cluster"]) for n, d in cocit.nodes(data=True) if d.get("cluster", 0) > 0}
    return {"places": places, "central": central, "camps": camps,
            "camp_labels": {str(k): v for k, v in cluster_labels("cocitation").items()},
            "clusters": _cluster_snapshot(graphs, previous)}


def camp_changes(old: dict[str, int], old_labels: dict[str, str], new: dict[str, int],
                 new_labels: dict[str, str]) -> list[CampChange]:
    """Splits and mergers between two camp memberships (work id -> camp id)."""
    from collections import Counter, defaultdict

    shared = [w for w in old if w in new]
    flows: Counter[tuple[int, int]] = Counter((old[w], new[w]) for w in shared)
    out_of: dict[int, dict[int, int]] = defaultdict(dict)
    into: dict[int, dict[int, int]] = defaultdict(dict)
    for (a, b), n in flows.items():
        out_of[a][b] = n
        into[b][a] = n

    def parts(counts: dict[int, int]) -> list[int]:
        total = sum(counts.values())
        return sorted((k for k, n in counts.items() if n >= _MIN_PART and n >= _SHARE * total),
                      key=lambda k: -counts[k])

    def name(labels: dict[str, str], k: int) -> str:
        return labels.get(str(k)) or f"cluster {k}"

    changes = []
    for a in sorted(out_of):
        ps = parts(out_of[a])
        if len(ps) >= 2:
            changes.append(CampChange("split", (name(old_labels, a),), tuple(name(new_labels, b) for b in ps),
                                      sum(out_of[a].values())))
    for b in sorted(into):
        ps = parts(into[b])
        if len(ps) >= 2:
            changes.append(CampChange("merged", tuple(name(old_labels, a) for a in ps), (name(new_labels, b),),
                                      sum(into[b].values())))
    return changes


def _topic_name(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A topic's label now, and the one it had when renamed or relabelled since."""
    return new["label"] if old["label"] == new["label"] else f"{new['label']} (was “{old['label']}”)"
