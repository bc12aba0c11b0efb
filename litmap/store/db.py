"""The SQLite corpus store: one file, WAL mode, versioned schema.

This is the only module that writes SQL for documents.  Every document is
written in one transaction, so a crash or Ctrl-C leaves either the old or the
new version, never half of one.  Writers take an advisory lock file
(``<db>.lock``, removed when they finish; one left by a killed process is
taken over with a warning) so two ``litmap`` commands never write the same
store at once; readers need no lock (WAL lets them read while a writer works).

Nothing is written before the file named by ``--db`` is known to be a litmap
store, an absent file (a new store is built beside it and renamed into place),
or an empty file the caller asked to initialise: another program's database, a
PDF or an empty file is refused unchanged, with no lock file left beside it.
Readers open read-only stores and stores in read-only folders too.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import stat
import urllib.parse
from dataclasses import dataclass
from typing import Any, Iterator, Optional, Sequence

from litmap.errors import NotAStoreError, StoreError, StoreLockedError, StoreWriteError
from litmap.models import Author, Document, Metadata, Paragraph, Section, Source
from litmap.store.schema import APPLICATION_ID, CORE_TABLES, MIGRATIONS, SCHEMA_VERSION
from litmap.store.report_read import guess_note

__all__ = ["Store", "FileRecord", "StoreStatus", "DEFAULT_DB", "text_hash", "now"]

log = logging.getLogger(__name__)

DEFAULT_DB = "litmap.db"
#: Artifact present while corpus works lag behind the documents: written in the
#: same transaction as a document change, cleared after works are re-resolved,
#: so a run killed in between is caught up by the next one.
WORKS_STALE = "works.stale"


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    """Key of the embedding cache: sha1 of a passage's text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class FileRecord:
    path: str
    sha256: str
    size: int
    mtime: float


#: The run counts' list of files a run could not read at all (``litmap.batch.ingest.IngestSummary.unread``).
UNREAD_KEY = "unread_files"


@dataclass(frozen=True)
class StoreStatus:
    documents: int
    failed: int
    removed: int
    pages: int
    ocr: int
    references: int
    citations: int
    works: int
    no_references: int
    failures: tuple[tuple[str, str], ...]
    schema_version: int
    #: Papers whose title was not found (paths), and papers with a guessed field ("path: year").
    untitled: tuple[str, ...] = ()
    guessed: tuple[str, ...] = ()
    #: Papers whose text layer is garbled ("path: the warning", litmap.read.garbled).
    garbled: tuple[str, ...] = ()
    #: Files the last ingest could not read at all (no document holds them): (path, reason).
    unread: tuple[tuple[str, str], ...] = ()


