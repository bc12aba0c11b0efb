"""Refreshing a stored topic map when papers arrive, keeping topic ids stable."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Collection, Iterable, Mapping, Optional, Sequence

from litmap.errors import AnalysisError
from litmap.progress import Progress, resolve
from litmap.store.topics import BodyParagraph, EmbeddingCache

from litmap.analyse.topics.describe import ctfidf, pick_keywords
from litmap.analyse.topics.embed import Embedder, embed_texts_cached, make_embedder
from litmap.analyse.topics.model import FitCore, check_enough, fit_core
from litmap.analyse.topics.passages import Passage, make_passages
from litmap.analyse.topics.phrases import phrase_labels
from litmap.analyse.topics.quality import npmi_coherence, topic_diversity
from litmap.analyse.topics.result import HierarchyNode, TopicResult, aggregate
from litmap.analyse.topics.settings import TopicSettings
from litmap.analyse.topics.words import build_vocabulary

if TYPE_CHECKING:
    import numpy as np

__all__ = ["update_topics", "match_topics", "assign_to_centroids", "drift_reason"]

log = logging.getLogger(__name__)


def assign_to_centroids(
    vectors: "np.ndarray", centroids: Mapping[int, Sequence[float]], threshold: float
) -> list[int]:
    """Nearest centroid by cosine for each (unit) vector; ``-1`` below ``threshold``."""
    import numpy as np

    if not centroids or len(vectors) == 0:
        return [-1] * len(vectors)
    ids = sorted(centroids)
    c = np.asarray([centroids[i] for i in ids], dtype=np.float32)
    sims = vectors @ c.T
    best = sims.argmax(axis=1)
    return [ids[b] if sims[k, b] >= threshold else -1 for k, b in enumerate(best)]


def _word_match(old: Sequence[str], new: Collection[str], known: Optional[Collection[str]]) -> Optional[float]:
    """Share of an old topic's top words found in a new topic's (wider) word list, over the
    old words the new vocabulary still has; None when it has none of them (words cannot tell)."""
    kept = [w for w in old if known is None or w in known]
    if not kept:
        return None
    return sum(1 for w in kept if w in new) / len(kept)


def match_topics(
    old_centroids: Mapping[int, Sequence[float]], old_words: Mapping[int, Sequence[str]],
    new_centroids: Mapping[int, Sequence[float]], new_words: Mapping[int, Sequence[str]],
    threshold: float, *, known_terms: Optional[Collection[str]] = None,
) -> dict[int, int]:
    """New topic id -> old topic id, one-to-one (Hungarian), where the match holds.

    Score = mean of centroid cosine and the share of the old topic's top words
    found in the new topic's word list (pass a wider list than the top 10: the
    keyword pick moves words between neighbouring topics).  Old words that
    ``known_terms`` (the new vocabulary) lacks, e.g. words that became
    corpus-wide, are left out; where none is left the centroid decides alone.
    Pairs scoring below ``threshold`` stay unmatched (new topics are then emerging).
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    olds, news = sorted(old_centroids), sorted(new_centroids)
    if not olds or not news:
        return {}
    co = np.asarray([old_centroids[i] for i in olds], dtype=np.float64)
    cn = np.asarray([new_centroids[j] for j in news], dtype=np.float64)
    cos = cn @ co.T
    score = cos.copy()
    for a, j in enumerate(news):
        wide = set(new_words.get(j, ()))
        for b, i in enumerate(olds):
            share = _word_match(old_words.get(i, ()), wide, known_terms)
            if share is not None:
                score[a, b] = 0.5 * cos[a, b] + 0.5 * share
    rows, cols = linear_sum_assignment(-score)
    return {news[r]: olds[c] for r, c in zip(rows, cols) if score[r, c] >= threshold}


def _wide_words(core: "FitCore", n_docs: int, top: int = 30) -> dict[int, list[str]]:
    """Each new topic's ``top`` c-TF-IDF words, without the keyword pick's one-topic-per-word rule."""
    import numpy as np
    from scipy.sparse import csr_matrix

    tid = sorted(set(core.topics) - {-1})
    if not tid:
        return {}
    row = {t: i for i, t in enumerate(tid)}
    ok = [k for k in range(n_docs) if core.topics[k] != -1]
    member = csr_matrix((np.ones(len(ok)), ([row[core.topics[k]] for k in ok], ok)), shape=(len(tid), n_docs))
    scores = ctfidf(member @ core.vocabulary.matrix)
    terms = core.vocabulary.terms
    out = {}
    for t in tid:
        r = scores[row[t]]
        best = np.argsort(-r, kind="stable")[:top]
        out[t] = [terms[c] for c in best if r[c] > 0]
    return out


