"""Find input files under the paths a user gives, and fingerprint them.

Files are identified by the SHA-256 of their bytes, so an unchanged file is
never processed twice and a renamed or moved file is recognised.  Problems
met while walking (unreadable files, symlink loops, broken links) are
returned, not raised: one bad entry never stops a run.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from litmap.errors import InputError

__all__ = ["SUFFIXES", "FoundFile", "WalkProblem", "walk", "sha256_file"]

log = logging.getLogger(__name__)

#: Suffix → media type of the inputs litmap reads.
SUFFIXES = {".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


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


def walk(paths: Sequence[str]) -> tuple[list[FoundFile], list[WalkProblem]]:
    """Every readable input file under ``paths`` (files or folders), sorted.

    Raises :class:`InputError` only when a path the user named does not exist.
    """
    found: dict[str, FoundFile] = {}
    problems: list[WalkProblem] = []
    for p in paths:
        if not os.path.lexists(p):
            raise InputError(f"{p}: no such file or folder; check the path")
        for item in _walk_one(os.path.abspath(p), problems):
            found.setdefault(item.path, item)
    return sorted(found.values(), key=lambda f: f.path), problems


def _walk_one(root: str, problems: list[WalkProblem]) -> Iterator[FoundFile]:
    if not os.path.isdir(root):
        item = _as_input(root, problems, explicit=True)
        if item:
            yield item
        return
    seen_dirs: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            problems.append(WalkProblem(folder, f"cannot open folder: {exc.strerror or exc}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a symlink loop or a second link to the same folder
            problems.append(WalkProblem(folder, "skipped: folder already visited (symlink loop?)"))
            continue
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(WalkProblem(folder, f"cannot list folder: {exc.strerror or exc}"))
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, .DS_Store, partial downloads)
            try:
                is_dir = entry.is_dir()  # follows links
            except OSError as exc:
                problems.append(WalkProblem(entry.path, f"cannot read: {exc.strerror or exc}"))
                continue
            if is_dir:
                subdirs.append(entry.path)
                continue
            item = _as_input(entry.path, problems, explicit=False)
            if item:
                yield item
        stack.extend(reversed(subdirs))


def _as_input(path: str, problems: list[WalkProblem], *, explicit: bool) -> Optional[FoundFile]:
    suffix = Path(path).suffix.lower()
    media = SUFFIXES.get(suffix)
    if media is None:
        if explicit:
            problems.append(WalkProblem(path, f"skipped: litmap reads {', '.join(sorted(SUFFIXES))} files"))
        return None
    try:
        st = os.stat(path)
    except OSError as exc:
        reason = "broken link" if os.path.islink(path) else f"cannot read: {exc.strerror or exc}"
        problems.append(WalkProblem(path, reason))
        return None
    if not os.access(path, os.R_OK):
        problems.append(WalkProblem(path, "cannot read: permission denied"))
        return None
    return FoundFile(path=path, size=st.st_size, mtime=st.st_mtime, media_type=media)


def sha256_file(path: str, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(files: Iterable[FoundFile], known: dict[str, tuple[int, float, str]]) -> Iterator[tuple[FoundFile, Optional[str], Optional[str]]]:
    """Yield (file, sha256, error) for each file.

    ``known`` maps path → (size, mtime, sha256) from the store: a file whose
    size and mtime are unchanged keeps its hash without being re-read.
    """
    for f in files:
        prev = known.get(f.path)
        if prev and prev[0] == f.size and prev[1] == f.mtime:
            yield f, prev[2], None
            continue
        try:
            yield f, sha256_file(f.path), None
        except OSError as exc:
            yield f, None, f"cannot read: {exc.strerror or exc}"
