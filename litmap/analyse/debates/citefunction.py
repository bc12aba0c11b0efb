"""Citation function: does a citing sentence use, support, critique or merely
mention the work it cites?

Rules over cue phrases with scope, documented in ``docs/citation-function.md``;
where they find no cue, a small trained model (:mod:`.citemodel`) may read a
citation as ``uses`` or ``supports``.
The unit is the citing sentence; the citation's own clause is the scope of
most cues, and a few sentence patterns reach across clauses ("While X (2004)
…, we …"; "X (2004) argues …; however, we …").  Offline and dependency-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from litmap.analyse.debates import citemodel
from litmap.analyse.textnorm import normalise

__all__ = ["LABELS", "FunctionLabel", "classify_citation", "find_citation_spans", "model_features"]

LABELS: tuple[str, ...] = ("uses", "supports", "critiques", "background")

_YEAR = r"(?:1[89]|20)\d\d[a-z]?"
_PAREN_CITE = re.compile(r"\([^()]{0,200}?\b" + _YEAR + r"[^()]{0,200}?\)")
_NARR_CITE = re.compile(
    r"\b[A-Z][\w'\-]+(?:'s)?(?:,? (?:et al\.?|and|&) ?[A-Z]?[\w'\-]*)?\s?\(" + _YEAR + r"[^()]{0,40}\)"
)
_NOT_CITE = re.compile(r"\b(?:Fig|Table|Interview|Footnote|accessed)\b")


@dataclass(frozen=True)
class FunctionLabel:
    """The function of one citation: ``label`` is one of :data:`LABELS`;
    ``cue`` the phrase that decided it (``None`` for the background default);
    ``score`` the cue's weight after scope and distance (0 for background)."""

    label: str
    cue: Optional[str]
    score: float


@dataclass(frozen=True)
class _Cue:
    label: str
    pattern: "re.Pattern[str]"
    weight: float
    needs_self: bool = False  # only when the citing authors speak (we, this paper) or the cue opens the sentence


def _cues(label: str, weight: float, phrases: Sequence[str], needs_self: bool = False) -> list[_Cue]:
    return [_Cue(label, re.compile(r"\b" + p + r"\b", re.I), weight, needs_self) for p in phrases]


