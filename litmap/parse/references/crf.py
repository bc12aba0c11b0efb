"""Token labelling of reference strings with a linear-chain CRF.

The model (``litmap/data/refparser.crfsuite``) is trained by
``benchmarks/train_refparser.py`` on AnyStyle (BSD-2) and GROBID (CC-BY)
labelled references.  This module holds what training and inference must share — tokenisation and
features — and turns predicted labels into field strings;
:mod:`litmap.parse.references.parser` cleans those with its rules.  Besides the word
and its neighbours, the features describe the segment a token sits in
(between ``,`` ``:`` ``;`` and sentence ends): its position counted from the
end ("…, Place, Publisher."), its length, whether it holds a publisher or
place word, what opens the next segment (a number after a journal, ``In``
after a chapter title), and whether an ``In``/``(eds.)`` or a closed quote
came before (a chapter's book, a quoted title).
``python-crfsuite`` is imported lazily; without it (or the model) the
caller falls back to rules.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any, Optional, Sequence

__all__ = ["LABELS", "tokenise", "features", "label_tokens", "fields_from_labels", "model_available", "use_model"]

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


_UPPER = re.compile(r"[A-ZÀ-Þ]")
_LOWER = re.compile(r"[a-zß-ÿ]")
_DIGIT = re.compile(r"\d")
_REPEAT = re.compile(r"(.)\1{2,}")
_INITIAL = re.compile(r"[A-Z]\.?")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


@functools.lru_cache(maxsize=16384)
def _shape(tok: str) -> str:
    s = _UPPER.sub("X", tok)
    s = _LOWER.sub("x", s)
    s = _DIGIT.sub("d", s)
    return _REPEAT.sub(r"\1\1", s)


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
    if _INITIAL.fullmatch(tok):
        f["initial"] = True
    if _YEAR.fullmatch(tok):
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


#: :func:`_word_features` of recent tokens (names, years and punctuation
#: repeat across a reference list); callers must not change the dicts.
_token_features = functools.lru_cache(maxsize=8192)(_word_features)

#: Punctuation that closes a segment ("Title, Place, Publisher.").
_SEPARATORS = frozenset(",:;?!")


def _is_separator(tok: str) -> bool:
    # Words carry their own trailing dot ("Press."): a sentence end, unless
    # the word is an initial or a short abbreviation ("J.", "pp.", "eds.").
    if tok in _SEPARATORS:
        return True
    return tok.endswith(".") and len(tok) > 4 and not _INITIALS.fullmatch(tok)


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7+"


def features(tokens: Sequence[tuple[str, int, int]], *, zeros: bool = True) -> list[dict[str, Any]]:
    """One feature dict per token: the word, its neighbours and context
    (position in the string, inside brackets or quotes, after "In", which
    segment between separators it sits in, how far the next number is).

    ``zeros=False`` (for the tagger) leaves out the features whose value is 0 or False: crfsuite
    adds weight × value for each, so they change no score, but it converts and looks up each one
    (a quarter of the features of a reference)."""
    words = [_token_features(t) for t, _, _ in tokens]  # shared, read-only: copied below before use
    toks = [t for t, _, _ in tokens]
    n = len(tokens)
    seps = [_is_separator(t) for t in toks]
    # Counted from the end: comma styles put the publisher in the last
    # segment and the place before it; a journal is followed by numbers.
    segs_left = [0] * n
    next_num = [n] * n
    left, nxt = 0, n
    for i in range(n - 1, -1, -1):
        segs_left[i] = left
        next_num[i] = nxt - i
        if seps[i]:
            left += 1
        if toks[i][:1].isdigit() and not words[i].get("year"):
            nxt = i
    # Segment-level context: every token of "Cornell University Press"
    # knows its segment holds a publisher word, and what starts the next one.
    seg_of: list[int] = []
    k = 0
    for i in range(n):
        seg_of.append(k)
        if seps[i]:
            k += 1
    segments: dict[int, list[int]] = {}
    for i, sg in enumerate(seg_of):
        segments.setdefault(sg, []).append(i)
    seg_info: dict[int, dict[str, Any]] = {}
    for sg, idx in segments.items():
        nxt_seg = segments.get(sg + 1)
        start = toks[nxt_seg[0]] if nxt_seg else ""
        seg_info[sg] = {
            "seg_len": _bucket(len(idx)),
            "seg_pub": any(words[i].get("pub") for i in idx),
            "seg_place": any(words[i].get("place") for i in idx),
            "next_seg": "end" if not nxt_seg else "num" if start[:1].isdigit() else "in" if start.lower() == "in"
            else "quote" if start in "\"“‘«" else "cap" if start[:1].isupper() else "punct" if not start[:1].isalnum() else "low",
        }
    if not zeros:
        seg_info = {sg: {k: v for k, v in info.items() if v is not False} for sg, info in seg_info.items()}
    lows = [w["low"] for w in words]
    shapes = [w["shape"] for w in words]
    out: list[dict[str, Any]] = []
    depth = 0
    quote = False
    quoted = False
    dots = 0
    seen_year = False
    after_in = False
    after_eds = False
    seg = 0
    seg_pos = 0
    last_inner = n - 2  # tokens from here on carry "last"; the four neighbours exist for 2 <= i < last_inner
    for i, tok in enumerate(toks):
        # One dict per token, keys in the order the model was trained with (the order crfsuite sums
        # the attribute weights in): the word's own features, position, context, segment, neighbours.
        f = dict(words[i])
        nn = next_num[i]
        if zeros:
            f["pos"] = int(10 * i / n)
            if i < 3:
                f["first"] = i
            if i >= last_inner:
                f["last"] = n - i
            # Stored one by one: a literal merged with update() cost a dict more per token.
            f["depth"] = depth
            f["quote"] = quote
            f["quoted"] = quoted
            f["dots"] = dots if dots < 6 else 6
            f["after_year"] = seen_year
            f["after_in"] = after_in
            f["after_eds"] = after_eds
            f["seg"] = seg if seg < 8 else 8
            f["seg_pos"] = seg_pos if seg_pos < 4 else 4
            f["segs_left"] = segs_left[i] if segs_left[i] < 6 else 6
        else:  # the same features in the same order, those that are 0 or False left out
            pos = int(10 * i / n)
            if pos:
                f["pos"] = pos
            if 0 < i < 3:
                f["first"] = i
            if i >= last_inner:
                f["last"] = n - i  # at least 1
            if depth:
                f["depth"] = depth
            if quote:
                f["quote"] = quote
            if quoted:
                f["quoted"] = quoted
            if dots:
                f["dots"] = dots if dots < 6 else 6
            if seen_year:
                f["after_year"] = seen_year
            if after_in:
                f["after_in"] = after_in
            if after_eds:
                f["after_eds"] = after_eds
            if seg:
                f["seg"] = seg if seg < 8 else 8
            if seg_pos:
                f["seg_pos"] = seg_pos if seg_pos < 4 else 4
            if segs_left[i]:
                f["segs_left"] = segs_left[i] if segs_left[i] < 6 else 6
        f["next_num"] = _bucket(nn) if nn < n else "none"
        f.update(seg_info[seg_of[i]])
        low = lows[i]
        f["bi"] = f"{lows[i - 1] if i else '^'}|{low}"[:30]
        if seg_pos == 0 and tok[:1].isupper():
            f["seg_cap"] = True
        if 2 <= i < last_inner:
            f["-2:low"] = lows[i - 2]
            f["-2:shape"] = shapes[i - 2]
            f["-1:low"] = lows[i - 1]
            f["-1:shape"] = shapes[i - 1]
            f["1:low"] = lows[i + 1]
            f["1:shape"] = shapes[i + 1]
            f["2:low"] = lows[i + 2]
            f["2:shape"] = shapes[i + 2]
        else:
            for d, key_low, key_shape, key_edge in _NEIGHBOURS:
                j = i + d
                if 0 <= j < n:
                    f[key_low] = lows[j]
                    f[key_shape] = shapes[j]
                else:
                    f[key_edge] = True
        out.append(f)
        if tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1)
        elif tok in "\"“”«»‘’":
            was = quote
            if tok == '"':
                quote = not quote
            elif tok in "’":  # also a plural possessive: closes only an open quote
                quote = False
            else:
                quote = tok in "“«‘"
            quoted = quoted or (was and not quote)
        if tok.endswith(".") and len(tok) > 2:
            dots += 1
        if words[i].get("year"):
            seen_year = True
        # "In: Eds (eds.), Book": the book title follows; "in" inside a
        # title ("trust in cities") is lower-case and mid-segment.
        if low == "in" and seg_pos == 0 and i > 3:
            nxt_tok = toks[i + 1] if i + 1 < n else ""
            if tok == "In" or nxt_tok == ":" or nxt_tok[:1].isupper():
                after_in = True
        if low in _EDITOR_WORDS:
            after_eds = after_eds or seen_year
        if seps[i]:
            seg += 1
            seg_pos = 0
        else:
            seg_pos += 1
    return out


#: Neighbour offsets and their feature names (word, shape, or "past the edge").
_NEIGHBOURS = tuple((d, f"{d}:low", f"{d}:shape", f"{d}:edge") for d in (-2, -1, 1, 2))
#: Words that mark editors ("eds.", "Hrsg.", "edited"): after a year, a book's editors.
_EDITOR_WORDS = frozenset(("ed", "eds", "hrsg", "hg", "editor", "editors", "edited"))


#: A model other than the shipped one (cross-validation, experiments).
_override: Optional[Path] = None


def use_model(path: Optional[Path]) -> None:
    """Tag with the model at ``path`` from now on (``None``: the shipped
    model again).  For evaluation: training folds score their own model."""
    global _override
    _override = Path(path) if path is not None else None


def _tagger() -> Optional[Any]:
    return _load(str(_override or model_path()))


@functools.lru_cache(maxsize=4)
def _load(path_text: str) -> Optional[Any]:
    try:
        import pycrfsuite  # noqa: PLC0415 - optional, lazily imported
    except ImportError:
        logger.info("python-crfsuite not installed; reference parsing uses rules only")
        return None
    path = Path(path_text)
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


@functools.lru_cache(maxsize=1)
def model_path() -> Path:
    """Where the shipped model lives (package data, read offline).  Cached: resolving
    the path cost 0.23 s per 886 references when asked once per reference."""
    return Path(__file__).resolve().parents[2] / "data" / MODEL_NAME


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
    return tokens, list(tagger.tag(features(tokens, zeros=False)))


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
