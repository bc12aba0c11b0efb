"""Lost-space repair (litmap.read.repairs.glued_words) on every .txt of the shared data.

For each file: the block texts as ingest makes them before the repair (hyphenation and ligature repairs done),
the runs the repair would cut with the gate (and, with ``--force``, without it), the per-file repair time.

Usage::

    .venv/bin/python benchmarks/eval_glued_words.py [--data ../shared/data] [--force] [--list]
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from litmap.read.repairs.glued_words import _candidates, glued_word_cuts  # noqa: E402
from litmap.read.repairs.word_segments import word_ranks  # noqa: E402
from litmap.read.textfiles import (decode_bytes, repair_block_hyphenation, repair_block_ligatures,  # noqa: E402
                                   split_repeated_lines, strip_inline_stamps, text_to_blocks)

DEFAULT_DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")


def block_texts(path: str) -> list[str]:
    with open(path, "rb") as fh:
        text, _ = decode_bytes(fh.read(), path)
    text, _ = split_repeated_lines(strip_inline_stamps(text))
    return [b.text for b in repair_block_ligatures(repair_block_hyphenation(text_to_blocks(text)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--force", action="store_true", help="list cuts of documents below the gate too")
    ap.add_argument("--list", action="store_true", help="print every cut")
    args = ap.parse_args()
    word_ranks()
    total = 0
    for path in sorted(glob.glob(os.path.join(args.data, "**", "*.txt"), recursive=True)):
        try:
            texts = block_texts(path)
        except Exception as exc:  # noqa: BLE001
            print(f"{os.path.relpath(path, args.data)}: unreadable ({exc})")
            continue
        t0 = time.perf_counter()
        cuts = glued_word_cuts(texts)
        dt = time.perf_counter() - t0
        forced = glued_word_cuts(texts, force=True) if args.force and not cuts else {}
        runs = _candidates(texts)
        uses = sum(runs[r] for r in cuts)
        total += uses
        shown = cuts or forced
        print(f"{os.path.relpath(path, args.data)}: {len(cuts)} runs cut ({uses} uses) of {len(runs)} long runs"
              f"{' [below gate: %d]' % len(forced) if forced else ''}  {dt * 1000:.0f} ms")
        if args.list:
            for run, out in sorted(shown.items(), key=lambda kv: (-runs[kv[0]], kv[0])):
                print(f"    {runs[run]:3d}  {run} -> {out}")
    print(f"total uses changed: {total}")


if __name__ == "__main__":
    main()
