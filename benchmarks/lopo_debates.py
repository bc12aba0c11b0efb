"""Leave-one-paper-out evaluation of debate engagement over every gold paper of
benchmarks/gold/debate_engagement.jsonl (all batches: ``original`` and ``wave5``, all spent), for the
lexicon rule and for the engagement model, by the same procedure; ``--fit`` writes the shipped model.

* **Rule** (:func:`litmap.analyse.debates.engagement.engagements` with ``use_model=False``): the papers
  that pass every test but the density bar are listed once (floor 0, relative threshold 0) with their
  density and the debate's median density; a paper engages at floor f and relative threshold r when
  density >= max(f, r x median).  In each fold (f, r) is chosen on the other papers (best F1 over paper x
  debate pairs, grid f 0.5-2.0 by 0.1, r in 0-1; ties to the setting nearest 1.4/0.25).
* **Model** (:mod:`litmap.analyse.debates.engagement_model`): each paper x debate with any mention gets the
  model's four features; in each fold they are standardised on the other papers, a logistic regression
  (C=1) is fitted on them, and the probability threshold (0.1-0.9 by 0.05) with the best F1 on those papers
  is chosen (gold engagements without any mention count as misses; ties to the threshold nearest 0.5); the
  left-out paper then engages where the model says so, the pair is ``eligible`` (``min_mentions``
  mentions, ``MIN_COUNTED`` counted, one strong) and its density reaches ``relative_threshold`` (the
  default 0.25, not refit) x the debate's median density, as in litmap.

Prints precision/recall overall, per batch (original, wave5) and per debate, for both; ``--by-batch`` adds the
same fitted on one batch and scored on the other (does a decision tuned on urban papers carry to others?).  ``--fit`` fits the
same way on all papers and writes ``litmap/data/engagement_model.json``.

Usage::

    python benchmarks/lopo_debates.py --db STORE [--fit] [--errors] [--by-batch]

STORE: a litmap store holding every gold paper (see benchmarks/eval_debates.py; documents are matched by
file name, clashing names by their flattened path).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sqlite3
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_debates import GOLD, _names

FLOORS = [round(0.5 + 0.1 * i, 2) for i in range(16)]
RELATIVE = [0.0, 0.1, 0.25, 0.5, 0.75, 1.0]
THRESHOLDS = [round(0.1 + 0.05 * i, 2) for i in range(17)]
C = 1.0
MODEL_OUT = Path(__file__).resolve().parents[1] / "litmap" / "data" / "engagement_model.json"


def _counts(pairs: Sequence[dict], pred: Callable[[dict], bool]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for p in pairs:
        got = pred(p)
        tp += got and p["gold"]
        fp += got and not p["gold"]
        fn += p["gold"] and not got
    return tp, fp, fn


def _f1(c: tuple[int, int, int]) -> float:
    return 2 * c[0] / (2 * c[0] + c[1] + c[2]) if c[0] else 0.0


def _pr(tp: int, fp: int, fn: int) -> str:
    return (f"P {tp / (tp + fp) if tp + fp else 1.0:.3f} R {tp / (tp + fn) if tp + fn else 1.0:.3f} "
            f"(tp {tp}, fp {fp}, fn {fn})")


def _rule_pred(g: tuple[float, float]) -> Callable[[dict], bool]:
    return lambda p: p["candidate"] and p["density"] >= max(g[0], g[1] * p["median"])


def fit_model(train: Sequence[dict]) -> Any:
    """Standardise, fit the logistic regression and choose the threshold on ``train`` pairs."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from litmap.analyse.debates.engagement_model import FEATURES, EngagementModel

    rows = [p for p in train if p["x"] is not None]  # fitted on every pair with evidence; judged if eligible
    X = np.array([p["x"] for p in rows])
    y = np.array([p["gold"] for p in rows])
    miss = sum(1 for p in train if p["gold"] and p["x"] is None)
    mean, scale = X.mean(0), X.std(0) + 1e-9
    lr = LogisticRegression(C=C, max_iter=5000).fit((X - mean) / scale, y)
    prob = lr.predict_proba((X - mean) / scale)[:, 1]

    def key(t: float) -> tuple[float, float]:
        g = prob >= t
        tp, fp, fn = int((g & y).sum()), int((g & ~y).sum()), int((~g & y).sum()) + miss
        return (_f1((tp, fp, fn)), -abs(t - 0.5))

    best = max(THRESHOLDS, key=key)
    return EngagementModel(FEATURES, tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                           tuple(float(v) for v in lr.coef_[0]), float(lr.intercept_[0]), best)


