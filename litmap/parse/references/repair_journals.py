"""Repairs of the journal's name: where it starts and ends.

* journals whose names hold commas, read whole (:func:`comma_journal`):
  Taylor & Francis and SAGE house styles put commas between a title, its
  journal and the volume ("…, Housing, Theory and Society, 20, pp. 53-62"),
  so a journal named with commas is split at its first comma: the title
  takes "Housing" and the journal is "Theory and Society".  Several of the
  field's core journals are named so ("Territory, Politics, Governance";
  "Cambridge Journal of Regions, Economy and Society"), and the commas carry
  no sign of where the name starts.  :func:`comma_journal` finds such a name
  printed before the volume (or at the end) and makes it the container,
  cutting it from the title.  The list is of the names themselves, compiled
  by hand from the journals' own sites; add to it when one is missing;
* a volume run into the journal's name (:func:`volume_in_journal_name`);
* a title ending in "?" that runs on into the journal, or a journal that
  took the subtitle after the "?" (:func:`question_title`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from litmap.parse.references.record import EntryText, RefFields

__all__ = ["COMMA_JOURNALS", "comma_journal", "journal_volume_year", "question_title", "subtitle_in_container", "volume_in_journal_name"]

COMMA_JOURNALS = (
    # geography, planning, urban and regional studies
    "Territory, Politics, Governance",
    "Cambridge Journal of Regions, Economy and Society",
    "Housing, Theory and Society",
    "Gender, Place and Culture",
    "Population, Space and Place",
    "Ethics, Place and Environment",
    "Ethics, Policy and Environment",
    "Computers, Environment and Urban Systems",
    "Environment, Development and Sustainability",
    "Regional Studies, Regional Science",
    "Urban, Planning and Transport Research",
    "Geografiska Annaler: Series B, Human Geography",
    "Geografiska Annaler: Series A, Physical Geography",
    "Espace, populations, sociétés",
    "Energy, Sustainability and Society",
    "Sustainability: Science, Practice and Policy",
    "Agriculture, Ecosystems and Environment",
    "Water, Air, and Soil Pollution",
    "Risk, Hazards and Crisis in Public Policy",
    # sociology, politics, culture
    "Theory, Culture and Society",
    "Media, Culture and Society",
    "Information, Communication and Society",
    "Work, Employment and Society",
    "Gender, Work and Organization",
    "Gender, Technology and Development",
    "Science, Technology and Human Values",
    "Science, Technology and Society",
    "Culture, Health and Sexuality",
    "Health, Risk and Society",
    "Crime, Law and Social Change",
    "Food, Culture and Society",
    "Religion, State and Society",
    "Politics, Philosophy and Economics",
    "Politics, Groups, and Identities",
    "Law, Culture and the Humanities",
    "Globalisation, Societies and Education",
    "Race, Ethnicity and Education",
    "Comparative Studies of South Asia, Africa and the Middle East",
    # other fields often cited alongside
    "IEEE Transactions on Systems, Man, and Cybernetics",
    "Computers, Materials and Continua",
)

_JOIN = r"[\s,.:]*(?:(?:and|&|und)\s*)?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each journal's first word (a pattern cannot match a text without it) and its pattern."""
    out = []
    for name in COMMA_JOURNALS:
        words = [w for w in re.findall(r"[^\W_]+", name) if w.lower() not in ("and", "&")]
        # Printed before the volume, a bracket or the end; never mid-sentence
        # ("Territory, politics, governance and multispatial metagovernance").
        body = _JOIN.join(re.escape(w) for w in words)
        out.append((words[0], re.compile(rf"(?<![^\W\d_]){body}(?![^\W\d_])(?=[\s,.;:]*(?:\d|[Vv]ol|\(|pp?\.|$))")))
    return tuple(out)


