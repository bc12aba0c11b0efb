"""The learned engagement decision: a small logistic regression over a paper's evidence of a debate.

The lexicon rule of :mod:`litmap.analyse.debates.engagement` (strong/weak terms, a density floor tuned on
urban-studies papers) missed most engagements of social-science papers that write about a debate in the
words its lexicon marks weak ("governance" reforms, "urban governance").  The decision is now made from four
pieces of evidence, each normalised to the paper:

* ``strong_density``: log(1 + strong mentions per 1,000 words);
* ``weak_density``: log(1 + weak mentions per 1,000 words, counted or not: a weak term's sense is judged by
  the other features, not by whether a strong term shares its paragraph);
* ``breadth``: log(1 + distinct strong concepts of the debate named);
* ``share``: the debate's mentions over all the lexicon's mentions in the paper (what the paper is *about*:
  a gentrification paper's "urban governance" is a side remark, an EU-policy paper's is its subject).

Only papers with ``min_mentions`` mentions, :data:`MIN_COUNTED` of them counted by the lexicon rule's support
(strong, or weak beside strong evidence or a core-work citation) and one strong, are judged (:func:`eligible`).
The weights (``litmap/data/engagement_model.json``: feature means and scales, coefficients, intercept and
the probability threshold) are fitted offline on the gold papers by ``benchmarks/lopo_debates.py --fit``;
leave-one-paper-out figures are in ``docs/debates.md``.  No heavy import: the model is a dot product.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "FEATURES",
    "MIN_COUNTED",
    "MODEL_FILE",
    "EngagementEvidence",
    "EngagementModel",
    "eligible",
    "feature_vector",
    "load_model",
]

MODEL_FILE = "engagement_model.json"
FEATURES = ("strong_density", "weak_density", "breadth", "share")
# Counted mentions a paper needs before the model judges it: strong ones, and weak ones in a paragraph with
# strong evidence or a citation of the debate's core works (the lexicon rule's support).  Weak terms alone, or
# scattered beside one strong mention, are never a debate (a methods paper saying "multi-scalar" and
# "rescaling" forty times beside one "production of scale"); "state rescaling" once and "rescaling is
# contested, as Brenner (2004) argues" is.  At least one mention must be strong.
MIN_COUNTED = 2
# The model was fitted on whole papers (the gold set's shortest holds 191 words, its median 6,354): on an
# abstract-only file or a stub a single mention is a huge density, outside what it has seen, so papers under
# this many words are judged by the lexicon rule (density floor and breadth) instead.
MODEL_MIN_WORDS = 500


@dataclass(frozen=True)
class EngagementEvidence:
    """A paper's raw evidence of one debate: strong and weak mentions (weak ones counted or not), distinct
    strong concepts, the paper's body words and its mentions of any lexicon concept, and its weak mentions
    in paragraphs with strong evidence or a core-work citation (``supported_weak``)."""

    strong: int
    weak: int
    distinct_strong: int
    words: int
    paper_mentions: int
    supported_weak: int = 0


def eligible(ev: EngagementEvidence, min_mentions: int) -> bool:
    """Whether the model judges ``ev`` at all: ``min_mentions`` mentions, one of them strong and
    :data:`MIN_COUNTED` counted (strong, or weak beside strong evidence or a core work)."""
    return (ev.words > 0 and ev.strong >= 1 and ev.strong + ev.supported_weak >= MIN_COUNTED
            and ev.strong + ev.weak >= min_mentions)


def feature_vector(ev: EngagementEvidence) -> tuple[float, ...]:
    """The model's features (:data:`FEATURES`, in order) of ``ev``."""
    per_k = 1000.0 / ev.words if ev.words else 0.0
    share = (ev.strong + ev.weak) / ev.paper_mentions if ev.paper_mentions else 0.0
    return (math.log1p(ev.strong * per_k), math.log1p(ev.weak * per_k), math.log1p(ev.distinct_strong), share)


@dataclass(frozen=True)
class EngagementModel:
    """Standardised logistic regression: p = sigmoid(intercept + sum(coef * (x - mean) / scale))."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    trained_on: str = ""

    def probability(self, x: tuple[float, ...]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def engages(self, x: tuple[float, ...]) -> bool:
        return self.probability(x) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": [round(v, 6) for v in self.mean],
                "scale": [round(v, 6) for v in self.scale], "coef": [round(v, 6) for v in self.coef],
                "intercept": round(self.intercept, 6), "threshold": round(self.threshold, 4),
                "trained_on": self.trained_on}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> EngagementModel:
        features = tuple(str(f) for f in raw["features"])
        if features != FEATURES:
            raise ValueError(f"engagement model features {features} differ from the code's {FEATURES}: refit it "
                             "with benchmarks/lopo_debates.py --fit")
        return cls(features, tuple(float(v) for v in raw["mean"]), tuple(float(v) for v in raw["scale"]),
                   tuple(float(v) for v in raw["coef"]), float(raw["intercept"]), float(raw["threshold"]),
                   str(raw.get("trained_on", "")))


@lru_cache(maxsize=1)
def load_model() -> EngagementModel | None:
    """The shipped model, or ``None`` when the package holds none (the lexicon rule then decides)."""
    try:
        text = resources.files("litmap").joinpath("data/" + MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return EngagementModel.from_json(json.loads(text))
