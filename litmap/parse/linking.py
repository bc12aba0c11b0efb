"""Link in-text citations to the entries of the paper's reference list.

Each cited work is scored against every reference with the same year:
first-author surname (fuzzy, diacritics-insensitive, so OCR's ``Miiller``
meets ``Müller``), year suffix, co-author surnames, "et al." against the
author count, and initials (``Y. Li`` vs ``Z. Li``).  Organisations meet
their entries by name (``the World Bank`` = ``World Bank``) or acronym
(``MOHURD`` = ``Ministry of Housing and Urban-Rural Development``,
``(... Development [MOHURD], 2015)`` = ``MOHURD. (2015)``).  The best entry wins
when it clearly beats the runner-up; otherwise the work stays unresolved with
a reason.  Numeric call-outs link by position.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from rapidfuzz import fuzz

from litmap.errors import SettingsError
from litmap.models import Citation, CitedWork, Reference
from litmap.parse.names import initials_of, normalise_surname
from litmap.parse.names.organisations import ORG_HEADS

__all__ = ["LinkSettings", "link_citations", "link_work", "surname_similarity"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkSettings:
    """Thresholds for linking.

    ``min_surname`` is the similarity (0–1) a first-author surname must reach
    (names of four letters or fewer must match exactly: ``Li`` ≠ ``Liu``);
    ``min_margin`` is how far the best entry must score above the runner-up.
    """

    min_surname: float = 0.82
    min_margin: float = 0.15

    def __post_init__(self) -> None:
        if not 0 < self.min_surname <= 1:
            raise SettingsError(f"min_surname must be in (0, 1], got {self.min_surname}; use 0.82 (the default)")
        if not 0 <= self.min_margin < 1:
            raise SettingsError(f"min_margin must be in [0, 1), got {self.min_margin}; use 0.15 (the default)")


def _ocr_fold(key: str) -> str:
    """Fold letter pairs OCR confuses (``Miiller`` for ``Müller``, ``rn`` for ``m``)."""
    return key.replace("ii", "u").replace("rn", "m").replace("cl", "d").replace("vv", "w")


# An acronym after an organisation's name: "Ministry of ... (MOHURD)", "[NBS]".
_ACRONYM_RE = re.compile(r"\s*[\[(]([A-Z][A-Za-z&-]{1,12})[\])]\s*$")
_LEADING_THE_RE = re.compile(r"^the\s+", re.I)


def _org_parts(name: str) -> tuple[str, set[str]]:
    """An organisation's name without a leading "The" or a trailing acronym,
    and the acronyms it is known by (``"OECD"`` is its own acronym)."""
    name = name.strip()
    known: set[str] = set()
    m = _ACRONYM_RE.search(name)
    if m:
        known.add(m.group(1).upper())
        name = name[: m.start()].strip()
    name = _LEADING_THE_RE.sub("", name)
    if " " not in name and name.isupper() and len(name) >= 2:
        known.add(name.replace("-", ""))
    return name, known


_WORD_BREAK_RE = re.compile(r"[\s\-‐]+")


def _acronyms_of(name: str) -> set[str]:
    """Acronyms of the name and of its leading words: ``Ministry of Housing
    and Urban-Rural Development`` → MHURD, MOHURD, ...; ``National Bureau of
    Statistics of China`` → NBS, NBOS, ...; ``Organisation for Economic
    Co-operation and Development`` → OECD."""
    words = [w for w in _WORD_BREAK_RE.split(name) if w]
    out: set[str] = set()
    content = with_small = ""
    heads = 0
    for w in words:
        low = w.lower()
        if low in ("and", "&", "the"):
            continue
        if w[:1].isupper():
            content += w[0]
            with_small += w[0]
            heads += 1
        elif low in ("of", "for", "on"):
            with_small += w[0].upper()
            continue
        else:
            continue  # "operation" in "Co-operation"
        if heads >= 2:
            out.update((content, with_small))
    return out


def _org_match(a: str, b: str) -> bool:
    """Whether two organisation names are the same body by name or acronym."""
    na, known_a = _org_parts(a)
    nb, known_b = _org_parts(b)
    if known_a & known_b or (na and na.casefold() == nb.casefold()):
        return True
    for known, other in ((known_a, nb), (known_b, na)):
        # a short all-capitals name may be a surname in capitals ("LI"): only
        # three letters and more, or against a name with an organisation's head noun
        usable = {k for k in known if len(k) >= 3 or any(w.lower() in ORG_HEADS for w in other.split())}
        if usable & _acronyms_of(other):
            return True
    return False


def _is_org(name: str) -> bool:
    return " " in name.strip() or bool(_ACRONYM_RE.search(name)) or (name.isupper() and len(name) >= 2)


@functools.lru_cache(maxsize=16384)
def surname_similarity(a: str, b: str) -> float:
    """0–1 similarity of two surnames (or organisation names) as matching keys (cached: every
    citation is scored against every entry of its year)."""
    if (_is_org(a) or _is_org(b)) and _org_match(a, b):
        return 1.0
    if _ACRONYM_RE.search(a) or _ACRONYM_RE.search(b):
        a, b = _org_parts(a)[0], _org_parts(b)[0]
    ka, kb = normalise_surname(a), normalise_surname(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    if min(len(ka), len(kb)) <= 4:
        return 0.0  # short Chinese surnames: Li/Liu, Wu/Wei must not meet
    score = max(fuzz.ratio(ka, kb), fuzz.ratio(_ocr_fold(ka), _ocr_fold(kb))) / 100
    if " " in a.strip() or " " in b.strip():  # organisations, multi-word names
        score = max(score, fuzz.token_set_ratio(a.lower(), b.lower()) / 100 * 0.95)
    return score


def _ref_surnames(ref: Reference) -> list[str]:
    return [a.family for a in ref.people]


def _score(work: CitedWork, ref: Reference, settings: LinkSettings) -> Optional[float]:
    """Score of ``ref`` for ``work``, or None when it cannot be the entry."""
    # The year first: it rules out most entries, and every test here only returns None.
    if work.year is not None:
        if ref.year != work.year:
            return None
    elif work.year_note:
        if ref.year is not None and ref.year_note is None:
            return None
    surnames = _ref_surnames(ref)
    if not surnames or not work.surnames:
        return None
    first = surname_similarity(work.surnames[0], surnames[0])
    lead = ref.people[0] if ref.people else None
    if " " in work.surnames[0].strip() and lead is not None and lead.given:
        # an organisation parsed as a person: "R Core Team" → given "R Core", family "Team"
        first = max(first, surname_similarity(work.surnames[0], f"{lead.given} {lead.family}"))
    if first < settings.min_surname:
        return None
    score = first
    # Year suffix: "2004a" must not meet "2004b".
    if work.year_suffix and ref.year_suffix:
        if work.year_suffix != ref.year_suffix:
            return None
        score += 0.3
    elif work.year_suffix or ref.year_suffix:
        score -= 0.05
    # Co-authors named in the citation must be the reference's co-authors.
    n_ref = len(surnames) + (3 if ref.et_al else 0)
    for i, name in enumerate(work.surnames[1:], start=1):
        if i < len(surnames) and surname_similarity(name, surnames[i]) >= settings.min_surname:
            score += 0.3
        else:
            score -= 0.6
    if work.et_al:
        score += 0.2 if n_ref >= 3 else (-0.1 if n_ref == 2 else -0.5)
    elif len(work.surnames) == 1:
        score += 0.2 if n_ref == 1 else -0.3
    elif len(work.surnames) == n_ref:
        score += 0.2
    elif len(work.surnames) < n_ref:
        score -= 0.3
    # Initials tell Y. Li from Z. Li.
    if work.initials:
        cited = initials_of(work.initials)
        listed = initials_of(ref.people[0].given) if ref.people else ""
        if cited and listed:
            score += 0.3 if listed.startswith(cited) or cited.startswith(listed) else -0.8
    return score


def _other_years(work: CitedWork, references: Sequence[Reference], settings: LinkSettings) -> str:
    """``"; listed: Li 2012, 2023"``: the first author's entries in other
    years, which points the user at a mistyped year or a wrong edition."""
    if not work.surnames:
        return ""
    years = sorted({
        str(r.year) + (r.year_suffix or "")
        for r in references
        if r.year is not None and _ref_surnames(r)
        and surname_similarity(work.surnames[0], _ref_surnames(r)[0]) >= settings.min_surname
    })
    return f"; listed: {work.surnames[0]} {', '.join(years[:6])}" if years else ""


def link_work(
    work: CitedWork, references: Sequence[Reference], settings: LinkSettings = LinkSettings(), context: str = ""
) -> CitedWork:
    """``work`` with ``reference``, ``confidence`` and ``unresolved_reason`` filled.

    ``context`` (the citing sentence) settles a tie between entries of one
    author and year when it names one of their titles: "The Places to Grow
    Act (Government of Ontario, 2005)"."""
    if not references:
        return dataclasses.replace(work, reference=None, confidence=0.0, unresolved_reason="no reference list")
    if work.number is not None:
        if 1 <= work.number <= len(references):
            return dataclasses.replace(work, reference=work.number - 1, confidence=0.9, unresolved_reason=None)
        return dataclasses.replace(
            work, reference=None, confidence=0.0, unresolved_reason=f"no entry [{work.number}]"
        )
    when = str(work.year) + (work.year_suffix or "") if work.year is not None else (work.year_note or "n.d.")
    label = f"{work.surnames[0] if work.surnames else '?'} {when}"
    scored = []
    for pos, ref in enumerate(references):
        s = _score(work, ref, settings)
        if s is not None:
            scored.append((s, pos))
    if not scored:
        near = _misread_entry(work, references)
        if near is not None:
            return dataclasses.replace(work, reference=near, confidence=0.35, unresolved_reason=None)
        reason = f"no entry for {label}" + _other_years(work, references, settings)
        return dataclasses.replace(work, reference=None, confidence=0.0, unresolved_reason=reason)
    scored.sort(key=lambda t: (-t[0], t[1]))
    best, pos = scored[0]
    ties = [p for s, p in scored if best - s < settings.min_margin]
    if len(ties) > 1:
        # Entries listed without a suffix but cited "2004a"/"2004b": APA orders
        # same-author-same-year entries, so the letter gives the position.
        if work.year_suffix and all(references[p].year_suffix is None for p in ties):
            k = ord(work.year_suffix) - ord("a")
            ordered = sorted(ties)
            if 0 <= k < len(ordered):
                return dataclasses.replace(work, reference=ordered[k], confidence=0.6, unresolved_reason=None)
        # Cited "1993" beside entries "1993" and "———. 1993b.": the author left
        # the "a" off one entry; the entry printed as cited is the likelier.
        plain = [p for p in ties if references[p].year_suffix is None]
        if not work.year_suffix and len(plain) == 1:
            return dataclasses.replace(work, reference=plain[0], confidence=0.5, unresolved_reason=None)
        named = _named_in(context, [references[p] for p in ties])
        if named is not None:
            return dataclasses.replace(work, reference=ties[named], confidence=0.5, unresolved_reason=None)
        return dataclasses.replace(
            work, reference=None, confidence=0.0, unresolved_reason=f"ambiguous: {len(ties)} entries for {label}"
        )
    runner = scored[1][0] if len(scored) > 1 else best - 1.0
    confidence = max(0.05, min(1.0, 0.5 + 0.4 * min(best, 1.0) + 0.1 * min(1.0, best - runner)))
    return dataclasses.replace(work, reference=pos, confidence=round(confidence, 3), unresolved_reason=None)


