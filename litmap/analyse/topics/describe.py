"""Describing clusters of passages: keywords, the automatic topic count, the hierarchy.

Clusters come from the clusterer (fine-grained: HDBSCAN's leaves).  They are
merged, most similar first (c-TF-IDF cosine and centroid cosine, averaged),
and the number of topics is chosen where coherence × diversity of the
keywords is highest over a small range set by the corpus size
(:func:`count_range`); among counts tied on that score (:data:`SCORE_TIE`),
the one whose largest topic holds the least of the passages.  ``n_topics``
overrides the choice.

Keywords are c-TF-IDF with two changes that a reader notices:

- a word is a keyword of the topic where it scores highest, and of another
  only where it is among that topic's 3 strongest words (diversity);
- among a topic's strongest candidates, those that co-occur with the others
  in its passages are preferred (coherence): the 10 are picked greedily on
  c-TF-IDF rank plus mean NPMI with the words already picked.

A topic is a theme of the literature, not one paper's content: when asked
(``max_paper_share`` < 1; ``TopicSettings.merge_single_paper``, off by
default, which marks such topics instead), a topic where one paper holds more
than ``max_paper_share`` of the passages (and the corpus has at least
:data:`MIN_PAPERS_FOR_SPREAD` papers) is merged into its most similar topic
(:func:`absorb_single_paper`).  With a
fixed count, the cut is chosen so that the count after these merges is the
one asked for, where the tree allows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["Described", "count_range", "describe", "ctfidf", "pick_keywords", "npmi_matrix", "overlap",
           "absorb_single_paper"]

#: Candidates per topic for the coherence-aware pick; weight of coherence against c-TF-IDF rank.
_CANDIDATES = 25
_COHERENCE_WEIGHT = 1.0
#: Top-10 words two topics may share before they count as near-duplicates (the issue's 30%).
MAX_SHARED = 3
#: Below this many papers, single-paper topics are kept (a 3-paper corpus has little else).
MIN_PAPERS_FOR_SPREAD = 4


@dataclass(frozen=True)
class Described:
    topics: list[int]  # final topic per passage (-1 outlier), ids 0..k-1 by size
    keywords: dict[int, list[tuple[str, float]]]
    linkage: Optional["np.ndarray"]  # scipy linkage over the final topics (None under 3)
    scanned: dict[int, float]  # topic count -> score, when chosen automatically


def count_range(n_passages: int, n_clusters: int) -> tuple[int, int]:
    """Topic counts to scan: up to ~√n / 2.5 (13 for 1,000 passages, 19 for 2,300, 50 at most)."""
    hi = max(2, min(50, round(math.sqrt(n_passages) / 2.5), n_clusters))
    lo = max(2, min(hi, round(hi / 3)))
    return lo, hi


def ctfidf(counts: "csr_matrix | np.ndarray") -> "np.ndarray":
    """Class-based TF-IDF of topic × term counts (BERTopic's form: tf · log(1 + A / f))."""
    import numpy as np

    c = np.asarray(counts.toarray() if hasattr(counts, "toarray") else counts, dtype=np.float64)
    tf = c / np.maximum(c.sum(axis=1, keepdims=True), 1.0)
    f = c.sum(axis=0)
    avg = c.sum() / max(1, c.shape[0])
    idf = np.log(1.0 + avg / np.maximum(f, 1.0))
    return tf * idf


def npmi_matrix(binary: "csr_matrix", cols: Sequence[int]) -> "np.ndarray":
    """Pairwise NPMI of terms ``cols`` over the rows of a passage × term 0/1 matrix (−1 never together)."""
    import numpy as np

    n = binary.shape[0]
    sub = binary[:, list(cols)].astype(np.float64)
    co = np.asarray((sub.T @ sub).toarray())
    df = np.diag(co).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        pij = co / n
        pi = df / n
        pmi = np.log(pij / np.outer(pi, pi))
        out = pmi / -np.log(pij)
    out[co <= 0] = -1.0
    out[pij >= 1.0] = 1.0
    np.fill_diagonal(out, 1.0)
    return np.nan_to_num(out, nan=-1.0)


def pick_keywords(scores: "np.ndarray", binary: "csr_matrix", terms: Sequence[str], top_n: int,
                  coherence_weight: float = _COHERENCE_WEIGHT,
                  exclude: "frozenset[int]" = frozenset()) -> list[list[tuple[str, float]]]:
    """Keywords of each topic row of ``scores`` (c-TF-IDF), diverse and coherent (module doc).

    ``exclude``: term columns that are never keywords (speakers' names in quoted interviews).
    """
    import numpy as np

    k, v = scores.shape
    if v == 0:
        return [[] for _ in range(k)]
    best = scores.argmax(axis=0)
    order = np.argsort(-scores, axis=1, kind="stable")
    out: list[list[tuple[str, float]]] = []
    for t in range(k):
        cands: list[int] = []
        for rank, j in enumerate(order[t]):
            if scores[t, j] <= 0 or len(cands) >= _CANDIDATES:
                break
            if int(j) in exclude:
                continue
            if best[j] == t or rank < 3:
                cands.append(int(j))
        if not cands:
            out.append([])
            continue
        if coherence_weight > 0 and len(cands) > top_n:
            pm = npmi_matrix(binary, cands)
            chosen = [0]
            while len(chosen) < min(top_n, len(cands)):
                rest = [i for i in range(len(cands)) if i not in chosen]
                gain = [(1.0 - i / len(cands)) + coherence_weight * float(np.mean(pm[i, chosen])) for i in rest]
                chosen.append(rest[int(np.argmax(gain))])
        else:
            chosen = list(range(min(top_n, len(cands))))
        out.append([(str(terms[cands[i]]), round(float(scores[t, cands[i]]), 5)) for i in chosen])
    return out


def overlap(a: Sequence[str], b: Sequence[str], top_n: int = 10) -> int:
    """Words two topics' top ``top_n`` share."""
    return len(set(list(a)[:top_n]) & set(list(b)[:top_n]))


def _mean_npmi(words: Sequence[Sequence[str]], binary: "csr_matrix", col: Mapping[str, int]) -> float:
    import numpy as np

    vals = []
    for ws in words:
        idx = [col[w] for w in ws if w in col]
        if len(idx) < 2:
            continue
        pm = npmi_matrix(binary, idx)
        vals.append(float(pm[np.triu_indices(len(idx), 1)].mean()))
    return float(np.mean(vals)) if vals else -1.0


def _merge_tree(counts: "np.ndarray", centroids: "np.ndarray") -> "np.ndarray":
    """Average-linkage tree over clusters: distance = 1 − mean of c-TF-IDF and centroid cosines."""
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    s = ctfidf(counts)
    s = s / np.maximum(np.linalg.norm(s, axis=1, keepdims=True), 1e-12)
    c = centroids / np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    d = 1.0 - 0.5 * (s @ s.T + c @ c.T)
    d = np.clip((d + d.T) / 2, 0.0, None)
    np.fill_diagonal(d, 0.0)
    return linkage(squareform(d, checks=False), method="average")


#: Weight of size in the merge cost (module doc of :func:`merge_order`); 0: average linkage over leaves.
SIZE_POWER = 1.0


def merge_order(counts: "np.ndarray", sums: "np.ndarray", sizes: "np.ndarray", power: float) -> list[tuple[int, int]]:
    """The order in which clusters merge: each step joins the pair with the lowest cost
    ``(1 − similarity) × (n_a·n_b / (n_a + n_b)) ** power``, similarity as :func:`_similarity` of the
    merged clusters' summed counts and embedding sums (c-TF-IDF idf fixed from the leaves).

    Why size enters: with plain linkage a cut into k topics keeps the few clusters least like anything
    (one paper's interviews, one paper's bus routes) apart and merges the rest into a catch-all: on a
    157-paper folder 14 topics held 56% and 34% of the passages in two and "mostly one paper" in ten.
    Ward's criterion (power 1) makes joining two large clusters cost what it changes in the map, so
    small clusters join their nearest neighbour first and large themes stay apart."""
    import numpy as np

    c = np.asarray(counts, dtype=np.float64).copy()
    e = np.asarray(sums, dtype=np.float64).copy()
    n = np.asarray(sizes, dtype=np.float64).copy()
    m = len(n)
    avg = c.sum() / max(1, m)
    idf = np.log(1.0 + avg / np.maximum(c.sum(axis=0), 1.0))

    def unit_rows(x: "np.ndarray") -> "np.ndarray":
        return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)

    t = unit_rows(c / np.maximum(c.sum(axis=1, keepdims=True), 1.0) * idf)
    u = unit_rows(e)
    dist = np.clip(1.0 - 0.5 * (t @ t.T + u @ u.T), 1e-9, None)
    alive = np.ones(m, dtype=bool)

    def weight(i: int) -> "np.ndarray":
        return (n[i] * n / np.maximum(n[i] + n, 1e-12)) ** power

    cost = dist * ((n[:, None] * n[None, :]) / np.maximum(n[:, None] + n[None, :], 1e-12)) ** power
    np.fill_diagonal(cost, np.inf)
    merges: list[tuple[int, int]] = []
    for _ in range(m - 1):
        a, b = divmod(int(np.argmin(cost)), m)
        a, b = min(a, b), max(a, b)
        merges.append((a, b))
        c[a] += c[b]
        e[a] += e[b]
        n[a] += n[b]
        alive[b] = False
        cost[b, :] = cost[:, b] = np.inf
        t[a] = unit_rows(c[a] / max(c[a].sum(), 1.0) * idf)
        u[a] = unit_rows(e[a])
        row = np.clip(1.0 - 0.5 * (t @ t[a] + u @ u[a]), 1e-9, None) * weight(a)
        row[~alive] = np.inf
        row[a] = np.inf
        cost[a, :] = cost[:, a] = row
    return merges


