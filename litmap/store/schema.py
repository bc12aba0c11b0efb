"""The store's schema as an ordered list of migrations.

``PRAGMA user_version`` holds the number of migrations applied.  A migration
is never edited once it has shipped: add a new one at the end of
:data:`MIGRATIONS`.  Before migrating a store that already holds data,
:mod:`litmap.store.db` copies it to ``<db>.v<N>.bak``.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "APPLICATION_ID", "CORE_TABLES"]

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

#: Ordered migrations; index i upgrades a store from version i to i + 1.
MIGRATIONS: list[str] = [_V1, _V2]

SCHEMA_VERSION = len(MIGRATIONS)