# Phrases are regexes over normalised text (straight quotes, single spaces).
_IN_CLAUSE: list[_Cue] = (
    _cues("uses", 1.0, [
        r"draw(?:s|ing)? (?:up)?on", r"drew (?:up)?on", r"build(?:s|ing)? (?:up)?on", r"built (?:up)?on",
        r"borrow(?:s|ing|ed)?", r"inspired by", r"informed by", r"based on",
        r"from (?:a|the|this) (?:\w+ ){0,2}(?:perspective|viewpoint|lens)",
        r"(?:threshold|benchmark|criteri(?:on|a)|guidelines?|recommendations?|standards?) (?:\w+ ){0,3}(?:for|of)",
    ], needs_self=True)
    + _cues("uses", 1.0, [
        r"as conceptuali[sz]ed by",
        r"(?:we|I) (?:will |shall |would |also |thus |therefore |then ){0,3}(?:adopt|apply|use|employ|follow|take|borrow|extend|rely on|implement|deploy|mobili[sz]e)",
        r"(?:is|are|was|were) (?:adopted|applied|employed|used) (?:here|in this|for this)",
        r"(?:adopt(?:s|ed)?|appl(?:y|ies|ied)|employ(?:s|ed)?) (?:\w+ ){0,3}(?:definition|concept|framework|approach|notion|lens|method)",
        r"(?-i:[Ff]ollowing (?:[A-Z]\w+|the (?:\w+ )?(?:work|approach|insights?) of|(?:existing|prior|previous|earlier|established) (?:\w+ )?(?:approaches|studies|work|research)))", r"(?-i:after [A-Z]\w+'s)", r"building block", r"(?:based|drawing) on the (?:\w+ ){0,2}of",
        r"the reference here is to",
        r"(?:we|I) (?:are|am) mindful of", r"respond(?:s|ing)? to the (?:\w+ )?call", r"addresses the (?:\w+ )?call",
        r"(?:to avoid|avoid(?:ing)?) (?:the )?(?:limits of|assuming|falling)",
        r"term(?:ed)? (?:by|from)", r"(?:we|I) (?:refer|turn) to", r"repeat(?:s|ing)? (?:the|a) (?:\w+ ){0,2}(?:study|exercise|analysis)",
        r"(?:this|our) (?:paper|article|study|analysis|approach|framework) (?:\w+ ){0,3}(?:draws|builds|follows|adopts|uses|is informed|is inspired)",
        r"(?:our|this) approach (?:can be|is) (?:best )?(?:characteri[sz]ed|described) as",
        r"(?:we|I) (?:also )?(?:take|took) stock", r"allows? us to", r"by engaging in", r"(?:we|I) (?:wish to )?return to",
    ])
    + _cues("supports", 1.0, [
        r"in line with", r"consistent with", r"in keeping with", r"in agreement with", r"in accordance with",
        r"confirm(?:s|ed|ing)?", r"corroborat\w+", r"as (?:shown|demonstrated|found|documented|evidenced|substantiated) (?:by|in) (?-i:(?:[A-Z(]|(?:many|several|recent|previous|prior|other|earlier) ))",
        r"similar(?:ly)? to (?:the )?(?:findings?|results?|conclusions?|those)", r"(?:echo|echoes|echoed|mirrors?)",
        r"support(?:s|ed|ing)? (?:the|this|our|these) (?:\w+ )?(?:view|argument|claim|finding|findings|proposition|idea|ongoing)",
        r"(?:we|I) (?:agree|concur)", r"agree with", r"replicat\w+", r"(?:have|has) substantiated",
        r"key insight", r"(?:are|is) convincing", r"rightly", r"(?:as|like) many other", r"common ?denominators",
        r"evidence of this", r"for evidence", r"(?:we|I) (?:was|were) able to (?:observe|explore|show)",
    ])
    + _cues("supports", 0.7, [r"earlier (?:works?|studies|analysis)", r"previous (?:works?|studies)"])
    + _cues("critiques", 1.0, [
        r"criticis\w+", r"criticiz\w+", r"critique[sd]?", r"critical of", r"fail(?:s|ed|ing)? to", r"challeng(?:e|es|ed|ing)",
        r"overlook\w*", r"problematic", r"limits of", r"limitations? of",
        r"(?:unlike|in contrast (?:to|with)|contrary to|contra) (?-i:(?:[A-Z]\w+|(?:many|most|much|some|previous|prior|earlier|existing|these|those|the) (?:\w+ )?(?:studies|works?|research|accounts|literature|scholars|scholarship|approaches|authors)))", r"neglect\w*", r"ignor(?:e|es|ed|ing)", r"overly", r"too (?:narrow|simple|simplistic|deterministic)",
        r"simplistic", r"questionable", r"downplay\w*", r"(?:we|I) (?:depart|differ|disagree)", r"depart from",
        r"cautious about", r"(?:we|I) (?:do|did) not (?:follow|adopt|use|share|incorporate|accept)",
        r"does not (?:account|explain|capture)", r"cannot (?:explain|account)", r"(?:only )?partially linked",
        r"misread\w*", r"misunderst\w+", r"inapplicable", r"not applicable", r"(?:we|I) (?:question|reject)",
        r"(?:as|in the way) [A-Z]\w+ (?:and [A-Z]\w+ )?(?:\(\d{4}\) )?did",
    ])
)

