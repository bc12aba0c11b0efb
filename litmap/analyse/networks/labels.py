"""Cluster labels and key terms from the text of citing passages.

Labels come from the sentences that cite a cluster's works (what authors
say when they cite them), scored by Dunning's log-likelihood ratio (as
CiteSpace does) or by c-TF-IDF (as BERTopic does).  :func:`unit_key_terms`
gives simple key terms per sentence/paragraph for concept networks until
curated concepts are available.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Hashable, Mapping, Sequence, TypeVar

from litmap.errors import InputError

from litmap.store.corpusdata import CorpusData

U = TypeVar("U", bound=Hashable)  # a unit key: (paper, paragraph[, sentence]) or any hashable

__all__ = [
    "STOP_WORDS",
    "terms",
    "cluster_passages",
    "llr_labels",
    "ctfidf_labels",
    "unit_texts",
    "unit_key_terms",
]

_ENGLISH = """a about above after again against all also although am among an and any are as at be because been
before being below between both but by can could did do does doing down during each either else even ever every
few for from further had has have having he her here hers him his how however i if in into is it its itself just
least less like many may might more most much must my neither no nor not now of off often on once one only or other
others our ours out over own per rather same she should since so some such than that the their theirs them then
there these they this those through thus to too two under until up upon us very via was we were what when where
whether which while who whom whose why will with within without would yet you your"""
# Academic boilerplate that says nothing about a debate.
_ACADEMIC = """al et etc eg ie cf ibid see paper papers article articles argue argues argued argument study studies
studied research work works author authors literature approach approaches analysis analyses use used using show
shows shown suggest suggests suggested note notes noted point points discuss discussed discussion example examples
case cases term terms concept way ways new recent recently particular particularly important issue issues focus
question questions view also first second third thus furthermore moreover however various different number within
part role terms account accounts call called understanding understand account provide provides provided"""
STOP_WORDS = frozenset((_ENGLISH + " " + _ACADEMIC).split())

_WORD = re.compile(r"[a-z][a-z\-]+[a-z]")
_CITE = re.compile(r"\([^()]*\d{4}[^()]*\)")  # drop "(Brenner, 2004)" so names do not become labels


def terms(text: str, *, ngram: int = 2) -> list[str]:
    """Lower-cased words (3+ letters, no stop words) and n-grams up to ``ngram`` of adjacent kept words."""
    words = [w for w in _WORD.findall(_CITE.sub(" ", text.lower()))]
    out: list[str] = []
    run: list[str] = []
    for w in words + [""]:
        if w and w not in STOP_WORDS and len(w) >= 3:
            run.append(w)
            continue
        for n in range(1, ngram + 1):
            out.extend(" ".join(run[i : i + n]) for i in range(len(run) - n + 1))
        run = []
    return out


def cluster_passages(data: CorpusData, membership: Mapping[Hashable, int]) -> dict[int, list[str]]:
    """Citing sentences per cluster: a sentence counts for every cluster whose works it cites."""
    out: dict[int, dict[str, None]] = {}
    for c in data.contexts:
        for cl in {membership[w] for w in c.work_ids if w in membership}:
            out.setdefault(cl, {})[f"{c.paper_id}\x00{c.sentence}"] = None
    return {cl: [k.split("\x00", 1)[1] for k in s] for cl, s in sorted(out.items())}


def _counts(docs: Mapping[int, Sequence[str]]) -> dict[int, Counter[str]]:
    return {cl: Counter(t for text in texts for t in terms(text)) for cl, texts in docs.items()}


def llr_labels(docs: Mapping[int, Sequence[str]], *, top_n: int = 5, min_count: int = 2) -> dict[int, list[tuple[str, float]]]:
    """Terms over-represented in each cluster's passages, by Dunning's G² against the other clusters."""
    counts = _counts(docs)
    total = Counter[str]()
    for c in counts.values():
        total.update(c)
    N = sum(total.values())
    out: dict[int, list[tuple[str, float]]] = {}
    for cl, c in counts.items():
        n1 = sum(c.values())
        n2 = N - n1
        scored = []
        for t, a in c.items():
            b = total[t] - a
            if a < min_count or n1 == 0 or (n2 and a / n1 <= b / n2):
                continue
            scored.append((t, _g2(a, b, n1 - a, n2 - b)))
        scored.sort(key=lambda x: (-x[1], x[0]))
        out[cl] = scored[:top_n]
    return out


def _g2(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood ratio for the 2×2 table [[a, b], [c, d]]."""
    n = a + b + c + d
    g = 0.0
    for obs, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        if obs > 0:
            g += obs * math.log(obs * n / (row * col))
    return 2.0 * g


def ctfidf_labels(docs: Mapping[int, Sequence[str]], *, top_n: int = 5) -> dict[int, list[tuple[str, float]]]:
    """c-TF-IDF (Grootendorst 2022): ``tf_{t,c}/|c| · log(1 + A / f_t)``, A = mean terms per class."""
    counts = _counts(docs)
    freq = Counter[str]()
    for c in counts.values():
        freq.update(c)
    if not counts:
        return {}
    avg = sum(freq.values()) / len(counts)
    out: dict[int, list[tuple[str, float]]] = {}
    for cl, c in counts.items():
        size = sum(c.values()) or 1
        scored = sorted(((t, n / size * math.log(1 + avg / freq[t])) for t, n in c.items()), key=lambda x: (-x[1], x[0]))
        out[cl] = scored[:top_n]
    return out


def unit_texts(data: CorpusData, unit: str = "sentence") -> dict[tuple, str]:
    """Text of each unit: citing sentences (``sentence``) or body paragraphs (``paragraph``).

    Keys match :func:`litmap.analyse.networks.build.citation_units`.  Paragraph
    text falls back to the paragraph's citing sentences when the corpus data
    was loaded without paragraphs.
    """
    if unit not in ("sentence", "paragraph"):
        raise InputError(f"unit must be 'sentence' or 'paragraph', not {unit!r}")
    out: dict[tuple, str] = {}
    if unit == "paragraph" and data.paragraphs:
        return {k: v for k, v in data.paragraphs.items()}
    for c in data.contexts:
        key = (c.paper_id, c.paragraph, c.sentence) if unit == "sentence" else (c.paper_id, c.paragraph)
        if unit == "sentence":
            out[key] = c.sentence
        elif c.sentence not in out.get(key, ""):
            out[key] = (out.get(key, "") + " " + c.sentence).strip()
    return out


def unit_key_terms(texts: Mapping[U, str], *, top_n: int = 200, min_units: int = 2) -> dict[U, set[str]]:
    """The ``top_n`` corpus key terms (by c-TF-IDF over units, in ≥ ``min_units`` units) found in each unit."""
    per_unit = {k: set(terms(t)) for k, t in texts.items()}
    df = Counter[str](t for s in per_unit.values() for t in s)
    n_units = max(len(per_unit), 1)
    # Favour terms frequent enough to link units but not ubiquitous; bigrams get a small bonus.
    score = {t: df[t] * math.log(1 + n_units / df[t]) * (1.5 if " " in t else 1.0) for t in df if df[t] >= min_units}
    vocab = set(sorted(score, key=lambda t: (-score[t], t))[:top_n])
    return {k: s & vocab for k, s in per_unit.items() if s & vocab}


