"""``litmap ingest``: files on disk → documents in the store, incrementally.

A file is processed once: its SHA-256 is looked up first.  A renamed or moved
file keeps its document; a changed file (same path, new bytes) replaces the
old version in one transaction; files that disappeared from the folders
ingested are marked removed (recorded, not deleted).  Per-file failures are
stored with a one-line reason and never stop the run.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from litmap.errors import InputError
from litmap.batch.discover import DEFAULT_MAX_BYTES, FoundFile, fingerprint, walk
from litmap.batch.choose_executor import check_executor, make_executor
from litmap.batch.worker import Failure, FileTask, process_file
from litmap.models import Document
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.read.settings import check_engine, check_ocr
from litmap.store.db import FileRecord, Store, UNREAD_KEY

__all__ = ["IngestSettings", "IngestSummary", "ingest"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestSettings:
    """How to ingest.  ``jobs`` None = one worker per core; 0 = in-process."""

    jobs: Optional[int] = None
    timeout: float = 300.0
    engine: str = "pdfium"
    ocr: str = "auto"
    memory_mb: int = 4096
    retry_failed: bool = False
    # Read stored files again (after upgrading litmap: better extraction);
    # each document is replaced in place and keeps its id.
    reprocess: bool = False
    executor: str = "local"  # local | dask | inline (see litmap.batch.executor)
    scheduler: Optional[str] = None  # tcp://HOST:PORT of a Dask scheduler; implies executor="dask"
    # Follow links whose target lies outside the paths named (else skipped with a note).
    follow_links: bool = False
    # Largest input file read, also by the coordinator's hashing (which gets ``timeout`` per file too).
    max_file_mb: int = DEFAULT_MAX_BYTES // 1024**2

    def __post_init__(self) -> None:
        check_executor(self.executor)
        check_engine(self.engine)
        check_ocr(self.ocr)
        if self.jobs is not None and self.jobs < 0:
            raise InputError("--jobs must be 0 (in-process) or more")
        if self.timeout <= 0:
            raise InputError("--timeout must be a positive number of seconds")
        if self.max_file_mb <= 0:
            raise InputError("--max-file-mb must be a positive number of MiB")

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024**2


@dataclass
class IngestSummary:
    found: int = 0
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: int = 0
    moved: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Entries skipped on purpose (links out of the corpus, loops, FIFOs…): reported, not failures.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    works: Optional[int] = None  # set when works were re-resolved
    # Failures with no document to store them on (a folder that cannot be listed, a file too big or unreadable
    # before it was hashed): kept with the run's counts, so `litmap status` can list them after the run.
    unread: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def counts(self) -> dict[str, Any]:
        return {
            "found": self.found, "added": len(self.added), "replaced": len(self.replaced),
            "unchanged": self.unchanged, "moved": len(self.moved), "duplicates": len(self.duplicates),
            "removed": len(self.removed), "failed": len(self.failed), "skipped": len(self.skipped),
            "pages": self.pages, UNREAD_KEY: [[path, reason] for path, reason in self.unread],
        }


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: IngestSettings = IngestSettings(),
    progress: Optional[Progress] = None,
) -> IngestSummary:
    report = resolve(progress)
    summary = IngestSummary()
    files, problems = walk(paths, follow_links=settings.follow_links, max_bytes=settings.max_file_bytes)
    summary.found = len(files)
    for p in problems:
        (summary.failed if p.failed else summary.skipped).append((p.path, p.reason))
        if p.failed:
            summary.unread.append((p.path, p.reason))
        log.log(logging.WARNING if p.failed else logging.INFO, "%s: %s", p.path, p.reason)

    index = store.file_index()
    known_paths = {path: (rec.size, rec.mtime, rec.sha256) for path, rec in index.items()}
    statuses = store.known_hashes()

    todo: list[tuple[FoundFile, str, Optional[str]]] = []  # file, sha, replaces
    present: set[str] = set()
    first_path: dict[str, str] = {}
    records: list[FileRecord] = []
    reread: set[str] = set()  # stored documents read again (settings.reprocess)
    for f, sha, error in fingerprint(files, known_paths, max_bytes=settings.max_file_bytes,
                                     time_limit=settings.timeout):
        if error or sha is None:
            summary.failed.append((f.path, error or "cannot read"))
            summary.unread.append((f.path, error or "cannot read"))
            continue
        present.add(sha)
        records.append(FileRecord(f.path, sha, f.size, f.mtime))
        if sha in first_path:
            summary.duplicates.append((f.path, first_path[sha]))
            continue
        first_path[sha] = f.path
        status = statuses.get(sha)
        if status == "ok" and settings.reprocess:
            reread.add(sha)
        elif status == "ok" or (status == "failed" and not settings.retry_failed):
            prev = store.document_path(sha)
            if prev is not None and prev != f.path and f.path not in index:
                summary.moved.append(f.path)
            summary.unchanged += 1
            continue
        old = index.get(f.path)
        replaces = old.sha256 if old and old.sha256 != sha else None
        todo.append((f, sha, replaces))

    # Remember new locations first: a moved file must not look removed.
    store.record_files(records)

    # A scanned file's pages are read by OCR up to the job count at once (threads, each
    # waiting on its own Tesseract process); the pages come out the same for any count.
    # The workers share one budget of that many pages (litmap.read.ocr_slots: lock files
    # in a folder made for the run), so --jobs N runs at most N Tesseract processes, not N
    # per worker, and the last scanned file of a run still gets them all.
    ocr_jobs = settings.jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="litmap-ocr-slots-") as budget:
        tasks = [
            (i, FileTask(f.path, sha, f.media_type, settings.engine, settings.ocr, ocr_jobs, budget))
            for i, (f, sha, _) in enumerate(todo)
        ]
        total = len(tasks)
        report(ProgressEvent("ingest", 0, total))
        executor = make_executor(settings.jobs, settings.timeout, settings.memory_mb,
                                 kind=settings.executor, scheduler=settings.scheduler)
        for done, outcome in enumerate(executor.run(process_file, tasks), start=1):
            f, sha, replaces = todo[outcome.key]
            result = outcome.value
            reason = outcome.error or (result.reason if isinstance(result, Failure) else None)
            pages = 0
            if reason is None and isinstance(result, Document):
                replaces_ok = replaces if replaces and replaces not in present else None
                store.save_document(result, size=f.size, replaces=replaces_ok)
                (summary.replaced if replaces_ok or sha in reread else summary.added).append(f.path)
                pages = result.source.pages
                summary.pages += pages
                for w in result.warnings:
                    log.info("%s: %s", f.path, w)
            else:
                reason = reason or "internal error: worker returned nothing"
                store.save_failure(f.path, sha, reason, size=f.size)
                summary.failed.append((f.path, reason))
                log.warning("%s: %s", f.path, reason)
            report(ProgressEvent("ingest", done, total, item=f.path, failed=reason is not None, pages=pages))

    summary.removed = store.mark_removed(present, paths)
    # works_stale(): a run killed after saving documents but before resolving works.
    if summary.added or summary.replaced or summary.removed or store.works_stale() or store.works_missing():
        from litmap.batch.works import resolve_corpus_works

        summary.works = resolve_corpus_works(store, progress).works
        store.clear_works_stale()
    return summary