def _remap_hierarchy(nodes: Sequence[HierarchyNode], leaf: dict[int, int], n_leaves: int,
                     first_parent: int) -> tuple[HierarchyNode, ...]:
    def m(x: int) -> int:
        return leaf.get(x, x) if x < n_leaves else x - n_leaves + first_parent

    return tuple(replace(h, parent_id=m(h.parent_id), left_id=m(h.left_id), right_id=m(h.right_id),
                         topics=tuple(sorted(leaf.get(t, t) for t in h.topics))) for h in nodes)


def _finish(old: TopicResult, passages: Sequence[Passage], vectors: "np.ndarray", topics: list[int],
            keywords: dict[int, list[tuple[str, float]]], labels: dict[int, str], emerging: set[int],
            settings: TopicSettings, **changes: object) -> TopicResult:
    assign, tps, centroids, mixtures, over_time, per_journal = aggregate(
        passages, topics, vectors, keywords, n_representatives=settings.n_representatives, labels=labels)
    tps = tuple(replace(t, emerging=t.id in emerging) for t in tps)
    words = [[w for w, _ in t.keywords] for t in tps]
    docs = [p.text for p in passages]
    quality = {
        "npmi": round(npmi_coherence(words, docs, settings.top_n_words), 4),
        "diversity": round(topic_diversity(words, settings.top_n_words), 4),
        "outlier_share": round(sum(a.topic == -1 for a in assign) / max(1, len(assign)), 4),
    }
    return replace(old, assignments=assign, topics=tps, centroids=centroids, mixtures=mixtures,
                   over_time=tuple(over_time), per_journal=tuple(per_journal), quality=quality,
                   settings=settings.to_dict(), **changes)  # type: ignore[arg-type]