def groups_after(merges: Sequence[tuple[int, int]], m: int, k: int) -> "np.ndarray":
    """Group (1..k, in order of each group's first leaf) of each of ``m`` leaves after the first m − k merges."""
    import numpy as np

    parent = list(range(m))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in merges[: max(0, m - k)]:
        parent[root(b)] = root(a)
    roots = [root(i) for i in range(m)]
    _, first = np.unique(roots, return_index=True)
    order = {roots[i]: g for g, i in enumerate(sorted(first), start=1)}
    return np.asarray([order[r] for r in roots])


def _similarity(counts: "np.ndarray", centroids: "np.ndarray") -> "np.ndarray":
    """½ c-TF-IDF cosine + ½ centroid cosine between rows (the merge tree's similarity)."""
    import numpy as np

    s = ctfidf(counts)
    s = s / np.maximum(np.linalg.norm(s, axis=1, keepdims=True), 1e-12)
    c = centroids / np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    return 0.5 * (s @ s.T + c @ c.T)


def absorb_single_paper(groups: "np.ndarray", counts: "np.ndarray", centroids: "np.ndarray",
                        paper_counts: "np.ndarray", max_paper_share: float) -> "np.ndarray":
    """Merge groups where one paper holds more than ``max_paper_share`` of the passages into their nearest group.

    ``groups``: group (1..k) of each cluster; ``counts``/``centroids``/``paper_counts``: per cluster (terms,
    embedding sums, passages per paper).  The smallest such group goes first; merging stops at 2 groups.
    Returns groups renumbered 1..k'.
    """
    import numpy as np

    g = np.asarray(groups).copy()
    while True:
        ks = np.unique(g)
        if len(ks) <= 2:
            break
        gm = (g[None, :] == ks[:, None]).astype(np.float64)
        per_paper = gm @ paper_counts
        size = per_paper.sum(axis=1)
        dominance = per_paper.max(axis=1) / np.maximum(size, 1.0)
        single = np.flatnonzero(dominance > max_paper_share)
        if not len(single):
            break
        i = int(single[np.lexsort((ks[single], size[single]))[0]])
        sim = _similarity(gm @ counts, gm @ centroids)[i]
        sim[i] = -np.inf
        g[g == ks[i]] = ks[int(np.argmax(sim))]
    _, renumbered = np.unique(g, return_inverse=True)
    return renumbered + 1


