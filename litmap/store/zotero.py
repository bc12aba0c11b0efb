"""Zotero's database (``zotero.sqlite``) read for :mod:`litmap.batch.library`, never written.

It is opened in SQLite's immutable read-only mode, which takes no lock, so a
running Zotero is not blocked; when that fails (a locked, half-written or
journalled file) a temporary copy is read instead.  Only these tables are
read: items, itemTypes, itemData, itemDataValues, fields, creators,
itemCreators, itemAttachments, and tags/itemTags when present (the item's
tags, read as its keywords).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from typing import Optional

__all__ = ["ZoteroItem", "ZoteroUnreadable", "zotero_items"]

_SKIP_TYPES = ("attachment", "note", "annotation")


class ZoteroUnreadable(Exception):
    """The file is not a readable Zotero database."""


@dataclass(frozen=True)
class ZoteroItem:
    key: str
    fields: dict[str, str]  # fieldName -> value (title, date, publicationTitle, DOI, abstractNote ...)
    creators: tuple[tuple[Optional[str], Optional[str], int], ...]  # (firstName, lastName, fieldMode) in order
    attachments: tuple[tuple[str, str], ...]  # (attachment item key, path as Zotero stores it)
    tags: tuple[str, ...] = ()  # the item's tags, manual and automatic, by name


def zotero_items(db: str) -> tuple[list[ZoteroItem], str]:
    """Every regular item, and a note when a copy had to be read; ZoteroUnreadable when neither works."""
    from urllib.parse import quote

    try:
        conn = sqlite3.connect(f"file:{quote(os.path.abspath(db))}?mode=ro&immutable=1", uri=True)
        try:
            return _items(conn), ""
        finally:
            conn.close()
    except sqlite3.Error as first:
        tmp = tempfile.mkdtemp(prefix="litmap-zotero-")
        try:
            copy = os.path.join(tmp, "zotero.sqlite")
            shutil.copyfile(db, copy)
            conn = sqlite3.connect(copy)
            try:
                return _items(conn), f"read from a copy ({first})"
            finally:
                conn.close()
        except (OSError, sqlite3.Error) as exc:
            raise ZoteroUnreadable(str(exc)) from exc
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _items(conn: sqlite3.Connection) -> list[ZoteroItem]:
    q = conn.execute
    keys = {r[0]: r[1] for r in q(
        "SELECT i.itemID, i.key FROM items i JOIN itemTypes t ON t.itemTypeID=i.itemTypeID "
        f"WHERE t.typeName NOT IN ({','.join('?' * len(_SKIP_TYPES))})", _SKIP_TYPES)}
    fields: dict[int, dict[str, str]] = {}
    for item, name, value in q("SELECT d.itemID, f.fieldName, v.value FROM itemData d "
                               "JOIN fields f ON f.fieldID=d.fieldID JOIN itemDataValues v ON v.valueID=d.valueID"):
        fields.setdefault(item, {})[name] = str(value)
    creators: dict[int, list[tuple[Optional[str], Optional[str], int]]] = {}
    for item, first, last, mode in q("SELECT ic.itemID, c.firstName, c.lastName, c.fieldMode FROM itemCreators ic "
                                     "JOIN creators c ON c.creatorID=ic.creatorID ORDER BY ic.itemID, ic.orderIndex"):
        creators.setdefault(item, []).append((first, last, int(mode or 0)))
    files: dict[int, list[tuple[str, str]]] = {}
    for parent, path, key in q("SELECT a.parentItemID, a.path, i.key FROM itemAttachments a "
                               "JOIN items i ON i.itemID=a.itemID WHERE a.path IS NOT NULL AND a.parentItemID IS NOT NULL"):
        files.setdefault(parent, []).append((key, path))
    tags = _tags(conn)
    return [ZoteroItem(key, fields.get(item, {}), tuple(creators.get(item, [])), tuple(files.get(item, [])),
                       tuple(tags.get(item, [])))
            for item, key in sorted(keys.items())]


def _tags(conn: sqlite3.Connection) -> dict[int, list[str]]:
    """Each item's tag names (Zotero 5: tags(tagID, name) and itemTags(itemID, tagID, type)); none when a
    database has no such tables."""
    out: dict[int, list[str]] = {}
    try:
        rows = conn.execute("SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID "
                            "ORDER BY it.itemID, t.name").fetchall()
    except sqlite3.OperationalError:  # an older or partial database without the tag tables
        return out
    for item, name in rows:
        name = str(name or "").strip()
        if name and name not in out.setdefault(item, []):
            out[item].append(name)
    return out
