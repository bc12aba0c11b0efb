"""Does a small trained classifier of citation function beat litmap's rules?  Measured on the TUNE half only.

Reads benchmarks/gold/citation_function.jsonl (sentences re-read from the
shared data folder, as eval_citation_function.py does), keeps only the rows
with ``split == "tune"`` (the held-out half is never read here), and compares
by repeated stratified cross-validation (5 folds x 4 repeats, seeded):

* the rules alone (litmap.analyse.debates.citefunction; they were written on
  this half, so their figure is optimistic);
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
docs/citation-function.md: no model or combination beat the rules, so litmap
ships the rules alone.

Usage::

    python benchmarks/train_citation_function.py [--data ../shared/data] [--grid 0.3,1,10] [--thresholds 0.4,0.6] [--text-only]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass
from collections import Counter
from pathlib import Path
from typing import Mapping, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_citation_function import DEFAULT_DATA, load_items  # noqa: E402

from litmap.analyse.debates.citefunction import LABELS, classify_citation  # noqa: E402
from litmap.analyse.debates.citefunction import _clauses, find_citation_spans  # noqa: E402
from litmap.analyse.textnorm import normalise  # noqa: E402

MIN_DF = 2

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|CITE|OCITE|[;:]")
_NEG = re.compile(r"\b(?:not|no|never|neither|nor|hardly|without|cannot)\b|n't\b", re.I)
_FIRST = re.compile(r"\b(?:(?i:we|our|us|this (?:paper|article|study|research|chapter)|the present (?:paper|study))|I)\b")


def _to_clean(offs: Sequence[int], original: int) -> int:
    lo, hi = 0, len(offs) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if offs[mid] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _tokens(text: str) -> list[str]:
    return [t if t in ("CITE", "OCITE") else t.lower() for t in _TOKEN.findall(text)]


def citation_features(sentence: str, citation_span: Optional[tuple[int, int]], rule_label: str,
                      rule_cue: Optional[str]) -> frozenset[str]:
    """The binary features of the citation at ``citation_span`` (original offsets) in ``sentence``,
    given the rules' verdict on it."""
    text, offs = normalise(sentence)
    spans = find_citation_spans(text)
    if citation_span is None:
        c0, c1 = spans[0] if spans else (0, 0)
    else:
        c0 = _to_clean(offs, citation_span[0])
        c1 = max(c0 + 1, _to_clean(offs, citation_span[1]))
    clauses = _clauses(text)
    k = next((j for j, (a, b) in enumerate(clauses) if a <= c0 < b), 0)
    a, b = clauses[k] if clauses else (0, len(text))
    narrative = c1 > c0 and text[c1 - 1 : c1] == ")" and text[c0 : c0 + 1].isupper()

    def masked(lo: int, hi: int) -> str:
        parts, pos = [], lo
        others = [(s, e) for s, e in spans if lo <= s < hi and not (s < c1 and c0 < e)]
        marks = sorted(others + ([(c0, c1)] if lo <= c0 < hi else []))
        for s, e in marks:
            if s < pos:
                continue
            parts.append(text[pos:s])
            parts.append(" CITE " if (s, e) == (c0, c1) else " OCITE ")
            pos = min(e, hi)
        parts.append(text[pos:hi])
        return "".join(parts)

    feats: set[str] = {"bias", f"rule={rule_label}", f"rulecue={rule_label}" if rule_cue else "rulecue=none"}
    sent_toks = _tokens(masked(0, len(text)))
    clause_toks = _tokens(masked(a, b))
    feats.update("w:" + t for t in sent_toks)
    feats.update("b:" + x + "_" + y for x, y in zip(sent_toks, sent_toks[1:]))
    feats.update("cw:" + t for t in clause_toks)
    feats.update("cb:" + x + "_" + y for x, y in zip(clause_toks, clause_toks[1:]))
    if "CITE" in sent_toks:
        i = sent_toks.index("CITE")
        feats.update("pre:" + t for t in sent_toks[max(0, i - 4) : i])
        feats.update("post:" + t for t in sent_toks[i + 1 : i + 5])
        if i == 0:
            feats.add("cite_first")
        if i >= len(sent_toks) - 2:
            feats.add("cite_last")
    if narrative:
        feats.add("narrative")
    if _FIRST.search(text):
        feats.add("first_person")
    if _FIRST.search(text[a:b]):
        feats.add("first_person_clause")
    if _NEG.search(text[a:b]):
        feats.add("neg_clause")
    if len(clauses) > 1:
        feats.add("multi_clause")
    return frozenset(feats)


def feature_values(known: Sequence[str]) -> dict[str, float]:
    """Values of the known features of one citation: the rules' verdict counts 1, the text features
    share a unit length (1/sqrt(n) each), so a long sentence does not drown the rules."""
    text = [f for f in known if not f.startswith("rule")]
    norm = math.sqrt(len(text)) or 1.0
    return {f: (1.0 if f.startswith("rule") else 1.0 / norm) for f in known}


@dataclass(frozen=True)
class CitationModel:
    """Weights of the trained model: ``weights[feature]`` holds one weight per label of ``labels``."""

    labels: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def probabilities(self, feats: frozenset[str]) -> dict[str, float]:
        """Class probabilities (softmax) of a feature set; unknown features are ignored."""
        known = sorted(f for f in feats if f in self.weights)
        z = list(self.intercept)
        for f, value in feature_values(known).items():
            for j, w in enumerate(self.weights[f]):
                z[j] += w * value
        top = max(z)
        ex = [math.exp(v - top) for v in z]
        total = sum(ex)
        return {lab: e / total for lab, e in zip(self.labels, ex)}

    def predict(self, feats: frozenset[str]) -> tuple[str, float]:
        probs = self.probabilities(feats)
        label = max(self.labels, key=lambda lab: (probs[lab], -self.labels.index(lab)))
        return label, probs[label]


def _featurise(items: list[dict], text_only: bool = False) -> list[tuple[frozenset[str], str]]:
    out = []
    for it in items:
        rule = classify_citation(it["sentence"], tuple(it["cite"]))
        feats = citation_features(it["sentence"], tuple(it["cite"]), rule.label, rule.cue)
        if text_only:
            feats = frozenset(f for f in feats if not f.startswith("rule"))
        out.append((feats, rule.label))
    return out


def _fit(feats: Sequence[frozenset[str]], labels: Sequence[str], c: float) -> CitationModel:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF or f.startswith("rule"))
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, fs in enumerate(feats):
        for f, value in feature_values(sorted(f for f in fs if f in index)).items():
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
    return CitationModel(tuple(classes), tuple(float(v) for v in lr.intercept_), weights)


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
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    items, skipped = load_items(args.data)
    tune = [it for it in items if it["split"] == "tune"]
    print(f"tune half: {len(tune)} sentences ({skipped} not re-read), {dict(Counter(it['label'] for it in tune))}")
    data = _featurise(tune, args.text_only)
    gold = [it["label"] for it in tune]
    cross_validate(data, gold, [float(v) for v in args.grid.split(",")],
                   [float(v) for v in args.thresholds.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