_NEGATORS = re.compile(r"\b(?:not|no|never|neither|nor|hardly|without|cannot)\b|n't\b", re.I)
# Pronouns in any case ("We draw on …" opens sentences), but "I" only as a capital.
_FIRST_PERSON = re.compile(
    r"\b(?:(?i:we|our|us|this (?:paper|article|study|research|chapter)|the present (?:paper|study)|here)|I)\b"
)
# The citing authors as the subject of a main clause.
_SELF_SUBJECT = re.compile(
    r"\b(?:I|(?i:we|this (?:paper|article|study|research|chapter)|the present (?:paper|study)|"
    r"our (?:case|study|analysis|findings|results|approach|research|argument|paper|article)))\b"
)
_CONTRAST_OPENER = re.compile(r"^\W*(?:however|but|yet|nevertheless|nonetheless|in contrast|instead|rather)\b", re.I)
_CONCESSIVE_START = re.compile(r"^\W*(?:while|whilst|although|though|whereas|despite)\b", re.I)
_AGENT_VERB = re.compile(
    r"^\W{0,3}(?:\w+ ){0,4}?(?:criticis|criticiz|critique|challenge|refute|question|reject|argue[sd]? against|problemati[sz])",
    re.I,
)
# A citation directly before a verb is its subject ("Wu (2016) has confirmed").
_SUBJECT_GAP = re.compile(r"^\W{0,3}(?:(?:has|have|had|also|further|recently|clearly) )*$", re.I)
_REPORT_VERB = re.compile(r"(?:confirm|corroborat|replicat|echo|mirror)", re.I)
# "criticised by X (2004)" or "has been critiqued (X, 2004)": X is the critic.
_BY_BEFORE = re.compile(
    r"(?:(?:criticis|criticiz|critiqu|challeng|question|reject)\w* by\W*|"
    r"(?:been|was|were|is|are) (?:\w+ ){0,4}(?:criticised|criticized|critiqued|challenged|questioned|rejected) ?)$",
    re.I,
)


def find_citation_spans(sentence: str) -> list[tuple[int, int]]:
    """Author-year citation spans in ``sentence`` (parenthetical and
    narrative), sorted; a light fallback for when no span is given."""
    # Narrative first, so "Wu (2016)" is one span rather than "(2016)".
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in _NARR_CITE.finditer(sentence)]
    for m in _PAREN_CITE.finditer(sentence):
        inner = m.group(0)
        if _NOT_CITE.search(inner) or any(a < m.end() and m.start() < b for a, b in spans):
            continue
        if re.search(r"[A-Z][a-z]", inner) or re.match(r"\(" + _YEAR + r"[,;:)]", inner):
            spans.append((m.start(), m.end()))
    return sorted(spans)


