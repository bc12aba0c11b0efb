"""The topic stage's side of the store: body paragraphs in, embedding cache, topic results.

A topic result is kept where a scholar can query it (docs/schema.md):
``topics`` and ``topic_terms`` (label, size, weighted terms),
``passage_topics`` (the topic of every passage) and ``paper_topics`` (each
paper's topic mix).  The ``topics`` artifact holds the rest as zlib-compressed
JSON: model, settings, centroids, hierarchy, representative passages, counts
over time and journals, quality and drift bookkeeping.  Assignments, mixtures
and topics live only in the tables, so the two can never disagree.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import sqlite3
import zlib
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterator, Optional, Sequence

from litmap.errors import StoreError
from litmap.store.contexts import page_of

__all__ = [
    "Assignment", "Representative", "Topic", "HierarchyNode", "TopicResult",
    "BodyParagraph", "iter_body_paragraphs", "EmbeddingCache",
    "save_topic_result", "load_topic_result", "fill_topic_tables", "ARTIFACT", "documents_changed_since_fit",
]

log = logging.getLogger(__name__)

#: Name of the store artifact holding the latest topic result (all but what the tables hold).
ARTIFACT = "topics"
#: 1: the whole result in the artifact (schema v2 and before); 2: assignments and topics in tables.
_FORMAT = 2


# -- records ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class BodyParagraph:
    """A ``body`` paragraph of an ``ok`` document, with what passages need of its paper."""

    document_id: int
    idx: int
    section_kind: Optional[str]  # None outside any section
    page: Optional[int]
    text: str
    text_hash: str
    year: Optional[int]
    journal: Optional[str]


@dataclass(frozen=True)
class Assignment:
    key: str
    doc_id: int
    para_idx: int
    chunk: int
    text_hash: str
    page: Optional[int]
    year: Optional[int]
    journal: Optional[str]
    topic: int


@dataclass(frozen=True)
class Representative:
    doc_id: int
    page: Optional[int]
    text: str


@dataclass(frozen=True)
class Topic:
    id: int
    label: str
    keywords: tuple[tuple[str, float], ...]
    size: int
    papers: tuple[tuple[int, float], ...]  # (doc_id, share of the paper's passages), largest first
    representatives: tuple[Representative, ...]
    emerging: bool = False


@dataclass(frozen=True)
class HierarchyNode:
    parent_id: int
    parent_name: str
    left_id: int
    right_id: int
    distance: float
    topics: tuple[int, ...]


@dataclass(frozen=True)
class TopicResult:
    """A fitted topic map.  Topic ``-1`` holds outlier passages (never a row of ``topics``)."""

    model: str
    dim: int
    settings: dict[str, Any]
    assignments: tuple[Assignment, ...]
    topics: tuple[Topic, ...]
    centroids: dict[int, tuple[float, ...]]  # unit vectors in embedding space
    mixtures: dict[int, dict[int, float]]  # doc_id -> topic -> share of its passages
    over_time: tuple[tuple[int, int, int], ...]  # (topic, year, passages)
    per_journal: tuple[tuple[int, str, int], ...]  # (topic, journal, passages)
    hierarchy: tuple[HierarchyNode, ...]
    quality: dict[str, float]
    clusterer: str
    fallback: Optional[str] = None  # why the small-corpus path was taken
    n_embedded: int = 0  # passages embedded in this run (the rest came from the cache)
    emerging_candidates: tuple[str, ...] = field(default_factory=tuple)  # passage keys
    # Drift bookkeeping (docs/topics.md, "Refresh and drift"): passages the
    # last fit saw, and passages refreshes have since left unassigned.
    fitted_passages: int = 0
    refresh_outliers: int = 0
    refit_reason: Optional[str] = None  # why this result is an automatic refit
    corpus_terms: tuple[str, ...] = field(default_factory=tuple)  # corpus-wide words left out of keywords
    acronyms: dict[str, str] = field(default_factory=dict)  # acronym (lower case) -> spelled-out form
    pool: tuple[str, ...] = field(default_factory=tuple)  # keys of new passages that fit their topic poorly

    def drift(self) -> dict[str, float]:
        """``growth``: passages added since the last fit / passages it saw;
        ``unfit``: passages added since then that fit no stored topic / all."""
        n = len(self.assignments)
        fitted = self.fitted_passages or n
        return {"growth": round(max(0, n - fitted) / max(1, fitted), 4),
                "unfit": round(self.refresh_outliers / max(1, n), 4)}

    def topic(self, topic_id: int) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)


# -- transactions ------------------------------------------------------------------------------
# Not store.db's: db imports schema, whose migration imports this module.

@contextmanager
def _atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, or part of the caller's when one is open."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Several reads that see one version of the store, though a writer commits meanwhile."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def _now() -> str:
    # Same form as litmap.store.db.now (not imported: see _atomic).
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


# -- passages and the embedding cache --------------------------------------------------------

_BODY_SQL = """
SELECT p.document_id, p.idx, s.kind, {page}, p.text, p.text_hash, m.year, m.journal
FROM paragraphs p
JOIN documents d ON d.id = p.document_id
LEFT JOIN metadata m ON m.document_id = p.document_id
LEFT JOIN sections s ON s.document_id = p.document_id AND s.idx = p.section_idx
WHERE p.kind = 'body' AND d.status = 'ok'
ORDER BY p.document_id, p.idx
""".format(page=page_of("p"))


def iter_body_paragraphs(conn: sqlite3.Connection) -> Iterator[BodyParagraph]:
    """Body paragraphs of every ``ok`` document, in document and paragraph order.

    Year and journal come as stored (the topic stage normalises them); which
    sections count is the topic stage's choice (``section_kind``).  A text file's
    paragraphs have no page (its one "page" is the whole file).  A second file of one
    paper (:func:`paper_copies`) is left out.
    """
    copies = paper_copies(conn)
    for doc_id, idx, kind, page, text, thash, year, journal in conn.execute(_BODY_SQL):
        if doc_id not in copies:
            yield BodyParagraph(doc_id, idx, kind, page, text, thash, year, journal)


def paper_copies(conn: sqlite3.Connection) -> frozenset[int]:
    """Documents that are a second file of a paper another document stands for (``works.data`` "copies",
    :attr:`litmap.corpus.resolve.WorkRow.copies`): a paper's passages are read once."""
    out: set[int] = set()
    try:
        rows = conn.execute("SELECT data FROM works WHERE data LIKE '%\"copies\"%'").fetchall()
    except sqlite3.Error:  # a store from before works were resolved
        return frozenset()
    for (data,) in rows:
        try:
            value = json.loads(data or "{}")
        except ValueError:
            continue
        if isinstance(value, dict):
            out.update(int(x) for x in value.get("copies") or () if isinstance(x, int))
    return frozenset(out)


