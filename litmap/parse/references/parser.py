"""One reference string → a :class:`Reference` with fields.

Two parsers, combined by measurement (``benchmarks/eval_references.py``):

* rules (:mod:`litmap.parse.references.rules`): exact on the author-date
  styles of the field (APA, Harvard, T&F, SAGE/Springer), blind outside them;
* a CRF (:mod:`litmap.parse.references.crf`, model shipped in
  ``litmap/data``) that labels tokens and so copes with any order of fields,
  its spans cleaned by rules (:mod:`litmap.parse.references.spans`).

``method="hybrid"`` (the default) takes DOI/URL and the repeated-author dash
from the rules, every other field from the CRF, and falls back to the rules
for year, pages and issue (and for authors printed before an author-date
year, or an organisation the CRF split) when the CRF found none.  Where the
CRF lost a title, journal or publisher that the rules read cleanly (T&F's
"Title, Journal, 53, pp."), the rules' split wins — unless the rules read a
"Place: Publisher" book where the CRF saw a journal.  Places printed alone or
run into the publisher ("Polity, Cambridge") or a chapter's book ("Book.
Göttingen: V&R") are moved to ``place``.  The merged fields, a
:class:`RefFields` record, then go through the named repair steps of
:data:`litmap.parse.references.repairs.REPAIRS`, in order: checks against
the whole string (Vancouver and ACS date blocks, the issue after the
volume, a volume run into the journal, quoted titles, imprints, grey
literature).  Software versions and record identifiers are removed before
parsing (:func:`litmap.parse.references.text.strip_noise`).
Field-level micro F1 / share exactly right of the hybrid
(``benchmarks/eval_references.py --only fields``; none of these sets
trained on; figures and caveats in ``docs/references.md``): CC BY gold
0.976 / 87.2%; EXCITE 0.934 / 77.4%; AnyStyle gold.xml 0.940 / 80.9%; GROBID
held-out slice 0.904 / 65.7%; never tuned on: ParsCit humanities test half
0.931 / 77.9%, ParsCit computer science 0.954 / 80.5%, JATS 0.951 / 79.2%;
JOSS end to end (``eval_joss_references.py``) 0.965 / 82.5%.  Without python-crfsuite or the
model it is rules alone.
Never raises: unparseable input yields a Reference with ``warnings``.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Literal, Optional, Sequence, get_args

from litmap.errors import SettingsError
from litmap.models import Reference
from litmap.parse.references.labeller import crf_fields
from litmap.parse.references.record import FIELD_NAMES, EntryText, RefFields
from litmap.parse.references.repair_grey import PAPER_SERIES, PRESS_DATE
from litmap.parse.references.repairs import apply_repairs
from litmap.parse.references.rules import NUMBERING, REPORT, THESIS, clean_text, parse_rules
from litmap.parse.references.text import squash, strip_noise

__all__ = ["parse_reference", "parse_references", "Method", "METHODS"]

logger = logging.getLogger(__name__)

Method = Literal["hybrid", "rules", "crf"]
METHODS: tuple[str, ...] = get_args(Method)

_FIELDS = FIELD_NAMES
#: Fields the rules may fill when the CRF left them empty.  Elsewhere a rule
#: fallback lowered precision more than it raised recall (eval_references).
_FALLBACK = frozenset({"year", "year_suffix", "year_note", "pages", "issue"})


def parse_reference(
    raw: str,
    index: int = 0,
    page: int = 0,
    previous: Optional[Reference] = None,
    *,
    method: Method = "hybrid",
) -> Reference:
    """Parse one reference string into fields; never raises.

    ``previous`` (the entry before it) supplies the authors of a ``——.``
    repeated-author dash.  ``method`` picks the parser (for evaluation).
    """
    if method not in METHODS:
        raise SettingsError(f"unknown reference parsing method {method!r}; use hybrid, rules or crf")
    try:
        return _parse(raw or "", index, page, previous, method)
    except Exception as exc:  # noqa: BLE001 - one bad string must not stop a document
        logger.debug("reference %d not parsed: %s", index, exc, exc_info=True)
        return Reference(index=index, raw=raw or "", page=page, warnings=(f"not parsed: {type(exc).__name__}",))


def parse_references(entries: Sequence[tuple[str, int]], *, method: Method = "hybrid") -> list[Reference]:
    """Parse a reference list (``split_references`` output) in order, so
    that ``——.`` dashes take the authors of the entry before them."""
    out: list[Reference] = []
    for i, (raw, page) in enumerate(entries):
        out.append(parse_reference(raw, i, page, out[-1] if out else None, method=method))
    return out


def _parse(raw: str, index: int, page: int, previous: Optional[Reference], method: Method) -> Reference:
    source = strip_noise(raw)
    rules, warnings = parse_rules(source, previous)
    if not rules:
        return Reference(index=index, raw=raw, page=page, warnings=tuple(warnings))
    values: dict[str, Any] = {k: rules.get(k) for k in _FIELDS}
    # The number of a numbered entry ("2.", "[12]") is dropped before the CRF:
    # it otherwise pulls the first surname into the number label.
    text = NUMBERING.sub("", clean_text(source)[:2000], count=1)
    crf = crf_fields(text) if method != "rules" else None
    if crf is not None:
        if method == "crf":
            values = {k: crf.get(k) for k in _FIELDS}
            if rules.get("dash_authors"):
                values["authors"] = rules["authors"]
        else:
            values = _merge(rules, crf, text)
    elif method == "crf":
        warnings.append("CRF model not available; parsed by rules")
    fields = apply_repairs(EntryText(clean_text(source), text), RefFields.from_values(values))
    warnings = [w for w in warnings if not _resolved(w, fields)]
    return Reference(
        index=index,
        raw=raw,
        doi=rules.get("doi"),
        url=rules.get("url"),
        type=_type_of(fields, rules, raw),
        page=page,
        warnings=tuple(warnings),
        **fields.as_dict(),
    )


#: Fields taken from the rules when they read the entry confidently.
_CONFIDENT_RULES = frozenset({"title", "container", "volume", "issue", "pages", "publisher", "place", "editors"})


def _merge(rules: dict[str, Any], crf: dict[str, Any], text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # Trust the rules' split only where the CRF lost a part the rules found
    # (T&F "Title, Journal, 53, pp." runs title into journal for the CRF).
    confident = bool(rules.get("confident")) and any(
        rules.get(k) and not crf.get(k) for k in ("title", "container", "publisher")
    )
    if confident and crf.get("container") and not crf.get("title") and _abbreviation(rules.get("title")):
        # "Phys. Rev. Lett. 114": the rules split a journal's abbreviated
        # name into a title "Phys" and a journal "Rev. Lett.".
        confident = not crf["container"].startswith(f"{rules['title']}.")
    if confident and rules.get("type") == "book":
        # The rules' "Place: Publisher" reading swallows a journal the CRF saw.
        confident = not (crf.get("volume") or crf.get("pages") or (crf.get("container") and crf.get("title")))
    for k in _FIELDS:
        r, c = rules.get(k), crf.get(k)
        if confident and k in _CONFIDENT_RULES:
            out[k] = r
        else:
            out[k] = c if c not in (None, (), "") or k not in _FALLBACK else r
    not_names = _read_as_journal(rules, crf) or not _plausible_names(rules.get("authors") or ())
    if rules.get("dash_authors") or (not out.get("authors") and rules.get("authors_confident") and not not_names):
        out["authors"], out["et_al"] = rules["authors"], rules.get("et_al")
        names = squash(" ".join(a.family for a in out["authors"]))
        title_key = squash(out.get("title") or "")
        if out.get("title") and rules.get("title") and out.get("year") and str(out["year"]) in out["title"] \
                and title_key.startswith(squash(out["authors"][0].family)) and title_key.endswith(squash(rules["title"])):
            # The CRF read the names and year as the title's start ("Thirgood SJ
            # 1996 Ecological factors …", a Vancouver name before a bare year).
            out["title"] = rules["title"]
        elif out.get("title") and title_key in names and rules.get("title"):
            # The CRF read the organisation ("OECD (Organisation for …) (2015).")
            # as the title; the rules read what follows the year.
            out["title"] = rules["title"]
            if out.get("container") and squash(out["container"]) in squash(rules["title"]):
                out["container"] = rules.get("container")  # a piece of that title
    elif rules.get("authors_confident") and not not_names and _split_organisation(rules, out):
        out["authors"], out["et_al"] = rules["authors"], False
        # What the CRF read inside the name ("City of" as a publisher) is part of it.
        family = rules["authors"][0].family
        for k in ("publisher", "place", "container", "title"):
            if out.get(k) and out[k] in family:
                out[k] = rules.get(k) if k == "title" else None
        # … and a body publishing itself after the year: "Helsinki: City of Helsinki".
        if not out.get("publisher") and rules.get("publisher") and squash(rules["publisher"]) == squash(family):
            out["publisher"], out["place"] = rules["publisher"], out.get("place") or rules.get("place")
    authors, editors = out.get("authors") or (), out.get("editors") or ()
    if authors and _edited_book(text, out.get("title")) and _lead_names(text, editors):
        # "Brenner N (ed.) (2004) Title", "Hauser, R./Ott, N. (Hrsg.) (1994):",
        # "Krause, Peter, and Ilona Ostner, eds. 2010.": an edited book; its
        # names are its editors and it has no authors (as CSL and BibTeX have
        # it).  The same names again after "In" are a chapter's authors who
        # edited the book.
        keep = {squash(a.family) for a in editors}
        people = list(editors) + [a for a in authors if squash(a.family) not in keep]
        at = squash(text)
        out["authors"], out["editors"] = (), tuple(sorted(people, key=lambda a: at.find(squash(a.family))))
    if not out.get("title") and not out.get("container") and rules.get("url") and rules.get("title"):
        # "Year. pyActigraphy. https://…": a bare title before a URL is not
        # labelled by the CRF; the rules' sentence split finds it.
        if not re.fullmatch(r"[\d\s.,;:()/-]*", rules["title"]):
            out["title"] = rules["title"]
    if out.get("year") and out.get("year_note") and not crf.get("year_note"):
        out["year_note"] = None
    return out


#: An editors' mark before the title: "Risse, T. (ed.) (2011)", "J. Latacz (hrsg.),", "Müller, A., eds.".
_LEAD_EDITED = re.compile(
    r"\(\s*(?:eds?|edd|hrsg|hg|éds?|dirs?|coords?|a\.?\s?c\.\s?di)\.?\s*\)|,\s*(?:eds?|edd)\.?(?=[\s,(])", re.I
)


def _edited_book(text: str, title: Optional[str]) -> bool:
    """The names that open ``text`` carry an editors' mark, before the title
    and the year: not a chapter's "In Jones (ed.)", not "(2004) (ed.)"."""
    at = text.find(title) if title else -1
    head = text[:at] if at > 0 else text[:200]
    m = _LEAD_EDITED.search(head)
    return m is not None and not re.search(r"\b[Ii]n:?\s|\b(?:1[5-9]|20)\d\d\b", head[: m.start()])


