"""Names of people and bodies: one home for what reference lists, in-text
citations and header metadata share.

* :mod:`.normalise` — matching keys for surnames, titles and DOIs, name
  particles, display forms (re-exported here: ``from litmap.parse.names
  import normalise_surname``);
* :mod:`.reference_authors` — a reference entry's author string → ``Author``
  records (persons, organisations, "et al.");
* :mod:`.in_text` — the name part of an in-text citation ("Smith and Jones",
  "World Bank") and narrative names before a bracket;
* :mod:`.organisations` — the words that open or join an organisation's name.

Header author lines (``litmap.parse.metadata_authors``) keep their own
token rules: a title page's names are laid out, not punctuated as a list.
"""

from litmap.parse.names.normalise import (
    PARTICLES,
    display_surname,
    initials_of,
    normalise_doi,
    normalise_surname,
    normalise_title,
    shouted,
    strip_diacritics,
)

__all__ = [
    "PARTICLES",
    "display_surname",
    "initials_of",
    "normalise_doi",
    "normalise_surname",
    "normalise_title",
    "shouted",
    "strip_diacritics",
]