class EmbeddingCache:
    """The store's ``embeddings`` table: a vector per (sha1 of a text, model name).

    Vectors are float32 little-endian bytes; the topic stage turns them into arrays.
    """

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def get(self, model: str, dim: int, hashes: Sequence[str]) -> dict[str, bytes]:
        """The cached vectors of ``hashes`` for ``model`` (those of another ``dim`` are ignored)."""
        found: dict[str, bytes] = {}
        uniq = list(dict.fromkeys(hashes))
        for i in range(0, len(uniq), 500):  # SQLite's limit on bound parameters
            part = uniq[i : i + 500]
            rows = self._conn.execute(
                "SELECT text_hash, dim, vector FROM embeddings "
                f"WHERE model=? AND text_hash IN ({','.join('?' * len(part))})",
                (model, *part),
            )
            for h, d, blob in rows:
                if int(d) == dim:
                    found[h] = bytes(blob)
        return found

    def put(self, model: str, dim: int, vectors: Sequence[tuple[str, bytes]]) -> None:
        """Cache ``(hash, vector bytes)`` pairs, committed at once so an interrupted run keeps them."""
        with _atomic(self._conn):
            self._conn.executemany(
                "INSERT OR REPLACE INTO embeddings(text_hash, model, dim, vector) VALUES (?,?,?,?)",
                [(h, model, dim, v) for h, v in vectors],
            )


# -- topic results ---------------------------------------------------------------------------

_IN_TABLES = ("assignments", "topics", "mixtures")


def save_topic_result(conn: sqlite3.Connection, result: TopicResult, run_id: Optional[int] = None) -> None:
    """Store ``result`` (replacing any earlier one) in the topic tables and the ``topics`` artifact, atomically."""
    with _atomic(conn):
        _write(conn, result, run_id, _now())
    if conn.in_transaction and conn.isolation_level is not None:
        conn.commit()  # a caller's implicit (legacy-mode) transaction, as before the tables


def load_topic_result(conn: sqlite3.Connection) -> Optional[TopicResult]:
    """The stored topic result, or ``None`` when ``litmap topics`` has not run on this store."""
    with _snapshot(conn):
        row = conn.execute("SELECT data FROM artifacts WHERE name=?", (ARTIFACT,)).fetchone()
        if row is None or row[0] is None:
            return None
        d = _decode(bytes(row[0]))
        if d.get("format") != _FORMAT:
            raise _unknown_format(d)
        return _read(conn, d)