def _model_pred(model: Any) -> Callable[[dict], bool]:
    return lambda p: p["eligible"] and model.engages(tuple(p["x"]))


def load_pairs(db: str) -> tuple[list[dict], list[str]]:
    """One dict per gold paper x debate: gold, batch, the rule's candidate density and median, the model's
    features (None without any mention) and whether the model judges it (``eligible``)."""
    from litmap.analyse.concepts import load_lexicon
    from litmap.analyse.debates import engagement
    from litmap.analyse.debates.data import load_debate_inputs, text_memos
    from litmap.analyse.debates.engagement_model import MODEL_MIN_WORDS, eligible, feature_vector
    from litmap.analyse.debates.records import DebateSettings

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = _names(rows)
    lexicon = load_lexicon()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    inputs = load_debate_inputs(conn, lexicon, memos=text_memos(conn, lexicon))
    by_name = {os.path.basename(path): pid for pid, path in
               conn.execute("SELECT id, path FROM documents WHERE removed_at IS NULL")}
    settings = DebateSettings()
    debates = sorted(lexicon.debates)
    saved = engagement.DEBATE_MIN_DENSITY
    engagement.DEBATE_MIN_DENSITY = 0.0
    found: dict[tuple[str, int], tuple[float, float]] = {}
    feats: dict[tuple[str, int], tuple[float, ...]] = {}
    judged: set[tuple[str, int]] = set()
    try:
        for d in debates:
            members = frozenset(c.id for c in lexicon.in_debate(d))
            score: dict[int, float] = {}
            for (pid, _), ev in engagement.paragraph_evidence(inputs, lexicon, d, members).items():
                score[pid] = score.get(pid, 0.0) + ev.score
            per_k = [1000.0 * s / inputs.words[p] for p, s in score.items() if s > 0 and inputs.words.get(p)]
            median = statistics.median(per_k) if per_k else 0.0
            for e in engagement.engagements(inputs, lexicon, d, members, DebateSettings(relative_threshold=0.0),
                                            use_model=False):
                found[(d, e.paper_id)] = (e.density, median)
            for pid, pe in engagement.debate_evidence(inputs, lexicon, d, members).items():
                if pe.words:
                    feats[(d, pid)] = feature_vector(pe)
                    # judged by the model: eligible and above the corpus bar (relative_threshold x median density)
                    if (eligible(pe, settings.min_mentions)
                            and 1000.0 * score.get(pid, 0.0) / pe.words >= settings.relative_threshold * median):
                        judged.add((d, pid))
    finally:
        engagement.DEBATE_MIN_DENSITY = saved
    pairs: list[dict] = []
    for r in rows:
        paper = by_name.get(names[r["file"]])
        if paper is None:
            continue
        for d in debates:
            dens, med = found.get((d, paper), (0.0, 0.0))
            pairs.append({"file": r["file"], "batch": r.get("batch", "original"), "debate": d,
                          "gold": d in r["engages"], "candidate": (d, paper) in found, "density": dens,
                          "median": med, "x": feats.get((d, paper)), "eligible": (d, paper) in judged,
                          "short": inputs.words.get(paper, 0) < MODEL_MIN_WORDS})
    return pairs, debates


