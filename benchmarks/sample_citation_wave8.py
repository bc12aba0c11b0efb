"""Draw the wave-8 citation-function sentences (issue 19): a fresh TRAINING batch, not in the gold file, labelled blind.

Every row is ``"split": "tune"``: wave 7 is the held-out test set, and this batch is training data for the
citation-function model, drawn to hold as many real ``critiques`` (the citing authors against the cited work) and
``supports`` as the sources give.  Sources are those of wave 7 (the seeds, the gentrification texts, the CC BY PDFs,
``pdfs/urban_studies``, ``pdfs/geography``, the 50 EXCITE PDFs, the author-year papers of ``pdfs/misc`` and the JOSS
PDFs; PDF text by ``pdftotext FILE -``).  Candidates come from the sentence splitter and author-year pattern of
``sample_citation_sentences.py``: 40-600 characters, overlapping no gold sentence of any earlier batch, wave 7
included (``taken_before("wave8")``), and not junk by wave 6's filters (``junk_kind``) and stricter reference-line
test (``reference_like``), dropped before drawing and counted by kind.  Three samples, drawn one after another from
what the earlier ones left, at most 5 sentences per paper in all:

- ``random`` (seed 801, at most 1 per paper): any candidate, the natural mix;
- ``critique_syntax`` (seed 802, at most 3 per paper, the *strong* forms first, then the *weak* ones): sentences
  where the citing authors may speak against a cited work, found by the sentence's structure rather than single
  words.  Strong (``CRITIQUE_STRONG_FORMS``): a contrast that opens onto a work ("unlike", "in contrast to/with",
  "contrary to", "as opposed to", "departing/departs from", "differs from", "in opposition to", "against the
  view"); "While/Whereas/Although X ... we/our/this paper"; a citation followed by "but/however/yet/although/while"
  and then an evaluative word (``EVALUATIVE``: limited, narrow, partial, problematic, misleading, static, reductive,
  overlooks, ignores, neglects, fails, cannot explain, does not account, lacks, insufficient, inadequate,
  simplistic, overly, incomplete, questionable, ...); an evaluative word with the citing authors (``FIRST``: we,
  our, I, this paper/study/article/research, the present study, here) in the sentence.  Weak: the citing authors
  and a contrast or negation (``CONTRAST``: but, however, yet, although, though, while, whereas, rather than,
  instead, not, cannot, differ, depart, beyond, disagree) in the same sentence as the citation; or a neutral
  citation sentence whose next sentence opens with a contrast ("However/But/Yet/In contrast/Instead/Contrary to"
  or "This view/argument/approach/...") holding the authors or an evaluative word, or whose previous sentence
  holds the authors with a contrast-opening form or an evaluative word (``neighbour_contrast``).  The row is the
  citation sentence only.
- ``support_syntax`` (seed 803, at most 1 per paper): agreement forms (``SUPPORT``: consistent with, confirm(s/ed),
  in line with, in agreement with, in accord(ance) with, agree(s) with, echo(es/ing), corroborate, replicate,
  similar to, mirrors, resonates with, as X found/showed/demonstrated/reported/observed, supports/lends support,
  our results support) with the citing authors or their results (``OWN``: first person, "this/these/the
  result(s)/finding(s)/pattern(s)", a sentence opening with This/These/Our) or the form "As X (year) found/showed".

A second round, drawn after the first 295 were labelled (66 junk, 229 labelled, only 10 critiques), added
``critique_syntax2`` (seed 804, at most 2 more per paper, 5 per paper in all): candidates with a comparison to a
work (more/less/better ... than, than that of, outperform, improve on, compared with, different from), an
assumption or "only" (only considered/examined/focused ...), a concession (although, though, while, whereas,
despite, even if), a stronger critique word (critic*, challenge, question, dispute, contest, refute, reject,
disagree, debate, controversy) or prior work named (previous/existing/most ... studies/approaches/literature)
(``ROUND2``).  The pool is nearly spent: earlier batches took most citing sentences with critique vocabulary
(before this draw, 33 of the 42 candidate sentences with "unlike/in contrast/contrary to/..." were gold already),
and after both rounds no strong form and 128 weak-form candidates are left, 85 of them in papers at the cap.

Of 355 drawn (random 75, critique_syntax 180, support_syntax 40, critique_syntax2 60), 272 were labelled (51, 140,
38, 43) from 99 papers and 83 left out: garbled text (two-column interleaving, footnotes, headings, abstracts or
affiliations run in, a citation split by the layout) 30, reference-list lines 13, a citation belonging to the
previous sentence or quotation 10, running heads read as the citation or inside it 10, a date or data period read
as the citation 5, not a citation (a declaration, a web page, a parenthetical list of events) 5, interview or
personal-communication attributions 3, table rows 2, a table source line 1, a figure caption 1, a citation cut
by the sentence splitter 1, an e-mail/URL line 1, a duplicate of a labelled sentence (the same sentence printed
twice in one paper) 1.  Before drawing, the filters dropped 579 reference lines (``junk_kind``), 420 more by the
strict test (``reference_like``), 265 URL/DOI/volume strings, 35 running heads and 19 captions.  Labels: 203
background, 32 uses, 26 supports, 11 critiques (as background/uses/supports/critiques: random 44/4/2/1,
critique_syntax 104/20/8/8, support_syntax 16/5/16/1, critique_syntax2 39/3/0/1); 44 ``"doubtful": true`` (18
background, 13 uses, 7 supports, 6 critiques); 81 rows carry a ``note``, 12 of them ``"neighbour: ..."``: a
neutral citation sentence whose next sentence sets the authors against the cited work (labelled ``background``,
doubtful, by the rule below).  All 272 are ``"split": "tune"``, ``"batch": "wave8"``.

Labelling (by hand, blind: litmap's classifier was never run on these sentences nor its output read) follows
``docs/citation-function.md``.  Rules applied where direction is the point: a critique the sentence *reports*
("X has been criticised for ... (Y)", "Y criticises X") is ``background`` for both the critic and the criticised
work unless the citing authors take it up in the same sentence ("as Y rightly argues", "we share Y's criticism of X"
-> ``supports`` for Y); the label is what *this sentence* does: where only the neighbouring sentence sets the
authors against the cited work, the row is ``background``, ``"doubtful": true`` with a ``note`` saying so;
sentence-initial "However" answering the previous sentence is discourse; two cited works compared with the authors
silent is ``background``.

Prints one line per sentence, citation in ``[[ ]]``; ``--json`` writes the rows (without label) for annotation;
``--check`` verifies that every wave-8 gold row is re-drawn.

    python benchmarks/sample_citation_wave8.py [--data ../shared/data] [--json rows.jsonl] [--check]
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_citation_wave6 import candidates, wave_main  # noqa: E402

FIRST = re.compile(r"\b([Ww]e|[Oo]ur|[Uu]s|I|[Tt]his (paper|article|study|research|chapter|analysis|essay)|"
                   r"[Tt]he present (paper|article|study|research|analysis)|[Hh]ere)\b")
CONTRAST = re.compile(r"\b(but|however|yet|although|though|while|whereas|rather than|instead|not|cannot|\w+n't|"
                      r"differ\w*|depart\w*|beyond|disagree\w*)\b", re.IGNORECASE)
OPENS_CONTRAST = re.compile(r"\b(unlike|in contrast (to|with)|contrary to|as opposed to|depart(s|ed|ing)? from|"
                            r"differs? from|in opposition to|against the (view|argument|claim|idea)s?)\b", re.IGNORECASE)
EVALUATIVE = re.compile(
    r"\b(limited|narrow(ly)?|partial|problematic|misleading|static|reductive|reductionis\w*|overlook\w*|"
    r"ignor(e|es|ed|ing)|neglect\w*|fail(s|ed)?|cannot (explain|account|capture)|unable to|lack(s|ed|ing)?|"
    r"insufficient\w*|inadequa\w*|simplistic|oversimplif\w*|overly|too (narrow|broad|simple|static|general)|"
    r"does not (explain|account|consider|address|capture)|do not (explain|account|consider|address|capture)|"
    r"underestimat\w*|overstat\w*|exaggerat\w*|obscur\w*|flaw\w*|questionable|restrictive|one-sided|biased|"
    r"incomplete|shortcoming\w*|weakness\w*|drawback\w*|unconvincing|untenable|problem with)\b",
    re.IGNORECASE,
)
BUT = re.compile(r"\b(but|however|yet|although|though|while|whereas)\b", re.IGNORECASE)
WHILE_WE = re.compile(r"^\W*(While|Whereas|Although|Though|Where)\b.*\b([Ww]e|[Oo]ur|I|[Tt]his (paper|article|study|"
                      r"research)|[Hh]ere)\b")
NEXT_OPENS = re.compile(r"^\W*(However|But|Yet|In contrast|Instead|Contrary to|Unlike|Nevertheless|Nonetheless|"
                        r"This (view|argument|approach|account|perspective|literature|work|model|assumption|claim|"
                        r"reading|interpretation|framing|method)|These (studies|accounts|approaches|arguments|"
                        r"views|models|works))\b")
SUPPORT = re.compile(
    r"\b(consistent with|confirm(s|ed|ing)?|in line with|in agreement with|in accord(ance)? with|agree(s|ing)? with|"
    r"echo(es|ed|ing)?|corroborat\w*|replicat\w*|similar to|mirror(s|ed|ing)?|resonat\w* with|"
    r"(lends?|lent|provides?|adds?) (further |additional |some )?support|support(s|ed|ing)? (the|previous|earlier|"
    r"prior|existing|recent) (finding|result|work|stud|argument|claim|observation|conclusion)\w*|"
    r"(our|these|the) (results?|findings?|data|analysis) (support|corroborate|confirm|echo|mirror)\w*)\b",
    re.IGNORECASE,
)
OWN = re.compile(r"\b([Ww]e|[Oo]ur|I|[Tt]his (paper|article|study|research)|[Tt]he present|"
                 r"([Tt]his|[Tt]hese|[Tt]he) (results?|findings?|patterns?|observations?|estimates?))\b|^\W*(This|These|Our)\b")
AS_FOUND = re.compile(r"\b[Aa]s\s+[^.;]{0,80}?\((19|20)\d\d[a-z]?\)\s+(also\s+)?(found|show(s|ed)?|"
                      r"demonstrat\w+|report\w*|observ\w+|note[sd]?|argue[sd]?|suggest\w*|predict\w*)")
# second round (drawn after the first 295 were labelled: 10 critiques in 229): comparisons with a cited work,
# assumptions and "only", concessions, the stronger critique words and gap statements about prior work
ROUND2 = re.compile(
    r"\b(than (that|those) (of|in|by)|more \w+ than|less \w+ than|better than|outperform\w*|improv\w+ (on|over|upon)|"
    r"advantages? over|superior to|in comparison (to|with)|compared (to|with)|an improvement|differen(t|ce|ces) "
    r"(from|to|with|between)|only (consider|examin|focus|us|look|address|stud)\w*|assum(e|es|ed|ing|ption|ptions)|"
    r"although|though|while|whereas|despite|even if|critic\w*|critique\w*|challeng\w*|question\w*|disput\w*|"
    r"contest\w*|refut\w*|reject\w*|disagree\w*|debat\w*|controvers\w*|(previous|prior|earlier|existing|past|most|"
    r"many|these|such) (studies|work|research|approaches|methods|models|accounts|literature|analyses|scholarship))\b",
    re.IGNORECASE,
)
SIZES = {"random": 75, "critique_syntax": 180, "support_syntax": 60, "critique_syntax2": 60}
CAPS = {"random": 1, "critique_syntax": 3, "support_syntax": 2}


def critique_strength(s: str, cite: tuple[int, int], prev: str, nxt: str) -> int:
    """2 for a strong critique form, 1 for a weak one, 0 for none (see the module docstring)."""
    if OPENS_CONTRAST.search(s) or WHILE_WE.search(s):
        return 2
    after = s[cite[0]:]
    but = BUT.search(after)
    if but and EVALUATIVE.search(after[but.end():]):
        return 2
    if EVALUATIVE.search(s) and FIRST.search(s):
        return 2
    if FIRST.search(s) and CONTRAST.search(s) or EVALUATIVE.search(s) or but:
        return 1
    if NEXT_OPENS.search(nxt):
        return 1
    if FIRST.search(prev) and (OPENS_CONTRAST.search(prev) or EVALUATIVE.search(prev) or BUT.search(prev)):
        return 1
    return 0


def supports_form(s: str) -> bool:
    return bool(SUPPORT.search(s) or AS_FOUND.search(s))


def draw(data: Path, dropped: Counter[str] | None = None) -> list[dict]:
    everything = candidates(data, "wave8", dropped, extra=lambda s, cite, prev, nxt: {
        "critique": critique_strength(s, cite, prev, nxt), "support": supports_form(s)})
    out: list[dict] = []
    for sample, seed in (("random", 801), ("critique_syntax", 802), ("support_syntax", 803)):
        seen = {(r["file"], r["offset"]) for r in out}
        per_paper = Counter(r["file"] for r in out)
        rng = random.Random(seed)
        drawn: list[dict] = []
        for f in sorted(everything):
            cap = min(CAPS[sample], 5 - per_paper[f])
            free = [r for r in everything[f] if (f, r["offset"]) not in seen]
            if sample == "random":
                drawn += rng.sample(free, min(cap, len(free)))
            elif sample == "critique_syntax":
                for tier in (2, 1):
                    pool = [r for r in free if r["critique"] == tier]
                    got = rng.sample(pool, min(cap, len(pool)))
                    drawn += got
                    cap -= len(got)
            else:
                pool = [r for r in free if r["support"]]
                drawn += rng.sample(pool, min(cap, len(pool)))
        for row in rng.sample(drawn, min(SIZES[sample], len(drawn))):
            clean = {k: v for k, v in row.items() if k not in ("critique", "support")}
            out.append({**clean, "sample": sample, "split": "tune", "batch": "wave8"})
    # second round, drawn after the first was labelled: up to 2 more per paper, 5 per paper in all
    seen = {(r["file"], r["offset"]) for r in out}
    per_paper = Counter(r["file"] for r in out)
    rng = random.Random(804)
    drawn = []
    for f in sorted(everything):
        pool = [r for r in everything[f] if (f, r["offset"]) not in seen and ROUND2.search(r["text"])]
        drawn += rng.sample(pool, min(2, 5 - per_paper[f], len(pool)))
    for row in rng.sample(drawn, min(SIZES["critique_syntax2"], len(drawn))):
        clean = {k: v for k, v in row.items() if k not in ("critique", "support")}
        out.append({**clean, "sample": "critique_syntax2", "split": "tune", "batch": "wave8"})
    return out


def main() -> int:
    return wave_main(__doc__, "wave8", draw)


if __name__ == "__main__":
    raise SystemExit(main())
