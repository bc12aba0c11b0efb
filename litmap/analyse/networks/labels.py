"""Cluster labels and key terms from the text of citing passages.

Labels come from the sentences that cite a cluster's works (what authors
say when they cite them), scored by Dunning's log-likelihood ratio (as
CiteSpace does) or by c-TF-IDF (as BERTopic does).  The candidates are noun
phrases ("division of labor", "Yangtze River Delta") and head nouns, each
counted by the citing papers that use it
(:mod:`litmap.analyse.networks.label_terms`).  :func:`unit_key_terms` gives
simple key terms per sentence/paragraph for concept networks until curated
concepts are available.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Hashable, Mapping, Optional, Sequence, TypeVar, Union

from litmap.errors import InputError

from litmap.store.corpusdata import CitationContext, CorpusData, WorkInfo

if TYPE_CHECKING:
    from litmap.analyse.networks.label_terms import ClusterCounts

U = TypeVar("U", bound=Hashable)  # a unit key: (paper, paragraph[, sentence]) or any hashable

__all__ = [
    "STOP_WORDS",
    "terms",
    "label_terms",
    "cited_names",
    "work_names",
    "strip_names",
    "multi_word_names",
    "cluster_passages",
    "paper_passages",
    "word_usage",
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
_ACADEMIC = """al et etal etc eg ie cf ibid see paper papers article articles argue argues argued argument study studies
studied research work works author authors literature approach approaches analysis analyses use uses used using show
shows shown suggest suggests suggested note notes noted point points discuss discussed discussion example examples
case cases term terms concept way ways new recent recently particular particularly important issue issues focus
question questions view also first second third thus furthermore moreover however various different number within
part role terms account accounts call called understanding understand account provide provides provided"""
# Words of any prose that name no subject (they became labels such as "involves, bottom-up, control").
_FILLER = """another hand alone cannot adopt adopts adopted adopting involve involves involved involving constantly
beyond make makes making made attempt attempts attempted element elements larger smaller large small given give
gives giving often several certain still already instead around across along toward towards whereas though indeed
therefore hence take takes taken taking become becomes became becoming seem seems seemed kind kinds sense fact
regard regarding respect whilst rather despite towards less least much many lot lots far nevertheless namely
especially largely mainly mostly simply clearly already always never sometimes usually able enable enables allow
allows allowed per cent percent page pages chapter chapters section sections table tables figure figures
draw draws drew drawn drawing widely unlike versus amongst besides"""
STOP_WORDS = frozenset((_ENGLISH + " " + _ACADEMIC + " " + _FILLER).split())

# Words in any alphabet, inner hyphens kept ("new-build"): an ASCII-only pattern cut "Zürich" to "rich",
# "Kraków" to "krak" and "Gdańsk" to "gda", which then labelled clusters.
# Every word, "of" and "a" too: :func:`terms` keeps words of 3+ letters, and a shorter one ends the run, so
# "division of labor" gives no "division labor" (a pattern of 3+ letters skipped "of" and joined the two).
_WORD = re.compile(r"[^\W\d_](?:(?:[^\W\d_]|-)*[^\W\d_])?")
_CITE = re.compile(r"\([^()]*\d{4}[^()]*\)")  # drop "(Brenner, 2004)" so names do not become labels
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z\u00C0-\u024F'\u2019-]+\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")  # "NNA", "BTH", "TDW": a bare acronym says nothing to a reader
# A narrative citation's names: "Mollenkopf (1983)", "Butler and Robson (2003)", "Smith et al. (1979)",
# "Harvey's (1989)", whether or not the reference was resolved to a work.
_NARRATIVE = re.compile(r"\b[A-Z][A-Za-z\u00C0-\u024F'\u2019-]+(?:(?:,\s*|\s+(?:and|&)\s+)[A-Z][A-Za-z\u00C0-\u024F'\u2019-]+)*"
                        r"(?:\s+et\s+al\.?)?(?='?s?\s*\(\s*(?:\d{4}|n\.d\.))")
# What is cut out must not join its neighbours into a new n-gram: a stop word ends a run of :func:`terms`,
# punctuation a candidate phrase (:func:`_cluster_counts`).
_BREAK = " ; and "


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


def work_names(w: WorkInfo) -> set[str]:
    """The surnames a cited work's label ("Butler & Robson 2003", "Smith et al. 1979") and first author give."""
    names: set[str] = set()
    for part in re.split(r"\s*(?:&|\band\b|\bet al\.?|,)\s*", re.sub(r"\s*\d{4}[a-z]?\s*$", "", w.label or "")):
        if part and not part[0].isdigit():
            names.add(part.strip())
    if w.first_author:
        names.add(w.first_author.strip())
    return {n for n in names if n and n[0].isupper() and len(n) > 1}