def update_topics(
    old: Optional[TopicResult],
    paragraphs: Iterable[BodyParagraph],
    settings: TopicSettings = TopicSettings(),
    progress: Optional[Progress] = None,
    *,
    cache: Optional[EmbeddingCache] = None,
    refit: bool = False,
    embedder: Optional[Embedder] = None,
) -> TopicResult:
    """Bring the stored topic map ``old`` up to date with the passages of ``paragraphs``.

    Without ``refit``: passages already assigned keep their topic; new ones go
    to the nearest topic centroid when cosine >= ``settings.assign_threshold``,
    else to ``-1`` and ``emerging_candidates``.  With ``refit``: a full refit
    whose topics are matched to the old ones (:func:`match_topics`); matched
    topics keep their old id, the others get fresh ids, and ``emerging=True``
    where most of their passages are new since the last fit.  A refit labels every topic afresh; the labels file's renames,
    applied after it by id (:mod:`.labels_file`), are what lasts.  Embeddings as in :func:`~litmap.analyse.topics.model.fit_topics`.
    The caller saves the result.
    """
    if old is None:
        raise AnalysisError("no stored topic model to refresh: run `litmap topics` first")
    emb = embedder or make_embedder(settings)
    if emb.name != old.model and not refit:
        raise AnalysisError(
            f"the stored topics were fitted with embeddings {old.model!r}, not {emb.name!r}: "
            "refresh with the same model, or run a full refit (`litmap topics --refit`)"
        )
    passages = make_passages(paragraphs, min_chars=settings.min_chars, chunk_chars=settings.chunk_chars)
    if not passages:
        raise AnalysisError("the store has no body passages: ingest papers first")
    vectors, n_new = embed_texts_cached(cache, [p.text for p in passages], [p.text_hash for p in passages],
                                        emb, resolve(progress))
    old_words = {t.id: [w for w, _ in t.keywords] for t in old.topics}
    old_labels = {t.id: t.label for t in old.topics}
    reason: Optional[str] = None
    if not refit:
        known = {(a.key, a.text_hash): a.topic for a in old.assignments}
        fresh = [k for k, p in enumerate(passages) if (p.key, p.text_hash) not in known]
        got = assign_to_centroids(vectors[fresh], old.centroids, settings.assign_threshold)
        topics = [known.get((p.key, p.text_hash), -1) for p in passages]
        for k, t in zip(fresh, got):
            topics[k] = t
        keywords = {t.id: list(t.keywords) for t in old.topics}
        labels = dict(old_labels)
        emerging = {t.id for t in old.topics if t.emerging}
        pool = _pool(old, passages, vectors, topics, fresh)
        formed: list[int] = []
        if settings.form_new_topics and len(pool) >= settings.min_topic_size:
            formed, pool = _form_topics(old, passages, vectors, topics, pool, keywords, labels, emb, settings)
            emerging |= set(formed)
        cands = tuple(passages[k].key for k in fresh if topics[k] == -1)
        log.info("refresh: %d new passages, %d unassigned, %d poorly fitting, %d new topics",
                 len(fresh), len(cands), len(pool), len(formed))
        result = _finish(old, passages, vectors, topics, keywords, labels, emerging, settings,
                         n_embedded=n_new, emerging_candidates=cands, model=emb.name, dim=emb.dim,
                         refresh_outliers=_still_unassigned(old, passages, topics, fresh), refit_reason=None,
                         pool=tuple(passages[k].key for k in pool))
        reason = drift_reason(result, settings)
        if reason is None:
            return result
        log.info("topic map drifted (%s): refitting", reason)
    check_enough(passages, settings)
    # progress: a refit's clustering is timed as the topics stage, not as embedding
    core = fit_core([p.text for p in passages], vectors, emb, settings, [p.doc_id for p in passages], progress)
    _, _, new_centroids, _, _, _ = aggregate(passages, core.topics, vectors, core.keywords)
    new_words = _wide_words(core, len(passages))
    for t, ws in core.keywords.items():
        new_words.setdefault(t, []).extend(w for w, _ in ws if w not in new_words[t])
    same_space = emb.name == old.model
    mapping = match_topics(old.centroids, old_words, new_centroids, new_words, settings.match_threshold,
                           known_terms=set(core.vocabulary.terms)) if same_space else {}
    next_id = max([*old.centroids, -1]) + 1
    leaf: dict[int, int] = {-1: -1}
    for t in sorted(new_centroids):
        if t in mapping:
            leaf[t] = mapping[t]
        else:
            leaf[t], next_id = next_id, next_id + 1
    # A topic no old one matches is "emerging" (a new theme formed from new papers) only when most of its
    # passages came after the last fit: a refit asked for on the same papers, or one that merges the leaves
    # otherwise, gives topics new ids without any new theme.
    fitted = {(a.key, a.text_hash) for a in old.assignments}
    size_of: Counter[int] = Counter(core.topics)
    fresh_of: Counter[int] = Counter(t for p, t in zip(passages, core.topics) if (p.key, p.text_hash) not in fitted)
    emerging = {leaf[t] for t in new_centroids if t not in mapping and 2 * fresh_of[t] >= size_of[t] > 0}
    topics = [leaf[t] for t in core.topics]
    keywords = {leaf[t]: ws for t, ws in core.keywords.items()}
    labels = {leaf[t]: core.labels.get(t, "") for t in new_centroids}
    # Labels are the refit's own (phrases of the passages the topic holds now); a reviewer's
    # renames are the labels file's, applied again by the caller (job.run_topics) by id.
    hierarchy = _remap_hierarchy(core.hierarchy, leaf, len(new_centroids), next_id)
    log.info("refit: %d topics kept their id, %d emerging", len(mapping), len(emerging))
    return _finish(old, passages, vectors, topics, keywords, labels, emerging, settings,
                   n_embedded=n_new, hierarchy=hierarchy, clusterer=core.clusterer,
                   fallback=core.fallback, model=emb.name, dim=emb.dim, emerging_candidates=(),
                   fitted_passages=len(passages), refresh_outliers=0, refit_reason=reason, pool=(),
                   corpus_terms=core.vocabulary.corpus_terms, acronyms=dict(sorted(core.vocabulary.acronyms.items())))


def _pool(old: TopicResult, passages: Sequence[Passage], vectors: "np.ndarray", topics: Sequence[int],
          fresh: Sequence[int]) -> list[int]:
    """Passages added since the last fit that fit their topic poorly: the earlier pool still there,
    unassigned new passages, and new passages less close to their topic's centroid than 9 in 10 of
    the topic's members (its 10th percentile of cosine)."""
    import numpy as np

    fresh_set = set(fresh)
    before = set(old.pool) | set(old.emerging_candidates)
    pool = [k for k, p in enumerate(passages) if k not in fresh_set and p.key in before]
    arr = np.asarray(topics)
    floor: dict[int, float] = {}
    for t, c in old.centroids.items():
        members = [k for k in np.flatnonzero(arr == t) if k not in fresh_set]
        if members:
            floor[t] = float(np.percentile(vectors[members] @ np.asarray(c, dtype=np.float32), 10))
    for k in fresh:
        t = topics[k]
        if t == -1 or (t in floor and float(vectors[k] @ np.asarray(old.centroids[t], dtype=np.float32)) < floor[t]):
            pool.append(k)
    return sorted(pool)


