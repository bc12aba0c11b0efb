"""Reference-list formatters for the synthetic papers: APA 7, Harvard (T&F), SAGE Harvard, Springer.

Output is reportlab paragraph markup (``<i>`` for italics, XML-escaped text).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from synthetic_refs import Ref

_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "as", "at", "by", "nor", "but", "with"}
#: Words after a colon that stay capitalised in sentence-case styles.
_PROPER = {"National", "Beijing", "Beijing-Tianjin-Hebei", "Yangtze", "China", "Chinese", "Guangzhou"}


def _cap(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def title_case(title: str) -> str:
    words = title.split(" ")
    out = []
    for i, w in enumerate(words):
        after_colon = i > 0 and words[i - 1].endswith(":")
        out.append(_cap(w) if i == 0 or after_colon or w.lower() not in _SMALL else w)
    return " ".join(out)


def lower_after_colon(title: str) -> str:
    """Sentence case with a lower-case word after the colon (Harvard/Springer)."""
    head, sep, tail = title.partition(": ")
    if not sep or not tail or tail.split(" ")[0] in _PROPER or not tail[0].isalpha():
        return title
    return head + sep + tail[0].lower() + tail[1:]


def _initials_compact(given: str) -> str:
    return given.replace(".", "").replace(" ", "")


def _names(ref: Ref, style: str) -> str:
    people = ref["authors"]
    if ref.get("org"):
        return people[0][0]
    if style == "apa":
        parts = [f"{f}, {g}" for f, g in people]
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + ", & " + parts[-1]
    if style == "harvard":
        parts = [f"{f}, {g.replace('. ', '.')}" for f, g in people]
        if len(parts) <= 2:
            return " and ".join(parts)
        return ", ".join(parts[:-1]) + ", and " + parts[-1]
    parts = [f"{f} {_initials_compact(g)}" for f, g in people]
    if style == "sage":
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return ", ".join(parts)  # springer


def _editors(ref: Ref, style: str) -> str:
    eds = ref["editors"]
    if style == "apa" or style == "harvard":
        parts = [f"{g} {f}" for f, g in eds]
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + (", & " if style == "apa" else ", and ") + parts[-1]
        if style == "apa":
            return f"In {joined} (Ed{'s' if len(eds) > 1 else ''}.), "
        return f"In: {joined}, ed{'s' if len(eds) > 1 else ''}. "
    parts = [f"{f} {_initials_compact(g)}" for f, g in eds]
    joined = parts[0] if len(parts) == 1 else (
        ", ".join(parts[:-1]) + (" and " if style == "sage" else ", ") + parts[-1])
    return f"In: {joined} (ed{'s' if len(eds) > 1 else ''}) "


def format_reference(ref: Ref, style: str) -> str:
    """One reference-list entry as reportlab markup."""
    e = escape
    names = e(_names(ref, style))
    if ref.get("editors_as_authors"):
        names += " (Ed.)." if style == "apa" else (" (ed.)" if style in ("sage", "springer") else ", ed.")
    year, kind, title = ref["year"], ref["kind"], ref["title"]
    doi = ref.get("doi")
    vol, iss, pages = ref.get("volume", ""), ref.get("issue", ""), ref.get("pages", "")
    pub, place = ref.get("publisher", ""), ref.get("place", "")
    if style == "apa":
        lead = f"{names}. ({year}). " if ref.get("org") else f"{names} ({year}). "
        if kind == "article":
            vi = f"<i>{e(vol)}</i>" + (f"({e(iss)})" if iss else "")
            s = f"{lead}{e(title)}. <i>{e(ref['journal'])}</i>, {vi}, {e(pages)}."
        elif kind == "chapter":
            s = f"{lead}{e(title)}. {e(_editors(ref, style))}<i>{e(ref['booktitle'])}</i> (pp. {e(pages)}). {e(pub)}."
        else:
            trans = f" ({e(ref['translator'])}, Trans.)" if ref.get("translator") else ""
            note = f" [{e(ref['note'])}]" if ref.get("note") else ""
            s = f"{lead}<i>{e(title)}</i>{trans}{note}. {e(pub)}."
        return s + (f" https://doi.org/{doi}" if doi else "")
    if style == "harvard":
        t = lower_after_colon(title)
        lead = f"{names}, {year}. "
        if kind == "article":
            vi = e(vol) + (f" ({e(iss)})" if iss else "")
            s = f"{lead}{e(t)}. <i>{e(ref['journal'])}</i>, {vi}, {e(pages)}."
        elif kind == "chapter":
            s = (f"{lead}{e(t)}. {e(_editors(ref, style))}<i>{e(lower_after_colon(ref['booktitle']))}</i>. "
                 f"{e(place)}: {e(pub)}, {e(pages)}.")
        else:
            trans = f" Trans. {e(ref['translator'])}." if ref.get("translator") else ""
            where = f"{e(place)}: {e(pub)}" if place else e(pub)
            note = f" {e(ref['note'])}." if ref.get("note") else ""
            s = f"{lead}<i>{e(t)}</i>.{note}{trans} {where}."
        return s + (f" Available from: https://doi.org/{doi}" if doi else "")
    if style == "sage":
        lead = f"{names} ({year}) "
        if kind == "article":
            vi = e(vol) + (f"({e(iss)})" if iss else "")
            s = f"{lead}{e(title)}. <i>{e(ref['journal'])}</i> {vi}: {e(pages)}."
        elif kind == "chapter":
            s = (f"{lead}{e(title)}. {e(_editors(ref, style))}<i>{e(title_case(ref['booktitle']))}</i>. "
                 f"{e(place)}: {e(pub)}, pp. {e(pages)}.")
        else:
            t = title if kind == "report" else title_case(title)
            trans = f" Trans. {e(ref['translator'])}." if ref.get("translator") else ""
            where = f"{e(place)}: {e(pub)}" if place else e(pub)
            s = f"{lead}<i>{e(t)}</i>.{trans} {where}."
        return s + (f" DOI: {doi}." if doi else "")
    # springer
    t = lower_after_colon(title)
    lead = f"{names} ({year}) "
    if kind == "article":
        vi = e(vol) + (f"({e(iss)})" if iss else "")
        s = f"{lead}{e(t)}. {e(ref['journal'])} {vi}:{e(pages)}"
    elif kind == "chapter":
        s = (f"{lead}{e(t)}. {e(_editors(ref, style))}{e(lower_after_colon(ref['booktitle']))}. "
             f"{e(pub)}, {e(place)}, pp {e(pages)}")
    else:
        trans = f" (trans: {e(ref['translator'])})" if ref.get("translator") else ""
        s = f"{lead}{e(t)}{trans}. {e(pub)}" + (f", {e(place)}" if place else "")
    return s + (f". https://doi.org/{doi}" if doi else "")


def sort_key(ref: Ref) -> tuple:
    """Alphabetical by first author, single-author works first, then co-authors, then year."""
    fams = [f.lower() for f, _ in ref["authors"]]
    return (fams[0], ref["authors"][0][1], len(fams) > 1, fams[1:], ref["year"])
