"""Citation function across batches and fields: does a design generalise to text it was not written on?

Reads every spent row of benchmarks/gold/citation_function.jsonl (batches ``original``, ``wave4``, ``wave5`` and,
since its held-out half was scored, ``wave6``: ``eval_citation_function.SPENT``; no other batch is read).
``--wave6-tune`` is kept for the command lines of the docs and now changes nothing.  The model that decides every
label (shipped from late 2026-12-07) is compared by ``benchmarks/cv_citation_function.py``.  Three splits, each training on the rest:

* ``batch``: leave one labelling batch out (original / wave4 / wave5 / wave6-tune), the shape of a fresh blind batch;
* ``field``: leave one field out: ``urban`` (seeds, gentrification texts, urban-studies PDFs), ``GIS``
  (geography PDFs, JOSS), ``social`` (EXCITE), ``other``;
* ``paper``: 5-fold grouped CV by paper (``--repeats`` seeds).

Per class P/R/F1 are pooled over the held-out rows of all folds of a split (and macro-F1 per held-out group
printed).  Designs (the text models are refit on each fold's training rows):

* ``rules``: :func:`classify_citation` with ``model=False`` (written on original and wave4: in-sample there, so
  the pooled figures flatter every design equally; wave5 and wave6 are out-of-sample for them);
* ``rules+fill uses (before)``: the design shipped until 2026-12-07 late: a text model without the role features
  (``r:``) fills ``uses`` where the rules say background, C=3, p>=0.6;
* ``rules+fill u.6/s.7 +r k.4 C1 (new)``: the shipped design: the text model with role features, cue and role
  features counting 0.4 each (``cue_weight``), C=1, fills ``uses`` from p>=0.6 or ``supports`` from p>=0.7;
* with ``--more``: the same filling both from p>=0.7 (chosen before wave6's tune rows came: it lost on them),
  the role features at the old weighting, p>=0.6, and the text model deciding every label with
  the rules' critiques standing (it lost: macro-F1 0.64-0.66 pooled, see docs/citation-function.md).

Usage::

    python benchmarks/xsplit_citation_function.py [--data ../shared/data] [--splits batch,field,paper]
        [--repeats 2] [--wave6-tune] [--more]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Callable, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cv_citation_function import paper_folds  # noqa: E402
from eval_citation_function import DEFAULT_DATA, SPENT, TUNE_ONLY, load_items  # noqa: E402
from train_citation_function import _featurise, _fit, scores  # noqa: E402

from litmap.analyse.debates.citefunction import LABELS  # noqa: E402
from litmap.analyse.debates.citemodel import CitationModel  # noqa: E402


def field_of(path: str) -> str:
    """The field of a gold row's file: urban, GIS, social or other."""
    if path.startswith(("seeds/", "texts/gentrification", "pdfs/urban_studies")):
        return "urban"
    if path.startswith(("pdfs/geography", "joss", "pdfs/joss")):
        return "GIS"
    if path.startswith("excite/"):
        return "social"
    return "other"


