"""Clean the CRF's raw field strings into Reference values with rules.

The CRF finds *where* each field is; these rules decide *what* it says:
names split into authors, the year and its suffix read from a date span,
``34(3)`` split into volume and issue, page ranges normalised.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from litmap.parse.refparse_authors import parse_authors

__all__ = ["clean_fields"]

_YEAR = re.compile(r"(?P<y>1[5-9]\d\d|20[0-4]\d)(?:[/–-]\d{2,4})?(?P<s>[a-z])?\b")
_NOTE = re.compile(r"n\.\s?d\.?|no date|in press|forthcoming|im druck", re.IGNORECASE)
_EDS_MARK = re.compile(r"\(\s*(?:eds?|hrsg|hg|coords?|dirs?)\.?\s*\)|\b(?:eds?|edited by|ed\. by|hrsg\. v\.|hg\. v\.)\.?(?=\s|,|$)|\beditors?\b", re.IGNORECASE)


def _strip(s: Optional[str]) -> Optional[str]:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", s).strip(" ,;:/")
    s = re.sub(r"^[\"“”‘’'«»(\[]+|[\"“”‘’'«»)\]]+$", "", s).strip(" ,;:")
    if s.endswith(".") and not re.search(r"\b(?:[A-Z]|al|Inc|Ltd|Co|St|Jr)\.$", s):
        s = s[:-1].rstrip()
    s = re.sub(r"^[\"“”‘’'«»]+|[\"“”‘’'«»]+$", "", s).strip(" ,;:")
    return s or None


def clean_fields(f: dict[str, str]) -> dict[str, Any]:
    """Field strings from :func:`fields_from_labels` → Reference keyword values."""
    out: dict[str, Any] = {}
    if "author" in f:
        out["authors"], out["et_al"] = parse_authors(f["author"])
    if "editor" in f:
        eds = _EDS_MARK.sub(" ", re.sub(r"^\s*(?:in:?|dans|en)\s+", "", f["editor"], flags=re.I))
        out["editors"], _ = parse_authors(eds)
    if "year" in f:
        m = _YEAR.search(f["year"])
        if m:
            out["year"], out["year_suffix"] = int(m.group("y")), m.group("s")
        else:
            n = _NOTE.search(f["year"])
            if n:
                note = n.group(0).lower()
                out["year_note"] = "n.d." if note.startswith("n") else note
    out["title"] = _strip(f.get("title"))
    cont = f.get("container")
    if cont:
        cont = re.sub(r"^\s*(?:in:?|dans|en)\s+", "", cont, flags=re.I)
        out["container"] = _strip(cont)
    vol = f.get("volume")
    if vol:
        m = re.search(r"(?P<v>\d+[A-Z]?|[IVXLC]+\b)(?:\s*[(\[]\s*(?P<i>[^)\]]+?)\s*[)\]])?", vol)
        if m:
            out["volume"] = m.group("v")
            if m.group("i"):
                out["issue"] = m.group("i")
    iss = f.get("issue")
    if iss and "issue" not in out:
        m = re.search(r"[\w/–-]+", re.sub(r"^\W*(?:no|nr|issue|iss|heft|h)\.?\s*", "", iss, flags=re.I))
        if m:
            out["issue"] = m.group(0)
    pages = f.get("pages")
    if pages:
        m = re.search(r"[A-Za-z]?\d+(?:\s*[-‐‑–—]+\s*[A-Za-z]?\d+)?", pages)
        if m:
            out["pages"] = re.sub(r"\s*[-‐‑–—]+\s*", "–", m.group(0))
    out["publisher"] = _strip(f.get("publisher"))
    out["place"] = _strip(f.get("place"))
    ed = f.get("edition")
    if ed:
        m = re.search(r"\d+(?:st|nd|rd|th)?|second|third|fourth|fifth|revised", ed, re.I)
        out["edition"] = m.group(0) if m else _strip(ed)
    return {k: v for k, v in out.items() if v not in (None, "")}
