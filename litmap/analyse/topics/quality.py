"""Topic quality: NPMI coherence over passages and topic diversity."""

from __future__ import annotations

import math
from typing import Sequence

__all__ = ["npmi_coherence", "topic_diversity"]


def topic_diversity(topic_words: Sequence[Sequence[str]], top_n: int = 10) -> float:
    """Share of unique words among all topics' top ``top_n`` words (1.0 = no overlap)."""
    words = [w for ws in topic_words for w in list(ws)[:top_n]]
    return len(set(words)) / len(words) if words else 0.0


def npmi_coherence(
    topic_words: Sequence[Sequence[str]], documents: Sequence[str], top_n: int = 10
) -> float:
    """Mean normalised PMI of each topic's top-word pairs, co-occurrence counted per document.

    Documents are the passages the topics were fitted on; words (and
    bigrams) are matched with the same lower-casing tokenizer as
    scikit-learn's CountVectorizer.  A pair never seen together scores -1.
    """
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    topics = [[w for w in list(ws)[:top_n] if w] for ws in topic_words]
    topics = [ws for ws in topics if len(ws) >= 2]
    vocab = sorted({w for ws in topics for w in ws})
    if not topics or not documents:
        return 0.0
    max_n = max(len(w.split()) for w in vocab)
    vec = CountVectorizer(vocabulary=vocab, ngram_range=(1, max_n), binary=True, lowercase=True)
    x = vec.transform(documents).tocsc().astype(np.float64)
    n = x.shape[0]
    col = {w: i for i, w in enumerate(vocab)}
    df = np.asarray(x.sum(axis=0)).ravel()
    scores: list[float] = []
    for ws in topics:
        idx = [col[w] for w in ws]
        sub = x[:, idx]
        co = (sub.T @ sub).toarray()
        vals = []
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                pij = co[a, b] / n
                pi, pj = df[idx[a]] / n, df[idx[b]] / n
                if pij <= 0 or pi <= 0 or pj <= 0:
                    vals.append(-1.0)
                elif pij >= 1.0:
                    vals.append(1.0)
                else:
                    vals.append(math.log(pij / (pi * pj)) / -math.log(pij))
        scores.append(float(np.mean(vals)))
    return float(np.mean(scores))
