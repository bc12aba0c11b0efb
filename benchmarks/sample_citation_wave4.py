"""Draw the wave-4 citation-function sentences (issue 19): new citing sentences, not in the gold file.

Sources under ``../shared/data``: the two seeds, the gentrification texts (Paper23 is a copy of Paper22
and is left out), the CC BY PDFs, the text-layer PDFs of ``pdfs/urban_studies``, ``pdfs/geography``
(``Reibel_2007_prpr`` is a preprint of ``Reibel_2007`` and is left out) and the EXCITE social-science
PDFs (PDF text by ``pdftotext FILE -``).  Candidates are found by the sentence splitter and author-year
pattern of ``sample_citation_sentences.py``, none overlapping a gold sentence: 40-450 characters for
the first four samples (so that they read quickly), 40-700 for the later ones.  The samples were drawn
one after another, each from what the earlier ones left, and every sentence was labelled by hand before
the next was drawn and before litmap's classifier was run on any (``benchmarks/gold/citation_function.jsonl``
rows with ``"batch": "wave4"``; docs/citation-function.md).  The first three (seeds 194, 195, 196) take at
most 2 candidates per paper (``strong``) or 1 (the others), then ``SIZES`` of them at random:

- ``strong``: candidates with a word of critique, contrast or shortcoming, or a contrast word followed by
  the authors (``STRONG`` below), drawn to over-sample critiques;
- ``hedge``: the rest with a hedge, report or contrast word (*argue, suggest, allude, however, but,
  while, point out …*: ``HEDGE``), hard negatives;
- ``plain``: candidates with neither, a random sample of them (not of all candidates: the cue-free ones);
- ``target`` (seed 197, drawn after the three above, which held only 8 critiques in 170): further
  ``strong`` candidates with a narrower critique or "however/while … we" pattern (``TARGET``), not
  reference-list lines (``REFLINE``), at most 5 per paper;
- ``target_long`` (seed 198, drawn last, as ``target`` held 7 critiques in 38): the same over the
  451-700-character candidates;
- ``evaluative`` (seed 199, drawn last, as the critique samples above held 17 critiques in 229): any
  remaining candidate (40-700 characters, not a reference-list line) with an evaluative, negating or
  contrast word (``EVAL``) and the authors or a narrative citation (``AGENT``), at most 3 per paper;
- ``compare`` (seed 200, drawn last, as ``evaluative`` held 7 critiques in 110): any remaining candidate
  that speaks as the authors (``FIRST``) with a comparing, limiting or contrast word (``COMPARE``), at
  most 4 per paper;
- ``rest`` (drawn last, as the samples above held 27 critiques in 401): every remaining candidate that the
  ``target`` or ``compare`` pattern selects, in file and offset order;
- ``evaluative2`` (seed 201, drawn last, as all the above held 27 critiques in 406): a second draw like
  ``evaluative`` from its remaining candidates, at most 3 per paper.

The split is decided by paper before labelling: a file is ``heldout`` when the SHA-1 of its path
(relative to the data folder) is even, else ``tune``, so all sentences of one paper are in one half.
Nothing here looks at litmap's classifier.  Prints one line per sentence, citation in ``[[ ]]``;
``--json`` writes the rows (without label) for annotation.

    python benchmarks/sample_citation_wave4.py [--data ../shared/data] [--json rows.jsonl] [--check]
"""

from __future__ import annotations

import glob
import hashlib
import os
import random
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_citation_sentences import cites, sampler_main, sentences, taken_before  # noqa: E402

