"""Grouped cross-validation of citation-function designs over every spent gold row, folds by paper.

Reads benchmarks/gold/citation_function.jsonl, only the **spent** batches, named one by one (``original``,
``wave4``, ``wave5``, ``wave6``: :data:`eval_citation_function.SPENT`); any other batch (``wave7``, labelled
blind) is dropped before a sentence is read, and the batch named by ``--exclude-batch`` (default ``wave7``) is
dropped even if it were ever listed as spent.
Folds are **papers** (the ``file`` of a row): a paper's sentences are all in one fold, so no model is scored on
a paper it was trained on.  Papers are dealt to ``--folds`` folds by a seeded hash, ``--repeats`` times (seeds
19, 20, ...); every design sees the same folds.

Designs:

* ``rules``: :func:`classify_citation` with ``model=False``.  They are not fitted per fold: they were written
  while reading original and wave4 (in-sample there, a bound); wave5 and wave6 are out of sample for them;
* ``shipped before``: the design shipped until this round: a text model (words, cue and role features, no
  direction features, C = 1, cue weight 0.4) fills ``uses`` (p >= 0.6) or ``supports`` (p >= 0.7) where the
  rules say background, refit on each fold's training papers;
* ``stacked fixed``: the model that decides every label (:mod:`litmap.analyse.debates.citemodel`, ``decides =
  "all"``): text, cue, role and direction features and the rules' verdict, refit per fold, with the shipped
  setting (``--c``, ``--critique-floor``, ``--floor``).  That setting was chosen on these folds (``--select``), so
  this figure is optimistic by the choice;
* ``stacked nested``: the same model, its C and floors chosen **inside** each training part by an inner
  grouped 3-fold CV (the rule of ``--select``: the highest macro-F1 among settings whose critique precision is
  at least 0.85, else the highest critique precision), then refit on the training part and scored on the held-out
  papers: the honest estimate.

Per class P/R/F1 and macro-F1 are pooled over the held-out papers of each repeat and averaged over repeats
(macro-F1 per repeat printed); ``fresh`` repeats them on the wave5 and wave6 rows only, where the rules are out
of sample too.  ``--select`` prints the grid over all rows instead (pooled grouped CV), the table the shipped
setting was read from.

Usage::

    python benchmarks/cv_citation_function.py [--data ../shared/data] [--folds 5] [--repeats 4]
        [--c 0.3] [--critique-floor 0.7] [--floor 0.5] [--select] [--exclude-batch wave7]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_citation_function import DEFAULT_DATA, SPENT, load_items  # noqa: E402
from train_citation_function import _fit, scores, stacked_features  # noqa: E402

from litmap.analyse.debates.citefunction import LABELS  # noqa: E402
from litmap.analyse.debates.citemodel import CitationModel  # noqa: E402

GRID_C = (0.1, 0.3, 1.0)
GRID_CRITIQUE = (0.5, 0.6, 0.7, 0.8, 0.9)
GRID_FLOOR = (0.4, 0.5, 0.6)
CUE_WEIGHT = 0.4
FRESH = ("wave5", "wave6")  # batches the rules were not written on


def paper_folds(files: Sequence[str], folds: int, seed: int) -> list[int]:
    """The fold of each row: its paper's SHA-1 with the seed, ranked and dealt round-robin so folds hold
    near-equal numbers of papers."""
    papers = sorted(set(files), key=lambda f: hashlib.sha1(f"{seed}:{f}".encode("utf-8")).hexdigest())
    fold_of = {f: i % folds for i, f in enumerate(papers)}
    return [fold_of[f] for f in files]


def deciding(model: CitationModel, critique_floor: float, floor: float) -> CitationModel:
    """``model`` as a model that decides every label, with these floors."""
    return CitationModel(model.labels, model.intercept, model.weights, floor, model.trained_on, model.cue_weight,
                         model.fill_labels, {"critiques": critique_floor, "uses": floor, "supports": floor}, "all")


def grid_scores(probs: dict[int, dict[str, float]], gold: Sequence[str]) -> dict[tuple[float, float], dict[str, float]]:
    """Scores of each (critique floor, floor) on out-of-fold probabilities."""
    out = {}
    for tc in GRID_CRITIQUE:
        for tf in GRID_FLOOR:
            m = CitationModel(tuple(LABELS), (0.0,) * 4, {}, tf, "", None, (), {"critiques": tc, "uses": tf,
                                                                                   "supports": tf}, "all")
            pairs = [(gold[i], _decide_probs(m, p)) for i, p in probs.items()]
            out[(tc, tf)] = scores(pairs)
    return out


def _decide_probs(m: CitationModel, probs: dict[str, float]) -> str:
    floor = m.label_min_probability
    if probs["critiques"] >= floor["critiques"]:
        return "critiques"
    label = max((lab for lab in LABELS if lab != "critiques"), key=lambda lab: probs[lab])
    return "background" if label != "background" and probs[label] < floor[label] else label


def choose(table: dict[tuple[float, float, float], dict[str, float]]) -> tuple[float, float, float]:
    """The setting (C, critique floor, floor) with the highest macro-F1 among those with critique precision
    >= 0.85; else the one with the highest critique precision (ties: the earlier, more regularised, setting)."""
    ok = [k for k, s in table.items() if s["critiques_P"] >= 0.85]
    if ok:
        return max(ok, key=lambda k: (round(table[k]["macroF1"], 6), -list(table).index(k)))
    return max(table, key=lambda k: (round(table[k]["critiques_P"], 6), -list(table).index(k)))


def oof_table(feats: Sequence[frozenset[str]], gold: Sequence[str], files: Sequence[str], rows: Sequence[int],
              folds: int, seed: int) -> dict[tuple[float, float, float], dict[str, float]]:
    """The grid's scores by grouped CV over ``rows``."""
    fold = paper_folds([files[i] for i in rows], folds, seed)
    table: dict[tuple[float, float, float], dict[str, float]] = {}
    for c in GRID_C:
        probs: dict[int, dict[str, float]] = {}
        for k in range(folds):
            tr = [i for i, f in zip(rows, fold) if f != k]
            m = _fit([feats[i] for i in tr], [gold[i] for i in tr], c, CUE_WEIGHT)
            probs.update({i: m.probabilities(feats[i]) for i, f in zip(rows, fold) if f == k})
        for (tc, tf), s in grid_scores(probs, gold).items():
            table[(c, tc, tf)] = s
    return table