def documents_changed_since_fit(conn: sqlite3.Connection) -> bool:
    """Whether a document was added, read again or removed after the stored topics were saved: by a
    ``litmap ingest`` run on its own between two ``litmap run`` s, whose own ingest then finds nothing new.
    The map holds none of those passages.  Timestamps are to the second; a change in the second of the save
    counts as before it, as the pipeline saves topics after its ingest."""
    row = conn.execute("SELECT created_at FROM artifacts WHERE name=?", (ARTIFACT,)).fetchone()
    if row is None or not row[0]:
        return False
    t = row[0]
    return bool(conn.execute(
        "SELECT EXISTS(SELECT 1 FROM documents WHERE (status='ok' AND (added_at > ? OR updated_at > ?)) "
        "OR removed_at > ?)", (t, t, t)).fetchone()[0])


def fill_topic_tables(conn: sqlite3.Connection) -> None:
    """Schema v3: move a format-1 topic artifact's assignments and topics into the new tables.

    Runs inside the migration's transaction.  An artifact that cannot be read
    is left as it was (loading it says to fit the topics again).
    """
    row = conn.execute("SELECT run_id, created_at, data FROM artifacts WHERE name=?", (ARTIFACT,)).fetchone()
    if row is None or row[2] is None:
        return
    try:
        result = _from_format1(_decode(bytes(row[2])))
    except (zlib.error, ValueError, KeyError, TypeError, StoreError) as exc:
        log.warning("the stored topics could not be moved into tables (%s); run `litmap topics` to fit them again", exc)
        return
    conn.execute("SAVEPOINT fill_topics")
    try:
        _write(conn, result, row[0], row[1])
    except sqlite3.IntegrityError as exc:  # e.g. one passage twice: keep the store usable, the blob as it was
        conn.execute("ROLLBACK TO fill_topics")
        log.warning("the stored topics could not be moved into tables (%s); run `litmap topics` to fit them again", exc)
        return
    finally:
        conn.execute("RELEASE fill_topics")
    log.info("moved %d topics and %d passage assignments into tables", len(result.topics), len(result.assignments))


def _decode(blob: bytes) -> dict[str, Any]:
    d = json.loads(zlib.decompress(blob).decode("utf-8"))
    if not isinstance(d, dict):
        raise ValueError("the topic artifact is not a JSON object")
    return d


def _unknown_format(d: dict[str, Any]) -> StoreError:
    return StoreError(f"the stored topics have an unknown format {d.get('format')!r} (from another litmap "
                      "version): run `litmap topics` to fit them again")


def _write(conn: sqlite3.Connection, result: TopicResult, run_id: Optional[int], created_at: str) -> None:
    # Rows of a document deleted since the fit (a changed file is stored anew)
    # would break the foreign keys; its passages are gone from the corpus too.
    docs = {int(r[0]) for r in conn.execute("SELECT id FROM documents")}
    for table in ("passage_topics", "paper_topics", "topic_terms", "topics"):
        conn.execute(f"DELETE FROM {table}")
    conn.executemany(
        "INSERT INTO topics(id, label, size, terms, emerging) VALUES (?,?,?,?,?)",
        [(t.id, t.label, t.size, json.dumps([w for w, _ in t.keywords], ensure_ascii=False), int(t.emerging))
         for t in result.topics],
    )
    conn.executemany(
        "INSERT INTO topic_terms(topic_id, rank, term, weight) VALUES (?,?,?,?)",
        [(t.id, rank, w, s) for t in result.topics for rank, (w, s) in enumerate(t.keywords, 1)],
    )
    # Inserted in the result's order: loading reads them back by rowid.
    conn.executemany(
        "INSERT INTO passage_topics(document_id, paragraph, chunk, passage, topic_id, probability, "
        "text_hash, page, year, journal) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(a.doc_id, a.para_idx, a.chunk, a.key, a.topic, None, a.text_hash, a.page, a.year, a.journal)
         for a in result.assignments if a.doc_id in docs],
    )
    conn.executemany(
        "INSERT INTO paper_topics(document_id, topic_id, share) VALUES (?,?,?)",
        [(d, t, s) for d, mix in result.mixtures.items() if d in docs for t, s in mix.items()],
    )
    blob = zlib.compress(json.dumps(_rest_to_json(result), separators=(",", ":")).encode("utf-8"), 6)
    conn.execute(
        "INSERT INTO artifacts(name, run_id, created_at, data) VALUES (?,?,?,?) "
        "ON CONFLICT(name) DO UPDATE SET run_id=excluded.run_id, created_at=excluded.created_at, data=excluded.data",
        (ARTIFACT, run_id, created_at, blob),
    )


