"""Draw the wave-10 citation-function sentences (issue 19): a fresh TEST batch, labelled blind, by three labellers.

Why: every earlier batch (the original 300, waves 4-9) is spent, and the blind tests so far held too few
critiques to judge critique precision (wave 9, the natural mix, held 3).  Wave 10 is larger and has two parts:

- ``random`` (seed 1001): at most ``PER_PAPER`` candidates drawn at random from each paper, then ``SIZES["random"]``
  of them at random from that pool, listed in random order (any prefix is itself a random sample).  No cue word takes
  part: the natural mix, for macro-F1 and per-class figures.
- ``critique_strong`` (seed 1002), then ``critique_wide`` (seed 1003): from what the random draw left, at most 2 (then
  1 more) per paper with a word of wave 7's ``CRITIQUE_STRONG`` (then ``CRITIQUE_WIDE``) vocabulary; these enrich
  critiques and contrasts so that critique precision and recall can be estimated.  Figures on the natural mix are
  read from ``random`` alone; the enriched rows are reported apart.

Sources and candidates are wave 9's (``candidates``: the seeds, the gentrification texts, the CC BY PDFs,
``pdfs/urban_studies``, ``pdfs/geography``, the EXCITE PDFs, the author-year papers of ``pdfs/misc`` and the JOSS
PDFs; PDF text by ``pdftotext FILE -``; 40-600 characters; overlapping no gold sentence of an earlier batch; junk
filters of waves 6 and 7 applied before drawing and counted).  ``split`` is by paper as in waves 6-9.

Rows carry ``"batch": "wave10"`` and ``part`` (A, B or C: which labeller labels the row); the first ``OVERLAP``
random rows and the first ``OVERLAP_CRIT`` critique_strong rows are labelled by a second labeller too (``also``),
for an agreement figure; the label of ``part`` is the one scored (fixed before any label was seen).

Drawn (2026-12-07) from 2,261 candidates of 121 papers: 793 random, 27 critique_strong (all there were), 46
critique_wide; 866 rows, 288-289 per labeller.  Labelled 530 (457 background, 50 uses, 14 supports, 9 critiques; the
random sample 486: 416 / 49 / 12 / 9; the enriched rows held no critique), 336 left out as junk (reference-list lines
109, running heads 31, footnotes, headings or columns run in about 60, a citation of the previous quotation 23, dates
or data periods read as the citation 16, the rest captions, table rows, contents lines, attributions, notes).  On the
87 overlap rows the labellers agreed on junk or not in 83 and on the label in all 49 both labelled.  Scored once
whole (macro-F1 0.417, no critique predicted; docs/citation-function.md), then spent; not trained on (see
``train_citation_function.SPENT_BATCHES``).

Prints one line per sentence, citation in ``[[ ]]``; ``--json`` writes the rows (without label) for annotation;
``--check`` verifies that every wave-10 gold row is re-drawn.

    python benchmarks/sample_citation_wave10.py [--data ../shared/data] [--json rows.jsonl] [--check]
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_citation_wave6 import candidates, split_of, wave_main  # noqa: E402
from sample_citation_wave7 import CRITIQUE_STRONG, CRITIQUE_WIDE  # noqa: E402

SIZES = {"random": 900, "critique_strong": 200, "critique_wide": 120}
PER_PAPER = 8
OVERLAP, OVERLAP_CRIT = 60, 30
PARTS = "ABC"


def draw(data: Path, dropped: Counter[str] | None = None) -> list[dict]:
    everything = candidates(data, "wave10", dropped)
    rng = random.Random(1001)
    pool: list[dict] = []
    for f in sorted(everything):
        pool += rng.sample(everything[f], min(PER_PAPER, len(everything[f])))
    out = [{**row, "sample": "random"} for row in rng.sample(pool, min(SIZES["random"], len(pool)))]
    for sample, seed, cap, pat in (("critique_strong", 1002, 2, CRITIQUE_STRONG), ("critique_wide", 1003, 1, CRITIQUE_WIDE)):
        seen = {(r["file"], r["offset"]) for r in out}
        rng = random.Random(seed)
        drawn: list[dict] = []
        for f in sorted(everything):
            cands = [r for r in everything[f] if (f, r["offset"]) not in seen and pat.search(r["text"])]
            drawn += rng.sample(cands, min(cap, len(cands)))
        out += [{**row, "sample": sample} for row in rng.sample(drawn, min(SIZES[sample], len(drawn)))]
    rows: list[dict] = []
    counts: Counter[str] = Counter()
    for row in out:
        i = counts[row["sample"]]
        counts[row["sample"]] += 1
        part = PARTS[len(rows) % len(PARTS)]
        extra: dict[str, str] = {}
        if (row["sample"] == "random" and i < OVERLAP) or (row["sample"] == "critique_strong" and i < OVERLAP_CRIT):
            extra["also"] = PARTS[(PARTS.index(part) + 1) % len(PARTS)]
        rows.append({**row, "split": split_of(row["file"]), "batch": "wave10", "part": part, **extra})
    return rows


def main() -> int:
    return wave_main(__doc__, "wave10", draw)


if __name__ == "__main__":
    raise SystemExit(main())
