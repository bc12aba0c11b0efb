"""Citation function: does a citing sentence use, support, critique or merely
mention the work it cites?

Rules over cue phrases with scope, documented in ``docs/citation-function.md``,
and a small trained model (:mod:`.citemodel`) that decides every label with
the rules' verdict among its features.
The unit is the citing sentence; the citation's own clause is the scope of
most cues, and a few sentence patterns reach across clauses ("While X (2004)
…, we …"; "X (2004) argues …; however, we …").  A critique cue counts only when it is
aimed at the cited work: the citation in its object, or the subject of a
shortcoming (:func:`_aimed_critique`).  Offline and dependency-free.
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


# What a contrast or comparison is set against: a named work, scholarship, or a claim.
_CONTRAST_OBJECT = (
    r"(?-i:(?:(?:that|those) of )?(?:[A-Z]\w+|(?:(?:many|most|much|some|previous|prior|earlier|existing|these|those|"
    r"the|this|that|what|recent|other|several|various|conventional|common|earlier) (?:\w+ ){0,2})"
    r"(?:studies|works?|research|accounts|literature|scholars|scholarship|approaches|authors|suggestions?|claims?|"
    r"expectations?|assumptions?|arguments?|predictions?|views?|findings|results|hypothes[ie]s|theor(?:y|ies))))"
)
# "unlike X", "in (strong) contrast to that of studies", "contrary to some suggestions in the literature".
_CONTRAST_CUE = (r"(?:unlike|(?:in|stands? in) (?:\w+ )?contrast (?:to|with)|contrast(?:s|ed|ing)? (?:sharply |starkly )?with|"
                 r"contrary to|contra|pace) " + _CONTRAST_OBJECT)
# The citing work bettered or set apart from a cited one: "more flexible than that of X", "an improvement from
# ... X", "a different spin than X".  Counts only with the cited work as what is compared against (_aimed_critique).
_COMPARATIVE_CUE = (
    r"(?:(?:more|less) \w+ than|(?:better|worse) than|superior to|outperform\w*|improvement (?:from|over|on|upon)|"
    r"(?:advance|step forward) (?:from|over|on)|(?:different|differently) (?:\w+ ){0,2}(?:than|from)|differs? from)"
)

# What a cited work leaves out, with the work as the subject: "X (2019) do not report …", "methods that … (X) have
# yet to incorporate …" (not "did not find/confirm": the cited work's own finding).
_OMISSION_CUE = (r"(?:(?:do|does|did) not (?:account|explain|capture|report|provide|consider|address|examine|test|"
                 r"discuss|control|specify|justify|evaluate|incorporate|take into account)|(?:has|have) yet to)")
# The citing authors' evidence denied to a cited claim: "little support for X's conclusion", "no evidence for the
# claim of X (2004)".
_NO_SUPPORT_CUE = r"(?:little|no|scant|scarce|weak) (?:empirical )?(?:support|evidence) (?:for|of)"
# Prior work judged as narrow: "the existing research has taken a limited view of …", "previous evaluations …
# tend to focus on a limited set of tasks" (aimed only with prior scholarship as the subject, _PRIOR_WORK).
_LIMITED_VIEW_CUE = (r"(?:limited|narrow|partial|one-sided|incomplete) (?:\w+ )?(?:view|picture|account|understanding|"
                     r"set|scope|focus|perspective|conception)")

# Phrases are regexes over normalised text (straight quotes, single spaces).
_IN_CLAUSE: list[_Cue] = (
    _cues("uses", 1.0, [
        r"draw(?:s|ing)? (?:up)?on", r"drew (?:up)?on", r"build(?:s|ing)? (?:up)?on", r"built (?:up)?on",
        r"borrow(?:s|ing|ed)?", r"inspired by", r"informed by", r"based on",
        r"from (?:a|the|this) (?:\w+ ){0,2}(?:perspective|viewpoint|lens)",
        r"(?-i:as in [A-Z][\w\-]+(?: et al\.?| (?:and|&) [A-Z][\w\-]+)? \()",
        r"(?:threshold|benchmark|criteri(?:on|a)|guidelines?|recommendations?|standards?) (?:\w+ ){0,3}(?:for|of)",
    ], needs_self=True)
    + _cues("uses", 1.0, [
        r"as conceptuali[sz]ed by",
        r"(?:we|I) (?:will |shall |would |also |thus |therefore |then ){0,3}(?:adopt|apply|use|employ|follow|take|borrow|extend|rely on|implement|deploy|mobili[sz]e)",
        r"(?:is|are|was|were) (?:adopted|applied|employed|used) (?:here|in this|for this)",
        r"(?:adopt(?:s|ed)?|appl(?:y|ies|ied)|employ(?:s|ed)?) (?:\w+ ){0,3}(?:definition|concept|framework|approach|notion|lens|method)",
        r"(?-i:[Ff]ollowing (?:[A-Z]\w+|the (?:\w+ )?(?:work|approach|insights?|argumentation|argument|method|procedure|"
        r"definition|suggestions?|recommendations?|strategy|logic|framework) of|(?:existing|prior|previous|earlier|established) (?:\w+ )?(?:approaches|studies|work|research)))", r"(?-i:after [A-Z]\w+'s)", r"building block", r"(?:based|drawing) on the (?:\w+ ){0,2}of",
        r"the reference here is to",
        r"extend(?:s|ed|ing)? the (?:\w+ ){0,2}(?:setting|model|framework|approach|work|analysis|method) of",
        r"(?:mirror|replicat|follow)(?:s|ed|ing)? the (?:\w+ ){0,2}(?:approach|method|procedure|strategy|design|criteria|"
        r"specification) of",
        r"(?-i:follow(?:s|ed|ing)? [A-Z][\w\-]+(?: (?:and|&) [A-Z][\w\-]+| et al\.)?'s?(?= |$))",
        r"(?:is|are) (?:\w+ ){0,2}defined here",
        r"(?:we|I) (?:are|am) mindful of", r"respond(?:s|ing)? to the (?:\w+ )?call", r"addresses the (?:\w+ )?call",
        r"(?:to avoid|avoid(?:ing)?) (?:the )?(?:limits of|assuming|falling)",
        r"term(?:ed)? (?:by|from)", r"(?:we|I) (?:refer|turn) to", r"repeat(?:s|ing)? (?:the|a) (?:\w+ ){0,2}(?:study|exercise|analysis)",
        r"(?:this|our) (?:paper|article|study|analysis|approach|framework) (?:\w+ ){0,3}(?:draws|builds|follows|adopts|uses|is informed|is inspired)",
        r"(?:our|this) approach (?:can be|is) (?:best )?(?:characteri[sz]ed|described) as",
        r"(?:we|I) (?:also )?(?:take|took) stock", r"allows? us to", r"by engaging in", r"(?:we|I) (?:wish to )?return to",
    ])
    + _cues("supports", 1.0, [
        r"in line with", r"consistent with", r"in keeping with", r"in agreement with", r"in accordance with",
        r"confirm(?:s|ed|ing)?", r"corroborat\w+", r"as (?:shown|demonstrated|found|documented|evidenced|substantiated) (?:by|in) (?-i:(?:(?=[A-Z])(?!(?:Fig|Figure|Table|Section|Appendix|Equation|Eq|Chapter|Box|Map|Panel)\b)|\(|"
        r"(?:many|several|recent|previous|prior|other|earlier) ))",
        r"similar(?:ly)? to (?:the )?(?:findings?|results?|conclusions?|those)", r"(?:echo|echoes|echoed|echoing|mirrors?)",
        r"reinforc(?:e|es|ed|ing) (?:the |this |these |our |one of the |earlier |previous |\w+'s? )?(?:\w+ ){0,2}"
        r"(?:findings?|results?|conclusions?|concerns?|arguments?|views?|claims?|observations?|evidence|points?)", r"(?:finds?|found) (?:its |their |a |some )?resonance", r"resonates? with",
        r"similar (?:findings|results|conclusions|patterns) (?:have been|were|are) (?:\w+ )?(?:reported|found|observed|documented)",
        r"bears? (?:\w+ ){0,2}similarit(?:y|ies)",
        r"(?:provides?|provided|lends?|lent|offers?|gives?) (?!(?:\w+ )?(?:little|no|scant|scarce|limited|weak)\b)(?:\w+ ){0,2}support (?:for|to)",
        r"similar(?:ly)? to [^.;:]{0,60}?(?:findings?|results?|conclusions?|observations?)",
        r"(?-i:[Aa]s (?:[A-Z][\w'\-]+,? (?:and |& |et al\.,? )?)+\(\d{4}[^()]{0,20}\),? (?:also |has |have |had |similarly )*"
        r"(?:found|shown|showed|demonstrated|documented|observed|confirmed|evidenced))",
        r"support(?:s|ed|ing)? (?:the|this|our|these) (?:\w+ )?(?:view|argument|claim|finding|findings|results?|conclusions?|proposition|idea|ongoing)",
        r"(?:we|I) (?:agree|concur)", r"agree with", r"replicat\w+", r"(?:have|has) substantiated",
        r"key insight", r"(?:are|is) convincing", r"rightly", r"(?:as|like) many other", r"common ?denominators",
        r"evidence of this", r"for evidence", r"(?:we|I) (?:was|were) able to (?:observe|explore|show)",
    ])
    + _cues("supports", 0.7, [r"earlier (?:works?|studies|analysis)", r"previous (?:works?|studies)"])
    + _cues("critiques", 1.0, [
        r"criticis\w+", r"criticiz\w+", r"critique[sd]?", r"critical of", r"fail(?:s|ed|ing)? to", r"challeng(?:e|es|ed|ing)",
        r"overlook\w*", r"problematic", r"limits of", r"limitations? of",
        _CONTRAST_CUE, _COMPARATIVE_CUE, r"neglect\w*", r"ignor(?:e|es|ed|ing)", r"overly", r"too (?:narrow|simple|simplistic|deterministic)",
        r"simplistic", r"questionable", r"downplay\w*", r"(?:we|I) (?:depart|differ|disagree)", r"depart from",
        r"cautious about", r"(?:we|I) (?:do|did) not (?:follow|adopt|use|share|incorporate|accept)",
        _OMISSION_CUE, r"cannot (?:explain|account)", _NO_SUPPORT_CUE, _LIMITED_VIEW_CUE, r"(?:only )?partially linked",
        r"misread\w*", r"misunderst\w+", r"(?:under|over)estimat\w+", r"(?:over|under)stat(?:e|es|ed|ing)\b",
        r"exaggerat\w+", r"suffer\w* from (?:\w+ ){0,3}(?:problems|limitations|weakness(?:es)?|shortcomings|flaws|bias(?:es)?)",
        r"inapplicable", r"not applicable", r"(?:we|I) (?:question|reject)",
        r"(?:as|in the way) [A-Z]\w+ (?:and [A-Z]\w+ )?(?:\(\d{4}\) )?did",
        r"rebuk\w*", r"rebut\w*", r"refut\w*", r"contradict\w*", r"runs? counter to",
        r"(?:difficult|hard|impossible|impractical) to (?:\w+ )?(?:apply|use|adopt|implement|extend|generali[sz]e|transfer)",
    ])
)

_NEGATORS = re.compile(r"\b(?:not(?! (?:only|just|merely|simply|least|surprisingly)\b)|no|never|neither|nor|hardly|without|"
                       r"cannot)\b|n't\b", re.I)
# Pronouns in any case ("We draw on …" opens sentences), but "I" only as a capital.
_FIRST_PERSON = re.compile(
    r"\b(?:(?i:we|our|us|this (?:paper|article|study|research|chapter)|the present (?:paper|study)|here)|I)\b"
)
# The citing authors as the subject of a main clause.
_SELF_SUBJECT = re.compile(
    r"\b(?:I|(?i:we|this (?:paper|article|study|research|chapter)|the present (?:paper|study|research|analysis|work)|"
    r"our (?:case|study|analysis|findings|results|approach|research|argument|paper|article)))\b"
)
_CONTRAST_OPENER = re.compile(r"^\W*(?:however|but|yet|nevertheless|nonetheless|in contrast|instead|rather)\b", re.I)
# A clause that states the cited work's claim or explanation, which a "; however" then answers ("X (2004) argues
# …; however, …", "… is attributed to … (Smith, 2002); however, …"); a fact with its source ("Rents rose (X);
# however, prices fell") is not set against the cited work.
_ATTRIBUTED = re.compile(
    r"\b(?:argu|suggest|claim|contend|propos|assum|attribut|explain|posit|hypothesi[sz]|predict|maintain|"
    r"insist|believ|thought|consider|regard|view|see[ns]?\b|describ|conceptuali[sz]|theori[sz]|interpret)\w*", re.I)
# The citing authors' own finding or judgement opening a main clause, answering a concessive clause.
_OWN_FINDING = re.compile(
    r"^\W*(?:(?:\w+ly|however|yet|still),?\s+)?(?:it (?:turned out|turns out|emerged|became (?:clear|apparent|evident)|"
    r"(?:seems|appears|seemed|appeared) (?:that|to be))|in fact\b|actually\b|"
    r"(?:our|the present|the current|these|this|the) (?:\w+ ){0,2}?(?:data|results|findings|analys[ie]s|study|research|"
    r"evidence|evaluation) (?:\w+ ){0,2}?(?:show|suggest|reveal|indicate|demonstrate|point|find|found)|"
    r"(?:\w+ ){1,8}?(?:is|are|remains?|proves?|proved) (?:\w+ly )?(?:useful|valuable|informative|essential|warranted|"
    r"justified|feasible|worthwhile)\b)", re.I)
_CONTRAST_LEAD = re.compile(r"^\W*(?:unlike|in (?:\w+ )?contrast (?:to|with)|contrary to|as opposed to)\b", re.I)
_CONCESSIVE_START = re.compile(r"^\W*(?:while|whilst|although|though|whereas|despite)\b", re.I)
_AGENT_VERB = re.compile(
    r"^\W{0,3}(?:\w+ ){0,4}?(?:criticis|criticiz|critique|challenge|refute|question|reject|argue[sd]? against|problemati[sz])",
    re.I,
)
# A citation directly before a verb is its subject ("Wu (2016) has confirmed").
_SUBJECT_GAP = re.compile(r"^\W{0,3}(?:(?:has|have|had|also|further|recently|clearly) )*$", re.I)
_REPORT_VERB = re.compile(r"(?:confirm|corroborat|replicat|echo|mirror|provide|lend|lent|offer|give|reinforc|support)", re.I)
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


# ", however, <verb>" inside a clause (no new subject follows); ", however, we …" still opens a clause.
_INNER_HOWEVER = re.compile(
    r" however, (?!(?i:we|i|this|that|the|these|those|it|its|they|their|there|our|a|an|such|some|many|most|in|on|"
    r"at|as|for|by|when|if|since|because|to)\b)[a-z]")
_APPOSITIVE = re.compile(r" (?:including|such as|especially|particularly|notably|for example|for instance|e\.g\.|i\.e\.)")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans of a normalised sentence, ignoring punctuation inside
    parentheses (citations carry commas and semicolons) and double quotes.  Boundaries: ``;``,
    ``:``, a comma before a contrastive conjunction, and the comma that closes
    an opening subordinate clause ("While X (2004) argues …, we …")."""
    bounds = [0]
    depth = 0
    lowered = text.lower()
    closing = bool(_OPENER.match(text))
    quoted = {i for m in re.finditer(r'"[^"]{1,400}"', text) for i in range(m.start(), m.end())}
    for i, ch in enumerate(text):
        if i in quoted:
            continue  # a quotation's own punctuation does not cut the citing sentence
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ";:":
            bounds.append(i + 1)
            closing = bool(_OPENER.match(text[i + 1 :]))
        elif depth == 0 and ch == ",":
            if closing and _APPOSITIVE.match(lowered[i + 1 : i + 20]):
                pass  # "Although studies suggest A, including B (X), we …": the opening clause goes on
            elif closing:
                bounds.append(i + 1)
                closing = False
            elif _INNER_HOWEVER.match(text, i + 1):
                pass  # "This approach, however, ignores …": a discourse adverb between subject and verb
            elif re.match(r" (?:but|yet|whereas|while|whilst|although|though|however)\b", lowered[i + 1 : i + 12]):
                bounds.append(i + 1)
                closing = bool(re.match(r" (?:while|whilst|although|though|whereas)\b", lowered[i + 1 : i + 12]))
    bounds.append(len(text))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _negated(clause_text: str, cue_start: int) -> bool:
    window = re.split(r"[,;]", clause_text[max(0, cue_start - 25) : cue_start])[-1]  # "did not, reinforcing …"
    return bool(_NEGATORS.search(window))