class Store:
    """An open corpus store.  Use as a context manager.

    ``Store(path, write=True)`` takes the writer lock (raises
    :class:`StoreLockedError` if another process holds it) and migrates the
    schema forward, backing the file up first when it already holds data.
    A file that is not a litmap store raises :class:`NotAStoreError` and is
    left as it was; an empty file becomes a store only with ``init_empty``.
    A full disk or a read-only file or folder raises :class:`StoreWriteError`
    (also when it happens later, inside ``with Store(...)``).
    """

    def __init__(self, path: str | os.PathLike[str], *, write: bool = False, timeout: float = 0.0,
                 init_empty: bool = False):
        self.path = str(path)
        self.write = write
        self._lock_fd: Optional[int] = None
        self.run_id: Optional[int] = None  # set by start_run: stamps documents added/removed
        if write:
            self._open_writer(timeout, init_empty)
        else:
            self._open_reader()

    def _open_reader(self) -> None:
        kind = _identify(self.path)
        if kind == "absent":
            raise StoreError(
                f"no litmap store at {self.path}: run `litmap ingest PATH --db {self.path}` first"
            )
        if kind == "empty":
            raise NotAStoreError(
                f"{self.path} is an empty file, not a litmap store: run `litmap ingest PATH --db {self.path} "
                "--init-empty` to make it one, or pass --db another store"
            )
        try:
            self.conn = _connect_read(self.path)
        except sqlite3.Error as exc:
            raise _sqlite_error(self.path, exc) from exc
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_version()
        except BaseException as exc:
            self.conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _sqlite_error(self.path, exc) from exc
            raise

    def _open_writer(self, timeout: float, init_empty: bool) -> None:
        # Refuse what is not a store before anything is created (the lock file
        # included), then look again under the lock: another litmap may have
        # created the store in between.
        kind = _identify(self.path)
        self._check_writable(kind, init_empty)
        self._acquire_lock(timeout)
        self.conn = None  # type: ignore[assignment]
        kind = "unknown"
        try:
            kind = _identify(self.path)
            self._check_writable(kind, init_empty)
            if kind != "store":
                self._create()
                kind = "store"
            self.conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
            if int(self.conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a store from before it was set
            # We hold the writer lock, so a run still marked 'running' was
            # killed (kill -9, power loss): record it as interrupted.
            self.conn.execute(
                "UPDATE runs SET status='interrupted', finished_at=? WHERE status='running'", (now(),)
            )
        except BaseException as exc:
            if self.conn is not None:
                self.conn.close()
            self._release_lock()  # and its lock file goes with it
            if isinstance(exc, sqlite3.Error):
                raise _sqlite_error(self.path, exc) from exc
            if isinstance(exc, OSError):
                raise _os_error(self.path, exc) from exc
            raise

    def _check_writable(self, kind: str, init_empty: bool) -> None:
        """Refuse, before anything is written, a store this process cannot write."""
        if kind == "empty" and not init_empty:
            raise NotAStoreError(
                f"{self.path} is an empty file, not a litmap store; litmap left it unchanged: delete it, pass "
                f"--db a new path, or add --init-empty to make this file a new store"
            )
        folder = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(folder):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                raise StoreWriteError(
                    f"cannot create the folder {folder} for the store {self.path}: {_reason(exc)}; "
                    "pass --db a path in a writable folder"
                ) from exc
        lock = self.path + ".lock"
        if not os.access(folder, os.W_OK):
            raise StoreWriteError(_lock_message(lock, _unwritable_reason(folder), kind == "store"))
        if kind == "store" and not os.access(self.path, os.W_OK):
            raise StoreWriteError(
                f"the store {self.path} is read-only and this command writes to it: make it writable "
                f"(chmod u+w {self.path}) or copy it and pass --db COPY; reading commands (status, papers, "
                "report, export) work on it as it is"
            )

    def _create(self) -> None:
        """Build a new, empty store beside ``self.path`` and rename it into place.

        The file appears whole or not at all, so a store killed while being
        created never leaves a half-made SQLite file that would then be taken
        for another program's database.
        """
        tmp = self.path + ".creating"
        _remove_sqlite_files(tmp)  # left by a creation killed earlier (we hold the lock)
        conn = sqlite3.connect(tmp, timeout=30.0, isolation_level=None)
        self.conn = conn
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._migrate()  # version 0: nothing to back up
            conn.close()
            os.replace(tmp, self.path)
        except BaseException:
            conn.close()
            _remove_sqlite_files(tmp)
            raise
        finally:
            self.conn = None  # type: ignore[assignment]
        log.info("created a new store at %s", self.path)

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.close()
        # A full disk or a read-only store met while working: a one-line
        # message naming the store (the transaction was rolled back).  The
        # cause may sit behind a later error (a COMMIT after SQLite's own
        # rollback, a run marked interrupted on the same full disk).
        cause, seen = exc, set()
        while cause is not None and id(cause) not in seen:
            seen.add(id(cause))
            if isinstance(cause, sqlite3.Error) and _primary(cause) in (
                    SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR):
                raise _sqlite_error(self.path, cause) from exc
            cause = cause.__cause__ or cause.__context__

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self._release_lock()

    def _acquire_lock(self, timeout: float) -> None:
        import fcntl
        import time

        lock_path = self.path + ".lock"
        deadline = time.monotonic() + timeout
        while True:
            fd, created = _open_lock_file(lock_path, self.path)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        os.close(fd)
                        raise StoreLockedError(
                            f"another litmap process is writing {self.path}; wait for it to "
                            "finish (or pass --wait SECONDS), then run this command again"
                        ) from None
                    time.sleep(0.2)
            # A lock file removed by a writer that gave up (see _release_lock)
            # while we waited on it: lock the file that is there now instead.
            try:
                now_there, held = os.stat(lock_path), os.fstat(fd)
                same = (now_there.st_dev, now_there.st_ino) == (held.st_dev, held.st_ino)
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        if not created:  # a lock file nobody holds: left by a litmap that was killed
            _note_stale_lock(fd, lock_path)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError as exc:  # the pid is for people only; a full disk is reported by SQLite
            log.debug("could not write the pid into %s: %s", lock_path, exc)
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            import fcntl

            # We hold the lock, so the file is ours to remove (one left beside the store would look
            # like a stale lock); a writer waiting on it locks a fresh one (see _acquire_lock).
            try:
                os.unlink(self.path + ".lock")
            except OSError:
                pass
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- schema ------------------------------------------------------------
    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _check_version(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer litmap (schema {version} > "
                f"{SCHEMA_VERSION}); upgrade litmap to read it"
            )
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} uses an older schema ({version}); run any writing command "
                "(e.g. `litmap ingest`) once to migrate it"
            )

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            self._check_version()
        if version == SCHEMA_VERSION:
            return
        if version > 0:
            backup = f"{self.path}.v{version}.bak"
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try:
                shutil.copy2(self.path, backup)
            except OSError as exc:
                _remove_sqlite_files(backup)
                raise StoreWriteError(
                    f"could not back up {self.path} to {backup} before migrating it ({_reason(exc)}); the "
                    "store was not changed: free some space or make its folder writable, then run again"
                ) from exc
            log.info("backed up %s to %s before migrating", self.path, backup)
        for target in range(version, SCHEMA_VERSION):
            step = MIGRATIONS[target]
            with self.transaction():
                for statement in _split_sql(step if isinstance(step, str) else step.sql):
                    self.conn.execute(statement)
                if not isinstance(step, str):
                    step.fill(self.conn)  # what SQL alone cannot do, in the same transaction
                self.conn.execute(f"PRAGMA user_version = {target + 1}")
            log.info("migrated %s to schema %d", self.path, target + 1)

    # -- transactions --------------------------------------------------------
    def transaction(self) -> "_Transaction":
        return _Transaction(self.conn)

    # -- files ---------------------------------------------------------------
    def known_hashes(self) -> dict[str, str]:
        """sha256 → status for every document ever seen."""
        rows = self.conn.execute("SELECT sha256, status FROM documents")
        return {r["sha256"]: r["status"] for r in rows}

    def file_index(self) -> dict[str, FileRecord]:
        rows = self.conn.execute("SELECT path, sha256, size, mtime FROM files")
        return {r["path"]: FileRecord(r["path"], r["sha256"], r["size"], r["mtime"]) for r in rows}

    def document_path(self, sha256: str) -> Optional[str]:
        """The path the document with this content was last seen at; None if it was never stored."""
        row = self.conn.execute("SELECT path FROM documents WHERE sha256=?", (sha256,)).fetchone()
        return None if row is None else str(row[0])

    def record_files(self, files: Sequence[FileRecord]) -> None:
        """Remember where each file is now (renames/moves keep their document)."""
        stamp = now()
        with self.transaction():
            for f in files:
                self.conn.execute(
                    "INSERT INTO files(path, sha256, size, mtime, seen_at) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, size=excluded.size, "
                    "mtime=excluded.mtime, seen_at=excluded.seen_at",
                    (f.path, f.sha256, f.size, f.mtime, stamp),
                )
                # Renamed or moved: the document follows its bytes; a file that
                # reappears after removal comes back with its old status.
                self.conn.execute(
                    "UPDATE documents SET path=?, removed_at=NULL, removed_run=NULL, "
                    "status=CASE WHEN status='removed' "
                    "THEN (CASE WHEN error IS NULL THEN 'ok' ELSE 'failed' END) ELSE status END "
                    "WHERE sha256=?",
                    (f.path, f.sha256),
                )

    def mark_removed(self, present_hashes: set[str], roots: Sequence[str]) -> list[str]:
        """Mark documents under ``roots`` whose files are all gone as removed.

        Removal is recorded (status 'removed', time), not deleted: the rows stay
        for run comparison and come back if the file reappears.
        """
        removed: list[str] = []
        roots_abs = [os.path.abspath(r) for r in roots]
        stamp = now()
        with self.transaction():
            for r in self.conn.execute("SELECT path, sha256 FROM files").fetchall():
                if not any(_under(r["path"], root) for root in roots_abs):
                    continue
                if r["sha256"] in present_hashes and os.path.exists(r["path"]):
                    continue
                self.conn.execute("DELETE FROM files WHERE path=?", (r["path"],))
            for r in self.conn.execute(
                "SELECT id, sha256, path FROM documents WHERE status IN ('ok','failed')"
            ).fetchall():
                if r["sha256"] in present_hashes:
                    continue
                if not any(_under(r["path"], root) for root in roots_abs):
                    continue
                still = self.conn.execute(
                    "SELECT 1 FROM files WHERE sha256=?", (r["sha256"],)
                ).fetchone()
                if still:
                    continue
                self.conn.execute(
                    "UPDATE documents SET status='removed', removed_at=?, removed_run=? WHERE id=?",
                    (stamp, self.run_id, r["id"]),
                )
                removed.append(r["path"])
            if removed:
                self._mark_works_stale()
        return removed

    # -- documents -------------------------------------------------------------
    def save_document(self, doc: Document, *, size: int = 0, replaces: Optional[str] = None) -> int:
        """Write one document and everything extracted from it, atomically.

        ``replaces`` is the sha256 of an older version of the same file (same
        path, changed bytes): it is deleted in the same transaction.
        """
        src = doc.source
        stamp = now()
        with self.transaction():
            if replaces and replaces != src.sha256:
                self.conn.execute("DELETE FROM documents WHERE sha256=?", (replaces,))
            row = self.conn.execute("SELECT id, added_at FROM documents WHERE sha256=?", (src.sha256,)).fetchone()
            values = (
                src.path, "ok", None, src.media_type, src.pages, int(src.text_layer), int(src.ocr),
                src.engine, size, json.dumps(list(doc.warnings)), doc.text, stamp,
            )
            if row:
                doc_id = int(row["id"])
                self._delete_children(doc_id)
                self.conn.execute(
                    "UPDATE documents SET path=?, status=?, error=?, media_type=?, pages=?, text_layer=?, "
                    "ocr=?, engine=?, size_bytes=?, warnings=?, text=?, updated_at=?, removed_at=NULL "
                    "WHERE id=?",
                    values + (doc_id,),
                )
            else:
                cur = self.conn.execute(
                    "INSERT INTO documents(path, status, error, media_type, pages, text_layer, ocr, engine, "
                    "size_bytes, warnings, text, updated_at, sha256, added_at, added_run) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    values + (src.sha256, stamp, self.run_id),
                )
                doc_id = int(cur.lastrowid or 0)
            self._insert_children(doc_id, doc)
            self._mark_works_stale()
        return doc_id

    def save_failure(self, path: str, sha256: str, reason: str, *, size: int = 0) -> int:
        """Record a file that could not be read; its reason shows in ``status``.

        A failure never overwrites a document that was read successfully.
        """
        stamp = now()
        with self.transaction():
            row = self.conn.execute("SELECT id, status FROM documents WHERE sha256=?", (sha256,)).fetchone()
            if row and row["status"] == "ok":
                return int(row["id"])
            if row:
                self.conn.execute(
                    "UPDATE documents SET path=?, status='failed', error=?, updated_at=? WHERE id=?",
                    (path, reason, stamp, row["id"]),
                )
                return int(row["id"])
            cur = self.conn.execute(
                "INSERT INTO documents(sha256, path, status, error, size_bytes, added_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?)",
                (sha256, path, "failed", reason, size, stamp, stamp),
            )
            return int(cur.lastrowid or 0)

    def _delete_children(self, doc_id: int) -> None:
        for table in ("metadata", "sections", "paragraphs", "refs", "citations", "cited"):
            self.conn.execute(f"DELETE FROM {table} WHERE document_id=?", (doc_id,))

    def _insert_children(self, doc_id: int, doc: Document) -> None:
        m = doc.metadata
        self.conn.execute(
            "INSERT INTO metadata(document_id, title, authors, affiliations, year, journal, volume, issue, "
            "pages, doi, keywords, abstract, provenance) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc_id, m.title, json.dumps([a.to_dict() for a in m.authors]), json.dumps(list(m.affiliations)),
                m.year, m.journal, m.volume, m.issue, m.pages, m.doi, json.dumps(list(m.keywords)), m.abstract,
                json.dumps(list(m.provenance)),
            ),
        )
        self.conn.executemany(
            "INSERT INTO sections(document_id, idx, heading, kind, page, page_end, char_start, char_end, text) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (doc_id, i, s.heading, s.kind, s.page, s.page_end, s.char_start, s.char_end, s.text)
                for i, s in enumerate(doc.sections)
            ],
        )
        self.conn.executemany(
            "INSERT INTO paragraphs(document_id, idx, section_idx, kind, page, char_start, char_end, text, "
            "text_hash) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (doc_id, i, p.section, p.kind, p.page, p.char_start, p.char_end, p.text, text_hash(p.text))
                for i, p in enumerate(doc.paragraphs)
            ],
        )
        self.conn.executemany(
            "INSERT INTO refs(document_id, idx, raw, first_author, year, year_suffix, title, doi, type, data) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    doc_id, r.index, r.raw, r.people[0].family if r.people else None, r.year,
                    r.year_suffix, r.title, r.doi, r.type, json.dumps(r.to_dict()),
                )
                for r in doc.references
            ],
        )
        self.conn.executemany(
            "INSERT INTO citations(document_id, idx, raw, kind, page, section, sentence, paragraph_idx, "
            "char_start, char_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (doc_id, i, c.raw, c.kind, c.page, c.section, c.sentence, c.paragraph, c.char_start, c.char_end)
                for i, c in enumerate(doc.citations)
            ],
        )
        self.conn.executemany(
            "INSERT INTO cited(document_id, citation_idx, pos, surnames, year, year_suffix, initials, et_al, "
            "locator, prefix, ref_idx, confidence, unresolved) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    doc_id, i, j, json.dumps(list(w.surnames)), w.year, w.year_suffix, w.initials, int(w.et_al),
                    w.locator, w.prefix, w.reference, w.confidence, w.unresolved_reason,
                )
                for i, c in enumerate(doc.citations)
                for j, w in enumerate(c.cites)
            ],
        )

    def document_ids(self, status: str = "ok") -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE status=? ORDER BY id", (status,))]

    def load_document(self, doc_id: int) -> Document:
        """Rebuild a :class:`Document` from its rows."""
        d = self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        if d is None:
            raise StoreError(f"no document {doc_id} in {self.path}; `litmap status` lists them")
        source = Source(
            path=d["path"], sha256=d["sha256"], pages=d["pages"] or 0, text_layer=bool(d["text_layer"]),
            ocr=bool(d["ocr"]), engine=d["engine"] or "", media_type=d["media_type"] or "",
        )
        m = self.conn.execute("SELECT * FROM metadata WHERE document_id=?", (doc_id,)).fetchone()
        metadata = Metadata()
        if m:
            metadata = Metadata(
                title=m["title"], authors=tuple(Author.from_dict(a) for a in json.loads(m["authors"] or "[]")),
                affiliations=tuple(json.loads(m["affiliations"] or "[]")), year=m["year"], journal=m["journal"],
                volume=m["volume"], issue=m["issue"], pages=m["pages"], doi=m["doi"],
                keywords=tuple(json.loads(m["keywords"] or "[]")), abstract=m["abstract"],
                provenance=tuple(json.loads(m["provenance"] or "[]")),
            )
        from litmap.models import Citation, CitedWork, Reference

        sections = tuple(
            Section(r["heading"], r["kind"], r["page"], r["page_end"], r["text"], r["char_start"], r["char_end"])
            for r in self.conn.execute("SELECT * FROM sections WHERE document_id=? ORDER BY idx", (doc_id,))
        )
        paragraphs = tuple(
            Paragraph(r["text"], r["page"], r["section_idx"], r["kind"], r["char_start"], r["char_end"])
            for r in self.conn.execute("SELECT * FROM paragraphs WHERE document_id=? ORDER BY idx", (doc_id,))
        )
        references = tuple(
            Reference.from_dict(json.loads(r["data"]))
            for r in self.conn.execute("SELECT data FROM refs WHERE document_id=? ORDER BY idx", (doc_id,))
        )
        cited: dict[int, list[CitedWork]] = {}
        for r in self.conn.execute(
            "SELECT * FROM cited WHERE document_id=? ORDER BY citation_idx, pos", (doc_id,)
        ):
            cited.setdefault(r["citation_idx"], []).append(
                CitedWork(
                    surnames=tuple(json.loads(r["surnames"])), year=r["year"], year_suffix=r["year_suffix"],
                    initials=r["initials"], et_al=bool(r["et_al"]), locator=r["locator"], prefix=r["prefix"],
                    reference=r["ref_idx"], confidence=r["confidence"] or 0.0, unresolved_reason=r["unresolved"],
                )
            )
        citations = tuple(
            Citation(
                raw=r["raw"], kind=r["kind"], page=r["page"], section=r["section"], sentence=r["sentence"],
                paragraph=r["paragraph_idx"], cites=tuple(cited.get(r["idx"], ())),
                char_start=r["char_start"], char_end=r["char_end"],
            )
            for r in self.conn.execute("SELECT * FROM citations WHERE document_id=? ORDER BY idx", (doc_id,))
        )
        return Document(
            source=source, metadata=metadata, text=d["text"] or "", sections=sections, paragraphs=paragraphs,
            references=references, citations=citations, warnings=tuple(json.loads(d["warnings"] or "[]")),
        )

    # -- runs and artifacts ------------------------------------------------------
    def start_run(self, command: str, params: dict[str, Any]) -> int:
        from litmap.store.runs import package_versions

        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO runs(command, started_at, status, params, versions) VALUES (?,?,?,?,?)",
                (command, now(), "running", json.dumps(params, default=str), json.dumps(package_versions())),
            )
        self.run_id = int(cur.lastrowid or 0)
        return self.run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at=?, status=?, counts=? WHERE id=?",
                (now(), status, json.dumps(counts, default=str), run_id),
            )

    def put_artifact(self, name: str, data: bytes, run_id: Optional[int] = None) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO artifacts(name, run_id, created_at, data) VALUES (?,?,?,?) "
                "ON CONFLICT(name) DO UPDATE SET run_id=excluded.run_id, created_at=excluded.created_at, "
                "data=excluded.data",
                (name, run_id, now(), data),
            )

    def _mark_works_stale(self) -> None:
        self.conn.execute(
            "INSERT INTO artifacts(name, created_at, data) VALUES (?,?,?) ON CONFLICT(name) DO NOTHING",
            (WORKS_STALE, now(), b"1"),
        )

    def works_stale(self) -> bool:
        """True when documents changed after corpus works were last resolved."""
        return self.get_artifact(WORKS_STALE) is not None

    def works_missing(self) -> bool:
        """True when papers are stored but no works were ever resolved from them."""
        row = self.conn.execute(
            "SELECT EXISTS(SELECT 1 FROM documents WHERE status='ok') AND NOT EXISTS(SELECT 1 FROM works)"
        ).fetchone()
        return bool(row[0])

    def clear_works_stale(self) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM artifacts WHERE name=?", (WORKS_STALE,))

    def get_artifact(self, name: str) -> Optional[bytes]:
        row = self.conn.execute("SELECT data FROM artifacts WHERE name=?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    # -- status --------------------------------------------------------------------
    def status(self) -> StoreStatus:
        q = self.conn.execute

        def one(sql: str) -> int:
            return int(q(sql).fetchone()[0] or 0)

        failures = tuple(
            (r["path"], r["error"] or "")
            for r in q("SELECT path, error FROM documents WHERE status='failed' ORDER BY path")
        )
        return StoreStatus(
            documents=one("SELECT COUNT(*) FROM documents WHERE status='ok'"),
            failed=len(failures),
            removed=one("SELECT COUNT(*) FROM documents WHERE status='removed'"),
            pages=one("SELECT SUM(pages) FROM documents WHERE status='ok'"),
            ocr=one("SELECT COUNT(*) FROM documents WHERE status='ok' AND ocr=1"),
            references=one(
                "SELECT COUNT(*) FROM refs JOIN documents d ON d.id=refs.document_id WHERE d.status='ok'"
            ),
            citations=one(
                "SELECT COUNT(*) FROM citations JOIN documents d ON d.id=citations.document_id WHERE d.status='ok'"
            ),
            works=one("SELECT COUNT(*) FROM works"),
            no_references=one(
                "SELECT COUNT(*) FROM documents d WHERE d.status='ok' AND d.media_type='pdf' AND NOT EXISTS "
                "(SELECT 1 FROM refs r WHERE r.document_id=d.id)"
            ),
            failures=failures,
            schema_version=self._version(),
            untitled=tuple(r[0] for r in q(
                "SELECT d.path FROM documents d LEFT JOIN metadata m ON m.document_id=d.id "
                "WHERE d.status='ok' AND (m.title IS NULL OR m.title='') ORDER BY d.path")),
            guessed=self._guessed_fields(),
            garbled=self._garbled(),
            unread=self._unread(),
        )

    def _unread(self) -> tuple[tuple[str, str], ...]:
        """The files the last finished ingest (or run) could not read at all, from its recorded counts."""
        row = self.conn.execute(
            "SELECT counts FROM runs WHERE command IN ('ingest', 'run') AND finished_at IS NOT NULL "
            "ORDER BY id DESC LIMIT 1").fetchone()
        try:
            listed = (json.loads(row[0] or "{}").get(UNREAD_KEY) or []) if row else []
            return tuple((str(p), str(r)) for p, r in listed)
        except (ValueError, TypeError, AttributeError):  # a run recorded by an older litmap
            return ()

    def _garbled(self) -> tuple[str, ...]:
        """"path: warning" for papers whose extraction warnings name a garbled text layer."""
        from litmap.read.garbled import GARBLED_MARK

        out = []
        for path, warnings in self.conn.execute(
                "SELECT path, warnings FROM documents WHERE status='ok' AND warnings LIKE ? ORDER BY path",
                (f"%{GARBLED_MARK}%",)):
            found = [w for w in json.loads(warnings or "[]") if GARBLED_MARK in w]
            if found:
                out.append(f"{path}: {found[0]}")
        return tuple(out)

    def _guessed_fields(self) -> tuple[str, ...]:
        """"path: field, …" for papers with a guessed header field (stores before v4 record none)."""
        cols = {r[1] for r in self.conn.execute("PRAGMA table_info(metadata)")}
        if "provenance" not in cols:
            return ()
        out = []
        for path, prov in self.conn.execute(
                "SELECT d.path, m.provenance FROM documents d JOIN metadata m ON m.document_id=d.id "
                "WHERE d.status='ok' AND m.provenance LIKE '%guess%' ORDER BY d.path"):
            fields = [guess_note(p) for p in json.loads(prov or "[]") if "guess" in p]
            out.append(f"{path}: {', '.join(fields)}")
        return tuple(out)

    def iter_rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute(sql, params)


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.nested = False

    def __enter__(self) -> sqlite3.Connection:
        self.nested = self.conn.in_transaction
        if not self.nested:
            self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        if self.nested:
            return
        if exc_type is not None:
            self._rollback()
            return
        try:
            self.conn.execute("COMMIT")
        except BaseException:  # e.g. the disk filled up at commit: undo, then report
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (a full disk does that):
        # a second ROLLBACK would raise and hide the error that caused it.
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            log.debug("rollback failed: %s", exc)


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements.

    Comments are stripped first (our migrations have no ``--`` inside string
    literals), so a ``;`` in a comment cannot split a statement.
    """
    lines = [ln.split("--", 1)[0] for ln in script.splitlines()]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


def _under(path: str, root: str) -> bool:
    path = os.path.abspath(path)
    if os.path.isfile(root):
        return path == root
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


# -- recognising and opening the file named by --db ------------------------------

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _identify(path: str) -> str:
    """What ``path`` is, judged without writing anything: ``"absent"``, ``"empty"``
    (0 bytes) or ``"store"``; anything else raises :class:`NotAStoreError`."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "absent"
    except OSError as exc:
        raise StoreError(f"cannot look at {path}: {_reason(exc)}; check the path and its permissions") from exc
    if stat.S_ISDIR(st.st_mode):
        raise NotAStoreError(f"{path} is a folder, not a litmap store; pass --db a file path")
    if not stat.S_ISREG(st.st_mode):
        raise NotAStoreError(f"{path} is not a regular file (a device, pipe or socket); choose another --db path")
    if st.st_size == 0:
        return "empty"
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {_reason(exc)}; check its permissions") from exc
    if header != _SQLITE_MAGIC:
        raise NotAStoreError(
            f"{path} is not a usable litmap store: it is not an SQLite database; litmap left it unchanged: "
            "choose another --db (a new path or an existing litmap store)"
        )
    if not _is_litmap_store(path):
        raise NotAStoreError(
            f"{path} is an SQLite database of another program, not a litmap store; litmap left it unchanged: "
            "choose another --db (a new path or an existing litmap store)"
        )
    return "store"


def _is_litmap_store(path: str) -> bool:
    """True for a store litmap made: its application_id, or (stores from before
    the id was set) a positive user_version and litmap's tables."""
    try:
        conn = _connect_read(path, inspect=True)
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from exc
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id == APPLICATION_ID:
            return True
        if app_id != 0:
            return False
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return version > 0 and CORE_TABLES <= tables
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from exc
    finally:
        conn.close()


def _connect_read(path: str, *, inspect: bool = False) -> sqlite3.Connection:
    """A connection that only reads ``path``, also where it cannot be written.

    A store whose file and folder are writable is opened as always (the last
    reader tidies the WAL files away).  Otherwise, and always when ``inspect``
    (looking at a file that may be another program's), it is opened
    ``immutable``, which reads the file alone and makes no ``-wal``/``-shm``
    files beside it: a read-only ``-shm`` left behind would stop writers once
    the store is writable again.  Only when a WAL holds changes that this would
    miss is it opened ``mode=ro``, which needs the WAL index (``-shm``).
    """
    uri = "file:" + urllib.parse.quote(os.path.abspath(path))
    pending = _wal_pending(path)
    folder = os.path.dirname(os.path.abspath(path))
    attempts: list[tuple[str, bool]] = []
    if not inspect and os.access(path, os.W_OK) and os.access(folder, os.W_OK):
        attempts.append((path, False))
    attempts.append((uri + "?mode=ro", True) if pending else (uri + "?mode=ro&immutable=1", True))
    error: Optional[sqlite3.Error] = None
    for target, is_uri in attempts:
        conn = sqlite3.connect(target, uri=is_uri, timeout=30.0, isolation_level=None)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            conn.close()
            if _primary(exc) not in (SQLITE_CANTOPEN, SQLITE_READONLY):
                raise
            error = exc
    if pending:
        raise StoreWriteError(
            f"{path} has changes in {path}-wal that can only be read where its folder is writable: make "
            f"{folder} writable, or copy {path} together with {path}-wal elsewhere and pass --db COPY"
        ) from error
    assert error is not None
    raise error


def _wal_pending(path: str) -> bool:
    try:
        return os.path.getsize(path + "-wal") > 0
    except OSError:
        return False


def _note_stale_lock(fd: int, lock_path: str) -> None:
    """Say so when the lock file we just took was left by a process that is no longer running."""
    try:
        pid = int(os.pread(fd, 32, 0).decode("ascii", "replace").strip() or 0)
    except (OSError, ValueError):
        return
    if pid <= 0 or pid == os.getpid():
        return
    try:
        os.kill(pid, 0)
        return  # that pid runs (perhaps reused by another program): nothing to say
    except ProcessLookupError:
        pass
    except OSError:
        return
    log.warning("cleared a stale lock %s left by process %d, which is no longer running", lock_path, pid)


def _open_lock_file(lock_path: str, store: str) -> tuple[int, bool]:
    """Open (or create) the writer lock file; ``created`` says whether this call made it."""
    while True:
        try:
            return os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644), True
        except FileExistsError:
            pass
        except OSError as exc:
            raise _lock_error(lock_path, store, exc) from exc
        try:
            return os.open(lock_path, os.O_RDWR), False
        except FileNotFoundError:
            continue  # removed in between: create it
        except OSError as exc:
            raise _lock_error(lock_path, store, exc) from exc


