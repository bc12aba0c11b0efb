"""One reference string → Reference fields, by rules alone.

The order of work: pull out what is unambiguous wherever it sits (DOI, URL,
numbering), find the year (it splits author-date styles into authors | rest),
then split the rest into title and a tail that is read as journal
volume/issue/pages, ``In`` editors' book (chapter), or place/publisher (book).
Used on its own (``method="rules"``) and to fill and check the CRF's fields
(:mod:`litmap.parse.references.parser`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Optional

from litmap.models import Author, Reference
from litmap.parse.names import normalise_doi
from litmap.parse.names.reference_authors import looks_like_organisation, parse_authors
from litmap.util.accents import attach_spacing_accents

__all__ = ["parse_rules", "clean_text", "THESIS", "REPORT", "NUMBERING"]


_MAX_LEN = 2000  # longer "entries" are mis-splits; parse a prefix only
# "[12]", "(3)", "4. ", "5 Smith", and "1.Lino" with the space lost.
_NUMBERING = re.compile(r"^\s*(?:\[\s*\d{1,4}\s*\]|\(\d{1,4}\)|\d{1,4}\.(?=\s)|\d{1,3}\.(?=[A-ZА-ЯЁΑ-Ω][a-zа-яёα-ω])|\d{1,4}\s(?=[A-Z]))\s*")
#: A repeated-author dash, or the comma or full stop left of one the text layer lost (", 1988: Title", ". 1996. Title").
_DASHES = re.compile(r"^\s*(?:[-‐‑‒–—―_]{2,}|—|(?=[,.]\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?\s*[:.,;]))\s*[.,]?\s*")
_URL_SIMPLE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_DOI_TEXT = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:?\s*)?10\.\d{4,9}/[^\s\"<>]+", re.IGNORECASE)
_ACCESS = re.compile(
    r"\(?\b(?:accessed|retrieved|last accessed|viewed|consulted|zugegriffen|abgerufen)\b[^()]*?(?:\d{4}|\))\)?\.?"
    r"|\bavailable (?:at|from|online)\s*:?|\bretrieved from\b|\[online\]|\bonline:",
    re.IGNORECASE,
)
_Y = r"(?:1[5-9]\d\d|20[0-4]\d)"
_YEAR_NOTE = r"(?:n\.\s?d\.?|no date|in press|forthcoming|im druck|under review|submitted)"
# Year in brackets right after the authors: (2004), (2004a), (2004/2010), (n.d.), (2020, May 3)
_PAREN_YEAR = re.compile(
    rf"\(\s*(?:(?P<y>{_Y})(?:[/–-]\d{{2,4}})?(?P<s>[a-z])?(?:,[^)]{{0,30}})?|(?P<note>{_YEAR_NOTE}))\s*\)", re.IGNORECASE
)
# Bare year between separators: "Brenner, N., 2004. Title", "SMITH J, 1994, Title"
_BARE_YEAR = re.compile(rf"(?:^|[\s,.(])(?P<y>{_Y})(?P<s>[a-z])?(?=[.,:;)\s]|$)|(?P<note>\b{_YEAR_NOTE})", re.IGNORECASE)
_PAGES = re.compile(r"(?:\bpp?\.?\s*)?(?P<p>[A-Za-z]?\d+\s*[-‐‑–—]+\s*[A-Za-z]?\d+|\d+(?:ff?\.)?)")
# Tail of an article: "Journal, 34(3), 484–501" / "Journal 34(3): 484–501" / "Journal, 53, pp. 548–572"
_ARTICLE_TAIL = re.compile(
    r"^(?P<c>.*?[^\d\s(,.:;])[\s,.:;]*\s*(?:vol(?:ume)?\.?\s*)?(?P<v>\d{1,4}[A-Z]?)"
    r"(?:\s*[(\[]\s*(?P<i>[^()\[\]]{1,20})\s*[)\]]|(?:,\s*|\s+)(?:no|nr|issue|iss|heft|h|n°|nº)\.?\s*(?P<i2>[\w/–-]{1,10}))?"
    r"(?:\s*[,:;.]\s*|\s+)(?:pp?\.?\s*)?(?P<p>[A-Za-z]?\d+(?:\s*[-‐‑–—]+\s*[A-Za-z]?\d+)?|e\d+)\s*[.,;]?\s*$",
    re.IGNORECASE,
)
_ARTICLE_VOL_ONLY = re.compile(
    r"^(?P<c>.*?[^\d\s(,.:;])[\s,.:;]+(?:vol(?:ume)?\.?\s*)?(?P<v>\d{1,4})(?:\s*\((?P<i>[^()]{1,20})\))?\s*[.,;]?\s*$",
    re.IGNORECASE,
)
_IN = re.compile(r"^(?:in|dans|en|in:)\s*:?\s+", re.IGNORECASE)
_EDS = re.compile(r"\(\s*(?:eds?|hrsg|hg|coords?|dirs?)\.?\s*\)|\beds?\.(?=\s|,|$)|\beditors?\b|\(Hrsg\.\)", re.IGNORECASE)
_EDITION = re.compile(r"\(?\b(?P<e>\d+(?:st|nd|rd|th)|second|third|fourth|fifth|revised|rev\.)\s+(?:edn?\.?|edition|ed\.)\)?", re.IGNORECASE)
_THESIS = re.compile(r"\b(?:thesis|dissertation|doctoral|phd|ph\.d|master'?s|msc|dissertação|tesis)\b", re.IGNORECASE)
_REPORT = re.compile(r"\b(?:report|working paper|discussion paper|policy brief|white paper|technical paper|briefing|strategy|plan|series|no\.\s*\d)\b", re.IGNORECASE)
_PUBLISHER_WORDS = re.compile(r"\b(?:press|verlag|publish\w*|books|routledge|sage|wiley|blackwell|springer|elsevier|palgrave|macmillan|polity|verso|penguin|basic|norton|guilford|earthscan|edward elgar|brill|oup|cup|mit|university|universitet|editions?|éditions|edizioni)\b", re.IGNORECASE)
_QUOTED = re.compile(r"^[\"“”‘’'«„](?P<t>.+?)[\"“”’'»]\s*[.,:;]?\s*(?P<rest>.*)$")


# clean_text's substitutions, compiled once (module-level re.sub looks each pattern up per call).
# A line-break hyphen left by a join ("regio- nal"), not a suspended
# compound ("Betriebs- und Personalräte", "mittel- und osteuropäisch").
_JOIN_HYPHEN = re.compile(r"(\w)[-‐] (?=[a-z])(?!(?:und|oder|bzw|sowie|bis|zur|zum|and|or|to|en|et|ou|y|e|i|a)\b)")
# A capital cut from its accented next letter by PDF extraction: "L üthje".
_CUT_CAPITAL = re.compile(r"(?<![\w.])([A-Z]) (?=[à-öø-ÿ][a-zà-öø-ÿ]+\b)")
# The figure dash "‒" (U+2012) of some typesetters in a page range.
_FIGURE_DASH = re.compile(r"(?<=\d)\s*‒\s*(?=[A-Za-z]?\d)")
_SPACES = re.compile(r"\s+")
# What both of _unglue's substitutions need: three lower-case letters, "," or ".", a capital and a lower-case letter.
_GLUED = re.compile(r"[a-z]{3}[,.][A-Z][a-z]")
_GLUED_COMMA = re.compile(r"(?<=[a-z]{3}),(?=[A-Z][a-z])")
_GLUED_STOP = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,})(?!(?:Com|Org|Net|Gov|Edu|Info)\b)")


@functools.lru_cache(maxsize=4096)
def clean_text(raw: str) -> str:
    """The reference string the parsers read: NFKC, controls as spaces, line-break hyphens and
    lost spaces mended, whitespace squashed.  Cached: a reference is cleaned by the parser, the
    rules and the repairs alike."""
    # Before NFKC, which turns a spacing "¨" into a space and a combining mark.
    text = unicodedata.normalize("NFKC", attach_spacing_accents(raw))
    # Controls (category C) become spaces; a printable string has none.
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    if "- " in text or "‐ " in text:
        text = _JOIN_HYPHEN.sub(r"\1", text)
    text = _CUT_CAPITAL.sub(r"\1", text)
    # Every _unglue match lies inside one whitespace-free token, so a text without one is only re-spaced.
    if _GLUED.search(text):
        text = " ".join(_unglue(t) for t in text.split())
    else:
        text = " ".join(text.split())
    if "‒" in text:
        text = _FIGURE_DASH.sub("–", text)
    return _SPACES.sub(" ", text).strip()


def _unglue(token: str) -> str:
    """A space lost in extraction after a sentence end or a comma:
    "oscilloscope.Nature" → "oscilloscope. Nature", "dynamics,The" →
    "dynamics, The"; URLs, e-mail addresses and initials ("J.Smith") are left."""
    if "/" in token or "@" in token or token.lower().startswith("www") or not _GLUED.search(token):
        return token
    token = _GLUED_COMMA.sub(", ", token)
    return _GLUED_STOP.sub(". ", token)


def _strip_trail(s: Optional[str]) -> Optional[str]:
    if s is None:
        return None
    s = s.strip().strip(",;:").strip()
    if s.endswith(".") and not re.search(r"\b(?:[A-Z]|al|ed|eds|Inc|Ltd|Co|St|Jr)\.$", s):
        s = s[:-1]
    s = s.strip()
    return s or None


def _find_year(text: str, limit: int) -> Optional[re.Match[str]]:
    """The year that ends the author part: the first bracketed year, else the
    first bare year within ``limit`` characters."""
    m = _PAREN_YEAR.search(text)
    if m and m.start() <= limit:
        return m
    for b in _BARE_YEAR.finditer(text):
        if b.start() > limit:
            break
        start = b.start("y") if b.group("y") else b.start()
        prev = text[max(0, start - 3) : start]
        if b.group("y") and re.search(r"\d\s?[(]?$|[:;]\s?$", prev):
            continue  # volume(issue) or "1999:12" – not the date
        return b
    return m


#: A sentence end in a title: ". " "? " "! " (and a closing quote) before a capital, a digit, "In", "(".
_SENTENCE_END = re.compile(r"(?<=[^\s.])([.?!])[’'”\"]?\s+(?=[A-Z0-9(\[\"“‘]|In\b|in:|pp\.|https?:|[a-z]+\s)")
#: An initial or abbreviation whose full stop ends no sentence: "J.", "vol.", "U.S.", "e.g.".
_ABBREVIATION_AT_END = re.compile(r"(?:\b[A-Z]|\bvs|\bno|\bvol|\bed|\beds|\bpp|\bSt|\bDr|\bU\.S|\bcf|\bi\.e|\be\.g)\.$", re.I)


def _split_title(rest: str) -> tuple[Optional[str], str]:
    """Title and what follows it."""
    rest = rest.strip(" .,:;")
    if not rest:
        return None, ""
    q = _QUOTED.match(rest)
    if q:
        return q.group("t").strip(" ,."), q.group("rest")
    # Sentence end: ". " "? " "! " followed by a capital, digit, "In", "(".
    # A question often opens a subtitle ("…social mix’? Shifting …"), so a
    # later full stop wins over "?"/"!".
    ends: list[tuple[str, int, int]] = []
    for m in _SENTENCE_END.finditer(rest):
        before = rest[: m.start() + 1]
        if m.group(1) == "." and _ABBREVIATION_AT_END.search(before):
            continue
        ends.append((m.group(1), m.start(), m.end()))
    stop = next((e for e in ends if e[0] == "."), ends[0] if ends else None)
    if stop is not None:
        kind, start, end = stop
        title = rest[:start] if kind == "." else rest[: start + 1]
        return title.strip(), rest[end:]
    # T&F/Harvard with commas: "Title, Journal, 53, pp. 548–572".
    t = re.match(r"^(?P<t>.+?),\s+(?P<rest>[A-Z][^,]*(?:: [^,]+)?,\s*(?:vol\.?\s*)?\d.*)$", rest)
    if t:
        return t.group("t"), t.group("rest")
    # Comma styles: "Title, Ithaca, Cornell University Press".
    c = re.match(r"^(?P<t>.+?),\s+(?P<rest>(?:[A-Z][\w .-]{1,30}[,:]\s+)?[^,]*" + _PUBLISHER_WORDS.pattern + r"[^,]*)$", rest, re.I)
    if c:
        return c.group("t"), c.group("rest")
    # Book with bracketed publisher: "The Asset Economy (Medford: Polity)".
    b = re.match(r"^(?P<t>.+?)\s*(?P<rest>\([^()]*:[^()]*\))\s*$", rest)
    if b:
        return b.group("t"), b.group("rest")
    return rest, ""


_PLACE_COLON_PUBLISHER = re.compile(r"^(?P<place>[^:]{2,40}):\s*(?P<pub>.+)$")


def _place_publisher(tail: str) -> tuple[Optional[str], Optional[str]]:
    tail = tail.strip(" .,;()")
    if not tail:
        return None, None
    m = _PLACE_COLON_PUBLISHER.match(tail)
    if m:
        return _strip_trail(m.group("place")), _strip_trail(m.group("pub"))
    # Springer: "Oxford University Press, Oxford"; EXCITE: "Ithaca, Cornell University Press"
    parts = [p.strip() for p in tail.split(",") if p.strip()]
    if len(parts) == 2:
        a, b = parts
        if _PUBLISHER_WORDS.search(a) and not _PUBLISHER_WORDS.search(b):
            return _strip_trail(b), _strip_trail(a)
        if _PUBLISHER_WORDS.search(b) and not _PUBLISHER_WORDS.search(a):
            return _strip_trail(a), _strip_trail(b)
        if len(b.split()) <= 2:
            return _strip_trail(b), _strip_trail(a)
    return None, _strip_trail(tail)


_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
#: A "doi:", "DOI" or "URL" label left at the end once its address was cut out.
_ADDRESS_LABEL_AT_END = re.compile(r"\s*\[?\b(?:doi|DOI|URL)\]?:?\s*$")
_INITIAL_AT_END = re.compile(r"\b[A-Z]\.$")
_PUNCTUATION_AT_START = re.compile(r"^[\s.,:;)\]]+")


def parse_rules(raw: str, previous: Optional[Reference] = None) -> tuple[dict[str, Any], list[str]]:
    """Reference keyword values found by rules, and warnings."""
    warnings: list[str] = []
    text = clean_text(raw or "")
    if len(text) > _MAX_LEN:
        warnings.append(f"entry is {len(text)} characters long; probably several entries run together")
        text = text[:_MAX_LEN]
    # Any script: CJK entries ("長塚 隆 (2020). …") are parsed too.
    if not _TWO_LETTERS.search(text):
        return {}, ["no text to parse"]
    text = _NUMBERING.sub("", text, count=1)
    dash_authors: tuple[Author, ...] = ()
    if _DASHES.match(text):
        text = _DASHES.sub("", text, count=1)
        if previous is not None and previous.authors:
            dash_authors = previous.authors
        else:
            warnings.append("repeated-author dash with no previous entry")

    doi = None
    m = _DOI_TEXT.search(text)
    if m:
        doi = normalise_doi(m.group(0))
        text = (text[: m.start()] + " " + text[m.end() :]).strip()
    url = None
    u = _URL_SIMPLE.search(text)
    if u:
        url = u.group(0).rstrip(".,;)]")
        if "doi.org/" in url.lower() and doi is None:
            doi = normalise_doi(url)
            url = None
        text = (text[: u.start()] + " " + text[u.end() :]).strip()
    text = _ACCESS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" ,;")
    text = _ADDRESS_LABEL_AT_END.sub("", text)

    # Year: author-date styles put it within the first ~40% of the string.
    ym = _find_year(text, limit=max(60, int(len(text) * 0.6)) if not dash_authors else 12)
    year = year_suffix = year_note = None
    authors_text = ""
    rest = text
    year_in_tail = False
    if ym is not None:
        if ym.group("y"):
            year = int(ym.group("y"))
            year_suffix = ym.group("s")
        else:
            note = ym.group("note").lower()
            year_note = "n.d." if note.startswith("n") else note
        head = text[: ym.start()].strip(" ,(")
        if head.endswith(".") and not _INITIAL_AT_END.search(head):
            head = head[:-1]
        if dash_authors or not head:
            authors_text, rest = "", text[ym.end() :]
        elif head and _looks_like_authors(head):
            authors_text, rest = head, text[ym.end() :]
        else:
            # Year at the end (Vancouver, Chicago notes, Elsevier numeric).
            year_in_tail = True
            authors_text, rest = _split_authors_first(text)
            rest = rest.replace(ym.group(0).strip(" ,.;"), " ", 1) if ym.group(0).strip(" ,.;") in rest else rest
    else:
        warnings.append("no year found")
        authors_text, rest = _split_authors_first(text)

    rest = _PUNCTUATION_AT_START.sub("", rest)
    rest = _SPACES.sub(" ", rest).strip()
    authors, et_al = parse_authors(authors_text) if authors_text else ((), False)
    if dash_authors:
        authors = dash_authors
    if not authors:
        warnings.append("no authors found")

    title, tail = _split_title(rest)
    fields = _read_tail(tail)
    ref_type = fields.pop("type")
    if ref_type == "other":
        if url and not fields.get("container") and not fields.get("publisher"):
            ref_type = "web"
        elif _THESIS.search(text):
            ref_type = "thesis"
        elif authors and authors[0].organisation or _REPORT.search(tail or ""):
            ref_type = "report"
        elif not tail and title:
            ref_type = "book" if not url else "web"
    out: dict[str, Any] = dict(
        authors=authors,
        editors=fields.get("editors", ()),
        et_al=et_al,
        year=year,
        year_suffix=year_suffix,
        year_note=year_note,
        title=_strip_trail(title),
        container=_strip_trail(fields.get("container")),
        volume=fields.get("volume"),
        issue=fields.get("issue"),
        pages=fields.get("pages"),
        edition=fields.get("edition"),
        publisher=fields.get("publisher"),
        place=fields.get("place"),
        doi=doi,
        url=url,
        type=ref_type,
        dash_authors=bool(dash_authors),
    )
    # Authors read before an author-date year are reliable on their own.
    out["authors_confident"] = bool(ym is not None and not year_in_tail and authors)
    # Confident: an author-date entry whose tail read cleanly as one of the
    # shapes the rules know; the hybrid then trusts the rules' split.
    out["confident"] = bool(
        ym is not None
        and not year_in_tail
        and (authors or dash_authors)
        and out["title"]
        and (
            (ref_type == "article" and out["volume"] and out["pages"] and out["container"])
            or (ref_type == "chapter" and out["editors"] and out["container"])
            or (ref_type == "book" and out["publisher"] and out["place"])
        )
    )
    return out, warnings


_TOKEN_BETWEEN_SEPARATORS = re.compile(r"[^\s,;&]+")


def _looks_like_authors(head: str) -> bool:
    if len(head) > 400:
        return False
    if looks_like_organisation(head.strip(" .,")):
        return True
    # Names are capitalised words, initials and separators; a title has many
    # lower-case words.
    words = _TOKEN_BETWEEN_SEPARATORS.findall(head)
    lower = [w for w in words if w[:1].islower() and w.lower() not in {"and", "und", "et", "al.", "al", "van", "von", "der", "de", "den", "du", "da", "del", "la", "le", "di", "dos", "y", "ed.", "eds.", "(ed.)", "(eds.)", "ter"}]
    return len(lower) <= max(1, len(words) // 4)


def _split_authors_first(text: str) -> tuple[str, str]:
    """Authors end at the first ". " (or ": ", "," before a quote) that does
    not follow an initial."""
    for m in re.finditer(r"(?<=[^\s])([.:])\s+|,\s*(?=[\"“‘])", text):
        before = text[: m.start()]
        if m.group(0).startswith(".") and re.search(r"(?:\b[A-Z][a-z]?|\bal|\bet al|\bJr|\bSt)$", before):
            # "Smith J, Jones K. Title": initials without periods end the list.
            if not re.search(r"(?:^|,\s*)[A-Z][\w'’-]+ [A-Z]{1,3}$", before):
                continue
        if _looks_like_authors(before):
            return before, text[m.end() :]
        break
    # Elsevier numeric: "N. Brenner, J. Peck, Title words, Journal 12 (2004) 1–20."
    parts = text.split(", ")
    names = []
    for p in parts:
        if re.match(r"^(?:[A-Z]\.[\s-]?){1,3}\s?[A-Z][\w'’-]+$|^[A-Z][\w'’-]+\s(?:[A-Z]\.?){1,3}$", p.strip()) or re.match(r"^(?:and|&)\s", p):
            names.append(p)
        else:
            break
    if names:
        return ", ".join(names), ", ".join(parts[len(names) :])
    return "", text


#: A journal with pages but no volume: "Journal, pp. 12-30.".
_JOURNAL_THEN_PAGES = re.compile(r"^(?P<c>[^,]+?),?\s+pp?\.\s*(?P<p>\d+\s*[-–]\s*\d+)\.?$")


def _read_tail(tail: str) -> dict:
    """Fields after the title: chapter, article, thesis/report or book."""
    out: dict = {"type": "other"}
    tail = tail.strip(" .,;")
    e = _EDITION.search(tail)
    if e:
        out["edition"] = e.group("e")
        tail = (tail[: e.start()] + tail[e.end() :]).strip(" .,;")
    if not tail:
        return out
    # Chapter: "In X. Y. (Ed.), Book (pp. 1–20). Place: Publisher."
    if _IN.match(tail):
        body = _IN.sub("", tail, count=1)
        out["type"] = "chapter"
        pm = re.search(r"\(?\bpp?\.?\s*(?P<p>\d+\s*[-‐‑–—]+\s*\d+)\)?", body)
        if pm:
            out["pages"] = _norm_pages(pm.group("p"))
            body = re.sub(r"\s+([.,:;])", r"\1", body[: pm.start()] + " " + body[pm.end() :]).strip()
        ed = _EDS.search(body)
        if ed:
            eds_text = body[: ed.start()]
            out["editors"], _ = parse_authors(eds_text)
            body = body[ed.end() :].strip(" ,.:")
        elif re.match(r"^(?:ed\.|edited by)\s", body, re.I):
            body = re.sub(r"^(?:ed\.|edited by)\s", "", body, flags=re.I)
        book, after = _split_title(body)
        out["container"] = book
        out["place"], out["publisher"] = _place_publisher(after)
        return out
    am = _ARTICLE_TAIL.match(tail) or _ARTICLE_VOL_ONLY.match(tail)
    if am and len(am.group("c")) < 200 and not _PUBLISHER_WORDS.fullmatch(am.group("c").strip()):
        out["type"] = "article"
        out["container"] = am.group("c")
        out["volume"] = am.group("v")
        issue = am.groupdict().get("i") or am.groupdict().get("i2")
        out["issue"] = issue.strip() if issue else None
        if am.groupdict().get("p"):
            out["pages"] = _norm_pages(am.group("p"))
        return out
    if _THESIS.search(tail):
        out["type"] = "thesis"
        out["place"], out["publisher"] = None, _strip_trail(tail)
        return out
    # A journal with pages but no volume: "Journal, pp. 12-30."
    pm = _JOURNAL_THEN_PAGES.match(tail)
    if pm:
        out.update(type="article", container=pm.group("c"), pages=_norm_pages(pm.group("p")))
        return out
    out["type"] = "report" if _REPORT.search(tail) else "book"
    out["place"], out["publisher"] = _place_publisher(tail)
    return out


_RANGE_DASH = re.compile(r"\s*[-‐‑–—]+\s*")


def _norm_pages(p: str) -> str:
    return _RANGE_DASH.sub("–", p.strip())


THESIS = _THESIS
NUMBERING = _NUMBERING
REPORT = _REPORT
