"""Draw the wave-6 citation-function sentences (issue 19): a fresh batch, not in the gold file, labelled blind.

The wave-5 batch showed the classifier failing across fields: its misses were method-attribution ``uses``
forms in social-science and GIS papers ("a scale of ... (Feagin, 1964)", "techniques identified by X", "the
method suggested by X", "coined by X") and ``supports`` forms ("This agrees with the results from X").  So
this batch draws broadly: the sources of ``sample_citation_wave4.py`` (seeds, gentrification texts, the CC
BY PDFs, ``pdfs/urban_studies``, ``pdfs/geography``, the 50 EXCITE social-science PDFs) plus the author-year
NLP/CS papers of ``pdfs/misc`` and the JOSS papers (``pdfs/joss/*/*.pdf``), PDF text by ``pdftotext FILE -``.
Candidates come from the sentence splitter and author-year pattern of ``sample_citation_sentences.py``:
40-600 characters, overlapping no gold sentence of any earlier batch, and not junk.  Junk is dropped before
labelling and counted by kind (``JUNK``): reference-list lines, running heads ("Applied Geography 58 (2015)",
"Urban Studies 45(3)"), a date range or data period as the only "citation", figure/table captions, URLs and
volume/page strings.  Three samples, at most 4 sentences per paper in all:

- ``random`` (seed 601, at most 1 per paper): any candidate, the natural mix;
- ``uses_supports`` (seed 602, at most 1 per paper): candidates with use or agreement vocabulary
  (``USES``: use, apply, adopt, follow, method, measure, scale, data from, drawn from, as in, consistent
  with, agree, confirm, support, in line with);
- ``contrast`` (seed 603, at most 2 per paper): candidates with critique or contrast vocabulary
  (``CONTRAST``: unlike, in contrast, however, fail, neglect, critic*, limitation, problematic, overlook,
  ignore, whereas).

A second round, drawn after the first 287 were labelled (70 of them junk, 217 labelled), added
``uses_supports2`` (seed 604) and ``contrast2`` (seed 605), one more sentence of each vocabulary per paper with
at most 4 per paper in all, with a stricter reference-line test (``reference_like``: a bare year after
initials, publisher or journal strings); the contrast vocabulary was nearly used up (1 row).  Sizes
(``SIZES``) are caps on the pooled draws.

Of 358 drawn (random 110, uses_supports 110, contrast 67, uses_supports2 70, contrast2 1), 277 were labelled
(72, 91, 54, 59, 1) from 112 papers and 81 left out: reference-list lines 42, garbled text (two-column
interleaving, footnotes run in, a citation without its author) 16, a date or data period read as the citation
9, running heads 5, tables/captions 3, a quotation's citation belonging to the previous sentence 2, interview
attributions 2, not a citation (publisher, data source) 2.  Before drawing, the filters dropped 579 reference
lines, 265 URL/DOI/volume strings, 35 running heads and 19 captions (plus 19 by the round-2 test).  Labels:
213 background, 39 uses, 12 supports, 13 critiques; 38 ``"doubtful": true``.  Labelled by hand, blind
(litmap's classifier was never run on them, nor any litmap output read for them), under the rules of
``docs/citation-function.md``; rows carry ``"batch": "wave6"``.  ``split`` is by paper: the SHA-1 of the file path (relative to the
data folder), first hex digit even -> ``tune`` (training data for a learned model), odd -> ``heldout``
(scored once).  Prints one line per sentence, citation in ``[[ ]]``; ``--json`` writes the rows (without
label) for annotation; ``--check`` verifies that every wave-6 gold row is re-drawn.

    python benchmarks/sample_citation_wave6.py [--data ../shared/data] [--json rows.jsonl] [--check]
"""

from __future__ import annotations

import glob
import hashlib
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from collections.abc import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_citation_sentences import cites, sampler_main, sentences, taken_before  # noqa: E402
from sample_citation_wave4 import REFLINE, texts  # noqa: E402

