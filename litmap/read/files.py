"""Open an input file safely: only a regular file, never blocking, within a size limit.

Used by the corpus walk (:mod:`litmap.batch.discover`) and by the text
readers, so a FIFO or device put in a file's place between the walk and the
read is refused instead of hanging the run.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO, Optional

from litmap.errors import ExtractionError

__all__ = ["open_regular", "not_regular_reason", "too_large_reason"]

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def not_regular_reason(st: os.stat_result) -> str:
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "a special file")
    return f"skipped: not a regular file ({kind})"


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def too_large_reason(size: int, max_bytes: int) -> str:
    return (f"too large: {_size(size)} is over the {_size(max_bytes)} limit for one input file; "
            "raise it with --max-file-mb")


def open_regular(path: str, max_bytes: Optional[int] = None) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file (links followed).

    The file is opened with ``O_NONBLOCK`` and checked with ``fstat`` after
    opening, so a FIFO put in its place since the walk never blocks.  Raises
    :class:`ExtractionError` naming the reason, or :class:`OSError`.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):  # do not even open devices (opening a tape rewinds it)
        raise ExtractionError(path, not_regular_reason(st))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ExtractionError(path, not_regular_reason(st))
        if max_bytes is not None and st.st_size > max_bytes:
            raise ExtractionError(path, too_large_reason(st.st_size, max_bytes))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