def classify_citation(sentence: str, citation_span: Optional[tuple[int, int]] = None,
                      model: bool = True) -> FunctionLabel:
    """Classify the function of the citation at ``citation_span`` (character
    offsets into ``sentence``; the first author-year citation found when
    ``None``, or the whole sentence if there is none).

    Returns a :class:`FunctionLabel`.  With ``model=False`` the rules decide
    alone (``background`` when no cue governs the citation's clause).  With
    ``model=True`` the shipped model of :mod:`litmap.analyse.debates.citemodel`
    decides every label from the sentence and the rules' verdict (the shipped
    file keeps the rules' critiques and adds none); where it
    agrees with the rules their label (cue, score) is returned, else its own
    with cue ``"model"`` and its probability as score.  (A model file without
    ``decides: all`` may only relabel the rules' background as ``uses`` or
    ``supports``.)
    """
    found = _rules(sentence, citation_span)
    trained = citemodel.load_model() if model else None
    if trained is not None and trained.decides == "all":
        feats = model_features(sentence, citation_span) | citemodel.rule_features(found.label, found.cue is not None)
        label, p = trained.decide(feats)
        return found if label == found.label else FunctionLabel(label, "model", round(p, 3))
    if found.label == "background" and trained is not None:
        filled = trained.fill(model_features(sentence, citation_span))
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
    structural = _structural(text, clauses, k, c0, c1)
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
            if c0 <= ms < c1 and not (cue.label == "critiques" and _CONTRAST_START.match(m.group(0))
                                      and not text[c0:ms].strip("( ")):
                continue  # inside the citation itself, unless it opens it: "(contrary to Jander et al. 1992)"
            if _quoted_cue(text, a, ms, c0):
                continue  # the cited author's own words
            if _SENTENCE_END.search(_outside_parens(text[min(me, c1) : max(ms, c0)]) + text[max(ms, c0) : max(ms, c0) + 2]):
                continue  # a sentence the splitter ran on into this one: "... (X, 2020). These cities suffered neglect"
            hits.append((ms, me, cue, m.group(0)))
    # A cue inside a longer cue ("limits of" in "avoid the limits of") yields to it.
    hits = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)]
    best: Optional[FunctionLabel] = None
    scored: list[tuple[str, float, str, int, int, str]] = []
    for ms, me, cue, matched in hits:
        label = cue.label
        if (not _NEGATORS.search(matched) and _negated(clause, ms - a) and not c0 <= ms < c1
                and not _SELF_FIRST.match(matched)):  # "... could not. I take X to be ...": the negation is not the cue's
            label = {"critiques": "background", "supports": "critiques", "uses": "critiques"}[label]
            if label == "critiques" and cue.label == "supports" and _cited_is_reporter(text, c0, c1, ms, any_verb=True):
                label = "background"  # "X (2005) did not confirm ...": the cited work's own finding
        elif label == "critiques" and (_cited_is_agent(text, c0, c1, ms) or _reported_critique(text, c0, c1, ms)
                                       or _cited_is_reporter(text, c0, c1, ms) or _third_party_voice(text, a, ms)
                                       or _POSSESSED_CRITIQUE.search(text[max(0, ms - 12) : me])):
            label = "background"  # the cited work is the critic, not the target
        elif label == "critiques" and not _aimed_critique(text, a, c0, c1, ms, me, matched):
            label = "background"  # "Criticizing one's own group (X, 1998)": not aimed at the cited work
        elif label == "supports" and c1 <= ms and _SUBJECT_GAP.match(text[c1:ms]) and _REPORT_VERB.match(matched):
            label = "background"  # "Wu (2016) confirmed …": the cited work's own finding
        elif label == "supports" and _two_works_compared(text, a, b, c0, c1, ms, me):
            label = "background"  # "Smith (2010) is consistent with Jones (2012)": agreement between cited works
        elif label == "supports" and not _agreement_aimed(text, c0, ms, me, matched):
            label = "background"  # "Consistent with the plan, the zone expanded (Wu 2016)": not agreement with a work
        elif label == "uses" and not _FIRST_PERSON.search(text) and _THIRD_PARTY_USERS.search(text):
            label = "background"  # "Following Smith (2010), many studies use …": others use it, not the citing authors
        elif label == "uses" and _cited_uses(text, c0, c1, ms, matched):
            label = "background"  # "Langford (2013) found … when he adopted the point-based method": its own use
        distance = len(text[min(me, c0) : max(ms, c1)].split()) if (me <= c0 or ms >= c1) else 0
        scored.append((label, cue.weight / (1.0 + distance / 15.0), matched, ms, me, cue.label))
    # A critique word that is the object of a use cue ("Drawing on critiques of neoliberal urbanism (Peck 2010), we
    # …", "Building on the critique of … by Smith (1996)") names what is used; turned to background, it does not compete.
    uses_ends = [end for label, _, _, _, end, _ in scored if label == "uses"]
    for label, score, matched, ms, me, source in scored:
        if label == "background" and source == "critiques" and any(0 <= ms - end <= 30 for end in uses_ends):
            continue
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


