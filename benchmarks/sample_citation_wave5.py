"""Draw the wave-5 citation-function sentences (issue 19): a fresh held-out batch, not in the gold file.

The held-out halves of the original labels and of wave 4 have both been scored, so this batch is new text
for scoring the classifier once more.  Sources under ``../shared/data`` are those of
``sample_citation_wave4.py`` (seeds, gentrification texts, the CC BY PDFs, the text-layer PDFs of
``pdfs/urban_studies`` and ``pdfs/geography`` and the 50 EXCITE social-science PDFs, PDF text by
``pdftotext FILE -``; Paper23 and ``Reibel_2007_prpr`` left out as copies).  Candidates come from the
sentence splitter and author-year pattern of ``sample_citation_sentences.py``: 40-600 characters, not a
reference-list line (``REFLINE``), overlapping no gold sentence of any earlier batch.  Two samples, drawn
before any was labelled, labelled by hand blind (litmap's classifier was never run on them; rows with
``"batch": "wave5"`` in ``benchmarks/gold/citation_function.jsonl``):

- ``direction`` (seed 501, at most 3 per paper, ``SIZES``): candidates with a word where the direction of
  a critique matters (``DIRECTION``: critique, contrast or shortcoming words, "argue against", hedges
  such as *allude, suggest*, verbs of mention such as *note, point out, mention*, and "however/while …
  we"), so that "the cited work criticises" and "the citing authors criticise the cited work" both occur;
- ``random`` (seed 502, at most 2 per paper): any remaining candidate, so the class mix stays near the
  natural one;
- ``target`` (seed 503, at most 4 per paper; drawn after the two above were labelled, as they held only 4
  critiques in 166 labelled): remaining candidates with wave 4's narrower critique pattern (``TARGET`` of
  ``sample_citation_wave4.py``: *unlike, in contrast to, contrary to, fail to, neglect, overlook, ignore,
  limitation, problematic, criticise, critique, disagree*, "however/while … we/our/this paper/here") or
  that speak as the authors (``FIRST``) with a contrast word (``CONTRAST``) (it gave 26 rows, 20 unusable:
  wave 4 had taken most such sentences);
- ``rest`` (drawn last, after ``target`` was labelled): every remaining candidate of 40-1,000 characters
  with a critique, contrast or shortcoming word or "but/however/while … we/our/this paper/here/I"
  (``CRITIQUE``), no cap per paper: what is left of critique vocabulary in these papers after wave 4.

Of 281 drawn (direction 135, random 75, target 26, rest 45), 205 were labelled (112, 54, 6, 33) and 76 left
out: reference-list lines (19), running headers read as a citation or inside the sentence (19), a citation
that belongs to the previous sentence or quotation (12), tables, figures and captions (11), a date or data
period taken for a citation (6), footnotes run together (5), other garbled text (4).  Labels: 174
background, 16 uses, 11 supports, 4 critiques (3 of them doubtful); 19 rows carry ``"doubtful": true``.  150
of the 205 carry a cue word of ``DIRECTION`` or ``CRITIQUE`` (direction matters).  Critiques are rare:
after wave 4 these papers had only some 50 sentences with critique vocabulary left, all drawn here.

Every row is ``"split": "heldout"``: the whole batch is for scoring, nothing is tuned on it.  Prints one
line per sentence, citation in ``[[ ]]``; ``--json`` writes the rows (without label) for annotation;
``--check`` verifies that every wave-5 gold row is re-drawn.

    python benchmarks/sample_citation_wave5.py [--data ../shared/data] [--json rows.jsonl] [--check]
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_citation_sentences import cites, sampler_main, sentences, taken_before  # noqa: E402
from sample_citation_wave4 import FIRST, REFLINE, TARGET, texts  # noqa: E402

DIRECTION = re.compile(
    r"\b(critique|critici[sz]|criticism|critical of|argu(e|es|ed|ing) against|fail(s|ed|ure)? to|neglect|overlook|"
    r"ignor(e|es|ed|ing)\b|problematic|challeng|contra\b|unlike|in contrast|contrary|limitation|limits of|"
    r"drawback|shortcoming|inadequa|flaw|dispute|disagree|refute|contest|question(s|ed|able)?\b|weakness|"
    r"allude|suggest|point(s|ed)? out|not(e|es|ed) that|mention|however|whereas|"
    r"(but|while|although)\b.{0,80}\b(we|our|this (paper|article|study))\b)",
    re.IGNORECASE,
)
CONTRAST = re.compile(
    r"\b(unlike|in contrast|contrary|differ\w*|instead|rather than|however|but|whereas|although|while|extend\w*|"
    r"improv\w*|than|challeng\w*|question\w*|not)\b",
    re.IGNORECASE,
)
CRITIQUE = re.compile(
    r"\b(critique|critici[sz]|criticism|critical of|argu\w* against|fail\w* to|neglect|overlook|"
    r"ignor(e|es|ed|ing)\b|problematic|challeng|unlike|in contrast|contrary|limitation|limits of|drawback|"
    r"shortcoming|inadequa|flaw|disagree|refute|contest|weakness|"
    r"(but|however|while|although|whereas|yet)\b.{0,120}\b(we|our|this (paper|article|study)|here|I)\b)",
    re.IGNORECASE,
)
SIZES = {"direction": 135, "random": 75, "target": 90}


def draw(data: Path) -> list[dict]:
    taken = taken_before("wave5")  # the gold as it was before this draw
    everything: dict[str, list[dict]] = {}
    long: dict[str, list[dict]] = {}  # 601-1,000 characters, for the last sample only
    for f, (t, extract) in sorted(texts(data).items()):
        for a, b in sentences(t):
            s = t[a:b]
            if len(s) > 1000 or len(s) < 40 or re.search(r"\bdoi\b|https?:|Vol\. \d|pp\. \d+[-–]\d+", s):
                continue
            if REFLINE.search(s) or any(a < y and x < b for x, y in taken.get(f, [])):
                continue
            cs = cites(s)
            if cs:
                row = dict(file=f, offset=a, length=b - a, cite=list(cs[0]), text=s, extract=extract)
                (long if len(s) > 600 else everything).setdefault(f, []).append(row)
    out: list[dict] = []
    rng = random.Random(501)
    drawn: list[dict] = []
    for f in sorted(everything):
        pool = [r for r in everything[f] if DIRECTION.search(r["text"])]
        drawn += rng.sample(pool, min(3, len(pool)))
    for row in rng.sample(drawn, min(SIZES["direction"], len(drawn))):
        out.append({**row, "sample": "direction", "split": "heldout", "batch": "wave5"})
    seen = {(r["file"], r["offset"]) for r in out}
    rng = random.Random(502)
    drawn = []
    for f in sorted(everything):
        pool = [r for r in everything[f] if (f, r["offset"]) not in seen]
        drawn += rng.sample(pool, min(2, len(pool)))
    for row in rng.sample(drawn, min(SIZES["random"], len(drawn))):
        out.append({**row, "sample": "random", "split": "heldout", "batch": "wave5"})
    # drawn after the two above were labelled (4 critiques in 166): the narrower critique patterns
    seen = {(r["file"], r["offset"]) for r in out}
    rng = random.Random(503)
    drawn = []
    for f in sorted(everything):
        pool = [r for r in everything[f] if (f, r["offset"]) not in seen and (
            TARGET.search(r["text"]) or (FIRST.search(r["text"]) and CONTRAST.search(r["text"])))]
        drawn += rng.sample(pool, min(4, len(pool)))
    for row in rng.sample(drawn, min(SIZES["target"], len(drawn))):
        out.append({**row, "sample": "target", "split": "heldout", "batch": "wave5"})
    # last, after ``target`` was labelled: all that is left of critique vocabulary, no cap
    seen = {(r["file"], r["offset"]) for r in out}
    for f in sorted(set(everything) | set(long)):
        for r in sorted(everything.get(f, []) + long.get(f, []), key=lambda r: r["offset"]):
            if (f, r["offset"]) not in seen and CRITIQUE.search(r["text"]):
                out.append({**r, "sample": "rest", "split": "heldout", "batch": "wave5"})
    return out


def main() -> int:
    return sampler_main(__doc__, "wave5", draw, ("sample", "cite", "length"))

if __name__ == "__main__":
    raise SystemExit(main())
