"""``litmap watch``: poll folders and refresh once new or changed files settle.

Polling (walk + size/mtime per file) works on network shares and synced
folders where inotify does not.  A change is acted on only when every file has
kept the same size and mtime for ``settle`` seconds, so a PDF still being
copied or downloaded is never read half-way.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Callable, Optional, Sequence

from litmap.errors import InputError

__all__ = ["Signature", "signature", "watch"]

log = logging.getLogger(__name__)

#: path → (size, mtime_ns) of every regular file under the watched folders.
Signature = dict[str, tuple[int, int]]


def signature(paths: Sequence[str]) -> Signature:
    """Size and mtime of every file under ``paths`` (hidden files skipped)."""
    out: Signature = {}
    for root in paths:
        if os.path.isfile(root):
            _add(out, root)
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if not name.startswith("."):
                    _add(out, os.path.join(folder, name))
    return out


def _add(out: Signature, path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:  # vanished between walk and stat: the next poll sees it
        return
    out[os.path.abspath(path)] = (st.st_size, st.st_mtime_ns)


def watch(
    paths: Sequence[str],
    on_change: Callable[[], None],
    *,
    interval: float = 5.0,
    settle: float = 2.0,
    stop: Optional[threading.Event] = None,
    initial: bool = False,
) -> None:
    """Call ``on_change()`` each time the files under ``paths`` changed and then settled.

    Polls every ``interval`` seconds until ``stop`` is set (or forever).  With
    ``initial`` the first call happens at start (a refresh before watching).
    Exceptions from ``on_change`` propagate: the caller decides whether a
    failed refresh ends the watch.
    """
    if interval <= 0 or settle < 0:
        raise InputError("--interval must be positive and --settle zero or more seconds")
    for p in paths:
        if not os.path.exists(p):
            raise InputError(f"cannot watch {p}: no such file or folder")
    stop = stop or threading.Event()
    if initial:
        on_change()
    acted = signature(paths)  # the state the last refresh saw
    seen, since = acted, time.monotonic()
    while not stop.wait(interval):
        now_sig = signature(paths)
        if now_sig != seen:
            seen, since = now_sig, time.monotonic()
            continue
        if now_sig != acted and time.monotonic() - since >= settle:
            log.info("%d files changed and settled; refreshing", _changed(acted, now_sig))
            on_change()
            acted = now_sig
    log.debug("watch stopped")


def _changed(old: Signature, new: Signature) -> int:
    return sum(1 for k in set(old) | set(new) if old.get(k) != new.get(k))
