"""Leave-one-paper-out choice of the debate engagement floor, over the gold papers of
benchmarks/gold/debate_engagement.jsonl (rows of a batch kept blind, ``wave5``, are never read).

For every debate, the papers that pass every engagement test except the density bar are listed once (with
``DEBATE_MIN_DENSITY`` 0 and ``relative_threshold`` 0), with their density and the debate's median density.
A paper then engages at floor f and relative threshold r when density >= max(f, r x median).  For each gold
paper in turn, (f, r) is chosen on the other papers (best F1 over paper x debate pairs; ties to the setting
nearest the old default 1.0/0.25) and that paper is scored with it; the pooled precision and recall are the
leave-one-paper-out figures.  Also printed: each fixed setting of the grid on all papers.

Usage::

    python benchmarks/lopo_debates.py --db STORE [--data ../shared/data]

STORE: a litmap store holding the gold papers (see benchmarks/eval_debates.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOLD = Path(__file__).with_name("gold") / "debate_engagement.jsonl"
FLOORS = [round(0.5 + 0.1 * i, 2) for i in range(16)]
RELATIVE = [0.0, 0.1, 0.25, 0.5, 0.75, 1.0]


def _counts(pairs: list[dict], floor: float, rel: float) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for p in pairs:
        got = p["candidate"] and p["density"] >= max(floor, rel * p["median"])
        tp += got and p["gold"]
        fp += got and not p["gold"]
        fn += p["gold"] and not got
    return tp, fp, fn


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    args = ap.parse_args()
    import statistics

    from litmap.analyse.concepts import load_lexicon
    from litmap.analyse.debates import engagement
    from litmap.analyse.debates.data import load_debate_inputs, text_memos
    from litmap.analyse.debates.records import DebateSettings

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("batch", "original") != "wave5"]
    lexicon = load_lexicon()
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    inputs = load_debate_inputs(conn, lexicon, memos=text_memos(conn, lexicon))
    by_name = {os.path.basename(path): pid for pid, path in
               conn.execute("SELECT id, path FROM documents WHERE removed_at IS NULL")}
    saved = engagement.DEBATE_MIN_DENSITY
    engagement.DEBATE_MIN_DENSITY = 0.0
    try:
        found: dict[tuple[str, int], tuple[float, float]] = {}
        for d in sorted(lexicon.debates):
            members = frozenset(c.id for c in lexicon.in_debate(d))
            score: dict[int, float] = {}
            for (pid, _), ev in engagement.paragraph_evidence(inputs, lexicon, d, members).items():
                score[pid] = score.get(pid, 0.0) + ev.score
            per_k = [1000.0 * s / inputs.words[p] for p, s in score.items() if s > 0 and inputs.words.get(p)]
            median = statistics.median(per_k) if per_k else 0.0
            for e in engagement.engagements(inputs, lexicon, d, members, DebateSettings(relative_threshold=0.0)):
                found[(d, e.paper_id)] = (e.density, median)
    finally:
        engagement.DEBATE_MIN_DENSITY = saved
    pairs: list[dict] = []
    for r in rows:
        paper = by_name.get(Path(r["file"]).name)
        if paper is None:
            continue
        for d in sorted(lexicon.debates):
            dens, med = found.get((d, paper), (0.0, 0.0))
            pairs.append({"file": r["file"], "gold": d in r["engages"], "candidate": (d, paper) in found,
                          "density": dens, "median": med})
    grid = list(itertools.product(FLOORS, RELATIVE))
    print(f"{len({p['file'] for p in pairs})} gold papers in the store, {len(pairs)} paper x debate pairs")
    for floor, rel in grid:
        if rel in (0.25, 0.5):
            tp, fp, fn = _counts(pairs, floor, rel)
            p, rc = _pr(tp, fp, fn)
            print(f"  floor {floor:.1f} relative {rel}: precision {p:.3f} recall {rc:.3f} (tp {tp}, fp {fp}, fn {fn})")
    total = [0, 0, 0]
    chosen: dict[tuple[float, float], int] = {}
    for name in sorted({p["file"] for p in pairs}):
        train = [p for p in pairs if p["file"] != name]

        def key(g: tuple[float, float]) -> tuple[float, float]:
            tp, fp, fn = _counts(train, *g)
            return (2 * tp / (2 * tp + fp + fn) if tp else 0.0, -abs(g[0] - 1.0) - abs(g[1] - 0.25))

        best = max(grid, key=key)
        chosen[best] = chosen.get(best, 0) + 1
        for i, v in enumerate(_counts([p for p in pairs if p["file"] == name], *best)):
            total[i] += v
    p, rc = _pr(*total)
    print(f"leave-one-paper-out: precision {p:.3f} recall {rc:.3f} (tp {total[0]}, fp {total[1]}, fn {total[2]}); "
          f"settings chosen (floor, relative: folds) {dict(sorted(chosen.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