_OPENER = re.compile(
    r"^\W*(?:while|whilst|although|though|whereas|despite|unlike|in contrast to|contrary to|following|"
    r"drawing on|building on|inspired by|based on)\b",
    re.I,
)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans of a normalised sentence, ignoring punctuation inside
    parentheses (citations carry commas and semicolons).  Boundaries: ``;``,
    ``:``, a comma before a contrastive conjunction, and the comma that closes
    an opening subordinate clause ("While X (2004) argues …, we …")."""
    bounds = [0]
    depth = 0
    lowered = text.lower()
    closing = bool(_OPENER.match(text))
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ";:":
            bounds.append(i + 1)
            closing = bool(_OPENER.match(text[i + 1 :]))
        elif depth == 0 and ch == ",":
            if closing:
                bounds.append(i + 1)
                closing = False
            elif re.match(r" (?:but|yet|whereas|while|whilst|although|though|however)\b", lowered[i + 1 : i + 12]):
                bounds.append(i + 1)
                closing = bool(re.match(r" (?:while|whilst|although|though|whereas)\b", lowered[i + 1 : i + 12]))
    bounds.append(len(text))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _negated(clause_text: str, cue_start: int) -> bool:
    window = clause_text[max(0, cue_start - 25) : cue_start]
    return bool(_NEGATORS.search(window))


def classify_citation(sentence: str, citation_span: Optional[tuple[int, int]] = None,
                      model: bool = True) -> FunctionLabel:
    """Classify the function of the citation at ``citation_span`` (character
    offsets into ``sentence``; the first author-year citation found when
    ``None``, or the whole sentence if there is none).

    Returns a :class:`FunctionLabel`; ``background`` is the default when no
    cue governs the citation's clause, unless (``model=True``) the small
    trained model of :mod:`litmap.analyse.debates.citemodel` reads it as
    ``uses`` or ``supports`` with enough confidence (cue ``"model"``, score
    its probability).
    """
    found = _rules(sentence, citation_span)
    if found.label == "background" and model:
        trained = citemodel.load_model()
        filled = trained.fill(model_features(sentence, citation_span)) if trained is not None else None
        if filled is not None:
            return FunctionLabel(filled[0], "model", round(filled[1], 3))
    return found


def model_features(sentence: str, citation_span: Optional[tuple[int, int]] = None) -> frozenset[str]:
    """The trained model's features of the citation at ``citation_span`` (offsets into ``sentence``; the
    first author-year citation found when ``None``)."""
    text, offs = normalise(sentence)
    spans = find_citation_spans(text)
    if citation_span is None:
        c0, c1 = spans[0] if spans else (0, 0)
    else:
        c0 = _to_clean(offs, citation_span[0])
        c1 = max(c0 + 1, _to_clean(offs, citation_span[1]))
    return citemodel.citation_features(text, c0, c1, spans, _clauses(text))


def _rules(sentence: str, citation_span: Optional[tuple[int, int]]) -> FunctionLabel:
    text, offs = normalise(sentence)
    if citation_span is None:
        found = find_citation_spans(text)
        c0, c1 = found[0] if found else (0, len(text))
    else:
        c0 = _to_clean(offs, citation_span[0])
        c1 = max(c0 + 1, _to_clean(offs, citation_span[1]))
    clauses = _clauses(text)
    k = next((j for j, (a, b) in enumerate(clauses) if a <= c0 < b), 0)
    a, b = clauses[k]
    # A concessive clause ("While X (2004) …,") is judged with its main clause.
    if _CONCESSIVE_START.match(text[a:b]) and k + 1 < len(clauses):
        b = clauses[k + 1][1]
    has_self = bool(_FIRST_PERSON.search(text)) or bool(_OPENER.match(text[a:b]))
    best = _best_cue(text, a, b, c0, c1, has_self)
    structural = _structural(text, clauses, k)
    if structural is not None and (best is None or best.label == "background" or best.score < structural.score):
        best = structural
    if best is None or best.label == "background":
        return FunctionLabel("background", best.cue if best else None, 0.0)
    return best


def _best_cue(text: str, a: int, b: int, c0: int, c1: int, has_self: bool) -> Optional[FunctionLabel]:
    clause = text[a:b]
    hits = []
    for cue in _IN_CLAUSE:
        if cue.needs_self and not has_self:
            continue
        for m in cue.pattern.finditer(clause):
            ms, me = a + m.start(), a + m.end()
            if c0 <= ms < c1:
                continue  # inside the citation itself
            hits.append((ms, me, cue, m.group(0)))
    # A cue inside a longer cue ("limits of" in "avoid the limits of") yields to it.
    hits = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)]
    best: Optional[FunctionLabel] = None
    for ms, me, cue, matched in hits:
        label = cue.label
        if not _NEGATORS.search(matched) and _negated(clause, ms - a):
            label = {"critiques": "background", "supports": "critiques", "uses": "critiques"}[label]
        elif label == "critiques" and (_cited_is_agent(text, c0, c1, ms) or _reported_critique(text, c0, c1, ms)
                                       or _POSSESSED_CRITIQUE.search(text[max(0, ms - 12) : me])):
            label = "background"  # the cited work is the critic, not the target
        elif label == "critiques" and _WEAK_CRITIQUE.fullmatch(matched) and not _aimed_at_work(text, c0, c1, me):
            label = "background"  # "an often overlooked dimension (Poon 2009)": not said of a work
        elif label == "supports" and c1 <= ms and _SUBJECT_GAP.match(text[c1:ms]) and _REPORT_VERB.match(matched):
            label = "background"  # "Wu (2016) confirmed …": the cited work's own finding
        distance = len(text[min(me, c0) : max(ms, c1)].split()) if (me <= c0 or ms >= c1) else 0
        score = cue.weight / (1.0 + distance / 15.0)
        if best is None or score > best.score:
            best = FunctionLabel(label, matched, round(score, 3))
    return best


def _to_clean(offs: list[int], original: int) -> int:
    """The first clean index whose source offset is at or after ``original``."""
    lo, hi = 0, len(offs) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if offs[mid] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _cited_is_agent(text: str, c0: int, c1: int, cue_start: int) -> bool:
    """True when the citation is the subject of the critique verb
    ("Brenner (2019) refuted …") or its agent ("criticised by Slater (2021)")."""
    if c1 <= cue_start and _AGENT_VERB.match(text[c1 : cue_start + 20]) and cue_start - c1 < 60:
        return True
    return bool(_BY_BEFORE.search(text[max(0, c0 - 40) : c0]))


# A critique the sentence reports rather than makes: "Another critique is that … (X, 2010)",
# "has been criticised for … (X, 2009)", "met severe criticism from …", "X's critique of …".
_REPORTED_FRAME = re.compile(
    r"\b(?:(?:another|a|an|one|the|this|that|their|his|her|its|common|main|major|further|similar|severe|strong)"
    r" (?:\w+ )?(?:critique|criticism)s? (?:is|was|has|of|that|from|by)\b|"
    r"(?:has|have|had|been|was|were|is|are) (?:\w+ ){0,2}(?:criticis|criticiz|critiqu|challeng|question|reject)\w*"
    r" (?:for|by|as|on)\b|met (?:\w+ ){0,2}critici\w+|[\w)]'s? critique)",
    re.I,
)
# "Maloutas' critique of …", "their criticism": a critique someone else owns, not the citing authors'.
_POSSESSED_CRITIQUE = re.compile(r"(?:\w'|\w's|\b(?:his|her|their|its)) (?:critiques?|criticisms?)$", re.I)
_CRITIQUE_VERB = re.compile(r"(?:criticis|criticiz|critiqu|challeng|question|reject|refut|dismiss)", re.I)
# Cues that name a shortcoming of something, not necessarily of a cited work.
_WEAK_CRITIQUE = re.compile(r"(?:problematic|neglect\w*|overlook\w*|ignor\w*|challenges|fail(?:s|ed|ing)? to)", re.I)
_SCHOLARSHIP = re.compile(
    r"^\W*(?:\w+ ){0,5}?(?:theor(?:y|ies)|approach(?:es)?|stud(?:y|ies)|literature|accounts?|work|scholars?|"
    r"scholarship|arguments?|assumptions?|views?|frameworks?|narratives?|models?|thesis|notions?|concepts?|"
    r"research|authors?)\b",
    re.I,
)


def _reported_critique(text: str, c0: int, c1: int, cue_start: int) -> bool:
    """True when the sentence reports a critique made by the cited work (or by others) rather than the
    citing authors' own: a reported frame with no first-person subject, or a narrative citation that is
    the subject of a coordinated critique verb ("Brenner et al. (2011) distinguish … and criticise …")."""
    if _SELF_SUBJECT.search(text):
        return False
    if _REPORTED_FRAME.search(text):
        return True
    narrative = text[c1 - 1 : c1] == ")" and text[c0 : c0 + 1].isupper()
    return narrative and c1 <= cue_start and cue_start - c1 < 250 and bool(
        _CRITIQUE_VERB.match(text[cue_start : cue_start + 12]))


def _aimed_at_work(text: str, c0: int, c1: int, cue_end: int) -> bool:
    """A weak critique cue counts when the cited work follows it closely, or scholarship is its object
    ("challenges the assumption of Alonso (2017)"), or a narrative citation is its subject."""
    if cue_end <= c0 and c0 - cue_end < 60:
        return True
    if _SCHOLARSHIP.match(text[cue_end : cue_end + 80]):
        return True
    return c1 <= cue_end and cue_end - c1 < 60 and text[c1 - 1 : c1] == ")" and text[c0 : c0 + 1].isupper()


def _structural(text: str, clauses: list[tuple[int, int]], k: int) -> Optional[FunctionLabel]:
    """Cross-clause contrast with the citing authors' own position."""
    a, b = clauses[k]
    later = clauses[k + 1 :]
    # "While/Although X (2004) …, we/this study …"
    if _CONCESSIVE_START.match(text[a:b]) and later:
        main = text[later[0][0] : later[0][1]]
        subject = _SELF_SUBJECT.search(main)
        if subject and not re.search(r"\b(?:agree|acknowledge|support)", text[a:b], re.I):
            return FunctionLabel("critiques", text[a:b].split()[0].strip(",") + " … " + subject.group(0), 0.8)
    # "X (2004) argues …; however, we …"
    for ca, cb in later[:2]:
        clause = text[ca:cb]
        if _CONTRAST_OPENER.match(clause) and _FIRST_PERSON.search(clause[:60]):
            return FunctionLabel("critiques", clause.strip()[:20], 0.7)
        if re.match(r"^\W*however\b", clause, re.I) and text[ca - 1 : ca] == ";":
            return FunctionLabel("critiques", "; however", 0.6)
    return None
