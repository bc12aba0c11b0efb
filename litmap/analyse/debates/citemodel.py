"""A small trained model of citation function that decides every label, the rules' verdict among its features.

The shipped model (``decides == "all"`` in its file) reads the citation in its sentence and the verdict of the
rules of :mod:`litmap.analyse.debates.citefunction` (:func:`rule_features`: their label, whether a cue fired) and
gives one of ``uses``, ``supports``, ``critiques``, ``background`` (:meth:`CitationModel.decide`).  With
``critiques_from == "rules"`` (the shipped file) ``critiques`` are exactly the rules' critiques: no model tried
told the rules' right critiques from their wrong ones on text they were not written on, nor found new ones, and
every critique floor cost precision (docs/citation-function.md); the model decides ``uses`` / ``supports`` (from
their floors, 0.5) and ``background`` for the rest.  With ``critiques_from == "model"`` (the file of d9a603f)
``critiques`` come from a critique probability of ``label_min_probability["critiques"]``.  An older file without
``decides`` is a fill model: it may only relabel the rules' background as one of its ``fill_labels``
(:meth:`CitationModel.fill`).

Features of one citation in its sentence (:func:`citation_features`): the words and word pairs of the sentence
and of the citation's clause with the citation replaced by ``CITE`` (other citations by ``OCITE``), the 4 words
before and after it, narrative citation, citation first/last, first person, negation in the clause, several
clauses, engineered cue families (``x:``: use verbs, method nouns, agreement, contrast, critique words,
reporting verbs, hedges, negation, each also marked before or after the citation, with the citing authors or a
narrative citation as subject), role features (``r:``, :func:`_role_features`: the citation as the source of a
method or instrument, "by CITE", "cf. CITE", statistics beside it, agreement with it, its grammatical role) and
direction features (``d:``, :func:`_direction_features`: the citing authors as subject of a contrast or critique
aimed at the citation, "Unlike CITE, we ...", "CITE ... but fails to ...", against the cited work as the critic,
"CITE criticises ...", "criticised by CITE", "another critique ... (CITE)"; hedges, verbs of mention, "see/e.g.",
quotes, citation position, group size).  A multinomial logistic regression (balanced class weights; the word
features share unit length, each cue, role and direction feature counts ``cue_weight``, the rules' verdict 1;
features seen in at least 5 sentences) was fitted on the spent batches of
``benchmarks/gold/citation_function.jsonl`` but wave10 (original, wave4-wave9: 2,296 sentences; wave10, the
third blind test, is not trained on: ``train_citation_function.SPENT_BATCHES``) by
``benchmarks/train_citation_function.py --write`` (C = 0.3, min_df 5, floor 0.5; grouped cross-validation by
paper, ``benchmarks/cv_citation_function.py``); its weights ship as
``litmap/data/citation_function_model.json`` and are applied here in plain Python, so the result is the same on
every machine.  See ``docs/citation-function.md``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping, Optional, Sequence


__all__ = ["CitationModel", "MODEL_FILE", "citation_features", "feature_values", "load_model", "model_text",
           "rule_features"]

MODEL_FILE = "citation_function_model.json"
# Labels a model without ``fill_labels`` in its file may give a citation the rules left as background (the model
# of early 2026-12-07 filled ``uses`` only; the shipped model's file names ``uses`` and ``supports``: with the role
# features and cue weight its supports held up across batches and fields, docs/citation-function.md).
FILL_LABELS: tuple[str, ...] = ("uses",)

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|CITE|OCITE|[;:]")
_NEG = re.compile(r"\b(?:not|no|never|neither|nor|hardly|without|cannot)\b|n't\b", re.I)
_FIRST = re.compile(r"\b(?:(?i:we|our|us|this (?:paper|article|study|research|chapter)|the present (?:paper|study))|I)\b")
# Engineered cue features ("x:"): word families that say who does what with the cited work, read in the citation's
# clause, so that the model generalises past the words it has seen.
_CUE_FAMILIES: tuple[tuple[str, "re.Pattern[str]"], ...] = tuple((name, re.compile(pattern, re.I)) for name, pattern in (
    ("use_verb", r"\b(?:adopt|apply|applied|use[ds]?|using|employ|follow|draw(?:s|ing)? on|drew on|build(?:s|ing)? on|"
                 r"built on|borrow|rely|relied|implement|extend|based on|inspired|informed|measured|estimated)\w*"),
    ("method_noun", r"\b(?:method|approach|framework|model|measure|index|definition|concept|procedure|technique|"
                    r"criteria|specification|data|dataset|scale|typology|classification|notion)s?\b"),
    ("agree", r"\b(?:consistent|in line|accordance|agreement|similar|confirm|corroborat|echo|mirror|support|reinforc|"
              r"replicat|resonat|likewise|also found|as shown|as found|as documented)\w*"),
    ("contrast", r"\b(?:unlike|contrary|contrast|whereas|differ|however|but|although|while|instead|rather than)\b"),
    ("critique_word", r"\b(?:critici|critiqu|fail|neglect|overlook|ignor|limitation|problematic|flaw|shortcoming|"
                      r"weakness|bias|question|challeng|inadequa|misread|underestimat|overestimat)\w*"),
    ("report_verb", r"\b(?:argu|suggest|note|claim|contend|show|find|found|observ|propos|state|assert|emphasi|stress|"
                    r"highlight|conclud|demonstrat|report|describ|defin)\w*"),
    ("hedge", r"\b(?:may|might|could|perhaps|possibly|seem|appear|allude|tend|likely|some|several)\w*"),
    ("negation", r"\b(?:not|no|never|without|cannot)\b|n't\b"),
))
_SELF_SUBJ = re.compile(r"\b(?:(?i:we|this (?:paper|article|study|research|chapter)|the present (?:paper|study)|"
                        r"our (?:analysis|approach|study|results|findings|model|method|data))|I)\b")


# Role features ("r:"): how the citation stands in its clause (text with the citation as CITE), read from general
# forms rather than from the words of the spent rows: the source of a method or instrument ("a scale of
# religiosity (alpha = .79; CITE)", "the method suggested by CITE", "coined by CITE", "cf. CITE"), agreement
# with a cited result ("this agrees with the results from CITE", "adds support to ... CITE", "persuaded by CITE"),
# and the citation's grammatical role (subject, agent of a by-phrase, parenthetical, after "cf.").
_METHOD_NOUNS = (r"(?:method|methodology|approach|framework|model|measure|measurement|index|indices|scale|item|"
                 r"technique|procedure|instrument|questionnaire|survey|inventory|typology|classification|algorithm|"
                 r"formula|estimator|test|protocol|coding scheme|scheme|design|strategy|concept|term|definition|"
                 r"software|package|tool|data ?set|dataset|sample|guidelines?|criteria|specification)s?")
_SOURCE_VERBS = (r"(?:developed|suggested|proposed|coined|identified|introduced|described|adapted|devised|designed|"
                 r"created|outlined|recommended|presented|provided|used|employed|applied|defined|formulated|"
                 r"validated|constructed|established|implemented|modified|translated)")
_ROLE_PATTERNS: tuple[tuple[str, "re.Pattern[str]"], ...] = tuple((name, re.compile(pattern, re.I)) for name, pattern in (
    ("source_verb_by", _SOURCE_VERBS + r"\s+(?:\w+\s+){0,2}(?:by|in|from)\s+CITE"),
    ("method_noun_by", r"\b" + _METHOD_NOUNS + r"\b[^.;:]{0,60}?\b(?:by|of|from|in)\s+CITE"),
    ("method_noun_paren", r"\b" + _METHOD_NOUNS + r"\b[^.;:()]{0,80}(?:\([^()]*)?CITE"),
    ("by_cite", r"\bby\s+CITE"),
    ("cf_cite", r"\b(?:cf|see|see also|e\.g|following)\.?,?\s+(?:\w+\s+)?CITE"),
    ("agree_with", r"\b(?:agree[sd]?|in agreement|accord[sd]?|concur[sd]?|coincide[sd]?|correspond[sd]?|"
                   r"consistent|in line|compatible|congruent|similar|comparable|parallel[s]?|echo(?:es|ed)?|"
                   r"mirror[sd]?|match(?:es|ed)?)\b[^.;:]{0,80}\b(?:with|to|by|of|from)\b[^.;:]{0,60}CITE"),
    ("adds_support", r"\b(?:add[sd]?|lend[s]?|lent|provide[sd]?|offer[sd]?|give[sd]?)\s+(?:\w+\s+){0,2}"
                     r"(?:support|weight|credence|evidence)\b[^.;:]{0,100}CITE"),
    ("persuaded", r"\b(?:persuaded|convinced|agree)\s+(?:\w+\s+){0,2}(?:by|with)\s+(?:\w+\s+){0,3}CITE"),
    ("we_verb_cite", r"\b(?:we|our|I)\b[^.;:]{0,80}CITE"),
    ("cite_we_after", r"CITE[^.;:]{0,80}\b(?:we|our)\b"),
))


_STAT = re.compile(r"[=<>\u03b1]|\balpha\b|\d\.\d|\bp\s*[<=]", re.I)


def _role_features(clause_masked: str, narrative: bool, citation: str = "") -> set[str]:
    """Role features of the citation in its clause (masked: the citation is ``CITE``; ``citation`` its text)."""
    out = {"r:" + name for name, pattern in _ROLE_PATTERNS if pattern.search(clause_masked)}
    if _STAT.search(citation) or re.search(r"\([^()]*" + _STAT.pattern + r"[^()]*CITE", clause_masked, re.I):
        out.add("r:stat_paren")  # "(alpha = .79; Feagin, 1964)": an instrument's source
    if re.match(r"\(?\s*(?:cf|see|e\.g)\b", citation, re.I):
        out.add("r:cf_cite")
    head = clause_masked.lstrip(" ,;:(")
    before = clause_masked.split("CITE", 1)[0]
    if narrative and head.startswith("CITE"):
        out.add("r:cite_subject")
    elif narrative:
        out.add("r:cite_narrative_inside")
    elif citation.lstrip().startswith("(") or "(" in before[-3:] or before.rstrip().endswith(";"):
        out.add("r:cite_paren")
    if narrative and re.match(r"\s*(?:\)\s*)?(?:has|have|had)?\s*(?:also\s+)?(?:\w+ly\s+)?"
                              r"(?:found|show|shown|showed|demonstrat|report|observ|confirm)", clause_masked.split("CITE", 1)[-1]):
        out.add("r:cite_finds")
    return out


# Direction features ("d:"): who criticises or sets itself against whom.  The citing authors as subject with a
# contrast or critique ("Unlike CITE, we argue", "we depart from CITE", "CITE ... but fails to") against the cited
# work as the critic ("CITE criticises ...", "criticised by CITE", "Another critique ... (CITE)"), hedges, verbs of
# mention and the citation's place (position, group size, quotes, "see also"/"e.g.").
_D_SELF = (r"(?:\b(?:we|our|us)\b|(?-i:\bI\b)|\b(?:this|the present|the current) (?:paper|article|study|research|chapter|"
           r"analysis|work|approach|method|model)\b)")
_D_CONTRAST = r"(?:unlike|contrary to|in (?:\w+ )?contrast (?:to|with)|as opposed to|rather than|instead of|whereas|" \
              r"differ(?:s|ent|ently)? (?:\w+ )?from|depart(?:s|ing|ure)? from|contra|pace|than)"
_D_CRIT = r"(?:critici[sz]\w*|critiqu\w*|challeng\w*|question(?:s|ed|ing)?(?! (?:of|whether|is|was|here)\b)|refut\w*|reject\w*|disput\w*|contest\w*|" \
          r"rebut\w*|contradict\w*|dismiss\w*|argu\w* against|take issue|disagree\w*)"
_D_SHORT = r"(?:fail\w*|neglect\w*|overlook\w*|ignor\w*|lack\w*|limit\w*|problematic|flaw\w*|shortcoming\w*|" \
           r"weakness\w*|inadequa\w*|simplistic|narrow|restrictive|misread\w*|misunderst\w*|(?:under|over)estimat\w*|" \
           r"(?:did|does|do|could|can)(?: not|n't)|cannot|not (?:account|address|consider|capture|explain|examine|" \
           r"include|take)|unable|insufficient\w*|bias\w*|problem\w*)"
_D_HEDGE = r"(?:may|might|could|perhaps|possibly|arguably|seem\w*|appear\w*|suggest\w*|allud\w*|tend\w*|likely)"
_D_MENTION = r"(?:mention\w*|allud\w*|refer\w*|not(?:e|es|ed)|point\w* out|discuss\w*|review\w*|describ\w*|" \
             r"summari[sz]\w*|examin\w*|stud(?:y|ies|ied)|investigat\w*|explor\w*|analy[sz]\w*)"
_D_PATTERNS: tuple[tuple[str, "re.Pattern[str]"], ...] = tuple((name, re.compile(pattern, re.I)) for name, pattern in (
    ("contrast_then_cite", r"\b" + _D_CONTRAST + r"\b\W+(?:\w+\W+){0,6}?CITE"),
    ("contrast_open_self", r"^\W*(?:unlike|contrary to|in (?:\w+ )?contrast (?:to|with)|while|whilst|whereas|although|"
                           r"though|despite|as opposed to)\b[^;]*CITE[^;]*?,[^;]*" + _D_SELF),
    ("cite_but_self", r"CITE[^;]*?\b(?:but|however|yet|nevertheless|nonetheless|instead)\b[^;]{0,40}" + _D_SELF),
    ("cite_but_short", r"CITE[^;.]*?\b(?:but|however|yet|although|though|while|whereas)\b[^;.]{0,80}\b" + _D_SHORT + r"\b"),
    ("self_crit_cite", _D_SELF + r"[^;.]{0,40}\b" + _D_CRIT + r"\b[^;.]{0,100}CITE"),
    ("self_contrast_cite", _D_SELF + r"[^;.]{0,40}\b(?:depart\w*|differ\w*|diverg\w*|disagree\w*|go beyond|extend\w*|"
                           r"move beyond|build\w* on|improv\w*|complement\w*)\b[^;.]{0,60}CITE"),
    ("self_neg_follow", _D_SELF + r"\s+(?:do|did|does|will|would|could)\s+not\s+(?:follow|adopt|use|share|accept|agree)"),
    ("cite_subj_crit", r"CITE\W{0,3}(?:\w+\W+){0,3}?" + _D_CRIT + r"\b"),
    ("crit_by_cite", _D_CRIT + r"\b[^;.]{0,30}\bby\s+(?:\w+\s+){0,2}CITE"),
    ("crit_noun_other", r"\b(?:another|a|the|their|his|her|its|one|these|such|many|several|early|recent)\s+(?:\w+\s+)?"
                        r"(?:critique|criticism|critic)s?\b[^;.]{0,120}CITE"),
    ("crit_noun_ours", r"\b(?:our|my)\s+(?:\w+\s+)?(?:critique|criticism)"),
    ("crit_passive", r"\b(?:has|have|had|was|were|been|be)\s+(?:\w+ly\s+)?" + _D_CRIT + r"[^;.]{0,80}CITE"),
    ("short_before_cite", r"\b" + _D_SHORT + r"\b[^;.]{0,60}CITE"),
    ("short_after_cite", r"CITE[^;.]{0,60}\b" + _D_SHORT + r"\b"),
    ("cite_subj_short", r"CITE\W{0,3}(?:\w+\W+){0,3}?" + _D_SHORT + r"\b"),
    ("crit_before_cite", r"\b" + _D_CRIT + r"\b[^;.]{0,60}CITE"),
    ("crit_after_cite", r"CITE[^;.]{0,60}\b" + _D_CRIT + r"\b"),
    ("hedge_near", r"\b" + _D_HEDGE + r"\b[^;.]{0,30}CITE|CITE\W{0,3}(?:\w+\W+){0,3}?" + _D_HEDGE + r"\b"),
    ("cite_subj_mention", r"CITE\W{0,3}(?:\w+\W+){0,2}?" + _D_MENTION + r"\b"),
    ("see_eg", r"\b(?:see|see also|cf|e\.g|for example|for instance|for a review|for an overview|reviewed (?:in|by)|"
               r"among others|i\.e)\b\.?,?\s*(?:\w+\s+)?CITE|\((?:see|cf|e\.g)"),
    ("self_sentence", _D_SELF),
    ("neg_after_cite", r"CITE[^;.]{0,60}\b(?:not|no|never|n't|cannot|neither|nor)\b"),
))


def _direction_features(sent_masked: str, clause_masked: str, citation: str, n_cites: int) -> set[str]:
    """Direction features of the citation (masked texts: the citation is ``CITE``, other citations ``OCITE``)."""
    out = {"d:" + name for name, pattern in _D_PATTERNS if pattern.search(clause_masked)}
    out |= {"d:s_" + name for name, pattern in _D_PATTERNS if pattern.search(sent_masked)}
    before, _, after = sent_masked.partition("CITE")
    out.add("d:pos_" + ("start" if not re.search(r"\w", before) or len(before) < 0.15 * len(sent_masked) else
                        "end" if not re.search(r"\w", after) or len(after) < 0.15 * len(sent_masked) else "mid"))
    out.add("d:cites_" + ("1" if n_cites <= 1 else "2" if n_cites == 2 else "3+"))
    group = citation.count(";") + 1
    out.add("d:group_" + ("1" if group == 1 else "2" if group == 2 else "3+"))
    if re.match(r"\(?\s*(?:see|cf|e\.g|for example|for instance|for a review)\b", citation, re.I):
        out.add("d:see_eg")
    if re.search(r'"[^"]{2,}"\s*\(?\s*CITE|CITE[^"]{0,3}"', sent_masked) or '"' in clause_masked:
        out.add("d:quote")
    return out


def _tokens(text: str) -> list[str]:
    return [t if t in ("CITE", "OCITE") else t.lower() for t in _TOKEN.findall(text)]


def citation_features(text: str, c0: int, c1: int, spans: Sequence[tuple[int, int]],
                      clauses: Sequence[tuple[int, int]], direction: bool = True) -> frozenset[str]:
    """The binary text features of the citation at ``c0:c1`` of the normalised sentence ``text``, given
    its citation spans and clauses (see :func:`litmap.analyse.debates.citefunction.model_features`)."""
    k = next((j for j, (a, b) in enumerate(clauses) if a <= c0 < b), 0)
    a, b = clauses[k] if clauses else (0, len(text))
    narrative = c1 > c0 and text[c1 - 1 : c1] == ")" and text[c0 : c0 + 1].isupper()

    def masked(lo: int, hi: int) -> str:
        parts: list[str] = []
        pos = lo
        others = [(s, e) for s, e in spans if lo <= s < hi and not (s < c1 and c0 < e)]
        marks = sorted(others + ([(c0, c1)] if lo <= c0 < hi else []))
        for s, e in marks:
            if s < pos:
                continue
            parts.append(text[pos:s])
            parts.append(" CITE " if (s, e) == (c0, c1) else " OCITE ")
            pos = min(e, hi)
        parts.append(text[pos:hi])
        return "".join(parts)

    feats: set[str] = {"bias"}
    sent_toks = _tokens(masked(0, len(text)))
    clause_toks = _tokens(masked(a, b))
    feats.update("w:" + t for t in sent_toks)
    feats.update("b:" + x + "_" + y for x, y in zip(sent_toks, sent_toks[1:]))
    feats.update("cw:" + t for t in clause_toks)
    feats.update("cb:" + x + "_" + y for x, y in zip(clause_toks, clause_toks[1:]))
    if "CITE" in sent_toks:
        i = sent_toks.index("CITE")
        feats.update("pre:" + t for t in sent_toks[max(0, i - 4) : i])
        feats.update("post:" + t for t in sent_toks[i + 1 : i + 5])
        if i == 0:
            feats.add("cite_first")
        if i >= len(sent_toks) - 2:
            feats.add("cite_last")
    if narrative:
        feats.add("narrative")
    if _FIRST.search(text):
        feats.add("first_person")
    if _FIRST.search(text[a:b]):
        feats.add("first_person_clause")
    if _NEG.search(text[a:b]):
        feats.add("neg_clause")
    if len(clauses) > 1:
        feats.add("multi_clause")
    clause = text[a:b]
    before, after = text[a:c0], text[c1:b]
    for name, pattern in _CUE_FAMILIES:
        if pattern.search(clause):
            feats.add("x:" + name)
            feats.update(f"x:{name}_{where}" for where, part in (("before", before), ("after", after))
                         if pattern.search(part))
            if _SELF_SUBJ.search(clause):
                feats.add(f"x:{name}_self")
            if narrative and pattern.search(" ".join(after.split()[:4])):
                feats.add(f"x:{name}_cited_subject")  # "Wu (2016) confirmed …": the cited work does it
    feats.update(_role_features(masked(a, b), narrative, text[c0:c1]))
    if _SELF_SUBJ.search(clause):
        feats.add("x:self_subject")
    if narrative and _SELF_SUBJ.search(before):
        feats.add("x:self_before_narrative")
    if direction:
        feats.update(_direction_features(masked(0, len(text)), masked(a, b), text[c0:c1], len(spans)))
    return frozenset(feats)


def feature_values(known: Sequence[str], cue_weight: Optional[float] = None) -> dict[str, float]:
    """Values of the known features of one citation: the rules' verdict counts 1, the word features share a
    unit length (1/sqrt(n) each), so a long sentence does not drown the rules; with ``cue_weight`` the cue and
    role features (``x:``, ``r:``) count ``cue_weight`` each instead of sharing the words' length, so the
    general forms weigh the same in a long sentence as in a short one."""
    def fixed(f: str) -> bool:
        return f.startswith("rule") or (cue_weight is not None and f[:2] in ("x:", "r:", "d:"))
    text = [f for f in known if not fixed(f)]
    norm = math.sqrt(len(text)) or 1.0
    return {f: (1.0 if f.startswith("rule") else cue_weight if fixed(f) and cue_weight is not None else 1.0 / norm)
            for f in known}


@dataclass(frozen=True)
class CitationModel:
    """Weights of the trained model: ``weights[feature]`` holds one weight per label of ``labels``."""

    labels: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    min_probability: float = 0.6  # a FILL_LABELS label of the model replaces the rules' background from here
    trained_on: str = ""
    cue_weight: Optional[float] = None  # value of each x:/r: feature (None: they share the words' unit length)
    fill_labels: tuple[str, ...] = FILL_LABELS  # the labels the model may put where the rules say background
    label_min_probability: Mapping[str, float] = field(default_factory=dict)  # per label, instead of min_probability
    decides: str = "fill"  # "fill": relabels the rules' background (fill); "all": decides every label (decide)
    critiques_from: str = "model"  # "model": critiques from the critique floor; "rules": exactly the rules' critiques

    def probabilities(self, feats: frozenset[str]) -> dict[str, float]:
        """Class probabilities (softmax) of a feature set; unknown features are ignored."""
        z = list(self.intercept)
        for f, value in feature_values(sorted(f for f in feats if f in self.weights), self.cue_weight).items():
            for j, w in enumerate(self.weights[f]):
                z[j] += w * value
        top = max(z)
        ex = [math.exp(v - top) for v in z]
        total = sum(ex)
        return {lab: e / total for lab, e in zip(self.labels, ex)}

    def predict(self, feats: frozenset[str]) -> tuple[str, float]:
        """The most probable label and its probability (ties to the earlier label)."""
        probs = self.probabilities(feats)
        label = max(self.labels, key=lambda lab: (probs[lab], -self.labels.index(lab)))
        return label, probs[label]

    def decide(self, feats: frozenset[str]) -> tuple[str, float]:
        """The label of a model that decides every label (``decides == "all"``): ``critiques`` when its probability
        reaches the critique floor (with ``critiques_from == "rules"``: exactly when the rules' verdict among
        ``feats``, ``rule=critiques``, says so); else the most probable other label, which must reach its floor
        (``label_min_probability``) unless it is ``background``; below it, ``background``."""
        probs = self.probabilities(feats)
        floor = self.label_min_probability
        if self.critiques_from == "rules":
            if "rule=critiques" in feats:
                return "critiques", probs.get("critiques", 1.0)
        elif "critiques" in probs and probs["critiques"] >= floor.get("critiques", 0.5):
            return "critiques", probs["critiques"]
        others = [lab for lab in self.labels if lab != "critiques"]
        label = max(others, key=lambda lab: (probs[lab], -self.labels.index(lab)))
        if label != "background" and probs[label] < floor.get(label, self.min_probability):
            label = "background"
        return label, probs[label]

    def fill(self, feats: frozenset[str]) -> Optional[tuple[str, float]]:
        """(label, probability) when the model relabels a background citation, else ``None``."""
        label, p = self.predict(feats)
        floor = self.label_min_probability.get(label, self.min_probability)
        return (label, p) if label in self.fill_labels and p >= floor else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {} if self.cue_weight is None else {"cue_weight": self.cue_weight}
        if self.decides != "fill":
            out["decides"] = self.decides
        if self.critiques_from != "model":
            out["critiques_from"] = self.critiques_from
        if self.fill_labels != FILL_LABELS:
            out["fill_labels"] = list(self.fill_labels)
        if self.label_min_probability:
            out["label_min_probability"] = dict(sorted(self.label_min_probability.items()))
        return out | {"labels": list(self.labels), "intercept": [round(v, 6) for v in self.intercept],
                "min_probability": self.min_probability, "trained_on": self.trained_on,
                "weights": {f: [round(v, 6) for v in ws] for f, ws in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "CitationModel":
        return cls(tuple(raw["labels"]), tuple(float(v) for v in raw["intercept"]),
                   {f: tuple(float(v) for v in ws) for f, ws in raw["weights"].items()},
                   float(raw["min_probability"]), str(raw.get("trained_on", "")),
                   None if raw.get("cue_weight") is None else float(raw["cue_weight"]),
                   tuple(raw.get("fill_labels", FILL_LABELS)),
                   {str(k): float(v) for k, v in raw.get("label_min_probability", {}).items()},
                   str(raw.get("decides", "fill")), str(raw.get("critiques_from", "model")))


def rule_features(label: str, has_cue: bool) -> frozenset[str]:
    """The rules' verdict as features of a model that decides every label: their label and whether a cue fired
    (each counts 1, :func:`feature_values`)."""
    return frozenset({f"rule={label}", f"rulecue={label}" if has_cue else "rulecue=none"})


@lru_cache(maxsize=1)
def model_text() -> str:
    """The shipped model file's text ("" when the package holds none)."""
    try:
        return resources.files("litmap").joinpath("data/" + MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


@lru_cache(maxsize=1)
def load_model() -> Optional[CitationModel]:
    """The shipped model, or ``None`` when the package holds none (the rules then decide alone)."""
    text = model_text()
    return CitationModel.from_json(json.loads(text)) if text else None