def _misread_entry(work: CitedWork, references: Sequence[Reference]) -> Optional[int]:
    """The one entry of the cited year whose first surname reads like a
    misreading of the cited one — OCR of small capitals gives "Boppy" for
    Boddy, "Lerrner" for Leitner, "Scorr" for Scott — when nothing matched
    better: same first letter, about the same length, alike once letters OCR
    confuses are taken as one (:data:`_GLYPH_CLASS`), co-authors alike too.  Names of four letters or fewer never meet this way (Li, Wu)."""
    if work.year is None or not work.surnames:
        return None
    cited = [normalise_surname(s) for s in work.surnames]
    if len(cited[0]) <= 4:
        return None
    hits = []
    for pos, ref in enumerate(references):
        names = [normalise_surname(a.family) for a in ref.people]
        if ref.year != work.year or len(names) < len(cited) or not names[0]:
            continue
        if work.year_suffix and ref.year_suffix and work.year_suffix != ref.year_suffix:
            continue
        if names[0][0] != cited[0][0] or abs(len(names[0]) - len(cited[0])) > 2:
            continue
        if all(_glyph_alike(a, b) >= 85 for a, b in zip(cited, names)):
            hits.append(pos)
    return hits[0] if len(hits) == 1 else None


#: Letters OCR of small capitals and worn type confuses, each mapped to one
#: class: d/p/b, t/r/l/i/f, h/u/n, c/e/o.
_GLYPH_CLASS = str.maketrans({"p": "d", "b": "d", "r": "t", "l": "t", "i": "t", "f": "t", "u": "h", "n": "h", "o": "c", "e": "c"})


