"""Draw the wave-7 citation-function sentences (issue 19): a fresh batch, not in the gold file, labelled blind.

Drawn so that *direction matters*: critiques and contrasts are rare in random samples, and wave 6's contrast
vocabulary (``CONTRAST`` of ``sample_citation_wave6.py``) was nearly used up, so this batch widens it.  Sources
are those of wave 6 (the seeds, the gentrification texts, the CC BY PDFs, ``pdfs/urban_studies``,
``pdfs/geography``, the 50 EXCITE PDFs, the author-year papers of ``pdfs/misc`` and the JOSS PDFs; PDF text
by ``pdftotext FILE -``).  Candidates come from the sentence splitter and author-year pattern of
``sample_citation_sentences.py``: 40-600 characters, overlapping no gold sentence of any earlier batch
(``taken_before("wave7")``), and not junk: wave 6's filters (``junk_kind``: reference-list lines, URL/volume
strings, running heads, captions, a date range as the citation) and its stricter reference-line test
(``reference_like``) are applied before drawing and the drops counted by kind.  Three samples, drawn one after
another from what the earlier ones left, at most 4 sentences per paper in all:

- ``random`` (seed 701, at most 1 per paper): any candidate, the natural mix;
- ``critique_wide`` (seed 702, at most 2 per paper): candidates with a word of the wider critique/contrast
  vocabulary ``CRITIQUE_WIDE``: wave 6's list (unlike, in contrast, however, fail, neglect, critic*,
  limitation, problematic, overlook, ignore, whereas) plus challenge, question, problem, limit, shortcoming,
  drawback, weakness, overstate, exaggerate, underestimate, overestimate, downplay, miss, reductive/
  reductionist, simplistic, oversimplify, too narrow/broad/simple, insufficient, inadequate, lack, contrary to,
  rather than, debate, disagree, contest, dispute, refute, reject, misleading, misread, flawed, critique/
  criticise/criticize, counter, instead, but, yet, although, though, depart from, differ from, go beyond;
- ``support_use`` (seed 703, at most 1 per paper): candidates with agreement or use vocabulary that wave 6's
  ``USES`` list does not hold (``SUPPORT_USE``): draw on, build on, based on, employ, utilise/utilize,
  implement, adapt, borrow, inspired by, introduced/developed/proposed/defined/suggested/described/
  conceptuali[sz]ed by, according to, similar(ly) to, echo, corroborate, replicate, accord with, in keeping
  with, resonate, concur, reinforce, extend, akin to, mirror, parallel, compatible, as shown/demonstrated/
  noted/argued by, framework, definition, operationali[sz]e, notion of, concept of, approach of, model of,
  we take, we rely, relies on.

A second round, drawn after the first 275 were labelled (45 junk, 230 labelled, only 10 critiques), added
``critique_strong`` (seed 704): candidates with the stronger words (``CRITIQUE_STRONG``: the critique words above
without the bare *but, yet, instead, rather than, problem, limit, lack, debate*, plus *does not, did not, cannot,
not (yet) explored/addressed/considered*, *too coarse/large/small* and "however/but/while/although ... we/our/this
paper/here"), filling each paper up to 4 sentences in all.  ``SIZES`` are caps on the pooled draws.

Of 329 drawn (random 70, critique_wide 135, support_use 70, critique_strong 54), 275 were labelled (54, 114, 62,
45) from 107 papers and 54 left out: garbled text (two-column interleaving, footnotes or headings run in, a
citation split by the layout) 13, a citation belonging to the previous sentence or quotation 8, reference-list
lines 16, running heads read as the citation or inside it 6, a date or data period read as the citation 4, not a
citation (a declaration, events, a data file) 4, interview or personal-communication attributions 2, a table
source line 1.  Before drawing, the filters dropped 579 reference lines (``junk_kind``), 420 more by the strict
test (``reference_like``), 265 URL/DOI/volume strings, 35 running heads and 19 captions.  Labels: 216 background,
37 uses, 7 supports, 15 critiques (random 44/8/1/1, critique_wide 97/8/1/8, support_use 39/18/4/1, critique_strong
36/3/1/5 as background/uses/supports/critiques); 32 ``"doubtful": true`` (13 background, 10 uses, 5 supports, 4
critiques).  Split: 134 tune (109 background, 14 uses, 2 supports, 9 critiques), 141 heldout (107, 23, 5, 6).
Direction was the point of many rows: a ``note`` says why where it was (the cited work as the critic, "Despite
X ..., we find", "unlike X, we", a gap in the field rather than a fault of the cited work, two cited works
compared).  Rows carry ``"batch": "wave7"``; ``split`` is by paper as in wave 6
(the SHA-1 of the file path relative to the data folder, first hex digit even -> ``tune``, odd ->
``heldout``).  Labelled by hand, blind (litmap's classifier was never run on them, nor any litmap output read
for them), under the rules of ``docs/citation-function.md``.  Prints one line per sentence, citation in
``[[ ]]``; ``--json`` writes the rows (without label) for annotation; ``--check`` verifies that every wave-7
gold row is re-drawn.

    python benchmarks/sample_citation_wave7.py [--data ../shared/data] [--json rows.jsonl] [--check]
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_citation_wave6 import candidates, split_of, wave_main  # noqa: E402

CRITIQUE_WIDE = re.compile(
    r"\b(unlike|in contrast|however|fail\w*|neglect\w*|critic\w*|critique\w*|limitation\w*|problematic|"
    r"overlook\w*|ignor(e|es|ed|ing)|whereas|challeng\w*|question\w*|problem\w*|limit(s|ed)?|shortcoming\w*|"
    r"drawback\w*|weakness\w*|overstat\w*|exaggerat\w*|underestimat\w*|overestimat\w*|downplay\w*|"
    r"miss(es|ed|ing)?|reductiv\w*|reductionis\w*|simplistic|oversimplif\w*|too (narrow|broad|simple)\w*|"
    r"insufficient\w*|inadequa\w*|lack\w*|contrary to|rather than|debat\w*|disagree\w*|contest\w*|disput\w*|"
    r"refut\w*|reject\w*|misleading|misread\w*|flaw\w*|counter\w*|instead|but|yet|although|though|"
    r"depart(s|ed|ing)? from|differ(s|ed|ing)? from|go(es)? beyond)\b",
    re.IGNORECASE,
)
SUPPORT_USE = re.compile(
    r"\b(draw(s|ing)? on|drew on|buil(d|ds|ding|t) (up)?on|based on|employ\w*|utili[sz]\w*|implement\w*|"
    r"adapt\w*|borrow\w*|inspired by|(introduced|developed|proposed|defined|suggested|described|"
    r"conceptuali[sz]ed) by|according to|similar(ly)? to|echo\w*|corroborat\w*|replicat\w*|accords? with|"
    r"in keeping with|resonat\w*|concur\w*|reinforc\w*|extend\w*|akin to|mirror\w*|parallel\w*|compatible|"
    r"as (shown|demonstrated|noted|argued) by|framework\w*|definition\w*|operationali[sz]\w*|notion of|"
    r"concept of|approach of|model of|we take|we rely|rel(y|ies|ied) on)\b",
    re.IGNORECASE,
)
# second round (drawn after the first 275 were labelled: 10 critiques in 230): the stronger words of the list above
# and the authors set against a citation, without the bare "but/yet/instead/rather than/problem/limit/lack/debate"
# that had filled the first round with background
CRITIQUE_STRONG = re.compile(
    r"\b(critic\w*|critique\w*|fail(s|ed)? to|neglect\w*|overlook\w*|ignor(e|es|ed|ing)|problematic|shortcoming\w*|"
    r"drawback\w*|weakness\w*|overstat\w*|exaggerat\w*|underestimat\w*|overestimat\w*|downplay\w*|reductiv\w*|"
    r"reductionis\w*|simplistic|oversimplif\w*|too (narrow|broad|simple|large|small|coarse)|insufficient\w*|inadequa\w*|"
    r"contrary to|disagree\w*|contest\w*|disput\w*|refut\w*|reject\w*|misleading|misread\w*|flaw\w*|unlike|"
    r"in contrast|challeng\w*|questionabl\w*|limitation\w*|lack(s|ed|ing)? of|not (yet )?(been )?(explored|addressed|"
    r"considered|examined|account\w*)|does not|did not|do not|cannot|(however|but|yet|while|whereas|although|though)\b"
    r"[^.]{0,100}\b(we|our|this (paper|article|study|research)|the present|here)\b)",
    re.IGNORECASE,
)
SIZES = {"random": 70, "critique_wide": 135, "support_use": 70, "critique_strong": 60}


def draw(data: Path, dropped: Counter[str] | None = None) -> list[dict]:
    everything = candidates(data, "wave7", dropped)
    out: list[dict] = []
    for sample, seed, cap, pat in (("random", 701, 1, None), ("critique_wide", 702, 2, CRITIQUE_WIDE),
                                    ("support_use", 703, 1, SUPPORT_USE)):
        seen = {(r["file"], r["offset"]) for r in out}
        rng = random.Random(seed)
        drawn: list[dict] = []
        for f in sorted(everything):
            pool = [r for r in everything[f] if (f, r["offset"]) not in seen and (pat is None or pat.search(r["text"]))]
            drawn += rng.sample(pool, min(cap, len(pool)))
        for row in rng.sample(drawn, min(SIZES[sample], len(drawn))):
            out.append({**row, "sample": sample, "split": split_of(row["file"]), "batch": "wave7"})
    # second round, drawn after the first was labelled: up to 4 per paper in all from ``CRITIQUE_STRONG``
    per_paper = Counter(r["file"] for r in out)
    seen = {(r["file"], r["offset"]) for r in out}
    rng = random.Random(704)
    drawn = []
    for f in sorted(everything):
        pool = [r for r in everything[f] if (f, r["offset"]) not in seen and CRITIQUE_STRONG.search(r["text"])]
        drawn += rng.sample(pool, min(4 - per_paper[f], len(pool)))
    for row in rng.sample(drawn, min(SIZES["critique_strong"], len(drawn))):
        out.append({**row, "sample": "critique_strong", "split": split_of(row["file"]), "batch": "wave7"})
    return out


def main() -> int:
    return wave_main(__doc__, "wave7", draw)


if __name__ == "__main__":
    raise SystemExit(main())