def _read(conn: sqlite3.Connection, d: dict[str, Any]) -> TopicResult:
    terms: dict[int, list[tuple[str, float]]] = {}
    for topic_id, term, weight in conn.execute("SELECT topic_id, term, weight FROM topic_terms ORDER BY topic_id, rank"):
        terms.setdefault(topic_id, []).append((term, weight))
    mixtures: dict[int, dict[int, float]] = {}
    for doc_id, topic_id, share in conn.execute(
            "SELECT document_id, topic_id, share FROM paper_topics ORDER BY document_id, topic_id"):
        mixtures.setdefault(doc_id, {})[topic_id] = share
    assignments = tuple(
        Assignment(key, doc_id, para, chunk, thash, page, year, journal, topic_id)
        for key, doc_id, para, chunk, thash, page, year, journal, topic_id in conn.execute(
            "SELECT passage, document_id, paragraph, chunk, text_hash, page, year, journal, topic_id "
            "FROM passage_topics ORDER BY rowid")
    )
    reps = d.get("representatives", {})
    topics = tuple(
        Topic(
            topic_id, label, tuple(terms.get(topic_id, ())), size,
            # Largest share first, as the fit orders them.
            tuple(sorted(((doc, m[topic_id]) for doc, m in mixtures.items() if topic_id in m),
                         key=lambda x: (-x[1], x[0]))),
            tuple(Representative(**r) for r in reps.get(str(topic_id), ())),
            bool(emerging),
        )
        for topic_id, label, size, emerging in conn.execute("SELECT id, label, size, emerging FROM topics ORDER BY id")
    )
    return TopicResult(assignments=assignments, topics=topics, mixtures=mixtures, **_rest_from_json(d, len(assignments)))


def _rest_to_json(result: TopicResult) -> dict[str, Any]:
    """What the tables do not hold, as JSON (format 2)."""
    d: dict[str, Any] = {f.name: getattr(result, f.name) for f in fields(result) if f.name not in _IN_TABLES}
    d["format"] = _FORMAT
    d["centroids"] = {str(k): v for k, v in result.centroids.items()}
    d["hierarchy"] = [asdict(h) for h in result.hierarchy]
    d["representatives"] = {str(t.id): [asdict(r) for r in t.representatives] for t in result.topics}
    return d


def _rest_from_json(d: dict[str, Any], n_assignments: int) -> dict[str, Any]:
    """:class:`TopicResult` fields other than assignments, topics and mixtures (either format)."""
    return dict(
        model=d["model"], dim=d["dim"], settings=d["settings"],
        centroids={int(k): tuple(v) for k, v in d["centroids"].items()},
        over_time=tuple(tuple(x) for x in d["over_time"]),
        per_journal=tuple(tuple(x) for x in d["per_journal"]),
        hierarchy=tuple(HierarchyNode(**{**h, "topics": tuple(h["topics"])}) for h in d["hierarchy"]),
        quality=d["quality"], clusterer=d["clusterer"], fallback=d.get("fallback"),
        n_embedded=d.get("n_embedded", 0),
        emerging_candidates=tuple(d.get("emerging_candidates", ())),
        fitted_passages=d.get("fitted_passages", 0) or n_assignments,
        refresh_outliers=d.get("refresh_outliers", 0),
        refit_reason=d.get("refit_reason"),
        corpus_terms=tuple(d.get("corpus_terms", ())),
        acronyms=dict(d.get("acronyms", {})),
        pool=tuple(d.get("pool", ())),
    )


def _from_format1(d: dict[str, Any]) -> TopicResult:
    """A result stored whole in the artifact, before schema v3."""
    if d.get("format") != 1:
        raise _unknown_format(d)
    topics = tuple(
        Topic(
            t["id"], t["label"], tuple((w, s) for w, s in t["keywords"]), t["size"],
            tuple((p, s) for p, s in t["papers"]), tuple(Representative(**r) for r in t["representatives"]),
            t.get("emerging", False),
        )
        for t in d["topics"]
    )
    return TopicResult(
        assignments=tuple(Assignment(**a) for a in d["assignments"]),
        topics=topics,
        mixtures={int(k): {int(t): s for t, s in m.items()} for k, m in d["mixtures"].items()},
        **_rest_from_json(d, len(d["assignments"])),
    )