def comma_journal(entry: EntryText, fields: RefFields) -> RefFields:
    """``values`` with a comma-named journal read whole from ``text``."""
    text = entry.text
    if "," not in text:
        return fields
    values = fields.as_dict()
    cont = values.get("container") or ""
    for first, pattern in _patterns():
        if first not in text:
            continue
        hits = list(pattern.finditer(text))
        if not hits:
            continue
        m = hits[-1]
        journal = m.group(0).strip(" ,.;:")
        out = dict(values)
        title = out.get("title") or ""
        at = text.find(title) if title else -1
        if at >= 0 and at < m.start() < at + len(title):
            out["title"] = text[at: m.start()].rstrip(" ,.;:") or None
        if cont and cont not in journal:
            return fields  # the CRF read another journal; this name is elsewhere (a title, a series)
        out["container"] = journal
        return RefFields.from_values(out)
    return fields


def volume_in_journal_name(entry: EntryText, fields: RefFields) -> RefFields:
    """"Physical Review Letters61, 2412", "Can. J. Chem. 67, 1-9": a volume
    run into (or read with) the journal's name of an article with pages.
    Not a series number ("Perkin Trans. 1"), a year, "CogSci08", or the
    book of a chapter ("In … Proceedings 2001, pp.")."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    cont = out.get("container")
    if not cont or out.get("volume") or out.get("editors") or not (out.get("pages") or out.get("issue")):
        return RefFields.from_values(out)
    m = re.fullmatch(r"(?P<c>.*[^\W\d_]{2}\.?)\s?(?P<v>[1-9]\d{0,3})", cont)
    if not m or m.group("v") == out.get("pages") or re.fullmatch(r"1[5-9]\d\d|20[0-4]\d", m.group("v")):
        return RefFields.from_values(out)
    if re.search(r"(?:trans|series|part|sect|ser)\.?$", m.group("c"), re.I):
        return RefFields.from_values(out)
    at = text.find(cont)
    if at >= 0 and re.search(r"\bin:?\s*$", text[max(0, at - 5) : at], re.I):
        return RefFields.from_values(out)
    out["container"], out["volume"] = m.group("c").strip(), m.group("v")
    return RefFields.from_values(out)


#: What follows a journal's name: "(Zurich) 162", "2001 Jan-Abr; 10(1)", "12,".
_AFTER_JOURNAL = r"[\s.,]*(?:\([^()]{1,30}\)[\s.,]*)?(?:(?:1[5-9]\d\d|20[0-4]\d)[^;\d]{0,12};\s*)?"


def _asked(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text`` followed by "?", a closing quote
    between them or not (a literal search: no pattern compiled per title)."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if text[end:end + 1] == "?" or (text[end:end + 1] in _CLOSING_QUOTES and text[end + 1:end + 2] == "?"):
            return True
        at = text.find(words, at + 1)
    return False


_CLOSING_QUOTES = ('"', "”", "’", "'")


def question_title(entry: EntryText, fields: RefFields) -> RefFields:
    """A title that asks a question, split wrongly at or past its "?":
    "Why do cities grow? Urban Studies 12" (the journal after the "?" read
    into the title) and "Model? Labour Policies of … Europe. European
    Journal of …, 7" (the subtitle after the "?" read into the journal)."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    title, cont, vol = out.get("title"), out.get("container"), out.get("volume")
    if not title or not vol:
        return RefFields.from_values(out)
    head, q, tail = title.rpartition("?")
    tail = tail.strip(" ,.(")
    if q and head and tail and len(tail.split()) <= 4 and not re.search(r"[?:]", tail):
        # The tail is the journal only when the volume (or the journal the
        # CRF found) follows it directly.
        at = text.find(tail, text.find(head) + len(head) if head in text else 0)
        after = text[at + len(tail):] if at >= 0 else ""
        if at >= 0 and re.match(_AFTER_JOURNAL + re.escape(vol) + r"\b", after):
            out["title"], out["container"] = head.strip() + "?", tail
        elif at >= 0 and cont and re.match(r"\s*,\s*" + re.escape(cont), after):
            out["title"], out["container"] = head.strip() + "?", f"{tail}, {cont}"
        return RefFields.from_values(out)
    if not cont or not _asked(text, title.rstrip("?")):
        return RefFields.from_values(out)
    # "Subtitle words. Journal": the journal's head is a sentence of plain
    # words (no abbreviation like "Soc." — that is a journal's own name).
    m = re.fullmatch(r"(?P<sub>(?:[^.?]|(?<=\d)\.)+)\.\s+(?P<j>[A-Z][^?]+)", cont)
    if m and len(m.group("sub").split()) >= 3 and text.find(m.group("sub")) > text.find(title.rstrip("?")) >= 0:
        out["title"], out["container"] = f"{title.rstrip()} {m.group('sub').strip()}", m.group("j").strip()
    return RefFields.from_values(out)


