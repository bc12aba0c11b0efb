"""The field labeller: the CRF's token labels, mended, as field values.

The CRF (:mod:`.crf`) finds *where* each field is; :func:`mend_labels`
moves label boundaries that no printed reference puts inside a name or a
title to where the punctuation is ("London/place School/publisher of
Economics" is one publisher, "… in Greater/title London/place" one title;
"V&R unipress./pages S. 183" keeps "unipress" with what it ends; a book
has one imprint, at its end, so a place run never crosses a sentence's end
and a "Place:" read where the title stands is the title's); and
:func:`.spans.clean_fields` decides *what* each span says.  The rules'
reading (:mod:`.rules`) is the other labeller; :mod:`.parser` merges the two.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from litmap.parse.references import crf
from litmap.parse.references.spans import clean_fields

__all__ = ["crf_fields", "mend_labels"]


def crf_fields(text: str) -> Optional[dict[str, Any]]:
    """The CRF's fields of ``text`` (cleaned values by field name), or
    None when no model is available."""
    labelled = crf.label_tokens(text)
    if labelled is None:
        return None
    tokens, labels = labelled
    labels = mend_labels(text, tokens, labels)
    return clean_fields(crf.fields_from_labels(text, tokens, labels))


_PAGE_MARK = re.compile(r"(?:pp?|S|P|pages?|seiten|ss)\.?|.*\d.*|[ivxlc]+", re.I)


_WORD_CHARACTER_AT_END = re.compile(r"\w$")


def mend_labels(text: str, tokens: list[tuple[str, int, int]], labels: list[str]) -> list[str]:
    """CRF labels with boundaries no printed reference puts inside a name
    or a title moved to where the punctuation is, and place names in a
    title told from the entry's one imprint at its end."""
    out = list(labels)
    n = len(out)
    _cut_place_at_sentence_end(tokens, out)  # first: the rules below read a place's bounds
    for i in range(n - 1):
        # A place run straight into a publisher, one space between: "London School of …".
        if out[i] == "place" and out[i + 1] == "publisher" and tokens[i + 1][1] - tokens[i][2] == 1:
            if _WORD_CHARACTER_AT_END.search(tokens[i][0]) and tokens[i + 1][0][:1].isupper():
                j = i
                while j >= 0 and out[j] == "place":
                    out[j] = "publisher"
                    j -= 1
    for i in range(1, n):
        # A place run straight after title words, one space between, is part
        # of the title: "… in Greater London", "… in Zuidas Amsterdam, Ørestad …".
        if out[i] == "place" and out[i - 1] == "title" and tokens[i][1] - tokens[i - 1][2] == 1:
            end = i
            while end < n and out[end] == "place":
                end += 1
            # … unless "Place: Publisher" follows ("The Twentieth Century Paris: Revue Noire").
            colon = end < n and tokens[end][0] == ":" or tokens[end - 1][0] == ":"
            if re.search(r"\w$", tokens[i - 1][0]) and tokens[i][0][:1].isalpha() and not colon:
                for j in range(i, end):
                    out[j] = out[i - 1]
    for i in range(1, n):
        # Words opening a pages run that are no page marks belong to the field before.
        if out[i] == "pages" and out[i - 1] not in ("pages", "O") and not _PAGE_MARK.fullmatch(tokens[i][0]):
            if re.match(r"[^\W\d]", tokens[i][0]):
                out[i] = out[i - 1]
    _one_imprint(tokens, out)
    _places_before_imprint(tokens, out)
    _unlabelled_title_head(tokens, out)
    return out


_IMPRINT = ("place", "publisher")
#: Labels that come before a title: the names and the date.
_BEFORE_TITLE = ("author", "editor", "year", "num")


#: A capitalised word with the full stop that ends a sentence ("Tokyo.",
#: "Adab."), not an abbreviation ("D.C.", "St.", "Mass.", "Univ.").
_SENTENCE_END = re.compile(r"[A-Z][^\W\d_]{3,}\.")
_ABBREVIATED = frozenset("univ mass calif conn penn mich minn tenn wash colo okla wisc ariz nebr dept repr dist".split())


def _sentence_end(token: str) -> bool:
    return bool(_SENTENCE_END.fullmatch(token)) and token[:-1].lower() not in _ABBREVIATED


def _sentence_start(token: str) -> bool:
    """A capitalised word, not a state's or country's code ("Princeton. NJ", "Washington, DC. USA")."""
    return token[:1].isupper() and not token.rstrip(".,:;").isupper()


def _cut_place_at_sentence_end(tokens: list[tuple[str, int, int]], out: list[str]) -> None:
    """A place never runs over a sentence's end: in "… New York, London,
    Tokyo. Princeton: PUP" or "… Trad. B. Adab. Arras: Artois" the place is
    what follows the last full stop; the words before it end the title when
    a comma joins them to it, are the title where no title was read after the
    names ("Morrison, Tony. Beloved. New York: …"), else they are no field."""
    i, n = 0, len(out)
    while i < n:
        if out[i] != "place":
            i += 1
            continue
        end = i
        while end < n and out[end] == "place":
            end += 1
        cut = max((j for j in range(i, end - 1) if _sentence_end(tokens[j][0]) and _sentence_start(tokens[j + 1][0])),
                  default=None)
        if cut is not None:
            before = _previous_labelled(out, i)
            label = "title" if _joined_to_title(tokens, out, before) or _title_slot(out, before) else "other"
            for j in range(i, cut + 1):
                out[j] = label
        i = end