# "X (2009) has suggested that these studies fail to …", "As X (2009) notes, …", "According to X (2009), …": the
# critique is said in the cited work's voice, so the cited work is the critic, not the target.
_REPORTING = re.compile(
    r"^\W{0,3}(?:(?:has|have|had|also|further|recently|rightly|convincingly|famously|similarly|likewise|then|"
    r"for example|for instance|e\.g\.,?)\s+){0,3}(?:suggest|argu|note|noting|claim|contend|show|shew|demonstrat|"
    r"find|found|point(?:s|ed)? out|observ|stat(?:e|es|ed|ing)\b|assert|maintain|propos|emphasi|stress|highlight|"
    r"conclud|report|warn|caution|insist|remark|writ|wrote|explain|posit|hold|held|believ|reason|concede|"
    r"acknowledg|recogni|lament|complain)",
    re.I)
# A verb right after the citation: the citation is its subject ("X (2005) did not confirm …").
_ANY_VERB_AFTER = re.compile(
    r"^\W{0,3}(?:(?:and|&) [A-Z][\w'\-]+ (?:\([^()]*\) )?)*(?:(?:has|have|had|also|further|recently|more recently|"
    r"then|however|both)\s+){0,3}(?:do|does|did|could|can|have|has|had|were|was|is|are|\w+ed|\w+s)\b", re.I)
