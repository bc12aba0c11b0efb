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

from litmap.parse.names.reference_authors import parse_authors

__all__ = ["MONTH", "PUBLISHER_WORDS", "clean_fields", "is_place", "split_place"]

_YEAR = re.compile(r"(?P<y>1[5-9]\d\d|20[0-4]\d)(?:[/–-]\d{2,4})?(?P<s>[a-z])?\b")
_NOTE = re.compile(r"n\.\s?d\.?|no date|in press|forthcoming|im druck|under review|submitted", re.IGNORECASE)
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
    "münster|mannheim|bremen|hannover|chichester|hove|new brunswick|düsseldorf|rio de janeiro|buenos aires|"
    "st. paul|st paul".split("|")
)


#: Countries and regions printed after a city ("Vienna, Austria", "Lisbon, Portugal").
_COUNTRIES = frozenset(
    "austria|germany|france|italy|spain|portugal|switzerland|netherlands|the netherlands|belgium|sweden|"
    "norway|denmark|finland|poland|uk|u.k|england|scotland|wales|ireland|usa|u.s.a|us|canada|brazil|"
    "brasil|mexico|argentina|chile|japan|china|india|australia|new zealand|south africa|croatia|"
    "hungary|czech republic|greece|turkey|russia|israel|korea|singapore|deutschland|österreich|schweiz".split("|")
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


#: A chapter's page range at the end of a publisher: "Klett-Cotta, S. 123-159".
_PAGES_AT_END = re.compile(r"[,.]?\s*\b(?:S\.|pp?\.)?\s*(?P<p>\d+\s*[-‐‑–—]+\s*\d+)\.?$")
#: The hyphens and dashes of a page range, with the spaces around them.
_RANGE_DASH = re.compile(r"\s*[-‐‑–—]+\s*")
_NOTE_IN_BRACKETS_AT_END = re.compile(r"(?<=\w{2})\s*\([^()]{2,}\)?\s*$")
_PLACE_AND_PUBLISHER = re.compile(r"(?P<a>[^,:]+)[,:]\s*(?P<b>[^,:]+)")
_NON_WORD = re.compile(r"\W")
_TITLE_THEN_PLACE = re.compile(r"(?P<t>.{8,}?)(?P<sep>[.,])\s+(?P<place>[^.:,]+)")


def split_place(values: dict[str, Any]) -> dict[str, Any]:
    """Move a place of publication out of the publisher or the book title
    where it was read with them: "Polity, Cambridge", "Oxford: Blackwell",
    "Regional Governance. Göttingen: V&R unipress" (a chapter's book)."""
    out = dict(values)
    pub, place, cont = out.get("publisher"), out.get("place"), out.get("container")
    if pub and (m := _PAGES_AT_END.search(pub)) and m.start() > 0:
        # A chapter's pages after its book's publisher: "Stuttgart: Klett-Cotta, S. 123-159".
        out["publisher"] = pub = _strip(pub[: m.start()])
        if not out.get("pages"):
            out["pages"] = _RANGE_DASH.sub("–", m.group("p"))
    if pub:
        # "Penguin (paperback edition)", "Hans-Böckler-Stiftung (Graue Reihe)": a note after the name.
        out["publisher"] = pub = _strip(_NOTE_IN_BRACKETS_AT_END.sub("", pub))
    if pub and _MONTHS_ONLY.fullmatch(pub):
        out["publisher"] = pub = None  # "Workshop, Berlin, June: 1-13": a date
    if place and not pub and (m := _PLACE_AND_PUBLISHER.fullmatch(place)):
        # ISO 690 / EXCITE "…, Aldershot, Avebury.": a place and its publisher read as one place.
        a, b = m.group("a").strip(), m.group("b").strip(" .")
        if b.lower().rstrip(".") in _COUNTRIES or a.lower().rstrip(".") in _COUNTRIES:
            pass
        elif is_place(a) and not is_place(b) and not re.fullmatch(r"[A-Z]{2}|[A-Z]\.?\s?[A-Z]\.?", b):
            out["place"], out["publisher"] = a, b
        elif is_place(b) and not is_place(a) and not re.fullmatch(r"[A-Z]{2}", a):
            out["place"], out["publisher"] = b, a
        pub, place = out.get("publisher"), out.get("place")
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
        split = _book_tail(cont)
        if split:
            out["container"], out["place"], out["publisher"] = split
    elif not cont and not pub and not place and not out.get("volume") and out.get("title"):
        split = _book_tail(out["title"])
        if split and len(split[0].split()) >= 2:
            out["title"], out["place"], out["publisher"] = split
    if out.get("container") and not out.get("volume"):
        out["container"] = _tidy_container(out["container"], out)
    title, place, pub = out.get("title"), out.get("place"), out.get("publisher")
    if title and place and pub and _NON_WORD.sub("", title) == _NON_WORD.sub("", place + pub):
        out["place"] = out["publisher"] = None  # the title read again as "Place: Publisher"
    elif title and not place and (m := _TITLE_THEN_PLACE.fullmatch(title)) and is_place(m.group("place")):
        # "Handbook of Urban Morphology. Chichester", "Qualitative Research Interviewing, London"
        # (a comma only before the end of a book: no journal or publisher follows).
        if m.group("sep") == "." or not (out.get("container") or pub or out.get("volume")):
            out["title"], out["place"] = m.group("t"), m.group("place")
    elif not title and not out.get("container") and place and pub and not is_place(place):
        split = _book_tail(f"{place}: {pub}")
        if split:  # "Beloved. New York: Random House" read as the place and publisher
            out["title"], out["place"], out["publisher"] = split
        elif not PUBLISHER_WORDS.search(pub) and not re.search(r"[.,]", place):
            # "2020. Shiny: Web Application Framework for R. https://…" is a title, not "Place: Publisher".
            out["title"], out["place"], out["publisher"] = f"{place}: {pub}", None, None
    return out


PUBLISHER_WORDS = re.compile(
    r"\b(?:press|verlag|publish\w*|books|university|universit\w*|routledge|sage|wiley|springer|elsevier|"
    r"palgrave|macmillan|polity|verso|penguin|blackwell|institute|foundation|editions?|editora|editore|editori|"
    r"edizioni|éditions|ed\.|ltd|inc)\b",
    re.IGNORECASE,
)


#: An English month, full or abbreviated ("Sept.", "June"); add re.I for any case.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)


def _book_tail(text: str) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    """A book title with its place and publisher run on: "Book. Göttingen:
    V&R unipress", "Book, Editora Saraiva, São Paulo", "Book, Aldershot,
    Avebury" → (book, place, publisher); None when the end is no known place."""
    m = re.fullmatch(r"(?P<c>.+?)[.,]\s+(?P<place>[^.:,]+):\s*(?P<pub>[^:]+)", text)
    if m and is_place(m.group("place")):
        return m.group("c").strip(), m.group("place").strip(), _strip(m.group("pub"))
    m = re.fullmatch(r"(?P<c>.+?)[.,]\s+(?P<a>[^.:,]{2,60}),\s*(?P<b>[^.:,]{2,40})\.?", text)
    if m and len(m.group("c").split()) >= 2:
        a, b = m.group("a").strip(), m.group("b").strip()
        if is_place(b) and not is_place(a) and b.lower() not in _COUNTRIES and len(a.split()) <= 6:
            return m.group("c").strip(), b, _strip(a)
        if is_place(a) and not is_place(b) and b.lower() not in _COUNTRIES and len(b.split()) <= 4:
            return m.group("c").strip(), a, _strip(b)
    return None


#: A publisher that is only months: "June", "Jan., Feb.".
_MONTHS_ONLY = re.compile(rf"(?:{MONTH}[\s,]*)+", re.I)
_CONTAINER_MONTH_END = re.compile(rf"(?<=\w{{3}})[,.]?\s+{MONTH}$", re.I)


def _tidy_container(cont: str, values: dict[str, Any]) -> Optional[str]:
    """What follows a journal or book title by mistake: a place ("Book.
    London"), an issue date ("Psychology Today, May"), "available at", the
    date it opens with ("(1984): Book" of a German edited volume)."""
    c = re.sub(r"[.,;:]?\s+(?:available (?:at|from|online)|online|retrieved from)\s*:?$", "", cont, flags=re.I)
    c = _CONTAINER_MONTH_END.sub("", c) if len(c.split()) >= 3 else c
    m = re.fullmatch(r"(?P<c>.{8,}?)[.,]\s+(?P<place>[^.,:]+)", c)
    if m and not values.get("place") and is_place(m.group("place")) and m.group("place").lower() not in _COUNTRIES:
        values["place"] = m.group("place").strip()
        c = m.group("c")
    year = values.get("year")
    # (the year's pattern is compiled only for a container that opens with the year)
    if year and (not isinstance(year, int) or c.startswith((f"{year}", f"({year}"))):
        c = re.sub(rf"^\(?{year}[a-z]?\)?\s*[:.]\s*(?=\w)", "", c)
    return _strip(c)


_OPENING_PHRASE = re.compile(r"‘[^‘’]+’(?![A-Za-z])\s*[:?!,–-]\s*\w|“[^“”]+”\s*[:?!,–-]\s*\w|\"[^\"]+\"\s*[:?!,–-]\s*\w")

_WHITESPACE_RUN = re.compile(r"\s+")
#: Quotes and closing brackets left at the end of a value, and also quotes and opening brackets at its start.
_QUOTES_AT_END_PATTERN = r"[\"“”‘’'«»)\]]+$"
_QUOTES_AT_END = re.compile(_QUOTES_AT_END_PATTERN)
_QUOTES_AT_EITHER_END = re.compile(r"^[\"“”‘’'«»(\[`]+|" + _QUOTES_AT_END_PATTERN)
#: A full stop that belongs to the word before it: an initial, "et al.", "Inc.", "Jr.".
_ABBREVIATION_DOT_AT_END = re.compile(r"\b(?:[A-Z]|al|Inc|Ltd|Co|St|Jr)\.$")


def _strip(s: Optional[str]) -> Optional[str]:
    if s is None:
        return None
    s = _WHITESPACE_RUN.sub(" ", s).strip(" ,;:/")
    # "‘Planning for growth’: Entrepreneurial …" keeps the quote that opens
    # the phrase its closing quote ends inside the title.
    pattern = _QUOTES_AT_END if _OPENING_PHRASE.match(s) else _QUOTES_AT_EITHER_END
    for _ in range(2):  # "Polity)." : the dot, then the bracket
        before = s
        s = pattern.sub("", s).strip(" ,;:")
        # A closing bracket that closes one inside stays: "Methods (abstract)".
        at = before.find(s) if s else -1
        cut = before[at + len(s):] if at >= 0 else ""
        for open_, close in ("()", "[]"):
            if close in cut and s.count(open_) > s.count(close):
                s += close
        if s.endswith(".") and not _ABBREVIATION_DOT_AT_END.search(s):
            s = s[:-1].rstrip(" ,;:")
    return s or None


#: A translator's mark: "trans.", "translated by", "tr.", "trad. fr. par", "übers. v.".
_TRANSLATOR = re.compile(
    r"\(\s*(?:trans|transl|tr)\.?\s*\)|\b(?:trans(?:l(?:ated)?)?\.?(?:\s+by)?|translated\s+by|tr\.|"
    r"trad(?:uit|\.)?(?:\s+fr\.)?(?:\s+par)?|übers(?:etzt|\.)(?:\s+v(?:on|\.))?)(?=[\s)]|$)",
    re.IGNORECASE,
)
_TRANSLATOR_NOTE = re.compile(
    r"^(?P<t>.{8,}?)(?:"
    r"[.,]?\s*\(\s*(?:trans|transl|tr)\.?\s[^()]{3,60}\)"  # "(tr. Columban Heaney)"
    r"|[.,]\s+(?:\((?:trans|tr)\.?\)\s+)?(?:trans\.|transl\.|translated by|tr\.|trad\.?(?:\s+fr\.)?\s+par|ed\.|edited by)\s.{3,80}"
    r"|[.,]\s+[^.,()]{3,40}?\s*\((?:trans|tr|transl)\.?\)"  # ", T. Bahti (trans.)"
    r")[.,]?\s*$",
    re.IGNORECASE,
)


#: The medium in brackets (Harvard "[online]", Vancouver "[Internet]"): no part of a title.
_MEDIUM = re.compile(r"\s*\[(?:online|internet|electronic resource|e-?book|cd-rom|dvd)\]", re.IGNORECASE)


#: "In:", "dans", "en" before a book's title or its editors.
_IN_BEFORE_BOOK = re.compile(r"^\s*(?:in:?|dans|en)\s+", re.I)
_BRACKETED_TRANSLATION_AFTER_TITLE = re.compile(r"^(?P<t>.{8,}?)\s*\[[^\]]*\s[^\]]*(?:\]|$).*$")
_ONLINE_THEN_MORE_AFTER_TITLE = re.compile(r"^(?P<t>.{8,}?)\s*\[(?:online|internet)\][.,]?\s+\S.*$", re.I)
_PAPER_PRESENTED_AFTER_TITLE = re.compile(r"^(?P<t>.{8,}?)[.,;]\s+(?:(?:a |unpublished )?(?:paper|lecture) (?:presented|prepared|given) (?:at|for)|keynote (?:at|to))\b.*$", re.I)
_MANUSCRIPT_AT_END = re.compile(r"[.,;]\s+(?:unpublished )?(?:manuscript|mimeo|typescript)\.?$", re.I)
#: The editors' mark that ends editors read into a book's title: "(eds)", "eds. ".
_EDITORS_MARK_IN_BOOK = re.compile(r"\((?:eds?|hrsg|hg)\.?\)[\s.,:]*|\beds?\.?,?\s+(?=[A-Z])")
_CHAPTER_PAGES_AT_END = re.compile(r"[,.]?\s*\bpp?\.\s*\d+\s*[-‐‑–—]+\s*\d+\.?\s*$")
#: A volume ("34", "D86", "XII") and the issue in brackets after it.
_VOLUME_AND_ISSUE = re.compile(r"(?P<v>\d+[A-Z]?|[IVXLC]+\b)(?:\s*[(\[]\s*(?P<i>[^)\]]+?)\s*[)\]])?")
_SECTION_LETTER_BEFORE_VOLUME = re.compile(r"\s*(?P<s>[A-E])\s?\d")
_PAGE_RANGE = re.compile(r"[A-Za-z]?\d+(?:\s*[-‐‑–—]+\s*[A-Za-z]?\d+)?")


def clean_fields(f: dict[str, str]) -> dict[str, Any]:
    """Field strings from :func:`fields_from_labels` → Reference keyword values."""
    out: dict[str, Any] = {}
    if "author" in f:
        out["authors"], out["et_al"] = parse_authors(f["author"])
    if "editor" in f and not (_TRANSLATOR.search(f["editor"]) and not _EDS_MARK.search(f["editor"])):
        # Translators ("Trans. D. Nicholson-Smith", "R. Bononno (trans.)") are
        # no editors; a Reference has no field for them.
        eds = _EDS_MARK.sub(" ", _IN_BEFORE_BOOK.sub("", f["editor"]))
        out["editors"], _ = parse_authors(_TRANSLATOR.sub(" ", eds))
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
        title = _BRACKETED_TRANSLATION_AFTER_TITLE.sub(r"\g<t>", title)
    if title:
        # "Title (tr. C. Heaney)", "Title, T. Bahti (trans.)", "Title. Trans. D. Nicholson-Smith":
        # the translator follows the title.
        title = _TRANSLATOR_NOTE.sub(r"\g<t>", title)
    if title:
        # Harvard "Title [online]. Paper presented at …": the medium ends the title.
        title = _ONLINE_THEN_MORE_AFTER_TITLE.sub(r"\g<t>", title)
        # "Title. Paper presented at …", "Title, mimeo": the kind of document follows the title.
        title = _PAPER_PRESENTED_AFTER_TITLE.sub(r"\g<t>", title)
        title = _MANUSCRIPT_AT_END.sub("", title)
    out["title"] = _strip(_MEDIUM.sub("", title)) if title else None
    cont = f.get("container")
    if cont:
        cont = _MEDIUM.sub("", cont)
        cont = _IN_BEFORE_BOOK.sub("", cont)
        # Editors read into the book title: "A. Smith and B. Jones (eds) Book".
        m = _EDITORS_MARK_IN_BOOK.search(cont)
        if m and m.start() > 0 and len(cont[m.end():].split()) >= 2:
            cont = cont[m.end():]
        # Chapter pages read into the book title: "Book, pp. 155-67".
        cont = _CHAPTER_PAGES_AT_END.sub("", cont)
        out["container"] = _strip(cont)
    vol = f.get("volume")
    if vol:
        m = _VOLUME_AND_ISSUE.search(vol)
        if m:
            out["volume"] = m.group("v")
            if m.group("i"):
                out["issue"] = m.group("i")
            # "Phys. Rev. D86", "Phys. Lett. B 536": the section letter belongs to the journal.
            sec = _SECTION_LETTER_BEFORE_VOLUME.match(vol)
            if sec and out.get("container") and not re.search(r"\b[A-E]\.?$", out["container"]):
                dot = "." if (f.get("container") or "").rstrip(" ,").endswith(".") and not out["container"].endswith(".") else ""
                out["container"] = f"{out['container']}{dot} {sec.group('s')}"
    iss = f.get("issue")
    if iss and "issue" not in out:
        m = re.search(r"[\w/–-]+", re.sub(r"^\W*(?:no|nr|issue|iss|heft|h)\.?\s*", "", iss, flags=re.I))
        if m:
            out["issue"] = m.group(0)
    pages = f.get("pages")
    if pages:
        m = _PAGE_RANGE.search(pages)
        if m:
            out["pages"] = _RANGE_DASH.sub("–", m.group(0))
    out["publisher"] = _strip(f.get("publisher"))
    out["place"] = _strip(f.get("place"))
    ed = f.get("edition")
    if ed:
        m = re.search(r"\d+(?:st|nd|rd|th)?|second|third|fourth|fifth|revised", ed, re.I)
        out["edition"] = m.group(0) if m else _strip(ed)
    return {k: v for k, v in out.items() if v not in (None, "")}
