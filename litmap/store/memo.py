"""Results of pure text functions, kept in the store between runs.

A report re-reads every paragraph and citing sentence of the corpus.
Matching the concept lexicon and classifying citation functions there was
most of a refresh's cost (O(corpus) on every run) although both depend only
on the text, the lexicon and the rules.  A :class:`TextMemo` keeps those
results in one store artifact keyed by the sha1 of the input; its
``fingerprint`` covers the lexicon and the source of the modules computing
them, so a changed rule or lexicon starts an empty memo and a remembered
result always equals a fresh one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

__all__ = ["TextMemo", "code_fingerprint"]

log = logging.getLogger(__name__)

_PREFIX = "memo:"


def code_fingerprint(*modules: ModuleType, extra: str = "") -> str:
    """sha1 over the source files of ``modules`` and ``extra`` (e.g. a lexicon's repr)."""
    h = hashlib.sha1()
    for m in modules:
        path = getattr(m, "__file__", None)
        h.update(Path(path).read_bytes() if path else m.__name__.encode())
    h.update(extra.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class TextMemo:
    """``key → JSON value`` for one pure function; keys are sha1 hex digests.

    Only the entries looked up or added during this run are written back by
    :meth:`save`, so the memo follows the corpus and never grows without bound.
    """

    name: str
    fingerprint: str
    entries: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    added: int = 0

    @classmethod
    def load(cls, conn: sqlite3.Connection, name: str, fingerprint: str) -> "TextMemo":
        """The memo stored under ``name``, or an empty one when absent, unreadable or stale."""
        memo = cls(name, fingerprint)
        try:
            row = conn.execute("SELECT data FROM artifacts WHERE name=?", (_PREFIX + name,)).fetchone()
        except sqlite3.Error:  # a store without the artifacts table: nothing remembered
            return memo
        if row is None or row[0] is None:
            return memo
        try:
            value = json.loads(zlib.decompress(bytes(row[0])))
        except (zlib.error, ValueError) as exc:
            log.warning("memo %s unreadable (%s); recomputing", name, exc)
            return memo
        if isinstance(value, dict) and value.get("fingerprint") == fingerprint and isinstance(value.get("entries"), dict):
            memo.entries = value["entries"]
        return memo

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> Optional[Any]:
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        self.used.add(key)
        self.added += 1

    def dirty(self) -> bool:
        return bool(self.added) or len(self.used) != len(self.entries)

    def save(self, store: Any) -> bool:
        """Write the entries used this run back into a writable store; False when not written."""
        put = getattr(store, "put_artifact", None)
        if put is None or not getattr(store, "write", False) or not self.dirty():
            return False
        kept = {k: self.entries[k] for k in sorted(self.used)}
        blob = zlib.compress(json.dumps({"fingerprint": self.fingerprint, "entries": kept},
                                        separators=(",", ":")).encode("utf-8"), 3)
        put(_PREFIX + self.name, blob)
        log.debug("memo %s: %d entries (%d new) saved", self.name, len(kept), self.added)
        return True
