"""Topic modelling of a corpus's body passages (BERTopic, offline by default).

Public API, over what :mod:`litmap.store.topics` reads (body paragraphs, the
embedding cache, the stored result) and stores::

    fit_topics(paragraphs, settings, progress, cache=) -> TopicResult
    update_topics(old, paragraphs, settings, progress, cache=, refit=False) -> TopicResult
    save_topic_result(conn, result) / load_topic_result(conn)   (re-exported from the store)

:mod:`litmap.analyse.topics.job` runs the stage over a store.

Heavy libraries (torch, bertopic, sklearn, umap) load only inside the
functions that need them, so importing this package is cheap.
"""

from __future__ import annotations

from litmap.analyse.topics.embed import Embedder, HashingEmbedder, SentenceTransformerEmbedder, StaticEmbedder, make_embedder
from litmap.analyse.topics.model import TooFewPassages, fit_topics
from litmap.analyse.topics.passages import Passage, make_passages
from litmap.analyse.topics.quality import npmi_coherence, topic_diversity
from litmap.analyse.topics.result import Assignment, HierarchyNode, Representative, Topic, TopicResult, load_topic_result, save_topic_result
from litmap.analyse.topics.settings import DEFAULT_MODEL, FULL_MODEL, TopicSettings
from litmap.analyse.topics.stability import match_topics, update_topics

__all__ = [
    "Assignment", "DEFAULT_MODEL", "Embedder", "FULL_MODEL", "HashingEmbedder", "HierarchyNode",
    "Passage", "Representative", "SentenceTransformerEmbedder", "StaticEmbedder", "TooFewPassages",
    "Topic", "TopicResult", "TopicSettings", "fit_topics", "load_topic_result", "make_embedder",
    "make_passages", "match_topics", "npmi_coherence", "save_topic_result", "topic_diversity",
    "update_topics",
]