def show(name: str, runs: list[dict[str, float]]) -> None:
    cols = [f"{lab}_{m}" for lab in LABELS for m in ("P", "R", "F1")] + ["macroF1"]
    print(f"{name:<26}" + "".join(f"{sum(r[c] for r in runs) / len(runs):7.3f}" for c in cols)
          + "  " + " ".join(f"{r['macroF1']:.3f}" for r in runs))


def header() -> None:
    short = {"uses": "use", "supports": "sup", "critiques": "crit", "background": "bg"}
    print(f"{'design':<26}" + "".join(f"{short[lab] + '_' + m:>7}" for lab in LABELS for m in ("P", "R", "F1"))
          + f"{'macro':>7}  macro-F1 per repeat")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=4)
    ap.add_argument("--c", type=float, default=0.3, help="C of the stacked model's fixed (shipped) setting")
    ap.add_argument("--critique-floor", type=float, default=0.7)
    ap.add_argument("--floor", type=float, default=0.5, help="floor of uses and supports")
    ap.add_argument("--select", action="store_true", help="print the grid over all rows (the shipped setting's table)")
    ap.add_argument("--exclude-batch", default="wave7", help="a batch never to read (refused if named as spent)")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    batches = set(SPENT) - {args.exclude_batch}
    items, skipped = load_items(args.data, batches=batches)
    assert all(it.get("batch", "original") in batches for it in items)
    files = [it["file"] for it in items]
    gold = [it["label"] for it in items]
    batch = [it.get("batch", "original") for it in items]
    print(f"{len(items)} rows of {len(set(files))} papers, batches {dict(sorted(Counter(batch).items()))} "
          f"({skipped} not re-read); {dict(Counter(gold))}")
    stacked, rule = stacked_features(items)
    plain = [frozenset(f for f in fs if not f.startswith(("d:", "rule"))) for fs in stacked]
    rows = list(range(len(items)))
    if args.select:
        tables = [oof_table(stacked, gold, files, rows, args.folds, 19 + r) for r in range(args.repeats)]
        mean = {k: {c: sum(t[k][c] for t in tables) / len(tables) for c in tables[0][k]} for k in tables[0]}
        print(f"{'C':>5}{'crit>=':>7}{'u/s>=':>6}{'critP':>7}{'critR':>7}{'useF1':>7}{'supF1':>7}{'macro':>7}")
        for (c, tc, tf), s in mean.items():
            print(f"{c:5}{tc:7}{tf:6}{s['critiques_P']:7.3f}{s['critiques_R']:7.3f}{s['uses_F1']:7.3f}"
                  f"{s['supports_F1']:7.3f}{s['macroF1']:7.3f}")
        print("chosen (C, critique floor, floor):", choose(mean))
        return 0
    fresh = {i for i in rows if batch[i] in FRESH}
    results: dict[str, list[dict[str, float]]] = {}
    chosen: Counter[tuple[float, float, float]] = Counter()
    for rep in range(args.repeats):
        fold = paper_folds(files, args.folds, 19 + rep)
        pred: dict[str, dict[int, str]] = {"rules": {i: rule[i] for i in rows}}
        for k in range(args.folds):
            tr = [i for i in rows if fold[i] != k]
            te = [i for i in rows if fold[i] == k]
            old = _fit([plain[i] for i in tr], [gold[i] for i in tr], 1.0, CUE_WEIGHT)
            old = CitationModel(old.labels, old.intercept, old.weights, 0.6, "", CUE_WEIGHT, ("uses", "supports"),
                                {"supports": 0.7})
            for i in te:
                filled = old.fill(plain[i]) if rule[i] == "background" else None
                pred.setdefault("shipped before", {})[i] = filled[0] if filled else rule[i]
            fixed = deciding(_fit([stacked[i] for i in tr], [gold[i] for i in tr], args.c, CUE_WEIGHT),
                             args.critique_floor, args.floor)
            pred.setdefault("stacked fixed", {}).update({i: fixed.decide(stacked[i])[0] for i in te})
            setting = choose(oof_table(stacked, gold, files, tr, 3, 100 + 10 * rep + k))
            chosen[setting] += 1
            nested = deciding(_fit([stacked[i] for i in tr], [gold[i] for i in tr], setting[0], CUE_WEIGHT),
                              setting[1], setting[2])
            pred.setdefault("stacked nested", {}).update({i: nested.decide(stacked[i])[0] for i in te})
        for name, labels in pred.items():
            results.setdefault(name, []).append(scores([(gold[i], labels[i]) for i in rows]))
            results.setdefault(name + ", fresh", []).append(scores([(gold[i], labels[i]) for i in rows if i in fresh]))
        print(f"repeat {rep} done", flush=True)
    print(f"\n== grouped CV by paper, {args.folds} folds x {args.repeats} repeats (seeds 19-{18 + args.repeats}); "
          f"'fresh': the {len(fresh)} rows of {', '.join(FRESH)} only")
    header()
    for name in ("rules", "shipped before", "stacked fixed", "stacked nested"):
        show(name, results[name])
    for name in ("rules", "shipped before", "stacked fixed", "stacked nested"):
        show(name + ", fresh", results[name + ", fresh"])
    print("settings chosen by the inner CV (C, critique floor, floor): count of outer folds:",
          dict(chosen.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
