"""Broken-hyphenation repair on the gentrification text corpus (and the seeds).

Counts broken hyphenation ("gentrifica- tion", "gentri-fication") in the 30
texts of ``texts/gentrification`` as ingest would see them without the
repair (blocks from :func:`text_to_blocks`, line-break hyphens left as
"word- tail") and after :func:`litmap.read.textfiles.read_text_file`, and
prints a seeded random sample of repairs with context for a hand check.

The counter is independent of the repair's rules: ``p-s`` or ``p- s`` (letters
only) is *broken* when the joined form ``ps`` occurs whole at least
``--min-corpus`` times in the whole corpus, the hyphenated compound ``p-s``
occurs less often than that, and ``p`` or ``s`` is no standalone corpus word
(so "neighbour- hood" counts but "low-income" never does); a spaced ``p- s``
whose ``p-s`` is a corpus compound counts as a broken compound.

It also lists the words that the old ingest (which deleted every line-end
hyphen before a lower-case letter: "low-\\nincome" -> "lowincome") and the
new one write differently, times the repair, and repeats all of this for
the two ``seeds`` texts, printing every repair made there.

Usage::

    .venv/bin/python benchmarks/eval_hyphenation.py [--data ../shared/data] [--sample 50] [--seed 0]

Skips cleanly (exit 0) when the data folder is absent.
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import re
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from eval_ligatures import raw_blocks  # noqa: E402  (block texts as ingest makes them, before any repair)
from litmap.read.repairs.hyphenation import HyphenRepair, find_hyphen_repairs, repair_hyphenation  # noqa: E402
from litmap.read.textfiles import read_text_file  # noqa: E402

DEFAULT_DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPH = re.compile(r"(?<![\w-])([^\W\d_]+)-( ?)([^\W\d_]+)(?![\w-])")




def _old_join_lines(lines: list[str]) -> str:
    """litmap's line joining before this repair: a line-end hyphen before a
    lower-case letter was always deleted ("low-" + "income" -> "lowincome")."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def old_ingest(path: str) -> list[str]:
    """Block texts as ingest made them before this repair (old line joining,
    then the ligature repair)."""
    from unittest import mock

    from litmap.read import textfiles

    with mock.patch.object(textfiles, "_join_lines", _old_join_lines), \
            mock.patch.object(textfiles, "repair_block_hyphenation", list):
        return [b.text for pg in textfiles.read_text_file(path).pages for b in pg.blocks]


def compare_old(files: list[str], new: dict[str, list[str]], top: int) -> None:
    """Words that the old and the new ingest write differently."""
    old_words: Counter[str] = Counter()
    new_words: Counter[str] = Counter()
    for f in files:
        old_words.update(w for t in old_ingest(f) for w in _WORD.findall(t))
        new_words.update(w for t in new[f] for w in _WORD.findall(t))
    only_old, only_new = old_words - new_words, new_words - old_words
    print(f"vs. the old ingest (line-end hyphens always deleted): {sum(only_old.values())} word uses only in old, "
          f"{sum(only_new.values())} only in new")
    print("  only old: " + ", ".join(f"{w} {n}" for w, n in only_old.most_common(top)))
    print("  only new: " + ", ".join(f"{w} {n}" for w, n in only_new.most_common(top)))


def corpus_counts(docs: list[list[str]]) -> tuple[Counter[str], Counter[str]]:
    """Whole words and glued hyphen compounds (lower case) over all texts."""
    whole: Counter[str] = Counter()
    compound: Counter[str] = Counter()
    for texts in docs:
        for t in texts:
            for m in _WORD.finditer(t.replace("- ", "\x00")):
                w = m.group(0).lower()
                (compound if "-" in w else whole)[w] += 1
    return whole, compound


def broken(texts: list[str], whole: Counter[str], compound: Counter[str], min_corpus: int) -> Counter[str]:
    out: Counter[str] = Counter()
    for t in texts:
        for m in _HYPH.finditer(t):
            p, gap, s = m.groups()
            pl, sl = p.lower(), s.lower()
            if not s.islower():
                continue
            if gap and compound[f"{pl}-{sl}"] >= min_corpus:
                out[m.group(0)] += 1  # "low- income": a compound with a stray space
            elif (whole[pl + sl] >= min_corpus and compound[f"{pl}-{sl}"] < whole[pl + sl]
                  and (whole[pl] < min_corpus or whole[sl] < min_corpus)):
                out[m.group(0)] += 1
    return out