_VOICE_BEFORE = re.compile(r"(?:\baccording to|^\W*as|[,;:]\s*as|\bin the (?:words|view) of)\s+$", re.I)


def _third_party_voice(text: str, clause_start: int, cue_start: int) -> bool:
    """The cue sits in a "that"-clause of a reporting verb whose subject is not the citing authors ("Critics have
    argued that the rent gap theory is too simplistic (Hamnett 1991)")."""
    for m in _THIRD_PARTY_VOICE.finditer(text, clause_start, cue_start):
        if not _FIRST_PERSON.search(text[clause_start : m.start()]) and not _SELF_SUBJECT.search(text[m.end() : cue_start]):
            return True
    return False


def _cited_is_reporter(text: str, c0: int, c1: int, cue_start: int, any_verb: bool = False) -> bool:
    """The cited work speaks the clause that holds the cue: a narrative citation as the subject of a reporting
    verb before it ("Slater (2009) has suggested that these studies fail to …"; with ``any_verb``, of any verb:
    "Schräpler and Wagner (2005) did not confirm …"), or a citation introduced as the voice ("According to X
    (2009), …", "As X (2009) notes, …"), with no first-person subject between it and the cue."""
    if cue_start < c1 or _SELF_SUBJECT.search(text[c1:cue_start]) or cue_start - c1 > 250:
        return False
    narrative = text[c1 - 1 : c1] == ")" and (text[c0 : c0 + 1].isupper() or bool(re.match(r"\(\s*" + _YEAR, text[c0:c1]))
                                              and bool(_NAMES_BEFORE.search(text[max(0, c0 - 60) : c0])))
    if narrative:
        after = text[c1 : cue_start + 1]
        if _REPORTING.match(after) or (any_verb and _ANY_VERB_AFTER.match(after) and cue_start - c1 < 80):
            return True
    start = _citation_start(text, 0, c0)
    return bool(_VOICE_BEFORE.search(text[max(0, start - 30) : start]))


# Scholars other than the citing authors as the users of a work.
_THIRD_PARTY_USERS = re.compile(
    r"\b(?:(?:many|most|several|some|other|these|those|such|previous|prior|earlier|recent|numerous|subsequent|later)\s+"
    r"(?:\w+\s+)?(?:studies|scholars|researchers|authors|works|analyses|papers|geographers|commentators)|others)\b", re.I)
_AGREEMENT_CUE = re.compile(r"(?:in line|consistent|in keeping|in agreement|in accordance) with", re.I)
_AGREED_THING = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:findings?|results?|conclusions?|evidence|observations?|studies|study|work|research|"
    r"literature|scholarship|arguments?|views?|claims?|theor(?:y|ies)|predictions?|hypothes[ie]s|accounts?|analys[ie]s|"
    r"estimates?|those|that of|the idea|the notion|the thesis|the model)\b", re.I)


def _agreement_aimed(text: str, c0: int, cue_start: int, cue_end: int, matched: str) -> bool:
    """An agreement phrase ("consistent with", "in line with") supports a work when its object is the work, its
    findings or scholarship ("consistent with earlier findings (X)", "in line with Jonas (2013)"), or the citation
    closes a short object phrase; "Consistent with the plan, the zone expanded (Wu 2016)" and "in line with
    government policy (X)" agree with no work."""
    if not _AGREEMENT_CUE.fullmatch(matched.strip()):
        return True
    if _AGREED_THING.match(text[cue_end : cue_end + 80]):
        return True
    if c0 >= cue_end:
        gap = _outside_parens(text[cue_end:c0])
        return "," not in gap and len(gap.split()) <= 8 and not _SENTENCE_END.search(gap)
    return False