def _joined_to_title(tokens: list[tuple[str, int, int]], out: list[str], before: Optional[int]) -> bool:
    """The token at ``before`` is the title's and no full stop ends it: what follows continues the title."""
    return before is not None and out[before] == "title" and not tokens[before][0].endswith(".")


def _previous_labelled(out: list[str], i: int) -> Optional[int]:
    """The index of the last token before ``i`` with a label other than O."""
    return next((j for j in range(i - 1, -1, -1) if out[j] != "O"), None)


def _title_slot(out: list[str], before: Optional[int]) -> bool:
    """No title was read and the token at ``before`` (None: the start) ends the names or the date."""
    return "title" not in out and (before is None or out[before] in _BEFORE_TITLE)


def _imprint_groups(out: list[str]) -> list[tuple[int, int]]:
    """(first, last) token of each imprint printed in the string: a run of
    place and publisher labels (O between them), a new one where a place
    follows a publisher ("London: A, London: B")."""
    groups: list[tuple[int, int]] = []
    start: Optional[int] = None
    last = -1
    for i, label in enumerate(out):
        if label == "O":
            continue
        if label in _IMPRINT and start is not None and not (label == "place" and out[last] == "publisher"):
            last = i
            continue
        if start is not None:
            groups.append((start, last))
            start = None
        if label in _IMPRINT:
            start = last = i
    if start is not None:
        groups.append((start, last))
    return groups


def _whole_imprint(out: list[str], group: tuple[int, int]) -> bool:
    """The group holds a place and a publisher."""
    return {"place", "publisher"} <= set(out[group[0]: group[1] + 1])


def _one_imprint(tokens: list[tuple[str, int, int]], out: list[str]) -> None:
    """An entry has one imprint, at its end, never where the title stands:
    places read after the names and date and run on into the title ("Hall
    (1988). Berlin: Divided City. Oxford: …", "Smith (2000) London: the
    wall. Urban Studies …"), or a place or publisher before a last "Place:
    Publisher" when no title was read ("Glass (1964) London: Aspects of
    Change, London: MacGibbon & Kee"), are the title's start."""
    groups = _imprint_groups(out)
    if not groups:
        return
    first, last = groups[0]
    before = _previous_labelled(out, first)
    if before is None or out[before] not in _BEFORE_TITLE:
        return  # an organisation's name opens the entry: "CONVEX Computer Corporation, “Guide,” …"
    after = next((j for j in range(last + 1, len(out)) if out[j] != "O"), None)
    if after is not None and out[after] == "title":
        # Only places run on by a colon or comma ("London: the wall", "Tokyo, Seoul, Beijing. …"),
        # not "Publisher. Title".
        run_on = any(tokens[j][0] in (":", ",") for j in range(last, after + 1))
        if not run_on or "publisher" in out[first: last + 1]:
            return
    elif "title" in out or len(groups) != 2 or not _whole_imprint(out, groups[1]):
        return
    # Words left unlabelled between the date and the run ("(1985) Paris: Capital …") open the title too.
    for j in range(_unlabelled_head(tokens, out, first), last + 1):
        out[j] = "title"


def _places_before_imprint(tokens: list[tuple[str, int, int]], out: list[str]) -> None:
    """Places joined to the title by a comma before the entry's "Place:
    Publisher" end the title ("The Global City: New York, London, Tokyo.
    2nd edn. Princeton: PUP")."""
    groups = _imprint_groups(out)
    if len(groups) < 2 or not _whole_imprint(out, groups[-1]):
        return
    for first, last in groups[:-1]:
        if "publisher" not in out[first: last + 1] and _joined_to_title(tokens, out, _previous_labelled(out, first)):
            for j in range(first, last + 1):
                out[j] = "title"


_HEAD_TOKEN = re.compile(r"[^\W\d][\w'’-]*|[:,]")


def _unlabelled_head(tokens: list[tuple[str, int, int]], out: list[str], i: int) -> int:
    """The first of the unlabelled words (and colons, commas) right before token ``i``."""
    while i > 0 and out[i - 1] == "O" and _HEAD_TOKEN.fullmatch(tokens[i - 1][0]):
        i -= 1
    return i


def _unlabelled_title_head(tokens: list[tuple[str, int, int]], out: list[str]) -> None:
    """Words left unlabelled before a colon where the title stands ("Porter
    (1994) London: A Social History. London: …") open the title."""
    first = next((j for j, label in enumerate(out) if label == "title"), None)
    if not first or tokens[first - 1][0] != ":" or out[first - 1] != "O":
        return
    head = _unlabelled_head(tokens, out, first)
    before = _previous_labelled(out, head)
    if head < first - 1 and before is not None and out[before] in _BEFORE_TITLE:
        for j in range(head, first):
            out[j] = "title"