STRONG = re.compile(
    r"\b(critique|critici[sz]|criticism|fail(s|ed|ure)? to|neglect|overlook|ignor(e|es|ed|ing)\b|problematic|"
    r"challeng|contra\b|unlike|in contrast|contrary|limitation|drawback|shortcoming|inadequa|flaw|dispute|"
    r"disagree|refute|contest|unrealistic|weakness|insufficient|lack|(however|but|whereas|while|although)\b.{0,80}"
    r"\b(we|our|this (paper|article|study))\b)",
    re.IGNORECASE,
)
HEDGE = re.compile(
    r"\b(allude|argu(e|es|ed)|suggest|however|but|whereas|although|while|question(s|ed|able)?|point(s|ed)? out)\b",
    re.IGNORECASE,
)
TARGET = re.compile(
    r"\b(unlike|in contrast to|contrary to|fail(s|ed)? to|do(es)? not (account|consider|include|address|take)|"
    r"neglect(s|ed)?|overlook(s|ed)?|ignor(e|es|ed)|limitation|shortcoming|drawback|problematic|inadequate|"
    r"critici[sz]e|critique|disagree|(however|but|whereas|while|although)\b[^.]{0,100}\b(we|our|"
    r"this (paper|article|study)|here)\b)",
    re.IGNORECASE,
)
REFLINE = re.compile(r"^\W*[A-Z][\w'’\-]+,? (?:[A-Z]\.|[A-Z][a-z]+\b)[^()]{0,150}\((?:19|20)\d\d[a-z]?\)[.:]?\s")
EVAL = re.compile(
    r"\b(not|no|cannot|only|limited|assum\w*|rather than|little|simplif\w*|restrict\w*|difficult\w*|problem\w*|"
    r"weak\w*|poor\w*|errors?|bias\w*|arbitrar\w*|unclear|lack\w*|missing|mistak\w*|incorrect\w*|doubt\w*|"
    r"overstat\w*|underestimat\w*|exaggerat\w*|instead|differ\w*|contrast\w*|however|but|although|while|whereas)\b",
    re.IGNORECASE,
)
AGENT = re.compile(r"\b(we|our|us|I|this (paper|article|study|research)|here)\b|[A-Z][\w'’\-]+(?: et al\.)?’?s? \((?:19|20)\d\d")
COMPARE = re.compile(
    r"\b(than|improv\w*|better|outperform\w*|extend\w*|advance\w*|unlike|differ\w*|contrar\w*|disagree\w*|"
    r"depart\w*|instead|superior|inferior|drawback\w*|limit\w*|shortcoming\w*|not|cannot|only|however|but)\b",
    re.IGNORECASE,
)
FIRST = re.compile(r"\b(we|our|us|I|this (paper|article|study|research|approach|method|model)|here|the present)\b")
SIZES = {"strong": 95, "hedge": 35, "plain": 40, "target": 110, "target_long": 80, "evaluative": 110, "compare": 120, "evaluative2": 80}
SKIP = ("texts/gentrification/Paper23.txt", "pdfs/geography/Reibel_2007_prpr.pdf")


def heldout(file: str) -> bool:
    return int(hashlib.sha1(file.encode("utf-8")).hexdigest(), 16) % 2 == 0


def texts(data: Path) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for p in sorted(glob.glob(str(data / "seeds/*.txt"))) + sorted(glob.glob(str(data / "texts/gentrification/*.txt"))):
        out[os.path.relpath(p, data)] = (open(p, encoding="utf-8").read(), None)
    pdfs = []
    for sub in ("pdfs/urban_studies_cc_by", "pdfs/urban_studies", "pdfs/geography", "excite/pdfs"):
        pdfs += sorted(glob.glob(str(data / sub / "*.pdf")))
    for p in pdfs:
        run = subprocess.run(["pdftotext", p, "-"], capture_output=True, text=True, check=False)
        if run.returncode == 0 and len(run.stdout) > 2000:
            out[os.path.relpath(p, data)] = (run.stdout, "pdftotext")
    return {k: v for k, v in out.items() if k not in SKIP}


