"""The store's schema as an ordered list of migrations.

``PRAGMA user_version`` holds the number of migrations applied.  A migration
is never edited once it has shipped: add a new one at the end of
:data:`MIGRATIONS`.  Before migrating a store that already holds data,
:mod:`litmap.store.db` copies it to ``<db>.v<N>.bak``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable, Union

from litmap.store.topics import fill_topic_tables

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "APPLICATION_ID", "CORE_TABLES", "Migration"]


@dataclass(frozen=True)
class Migration:
    """A migration SQL alone cannot do: its ``sql``, then ``fill`` over the
    connection, in the same transaction (e.g. filling new tables from a blob)."""

    sql: str
    fill: Callable[[sqlite3.Connection], None]


#: ``PRAGMA application_id`` of every litmap store ("LMAP"): it tells a litmap
#: store from another program's SQLite database before anything is written.  It
#: lives in the file header, not in the schema, so setting it needs no migration
#: (and no backup): new stores get it when they are created, older stores the
#: first time a writing command opens them.
APPLICATION_ID = int.from_bytes(b"LMAP", "big")

#: Tables every store has had since schema v1: a store written before stores
#: carried :data:`APPLICATION_ID` is recognised by them (and ``user_version`` > 0).
CORE_TABLES = frozenset({"documents", "files", "metadata", "sections", "paragraphs", "refs", "citations", "cited",
                         "works", "runs", "artifacts"})

_V1 = """
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    path         TEXT NOT NULL,            -- the path it was last seen at
    status       TEXT NOT NULL,            -- ok | failed | removed
    error        TEXT,                     -- one-line reason when failed
    media_type   TEXT,
    pages        INTEGER DEFAULT 0,
    text_layer   INTEGER DEFAULT 1,
    ocr          INTEGER DEFAULT 0,
    engine       TEXT,
    size_bytes   INTEGER,
    warnings     TEXT DEFAULT '[]',        -- JSON list
    text         TEXT DEFAULT '',          -- body flow; sections/paragraphs index into it
    added_at     TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    removed_at   TEXT
);
CREATE INDEX documents_status ON documents(status);

-- Where each known file lives now: a renamed or moved file keeps its document.
CREATE TABLE files (
    path      TEXT PRIMARY KEY,
    sha256    TEXT NOT NULL,
    size      INTEGER,
    mtime     REAL,
    seen_at   TEXT NOT NULL
);
CREATE INDEX files_sha ON files(sha256);

CREATE TABLE metadata (
    document_id  INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    title        TEXT,
    authors      TEXT DEFAULT '[]',   -- JSON [{family, given, organisation}]
    affiliations TEXT DEFAULT '[]',
    year         INTEGER,
    journal      TEXT,
    volume       TEXT,
    issue        TEXT,
    pages        TEXT,
    doi          TEXT,
    keywords     TEXT DEFAULT '[]',
    abstract     TEXT
);
CREATE INDEX metadata_doi ON metadata(doi);

CREATE TABLE sections (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    heading     TEXT,
    kind        TEXT NOT NULL,
    page        INTEGER,
    page_end    INTEGER,
    char_start  INTEGER,
    char_end    INTEGER,
    text        TEXT,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE paragraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    section_idx INTEGER,
    kind        TEXT NOT NULL,
    page        INTEGER,
    char_start  INTEGER,
    char_end    INTEGER,
    text        TEXT NOT NULL,
    text_hash   TEXT NOT NULL,     -- sha1 of text: key of the embedding cache
    PRIMARY KEY (document_id, idx)
);
CREATE INDEX paragraphs_hash ON paragraphs(text_hash);

CREATE TABLE refs (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    raw         TEXT NOT NULL,
    first_author TEXT,
    year        INTEGER,
    year_suffix TEXT,
    title       TEXT,
    doi         TEXT,
    type        TEXT,
    data        TEXT NOT NULL,     -- the whole Reference as JSON
    work_id     TEXT,
    PRIMARY KEY (document_id, idx)
);
CREATE INDEX refs_work ON refs(work_id);

CREATE TABLE citations (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    raw           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    page          INTEGER,
    section       TEXT,
    sentence      TEXT,
    paragraph_idx INTEGER,
    char_start    INTEGER,
    char_end      INTEGER,
    PRIMARY KEY (document_id, idx)
);

