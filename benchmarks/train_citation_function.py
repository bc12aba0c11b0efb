"""Train litmap's citation-function model; and the older sentence-fold comparison of rules and text models.

``--write`` (the shipped model, ``--design stacked``): reads every row of the training batches of
benchmarks/gold/citation_function.jsonl, by name (``original``, ``wave4``, ``wave5``, ``wave6``, ``wave7`` (scored
once, then spent) and the training batch ``wave8``: ``eval_citation_function.SPENT``; ``--exclude-batch`` names a
batch never to read), sentences re-read from the shared data folder, and fits a multinomial logistic
regression (balanced class weights, newton-cg, features seen in >= 2 sentences) over the text, cue, role and
direction features of :mod:`litmap.analyse.debates.citemodel` and the rules' verdict (``rule_features``), C = 0.3,
cue weight 0.4.  The file says ``decides: all`` and ``critiques_from: rules``: ``critiques`` are exactly the rules'
critiques (``--critiques-from model`` instead gives them from p >= ``--critique-min-probability``, the design of
d9a603f), ``uses`` and ``supports`` come from p >= 0.5 (``--min-probability``), else ``background``.  C, min_df
and the floor are those of d9a603f; grouped cross-validation by paper (``benchmarks/cv_citation_function.py``)
compares the design with the rules and the design before, and shows that choosing them again by a nested inner CV
(``--select`` grid) does not help.
The file records the row counts per batch and label and the SHA-1 of the sorted ``file:offset:label`` keys;
the fit is deterministic, so a rerun on the same gold and data writes the same file byte for byte.
``--design fill`` writes the design shipped before (a text model without direction features filling
``uses``/``supports`` where the rules say background, C = 1, uses p >= 0.6, supports p >= 0.7).

Without ``--write``: repeated stratified cross-validation **by sentence** (5 folds x 4 repeats, seed 19) of the
rules against text models (``--grid``, ``--thresholds``, ``--text-only``), the comparison of the 2026-12-06
rounds (docs/citation-function.md); folds by sentence flatter models, so designs are chosen by
``cv_citation_function.py`` (folds by paper).

Usage::

    python benchmarks/train_citation_function.py [--data ../shared/data] --write [--design stacked|fill]
        [--critiques-from rules|model] [--c 0.3] [--min-df 5]
    python benchmarks/train_citation_function.py [--batch all|original|wave4|wave5|wave6] [--split all|tune]
        [--grid 0.3,1,10] [--thresholds 0.4,0.6] [--text-only]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_citation_function import DEFAULT_DATA, SPENT, TUNE_ONLY, load_items  # noqa: E402

from litmap.analyse.debates.citefunction import LABELS, classify_citation, model_features  # noqa: E402
from litmap.analyse.debates.citemodel import MODEL_FILE, CitationModel, feature_values, rule_features  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "litmap" / "data" / MODEL_FILE
MIN_DF = 5  # 2 until 2026-12-07: with wave9 in, min_df 5 was level or better in grouped CV and the weights 1.4 MB -> 392 KB
# The gold batches that have been scored: every row of them may be read and trained on.  Any other batch (a
# future blind one) is never loaded by these scripts.  wave10 (scored once, 2026-12-07) is spent but not trained
# on: refit with it, the model reads "This view has been criticised by Slater (2006)" (the cited work as the critic,
# background by the scheme) as supports, breaking tests/test_citefunction.py, for no gain anyone could measure.
SPENT_BATCHES = tuple(b for b in SPENT if b != "wave10")

def _featurise(items: list[dict], text_only: bool = False) -> list[tuple[frozenset[str], str]]:
    out = []
    for it in items:
        rule = classify_citation(it["sentence"], tuple(it["cite"]), model=False)
        feats = model_features(it["sentence"], tuple(it["cite"]))
        if not text_only:
            feats |= {f"rule={rule.label}", f"rulecue={rule.label}" if rule.cue else "rulecue=none"}
        out.append((feats, rule.label))
    return out


def stacked_features(items: list[dict]) -> tuple[list[frozenset[str]], list[str]]:
    """The features of the model that decides every label (text, cue, role and direction features with the
    rules' verdict, :func:`citemodel.rule_features`) and the rules' labels, per gold row."""
    feats, rules = [], []
    for it in items:
        rule = classify_citation(it["sentence"], tuple(it["cite"]), model=False)
        feats.append(model_features(it["sentence"], tuple(it["cite"])) | rule_features(rule.label, rule.cue is not None))
        rules.append(rule.label)
    return feats, rules


def _fit(feats: Sequence[frozenset[str]], labels: Sequence[str], c: float,
         cue_weight: Optional[float] = None, min_df: int = MIN_DF) -> CitationModel:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in df.items() if n >= min_df or f.startswith("rule"))
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        for f, value in feature_values(sorted(f for f in fs if f in index), cue_weight).items():
            rows.append(r)
            cols.append(index[f])
            vals.append(value)
    x = csr_matrix((vals, (rows, cols)), shape=(len(feats), len(vocab)))
    y = np.array([LABELS.index(lab) for lab in labels])
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="newton-cg")
    lr.fit(x, y)
    classes = [LABELS[k] for k in lr.classes_]
    coef = lr.coef_
    weights = {f: tuple(float(coef[j, index[f]]) for j in range(len(classes))) for f in vocab
               if any(abs(coef[j, index[f]]) > 1e-6 for j in range(len(classes)))}
    return CitationModel(tuple(classes), tuple(float(v) for v in lr.intercept_), weights, cue_weight=cue_weight)


def combine(rule_label: str, model: CitationModel, feats: frozenset[str], min_probability: float,
            labels: Sequence[str] = ("uses", "supports", "critiques")) -> str:
    """The rules decide; where they say background, a confident model label of ``labels`` wins."""
    if rule_label != "background":
        return rule_label
    label, p = model.predict(feats)
    return label if label in labels and p >= min_probability else "background"


def veto(rule_label: str, model: CitationModel, feats: frozenset[str], max_probability: float) -> str:
    """The rules decide; a label of theirs the model gives less than ``max_probability`` becomes background."""
    if rule_label == "background":
        return rule_label
    return rule_label if model.probabilities(feats)[rule_label] >= max_probability else "background"


def scores(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    conf = Counter(pairs)
    out: dict[str, float] = {}
    f1s = []
    for lab in LABELS:
        tp = conf[(lab, lab)]
        pp = sum(v for (g, p), v in conf.items() if p == lab)
        gp = sum(v for (g, p), v in conf.items() if g == lab)
        prec = tp / pp if pp else 0.0
        rec = tp / gp if gp else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f"{lab}_P"], out[f"{lab}_R"], out[f"{lab}_F1"] = prec, rec, f1
        if gp:
            f1s.append(f1)
    out["macroF1"] = sum(f1s) / len(f1s)
    return out


def cross_validate(data: list[tuple[frozenset[str], str]], gold: list[str], grid: Sequence[float],
                   thresholds: Sequence[float], folds: int = 5, repeats: int = 4) -> None:
    from sklearn.model_selection import RepeatedStratifiedKFold

    cv = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=19)
    rules = [(g, r) for (_, r), g in zip(data, gold)]
    results: dict[str, list[dict[str, float]]] = {"rules (fit to tune: optimistic)": [scores(rules)]}
    splits = list(cv.split(list(range(len(gold))), gold))
    for c in grid:
        per_repeat: dict[str, list[tuple[str, str]]] = {}
        for fold_no, (tr, te) in enumerate(splits):
            rep = fold_no // folds
            model = _fit([data[i][0] for i in tr], [gold[i] for i in tr], c)
            for i in te:
                fs, rule = data[i]
                per_repeat.setdefault(f"model C={c} r{rep}", []).append((gold[i], model.predict(fs)[0]))
                for t in thresholds:
                    per_repeat.setdefault(f"rules+model C={c} p>={t} r{rep}", []).append(
                        (gold[i], combine(rule, model, fs, t)))
                    per_repeat.setdefault(f"rules+model u/s only C={c} p>={t} r{rep}", []).append(
                        (gold[i], combine(rule, model, fs, t, ("uses", "supports"))))
                for v in (0.1, 0.2, 0.3):
                    per_repeat.setdefault(f"rules, model veto C={c} p<{v} r{rep}", []).append(
                        (gold[i], veto(rule, model, fs, v)))
        for key, pairs in per_repeat.items():
            results.setdefault(key.rsplit(" r", 1)[0], []).append(scores(pairs))
    cols = ["macroF1", "critiques_P", "critiques_R", "supports_F1", "uses_F1", "background_F1"]
    print(f"{'method (tune half, CV mean over repeats)':<46}" + "".join(f"{c:>14}" for c in cols)
          + "  macroF1 per repeat")
    for key, runs in results.items():
        print(f"{key:<46}" + "".join(f"{sum(r[c] for r in runs) / len(runs):14.3f}" for c in cols)
              + "  " + " ".join(f"{r['macroF1']:.3f}" for r in runs))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--grid", default="0.3,1,3,10", help="values of the inverse regularisation C to compare")
    ap.add_argument("--thresholds", default="0.4,0.5,0.6,0.7")
    ap.add_argument("--text-only", action="store_true", help="leave the rules' verdict out of the model's features")
    ap.add_argument("--write", action="store_true",
                    help=f"fit the model (--design) on the rows read and write litmap/data/{MODEL_FILE}")
    ap.add_argument("--design", choices=["stacked", "fill"], default="stacked",
                    help="'stacked' (shipped): the model decides every label from text, cue, role and direction "
                         "features and the rules' verdict; 'fill': the design shipped before, a text model that fills "
                         "uses/supports where the rules say background")
    ap.add_argument("--batch", choices=["all", *SPENT_BATCHES], default="all",
                    help="train/cross-validate on the rows of this batch ('original': rows without a batch; 'all': the "
                         "training batches, original, wave4, wave5, wave6, wave7 and wave8)")
    ap.add_argument("--exclude-batch", default="", help="a batch never to read")
    ap.add_argument("--split", choices=["all", "tune"], default="all",
                    help="which rows of those batches: 'all' (both halves: they are spent) or 'tune'")
    ap.add_argument("--c", type=float, default=None, help="C of the written model (stacked 0.3, fill 1)")
    ap.add_argument("--critique-min-probability", type=float, default=0.7,
                    help="stacked with --critiques-from model: the critique floor (critiques from this probability)")
    ap.add_argument("--critiques-from", choices=["rules", "model"], default="rules",
                    help="stacked: 'rules' (shipped): critiques are exactly the rules' critiques, the model decides the "
                         "other labels; 'model': critiques from the critique floor (the design of d9a603f)")
    ap.add_argument("--min-df", type=int, default=None,
                    help=f"features seen in at least this many sentences (default {MIN_DF})")
    ap.add_argument("--min-probability", type=float, default=None,
                    help="the floor of uses (and, stacked, supports): stacked 0.5, fill 0.6")
    ap.add_argument("--supports-min-probability", type=float, default=0.7,
                    help="fill: the written model's floor for a supports fill (uses: --min-probability)")
    ap.add_argument("--cue-weight", type=float, default=0.4,
                    help="value of each cue/role/direction feature (x:, r:, d:) in the written model (negative: share "
                         "the words' length)")
    ap.add_argument("--fill", default="uses,supports", help="fill: the labels the model may put where the rules say background")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    batches = (set(SPENT_BATCHES) if args.batch == "all" else {args.batch}) - {args.exclude_batch}
    items, skipped = load_items(args.data, batches, TUNE_ONLY)
    assert all(it.get("batch", "original") in batches for it in items)
    tune = [it for it in items if args.split == "all" or it["split"] == "tune"]
    mix = {b: dict(sorted(Counter(it["label"] for it in tune if it.get("batch", "original") == b).items()))
           for b in sorted({it.get("batch", "original") for it in tune})}
    keys = hashlib.sha1("\n".join(sorted(f"{it['file']}:{it['offset']}:{it['label']}" for it in tune))
                        .encode("utf-8")).hexdigest()
    print(f"split {args.split}, batch {args.batch}: {len(tune)} sentences ({skipped} gold rows not re-read), {mix}, "
          f"rows sha1 {keys[:12]}")
    gold = [it["label"] for it in tune]
    source = (f"split {args.split} of benchmarks/gold/citation_function.jsonl, batches {sorted(batches)}: "
              f"{len(tune)} sentences {json.dumps(mix, sort_keys=True)}, rows sha1 {keys}")
    cue_weight = args.cue_weight if args.cue_weight >= 0 else None
    if args.write and args.design == "stacked":
        c = 0.3 if args.c is None else args.c
        min_df = MIN_DF if args.min_df is None else args.min_df
        floor = 0.5 if args.min_probability is None else args.min_probability
        feats, _ = stacked_features(tune)
        model = _fit(feats, gold, c, cue_weight, min_df)
        floors = {"supports": floor, "uses": floor}
        if args.critiques_from == "model":
            floors["critiques"] = args.critique_min_probability
        model = CitationModel(model.labels, model.intercept, model.weights, floor,
                              f"{source}; text, cue, role and direction features and the rules' verdict, C={c}, cue "
                              f"weight {cue_weight}, min_df={min_df}, balanced class weights, newton-cg; critiques "
                              f"from the {args.critiques_from}", cue_weight, (), floors, "all", args.critiques_from)
    elif args.write:
        c = 1.0 if args.c is None else args.c
        min_df = MIN_DF if args.min_df is None else args.min_df
        data = _featurise(tune, True)
        model = _fit([frozenset(f for f in fs if not f.startswith("d:")) for fs, _ in data], gold, c, cue_weight,
                     min_df)
        model = CitationModel(model.labels, model.intercept, model.weights,
                              0.6 if args.min_probability is None else args.min_probability,
                              f"{source}; text, cue and role features, C={c}, cue weight {cue_weight}, min_df={min_df}, "
                              f"balanced class weights", cue_weight, tuple(args.fill.split(",")),
                              {"supports": args.supports_min_probability})
    if args.write:
        OUT.write_text(json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({len(model.weights)} features, {OUT.stat().st_size} bytes)")
        return 0
    data = _featurise(tune, args.text_only)
    cross_validate(data, gold, [float(v) for v in args.grid.split(",")],
                   [float(v) for v in args.thresholds.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