def _lead_names(text: str, editors: Sequence[Any]) -> bool:
    """Every editor the CRF found is one of the names before the editors'
    mark (it labels the tail of a long list "editors"), not a book's."""
    m = _LEAD_EDITED.search(text[:300])
    head = squash(text[: m.start()]) if m else ""
    return all(squash(e.family) in head for e in editors)


_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_DIGIT = re.compile(r"\d")


def _plausible_names(authors: Sequence[Any]) -> bool:
    """No family name of a person or body is a number ("Vol. 25, No. 3" read as names)."""
    return all(_TWO_LETTERS.search(a.family) and not _DIGIT.search(a.family) for a in authors)


def _abbreviation(title: Optional[str]) -> bool:
    """"Phys", "Q. Appl", "SIAM J. Appl": the head of an abbreviated journal name."""
    words = (title or "").split()
    return 0 < len(words) <= 3 and all(len(w.rstrip(".")) <= 7 and w[:1].isupper() for w in words)


def _read_as_journal(rules: dict[str, Any], crf: dict[str, Any]) -> bool:
    """The CRF read the rules' author as the journal of an entry with no
    title ("Biostatistics (2003). 4, 2, pp. 195–206", a page header)."""
    names = [squash(a.family) for a in rules.get("authors") or ()]
    read = squash(crf.get("container") or "")
    return bool(names and read) and not crf.get("title") and all(n and n in read for n in names)


