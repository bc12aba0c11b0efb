"""Vocabulary of organisation authors, shared by citation finding and linking.

In-text citations name bodies as authors (``the State Council (2014)``,
``World Bank (2009)``, ``(Ministry of Housing and Urban-Rural Development
[MOHURD], 2015)``, ``R Core Team``).  Finding them (:mod:`.in_text`) and
linking them to reference entries (:mod:`linking`) must agree on what reads
as an organisation, so the words live here once.
"""

from __future__ import annotations

__all__ = ["ORG_HEADS", "ORG_LINKS"]

#: Head nouns of organisation names, lower-case: a capitalised name holding one
#: ("Housing Authority", "R Core Team") is a body, not a list of surnames.
ORG_HEADS = frozenset(
    "council bank commission ministry bureau committee office department agency organization organisation "
    "institute government assembly forum fund union nations authority board association federation "
    "secretariat administration centre center foundation society parliament team group alliance "
    "corporation consortium observatory academy commissioner habitat".split()
)

#: Small words that join the words of one organisation's name ("Ministry *of*
#: Housing", "Organisation *for* Economic ..."), never two authors.
ORG_LINKS = frozenset({"of", "the", "for", "on", "in", "to", "at", "und"})