#: Continental humanities style: "‘Title’, Testo 47 (2004), pp. 29-41", "…, Speculum, 76.4 (2001), pp. 1043-1044":
#: the journal, its volume (and issue after a dot), the year in brackets, then the pages.
_JOURNAL_VOLUME_YEAR = re.compile(
    r"[’'”\",]\s*,?\s+(?P<j>[A-ZÀ-Þ][^,()’'”\"]{1,80}?),?\s+(?P<v>\d{1,4})(?:\.(?P<i>\d{1,3}))?\s+"
    r"\((?:1[5-9]\d\d|20[0-4]\d)(?:[-–/]\d{2,4})?\)\s*,\s*(?:pp?\.|col\.|S\.)\s*\d"
)


def journal_volume_year(entry: EntryText, fields: RefFields) -> RefFields:
    """A journal printed "Journal Vol (Year), pp." after the title, as
    continental humanities lists print it ("‘Divagari necesse’, Testo 47
    (2004), pp. 29-41", "…, Speculum, 76.4 (2001), pp. 1043-1044"), left
    out or run into the title: the journal is the container, the number
    its volume (and issue)."""
    if fields.container and fields.volume:
        return fields
    m = _JOURNAL_VOLUME_YEAR.search(entry.text)
    if not m:
        return fields
    journal, volume, issue = m.group("j").strip(), m.group("v"), m.group("i")
    if len(journal.split()) > 8 or re.search(r"\b(?:in|ed|eds|hrsg|a cura)\b\.?", journal, re.I):
        return fields
    out = fields.as_dict()
    title = out.get("title") or ""
    if title.endswith(journal):
        out["title"] = title[: -len(journal)].rstrip(" ,.;:") or None
    elif out.get("container") and out["container"] != journal:
        return fields  # another container was read; leave it
    out["container"], out["volume"] = journal, volume
    if issue and not out.get("issue"):
        out["issue"] = issue
    return RefFields.from_values(out)


def subtitle_in_container(entry: EntryText, fields: RefFields) -> RefFields:
    """A title's subtitle after a colon read as the start of the journal
    ("Informal Institutions and Comparative Politics: A Research Agenda,
    Perspectives on Politics 2, 725-40" → journal "A Research Agenda,
    Perspectives on Politics"): the part before the journal's first comma
    goes back to the title, unless the whole is a journal named with commas."""
    title, cont = fields.title, fields.container
    if not title or not cont or ", " not in cont or not fields.volume:
        return fields
    head, _, rest = cont.partition(", ")
    text = entry.text
    if title not in text or head not in text or rest not in text:  # (before compiling the pattern)
        return fields
    if not re.search(re.escape(title) + r"\s*:\s+" + re.escape(head) + r",\s+" + re.escape(rest), text):
        return fields
    if any(pat.search(cont) for _, pat in _patterns()) or len(rest.split()) < 1 or re.search(r"\d", head):
        return fields
    return RefFields.from_values({**fields.as_dict(), "title": f"{title}: {head}", "container": rest})
