"""crf.features builds each token's dict in fewer steps (issue 23): the same keys, in the same order
(crfsuite sums attribute weights in that order), with the same values and types as the plain loop it
replaced, kept here as the reference."""

from __future__ import annotations

import random
from typing import Any, Sequence

from litmap.parse.references import crf
from litmap.parse.references.crf import _bucket, _is_separator, _token_features, features, tokenise


def plain_features(tokens: Sequence[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """One feature dict per token: the word, its neighbours and context
    (position in the string, inside brackets or quotes, after "In", which
    segment between separators it sits in, how far the next number is)."""
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
    for i, tok in enumerate(toks):
        f = dict(words[i])
        f["pos"] = int(10 * i / max(n, 1))
        if i < 3:
            f["first"] = i
        if i >= n - 2:
            f["last"] = n - i
        f["depth"] = depth
        f["quote"] = quote
        f["quoted"] = quoted
        f["dots"] = min(dots, 6)
        f["after_year"] = seen_year
        f["after_in"] = after_in
        f["after_eds"] = after_eds
        f["seg"] = min(seg, 8)
        f["seg_pos"] = min(seg_pos, 4)
        f["segs_left"] = min(segs_left[i], 6)
        f["next_num"] = _bucket(next_num[i]) if next_num[i] < n else "none"
        f.update(seg_info[seg_of[i]])
        prev = words[i - 1]["low"] if i else "^"
        f["bi"] = f"{prev}|{words[i]['low']}"[:30]
        if seg_pos == 0 and tok[:1].isupper():
            f["seg_cap"] = True
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
        low = words[i]["low"]
        # "In: Eds (eds.), Book": the book title follows; "in" inside a
        # title ("trust in cities") is lower-case and mid-segment.
        nxt_tok = toks[i + 1] if i + 1 < n else ""
        if low == "in" and seg_pos == 0 and i > 3 and (tok == "In" or nxt_tok == ":" or nxt_tok[:1].isupper()):
            after_in = True
        if low in ("ed", "eds", "hrsg", "hg", "editor", "editors") or low == "edited":
            after_eds = after_eds or seen_year
        if seps[i]:
            seg += 1
            seg_pos = 0
        else:
            seg_pos += 1
    return out



def _canon(fs: list[dict[str, Any]]) -> list[tuple[tuple[str, str, Any], ...]]:
    return [tuple((k, type(v).__name__, v) for k, v in f.items()) for f in fs]


_PIECES = (list("abcdefgh ABCD,.;:-()[]\"“”«»‘’'/@0123456789 ")
           + ["In", "in", "eds.", "(eds.)", "Press", "London", " 1999", "2001a", "10.1000/x", "http://a.b",
              "ed", "Hrsg.", "edited", "....", "J.", "Urban Studies", "pp.", "Smith, J.", "Vol."])


def test_features_match_the_plain_loop_on_random_references():
    rng = random.Random(23)
    strings = ["", "a", "In", "Smith, J. (1999) Title. London: Verso.",
               "Brown, A. and Green, B. (eds.) (2001) “Cities in motion”, in: X, Y (Eds), Book. Oxford, pp. 1–9."]
    strings += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    for s in strings:
        toks = tokenise(s)
        assert _canon(features(toks)) == _canon(plain_features(toks)), s


def test_a_changed_feature_would_be_seen():
    toks = tokenise("Smith, J. (1999) Title. In: Eds (eds.), Book. London: Verso, pp. 1-9.")
    ours = features(toks)
    ours[5]["after_in"] = not ours[5]["after_in"]
    assert _canon(ours) != _canon(plain_features(toks))
    assert crf.features is features


def test_features_for_the_tagger_leave_out_only_zeros():
    """features(zeros=False): the same dicts less the features that are 0 or False (their weight × 0
    adds nothing to crfsuite's scores), the rest in the same order, and the tagger's labels unchanged."""
    rng = random.Random(24)
    strings = ["Smith, J. (1999) Title. London: Verso.", "In (eds.) “quoted” Press, 12(3), 45–67."]
    strings += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60))) for _ in range(2000)]
    tagger = crf._tagger()
    for s in strings:
        toks = tokenise(s)
        full, lean = features(toks), features(toks, zeros=False)
        want = [{k: v for k, v in f.items() if isinstance(v, str) or v} for f in full]
        assert _canon(lean) == _canon(want), s
        if tagger is not None and toks:
            assert tagger.tag(lean) == tagger.tag(full), s
