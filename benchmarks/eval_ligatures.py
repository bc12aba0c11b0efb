"""Lost-ligature repair on the gentrification text corpus.

Counts words split at a lost fi/fl/ff/ffi/ffl ligature ("gentri fication",
"offi  ce", "signi cant") in the 30 texts of ``texts/gentrification``
before and after :func:`litmap.read.textfiles.read_text_file` (which
rejoins them), and prints a seeded random sample of repairs with context for
a hand check of precision.

The split counter is independent of the repair's own rules: a pair of words
``p s`` separated by spaces counts as a split when an ff/fi/fl touches the
seam (or, for a dropped glyph, ``p + ligature + s`` is the word), the joined
form occurs unsplit at least ``--min-corpus`` times in the whole corpus, and
``p`` and ``s`` are not both words the corpus uses on their own (so "the
first" is not counted although "thefirst" occurs in glued text).

Usage::

    .venv/bin/python benchmarks/eval_ligatures.py [--data ../shared/data] [--sample 50] [--seed 0]

Skips cleanly (exit 0) when the data folder is absent.
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from litmap.read.repairs.ligatures import LIGATURES, find_repairs  # noqa: E402
from litmap.read.textfiles import decode_bytes, read_text_file, strip_inline_stamps, text_to_blocks  # noqa: E402

DEFAULT_DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
_TOKEN = re.compile(r"(?<![\w\-‐])([^\W\d_]+)(?![\w\-‐])")
_PAIR = re.compile(r"(?<!\w)([^\W\d_]+)[ \t\u00a0]{1,3}(?=([^\W\d_]+)\b)")


def raw_blocks(path: str) -> list[str]:
    """Block texts as ingest makes them, before the ligature repair."""
    with open(path, "rb") as fh:
        text, _ = decode_bytes(fh.read(), path)
    return [b.text for b in text_to_blocks(strip_inline_stamps(text))]


def seam(joined: str, k: int) -> bool:
    return any(joined.startswith(lig, i) for i in range(max(k - 2, 0), k + 1) for lig in ("ff", "fi", "fl"))


def splits(texts: list[str], standalone: Counter[str], min_corpus: int) -> Counter[str]:
    """Split forms ("p s") found in ``texts``, judged against the corpus's
    standalone token counts (uses not as a side of a split)."""
    out: Counter[str] = Counter()
    for text in texts:
        for m in _PAIR.finditer(text):
            p, s = m.group(1), m.group(2)
            pl, sl = p.lower(), s.lower()
            if standalone[pl] >= 3 and standalone[sl] >= 3:
                continue  # two words the corpus uses on their own
            cands = [pl + sl] if seam(pl + sl, len(pl)) else []
            cands += [pl + lig + sl for lig in LIGATURES] if len(sl) > 1 else []
            if any(standalone[c] >= min_corpus for c in cands):
                out[f"{p} {s}"] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--sample", type=int, default=50, help="repairs to print for a hand check")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-corpus", type=int, default=3, help="unsplit uses that make a joined form a word")
    ap.add_argument("--residual", type=int, default=25, help="most common splits left after repair to list")
    ap.add_argument("--distinct", action="store_true", help="also list every distinct repair with one context")
    args = ap.parse_args(argv)
    files = sorted(glob.glob(os.path.join(args.data, "texts", "gentrification", "*.txt")))
    if not files:
        print(f"skipped: no texts under {os.path.join(args.data, 'texts', 'gentrification')}")
        return 0
    before = {f: raw_blocks(f) for f in files}
    after = {f: [b.text for pg in read_text_file(f).pages for b in pg.blocks] for f in files}
    corpus: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    for texts in before.values():
        for t in texts:
            corpus.update(m.group(1).lower() for m in _TOKEN.finditer(t))
            for m in _PAIR.finditer(t):
                p, s = m.group(1).lower(), m.group(2).lower()
                if seam(p + s, len(p)):
                    parts.update((p, s))
    # Uses of a token other than as a side of a seam split: "gentri" has none.
    standalone = Counter({w: n - parts[w] for w, n in corpus.items() if n > parts[w]})
    n_before = n_after = 0
    left: Counter[str] = Counter()
    for f in files:
        b = splits(before[f], standalone, args.min_corpus)
        a = splits(after[f], standalone, args.min_corpus)
        n_before += sum(b.values())
        n_after += sum(a.values())
        left.update(a)
    repairs = [(f, r, before[f][r.text]) for f in files for r in find_repairs(before[f])]
    words_before = sum(len(t.split()) for ts in before.values() for t in ts)
    print(f"texts: {len(files)}  words: {words_before}")
    print(f"split forms before: {n_before}  after: {n_after}  "
          f"({100.0 * (n_before - n_after) / max(n_before, 1):.1f}% removed)")
    print(f"repairs made: {len(repairs)} ({len({r.before.lower() for _, r, _ in repairs})} distinct)")
    print(f"\nmost common splits left ({sum(left.values())}):")
    for form, n in left.most_common(args.residual):
        print(f"  {n:4d}  {form!r}")
    rng = random.Random(args.seed)
    sample = rng.sample(repairs, min(args.sample, len(repairs)))
    print(f"\nrandom sample of {len(sample)} repairs (seed {args.seed}) for a hand check:")
    for k, (f, r, text) in enumerate(sample, 1):
        ctx = text[max(r.start - 40, 0):r.start + len(r.before) + 40].replace("\n", " ")
        print(f"{k:3d}. {os.path.basename(f):12s} {r.before!r:24s} -> {r.after!r:20s} …{ctx}…")
    if args.distinct:
        first: dict[tuple[str, str], tuple[str, str]] = {}
        counts: Counter[tuple[str, str]] = Counter()
        for f, r, text in repairs:
            key = (r.before, r.after)
            counts[key] += 1
            first.setdefault(key, (f, text[max(r.start - 40, 0):r.start + len(r.before) + 40].replace("\n", " ")))
        print(f"\nall {len(counts)} distinct repairs:")
        for (before_, after_), n in counts.most_common():
            f, ctx = first[(before_, after_)]
            print(f"{n:4d}  {before_!r:24s} -> {after_!r:20s} {os.path.basename(f):12s} …{ctx}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
