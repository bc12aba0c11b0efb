"""Does a small trained classifier of citation function beat litmap's rules?  And the shipped model's fit.

Reads benchmarks/gold/citation_function.jsonl (sentences re-read from the
shared data folder, as eval_citation_function.py does), only the **spent**
batches (``original``, ``wave4`` and ``wave5``, whose held-out rows have been
scored; with ``--wave6-tune`` also the tune rows of ``wave6``, never its held-out
rows; any other batch is never loaded), both
halves by default (``--split tune`` keeps the older tune-only behaviour), and
compares by repeated stratified cross-validation (5 folds x 4 repeats, seeded;
folds by sentence: ``benchmarks/cv_citation_function.py`` has folds by paper,
the figure to choose designs by):

* the rules alone (litmap.analyse.debates.citefunction; they were written on
  these rows, so their figure is optimistic);
* a multinomial logistic regression (class weights balanced) over binary
  features of the citation in its sentence: words and word pairs of the
  sentence and of the citation's clause with the citation replaced by CITE
  (other citations by OCITE), the words just before and after it, narrative
  citation, citation first/last, first person, negation, several clauses, and
  the rules' verdict (label, whether a cue fired; these count 1, the text
  features share unit length), features seen in >= 2 training sentences;
* the rules with the model deciding where they are silent (a non-background
  model label from probability p replaces their background);
* the rules with the model as a veto (a rule label the model gives less than
  p becomes background).

for each inverse regularisation C of ``--grid`` (``--text-only`` leaves the
rules' verdict out of the features).  Figures of 2026-12-06 (issue 19) are in
docs/citation-function.md: the rules with the text-only model filling in
``uses``/``supports`` where they say background (C=10, p >= 0.6) gained
+0.012 macro-F1 in CV and shipped (fit on the 243 original tune rows); after
the wave-4 labels and the aimed-critique rules it gained +0.022 in CV on all
461 tune rows and was refit on them; on 2026-12-07 it was refit on all 768
spent rows (the setting chosen by grouped CV, see docs/citation-function.md); late on 2026-12-07 the
written model gained role features and a cue weight and fills uses or supports (C=1, cue weight 0.4,
uses from p >= 0.6, supports from p >= 0.7: ``--c``, ``--cue-weight``, ``--min-probability``,
``--supports-min-probability``, ``--fill``), chosen by benchmarks/xsplit_citation_function.py (leave one batch /
field / paper group out), fit on all 973 spent rows and the 129 tune rows of wave6 (``--wave6-tune``).

Which rows train: every gold row of the spent batches named by ``--batch``
(default ``all``: the original labels, rows without ``batch``, and the wave-4
rows) and of ``--split`` (default ``all``), sentences re-read from the shared
data folder; rows that cannot be re-read are left out and counted.
``--write`` fits the text-only model on exactly those rows into
litmap/data/citation_function_model.json and records in it the row counts per
batch and label and the SHA-1 of the sorted ``file:offset:label`` keys, so a
rerun on the same gold and data writes the same file byte for byte (the fit is
deterministic: lbfgs, no sampling).

Usage::

    python benchmarks/train_citation_function.py [--data ../shared/data] [--batch all|original|wave4] [--split all|tune] [--grid 0.3,1,10] [--thresholds 0.4,0.6] [--text-only] [--write]
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
from litmap.analyse.debates.citemodel import MODEL_FILE, CitationModel, feature_values  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "litmap" / "data" / MODEL_FILE
MIN_DF = 2
# The gold batches whose held-out halves have been scored: every row of them may be read and trained on.  Any
# other batch (wave5, labelled blind for one final score) is never loaded by these scripts.
SPENT_BATCHES = SPENT

def _featurise(items: list[dict], text_only: bool = False) -> list[tuple[frozenset[str], str]]:
    out = []
    for it in items:
        rule = classify_citation(it["sentence"], tuple(it["cite"]), model=False)
        feats = model_features(it["sentence"], tuple(it["cite"]))
        if not text_only:
            feats |= {f"rule={rule.label}", f"rulecue={rule.label}" if rule.cue else "rulecue=none"}
        out.append((feats, rule.label))
    return out


def _fit(feats: Sequence[frozenset[str]], labels: Sequence[str], c: float,
         cue_weight: Optional[float] = None) -> CitationModel:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF or f.startswith("rule"))
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        for f, value in feature_values(sorted(f for f in fs if f in index), cue_weight).items():
            rows.append(r)
            cols.append(index[f])
            vals.append(value)
    x = csr_matrix((vals, (rows, cols)), shape=(len(feats), len(vocab)))
    y = np.array([LABELS.index(lab) for lab in labels])
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="lbfgs")
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
                    help=f"fit the text-only model on the whole tune half and write litmap/data/{MODEL_FILE}")
    ap.add_argument("--batch", choices=["all", *SPENT_BATCHES], default="all",
                    help="train/cross-validate on the rows of this batch ('original': rows without a batch; 'all': the "
                         "spent batches, original, wave4 and wave5; of wave6 only its tune rows, with --wave6-tune)")
    ap.add_argument("--split", choices=["all", "tune"], default="all",
                    help="which rows of those batches: 'all' (both halves: they are spent) or 'tune'")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--min-probability", type=float, default=0.6)
    ap.add_argument("--supports-min-probability", type=float, default=0.7,
                    help="the written model's floor for a supports fill (uses: --min-probability)")
    ap.add_argument("--cue-weight", type=float, default=0.4,
                    help="value of each cue/role feature (x:, r:) in the written model (negative: share the words' length)")
    ap.add_argument("--fill", default="uses,supports", help="the labels the written model may put where the rules say background")
    ap.add_argument("--wave6-tune", action="store_true",
                    help="also train on the tune rows of wave6 (its held-out rows are never read)")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    batches = set(SPENT_BATCHES) if args.batch == "all" else {args.batch}
    items, skipped = load_items(args.data, batches | (set(TUNE_ONLY) if args.wave6_tune else set()), TUNE_ONLY)
    tune = [it for it in items if args.split == "all" or it["split"] == "tune"]
    mix = {b: dict(sorted(Counter(it["label"] for it in tune if it.get("batch", "original") == b).items()))
           for b in sorted({it.get("batch", "original") for it in tune})}
    keys = hashlib.sha1("\n".join(sorted(f"{it['file']}:{it['offset']}:{it['label']}" for it in tune))
                        .encode("utf-8")).hexdigest()
    print(f"split {args.split}, batch {args.batch}: {len(tune)} sentences ({skipped} gold rows not re-read), {mix}, "
          f"rows sha1 {keys[:12]}")
    data = _featurise(tune, args.text_only or args.write)
    gold = [it["label"] for it in tune]
    if args.write:
        cue_weight = args.cue_weight if args.cue_weight >= 0 else None
        model = _fit([fs for fs, _ in data], gold, args.c, cue_weight)
        model = CitationModel(model.labels, model.intercept, model.weights, args.min_probability,
                              f"split {args.split} of benchmarks/gold/citation_function.jsonl, batch {args.batch}"
                              f"{' + wave6 tune rows' if args.wave6_tune else ''}: "
                              f"{len(tune)} sentences {json.dumps(mix, sort_keys=True)}, rows sha1 {keys}; "
                              f"text, cue and role features, C={args.c}, cue weight {cue_weight}, min_df={MIN_DF}, "
                              f"balanced class weights", cue_weight, tuple(args.fill.split(",")),
                              {"supports": args.supports_min_probability})
        OUT.write_text(json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({len(model.weights)} features, {OUT.stat().st_size} bytes)")
        return 0
    cross_validate(data, gold, [float(v) for v in args.grid.split(",")],
                   [float(v) for v in args.thresholds.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
