"""The field labeller: the CRF's token labels, mended, as field values.

The CRF (:mod:`.crf`) finds *where* each field is; :func:`mend_labels`
moves label boundaries that no printed reference puts inside a name or a
title to where the punctuation is ("London/place School/publisher of
Economics" is one publisher, "… in Greater/title London/place" one title;
"V&R unipress./pages S. 183" keeps "unipress" with what it ends); and
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
    or a title moved to where the punctuation is."""
    out = list(labels)
    n = len(out)
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
    return out