def draw(data: Path) -> list[dict]:
    taken = taken_before("wave4")  # the gold as it was before this draw
    pools: dict[str, dict[str, list[dict]]] = {"strong": {}, "hedge": {}, "plain": {}}
    long_strong: dict[str, list[dict]] = {}
    everything: dict[str, list[dict]] = {}
    for f, (t, extract) in sorted(texts(data).items()):
        for a, b in sentences(t):
            s = t[a:b]
            if len(s) > 700 or len(s) < 40 or re.search(r"\bdoi\b|https?:|Vol\. \d|pp\. \d+[-–]\d+", s):
                continue
            if any(a < y and x < b for x, y in taken.get(f, [])):
                continue
            cs = cites(s)
            if not cs:
                continue
            row = dict(file=f, offset=a, length=b - a, cite=list(cs[0]), text=s, extract=extract)
            everything.setdefault(f, []).append(row)
            if len(s) > 450:  # long sentences only for the target sample
                if STRONG.search(s):
                    long_strong.setdefault(f, []).append(row)
                continue
            kind = "strong" if STRONG.search(s) else "hedge" if HEDGE.search(s) else "plain"
            pools[kind].setdefault(f, []).append(row)
    out: list[dict] = []
    for seed, (name, pool) in enumerate(pools.items(), start=194):
        rng = random.Random(seed)
        drawn = []
        for f in sorted(pool):
            drawn += rng.sample(pool[f], min(2 if name == "strong" else 1, len(pool[f])))
        for row in rng.sample(drawn, min(SIZES[name], len(drawn))):
            out.append({**row, "sample": name, "split": "heldout" if heldout(row["file"]) else "tune"})
    # a second, narrower critique sample drawn after the first three (the first gave 8 critiques in 170)
    seen = {(r["file"], r["offset"]) for r in out}
    rng = random.Random(197)
    drawn = []
    for f in sorted(pools["strong"]):
        rest = [r for r in pools["strong"][f]
                if (f, r["offset"]) not in seen and TARGET.search(r["text"]) and not REFLINE.search(r["text"])]
        drawn += rng.sample(rest, min(5, len(rest)))
    for row in rng.sample(drawn, min(SIZES["target"], len(drawn))):
        out.append({**row, "sample": "target", "split": "heldout" if heldout(row["file"]) else "tune"})
    # then the same pattern over the 451-700-character sentences (the target sample above held 7 critiques in 38)
    rng = random.Random(198)
    drawn = []
    for f in sorted(long_strong):
        rest = [r for r in long_strong[f] if TARGET.search(r["text"]) and not REFLINE.search(r["text"])]
        drawn += rng.sample(rest, min(5, len(rest)))
    for row in rng.sample(drawn, min(SIZES["target_long"], len(drawn))):
        out.append({**row, "sample": "target_long", "split": "heldout" if heldout(row["file"]) else "tune"})
    # last, every remaining candidate with an evaluative or contrast word and the authors or a narrative citation
    seen = {(r["file"], r["offset"]) for r in out}
    rng = random.Random(199)
    drawn = []
    for f in sorted(set(everything)):
        rest = [r for r in everything[f] if (f, r["offset"]) not in seen and EVAL.search(r["text"])
                and AGENT.search(r["text"]) and not REFLINE.search(r["text"])]
        drawn += rng.sample(rest, min(3, len(rest)))
    for row in rng.sample(drawn, min(SIZES["evaluative"], len(drawn))):
        out.append({**row, "sample": "evaluative", "split": "heldout" if heldout(row["file"]) else "tune"})
    # and, as those held 7 critiques in 110, the remaining candidates that set the authors or their method against
    # a work: a first-person sentence with a comparing, limiting or contrast word
    seen = {(r["file"], r["offset"]) for r in out}
    rng = random.Random(200)
    drawn = []
    for f in sorted(set(everything)):
        rest = [r for r in everything[f] if (f, r["offset"]) not in seen and COMPARE.search(r["text"])
                and FIRST.search(r["text"]) and not REFLINE.search(r["text"])]
        drawn += rng.sample(rest, min(4, len(rest)))
    for row in rng.sample(drawn, min(SIZES["compare"], len(drawn))):
        out.append({**row, "sample": "compare", "split": "heldout" if heldout(row["file"]) else "tune"})
    # last, all that is left of the target and compare patterns, no cap per paper (they had given 27 critiques in 401)
    seen = {(r["file"], r["offset"]) for r in out}
    for f in sorted(set(everything)):
        for r in everything[f]:
            if (f, r["offset"]) not in seen and not REFLINE.search(r["text"]) and (
                    TARGET.search(r["text"]) or (COMPARE.search(r["text"]) and FIRST.search(r["text"]))):
                out.append({**r, "sample": "rest", "split": "heldout" if heldout(f) else "tune"})
    # and a second ``evaluative`` draw from what is left of it (the samples above held 27 critiques in 406)
    seen = {(r["file"], r["offset"]) for r in out}
    rng = random.Random(201)
    drawn = []
    for f in sorted(set(everything)):
        rest = [r for r in everything[f] if (f, r["offset"]) not in seen and EVAL.search(r["text"])
                and AGENT.search(r["text"]) and not REFLINE.search(r["text"])]
        drawn += rng.sample(rest, min(3, len(rest)))
    for row in rng.sample(drawn, min(SIZES["evaluative2"], len(drawn))):
        out.append({**row, "sample": "evaluative2", "split": "heldout" if heldout(row["file"]) else "tune"})
    return out


def main() -> int:
    return sampler_main(__doc__, "wave4", draw, ("sample", "split", "cite", "length"), ("sample", "split", "file"))

if __name__ == "__main__":
    raise SystemExit(main())
