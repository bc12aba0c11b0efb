"""Draw the wave-9 citation-function sentences (issue 19): a fresh TEST batch, labelled blind, drawn at random.

The point is an honest estimate of the classifier on the natural mix of citing sentences, where critiques are
rare: no cue word, first-person pattern or sentence form takes part in the draw.  Sources are those of wave 8
(the seeds, the gentrification texts, the CC BY PDFs, ``pdfs/urban_studies``, ``pdfs/geography``, the 50 EXCITE
PDFs, the author-year papers of ``pdfs/misc`` and the JOSS PDFs; PDF text by ``pdftotext FILE -``).  Candidates
come from the sentence splitter and author-year pattern of ``sample_citation_sentences.py``: 40-600 characters,
overlapping no gold sentence of any earlier batch (``taken_before("wave9")``: the original 300 and waves 4-8), and
not junk by wave 6's filters (``junk_kind``) and its stricter reference-line test (``reference_like``), dropped
before drawing and counted by kind.  One sample, ``random`` (seed 901): at most 6 candidates per paper drawn at
random from each paper, then ``SIZE`` of them drawn at random from the pool; rows are listed in that random order,
so any prefix of the list is itself a random sample.  ``split`` is by paper as in waves 6 and 7 (the SHA-1 of the
file path relative to the data folder, first hex digit even -> ``tune``, odd -> ``heldout``).

The pool held 704 candidates from 132 papers after the filters (``SIZE`` = 720 caps the draw, so all 704 were
drawn, in random order: 358 from heldout papers, 346 from tune papers).  Before drawing, the filters
dropped 579 reference lines (``junk_kind``), 420 more by the strict test (``reference_like``), 265 URL/DOI/volume
strings, 35 running heads and 19 captions.  Of the 704 drawn, 499 were labelled (from 111 papers, at most 6 each)
and 205 left out as junk: reference-list lines 70, garbled text (two-column interleaving, footnotes, headings or a
next sentence run in, a citation split by the layout, formulas) 69, running heads read as the citation or inside it
25, not a citation (a date, a declaration, a biography, code, a data note) 18, a date or data period read as the
citation 5, a citation cut from its author by the sentence splitter 4, captions or contents lines 4, table rows 3, a
citation belonging to the previous quotation 3, interview or personal-communication attributions 3, a table source
line 1.  Labels: 431 background, 53 uses, 12 supports, 3 critiques (the natural mix: 86% background, 0.6%
critiques).  Split: 233 tune (195 background, 31 uses, 6 supports, 1 critiques), 266 heldout (236, 22, 6, 2).  37
``"doubtful": true`` (14 background, 15 uses, 6 supports, 2 critiques); 42 rows carry a ``note`` saying why where
direction or agency was the point (a comparison against the cited work, a concession in which no one but the
literature speaks, two cited works compared, the authors likening their case to the cited one).

Labelling (by hand, blind: litmap's classifier was never run on these sentences nor its output read) follows
``docs/citation-function.md`` and wave 8's direction rules: a critique the sentence *reports* ("X has been
criticised for ... (Y)", "Y criticises X") is ``background`` for both the critic and the criticised work unless
the citing authors take it up in the same sentence; the label is what *this sentence* does (where only a
neighbouring sentence sets the authors against the cited work, the row is ``background``); sentence-initial
"However" answering the previous sentence is discourse; two cited works compared with the authors silent is
``background``.  Rows carry ``"batch": "wave9"``; wave 9 is a test batch: it is in no training list.

Prints one line per sentence, citation in ``[[ ]]``; ``--json`` writes the rows (without label) for annotation;
``--check`` verifies that every wave-9 gold row is re-drawn.

    python benchmarks/sample_citation_wave9.py [--data ../shared/data] [--json rows.jsonl] [--check]
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_citation_wave6 import candidates, split_of, wave_main  # noqa: E402

SIZE = 720
PER_PAPER = 6
SEED = 901


def draw(data: Path, dropped: Counter[str] | None = None) -> list[dict]:
    everything = candidates(data, "wave9", dropped)
    rng = random.Random(SEED)
    drawn: list[dict] = []
    for f in sorted(everything):
        drawn += rng.sample(everything[f], min(PER_PAPER, len(everything[f])))
    return [{**row, "sample": "random", "split": split_of(row["file"]), "batch": "wave9"}
            for row in rng.sample(drawn, min(SIZE, len(drawn)))]


def main() -> int:
    return wave_main(__doc__, "wave9", draw)


if __name__ == "__main__":
    raise SystemExit(main())
