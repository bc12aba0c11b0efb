"""Token labelling of reference strings with a linear-chain CRF.

The model (``litmap/data/refparser.crfsuite``) is trained by
``benchmarks/train_refparser.py`` on AnyStyle (BSD-2) and GROBID (CC-BY)
labelled references.  This module holds what training and inference must
share — tokenisation and features — and turns predicted labels into field
strings; :mod:`litmap.parse.refparse` cleans those with its rules.
``python-crfsuite`` is imported lazily; without it (or the model) the
caller falls back to rules.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any, Optional, Sequence

__all__ = ["LABELS", "tokenise", "features", "label_tokens", "fields_from_labels", "model_available"]

logger = logging.getLogger(__name__)

#: Labels the model predicts; ``O`` is punctuation or text outside fields.
LABELS = (
    "author", "editor", "year", "title", "container", "volume", "issue", "pages",
    "publisher", "place", "doi", "url", "edition", "num", "other", "O",
)
MODEL_NAME = "refparser.crfsuite"

_TOKEN = re.compile(
    r"(?:https?://|www\.)\S+|10\.\d{4,9}/\S+|\w+(?:[’'.-]\w+)*\.?|[^\w\s]",
)
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december spring summer autumn fall winter".split()
)
_PUB = frozenset(
    "press verlag publishers publishing books routledge sage wiley blackwell springer elsevier "
    "palgrave macmillan polity verso penguin university norton guilford earthscan elgar brill".split()
)
_PLACES = frozenset(
    "london oxford cambridge york chicago berlin paris new boston princeton minneapolis "
    "thousand oaks amsterdam washington cheltenham basingstoke abingdon malden hoboken "
    "frankfurt münchen munich hamburg wien stuttgart".split()
)
_CONT = frozenset("journal review studies quarterly proceedings annals bulletin transactions letters research society".split())
_MARKERS = frozenset("in eds ed edn edition vol volume no pp p doi available retrieved accessed thesis dissertation report paper".split())


def tokenise(text: str) -> list[tuple[str, int, int]]:
    """Tokens with their character spans: URLs and DOIs whole, words (with
    inner dots and apostrophes and one trailing dot), single punctuation."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(tok: str) -> str:
    s = re.sub(r"[A-ZÀ-Þ]", "X", tok)
    s = re.sub(r"[a-zß-ÿ]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


def _word_features(tok: str) -> dict[str, Any]:
    low = tok.lower().rstrip(".")
    f: dict[str, Any] = {
        "low": low if len(low) < 25 else low[:3] + "…",
        "shape": _shape(tok)[:8],
        "suf3": low[-3:],
        "pre2": low[:2],
        "len": min(len(tok), 10),
    }
    if tok[:1].isupper():
        f["cap"] = True
    if tok.isupper() and len(tok) > 1:
        f["caps"] = True
    if re.fullmatch(r"[A-Z]\.?", tok):
        f["initial"] = True
    if re.fullmatch(r"(?:1[5-9]|20)\d\d[a-z]?", tok):
        f["year"] = True
    if tok.isdigit():
        f["digits"] = min(len(tok), 5)
    if tok.endswith("."):
        f["dot"] = True
    if low in _MONTHS:
        f["month"] = True
    if low in _PUB:
        f["pub"] = True
    if low in _PLACES:
        f["place"] = True
    if low in _CONT:
        f["cont"] = True
    if low in _MARKERS:
        f["marker"] = low
    if tok.startswith(("http", "www.")):
        f["url"] = True
    if tok.startswith("10.") and "/" in tok:
        f["doi"] = True
    if not tok[:1].isalnum():
        f["punct"] = tok
    return f


def features(tokens: Sequence[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """One feature dict per token: the word, its neighbours and context
    (position in the string, inside brackets or quotes, after "In")."""
    words = [_word_features(t) for t, _, _ in tokens]
    n = len(tokens)
    out: list[dict[str, Any]] = []
    depth = 0
    quote = False
    dots = 0
    seen_year = False
    for i, (tok, _, _) in enumerate(tokens):
        f = dict(words[i])
        f["pos"] = int(10 * i / max(n, 1))
        if i < 3:
            f["first"] = i
        if i >= n - 2:
            f["last"] = n - i
        f["depth"] = depth
        f["quote"] = quote
        f["dots"] = min(dots, 6)
        f["after_year"] = seen_year
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                w = words[j]
                f[f"{d}:low"] = w["low"]
                f[f"{d}:shape"] = w["shape"]
            else:
                f[f"{d}:edge"] = True
        out.append(f)
        if tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1)
        elif tok in "\"“”«»":
            quote = not quote if tok == '"' else tok in "“«"
        if tok.endswith(".") and len(tok) > 2:
            dots += 1
        if words[i].get("year"):
            seen_year = True
    return out


@functools.lru_cache(maxsize=1)
def _tagger() -> Optional[Any]:
    try:
        import pycrfsuite  # noqa: PLC0415 - optional, lazily imported
    except ImportError:
        logger.info("python-crfsuite not installed; reference parsing uses rules only")
        return None
    path = model_path()
    if not path.exists():
        logger.info("no reference model at %s; using rules only", path)
        return None
    try:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return tagger
    except (OSError, ValueError) as exc:
        logger.info("reference model not loaded (%s); using rules only", exc)
        return None


def model_path() -> Path:
    """Where the shipped model lives (package data, read offline)."""
    return Path(__file__).resolve().parents[1] / "data" / MODEL_NAME


def model_available() -> bool:
    return _tagger() is not None


def label_tokens(text: str) -> Optional[tuple[list[tuple[str, int, int]], list[str]]]:
    """(tokens, labels) for ``text``, or None when no model is available."""
    tagger = _tagger()
    if tagger is None:
        return None
    tokens = tokenise(text)
    if not tokens:
        return tokens, []
    return tokens, list(tagger.tag(features(tokens)))


def fields_from_labels(text: str, tokens: Sequence[tuple[str, int, int]], labels: Sequence[str]) -> dict[str, str]:
    """The text of each label's first run (runs bridge ``O`` punctuation)."""
    spans: dict[str, tuple[int, int]] = {}
    closed: set[str] = set()
    current: Optional[str] = None
    for (_, start, end), label in zip(tokens, labels):
        if label == "O":
            continue
        if label != current and current is not None:
            closed.add(current)
        current = label
        if label in closed:
            continue
        s0, _ = spans.get(label, (start, end))
        spans[label] = (s0, end)
    return {label: text[s:e] for label, (s, e) in spans.items()}