def _glyph_alike(a: str, b: str) -> float:
    """0–100 likeness of two surname keys with confusable letters as one."""
    plain = fuzz.ratio(a.translate(_GLYPH_CLASS), b.translate(_GLYPH_CLASS))
    return max(plain, fuzz.ratio(_ocr_fold(a).translate(_GLYPH_CLASS), _ocr_fold(b).translate(_GLYPH_CLASS)))


def _named_in(context: str, refs: Sequence[Reference]) -> Optional[int]:
    """The one entry whose title the sentence spells out (its words of four
    letters or more, at least 80% of them), if exactly one."""
    if not context:
        return None
    said = set(re.findall(r"[^\W\d_]{4,}", context.lower()))
    hits = []
    for i, ref in enumerate(refs):
        words = set(re.findall(r"[^\W\d_]{4,}", (ref.title or "").lower()))
        if words and len(words & said) >= 0.8 * len(words):
            hits.append(i)
    return hits[0] if len(hits) == 1 else None


def link_citations(
    citations: Sequence[Citation], references: Sequence[Reference], settings: LinkSettings = LinkSettings()
) -> list[Citation]:
    """Citations with every cited work linked to an index into ``references``
    (the position in the sequence), or left unresolved with a reason."""
    out = []
    unresolved = 0
    for cit in citations:
        works = tuple(link_work(w, references, settings, cit.sentence or "") for w in cit.cites)
        unresolved += sum(1 for w in works if w.reference is None)
        out.append(dataclasses.replace(cit, cites=works))
    if unresolved:
        log.debug("%d cited works left unresolved", unresolved)
    return out