def _split_organisation(rules: dict[str, Any], out: dict[str, Any]) -> bool:
    """The CRF split an organisation the rules read whole before an
    author-date year ("City of Helsinki. (2008)." → publisher "City of",
    author "Helsinki")."""
    ours: Sequence[Any] = rules.get("authors") or ()
    if len(ours) != 1 or not ours[0].organisation:
        return False
    # "DCLG (Department of Communities and Local Government)": the name spelt out.
    name = re.sub(r"^([A-Z][\w&-]{1,12})\s*\([^()]{6,90}\)$", r"\1", ours[0].family)
    if len(name.split()) > 6 or re.search(r"[,.:;\"“”‘’(]", name):
        return False  # the rules' head ran on into the title
    words = set(re.findall(r"\w+", ours[0].family.lower()))
    crf_words = set(re.findall(r"\w+", " ".join(f"{a.family} {a.given or ''}" for a in out.get("authors") or ()).lower()))
    return crf_words < words


def _resolved(warning: str, fields: RefFields) -> bool:
    return (warning == "no year found" and bool(fields.year or fields.year_note)) or (
        warning == "no authors found" and bool(fields.authors)
    )


#: "In" or "In:" before a book's title (not "in press").
_IN_BEFORE_BOOK = re.compile(r"\bIn:?\s+(?!press\b)")


def _type_of(v: RefFields, rules: dict[str, Any], raw: str) -> str:
    if THESIS.search(raw) and not v.volume:
        return "thesis"
    edited_book = v.editors and not v.authors and not v.container
    # "In" that opens a book's title, not the title's own first word ("(2003). In engaged Buddhism, …").
    in_book = any(not (v.title and v.title.startswith(raw[m.start(): m.start() + len(v.title[:12])]))
                  for m in _IN_BEFORE_BOOK.finditer(raw))
    if (v.editors and not edited_book) or in_book and v.container and not v.volume:
        return "chapter"
    if v.container and PAPER_SERIES.search(v.container):
        return "report"  # "IZA Discussion Paper no. 97"
    if v.container and (v.volume or v.issue or v.pages or PRESS_DATE.search(raw)):
        return "article"
    if v.container and rules.get("type") == "article":
        return "article"
    if rules.get("url") and v.container and not (v.publisher or v.place or v.editors) \
            and re.search(re.escape(v.container) + r"[.,]?\s+<?(?:https?://|www\.)", raw):
        return "web"  # a site or magazine named right before the address: "… Infonortics. http://…"
    authors = v.authors or ()
    if (authors and authors[0].organisation) or REPORT.search(raw):
        if not v.container:
            return "report"
    if v.publisher or edited_book or (v.place and v.title and not v.container):
        return "book"
    if rules.get("url") and not v.container:
        return "web"
    return rules.get("type") or "other"