def lopo(pairs: list[dict], group: str = "file") -> tuple[dict[str, list[bool]], dict[str, dict[Any, int]]]:
    """Leave-one-group-out predictions (in ``pairs`` order) of the rule and the model, and the settings chosen;
    ``group`` is ``file`` (leave one paper out) or ``batch`` (fit on one batch, score the other)."""
    grid = list(itertools.product(FLOORS, RELATIVE))
    pred: dict[str, list[bool]] = {"rule": [False] * len(pairs), "model": [False] * len(pairs)}
    chosen: dict[str, dict[Any, int]] = {"rule": defaultdict(int), "model": defaultdict(int)}
    by_file: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        by_file[p[group]].append(i)
    for name, idx in sorted(by_file.items()):
        train = [p for p in pairs if p[group] != name]
        g = max(grid, key=lambda g: (_f1(_counts(train, _rule_pred(g))), -abs(g[0] - 1.4) - abs(g[1] - 0.25)))
        chosen["rule"][g] += 1
        m = fit_model(train)
        chosen["model"][m.threshold] += 1
        for i in idx:
            pred["rule"][i] = _rule_pred(g)(pairs[i])
            # papers shorter than the model's range are judged by the rule, as engagements() does
            pred["model"][i] = (_rule_pred(g) if pairs[i]["short"] else _model_pred(m))(pairs[i])
    return pred, chosen


def report(pairs: list[dict], pred: list[bool], debates: Sequence[str], errors: bool) -> None:
    for batch in ("all", "original", "wave5"):
        sel = [(p, g) for p, g in zip(pairs, pred) if batch == "all" or p["batch"] == batch]
        tp = sum(1 for p, g in sel if g and p["gold"])
        fp = sum(1 for p, g in sel if g and not p["gold"])
        fn = sum(1 for p, g in sel if not g and p["gold"])
        print(f"  {batch:9s} {len({p['file'] for p, _ in sel}):3d} papers: {_pr(tp, fp, fn)}")
    for d in debates:
        sel = [(p, g) for p, g in zip(pairs, pred) if p["debate"] == d]
        tp = sum(1 for p, g in sel if g and p["gold"])
        fp = sum(1 for p, g in sel if g and not p["gold"])
        fn = sum(1 for p, g in sel if not g and p["gold"])
        if tp + fp + fn:
            print(f"    {d:26s} {_pr(tp, fp, fn)}")
    if errors:
        for p, g in zip(pairs, pred):
            if g != p["gold"]:
                print(f"    {'FP' if g else 'FN'} {p['debate']:26s} {p['batch']:8s} {p['file']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--fit", action="store_true", help="fit on all gold papers and write " + str(MODEL_OUT))
    ap.add_argument("--errors", action="store_true", help="list every wrong leave-one-paper-out judgement")
    ap.add_argument("--by-batch", action="store_true",
                    help="also leave one batch out: fit on the original papers, score wave5, and the reverse")
    args = ap.parse_args(argv)
    pairs, debates = load_pairs(args.db)
    files = {p["file"] for p in pairs}
    print(f"{len(files)} gold papers in the store, {len(pairs)} paper x debate pairs, "
          f"{sum(p['gold'] for p in pairs)} engaged")
    pred, chosen = lopo(pairs)
    for name in ("rule", "model"):
        print(f"leave-one-paper-out, {name} (settings chosen per fold: {dict(sorted(chosen[name].items()))}):")
        report(pairs, pred[name], debates, args.errors)
    if args.by_batch:
        pred, chosen = lopo(pairs, "batch")
        for name in ("rule", "model"):
            print(f"leave-one-batch-out, {name} (settings chosen per fold: {dict(sorted(chosen[name].items()))}):")
            report(pairs, pred[name], debates, False)
    if args.fit:
        model = fit_model(pairs)
        digest = hashlib.sha1(GOLD.read_bytes()).hexdigest()
        model = type(model)(**{**model.__dict__, "trained_on": (
            f"all {len(files)} papers x {len(debates)} debates of benchmarks/gold/debate_engagement.jsonl "
            f"(sha1 {digest}), logistic regression C={C}, threshold by F1; benchmarks/lopo_debates.py --fit")})
        MODEL_OUT.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_OUT}: coef {model.to_json()['coef']}, intercept {model.intercept:.3f}, "
              f"threshold {model.threshold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