def load(data: Path, wave6_tune: bool) -> tuple[list[dict], int]:
    batches = set(SPENT) | (set(TUNE_ONLY) if wave6_tune else set())
    return load_items(data, batches, tune_only=TUNE_ONLY)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--splits", default="batch,field,paper")
    ap.add_argument("--wave6-tune", action="store_true", help="also read wave6's tune rows (never its held-out rows)")
    ap.add_argument("--more", action="store_true", help="also the designs that lost (see the docstring)")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    items, skipped = load(args.data, args.wave6_tune)
    gold = [it["label"] for it in items]
    files = [it["file"] for it in items]
    groups = {"batch": [it.get("batch", "original") for it in items], "field": [field_of(f) for f in files]}
    print(f"{len(items)} rows of {len(set(files))} papers ({skipped} not re-read); "
          f"batches {dict(Counter(groups['batch']))}; fields {dict(Counter(groups['field']))}; {dict(Counter(gold))}")
    full = _featurise(items, text_only=False)
    rule = [r for _, r in full]
    # the designs here predate the direction features (d:, the stacked model of cv_citation_function.py): left out
    text = [frozenset(f for f in fs if not f.startswith(("rule", "d:"))) for fs, _ in full]
    old = [frozenset(f for f in fs if not f.startswith("r:")) for fs in text]
    designs: dict[str, Callable[[list[int], list[int]], list[str]]] = {}
    designs["rules"] = lambda tr, te: [rule[i] for i in te]

    def fill(feats: Sequence[frozenset[str]], c: float, cue_weight: Optional[float], p: float,
             labels: tuple[str, ...], floors: Optional[dict[str, float]] = None
             ) -> Callable[[list[int], list[int]], list[str]]:
        def run(tr: list[int], te: list[int]) -> list[str]:
            m = _fit([feats[i] for i in tr], [gold[i] for i in tr], c, cue_weight)
            m = CitationModel(m.labels, m.intercept, m.weights, p, "", cue_weight, labels, floors or {})
            out = []
            for i in te:
                filled = m.fill(feats[i]) if rule[i] == "background" else None
                out.append(filled[0] if filled else rule[i])
            return out
        return run

    def decide_all(c: float, cue_weight: Optional[float]) -> Callable[[list[int], list[int]], list[str]]:
        def run(tr: list[int], te: list[int]) -> list[str]:
            m = _fit([text[i] for i in tr], [gold[i] for i in tr], c, cue_weight)
            out = []
            for i in te:
                probs = m.probabilities(text[i])
                ranked = sorted((lab for lab in m.labels if lab != "critiques"), key=lambda lab: -probs[lab])
                out.append("critiques" if rule[i] == "critiques" else ranked[0])
            return out
        return run

    designs["rules+fill uses (before)"] = fill(old, 3.0, None, 0.6, ("uses",))
    designs["rules+fill u.6/s.7 +r k.4 C1 (new)"] = fill(text, 1.0, 0.4, 0.6, ("uses", "supports"), {"supports": 0.7})
    if args.more:
        designs["rules+fill u/s +r k.4 C1 p.7"] = fill(text, 1.0, 0.4, 0.7, ("uses", "supports"))
        designs["rules+fill uses +r (no weight)"] = fill(text, 3.0, None, 0.6, ("uses",))
        designs["rules+fill u/s +r k.4 C1 p.6"] = fill(text, 1.0, 0.4, 0.6, ("uses", "supports"))
        designs["text model decides, rule crit"] = decide_all(1.0, 0.4)
    cols = [f"{lab}_{m}" for lab in LABELS for m in ("P", "R", "F1")] + ["macroF1"]
    for split in args.splits.split(","):
        if split == "paper":
            folds = [paper_folds(files, 5, 19 + r) for r in range(args.repeats)]
            parts = [[([i for i, f in enumerate(fo) if f != k], [i for i, f in enumerate(fo) if f == k])
                      for k in range(5)] for fo in folds]
        else:
            g = groups[split]
            parts = [[([i for i, x in enumerate(g) if x != v], [i for i, x in enumerate(g) if x == v])
                      for v in sorted(set(g))]]
        print(f"\n== leave-one-{split}-out" + (f" (5 folds x {args.repeats})" if split == "paper" else
                                              f" ({', '.join(sorted(set(groups[split])))})"))
        print(f"{'design':<34}" + "".join(f"{c.replace('critiques', 'crit').replace('background', 'bg').replace('supports', 'sup'):>9}" for c in cols)
              + "  per held-out group macro-F1")
        for name, run in designs.items():
            runs, per_group = [], []
            for rep in parts:
                pairs: list[tuple[str, str]] = []
                for tr, te in rep:
                    pred = run(tr, te)
                    got = list(zip([gold[i] for i in te], pred))
                    pairs += got
                    if split != "paper":
                        per_group.append(f"{scores(got)['macroF1']:.3f}")
                runs.append(scores(pairs))
            if split == "paper":
                per_group = [f"{r['macroF1']:.3f}" for r in runs]
            print(f"{name:<34}" + "".join(f"{sum(r[c] for r in runs) / len(runs):9.3f}" for c in cols)
                  + "  " + " ".join(per_group))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
