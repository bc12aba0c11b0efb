"""Topic modelling of a corpus's body passages (BERTopic, offline by default).

Public API::

    fit_topics(conn, settings, progress) -> TopicResult
    save_topic_result(conn, result) / load_topic_result(conn)
    update_topics(conn, settings, progress, refit=False) -> TopicResult

Heavy libraries (torch, bertopic, sklearn, umap) load only inside the
functions that need them, so importing this package is cheap.
"""

from __future__ import annotations

from litmap.analyse.topics.embed import Embedder, HashingEmbedder, SentenceTransformerEmbedder, StaticEmbedder, make_embedder
from litmap.analyse.topics.model import TooFewPassages, fit_topics
from litmap.analyse.topics.passages import Passage, load_passages
from litmap.analyse.topics.quality import npmi_coherence, topic_diversity
from litmap.analyse.topics.result import Assignment, HierarchyNode, Representative, Topic, TopicResult, load_topic_result, save_topic_result
from litmap.analyse.topics.settings import DEFAULT_MODEL, FULL_MODEL, TopicSettings
from litmap.analyse.topics.stability import match_topics, update_topics

__all__ = [
    "Assignment", "DEFAULT_MODEL", "Embedder", "FULL_MODEL", "HashingEmbedder", "HierarchyNode",
    "Passage", "Representative", "SentenceTransformerEmbedder", "StaticEmbedder", "TooFewPassages",
    "Topic", "TopicResult", "TopicSettings", "fit_topics", "load_passages", "load_topic_result",
    "make_embedder", "match_topics", "npmi_coherence", "save_topic_result", "topic_diversity",
    "update_topics",
]