-- One row per work named in a citation group.
CREATE TABLE cited (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    citation_idx INTEGER NOT NULL,
    pos          INTEGER NOT NULL,
    surnames     TEXT NOT NULL,     -- JSON list
    year         INTEGER,
    year_suffix  TEXT,
    initials     TEXT,
    et_al        INTEGER DEFAULT 0,
    locator      TEXT,
    prefix       TEXT,
    ref_idx      INTEGER,
    confidence   REAL,
    unresolved   TEXT,
    work_id      TEXT,
    PRIMARY KEY (document_id, citation_idx, pos)
);
CREATE INDEX cited_work ON cited(work_id);

-- Canonical cited works across the corpus, with stable ids.
CREATE TABLE works (
    id           TEXT PRIMARY KEY,
    doi          TEXT,
    first_author TEXT,
    year         INTEGER,
    title        TEXT,
    label        TEXT,              -- "Brenner 2004"
    data         TEXT DEFAULT '{}', -- best-known fields as JSON
    document_id  INTEGER REFERENCES documents(id) ON DELETE SET NULL
);
CREATE INDEX works_doi ON works(doi);

CREATE TABLE embeddings (
    text_hash TEXT NOT NULL,
    model     TEXT NOT NULL,
    dim       INTEGER NOT NULL,
    vector    BLOB NOT NULL,        -- float32 little-endian
    PRIMARY KEY (text_hash, model)
);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,      -- running | ok | failed | interrupted
    params      TEXT DEFAULT '{}',
    versions    TEXT DEFAULT '{}',
    counts      TEXT DEFAULT '{}'
);

-- Free-form results of analysis stages (topic models, networks, …) keyed by
-- name, so later stages and reports do not refit.
CREATE TABLE artifacts (
    name       TEXT PRIMARY KEY,
    run_id     INTEGER REFERENCES runs(id),
    created_at TEXT NOT NULL,
    data       BLOB
);
"""

# v2: which run added / removed each document, so two runs can be compared
# (litmap.store.runlog.compare_runs).  NULL for rows written before v2.
_V2 = """
ALTER TABLE documents ADD COLUMN added_run INTEGER;
ALTER TABLE documents ADD COLUMN removed_run INTEGER;
"""

# v3: topics in tables a scholar can query (docs/schema.md), filled from the
# `topics` artifact, which keeps only what the tables do not hold.  Topic -1
# (outlier passages) has no row in `topics`, hence no foreign key on topic_id.
_V3 = """
CREATE TABLE topics (
    id       INTEGER PRIMARY KEY,
    label    TEXT NOT NULL,
    size     INTEGER NOT NULL,         -- passages assigned to it
    terms    TEXT NOT NULL DEFAULT '[]',  -- JSON list of its top terms, best first (weights: topic_terms)
    emerging INTEGER NOT NULL DEFAULT 0   -- 1: new since the topics it was matched against
);

CREATE TABLE topic_terms (
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    rank     INTEGER NOT NULL,         -- 1 = most characteristic
    term     TEXT NOT NULL,
    weight   REAL NOT NULL,            -- c-TF-IDF (or MMR/KeyBERT) score
    PRIMARY KEY (topic_id, rank)
);

CREATE TABLE passage_topics (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph   INTEGER NOT NULL,      -- paragraphs.idx
    chunk       INTEGER NOT NULL,      -- 0, or the part of a long paragraph
    passage     TEXT NOT NULL,         -- "document:paragraph:chunk"
    topic_id    INTEGER NOT NULL,      -- topics.id, or -1: an outlier
    probability REAL,                  -- NULL: the clusterers assign one topic, without probabilities
    text_hash   TEXT NOT NULL,         -- sha1 of the passage text (embeddings.text_hash)
    page        INTEGER,
    year        INTEGER,               -- the paper's year and journal when the topics were fitted
    journal     TEXT,
    PRIMARY KEY (document_id, paragraph, chunk)
);
CREATE INDEX passage_topics_topic ON passage_topics(topic_id);

