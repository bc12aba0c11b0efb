"""A small trained model of citation function, consulted where the rules find no cue.

The rules of :mod:`litmap.analyse.debates.citefunction` decide; where they
leave a citation as ``background``, this model may relabel it ``uses``
(:data:`FILL_LABELS`) when it gives that label a probability of at least the
model's ``min_probability`` (it never adds a critique: critique precision is
the rules'; nor a support: its supports did not hold up in cross-validation).  Features of one citation in its sentence (:func:`citation_features`):
the words and word pairs of the sentence and of the citation's clause with the
citation replaced by ``CITE`` (other citations by ``OCITE``), the 4 words
before and after it, narrative citation, citation first/last, first person,
negation in the clause, several clauses, and engineered cue families
(``x:``: use verbs, method nouns, agreement, contrast, critique words,
reporting verbs, hedges, negation in the clause, each also marked before or
after the citation, with the citing authors as subject, or with a narrative
citation as the subject).  A multinomial logistic regression (balanced class
weights) over these binary features (L2-normalised per citation) was fitted on
every row of the spent batches of ``benchmarks/gold/citation_function.jsonl``
(original and wave 4, both halves) by
``benchmarks/train_citation_function.py --write`` (C = 3, p >= 0.6, chosen by
cross-validation with folds by paper, ``benchmarks/cv_citation_function.py``); its weights ship as
``litmap/data/citation_function_model.json`` and are applied here in plain
Python, so the result is the same on every machine.  See
``docs/citation-function.md``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping, Optional, Sequence


__all__ = ["CitationModel", "MODEL_FILE", "citation_features", "feature_values", "load_model", "model_text"]

MODEL_FILE = "citation_function_model.json"
# Labels the model may give a citation the rules left as background.  Only ``uses``: in cross-validation with
# folds by paper (2026-12-07) the model's ``supports`` were all wrong (supports P 0.91 -> 0.87 at the same recall)
# and filling ``uses`` alone gave macro-F1 0.810 against 0.806 for both, higher in every repeat.
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


def _tokens(text: str) -> list[str]:
    return [t if t in ("CITE", "OCITE") else t.lower() for t in _TOKEN.findall(text)]


def citation_features(text: str, c0: int, c1: int, spans: Sequence[tuple[int, int]],
                      clauses: Sequence[tuple[int, int]]) -> frozenset[str]:
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
    if _SELF_SUBJ.search(clause):
        feats.add("x:self_subject")
    if narrative and _SELF_SUBJ.search(before):
        feats.add("x:self_before_narrative")
    return frozenset(feats)


def feature_values(known: Sequence[str]) -> dict[str, float]:
    """Values of the known features of one citation: the rules' verdict counts 1, the text features
    share a unit length (1/sqrt(n) each), so a long sentence does not drown the rules."""
    text = [f for f in known if not f.startswith("rule")]
    norm = math.sqrt(len(text)) or 1.0
    return {f: (1.0 if f.startswith("rule") else 1.0 / norm) for f in known}


@dataclass(frozen=True)
class CitationModel:
    """Weights of the trained model: ``weights[feature]`` holds one weight per label of ``labels``."""

    labels: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    min_probability: float = 0.6  # a FILL_LABELS label of the model replaces the rules' background from here
    trained_on: str = ""

    def probabilities(self, feats: frozenset[str]) -> dict[str, float]:
        """Class probabilities (softmax) of a feature set; unknown features are ignored."""
        z = list(self.intercept)
        for f, value in feature_values(sorted(f for f in feats if f in self.weights)).items():
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

    def fill(self, feats: frozenset[str]) -> Optional[tuple[str, float]]:
        """(label, probability) when the model relabels a background citation, else ``None``."""
        label, p = self.predict(feats)
        return (label, p) if label in FILL_LABELS and p >= self.min_probability else None

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "intercept": [round(v, 6) for v in self.intercept],
                "min_probability": self.min_probability, "trained_on": self.trained_on,
                "weights": {f: [round(v, 6) for v in ws] for f, ws in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "CitationModel":
        return cls(tuple(raw["labels"]), tuple(float(v) for v in raw["intercept"]),
                   {f: tuple(float(v) for v in ws) for f, ws in raw["weights"].items()},
                   float(raw["min_probability"]), str(raw.get("trained_on", "")))


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
