"""Clean the CRF's raw field strings into Reference values with rules.

The CRF finds *where* each field is; these rules decide *what* it says:
names split into authors, the year and its suffix read from a date span,
``34(3)`` split into volume and issue, page ranges normalised, a bracketed
translation cut from a title, and a place of publication told from a
publisher (:func:`split_place`, used on the merged fields).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from litmap.parse.refparse_authors import parse_authors

__all__ = ["clean_fields", "is_place", "split_place"]

_YEAR = re.compile(r"(?P<y>1[5-9]\d\d|20[0-4]\d)(?:[/–-]\d{2,4})?(?P<s>[a-z])?\b")
_NOTE = re.compile(r"n\.\s?d\.?|no date|in press|forthcoming|im druck", re.IGNORECASE)
_EDS_MARK = re.compile(r"\(\s*(?:eds?|hrsg|hg|coords?|dirs?)\.?\s*\)|\b(?:eds?|edited by|ed\. by|hrsg\. v\.|hg\. v\.)\.?(?=\s|,|$)|\beditors?\b", re.IGNORECASE)


#: Places of publication printed alone ("… Ein Ost-West-Vergleich. Wien."),
#: where a publisher would be read otherwise.
_PLACES = frozenset(
    "london|new york|oxford|cambridge|paris|berlin|chicago|boston|princeton|stuttgart|frankfurt|"
    "frankfurt am main|frankfurt/m|frankfurt/main|wiesbaden|münchen|munich|wien|vienna|hamburg|opladen|"
    "madrid|granada|zagreb|são paulo|basingstoke|washington|philadelphia|ottawa|toronto|new haven|"
    "berkeley|hillsdale|thousand oaks|newbury park|beverly hills|amsterdam|bern|zürich|zurich|basel|"
    "köln|cologne|bonn|leipzig|dresden|baden-baden|göttingen|bielefeld|weinheim|heidelberg|tübingen|"
    "konstanz|rome|roma|milano|milan|bologna|torino|barcelona|lisbon|lisboa|brussels|bruxelles|geneva|"
    "genève|geneve|stockholm|oslo|copenhagen|helsinki|warsaw|prague|budapest|moscow|tokyo|beijing|"
    "sydney|melbourne|los angeles|san francisco|stanford|baltimore|minneapolis|ithaca|durham|"
    "aldershot|farnham|abingdon|cheltenham|northampton|edinburgh|manchester|bristol|harmondsworth|"
    "malden|hoboken|lanham|boulder|westport|englewood cliffs|upper saddle river|mahwah|singapore|"
    "dordrecht|leiden|rotterdam|utrecht|nijmegen|montreal|montréal|lyon|marseille|florence|firenze|"
    "münster|mannheim|bremen|hannover".split("|")
)


def is_place(text: Optional[str]) -> bool:
    """A place of publication alone: "Wien", "London and New York",
    "Walnut Creek, CA", "Frankfurt/M."."""
    if not text:
        return False
    t = re.sub(r"\.$", "", text.strip(" ,;")).lower()
    t = re.sub(r"\s*/\s*(?:m|main)$|\s+a\.\s?m$", "", t)
    if re.fullmatch(r"[^\W\d][\w .'-]{1,30},\s*[a-z]{2}", t):
        return True  # US "City, ST"
    parts = re.split(r"\s+(?:and|und|&)\s+|\s*[/;]\s*|,\s*", t)
    return bool(parts) and all(p in _PLACES for p in parts if p)


def split_place(values: dict[str, Any]) -> dict[str, Any]:
    """Move a place of publication out of the publisher or the book title
    where it was read with them: "Polity, Cambridge", "Oxford: Blackwell",
    "Regional Governance. Göttingen: V&R unipress" (a chapter's book)."""
    out = dict(values)
    pub, place, cont = out.get("publisher"), out.get("place"), out.get("container")
    if pub and not place:
        if is_place(pub):
            out["place"], out["publisher"] = pub, None
        elif m := re.fullmatch(r"(?P<pub>.+?),\s*(?P<place>[^,]+)", pub):
            if is_place(m.group("place")):
                out["publisher"], out["place"] = m.group("pub").strip(), m.group("place").strip()
        elif m := re.fullmatch(r"(?P<place>[^:]+):\s*(?P<pub>.+)", pub):
            if is_place(m.group("place")):
                out["publisher"], out["place"] = m.group("pub").strip(), m.group("place").strip()
    elif cont and not pub and not place and not out.get("volume"):
        m = re.fullmatch(r"(?P<c>.+?)[.,]\s+(?P<place>[^.:,]+):\s*(?P<pub>[^:]+)", cont)
        if m and is_place(m.group("place")):
            out["container"], out["place"], out["publisher"] = m.group("c").strip(), m.group("place").strip(), _strip(m.group("pub"))
    return out


def _strip(s: Optional[str]) -> Optional[str]:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", s).strip(" ,;:/")
    for _ in range(2):  # "Polity)." : the dot, then the bracket
        s = re.sub(r"^[\"“”‘’'«»(\[]+|[\"“”‘’'«»)\]]+$", "", s).strip(" ,;:")
        if s.endswith(".") and not re.search(r"\b(?:[A-Z]|al|Inc|Ltd|Co|St|Jr)\.$", s):
            s = s[:-1].rstrip(" ,;:")
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
    title = f.get("title")
    if title:
        # A bracketed translation after the title ("Asuntokysymys [Housing question]")
        # is not part of it.
        title = re.sub(r"^(?P<t>.{8,}?)\s*\[[^\]]*\s[^\]]*(?:\]|$).*$", r"\g<t>", title)
    out["title"] = _strip(title)
    cont = f.get("container")
    if cont:
        cont = re.sub(r"^\s*(?:in:?|dans|en)\s+", "", cont, flags=re.I)
        # Editors read into the book title: "A. Smith and B. Jones (eds) Book".
        m = re.search(r"\((?:eds?|hrsg|hg)\.?\)[\s.,:]*|\beds?\.?,?\s+(?=[A-Z])", cont)
        if m and m.start() > 0 and len(cont[m.end():].split()) >= 2:
            cont = cont[m.end():]
        # Chapter pages read into the book title: "Book, pp. 155-67".
        cont = re.sub(r"[,.]?\s*\bpp?\.\s*\d+\s*[-‐‑–—]+\s*\d+\.?\s*$", "", cont)
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