def _lock_error(lock_path: str, store: str, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _full(lock_path)
    return StoreWriteError(_lock_message(lock_path, _reason(exc), os.path.exists(store)))


def _lock_message(lock_path: str, reason: str, exists: bool) -> str:
    folder = os.path.dirname(os.path.abspath(lock_path))
    fix = "copy the store elsewhere and pass --db COPY" if exists else "pass --db a path in a writable folder"
    return f"cannot create the lock file {lock_path}: {reason}; make {folder} writable or {fix}"


def _unwritable_reason(path: str) -> str:
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "read-only file system"
    except OSError:
        pass
    return "permission denied"


def _reason(exc: OSError) -> str:
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]


# SQLite's primary result codes (sqlite3 exposes them, and ``sqlite_errorcode``, only from Python 3.11).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14
# Before 3.11 only the message tells the code: SQLite's own wording of each.
_CODE_BY_MESSAGE = (
    ("database or disk is full", SQLITE_FULL), ("readonly database", SQLITE_READONLY),
    ("disk I/O error", SQLITE_IOERR), ("unable to open database file", SQLITE_CANTOPEN),
    ("database is locked", SQLITE_BUSY), ("database table is locked", SQLITE_LOCKED),
    ("access permission denied", SQLITE_PERM),
)


def _primary(exc: BaseException) -> int:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF
    text = str(exc)
    return next((c for words, c in _CODE_BY_MESSAGE if words in text), 0)