#: Scores (coherence x diversity) within this of the best are a tie: counts next to each other differ by
#: 0.001-0.02, and a difference under this is the score's noise, not a better map.
SCORE_TIE = 0.005


def _chosen_count(tried: Sequence[tuple[float, int, float]]) -> int:
    """The count to cut at, from ``(score, k, largest topic's share)`` of each count tried: the best score,
    or among the counts tied with it (:data:`SCORE_TIE`), the one whose largest topic holds the least of the
    passages (then the better score, then the smaller count).  A catch-all topic is what a reader of the map
    sees first: on the 50 EXCITE papers the best score (15 topics) had one of 39% of the passages
    ("management and works"), and a score 0.0004 lower (21 topics) splits it ("life course", "symbolic
    forms", ...), the largest holding 21%."""
    best = max(score for score, _, _ in tried)
    tied = [(share, -score, k) for score, k, share in tried if score >= best - SCORE_TIE]
    return min(tied)[2]


def describe(
    clusters: Sequence[int], matrix: "csr_matrix", terms: Sequence[str], embeddings: "np.ndarray",
    *, top_n: int = 10, n_topics: Optional[int] = None, papers: Optional[Sequence[int]] = None,
    max_paper_share: float = 1.0, exclude: "frozenset[int]" = frozenset(),
) -> Described:
    """Merge ``clusters`` (one per passage, −1 outlier) to the chosen count and describe the topics.

    ``matrix``: passages × ``terms`` counts; ``n_topics`` fixes the count; ``papers``: each passage's
    paper, for merging topics drawn from one paper (``max_paper_share`` < 1; module doc); ``exclude``:
    term columns that are never keywords.
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster
    from scipy.sparse import csr_matrix

    labels = np.asarray(clusters)
    ids = sorted(set(int(t) for t in labels) - {-1})
    binary = (matrix > 0).astype(np.float32).tocsc()
    col = {t: i for i, t in enumerate(terms)}
    if not ids:
        return Described(list(map(int, labels)), {}, None, {})
    rows = np.flatnonzero(labels != -1)
    index = {c: i for i, c in enumerate(ids)}
    member = csr_matrix((np.ones(len(rows)), ([index[int(labels[r])] for r in rows], rows)),
                        shape=(len(ids), len(labels)))
    counts = np.asarray((member @ matrix).toarray(), dtype=np.float64)
    cents = np.asarray(member @ embeddings)
    spread = None
    if papers is not None and max_paper_share < 1.0 and len(set(papers)) >= MIN_PAPERS_FOR_SPREAD:
        _, pinv = np.unique(np.asarray(papers), return_inverse=True)
        onehot = csr_matrix((np.ones(len(labels)), (np.arange(len(labels)), pinv)),
                            shape=(len(labels), int(pinv.max()) + 1))
        spread = np.asarray((member @ onehot).toarray(), dtype=np.float64)

    leaf_sizes = np.asarray(member.sum(axis=1)).ravel()

    def cut_at(k: int) -> "np.ndarray":
        g = fcluster(tree, t=k, criterion="maxclust") if SIZE_POWER <= 0 else groups_after(merges, len(ids), k)
        return g if spread is None else absorb_single_paper(g, counts, cents, spread, max_paper_share)

    scanned: dict[int, float] = {}
    if len(ids) <= 2:
        groups = np.arange(1, len(ids) + 1)
    else:
        if SIZE_POWER <= 0:
            tree = _merge_tree(counts, cents)
        else:
            merges = merge_order(counts, cents, leaf_sizes, SIZE_POWER)
        lo, hi = count_range(len(labels), len(ids))
        cut: dict[int, np.ndarray] = {}
        if n_topics:
            want = min(n_topics, len(ids))
            ks = [want]
            cut[want] = cut_at(want)
            k = want
            while spread is not None and int(cut[ks[0]].max()) < want and k < len(ids):
                k += 1  # single-paper topics merged away: cut finer until the count asked for is reached
                g = cut_at(k)
                if int(g.max()) >= want:
                    cut[ks[0]] = g
        else:
            ks = list(range(lo, hi + 1))
        tried: list[tuple[float, int, float]] = []  # (score, k, largest topic's share of passages)
        for k in ks:
            if k not in cut:
                cut[k] = cut_at(k)
            g = cut[k]
            if len(ks) == 1:
                break
            words = _keywords_for(g, counts, binary, terms, top_n, exclude)
            diversity = len({w for ws in words for w in ws}) / max(1, sum(len(ws) for ws in words))
            near_dup = sum(overlap(a, b, top_n) > MAX_SHARED for i, a in enumerate(words) for b in words[i + 1:])
            score = (1.0 + _mean_npmi(words, binary, col)) / 2 * diversity - 0.05 * near_dup
            n_groups = int(g.max())  # the count after single-paper merges (k without them)
            scanned[n_groups] = max(scanned.get(n_groups, -math.inf), round(score, 4))
            group_sizes = np.bincount(g, weights=leaf_sizes)
            tried.append((score, k, float(group_sizes.max() / max(group_sizes.sum(), 1.0))))
        groups = cut[_chosen_count(tried) if tried else ks[0]]
    # Final ids: 0 = largest topic.
    group_of = {c: int(g) for c, g in zip(ids, groups)}
    sizes: dict[int, int] = {}
    for t in labels:
        if t != -1:
            sizes[group_of[int(t)]] = sizes.get(group_of[int(t)], 0) + 1
    order = sorted(sizes, key=lambda g: (-sizes[g], g))
    final = {g: i for i, g in enumerate(order)}
    topics = [final[group_of[int(t)]] if t != -1 else -1 for t in labels]
    k = len(order)
    gm = np.zeros((k, len(ids)))
    for ci, c in enumerate(ids):
        gm[final[group_of[c]], ci] = 1.0
    tcounts = gm @ counts
    kw = pick_keywords(ctfidf(tcounts), binary, terms, top_n, exclude=exclude)
    keywords = {t: kw[t] for t in range(k)}
    tree_final = _merge_tree(tcounts, gm @ cents) if k >= 3 else None
    return Described(topics, keywords, tree_final, scanned)


def _keywords_for(groups: "np.ndarray", counts: "np.ndarray", binary: "csr_matrix", terms: Sequence[str],
                  top_n: int, exclude: "frozenset[int]" = frozenset()) -> list[list[str]]:
    import numpy as np

    k = int(groups.max())
    gm = np.zeros((k, len(groups)))
    gm[groups - 1, np.arange(len(groups))] = 1.0
    kw = pick_keywords(ctfidf(gm @ counts), binary, terms, top_n, exclude=exclude)
    return [[w for w, _ in ws] for ws in kw]
