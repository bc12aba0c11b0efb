"""Safe file output: atomic writes, and full/read-only places as one-line errors.

Readers see the old file or the new one, never a mix; a write that fails on a
full disk, a read-only file system or a folder without permission becomes an
:class:`~litmap.errors.OutputError` naming the path and the fix, instead of
an ``OSError`` traceback.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from typing import Iterator, Optional, Sequence, Union

from litmap.errors import InputError, OutputError

#: Written into every report folder litmap builds (litmap.report.build); the
#: walk of a corpus skips folders holding it, so a report inside the corpus is
#: never read back as papers.
REPORT_MARKER = ".litmap-report"

__all__ = ["REPORT_MARKER", "atomic_write_bytes", "atomic_write_text", "atomic_path", "output_errors", "write_error",
           "check_extension", "current_umask"]

_FULL = "free some space or choose another -o {target}"
_NO_WRITE = {
    errno.ENOSPC: ("no space left on device", _FULL),
    errno.EROFS: ("read-only file system", "choose a writable -o {target}"),
    errno.EACCES: ("permission denied", "choose an -o {target} you can write to, or change its permissions"),
    errno.EPERM: ("operation not permitted", "choose an -o {target} you can write to, or change its permissions"),
}
if hasattr(errno, "EDQUOT"):
    _NO_WRITE[errno.EDQUOT] = ("disk quota exceeded", _FULL)

PathLike = Union[str, "os.PathLike[str]"]


def _under(path: str, roots: Sequence[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def write_error(
    exc: OSError, path: PathLike, *, target: str = "folder", within: Sequence[PathLike] = (),
    shown: Optional[tuple[PathLike, PathLike]] = None,
) -> Optional[OutputError]:
    """The :class:`OutputError` for ``exc`` if it says the place is full, read-only or forbidden, else None.

    The message names ``exc.filename`` when the error carries one, else
    ``path``.  With ``within``, an error about a file outside those folders
    (a font, a lexicon being read) is not ours to explain: None.  ``shown``
    = (temporary folder, final folder) names files by where they were going.
    """
    if exc.errno not in _NO_WRITE:
        return None
    name = os.fsdecode(exc.filename) if isinstance(exc.filename, (str, bytes)) else None
    if name is not None:
        name = os.path.abspath(name)
        if within and not _under(name, [os.path.abspath(w) for w in within]):
            return None
        if shown is not None:
            tmp, final = (os.path.abspath(p) for p in shown)
            if _under(name, [tmp]):
                name = final + name[len(tmp):]
    what, fix = _NO_WRITE[exc.errno]
    return OutputError(f"cannot write {name or os.fspath(path)}: {what}; {fix.format(target=target)}")


@contextmanager
def output_errors(
    path: PathLike, *, target: str = "folder", within: Sequence[PathLike] = (),
    shown: Optional[tuple[PathLike, PathLike]] = None,
) -> Iterator[None]:
    """Turn ENOSPC/EDQUOT/EROFS/EACCES/EPERM raised inside into an :class:`OutputError` (see :func:`write_error`)."""
    try:
        yield
    except OSError as exc:
        err = write_error(exc, path, target=target, within=within, shown=shown)
        if err is None:
            raise
        raise err from exc


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux), else by setting and
    restoring it."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o777  # replacing a file keeps its permissions
    except OSError:
        return 0o666 & ~current_umask()  # a new file: what open() would give (mkstemp's 0600 is private)


@contextmanager
def atomic_path(path: PathLike) -> Iterator[str]:
    """Yield a temporary file name beside ``path``; it replaces ``path`` when the block succeeds
    and is removed when it fails, so ``path`` is never left half-written."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    os.makedirs(folder, exist_ok=True)
    # Same suffix: writers that pick compression by name (networkx's .gz) still see it.
    try:
        fd, tmp = tempfile.mkstemp(prefix=".litmap-", suffix=os.path.splitext(target)[1], dir=folder)
    except OSError as exc:  # name the file the user asked for, not the hidden temporary one
        raise OSError(exc.errno, exc.strerror, target) from exc
    os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and exc.filename == tmp:
            raise OSError(exc.errno, exc.strerror, target) from exc
        raise


def check_extension(path: PathLike, fmt: str, extensions: dict[str, tuple[str, ...]]) -> None:
    """Refuse an output name whose extension belongs to another of ``extensions``' formats
    (``--format gexf -o x.graphml``); names with an extension no format claims are left alone."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    owner = [f for f, exts in extensions.items() if ext in exts]
    if ext and owner and fmt not in owner:
        want = ", ".join(extensions.get(fmt, ())) or "another name"
        raise InputError(f"-o {os.fspath(path)} looks like {owner[0]} but --format is {fmt}: "
                          f"name the file {want}, or pass --format {owner[0]}")


def atomic_write_bytes(path: PathLike, data: bytes) -> None:
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)


def atomic_write_text(path: PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