def _two_works_compared(text: str, a: int, b: int, c0: int, c1: int, cue_start: int, cue_end: int) -> bool:
    """An agreement cue between two cited works, one on each side of it in the clause, with the citing authors
    silent ("Wu (2016) echoes Brenner (2004)", "the fate of villagers (Shin 2016) mirrors that of residents (Jou
    2016)"): the scheme's comparison of cited works, not support of the citing authors' claim."""
    if _FIRST_PERSON.search(text[a:b]) or re.match(r"(?:these|our|the present) (?:results|findings)", text[a:cue_start].strip(), re.I):
        return False
    other = [(s, e) for s, e in _spans_in(text, a, b) if not (s < c1 and c0 < e)]
    if c1 <= cue_start:
        return any(s >= cue_end for s, _ in other)
    if c0 >= cue_end:
        return any(e <= cue_start for _, e in other)
    return False


def _cited_uses(text: str, c0: int, c1: int, cue_start: int, matched: str) -> bool:
    """A use cue said of the cited work, not of the citing authors: a narrative citation before it in the clause,
    with no first-person subject between and no "here/this paper" in the cue ("Langford (2013) found different
    results when he adopted the point-based method")."""
    if cue_start < c1 or cue_start - c1 > 150 or _FIRST_PERSON.search(matched) or re.search(r"\bhere\b", matched):
        return False
    narrative = text[c1 - 1 : c1] == ")" and (text[c0 : c0 + 1].isupper() or bool(re.match(r"\(\s*" + _YEAR, text[c0:c1]))
                                              and bool(_NAMES_BEFORE.search(text[max(0, c0 - 60) : c0])))
    between = text[c1:cue_start]
    return narrative and not _SELF_SUBJECT.search(between) and not _SENTENCE_END.search(between) and ";" not in between


# A full stop between a cue and the citation: the sentence finder ran two sentences together ("… (Central Bureau
# of Statistics, 2020).1 These cities have suffered long-term neglect").  Initials, "et al." and common
# abbreviations do not end a sentence.
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bal)(?<!\bcf)(?<!\bvs)(?<!\bSt)(?<!\bDr)(?<!\bpp)(?<!\bed)(?<!\beds)(?<!\bFig)"
                           r"(?<!\be\.g)(?<!\bi\.e)(?<!\bno)(?<!\betc)[.!?]\d{0,2}\s+(?:\d+(?:\.\d+)*[.)]?\s+)?[^\w\s]{0,2}[A-Z][a-z]")
_SELF_FIRST = re.compile(r"(?:we|I)\b", re.I)


# A critique the sentence reports rather than makes: "Another critique is that … (X, 2010)",
# "has been criticised for … (X, 2009)", "met severe criticism from …", "X's critique of …".
_REPORTED_FRAME = re.compile(
    r"\b(?:(?:another|a|an|one|the|this|that|their|his|her|its|common|main|major|further|similar|severe|strong)"
    r" (?:\w+ )?(?:critique|criticism)s? (?:is|was|has|of|that|from|by)\b|"
    r"(?:has|have|had|been|was|were|is|are) (?:\w+ ){0,2}(?:criticis|criticiz|critiqu|challeng|question|reject)\w*"
    r" (?:for|by|as|on)\b|met (?:\w+ ){0,2}critici\w+|[\w)]'s? critique|"
    r"(?:been|was|were|is|are) (?:\w+ ){0,2}(?:depicted|described|portrayed|characteri[sz]ed|labell?ed|dismissed|"
    r"seen|viewed|regarded|considered|deemed) as)",
    re.I,
)
# "Critics have argued that …", "It has been suggested that …", "Some note that …": a judgement others made, which
# the citing authors report; a citation in it is the critic's.
_THIRD_PARTY_VOICE = re.compile(
    r"\b(?:argu\w*|suggest\w*|claim\w*|contend\w*|not(?:e|es|ed)|point(?:s|ed)? out|observ\w*|assert\w*|"
    r"maintain\w*|propos\w*|show(?:s|n|ed)?|demonstrat\w*|f(?:i|ou)nds?|conclud\w*|insist\w*|warn\w*)(?: that\b|,)",
    re.I)
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


