"""One name, one author, however it is printed (pure).

Reference lists print a family name in many ways: ``LANGFORD`` and
``Langford`` (capitals), ``SwyNGEDouw`` (small capitals read from a text
layer), ``Harvey.`` (a dot where a comma belongs), ``De Landa`` and
``DeLanda``, ``Yrjänä`` and ``Yrjana``.  Matching already ignores those
differences (:func:`litmap.parse.names.normalise_surname`); this module picks
the one form every printing of a name is shown as (:func:`author_forms`), so a
cited author is one node of the author co-citation network and one spelling
in labels and exports.

Scanned reference lists also misread names (``Cocurane`` for ``Cochrane``,
``Goopman`` for ``Goodman``).  :func:`misread_surnames` corrects such a name
against the rest of the corpus when the evidence is unambiguous: the name is
printed nowhere else, it sits in a paper read by OCR, and exactly one name a
letter or two away is printed by that paper's own in-text citations of the
entry or by other papers.  Short names (four letters or fewer: ``Li``,
``Liu``, ``Lin``, ``Wu``) are never corrected, so Chinese surnames stay
apart, as they do in works resolution.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence

from rapidfuzz.distance import Levenshtein

from litmap.corpus.name_plausibility import case_fixed, cleaned_name, name_doubt, odd_capitals, visibly_broken
from litmap.parse.names import display_surname, normalise_surname, shouted, strip_diacritics

__all__ = ["NamePrinting", "SurnameCorrection", "SuspectName", "author_forms", "misread_surnames",
           "noisy_documents", "ocr_suspects"]

#: A scanned list is noisy when at least this share of its names are visibly broken by OCR
#: (stray characters, misread small capitals, a name broken apart): there a misreading is likely.
NOISY_SHARE = 0.08

#: Names this short are never corrected (Li/Liu/Lin/Lu, Wu/Wei are different people).
MIN_CORRECTED_LENGTH = 5


def _rank(name: str, count: int) -> tuple[bool, bool, bool, bool, int, str]:
    """Sort key of a printed form: ordinary case first (no misread small capitals), no trailing dot,
    diacritics kept (``Yrjänä`` over ``Yrjana``), the most printed, then alphabetical."""
    bare = name.rstrip(".,;:")
    return (shouted(bare), odd_capitals(bare), bare != name, strip_diacritics(name) == name, -count, name)


def _shown(name: str) -> str:
    """The form a name is shown in: capitals and misread small capitals (``GerTLer``) in ordinary case."""
    return case_fixed(display_surname(name))


def author_forms(names: Iterable[str]) -> dict[str, str]:
    """Printed name → the form shown for every printing with its matching key.

    ``["LANGFORD", "Langford", "Langford"]`` → both ``"Langford"``;
    ``["SwyNGEDouw"]`` alone → ``"Swyngedouw"``; ``["GerTLer"]`` → ``"Gertler"``;
    ``["De Landa", "DeLanda", "DeLanda"]`` → ``"DeLanda"`` (the form printed most).
    """
    counts = Counter(n.strip() for n in names if n and n.strip())
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        by_key[normalise_surname(name)].append(name)
    out: dict[str, str] = {}
    for key, forms in by_key.items():
        if not key:
            for name in forms:
                out[name] = name
            continue
        best = min(forms, key=lambda n: _rank(n, counts[n]))
        shown = _shown(best)
        for name in forms:
            out[name] = shown
    return out


@dataclass(frozen=True)
class NamePrinting:
    """A family name printed in entry ``idx`` of paper ``doc_id``'s reference list, at author position ``pos``;
    ``ocr``: whether that entry's page was read by OCR (None: as its paper, ``ocr_documents``)."""

    doc_id: int
    idx: int
    pos: int
    name: str
    ocr: Optional[bool] = None
    organisation: bool = False


@dataclass(frozen=True)
class SuspectName:
    """``printed`` in entry ``idx`` of paper ``doc_id`` is likely an OCR misreading nothing could correct;
    ``reason`` says why (:func:`litmap.corpus.name_plausibility.name_doubt`)."""

    doc_id: int
    idx: int
    pos: int
    printed: str
    reason: str

    def describe(self) -> str:
        return f"{self.printed}: {self.reason}, read by OCR and printed by no other paper"


@dataclass(frozen=True)
class SurnameCorrection:
    """``printed`` in entry ``idx`` of paper ``doc_id`` read as ``corrected``; ``evidence`` says why."""

    doc_id: int
    idx: int
    pos: int
    printed: str
    corrected: str
    evidence: str

    def describe(self) -> str:
        return f"{self.printed} → {self.corrected} ({self.evidence})"


