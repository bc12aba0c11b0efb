"""Find input files under the paths a user gives, and fingerprint them.

Files are identified by the SHA-256 of their bytes, so an unchanged file is
never processed twice and a renamed or moved file is recognised.  Problems
met while walking are returned, not raised: one bad entry never stops a run.
They are of two kinds (:attr:`WalkProblem.failed`):

- failures: a file that should have been read and could not be (permission
  denied, a folder that cannot be listed, a file over the size limit);
- notes: entries skipped on purpose (a FIFO, device or socket named like a
  paper, a link leading out of the corpus, a broken link, a link loop or a
  second link to a folder already walked).  They are reported but do not make
  a run fail.

Only regular files are read.  A symbolic link is followed only when its
resolved target lies inside one of the corpus roots the user named, unless
``follow_links`` is set.  Hashing has its own size and time limits and opens
files with ``O_NONBLOCK``, so nothing here can block on a FIFO or read a
device forever.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from litmap.errors import ExtractionError, InputError
from litmap.read.files import not_regular_reason, open_regular, too_large_reason
from litmap.util.files import REPORT_MARKER

__all__ = ["SUFFIXES", "DEFAULT_MAX_BYTES", "FoundFile", "WalkProblem", "walk", "sha256_file", "fingerprint",
           "open_regular", "not_regular_reason", "too_large_reason"]

log = logging.getLogger(__name__)

#: Suffix → media type of the inputs litmap reads.
SUFFIXES = {".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

#: Largest input file read (and hashed) by default: 2 GiB (``--max-file-mb``).
DEFAULT_MAX_BYTES = 2 * 1024**3

@dataclass(frozen=True)
class FoundFile:
    path: str  # absolute, as found (not resolved: a link keeps its own name)
    size: int
    mtime: float
    media_type: str


@dataclass(frozen=True)
class WalkProblem:
    path: str
    reason: str
    failed: bool = True  # False: a note (skipped on purpose), which does not make the run fail


def walk(paths: Sequence[str], *, follow_links: bool = False,
         max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[FoundFile], list[WalkProblem]]:
    """Every readable input file under ``paths`` (files or folders), sorted.

    Links whose target lies outside every path named are skipped with a note
    unless ``follow_links``.  A path named directly is always read, even
    when it is a link.  Raises :class:`InputError` only when a path the user
    named does not exist.
    """
    found: dict[str, FoundFile] = {}
    problems: list[WalkProblem] = []
    check_paths(paths)
    roots = [os.path.realpath(p) for p in paths]
    for p in paths:
        for item in _walk_one(os.path.abspath(p), roots, problems, follow_links, max_bytes):
            found.setdefault(item.path, item)
    return sorted(found.values(), key=lambda f: f.path), problems


def check_paths(paths: Sequence[str]) -> None:
    """:class:`InputError` naming the first path the user gave that does not exist (checked
    before a store is opened, so a mistyped path leaves no store or lock behind)."""
    for p in paths:
        if not os.path.lexists(p):
            raise InputError(f"{p}: no such file or folder; check the path")


def _inside(target: str, roots: Sequence[str]) -> bool:
    return any(target == r or target.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _link_note(path: str, roots: Sequence[str], follow_links: bool) -> Optional[WalkProblem]:
    """A note when the link at ``path`` must not be followed, else None."""
    target = os.path.realpath(path)
    if follow_links or _inside(target, roots):
        return None
    return WalkProblem(path, f"skipped: link leads outside the corpus ({target}); pass --follow-links to read it",
                       failed=False)


def _walk_one(root: str, roots: Sequence[str], problems: list[WalkProblem], follow_links: bool,
              max_bytes: int) -> Iterator[FoundFile]:
    if not os.path.isdir(root):
        item = _as_input(root, problems, max_bytes, explicit=True)
        if item:
            yield item
        return
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    linked: deque[str] = deque()  # folders reached through a link: walked after every real folder
    while stack or linked:
        folder = stack.pop() if stack else linked.popleft()
        try:
            st = os.stat(folder)
        except OSError as exc:
            problems.append(WalkProblem(folder, f"cannot open folder: {exc.strerror or exc}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            problems.append(WalkProblem(folder, "skipped: folder already walked through another path "
                                                "(a symlink loop or a second link to it)", failed=False))
            continue
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(WalkProblem(folder, f"cannot list folder: {exc.strerror or exc}"))
            continue
        if any(e.name == REPORT_MARKER for e in entries):
            problems.append(WalkProblem(folder, "skipped: a litmap report folder (litmap's own output, not papers)",
                                        failed=False))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, .DS_Store, partial downloads)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()  # follows links
            except OSError as exc:  # a link to itself (ELOOP), a folder we may not look into
                note = _broken_link(entry.path) if os.path.islink(entry.path) else None
                problems.append(note or WalkProblem(entry.path, f"cannot read: {exc.strerror or exc}"))
                continue
            if is_link and is_dir:
                note = _link_note(entry.path, roots, follow_links)
                if note:
                    problems.append(note)
                else:
                    linked.append(entry.path)
                continue
            if is_dir:
                subdirs.append(entry.path)
                continue
            item = _as_input(entry.path, problems, max_bytes, explicit=False,
                             link_check=(lambda p: _link_note(p, roots, follow_links)) if is_link else None)
            if item:
                yield item
        stack.extend(reversed(subdirs))


def _broken_link(path: str) -> Optional[WalkProblem]:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return WalkProblem(path, "skipped: link loop (the link leads back to itself)", failed=False)
        target = os.readlink(path) if os.path.islink(path) else path
        return WalkProblem(path, f"skipped: broken link (its target {target} does not exist)", failed=False)
    return None


def _as_input(path: str, problems: list[WalkProblem], max_bytes: int, *, explicit: bool,
              link_check: Optional[Callable[[str], Optional[WalkProblem]]] = None) -> Optional[FoundFile]:
    suffix = Path(path).suffix.lower()
    media = SUFFIXES.get(suffix)
    if media is None:
        if explicit:
            problems.append(WalkProblem(path, f"skipped: litmap reads {', '.join(sorted(SUFFIXES))} files",
                                        failed=False))
        return None
    try:
        st = os.stat(path)  # follows links; never opens, so a FIFO cannot block here
    except OSError as exc:
        note = _broken_link(path) if os.path.islink(path) else None
        problems.append(note or WalkProblem(path, f"cannot read: {exc.strerror or exc}"))
        return None
    if not stat.S_ISREG(st.st_mode):
        problems.append(WalkProblem(path, not_regular_reason(st), failed=False))
        return None
    note = link_check(path) if link_check else None
    if note:
        problems.append(note)
        return None
    if st.st_size > max_bytes:
        problems.append(WalkProblem(path, too_large_reason(st.st_size, max_bytes)))
        return None
    if not os.access(path, os.R_OK):
        problems.append(WalkProblem(path, "cannot read: permission denied"))
        return None
    return FoundFile(path=path, size=st.st_size, mtime=st.st_mtime, media_type=media)


def sha256_file(path: str, chunk: int = 1 << 20, *, max_bytes: int = DEFAULT_MAX_BYTES,
                time_limit: Optional[float] = None) -> str:
    """SHA-256 of a regular file, read at most ``max_bytes`` and for at most ``time_limit`` seconds.

    Raises :class:`ExtractionError` (not a regular file, too large, too slow)
    or :class:`OSError`.
    """
    deadline = time.monotonic() + time_limit if time_limit else None
    h = hashlib.sha256()
    total = 0
    with open_regular(path, max_bytes) as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            total += len(block)
            if total > max_bytes:  # grew while being read
                raise ExtractionError(path, too_large_reason(total, max_bytes))
            h.update(block)
            if deadline is not None and time.monotonic() > deadline:
                raise ExtractionError(path, f"cannot read: reading took over {time_limit:g} s (a slow or hung "
                                            "disk or network share?); raise --timeout or copy the file locally")
    return h.hexdigest()


def fingerprint(files: Iterable[FoundFile], known: dict[str, tuple[int, float, str]], *,
                max_bytes: int = DEFAULT_MAX_BYTES,
                time_limit: Optional[float] = None) -> Iterator[tuple[FoundFile, Optional[str], Optional[str]]]:
    """Yield (file, sha256, error) for each file.

    ``known`` maps path → (size, mtime, sha256) from the store: a file whose
    size and mtime are unchanged keeps its hash without being re-read.
    ``max_bytes`` and ``time_limit`` bound the reading of each file.
    """
    for f in files:
        prev = known.get(f.path)
        if prev and prev[0] == f.size and prev[1] == f.mtime:
            yield f, prev[2], None
            continue
        try:
            yield f, sha256_file(f.path, max_bytes=max_bytes, time_limit=time_limit), None
        except ExtractionError as exc:
            yield f, None, exc.reason
        except OSError as exc:
            yield f, None, f"cannot read: {exc.strerror or exc}"