def _paper_names(data: CorpusData) -> set[str]:
    out = {a.split(",")[0].strip() for p in data.papers.values() for a in p.authors if a}
    return {n for n in out if n and n[0].isupper() and len(n) > 1}


def cited_names(data: CorpusData) -> frozenset[str]:
    """Surnames as written: every author named in a cited work's label or first author, and the corpus
    papers' authors ("Family, G.")."""
    names = _paper_names(data)
    for w in data.works.values():
        names |= work_names(w)
    return frozenset(names)


def strip_names(text: str, names: frozenset[str], multi: Optional[re.Pattern[str]] = None) -> str:
    """``text`` without narrative citations' names ("Mollenkopf (1983)") and the capitalised words that
    are authors' surnames ("As Brenner argues" -> "As and argues"); a lower-case "young" or "park" stays.  Multi-word names ("Statistics Canada")
    go whole (``multi``: :func:`multi_word_names` of ``names``, compiled once by the caller)."""
    text = _NARRATIVE.sub(_BREAK, text)
    if not names:
        return text
    multi = multi if multi is not None else multi_word_names(names)
    if multi is not None:
        text = multi.sub(_BREAK, text)
    return _CAPITALISED.sub(lambda m: _BREAK if m.group(0).removesuffix("'s").removesuffix("\u2019s") in names
                            else m.group(0), text)


def multi_word_names(names: frozenset[str]) -> Optional[re.Pattern[str]]:
    """One pattern for the names of several words, longest first; None when there are none."""
    multi = sorted((n for n in names if " " in n), key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in multi)) if multi else None


def cluster_passages(data: CorpusData, membership: Mapping[Hashable, int]) -> dict[int, list[tuple[int, str]]]:
    """Citing sentences per cluster, as (citing paper, sentence): a sentence counts for every cluster whose
    works it cites.

    Authors' surnames are taken out of the sentences (:func:`strip_names`): narrative citations
    ("Butler and Robson (2003) show") otherwise make the cited names a cluster's label.  The names
    taken out are those of the works the sentence cites, of the cluster's own works and of the corpus
    papers' authors, not of every cited work: a misread reference ("Mumbai et al. 2015") must not take
    a place name out of every sentence."""
    names = _Names(data)
    own: dict[int, set[str]] = {}
    for node, cl in membership.items():
        own.setdefault(cl, set()).update(names.of_work.get(str(node), ()))
    out: dict[int, dict[tuple[int, str], None]] = {}
    for c in data.contexts:
        for cl in {membership[w] for w in c.work_ids if w in membership}:
            out.setdefault(cl, {})[(c.paper_id, names.strip(c, own[cl]))] = None
    return {cl: list(s) for cl, s in sorted(out.items())}


def paper_passages(data: CorpusData, membership: Mapping[Hashable, int]) -> dict[int, list[tuple[int, str]]]:
    """Each cluster of *papers*' own citing sentences, as (paper, sentence), the cited works' and the corpus
    authors' names taken out as in :func:`cluster_passages`."""
    names = _Names(data)
    out: dict[int, dict[tuple[int, str], None]] = {}
    for c in data.contexts:
        cl = membership.get(c.paper_id)
        if cl is not None:
            out.setdefault(cl, {})[(c.paper_id, names.strip(c))] = None
    return {cl: list(s) for cl, s in sorted(out.items())}