#: Letters OCR confuses in old typefaces (pairs, either way): "Smitn"/"Smith", "Locan"/"Logan",
#: "Jacops"/"Jacobs".  Vowels are not among them: "Petersen" and "Peterson" are two people.
_CONFUSED = frozenset(frozenset(p) for p in
                      "hn hu hb hk ce cg co bs bp dp li lt ij nu nr gq ft yv".split())
#: More pairs a noisy scan confuses ("Lerrner" for "Leitner", "Scorr" for "Scott"), trusted there only.
_NOISY_CONFUSED = _CONFUSED | frozenset(frozenset(p) for p in "rt ri ky".split())


def _misread_as(right: str, read: str, *, own_citation: bool, noisy: bool = False) -> bool:
    """Whether ``read`` can be an OCR misreading of ``right``: one confused letter
    (``_CONFUSED``) or, where the paper's own in-text citation prints ``right``,
    any one edit (two for names of eight letters or more) that does not make
    the name shorter.  In a ``noisy`` list, the own citation may differ by one edit more, and
    a name of seven letters or more printed by another paper may hold two confused letters
    (``Mototcu`` for ``Molotch``), from a few more pairs (``_NOISY_CONFUSED``)."""
    if own_citation:
        # Never a letter fewer in the citation ("Birkoff (1948)" in the text is the misreading
        # of a list's "Birkhoff"); a letter more is one the list lost ("Sassen-Koo.").  A noisy
        # scan misreads more letters ("Lerrner" for the text's "Leitner", "Boppy" for "Boddy").
        limit = (3 if len(read) >= 8 else 2) if noisy else (2 if len(read) >= 8 else 1)
        return len(read) <= len(right) <= len(read) + limit and Levenshtein.distance(right, read, score_cutoff=limit) <= limit
    if len(right) != len(read):
        return False
    diff = [(x, y) for x, y in zip(right, read) if x != y]
    if noisy:
        most = 2 if len(read) >= 7 else 1
        return 1 <= len(diff) <= most and all(frozenset(d) in _NOISY_CONFUSED for d in diff)
    return len(diff) == 1 and frozenset(diff[0]) in _CONFUSED


_POSSESSIVE = re.compile(r"['’]s?$")


def _on_ocr_page(p: NamePrinting, ocr: set[int]) -> bool:
    return p.ocr if p.ocr is not None else p.doc_id in ocr


def noisy_documents(printings: Sequence[NamePrinting], *, ocr_documents: Iterable[int] = ()) -> set[int]:
    """Papers whose OCR'd reference names are visibly broken often (:data:`NOISY_SHARE`, three names at least)."""
    ocr = set(ocr_documents)
    seen: dict[int, list[bool]] = defaultdict(list)
    for p in printings:
        if _on_ocr_page(p, ocr):
            seen[p.doc_id].append(visibly_broken(p.name))
    return {d for d, flags in seen.items() if sum(flags) >= 3 and sum(flags) >= NOISY_SHARE * len(flags)}