USES = re.compile(
    r"\b(us(e|es|ed|ing)|appl(y|ies|ied|ying)|adopt\w*|follow\w*|methods?|measur\w*|scales?|data from|"
    r"drawn from|as in|consistent with|agree\w*|confirm\w*|support\w*|in line with)\b",
    re.IGNORECASE,
)
CONTRAST = re.compile(
    r"\b(unlike|in contrast|however|fail\w*|neglect\w*|critic\w*|limitation\w*|problematic|overlook\w*|"
    r"ignor(e|es|ed|ing)|whereas)\b",
    re.IGNORECASE,
)
JUNK = {
    "url_or_volume": re.compile(r"\bdoi\b|https?:|www\.|Vol\. \d|pp\. \d+[-–]\d+"),
    "running_head": re.compile(
        r"(Applied Geography|Urban Studies|Environment and Planning|Journal of [A-Z]\w+( [A-Z]\w+)*|"
        r"Geographical Analysis|Cartography and Geographic|International Journal|Computers,? Environment|"
        r"Annals of|Population Research|Demography|Cities|Housing Studies|Sociological|Proceedings)"
        r"\s*\d+\s*(\(\d+\))?\s*[\(,]?\s*(19|20)\d\d\)?"),
    "caption": re.compile(r"^\W*(Fig\.?|Figure|Table|Tab\.|Source:|Note:|Notes:)\s*\d*", re.IGNORECASE),
}
DATE_RANGE = re.compile(r"^\(?(19|20)\d\d\s*[-–/]\s*(19|20)?\d\d\)?$")
SIZES = {"random": 110, "uses_supports": 110, "contrast": 110, "uses_supports2": 70, "contrast2": 70}
# second round only (drawn after the first 287 were labelled, 70 of them junk, 43 reference-list lines): a bare
# year as the citation right after initials ("Reuillon, R., Leclaire, M. (2013).") or a publisher/editor string
BARE_YEAR = re.compile(r"^\(?(May |June )?(19|20)\d\d[a-z]?\)?\.?$")
AFTER_INITIALS = re.compile(r"(\b[A-Z]\.\s*(,|&|and)?\s*$)|(\b[A-Z]\.,?\s+(&\s+|and\s+)?[A-Z][\w'’\-]+,?\s*$)")
PUBLISHER = re.compile(r"\b(Press|Publishers|Publications|\(eds?\.?\)|In:|Journal of|Review of|Phys\.|Lett\.)")


def more_texts(data: Path) -> dict[str, tuple[str, str | None]]:
    """The author-year PDFs beyond wave 4's sources: ``pdfs/misc`` and ``pdfs/joss``."""
    out: dict[str, tuple[str, str | None]] = {}
    pdfs = sorted(glob.glob(str(data / "pdfs/misc/*/*.pdf"))) + sorted(glob.glob(str(data / "pdfs/joss/*/*.pdf")))
    for p in pdfs:
        run = subprocess.run(["pdftotext", p, "-"], capture_output=True, text=True, check=False)
        if run.returncode == 0 and len(run.stdout) > 2000:
            out[os.path.relpath(p, data)] = (run.stdout, "pdftotext")
    return out


def split_of(path: str) -> str:
    return "tune" if int(hashlib.sha1(path.encode("utf-8")).hexdigest()[0], 16) % 2 == 0 else "heldout"


def junk_kind(s: str, cite: tuple[int, int]) -> str | None:
    if REFLINE.search(s):
        return "reference_line"
    for kind, pat in JUNK.items():
        if pat.search(s):
            return kind
    if DATE_RANGE.match(s[cite[0]:cite[1]].strip()):
        return "date_range"
    return None


def reference_like(s: str, cite: tuple[int, int]) -> bool:
    """The second round's stricter reference-list test (not applied to the first round, to keep it re-drawable)."""
    if PUBLISHER.search(s):
        return True
    return bool(BARE_YEAR.match(s[cite[0]:cite[1]].strip()) and AFTER_INITIALS.search(s[max(0, cite[0] - 60):cite[0]]))