def evaluate(files: list[str], min_corpus: int, label: str) -> list[tuple[str, HyphenRepair, str]]:
    before = {f: raw_blocks(f) for f in files}
    t0 = time.perf_counter()
    after_h = {f: repair_hyphenation(before[f])[0] for f in files}
    t_h = time.perf_counter() - t0
    t0 = time.perf_counter()
    after = {f: [b.text for pg in read_text_file(f).pages for b in pg.blocks] for f in files}
    t_all = time.perf_counter() - t0
    whole, compound = corpus_counts(list(before.values()))
    n_b = n_a = 0
    left: Counter[str] = Counter()
    for f in files:
        b = broken(before[f], whole, compound, min_corpus)
        a = broken(after_h[f], whole, compound, min_corpus)
        n_b += sum(b.values())
        n_a += sum(a.values())
        left.update(a)
    repairs = [(f, r, before[f][r.text]) for f in files for r in find_hyphen_repairs(before[f])]
    kinds = Counter("join" if "-" not in r.after else "compound" for _, r, _ in repairs)
    gent = sum(len(re.findall(r"(?i)\bgentri[a-z]*-\s?[a-z]+", t)) - len(re.findall(r"(?i)\bgentrification-", t))
               for ts in before.values() for t in ts)
    gent_a = sum(len(re.findall(r"(?i)\bgentri[a-z]*-\s?[a-z]+", t)) - len(re.findall(r"(?i)\bgentrification-", t))
                 for ts in after_h.values() for t in ts)
    print(f"== {label}: {len(files)} texts, {sum(len(t.split()) for ts in before.values() for t in ts)} words")
    print(f"broken forms before: {n_b}  after: {n_a}  ({100.0 * (n_b - n_a) / max(n_b, 1):.1f}% removed)")
    print(f"broken 'gentri...-' forms before: {gent}  after: {gent_a}")
    print(f"repairs made: {len(repairs)} ({kinds['join']} joins, {kinds['compound']} compounds glued)")
    print(f"time: hyphenation {t_h:.2f}s; read_text_file (all repairs) {t_all:.2f}s")
    compare_old(files, after, 25)
    print(f"broken forms left ({sum(left.values())}), most common:")
    for form, n in left.most_common(20):
        print(f"  {n:4d}  {form!r}")
    return repairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--sample", type=int, default=50, help="repairs to print for a hand check")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-corpus", type=int, default=2, help="whole uses that make a joined form a word")
    ap.add_argument("--distinct", action="store_true", help="also list every distinct repair")
    args = ap.parse_args(argv)
    files = sorted(glob.glob(os.path.join(args.data, "texts", "gentrification", "*.txt")))
    if not files:
        print(f"skipped: no texts under {os.path.join(args.data, 'texts', 'gentrification')}")
        return 0
    repairs = evaluate(files, args.min_corpus, "gentrification")
    rng = random.Random(args.seed)
    sample = rng.sample(repairs, min(args.sample, len(repairs)))
    print(f"\nrandom sample of {len(sample)} repairs (seed {args.seed}) for a hand check:")
    for k, (f, r, text) in enumerate(sample, 1):
        ctx = text[max(r.start - 35, 0):r.start + len(r.before) + 35].replace("\n", " ")
        print(f"{k:3d}. {os.path.basename(f):12s} {r.before!r:24s} -> {r.after!r:20s} …{ctx}…")
    if args.distinct:
        counts = Counter((r.before, r.after) for _, r, _ in repairs)
        print(f"\nall {len(counts)} distinct repairs:")
        for (b, a), n in counts.most_common():
            print(f"{n:4d}  {b!r:26s} -> {a!r}")
    seeds = sorted(glob.glob(os.path.join(args.data, "seeds", "*.txt")))
    if seeds:
        print()
        seed_repairs = evaluate(seeds, args.min_corpus, "seeds")
        print("all seed repairs:")
        for f, r, text in seed_repairs:
            ctx = text[max(r.start - 30, 0):r.start + len(r.before) + 30].replace("\n", " ")
            print(f"  {os.path.basename(f)[:8]} {r.before!r:24s} -> {r.after!r:20s} …{ctx}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