def _aimed_critique(text: str, a: int, c0: int, c1: int, cue_start: int, cue_end: int, matched: str) -> bool:
    """Is a critique cue aimed at the cited work?  Which slot the target fills depends on the cue:

    * contrasts, comparisons and object verbs ("contrary to", "more flexible than that of", "rebuke",
      "difficult to apply", and "criticise/critique/challenge" with another subject) target their object: the
      citation must follow the cue inside its object noun phrase (:func:`_in_object`), or the object is a claim
      or scholarship ("challenge the claim that … (X)", "in contrast to that of studies which … (X)"), whose
      cited source is then the target.  "(contrary to X 1992)" opens the citation itself;
    * with the citing authors as the subject of a critique verb ("we challenge the campaigns of those who …
      (X)"), anything cited later in the clause is in its object;
    * a critique noun ("criticisms of …", "a critique of …") is somebody's critique: it counts only when the
      citing authors own it ("our critique", "I develop a critique") and the citation is in its object; an
      unowned one ("Criticisms of Saunders' theory are abundant (Daunton, 1987)") cites its critics;
    * shortcoming verbs ("fail to", "neglect", "overlook", "ignore", "downplay", "misread") target their
      subject: the citation must sit just before the cue with no first-person subject between ("X (2004)
      overlooks", "these studies (X) fail to"), or the subject is scholarship ("such accounts fail to … (X)"),
      or the cue is passive with the citation as agent ("overlooked by X"); "Some data gathering tools can fail
      to … (X)" and "we neglect …" are not critiques of the cited work;
    * "problematic" and "challenges" (noun) keep the older test (:func:`_aimed_at_work`); evaluative cues
      ("overly", "simplistic", "limits of", "inapplicable", "we depart from" …) count within the clause.
    """
    m = matched.lower()
    if (_CONTRAST_START.match(m) or re.fullmatch(_COMPARATIVE_CUE, m)) and not _FIRST_PERSON.search(text[a : cue_end + 200]):
        others = [(s, e) for s, e in _spans_in(text, a, min(len(text), cue_end + 200)) if not (s < c1 and c0 < e)]
        # "X (2010) contrasts with Y (2012)", "Unlike Smith (2010), Jones (2012) finds …": two cited works set side by
        # side; "an improvement from measures such as those of X (2002) and Y (2005)" sets both against the authors'
        if any(e <= cue_start for _, e in others) or any(
                s >= c1 and "," in _outside_parens(text[c1:s]) for s, _ in others):
            return False
    if c0 <= cue_start < c1 or cue_start < c0 < cue_end:
        return True  # "(contrary to Jander et al. 1992)", "contrary to Smith (1996)": the cue's object is the citation
    if _CONTRAST_START.match(m) or re.fullmatch(_COMPARATIVE_CUE, m) or _OBJECT_VERB.match(m):
        if re.fullmatch(_COMPARATIVE_CUE, m):
            if not _FIRST_PERSON.search(text) and text[c0 : c0 + 1] == "(" and not _PROPOSED.search(text[a:cue_start]):
                return False  # "BD models are often more accurate than multi-class models (X; Y)": X reports it
            if any(c1x <= cue_start for _, c1x in _spans_in(text, a, cue_start)):
                return False  # "X (2004) is more flexible than Y (2005)": two cited works compared
            start = _citation_start(text, cue_end, c0)
            gap = _outside_parens(text[cue_end:start])
            if text[start : start + 1] == "(" and not (re.search(r"\b(?:that|those) of\b", gap) or _SCHOLAR_NOUN.search(gap)
                                                  or _MEASURE_NOUN.search(gap)):
                return False  # "grew more rapidly than in Europe (Wu 2016)": not compared with a work
        return _in_object(text, cue_start, cue_end, c0, scholarly=not _CONTRAST_START.match(m))
    if _CRITIQUE_WORD.match(m):
        before = text[max(a, cue_start - 60) : cue_start]
        noun = m.startswith("criticism") or text[cue_end : cue_end + 3] == " of" or bool(_NOUN_BEFORE.search(before))
        if noun and m.startswith("challenge"):
            # "is a challenge (see X for a review)", "the challenges of …": a difficulty, not a critique of X;
            # "a challenge to the claim of X (2004)" is one
            return text[cue_end : cue_end + 4] == " to " and _in_object(text, cue_start, cue_end, c0, scholarly=True)
        if noun:
            return bool(_OWNER.search(before[-40:])) and _in_object(text, cue_start, cue_end, c0)
        if _SELF_SUBJECT.search(before):
            return c0 >= cue_end and not _SENTENCE_BREAK.search(_outside_parens(text[cue_end:c0]))
        return _in_object(text, cue_start, cue_end, c0, scholarly=True)
    if re.fullmatch(_NO_SUPPORT_CUE, m):
        return _in_object(text, cue_start, cue_end, c0)  # "little support for Flowerdew and Green's (1989) conclusion"
    if re.fullmatch(_LIMITED_VIEW_CUE, m):
        # "the existing research … has taken a limited view" judges prior work; "we used a limited set (X)" does not
        prior = list(_PRIOR_WORK.finditer(text, a, cue_start))
        return bool(prior) and not _OWNER.search(text[max(a, prior[-1].start() - 12) : prior[-1].start()])
    if m.startswith("suffer"):
        m = "suffers from"  # "a survey, which suffers from vital methodological problems, X (1983) …": the subject's flaw
    if _SUBJECT_CRITIQUE.fullmatch(m):
        if c1 <= cue_start and cue_start - c1 < 60 and not _SELF_SUBJECT.search(text[c1:cue_start]):
            return True
        subject = " ".join(text[a:cue_start].split()[-6:])
        if _SCHOLAR_NOUN.search(subject) and not _SELF_SUBJECT.search(subject):
            return True
        return text[cue_end : cue_end + 4] == " by " and _in_object(text, cue_start, cue_end, c0)
    if m == "problematic" and re.match(r" to \w", text[cue_end : cue_end + 5]):
        # "it can be problematic to carry them over to the new objects (Flowerdew et al., 1991)": an action judged
        # difficult, with X as the source; "problematic to apply the model of X (2004)" aims at X's work
        return _in_object(text, cue_start, cue_end, c0, scholarly=True)
    if _WEAK_CRITIQUE.fullmatch(m) and m != "problematic":
        return _aimed_at_work(text, c0, c1, cue_end)
    if _OWNER.match(m) or m.startswith("as "):
        return True  # the citing authors' own stance: "we depart from", "we do not follow", "as X did"
    # an evaluative word ("overly", "simplistic", "inapplicable", "limitations of") judges a work when the
    # clause names scholarship before it ("rendering the value gap theory inapplicable"), a narrative citation is
    # its subject, or its phrase names the work ("an overly simplistic reading of X (2004)"); "overly dense blocks
    # are common in the suburbs (X 2016)" judges no work
    if re.match(r"limit(?:s|ations?) of", m):
        return _in_object(text, cue_start, cue_end, c0, scholarly=True)  # "the limits of Smith's (2010) approach"
    if re.match(r"(?:depart from|misread|misunderst|cautious about)", m):
        return _in_object(text, cue_start, cue_end, c0)  # a verb whose object is the work: "depart from X (2004)"
    narrative_subject = c1 <= cue_start and cue_start - c1 < 60 and text[c1 - 1 : c1] == ")" and text[c0 : c0 + 1].isupper()
    # a parenthetical citation after the judged phrase is its source ("a problematic term (Smith 2002)"), unless
    # the phrase names the work ("an overly simplistic reading of Smith (2010)")
    linked = c0 >= cue_end and bool(re.search(r"\b(?:of|by)\b", _outside_parens(text[cue_end:c0])))
    return (bool(_SCHOLAR_NOUN.search(text[a:cue_start])) or narrative_subject
            or (linked and _in_object(text, cue_start, cue_end, c0)))


_PRIOR_WORK = re.compile(
    r"\b(?:previous|prior|existing|earlier|past|most|many|much of the|conventional) (?:\w+ ){0,3}?(?:research|studies|"
    r"literature|work|evaluations?|approaches|methods|models|accounts|scholarship|analyses)\b", re.I)
# The citing authors' own method named as the better side of a comparison: "the proposed model outperforms …".
_PROPOSED = re.compile(r"\b(?:(?:the|our) (?:proposed|new|present) \w+|(?:this|these|our) (?:findings?|results?))\b", re.I)
_CONTRAST_START = re.compile(r"(?:unlike|in (?:\w+ )?contrast|stands? in|contrast(?:s|ed|ing)? (?:sharply |starkly )?with|"
                             r"contrary to|contra|pace)\b", re.I)
_OBJECT_VERB = re.compile(r"(?:rebuk|rebut|refut|contradict|runs? counter|difficult to|hard to|impossible to|impractical to)",
                          re.I)
_CRITIQUE_WORD = re.compile(r"(?:critici[sz]|critiqu|challeng|critical of)", re.I)
_SUBJECT_CRITIQUE = re.compile(
    r"(?:fail(?:s|ed|ing)? to|neglect\w*|overlook\w*|ignor\w*|downplay\w*|misread\w*|misunderst\w+|"
    r"(?:under|over)estimat\w+|(?:over|under)stat\w+|exaggerat\w+|suffer\w* from|"
    r"(?:do|does|did) not \w+(?: into account)?|(?:has|have) yet to)", re.I)
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|this|these|those|its|their|our|my|his|her|of|main|major|key|many|several|such|detailed|"
    r"strong|further|recent|similar|common|other|new|some)|\w's|s')\s*$", re.I)