def candidates(data: Path, batch: str, dropped: Counter[str] | None = None, *, strict: bool = True,
               extra: Callable[[str, tuple[int, int], str, str], dict] | None = None) -> dict[str, list[dict]]:
    """The candidate citing sentences of every source text, by file, for the draw of ``batch``: 40-600
    characters, overlapping no gold sentence of an earlier batch, with a citation, and not junk (counted by kind
    in ``dropped``; ``strict`` adds the round-2 reference-line test).  ``extra(sentence, cite, previous, next)``
    adds fields to each row."""
    taken = taken_before(batch)  # the gold as it was before this draw
    everything: dict[str, list[dict]] = {}
    for f, (t, extract) in sorted({**texts(data), **more_texts(data)}.items()):
        spans = list(sentences(t))
        for i, (a, b) in enumerate(spans):
            s = t[a:b]
            if len(s) > 600 or len(s) < 40 or any(a < y and x < b for x, y in taken.get(f, [])):
                continue
            cs = cites(s)
            if not cs:
                continue
            kind = junk_kind(s, cs[0]) or (
                "reference_line (strict)" if strict and reference_like(s, cs[0]) else None)
            if kind:
                if dropped is not None:
                    dropped[kind] += 1
                continue
            row = dict(file=f, offset=a, length=b - a, cite=list(cs[0]), text=s, extract=extract)
            if extra is not None:
                prev = t[spans[i - 1][0]:spans[i - 1][1]] if i > 0 else ""
                nxt = t[spans[i + 1][0]:spans[i + 1][1]] if i + 1 < len(spans) else ""
                row.update(extra(s, cs[0], prev, nxt))
            everything.setdefault(f, []).append(row)
    return everything


def wave_main(doc: str | None, batch: str, draw: Callable[[Path, Counter[str]], list[dict]]) -> int:
    """A wave sampler's command line (``sampler_main``), with the junk dropped before drawing on stderr."""
    dropped: Counter[str] = Counter()
    try:
        return sampler_main(doc, batch, lambda data: draw(data, dropped), ("sample", "cite", "length", "split"))
    finally:
        if dropped:
            print("junk dropped before drawing:", dict(dropped), file=sys.stderr)


def draw(data: Path, dropped: Counter[str] | None = None) -> list[dict]:
    everything = candidates(data, "wave6", dropped, strict=False)
    out: list[dict] = []
    for sample, seed, cap, pat in (("random", 601, 1, None), ("uses_supports", 602, 1, USES),
                                    ("contrast", 603, 2, CONTRAST)):
        seen = {(r["file"], r["offset"]) for r in out}
        rng = random.Random(seed)
        drawn: list[dict] = []
        for f in sorted(everything):
            pool = [r for r in everything[f] if (f, r["offset"]) not in seen and (pat is None or pat.search(r["text"]))]
            drawn += rng.sample(pool, min(cap, len(pool)))
        for row in rng.sample(drawn, min(SIZES[sample], len(drawn))):
            out.append({**row, "sample": sample, "split": split_of(row["file"]), "batch": "wave6"})
    # second round, drawn after the first was labelled: one more sentence of each vocabulary per paper,
    # at most 4 per paper in all, junk tested more strictly (``reference_like``)
    for sample, seed, pat in (("uses_supports2", 604, USES), ("contrast2", 605, CONTRAST)):
        seen = {(r["file"], r["offset"]) for r in out}
        per_paper = Counter(r["file"] for r in out)
        rng = random.Random(seed)
        drawn = []
        for f in sorted(everything):
            if per_paper[f] >= 4:
                continue
            pool = [r for r in everything[f] if (f, r["offset"]) not in seen and pat.search(r["text"])]
            kept = [r for r in pool if not reference_like(r["text"], tuple(r["cite"]))]
            if dropped is not None:
                dropped["reference_line (round 2, " + sample + " pool)"] += len(pool) - len(kept)
            drawn += rng.sample(kept, min(1, len(kept)))
        for row in rng.sample(drawn, min(SIZES[sample], len(drawn))):
            out.append({**row, "sample": sample, "split": split_of(row["file"]), "batch": "wave6"})
    return out


def main() -> int:
    return wave_main(__doc__, "wave6", draw)

if __name__ == "__main__":
    raise SystemExit(main())