def _form_topics(old: TopicResult, passages: Sequence[Passage], vectors: "np.ndarray", topics: list[int],
                 pool: list[int], keywords: dict[int, list[tuple[str, float]]], labels: dict[int, str],
                 emb: Embedder, settings: TopicSettings) -> tuple[list[int], list[int]]:
    """New topics from the pool where its passages cohere (module doc of docs/topics.md, "Refresh").

    The pool is clustered (average linkage, cosine); a cluster becomes a topic
    when it holds ``min_topic_size`` passages and its members lie closer to
    their own centroid than to any stored topic's.  ``topics``, ``keywords``
    and ``labels`` are updated in place; returns the new ids and what stays pooled.
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    x = vectors[pool].astype(np.float64)
    if not old.centroids or len(pool) < 2:
        return [], pool
    ids = sorted(old.centroids)
    cents = np.asarray([old.centroids[i] for i in ids], dtype=np.float64)
    arr = np.asarray(topics)
    cohesion = [float(np.mean(vectors[arr == t] @ cents[i])) for i, t in enumerate(ids) if (arr == t).any()]
    cut = 1.0 - float(np.median(cohesion)) ** 2 if cohesion else 0.5
    groups = fcluster(linkage(x, method="average", metric="cosine"), t=cut, criterion="distance")
    formed: list[int] = []
    next_id = max([*ids, *keywords, -1]) + 1
    taken: set[int] = set()
    for g in sorted(set(groups.tolist())):
        members = [pool[i] for i in np.flatnonzero(groups == g)]
        if len(members) < settings.min_topic_size:
            continue
        c = vectors[members].mean(axis=0)
        c = c / (np.linalg.norm(c) or 1.0)
        own = float(np.mean(vectors[members] @ c))
        other = float(np.mean((vectors[members] @ cents.T).max(axis=1)))
        if own <= other:
            continue
        for k in members:
            topics[k] = next_id
        formed.append(next_id)
        taken.update(members)
        next_id += 1
    if formed:
        docs = [p.text for p in passages]
        vocab = build_vocabulary(docs, [p.doc_id for p in passages], extra_stop_words=settings.extra_stop_words,
                                 ubiquity=settings.ubiquity)
        tid = sorted(set(topics) - {-1})
        row = {t: i for i, t in enumerate(tid)}
        from scipy.sparse import csr_matrix

        n = len(topics)
        ok = [k for k in range(n) if topics[k] != -1]
        member = csr_matrix((np.ones(len(ok)), ([row[topics[k]] for k in ok], ok)), shape=(len(tid), n))
        counts = (member @ vocab.matrix).toarray()
        kw = pick_keywords(ctfidf(counts), (vocab.matrix > 0).astype(np.float32).tocsc(), vocab.terms,
                           settings.top_n_words, exclude=vocab.not_keywords())
        for t in formed:
            keywords[t] = kw[row[t]]
        new_labels = phrase_labels(docs, [t if t in formed else -1 for t in topics], vectors,
                                   {t: keywords[t] for t in formed}, emb, extra_stop_words=settings.extra_stop_words,
                                   acronyms=vocab.acronyms,
                                   undefined_acronyms=vocab.undefined_acronyms + vocab.speaker_names + vocab.cited_names,
                                   papers=[p.doc_id for p in passages])
        labels.update(new_labels)
        log.info("refresh formed %d new topics from %d poorly fitting passages: %s", len(formed), len(pool),
                 [labels[t] for t in formed])
    return formed, [k for k in pool if k not in taken]


def _still_unassigned(old: TopicResult, passages: Sequence[Passage], topics: Sequence[int],
                      fresh: Sequence[int]) -> int:
    """Refresh outliers since the last fit: earlier refreshes' plus this one's.

    Earlier ones are capped by the outliers still stored, so passages of
    removed papers stop counting.
    """
    fresh_set = set(fresh)
    now_out = sum(1 for k in fresh_set if topics[k] == -1)
    stored_out = sum(1 for k, t in enumerate(topics) if t == -1 and k not in fresh_set)
    return min(old.refresh_outliers, stored_out) + now_out


def drift_reason(result: TopicResult, settings: TopicSettings) -> Optional[str]:
    """Why ``result`` (a refresh) has drifted past the settings' triggers, or None."""
    d = result.drift()
    if settings.refit_unfit < 1.0 and d["unfit"] >= settings.refit_unfit and result.refresh_outliers >= settings.min_topic_size:
        return (f"{result.refresh_outliers} passages added since the last fit ({d['unfit']:.0%} of all) "
                f"fit no stored topic (threshold {settings.refit_unfit:.0%})")
    if settings.refit_growth > 0 and d["growth"] >= settings.refit_growth:
        return f"the corpus grew by {d['growth']:.0%} since the last fit (threshold {settings.refit_growth:.0%})"
    return None
