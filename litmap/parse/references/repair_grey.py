"""Containers of grey literature and the press, which the CRF leaves in
the title or reads as a publisher.

Geography and the social sciences cite working papers, newspapers and
German-style "in: Journal" entries far more than the science corpora the
CRF mostly learnt from:

* a working-paper series and its number — "IZA Discussion Paper no. 97",
  "(NBER Working Paper No. 10063)", "RSC Working Paper, No 99/2": the series
  is the container and its number the volume (as CSL's
  ``collection-title``/``number`` and the EXCITE and CC BY gold have it).  A
  bare "Working Paper 6" names no series and is left alone;
* a newspaper after an APA press date — "(2000, February 16). Title. The
  Baltimore Sun.": the last sentence is the paper;
* a journal after German "in:" — "…, in: African Business, 331, 22.": the
  container and its volume, not a publisher.

Each acts only where the merged fields have no container (or a piece of the
one found here), so journal articles and chapters are left as they were.
"""

from __future__ import annotations

import re
from typing import Any

from litmap.parse.references.record import EntryText, RefFields
from litmap.parse.references.text import squash
from litmap.parse.references.spans import MONTH

__all__ = ["genre_words", "grey_containers", "site_before_url", "PAPER_SERIES", "PRESS_DATE"]

#: "IZA Discussion Paper no. 97": named series (capitalised words right
#: after punctuation), its kind of paper, then maybe its number.
_SERIES = re.compile(
    r"(?:(?<=[.,;:(]\s)|(?<=[(]))(?P<series>(?:[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*\s+){1,7}?"  # no sentence end inside
    r"(?:Working|Discussion|Research|Policy|Occasional|Background|Staff|Briefing|Conference)\s+Papers?(?:\s+Series)?)"
    r"(?:\s*,?\s*(?:No\.?|Nr\.?|Number|no\.?|#)?\s*(?P<num>\d[\w/-]*(?:\.\d+)?))?"
)
#: A container that is a series of papers (its entries are reports).
PAPER_SERIES = re.compile(
    r"\b(?:Working|Discussion|Research|Policy|Occasional|Background|Staff|Briefing|Conference)\s+Papers?\b", re.I
)
#: APA's press date: "(2000, February 16).", "(1997a, May 27)."
PRESS_DATE = re.compile(rf"\((?:19|20)\d\d[a-z]?,\s*(?:{MONTH}|Spring|Summer|Autumn|Fall|Winter)(?:\s+\d{{1,2}})?\)\.?\s*")
#: The paper's name and maybe its page: "The Baltimore Sun.", "Young India, p. 15."
_PAPER = re.compile(r"\.\s+(?P<paper>(?:The\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,4})(?:,\s*pp?\.\s*[A-Z]?\d+(?:\s*[-–]\s*[A-Z]?\d+)?)?\s*\.?\s*$")
#: German "in: Journal, 331, 22." (not "in: Editor (Hrsg.): Book").
_IN_JOURNAL = re.compile(
    r"\b[Ii]n:\s*(?P<journal>[A-Z][^,:;()\d]{2,80}?),\s*(?P<vol>\d{1,4})(?=\s*(?:,|\(|$|\.\s*$))"
)


def grey_containers(entry: EntryText, fields: RefFields) -> RefFields:
    """Grey literature and press containers left in the title or read as a
    publisher: a working-paper series and its number, a newspaper after an
    APA press date, a journal after German "in:" (see the module docstring)."""
    text, values = entry.text, fields.as_dict()
    return RefFields.from_values(_in_journal(text, _newspaper(text, _series(text, values))))


#: A kind of work, not a name: "Preprint", "Diplomarbeit", "Unpublished PhD dissertation", "[dissertação]", "(Book)".
_GENRE = (r"(?:unpublished\s+)?(?:(?:ph\.?\s?d\.?|doctoral|master'?s?|m\.?sc\.?|diploma|bachelor'?s?)\s+)?"
          r"(?:dissertation|thesis|dissertação|tese|tesis|diplomarbeit|magisterarbeit|habilitationsschrift"
          r"|manuscript|preprint|mimeo|book)")
_GENRE_ONLY = re.compile(rf"{_GENRE}\.?", re.I)
#: In the title: bracketed anywhere ("[dissertação]", "(Book)"), or as a sentence of its own at its end
#: (". Unpublished PhD dissertation"; a title may end in "Book": "A History of the Book").
_GENRE_IN_TITLE = re.compile(rf"(?:\s*(?P<br>[\[(]{_GENRE}[\])])|\s*\.\s+(?P<own>{_GENRE})(?=\.?$))(?P<rest>.*)$", re.I)
_INSTITUTION = re.compile(r"universit|institut|college|school|hochschule|faculdade|faculty|department|centre|center", re.I)


_ONLINE_AT_END = re.compile(r"[,.;]?\s+(?:online|available online|on-?line)$", re.I)


