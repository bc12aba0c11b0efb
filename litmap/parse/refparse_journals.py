"""Journals whose names hold commas, read whole.

Taylor & Francis and SAGE house styles put commas between a title, its
journal and the volume ("…, Housing, Theory and Society, 20, pp. 53-62"),
so a journal named with commas is split at its first comma: the title takes
"Housing" and the journal is "Theory and Society".  Several of the field's
core journals are named so ("Territory, Politics, Governance"; "Cambridge
Journal of Regions, Economy and Society"), and the commas carry no sign of
where the name starts.  :func:`comma_journal` finds such a name printed
before the volume (or at the end) and makes it the container, cutting it
from the title.  The list is of the names themselves, compiled by hand from
the journals' own sites; add to it when one is missing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["COMMA_JOURNALS", "comma_journal"]

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
def _patterns() -> tuple[re.Pattern[str], ...]:
    out = []
    for name in COMMA_JOURNALS:
        words = [w for w in re.findall(r"[^\W_]+", name) if w.lower() not in ("and", "&")]
        # Printed before the volume, a bracket or the end; never mid-sentence
        # ("Territory, politics, governance and multispatial metagovernance").
        body = _JOIN.join(re.escape(w) for w in words)
        out.append(re.compile(rf"(?<![^\W\d_]){body}(?![^\W\d_])(?=[\s,.;:]*(?:\d|[Vv]ol|\(|pp?\.|$))"))
    return tuple(out)


def comma_journal(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with a comma-named journal read whole from ``text``."""
    cont = values.get("container") or ""
    if "," not in text:
        return values
    for pattern in _patterns():
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
            return values  # the CRF read another journal; this name is elsewhere (a title, a series)
        out["container"] = journal
        return out
    return values