class _Names:
    """The names :func:`strip_names` takes out of a citing sentence: the corpus papers' authors and the
    names of the works it cites (and ``also``)."""

    def __init__(self, data: CorpusData) -> None:
        self.of_work = {wid: work_names(info) for wid, info in data.works.items()}
        self.corpus = _paper_names(data)
        self.multi = multi_word_names(frozenset(n for ns in self.of_work.values() for n in ns))

    def strip(self, c: CitationContext, also: frozenset[str] | set[str] = frozenset()) -> str:
        cited = self.corpus.union(also, *(self.of_work.get(w, ()) for w in c.work_ids))
        return strip_names(c.sentence, frozenset(cited), self.multi)


def label_terms(text: str) -> list[str]:
    """:func:`terms` for labels: bare acronyms ("NNA", "BTH") left out as well."""
    return terms(_ACRONYM.sub(_BREAK, text))


#: One cluster's text: sentences, or (citing paper, sentence) pairs so that a term counts once per paper.
ClusterText = Union[str, tuple[Hashable, str]]


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """The topics' stop words and these labels' own, but for "new": it opens names ("National New Areas",
    "New York") that a label may be."""
    from litmap.analyse.topics.words import base_stop_words

    return base_stop_words(STOP_WORDS) - {"new"}


def _clean(text: str) -> str:
    """A sentence as labels read it: NFKC, bare acronyms and parenthetical citations cut out."""
    return _CITE.sub(" ; ", _ACRONYM.sub(_BREAK, unicodedata.normalize("NFKC", text)))


def _cluster_counts(docs: Mapping[int, Sequence[ClusterText]], usage: Sequence[str] = ()) -> dict[int, ClusterCounts]:
    """:func:`litmap.analyse.networks.label_terms.count_terms` of each cluster's sentences grouped by
    citing paper, citations and bare acronyms cut out; a plain sentence (no paper) is a paper of its own.
    ``usage``: more sentences to read how words are used (:func:`word_usage`)."""
    from litmap.analyse.networks.label_terms import count_terms

    grouped: dict[int, dict[Hashable, list[str]]] = {}
    for cl, texts in docs.items():
        groups = grouped[cl] = {}
        for i, t in enumerate(texts):
            key, text = t if isinstance(t, tuple) else ((None, i), t)
            groups.setdefault(key, []).append(_clean(text))
    return count_terms(grouped, _stop_words(), usage)


def word_usage(data: CorpusData) -> tuple[str, ...]:
    """The corpus's citing sentences, each once and as labels read them: pass them as the labellers'
    ``usage`` so that a word's part of speech is judged on the whole corpus, not on one cluster's few
    sentences."""
    return tuple(dict.fromkeys(_clean(c.sentence) for c in data.contexts))


def _inside(part: Sequence[str], whole: Sequence[str]) -> bool:
    """Whether the words ``part`` occur, in order and adjacent, within ``whole``."""
    n = len(part)
    return any(list(whole[i:i + n]) == list(part) for i in range(len(whole) - n + 1))


def _words(term: str) -> list[str]:
    """A term's words in the singular ("assemblages" and "assemblage", "cities" and "city" say one thing)."""
    return [_singular(w) for w in term.lower().split()]


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def distinct_terms(scored: Sequence[tuple[str, float]], top_n: int) -> list[tuple[str, float]]:
    """The first ``top_n`` of ``scored`` (best first), each saying something the others do not.

    A label such as "division, division labor, labor" spends three slots on one idea: a term
    inside a chosen phrase (or the same term in the plural) is skipped, and a phrase that holds
    chosen terms takes the place of the first of them (keeping its rank and the better score).
    """
    chosen: list[tuple[str, float]] = []
    for t, score in scored:
        words = _words(t)
        if any(_inside(words, _words(c)) for c, _ in chosen):
            continue
        held = [i for i, (c, _) in enumerate(chosen) if _inside(_words(c), words)]
        if held:
            first = held[0]
            chosen[first] = (t, max(score, chosen[first][1]))
            for i in reversed(held[1:]):
                del chosen[i]
        else:
            chosen.append((t, score))
        if len(chosen) >= top_n:
            break
    return chosen