def genre_words(entry: EntryText, fields: RefFields) -> RefFields:
    """The kind of a work read as its publisher ("Preprint", "Diplomarbeit,
    Universität Hamburg" → publisher "Diplomarbeit") or left in its title
    ("… Kroatien [online]. Unpublished PhD dissertation", "… universitário
    [dissertação]. Natal (RN", "Human resource Management (Book)"): the
    kind is no field of its own; an institution read as the place is the
    publisher, a place after the kind in the title is the place.  So is
    the medium before an address ("…, online: <www.hrw.org/…>")."""
    out = fields.as_dict()
    changed = False
    pub = out.get("publisher")
    if pub and _GENRE_ONLY.fullmatch(pub.strip()):
        place = out.get("place")
        out["publisher"] = place if place and _INSTITUTION.search(place) else None
        out["place"] = None if out["publisher"] else place
        changed = True
    title = out.get("title")
    # "…, online: <www.hrw.org/…>": the medium before an address is no part of the title.
    medium = _ONLINE_AT_END.search(title) if title else None
    if title and medium and re.search(re.escape(title[medium.start():].lstrip(" ,.;")) + r"\s*:\s*\S", entry.text):
        out["title"] = title = title[: medium.start()].rstrip(" ,.;:") or None
        changed = True
    m = _GENRE_IN_TITLE.search(title) if title else None
    if title and m and len(title[: m.start()].split()) >= 2:
        rest = m.group("rest").strip(" .,;:")
        if rest and not re.fullmatch(r"[A-ZÀ-Þ][\w\s-]{0,30}(?:\([A-Z]{2,3}\)?)?", rest):
            return RefFields.from_values(out) if changed else fields  # more than a place after it
        out["title"] = title[: m.start()].rstrip(" .,;:")
        if rest and not out.get("place"):
            out["place"] = rest + (")" if rest.count("(") > rest.count(")") else "")
        changed = True
    return RefFields.from_values(out) if changed else fields


#: The last sentence of a title: a short name in capitals ("Interdisciplines", "Times Higher Education Supplement").
_SITE_NAME = re.compile(r"^(?P<head>.{8,}?[^\s.])\.\s+(?P<site>(?:The\s+)?[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|and|&|the|for|on)){0,5})$")
_BODY = re.compile(r"\b(?:Australia|Association|Institute|Council|Foundation|Society|Agency|Ministry|Department|University|"
                   r"Centre|Center|Office|Commission|Trust|Bank|Organi[sz]ation|Government|Network|Alliance|Federation)\b")
_URL_START = re.compile(r"\s*[.,]?\s*(?:URL:?\s*|Available (?:at|from):?\s*)?<?(?:https?://|www\.)", re.I)


_ADDRESS_START = re.compile(r"(?:https?://|www\.)")


def site_before_url(entry: EntryText, fields: RefFields) -> RefFields:
    """A magazine, newspaper or web site named between the title and its
    address, read into the title ("… at the Speed of Thought.
    Interdisciplines. http://…", "Research Access, Impact and Assessment.
    Times Higher Education Supplement. http://…" read whole as the
    container): the short last sentence before the address is the
    container.  An address read as the publisher is none."""
    out = fields.as_dict()
    changed = False
    if out.get("publisher") and _ADDRESS_START.match(out["publisher"]):
        out["publisher"], changed = None, True
    key = "title" if out.get("title") and not out.get("container") else "container" if out.get("container") and not out.get("title") else None
    m = _SITE_NAME.match(out[key]) if key else None
    if m and key and not (out.get("volume") or out.get("pages") or out.get("publisher")):
        at = entry.text.find(m.group("site"), entry.text.find(m.group("head")[:20]))
        if at >= 0 and _URL_START.match(entry.text[at + len(m.group("site")):]):
            site = m.group("site")
            out["title"] = m.group("head")
            # A body's name is the publisher: "Dementia, lesbians and gay men. Alzheimer’s Australia. http://…".
            out["publisher" if _BODY.search(site) else "container"] = site
            changed = True
    return RefFields.from_values(out) if changed else fields


def _open_for(values: dict[str, Any], container: str) -> bool:
    """No container yet, or one that is a piece of ``container``."""
    have = squash(values.get("container"))
    return not have or have in squash(container)


def _series(text: str, values: dict[str, Any]) -> dict[str, Any]:
    m = _SERIES.search(text)
    if not m or not _open_for(values, m.group("series")):
        return values
    out = dict(values)
    series = m.group("series").strip()
    out["container"] = series
    num = m.group("num")
    if num and (not out.get("volume") or (num.startswith(out["volume"]) and num != out["volume"])):
        if out.get("issue") and num.endswith(out["issue"]):
            out["issue"] = None  # "No 12/3" read as volume 12, issue 3
        out["volume"] = num
    if out.get("title") and squash(series) in squash(out["title"]):
        cut = out["title"].find(series.split()[0])  # the title ran on into the series
        if cut > 0:
            out["title"] = out["title"][:cut].strip(" ,.;:(") or out["title"]
    if squash(out.get("publisher")) and squash(out.get("publisher")) in squash(series):
        out["publisher"] = None
    return out


def _newspaper(text: str, values: dict[str, Any]) -> dict[str, Any]:
    d = PRESS_DATE.search(text)
    if not d or values.get("container") or values.get("volume"):
        return values
    rest = text[d.end():]
    p = _PAPER.search(rest)
    if not p or p.start() == 0:
        return values
    out = dict(values)
    paper = p.group("paper")
    out["container"] = paper
    title = out.get("title") or ""
    if squash(title).endswith(squash(p.group("paper"))):
        out["title"] = rest[: p.start()].strip(" .") or title  # the title ran on into the paper's name
    for key in ("publisher", "place"):  # "Young India" read as the place
        if squash(out.get(key)) == squash(paper):
            out[key] = None
    return out


def _in_journal(text: str, values: dict[str, Any]) -> dict[str, Any]:
    m = _IN_JOURNAL.search(text)
    if not m or values.get("editors") or not _open_for(values, m.group("journal")):
        return values
    out = dict(values)
    out["container"] = m.group("journal").strip()
    if not out.get("volume"):
        out["volume"] = m.group("vol")
    if squash(out.get("publisher")) and squash(out["publisher"]) in squash(m.group(0)):
        out["publisher"] = None  # the journal read as its publisher
    return out