CREATE TABLE paper_topics (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    topic_id    INTEGER NOT NULL,      -- topics.id, or -1: its outlier passages
    share       REAL NOT NULL,         -- share of the paper's passages in this topic
    PRIMARY KEY (document_id, topic_id)
);
CREATE INDEX paper_topics_topic ON paper_topics(topic_id);
"""

# v4: where header fields came from when a reader should know ("year:pdf-date guess",
# "title:text head", "title:library refs.bib"): JSON list of "field:source" (Metadata.provenance).
_V4 = """
ALTER TABLE metadata ADD COLUMN provenance TEXT DEFAULT '[]';
"""

# v5: refs.work_id and cited.work_id declared as foreign keys to works (Datasette and
# other SQLite clients link them), ON DELETE SET NULL: when works resolution drops a
# work, the entries and citations that named it lose the link, never the row.  SQLite
# cannot add a foreign key to a column, so both tables are rebuilt (rows and indexes
# kept).  A work_id naming no work (only in a store whose works were stale) becomes
# NULL: the next works resolution links it again.  Plus views for common questions.
_V5 = """
CREATE TABLE refs_v5 (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    raw         TEXT NOT NULL,
    first_author TEXT,
    year        INTEGER,
    year_suffix TEXT,
    title       TEXT,
    doi         TEXT,
    type        TEXT,
    data        TEXT NOT NULL,     -- the whole Reference as JSON
    work_id     TEXT REFERENCES works(id) ON DELETE SET NULL,
    PRIMARY KEY (document_id, idx)
);
INSERT INTO refs_v5(document_id, idx, raw, first_author, year, year_suffix, title, doi, type, data, work_id)
    SELECT document_id, idx, raw, first_author, year, year_suffix, title, doi, type, data,
           CASE WHEN work_id IN (SELECT id FROM works) THEN work_id END
    FROM refs;
DROP TABLE refs;
ALTER TABLE refs_v5 RENAME TO refs;
CREATE INDEX refs_work ON refs(work_id);

CREATE TABLE cited_v5 (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    citation_idx INTEGER NOT NULL,
    pos          INTEGER NOT NULL,
    surnames     TEXT NOT NULL,     -- JSON list
    year         INTEGER,
    year_suffix  TEXT,
    initials     TEXT,
    et_al        INTEGER DEFAULT 0,
    locator      TEXT,
    prefix       TEXT,
    ref_idx      INTEGER,
    confidence   REAL,
    unresolved   TEXT,
    work_id      TEXT REFERENCES works(id) ON DELETE SET NULL,
    PRIMARY KEY (document_id, citation_idx, pos)
);
INSERT INTO cited_v5(document_id, citation_idx, pos, surnames, year, year_suffix, initials, et_al, locator, prefix,
                     ref_idx, confidence, unresolved, work_id)
    SELECT document_id, citation_idx, pos, surnames, year, year_suffix, initials, et_al, locator, prefix,
           ref_idx, confidence, unresolved, CASE WHEN work_id IN (SELECT id FROM works) THEN work_id END
    FROM cited;
DROP TABLE cited;
ALTER TABLE cited_v5 RENAME TO cited;
CREATE INDEX cited_work ON cited(work_id);

-- Papers read (status ok) citing each work: by reference-list entries, by in-text citations, or both.
CREATE VIEW citing_papers AS
SELECT x.work_id, w.label AS work_label, x.document_id, m.title, m.year,
       SUM(x.entries) AS entries, SUM(x.mentions) AS mentions
FROM (
    SELECT work_id, document_id, 1 AS entries, 0 AS mentions FROM refs WHERE work_id IS NOT NULL
    UNION ALL
    SELECT work_id, document_id, 0, 1 FROM cited WHERE work_id IS NOT NULL
) x
JOIN works w ON w.id = x.work_id
JOIN documents d ON d.id = x.document_id AND d.status = 'ok'
LEFT JOIN metadata m ON m.document_id = x.document_id
GROUP BY x.work_id, x.document_id;

-- Each paper's reference list with the work each entry names (and the corpus paper that work is, if any).
CREATE VIEW paper_references AS
SELECT r.document_id, r.idx, r.raw, r.first_author, r.year, r.title, r.doi, r.type,
       r.work_id, w.label AS work_label, w.document_id AS work_document_id
FROM refs r
LEFT JOIN works w ON w.id = r.work_id;

-- Each paper's topics with their labels and shares (topic -1: its outlier passages, no label).
CREATE VIEW paper_topic_labels AS
SELECT pt.document_id, m.title, pt.topic_id, t.label, pt.share
FROM paper_topics pt
LEFT JOIN topics t ON t.id = pt.topic_id
LEFT JOIN metadata m ON m.document_id = pt.document_id;
"""

#: Ordered migrations; index i upgrades a store from version i to i + 1.
MIGRATIONS: list[Union[str, Migration]] = [_V1, _V2, Migration(_V3, fill_topic_tables), _V4, _V5]

SCHEMA_VERSION = len(MIGRATIONS)
