"""Evaluate litmap's citation-function classifier against hand labels.

The gold file (benchmarks/gold/citation_function.jsonl) holds, per citing
sentence: ``file`` (relative to the shared data folder), ``offset`` and
``length`` (characters of the file read as UTF-8), ``sha1_40`` (SHA-1 of the
sentence's first 40 characters, to detect a changed file), ``cite`` (the
citation's character span inside the sentence), ``label``, ``split``
(``tune`` or ``heldout``) and ``sample`` (``random``, ``first_person``,
``direction``, or one of the wave-4 samples, see docs/citation-function.md);
rows added in wave 4 carry ``"batch": "wave4"`` (rows without ``batch`` are
the original labels) and ``"doubtful": true`` where the annotator hesitated.
Texts that may not be shipped are re-read from the shared data folder; for the CC BY PDFs the sentence is stored as well
(``text``), and offsets refer to ``pdftotext FILE -`` output.

Usage::

    python benchmarks/eval_citation_function.py [--data ../shared/data] [--split heldout]
        [--batch spent|original|wave4|...|wave8|all] [--skip-doubtful] [--errors (with --split tune only)]

Prints per class precision, recall and F1, macro-F1 (over the classes present in the gold) and accuracy, for each
half the batch has and for all its rows.

Skips cleanly (exit status 0, a message) when the data folder is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Collection, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from litmap.analyse.debates.citefunction import LABELS, classify_citation  # noqa: E402

GOLD = Path(__file__).with_name("gold") / "citation_function.jsonl"
# Batches whose held-out halves were scored (2026-12-07: all their rows may be read and tuned on; wave6 since its
# held-out half was scored once on 2026-12-07; wave7, the blind batch, since it was scored once whole on
# 2026-12-07), and wave8, a training batch (every row "tune", labelled blind to be trained on).  Any other batch
# (a future blind one) is never loaded by the training and cross-validation scripts: they read only these, by name.
# wave9 (499 random sentences, the natural mix) was scored once whole on 2026-12-07 (macro-F1 0.477) and is spent too;
# so is wave10 (530 sentences, three labellers), scored once whole on 2026-12-07 (macro-F1 0.417).
SPENT = ("original", "wave4", "wave5", "wave6", "wave7", "wave8", "wave9", "wave10")
# Batches of which only the "tune" rows may be read (their held-out rows are never loaded, printed or scored).
TUNE_ONLY: tuple[str, ...] = ()
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _read_file(path: Path, extract: Optional[str]) -> Optional[str]:
    if not path.exists():
        return None
    if extract == "pdftotext":
        if shutil.which("pdftotext") is None:
            return None
        run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=False)
        return run.stdout if run.returncode == 0 else None
    return path.read_text(encoding="utf-8")


def load_items(data: Path, batches: Optional[Collection[str]] = None,
               tune_only: Collection[str] = ()) -> tuple[list[dict], int]:
    """Gold rows with their ``sentence`` filled in; also the count skipped.  With ``batches`` only the rows of
    those batches ("original" for rows without one) are read at all: a batch kept blind is never loaded.  Of a
    batch in ``tune_only`` only the rows with ``"split": "tune"`` are read (its held-out rows are skipped before
    their sentences are looked up)."""
    cache: dict[str, Optional[str]] = {}
    items: list[dict] = []
    skipped = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if batches is not None and row.get("batch", "original") not in batches:
            continue
        if row.get("batch", "original") in tune_only and row.get("split") != "tune":
            continue
        key = row["file"]
        if key not in cache:
            cache[key] = _read_file(data / key, row.get("extract"))
        text = cache[key]
        sentence = None
        if text is not None:
            cand = text[row["offset"] : row["offset"] + row["length"]]
            if hashlib.sha1(cand[:40].encode("utf-8")).hexdigest() == row["sha1_40"]:
                sentence = cand
        if sentence is None:
            sentence = row.get("text")  # shipped CC BY sentence
        if sentence is None:
            skipped += 1
            continue
        items.append({**row, "sentence": sentence})
    return items, skipped


def report(items: list[dict], title: str, errors: bool = False) -> float:
    pairs = []
    for it in items:
        pred = classify_citation(it["sentence"], tuple(it["cite"]))
        pairs.append((it["label"], pred.label))
        if errors and pred.label != it["label"]:
            flat = " ".join(it["sentence"].split())
            print(f"  gold={it['label']:<10} pred={pred.label:<10} cue={pred.cue!r}\n    {flat[:300]}")
    conf = Counter(pairs)
    print(f"\n== {title}: n={len(pairs)}  gold mix {dict(Counter(g for g, _ in pairs))}")
    print(f"{'class':<11}{'prec':>6}{'rec':>6}{'F1':>6}{'n':>5}{'pred':>6}")
    f1s = []
    for lab in LABELS:
        tp = conf[(lab, lab)]
        pp = sum(v for (g, p), v in conf.items() if p == lab)
        gp = sum(v for (g, p), v in conf.items() if g == lab)
        prec = tp / pp if pp else 0.0
        rec = tp / gp if gp else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if gp:
            f1s.append(f1)
        print(f"{lab:<11}{prec:6.2f}{rec:6.2f}{f1:6.2f}{gp:5d}{pp:6d}")
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    acc = sum(v for (g, p), v in conf.items() if g == p) / max(1, len(pairs))
    print(f"macro-F1 {macro:.3f}  accuracy {acc:.3f}")
    print("confusion (rows gold, columns predicted):")
    print(" " * 11 + "".join(f"{lab[:8]:>9}" for lab in LABELS))
    for g in LABELS:
        print(f"{g:<11}" + "".join(f"{conf[(g, p)]:9d}" for p in LABELS))
    return macro


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    ap.add_argument("--split", choices=["tune", "heldout", "all"], default="all")
    ap.add_argument("--batch", default="spent",
                    help="score only the rows of this batch: any batch name ('wave7', 'wave4', 'original' for rows "
                         "without a batch), 'spent' (default: original, wave4, wave5, wave6, wave7, which have been "
                         "scored, and the training batch wave8) or 'all' (every row, a blind batch included)")
    ap.add_argument("--skip-doubtful", action="store_true", help="leave out the labels marked doubtful")
    ap.add_argument("--errors", action="store_true",
                    help="print the misclassified sentences of the tune half (only with --split tune: the held-out "
                         "half's errors are never printed, so it stays unread)")
    args = ap.parse_args()
    if args.errors and args.split != "tune":
        ap.error("--errors prints the tune half's errors only: add --split tune")
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    batches = None if args.batch == "all" else set(SPENT) if args.batch == "spent" else {args.batch}
    items, skipped = load_items(args.data, batches)  # rows of other batches are never read
    if not items:
        print(f"no gold rows in batch {args.batch!r}")
        return 1
    if args.skip_doubtful:
        items = [it for it in items if not it.get("doubtful")]
    if skipped:
        print(f"note: {skipped} gold sentences could not be re-read and were skipped")
    # a batch may come without halves (a fresh blind batch is scored whole): report the halves it has, then all
    splits = sorted({str(it.get("split")) for it in items if it.get("split")}) if args.split == "all" else [args.split]
    for split in splits:
        sub = [it for it in items if it.get("split") == split]
        report(sub, f"{split} (all samples, batch {args.batch})", errors=args.errors and split == "tune")
        rnd = [it for it in sub if it.get("sample") == "random"]
        if rnd:
            report(rnd, f"{split} (random sample only, batch {args.batch})")
    if args.split == "all":
        report(items, f"all (batch {args.batch})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