def llr_labels(docs: Mapping[int, Sequence[ClusterText]], *, top_n: int = 5, min_papers: int = 2,
               distinct: bool = True, usage: Sequence[str] = ()) -> dict[int, list[tuple[str, float]]]:
    """Terms over-represented in each cluster's citing sentences, by Dunning's G² (as CiteSpace labels
    clusters) on the citing papers that use them: this cluster's papers against the other clusters'.

    A term must be used by ``min_papers`` of the cluster's citing papers (by every one when it has fewer):
    one paper's turn of phrase is no label, and terms that all occur once would tie and be ranked
    alphabetically ("achievement, anticipated, arrangements").  Where none is, a term one paper uses twice.
    ``distinct=False`` keeps the plain ranking, for a caller that filters terms before :func:`distinct_terms`.
    ``usage``: :func:`word_usage`.
    """
    counts = _cluster_counts(docs, usage)
    total = Counter[str]()
    for c in counts.values():
        total.update(c.by_paper)
    N = sum(c.papers for c in counts.values())
    out: dict[int, list[tuple[str, float]]] = {}
    for cl, c in counts.items():
        n1, n2 = c.papers, N - c.papers
        scored: list[tuple[str, float, int]] = []
        # Where no term is used by min_papers citing papers (a camp of works that one paper cites in most
        # of its sentences, every camp of a folder with one seed on the subject), by one, used twice.
        for need in dict.fromkeys((max(1, min(min_papers, n1)), 1)):
            for t, a in c.by_paper.items():
                b = total[t] - a
                if a < need or c.uses[t] < 2 or (n2 and a / n1 <= b / n2):
                    continue
                # a phrase says more than a word: CiteSpace labels with noun phrases
                scored.append((t, _g2(a, b, n1 - a, n2 - b) * (_PHRASE_WEIGHT if " " in t else 1.0), c.uses[t]))
            if scored:
                break
        scored.sort(key=lambda x: (-x[1], -x[2], -len(x[0].split()), x[0]))
        ranked = [(t, g) for t, g, _ in scored]
        chosen = distinct_terms(ranked, top_n) if distinct else ranked[:top_n]
        out[cl] = [(c.display(t), g) for t, g in chosen]
    return out


#: How much more a phrase's G² counts than a single word's.
_PHRASE_WEIGHT = 1.5


def _g2(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood ratio for the 2×2 table [[a, b], [c, d]]."""
    n = a + b + c + d
    g = 0.0
    for obs, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        if obs > 0:
            g += obs * math.log(obs * n / (row * col))
    return 2.0 * g


def ctfidf_labels(docs: Mapping[int, Sequence[ClusterText]], *, top_n: int = 5,
                  min_papers: int = 2, usage: Sequence[str] = ()) -> dict[int, list[tuple[str, float]]]:
    """c-TF-IDF (Grootendorst 2022): ``tf_{t,c}/|c| · log(1 + A / f_t)``, A = mean terms per class, over
    the candidate terms of :func:`llr_labels` used by ``min_papers`` of the cluster's citing papers."""
    counts = _cluster_counts(docs, usage)
    freq = Counter[str]()
    for c in counts.values():
        freq.update(c.uses)
    if not counts:
        return {}
    avg = sum(freq.values()) / len(counts)
    out: dict[int, list[tuple[str, float]]] = {}
    for cl, c in counts.items():
        size = sum(c.uses.values()) or 1
        need = max(1, min(min_papers, c.papers))
        scored = sorted(((t, n / size * math.log(1 + avg / freq[t])) for t, n in c.uses.items()
                         if c.by_paper[t] >= need and n >= 2), key=lambda x: (-x[1], x[0]))
        out[cl] = [(c.display(t), v) for t, v in distinct_terms(scored, top_n)]
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


