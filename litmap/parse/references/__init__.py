"""Reference lists: where they are, their entries, and each entry's fields.

A newcomer who wants to fix a misparsed style finds one home per job:

* list bounds and entry splitting — :mod:`.splitting` (``split_references``:
  the list's blocks → entry strings), :mod:`.list_bounds` (where the list
  ends, page furniture inside it), :mod:`.entry_starts` (the patterns that
  open an entry);
* the typed records — :mod:`.record` (:class:`RefFields`, :class:`EntryText`);
* the field labeller — :mod:`.crf` (tokens, features, the shipped model),
  :mod:`.labeller` (CRF labels mended, spans → values), :mod:`.spans` (span
  cleaning, places), :mod:`.rules` (the rule reading of author-date styles);
* the repairs — :mod:`.repairs` (``REPAIRS``, the ordered named steps) and the
  ``repair_*`` modules that hold them by kind (numbers, journals, editors,
  title/container bounds, imprints, grey literature);
* :mod:`.parser` — ``parse_reference``: rules and CRF merged, repaired, typed.

Author names are read by :mod:`litmap.parse.names.reference_authors`, shared
with in-text citations and header metadata in :mod:`litmap.parse.names`.
``docs/references.md`` describes the package, the model recipe and the figures.
"""

from litmap.parse.references.parser import METHODS, Method, parse_reference, parse_references
from litmap.parse.references.record import EntryText, RefFields
from litmap.parse.references.repairs import REPAIRS, Repair, apply_repairs
from litmap.parse.references.splitting import split_reference_text, split_references

__all__ = [
    "METHODS", "Method", "REPAIRS", "EntryText", "RefFields", "Repair", "apply_repairs",
    "parse_reference", "parse_references", "split_reference_text", "split_references",
]