_OWNER = re.compile(r"\b(?:(?i:our|my|we|this (?:paper|article|study|chapter))|I)\b")
_SCHOLAR_NOUN = re.compile(
    r"\b(?:theor(?:y|ies)|approach(?:es)?|stud(?:y|ies)|literature|accounts?|scholars?|scholarship|arguments?|"
    r"models?|frameworks?|research|authors?|analys[ie]s|explanations?|perspectives?|methods?|works?|surveys?)\b", re.I)
_CLAIM_NOUN = re.compile(
    r"\b(?:claims?|views?|arguments?|assumptions?|ideas?|notions?|contentions?|thesis|hypothes[ie]s|suggestions?|"
    r"expectations?|beliefs?|predictions?|studies|literature|research|scholarship|accounts|approaches|"
    r"theor(?:y|ies)|findings|conclusions?|interpretations?|(?:previous|prior|earlier|past|existing) work)\b", re.I)
_SENTENCE_BREAK = re.compile(r"(?:[.!?]|\u2026)\s+[\"'\u201c\u2018]?[A-Z0-9]")
_VERB_OR_RELATIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|can|could|may|might|will|would|shall|should|must|do|does|did|"
    r"which|who|whom|whose|where|when|that(?! of))\b", re.I)


def _outside_parens(gap: str) -> str:
    return re.sub(r"\([^()]*\)", " ", gap)


def _spans_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(s + start, e + start) for s, e in find_citation_spans(text[start:end])]


def _citation_start(text: str, limit: int, c0: int) -> int:
    """Where the citation starts, taking in the names before a year-only span ("Drees and Stărică (2002)")."""
    year_only = re.match(r"\(\s*" + _YEAR, text[c0 : c0 + 8])
    names = _NAMES_BEFORE.search(text[max(limit, c0 - 80) : c0]) if year_only else None
    return c0 - len(names.group(0)) if names and names.group(0)[:1].isupper() else c0


def _in_object(text: str, cue_start: int, cue_end: int, c0: int, scholarly: bool = False) -> bool:
    """The citation follows the cue inside its object: a short noun phrase (at most 12 words, no verb,
    relative pronoun or sentence break between; "those of", "that of" allowed), or any length when the object
    is a claim or scholarship ("the claim that …", "some suggestions in the literature", "studies which …").
    With ``scholarly`` (a critique verb whose subject is not the citing authors, "rebuke", "difficult to
    apply", comparisons), a parenthetical citation counts only after an object that names scholarship or a
    method ("Markets challenge the state (Wu 2016)": Wu is the source, not the target)."""
    c0 = _citation_start(text, cue_end, c0)
    if c0 < cue_end:
        return False
    gap = _outside_parens(text[cue_end:c0])
    if _SENTENCE_BREAK.search(gap):
        return False
    if _CLAIM_NOUN.search(text[cue_start:cue_end] + " " + " ".join(gap.split()[:4])) and len(gap.split()) <= 40:
        return True
    if len(gap.split()) > 12 or _VERB_OR_RELATIVE.search(gap):
        return False
    if text[c0 : c0 + 1] == "(" and (not gap.strip() or _PREPOSITION_START.match(gap)):
        return False  # "difficult to use (X 2004)", "… in rural areas (X 2004)": X is the claim's source
    if scholarly and text[c0 : c0 + 1] == "(" and not (_SCHOLAR_NOUN.search(gap) or _MEASURE_NOUN.search(gap)):
        return False
    # A narrative citation ("Drees (2002)") starts a noun phrase of its own: it is in the object when it is the
    # object ("than Bénézech et al. (2001)") or ends it after "of/by/than …" ("that of Drees and Stărică (2002)"),
    # not when it follows another noun ("more information than developing skills WEITZMAN (1995) designed").
    narrative = text[c0 : c0 + 1] != "("
    return not narrative or bool(_NAMES_AFTER_LINK.search(gap))


_PREPOSITION_START = re.compile(r"^\W*(?:in|on|at|for|from|with|to|during|since|because|when|as|after|before)\b", re.I)
_MEASURE_NOUN = re.compile(r"\b(?:measures?|estimates?|techniques?|indices|index|algorithms?|procedures?|specifications?|"
                           r"tests?|designs?|tools?|methodolog(?:y|ies))\b", re.I)
_NAMES_BEFORE = re.compile(r"(?:(?:[A-Z][\w'\-]*\.?|and|&|et|al\.)[\s,]*)+$")
_NAMES_AFTER_LINK = re.compile(
    r"(?:^|\b(?:of|by|than|from|to|with|in|on|as)\s)\s*(?:(?:[A-Z][\w'\-.]*|and|&|et al\.?),?\s*)*$")


def _quoted_cue(text: str, a: int, cue_start: int, c0: int) -> bool:
    """The cue sits inside a quotation that the citation closes ("'I have got to be better than the next
    door' (Butler, 1997)"): the cited author's words, not the citing authors'."""
    before = text[a:cue_start]
    opens = list(re.finditer(r"(?:^|[\s(\[])([\"'])", before))
    if not opens or c0 <= cue_start:
        return False
    last = opens[-1]
    q = last.group(1)
    if re.search(re.escape(q) + r"(?!\w)", before[last.end() :]):
        return False
    return bool(re.search(re.escape(q) + r"[\s,.;:]*$", text[cue_start:c0]))


