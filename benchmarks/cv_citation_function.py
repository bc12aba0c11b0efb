"""Grouped cross-validation of citation-function designs over every spent gold row, folds by paper.

Reads benchmarks/gold/citation_function.jsonl, only the batches named (default: the spent ones, ``original``,
``wave4`` and ``wave5``, both splits; a batch kept blind is refused and never loaded), and compares designs by
K-fold cross-validation whose folds are **papers** (the ``file`` of a row), never sentences: a paper's
sentences are all in one fold, so a model is never scored on a paper it was trained on.  Folds are drawn
by hashing each paper with the repeat's seed, ``--repeats`` times.

Designs:

* ``rules``: :func:`classify_citation` with ``model=False``.  The rules were written while reading the
  tune halves (and, in the round of 2026-12-07, every spent row), so their figure is in-sample: a bound,
  not an estimate.  ``rules, once-held-out rows`` gives the rules on the rows that were held out when
  they were written (meaningful only for the code those rows were held out from);
* ``rules+fill C p``: the shipped design, the text model (:mod:`litmap.analyse.debates.citemodel`) filling
  ``uses``/``supports`` where the rules say background, from probability p;
* ``... +veto v``: the same, and a rule ``critiques`` the model (text features plus the rules' verdict)
  gives a critique probability below v becomes background (a precision guard);
* ``rules+fill uses only``: the model may fill ``uses`` only (``--uses-only``);
* ``... +crit p>=q``: the same, and the text model also adds ``critiques`` where the rules say background
  from probability q (``--critique-fill``);
* ``model+rules C``: the model with the rules' verdict as features deciding every label.

Per class P/R/F1 and macro-F1 are pooled over the held-out papers of each repeat, then averaged over
repeats (macro-F1 per repeat printed too).

Usage::

    python benchmarks/cv_citation_function.py [--data ../shared/data] [--batch all|original|wave4]
        [--folds 5] [--repeats 4] [--grid 3,10,30] [--thresholds 0.5,0.6] [--vetoes 0.1,0.2,0.3]
        [--critique-fill 0.7,0.8]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_citation_function import DEFAULT_DATA, load_items  # noqa: E402
from train_citation_function import SPENT_BATCHES, _featurise, _fit, combine, scores  # noqa: E402

from litmap.analyse.debates.citefunction import LABELS  # noqa: E402


def paper_folds(files: Sequence[str], folds: int, seed: int) -> list[int]:
    """The fold of each row: its paper's SHA-1 with the seed, ranked and dealt round-robin so folds hold
    near-equal numbers of papers."""
    papers = sorted(set(files), key=lambda f: hashlib.sha1(f"{seed}:{f}".encode("utf-8")).hexdigest())
    fold_of = {f: i % folds for i, f in enumerate(papers)}
    return [fold_of[f] for f in files]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--batch", choices=["all", *SPENT_BATCHES], default="all",
                    help="the spent batches to read ('all': original and wave4; no other batch is ever read)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=4)
    ap.add_argument("--grid", default="10")
    ap.add_argument("--thresholds", default="0.6")
    ap.add_argument("--vetoes", default="0.1,0.2,0.3",
                    help="critique vetoes of the model with the rules' verdict ('' for none: skips that model)")
    ap.add_argument("--without-cue-features", action="store_true",
                    help="also run the fill designs without the engineered cue-family features (x:...)")
    ap.add_argument("--uses-only", action="store_true", help="also run the fill design filling only uses")
    ap.add_argument("--critique-fill", default="",
                    help="probabilities from which the text model may also add a critique where the rules say background")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    batches = set(SPENT_BATCHES) if args.batch == "all" else {args.batch}
    items, skipped = load_items(args.data, batches=batches)
    files = [it["file"] for it in items]
    gold = [it["label"] for it in items]
    print(f"{len(items)} rows of {len(set(files))} papers, batches {sorted(batches)} ({skipped} not re-read)")
    full = _featurise(items, text_only=False)
    text = [(frozenset(f for f in fs if not f.startswith("rule")), r) for fs, r in full]
    # the text features without the engineered cue families ("x:"), to measure what those add
    plain = [(frozenset(f for f in fs if not f.startswith("x:")), r) for fs, r in text]
    sets = {"": text, " -x": plain} if args.without_cue_features else {"": text}
    rule = [r for _, r in text]
    results: dict[str, list[dict[str, float]]] = {"rules (in-sample)": [scores(list(zip(gold, rule)))]}
    once = [i for i, it in enumerate(items) if it["split"] == "heldout"]
    results["rules, once-held-out rows"] = [scores([(gold[i], rule[i]) for i in once])]
    grid = [float(v) for v in args.grid.split(",")]
    thresholds = [float(v) for v in args.thresholds.split(",")]
    vetoes = [float(v) for v in args.vetoes.split(",")] if args.vetoes else []
    critique_fill = [float(v) for v in args.critique_fill.split(",")] if args.critique_fill else []
    for rep in range(args.repeats):
        fold = paper_folds(files, args.folds, 19 + rep)
        per: dict[str, list[tuple[str, str]]] = {}
        for k in range(args.folds):
            tr = [i for i, f in enumerate(fold) if f != k]
            te = [i for i, f in enumerate(fold) if f == k]
            for c, (tag, feats) in ((c, kv) for c in grid for kv in sets.items()):
                tm = _fit([feats[i][0] for i in tr], [gold[i] for i in tr], c)
                fm = _fit([full[i][0] for i in tr], [gold[i] for i in tr], c) if vetoes and not tag else None
                for i in te:
                    if fm is not None:
                        per.setdefault(f"model+rules C={c}", []).append((gold[i], fm.predict(full[i][0])[0]))
                    for t in thresholds:
                        filled = combine(rule[i], tm, feats[i][0], t, ("uses", "supports"))
                        per.setdefault(f"rules+fill{tag} C={c} p>={t}", []).append((gold[i], filled))
                        if tag:
                            continue
                        if args.uses_only:
                            only = combine(rule[i], tm, feats[i][0], t, ("uses",))
                            per.setdefault(f"rules+fill uses only C={c} p>={t}", []).append((gold[i], only))
                        for q in critique_fill:
                            more = filled
                            if filled == "background":
                                lab, prob = tm.predict(feats[i][0])
                                more = "critiques" if lab == "critiques" and prob >= q else filled
                            per.setdefault(f"rules+fill C={c} p>={t} +crit p>={q}", []).append((gold[i], more))
                        for v in vetoes:
                            if fm is None:
                                continue
                            out = filled
                            if filled == "critiques" and fm.probabilities(full[i][0])["critiques"] < v:
                                out = "background"
                            per.setdefault(f"rules+fill C={c} p>={t} +veto {v}", []).append((gold[i], out))
        for key, pairs in per.items():
            results.setdefault(key, []).append(scores(pairs))
    cols = [f"{lab}_{m}" for lab in LABELS for m in ("P", "R")] + ["macroF1"]
    print(f"{'design (grouped CV by paper, mean over repeats)':<44}" + "".join(f"{c[:11]:>12}" for c in cols)
          + "  macroF1 per repeat")
    for key, runs in results.items():
        print(f"{key:<44}" + "".join(f"{sum(r[c] for r in runs) / len(runs):12.3f}" for c in cols)
              + "  " + " ".join(f"{r['macroF1']:.3f}" for r in runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