def _full(path: str) -> StoreWriteError:
    return StoreWriteError(
        f"no space left on device while writing {path}; free some space or move the store with --db, "
        "then run the command again"
    )


def _nearly_full(path: str, margin: int = 1 << 20) -> bool:
    """Whether the store's file system has less than ``margin`` bytes free."""
    try:
        st = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < margin


def _sqlite_error(path: str, exc: sqlite3.Error) -> StoreError:
    """A one-line message, naming the store and the fix, for an SQLite error."""
    code = _primary(exc)
    if code == SQLITE_FULL:
        return _full(path)
    if code == SQLITE_READONLY:
        return StoreWriteError(
            f"the store {path} cannot be written ({exc}): make it and its folder writable, or copy it and "
            "pass --db COPY; reading commands (status, papers, report, export) work on it as it is"
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(
            f"the store {path} is held by another program ({exc}); close that program or wait for it, "
            "then run the command again"
        )
    if code == SQLITE_IOERR and _nearly_full(path):
        # SQLite reports a write into a full WAL or -shm as a disk I/O error, not SQLITE_FULL.
        return _full(path)
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM):
        return StoreWriteError(
            f"could not use the store {path} ({exc}); check that the disk is there and not full and that "
            "the file and its folder can be read, then run the command again"
        )
    return StoreError(f"{path} is not a usable litmap store ({exc}); point --db at another file or move this one aside")


def _os_error(path: str, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _full(path)
    where = exc.filename or path
    return StoreWriteError(f"cannot write {where}: {_reason(exc)}; make its folder writable or pass --db elsewhere")


def _remove_sqlite_files(path: str) -> None:
    for name in (path, path + "-journal", path + "-wal", path + "-shm"):
        try:
            os.unlink(name)
        except OSError:
            pass