# A shortcoming said of the cited work in the clause after it: "X (2013) has proposed …, but fails to …",
# "… (Freeman 2005), but these data lack …", "X (2005) examined … but did not examine …".  The subject is left
# out or points back (they, it, these data, this approach …); a hedge such as "but as far as we are aware it
# has not been applied" is a gap in the literature, not a shortcoming of the work, and does not match.
_SHORTCOMING = (
    r"(?:(?:also|still|often|generally|largely|clearly|ultimately)\s+)?"
    r"(?:(?:do|does|did|could|can|has|have|had|is|are|was|were)(?:n't| not| never)\b"
    r"(?! (?:use|employ|require|need)\b)|cannot\b|fail(?:s|ed)?\b|"
    r"lack(?:s|ed)?\b|neglect(?:s|ed)?\b|overlook(?:s|ed)?\b|ignor(?:es|ed)\b|miss(?:es|ed)\b|omit(?:s|ted)?\b|"
    r"(?:\w+ly )?(?:under|over)estimat(?:es|ed)\b|exaggerat(?:es|ed)\b|never\b|(?:has|have) yet to\b|"
    # an evaluative predicate in the citing authors' voice: "but they used a totally subjective scheme", "but these
    # geographies are too large to assess …", "however, their trees are used to produce a much simpler form"
    r"(?:(?!(?:do|does|did)\b)[\w'\-]+\s+){0,7}?(?:too (?:large|small|broad|narrow|coarse|crude|general|simple|simplistic|"
    r"costly|expensive|slow|complex|aggregated|limited) (?:an? \w+|to (?:assess|capture|measure|detect|show|identify|"
    r"explain|distinguish|represent|reflect|study|examine|analy[sz]e))\b|(?:totally |purely |highly |rather |overly |very |largely )?"
    r"(?:subjective|arbitrary|ad hoc|simplistic|crude|insufficient|inadequate|unreliable|flawed|biased|"
    r"prohibitively \w+|labou?r-intensive|time-consuming)\b|(?:much|far|considerably) (?:simpler|cruder|coarser|"
    r"weaker|poorer)\b|far from (?:ideal|perfect|satisfactory|complete)\b))"
)
_ANAPHOR = (
    r"(?:they|it|he|she|(?P<noun>critics|(?:these|their|its|his|her|such|those) \w+(?:'s)?(?= (?:are|is|was|were|"
    r"have|has|remain|used|use|yields?|produces?|gives?|rel(?:y|ies)|requires?)\b)|(?:these|this|their|its|his|her|such|those|the|that) (?:\w+ ){0,2}?"
    r"(?:data|approach(?:es)?|models?|methods?|stud(?:y|ies)|work|research|analys[ie]s|accounts?|authors?|"
    r"measures?|findings|results|estimates|frameworks?|theor(?:y|ies)|concepts?|terms?|arguments?|scholars?)))\s+"
)
_BUT_SHORTCOMING = re.compile(
    r"(?:[,;]\s*|\s)(?:but|yet|however)\b,?\s+(?:(?:as yet|still|so far|ultimately|then),?\s+|as [^,;()]{3,80}, )?(?:" + _ANAPHOR + r")?"
    + _SHORTCOMING, re.I)
_ANAPHOR_SHORTCOMING = re.compile(r"^\W*" + _ANAPHOR + _SHORTCOMING, re.I)
# "as far as we are aware", "to our knowledge": a hedge, not the citing authors taking a position.
_HEDGE = re.compile(r"\b(?:as far as (?:we|I) (?:are|am) aware|as far as (?:we|I) (?:know|can tell)|"
                    r"to (?:our|my) (?:best )?knowledge)\b", re.I)


def _cited_is_subject(text: str, clause_start: int, c0: int, c1: int) -> bool:
    """A narrative citation ("Freeman (2005) examined …") or scholarship as the clause's subject ("Earlier studies
    … (X)"): what a left-out subject or a pronoun after "but" points back to."""
    narrative = text[c1 - 1 : c1] == ")" and text[c0 : c0 + 1].isupper()
    return narrative or bool(_SCHOLAR_NOUN.search(" ".join(text[clause_start:c0].split()[:6])))


def _shortcoming_after(text: str, clause_start: int, c0: int, c1: int) -> Optional[FunctionLabel]:
    m = _BUT_SHORTCOMING.search(text, c1)
    if m is None or m.start() - c1 > 300:
        return None
    if not m.group("noun") and not _cited_is_subject(text, clause_start, c0, c1):
        return None  # "Rents rose (Smith 1996), but they did not fall": "they" need not be the cited work
    between = text[c1 : m.start()]
    if re.match(r"\W*however\b", m.group(0), re.I) and not m.group(0).lstrip().startswith(";"):
        return None  # "…, however, …" inside a clause is a discourse adverb; "; however, their …" answers the work
    if re.search(r"[;:]", _outside_parens(between)) or _SENTENCE_BREAK.search(_outside_parens(between)):
        return None
    return FunctionLabel("critiques", " ".join(m.group(0).split())[:24], 0.7)


def _structural(text: str, clauses: list[tuple[int, int]], k: int, c0: int = 0, c1: int = 0) -> Optional[FunctionLabel]:
    """Cross-clause contrast with the citing authors' own position, or a shortcoming of the cited work said in
    the clause after it ("X (2013) proposed …, but fails to …"; "While X (2009) incorporate …, they do not …")."""
    a, b = clauses[k]
    later = clauses[k + 1 :]
    # "While/Although X (2004) …, we/this study …"
    if _CONCESSIVE_START.match(text[a:b]) and later:
        main = text[later[0][0] : later[0][1]]
        subject = _SELF_SUBJECT.search(_outside_parens(main))
        if subject and not re.search(r"\b(?:agree|acknowledge|support)", text[a:b], re.I):
            return FunctionLabel("critiques", text[a:b].split()[0].strip(",") + " … " + subject.group(0), 0.8)
        # "Despite a common interpretation that … (X), it turned out that …", "Although some researchers caution
        # against … (X), data about … are analytically useful": a cited claim answered by the citing authors' finding
        if (_OWN_FINDING.match(main) and not _spans_in(text, later[0][0], later[0][1])
                and (_CLAIM_NOUN.search(text[a:c0]) or _SCHOLAR_NOUN.search(text[a:c0]) or _ATTRIBUTED.search(text[a:c0])
                     or re.search(r"\b(?:caution|warn|find|found|finding|show|shown|demonstrat)\w*", text[a:c0], re.I))):
            return FunctionLabel("critiques", text[a:b].split()[0].strip(",") + " … " + " ".join(main.split()[:3]), 0.8)
        shortcoming = _ANAPHOR_SHORTCOMING.match(main)
        if shortcoming and (shortcoming.group("noun") or _cited_is_subject(text, a, c0, c1)):
            return FunctionLabel("critiques", " ".join(shortcoming.group(0).split())[:24], 0.8)
    if (_CONCESSIVE_START.match(text[a:b]) and c1 and _OWN_FINDING.match(text[c1:b])
            and (_CLAIM_NOUN.search(text[a:c0]) or _ATTRIBUTED.search(text[a:c0]))):
        return FunctionLabel("critiques", text[a:b].split()[0].strip(",") + " … " + " ".join(text[c1:b].split()[:3]), 0.8)
    # "Unlike the flagship case …, where … (X 1998), our case studies revealed …": the cited case set against
    # the citing authors' own findings, named before them
    if _CONTRAST_LEAD.match(text) and k <= 1:
        own = _SELF_SUBJECT.search(text, c1)
        if own and not _SELF_SUBJECT.search(text[: c0]) and own.start() - c1 < 200:
            return FunctionLabel("critiques", text.split()[0] + " … " + own.group(0), 0.8)
    # "X (2004) argues …; however, we …"
    for ca, cb in later[:2]:
        clause = text[ca:cb]
        if _CONTRAST_OPENER.match(clause) and _FIRST_PERSON.search(_HEDGE.sub("", clause[:80])[:60]):
            return FunctionLabel("critiques", clause.strip()[:20], 0.7)
        if (re.match(r"^\W*however\b", clause, re.I) and text[ca - 1 : ca] == ";"
                and _ATTRIBUTED.search(text[a:b])):
            return FunctionLabel("critiques", "; however", 0.6)
    return _shortcoming_after(text, a, c0, c1) if c1 else None