def misread_surnames(
    printings: Sequence[NamePrinting],
    *,
    ocr_documents: Iterable[int],
    cited_as: Mapping[tuple[int, int], Sequence[str]],
    other_names: Iterable[tuple[int, str]] = (),
) -> list[SurnameCorrection]:
    """Corrections of names misread in the reference lists of OCR'd papers.

    ``printings`` are the reference-list names of the corpus; ``cited_as``
    the surnames of the in-text citations linked to each entry ``(doc_id,
    idx)``; ``other_names`` more ``(doc_id, name)`` printings that attest a
    spelling (corpus papers' authors, citation-only mentions).  A name is
    corrected only when its paper was read by OCR, its key is printed in no
    other paper and not by the entry's own citations, and exactly one other
    key starting with the same letter is either printed by the entry's own
    citations within one edit (two for names of eight letters or more) or
    printed by another paper with one letter OCR confuses (``_CONFUSED``).
    """
    ocr = set(ocr_documents)
    noisy = noisy_documents(printings, ocr_documents=ocr)
    docs_of, printed = _printed(printings, other_names)
    # Another paper's name can only be one of the same length and initial (letters swapped, none lost).
    alike: dict[tuple[str, int], list[str]] = defaultdict(list)
    for k in docs_of:
        if len(k) >= MIN_CORRECTED_LENGTH:
            alike[(k[0], len(k))].append(k)
    out: list[SurnameCorrection] = []
    for p in printings:
        key = normalise_surname(p.name)
        # In a noisy list a short name ("LyaL.", "Fru.") may be corrected by its own citation.
        short = p.doc_id in noisy and len(key) >= 3 and (p.doc_id, p.idx) in cited_as
        if not _on_ocr_page(p, ocr) or (len(key) < MIN_CORRECTED_LENGTH and not short) or docs_of[key] != {p.doc_id}:
            continue
        # A possessive is no spelling of the name ("Parker’s (1999) model").
        cited_names = [_POSSESSIVE.sub("", n.strip()) for n in cited_as.get((p.doc_id, p.idx), ()) if n.strip()]
        cited = {normalise_surname(n) for n in cited_names}
        if key in cited:
            continue  # the paper's own text prints it so too
        clean = cleaned_name(p.name)
        clean_key = normalise_surname(clean) if clean else ""
        if clean_key and (clean_key in cited or docs_of.get(clean_key, set()) - {p.doc_id}):
            # "Goodchild) Michael": the surname inside, as the text or another paper prints it.
            forms = printed[clean_key] + Counter(n for n in cited_names if normalise_surname(n) == clean_key)
            others = len(docs_of.get(clean_key, set()) - {p.doc_id})
            evidence = ("the paper's in-text citation" if clean_key in cited
                        else f"printed so in {others} other paper{'s' * (others != 1)}")
            out.append(SurnameCorrection(p.doc_id, p.idx, p.pos, p.name,
                                         _shown(min(forms, key=lambda n: _rank(n, forms[n]))),
                                         f"stray characters dropped, {evidence}"))
            continue
        near = [k for k in sorted(set(alike.get((key[0], len(key)), ()) if len(key) >= MIN_CORRECTED_LENGTH else ()) |
                                  {c for c in cited if len(c) >= min(len(key), MIN_CORRECTED_LENGTH)})
                if k != key and k[0] == key[0]
                and _misread_as(k, key, own_citation=k in cited, noisy=p.doc_id in noisy)
                and (k in cited or docs_of[k] - {p.doc_id})]
        if len(near) != 1:
            continue
        k = near[0]
        forms = printed[k] + Counter(n for n in cited_names if normalise_surname(n) == k)
        shown = _shown(min(forms, key=lambda n: _rank(n, forms[n])))
        others = len(docs_of[k] - {p.doc_id})
        evidence = "the paper's in-text citation" if k in cited else f"printed so in {others} other paper{'s' * (others != 1)}"
        out.append(SurnameCorrection(p.doc_id, p.idx, p.pos, p.name, shown, evidence))
    return out


def _printed(printings: Sequence[NamePrinting], other_names: Iterable[tuple[int, str]]
             ) -> tuple[dict[str, set[int]], dict[str, Counter[str]]]:
    """The papers printing each name key, and how each key is printed."""
    docs_of: dict[str, set[int]] = defaultdict(set)
    printed: dict[str, Counter[str]] = defaultdict(Counter)
    for p in printings:
        key = normalise_surname(p.name)
        docs_of[key].add(p.doc_id)
        printed[key][p.name.strip()] += 1
    for doc_id, name in other_names:
        key = normalise_surname(name)
        docs_of[key].add(doc_id)
        printed[key][name.strip()] += 1
    return docs_of, printed


def ocr_suspects(
    printings: Sequence[NamePrinting],
    *,
    ocr_documents: Iterable[int],
    cited_as: Mapping[tuple[int, int], Sequence[str]],
    other_names: Iterable[tuple[int, str]] = (),
    corrections: Iterable[SurnameCorrection] = (),
) -> list[SuspectName]:
    """Names of scanned reference lists that are likely OCR misreadings nothing could correct.

    A name is suspect when its entry's page was read by OCR, it was not corrected, its key is
    printed by no other paper nor by the entry's own in-text citations, and
    :func:`~litmap.corpus.name_plausibility.name_doubt` doubts it (more readily in a noisy list,
    :func:`noisy_documents`).  Nothing is dropped: the caller marks the works these names label."""
    ocr = set(ocr_documents)
    noisy = noisy_documents(printings, ocr_documents=ocr)
    docs_of, _ = _printed(printings, other_names)
    fixed = {(c.doc_id, c.idx, c.pos) for c in corrections}
    out: list[SuspectName] = []
    for p in printings:
        key = normalise_surname(p.name)
        if not _on_ocr_page(p, ocr) or (p.doc_id, p.idx, p.pos) in fixed or docs_of[key] != {p.doc_id}:
            continue
        if key in {normalise_surname(n) for n in cited_as.get((p.doc_id, p.idx), ())}:
            continue  # the paper's own text prints it so too
        reason = name_doubt(p.name, noisy=p.doc_id in noisy, organisation=p.organisation)
        if reason:
            out.append(SuspectName(p.doc_id, p.idx, p.pos, p.name, reason))
    return out
