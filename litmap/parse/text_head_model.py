"""A learned line labeller for the head of a plain-text input (title / author / affiliation / other).

The rules of :mod:`litmap.parse.metadata_text` read a text file's head back from its "Abstract" line; this
module labels each of the head's first non-blank lines with a linear-chain CRF over line features (position,
length, case pattern, name-likeness, digits and years, punctuation, keyword cues, and the previous/next line's
features).  The model is trained by ``benchmarks/train_text_head.py --write`` on GROBID's header annotations
(CC-BY 4.0) and shipped as plain weights in ``litmap/data/text_head_model.json``: loading needs no CRF library,
labelling is a small Viterbi pass in Python.  Without the file the caller keeps the rules.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path
from typing import Any, Optional, Sequence

from litmap.models import Author
from litmap.parse.metadata_authors import looks_like_affiliation, mostly_names, names_only, parse_author_line
from litmap.parse.metadata_masthead import date_line_year_of

log = logging.getLogger(__name__)

__all__ = ["LABELS", "MAX_LINES", "line_features", "sequence_features", "HeadModel", "load_model", "model_path",
           "head_lines", "label_head", "head_fields"]

LABELS = ("title", "author", "affiliation", "other")
#: How many non-blank lines of a head are labelled (a paper's head sits in its first lines).
MAX_LINES = 60
MODEL_NAME = "text_head_model.json"

_YEAR = re.compile(r"\b(?:19[4-9]\d|20[0-4]\d)\b")
_CUES: dict[str, re.Pattern[str]] = {
    "univ": re.compile(r"universit|college|school of|faculty|institut|academy", re.I),
    "dept": re.compile(r"department|dept\.|laborator|cent(?:re|er)\b|division|program", re.I),
    "abstract": re.compile(r"^\W*(?:abstract|summary|a b s t r a c t)\b", re.I),
    "keywords": re.compile(r"^\W*(?:key\s*words?|index terms|jel)\b", re.I),
    "journal": re.compile(r"journal|proceedings|review\b|quarterly|transactions|letters|studies|vol\.|volume|"
                          r"\bno\.|\bpp\.|issn|issue", re.I),
    "doi": re.compile(r"doi|https?://|www\.|\.com\b|\.org\b", re.I),
    "copyright": re.compile(r"©|copyright|\(c\)|all rights reserved|licen[cs]e|creative commons", re.I),
    "history": re.compile(r"received|accepted|revised|published|available online|submitted", re.I),
    "email": re.compile(r"@|e-?mail|correspond", re.I),
    "address": re.compile(r"\b\d{4,6}\b|,\s*(?:USA|UK|China|Germany|France|Japan|Canada|Australia|Italy|Spain)\b"),
    "article": re.compile(r"^\W*(?:research|original|review)?\s*(?:article|paper)\s*$|^\W*article info", re.I),
    "intro": re.compile(r"^\W*(?:\d\.?\s*)?introduction\b", re.I),
    "by": re.compile(r"^\s*by\b", re.I),
    "masthead": re.compile(r"contents lists|sciencedirect|journal homepage|open access|^\W*(?:commentary|editorial|"
                           r"research (?:article|paper)|original (?:article|paper)|review article|letter)\b|"
                           r"\$\s?\d|\d{4}-\d{3}[\dX]|page \d+ of|running head|preprint", re.I),
}
_FUNCTION_WORDS = {"the", "of", "and", "in", "a", "an", "for", "on", "to", "with", "from", "by", "at", "as", "is",
                   "its", "their", "between", "into", "or", "we", "this", "that", "are", "be"}


def _bucket(n: float, edges: Sequence[float]) -> str:
    for k, e in enumerate(edges):
        if n < e:
            return str(k)
    return str(len(edges))


def line_features(line: str, index: int, abstract_after: bool) -> dict[str, float]:
    """The features of one head line, as a ``{name: value}`` dict (binary features have value 1.0).

    ``index`` is the line's place among the head's non-blank lines; ``abstract_after`` whether an abstract
    label stands on a later line."""
    t = " ".join(line.split())
    words = t.split()
    alpha = re.findall(r"[^\W\d_]+", t)
    f: dict[str, float] = {"bias": 1.0, "pos=" + _bucket(index, (1, 2, 3, 4, 6, 10, 20, 40)): 1.0,
                           "len=" + _bucket(len(t), (4, 12, 25, 45, 70, 100, 140)): 1.0,
                           "words=" + _bucket(len(words), (2, 3, 5, 8, 12, 18)): 1.0}
    if abstract_after:
        f["abstract_after"] = 1.0
    if alpha:
        caps = sum(w[0].isupper() for w in alpha) / len(alpha)
        f["caps=" + _bucket(caps, (0.2, 0.5, 0.8, 1.0))] = 1.0
        if t.upper() == t and any(c.isalpha() for c in t):
            f["allcaps"] = 1.0
        if t[0].islower():
            f["starts_lower"] = 1.0
        fw = sum(w.lower() in _FUNCTION_WORDS for w in alpha) / len(alpha)
        f["function=" + _bucket(fw, (0.01, 0.15, 0.3))] = 1.0
        if len(alpha) >= 2 and max(len(w) for w in alpha) >= 25:
            f["glued"] = 1.0  # "intheGlobalNorth": a line whose spaces were lost
    digits = sum(c.isdigit() for c in t)
    if digits:
        f["digits=" + _bucket(digits / max(len(t), 1), (0.05, 0.2, 0.5))] = 1.0
    if _YEAR.search(t):
        f["year"] = 1.0
    for mark, name in ((".", "end_dot"), (",", "end_comma"), (":", "end_colon"), ("?", "end_q")):
        if t.endswith(mark):
            f[name] = 1.0
    f["commas=" + _bucket(t.count(","), (1, 2, 4))] = 1.0
    if re.search(r"[*∗†‡§¶]", t):
        f["marker"] = 1.0
    if re.search(r"\band\b|&", t):
        f["and"] = 1.0
    if re.search(r"\b[A-Z]\.", t):
        f["initial"] = 1.0
    if re.search(r"[a-z][a-f]\b|[a-z]\d\b", t):
        f["glued_mark"] = 1.0  # "Hwanga", "Wang1": an affiliation letter or digit glued to a word
    if re.search(r"[a-z]\)?[.;:]\s+[A-Za-z]", t) and len(words) > 8:
        f["sentence"] = 1.0
    for name, rx in _CUES.items():
        if rx.search(t):
            f["cue=" + name] = 1.0
    if len(t) <= 160 and alpha:
        names = parse_author_line(t)
        if names:
            f["names=" + _bucket(len(names), (2, 3, 5))] = 1.0
            if mostly_names(t):
                f["mostly_names"] = 1.0
    if looks_like_affiliation(t):
        f["affil_rule"] = 1.0
    return f


#: Features copied onto the previous / next line under a prefix: enough to see the neighbours' shape.
_CONTEXT = re.compile(r"^(?:len=|caps=|allcaps|names=|mostly_names|affil_rule|cue=|end_|year|marker|function=|initial|"
                      r"sentence)")


def sequence_features(lines: Sequence[str]) -> list[dict[str, float]]:
    """One feature dict per line of ``lines`` (non-blank head lines), with the neighbours' features added."""
    abstract_at = next((k for k, ln in enumerate(lines) if _CUES["abstract"].search(ln)), len(lines))
    own = [line_features(ln, k, k < abstract_at) for k, ln in enumerate(lines)]
    out: list[dict[str, float]] = []
    for k, f in enumerate(own):
        g = dict(f)
        for off, tag in ((-1, "p:"), (1, "n:"), (-2, "pp:"), (2, "nn:")):
            j = k + off
            if 0 <= j < len(own):
                for name, v in own[j].items():
                    if _CONTEXT.match(name) and (abs(off) == 1 or name.startswith(("names=", "mostly", "cue=", "len="))):
                        g[tag + name] = v
            else:
                g[tag + "none"] = 1.0
        out.append(g)
    return out


class HeadModel:
    """A linear-chain CRF's weights: ``state[feature][label]`` and ``trans[from][to]``."""

    def __init__(self, labels: Sequence[str], state: dict[str, dict[str, float]],
                 trans: dict[str, dict[str, float]]) -> None:
        self.labels = tuple(labels)
        self.state = state
        self.trans = trans

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "HeadModel":
        return cls(data["labels"], data["state"], data["transitions"])

    def tag(self, feats: Sequence[dict[str, float]]) -> list[str]:
        """The most likely label sequence (Viterbi)."""
        if not feats:
            return []
        labs = self.labels
        emit = []
        for f in feats:
            s = dict.fromkeys(labs, 0.0)
            for name, v in f.items():
                for lab, w in self.state.get(name, {}).items():
                    s[lab] += v * w
            emit.append(s)
        score = dict(emit[0])
        back: list[dict[str, str]] = []
        for e in emit[1:]:
            nxt: dict[str, float] = {}
            ptr: dict[str, str] = {}
            for lab in labs:
                best = max(labs, key=lambda p: score[p] + self.trans.get(p, {}).get(lab, 0.0))
                nxt[lab] = score[best] + self.trans.get(best, {}).get(lab, 0.0) + e[lab]
                ptr[lab] = best
            score, back = nxt, back + [ptr]
        last = max(labs, key=lambda lab: score[lab])
        path = [last]
        for ptr in reversed(back):
            path.append(ptr[path[-1]])
        return path[::-1]


def model_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / MODEL_NAME


@functools.lru_cache(maxsize=4)
def load_model(path_text: str = "") -> Optional[HeadModel]:
    """The shipped head model (or the one at ``path_text``); None when the file is absent or unreadable."""
    path = Path(path_text) if path_text else model_path()
    try:
        return HeadModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        log.info("text head model not loaded (%s); text heads are read by rules only", exc)
        return None


def head_lines(head: str) -> list[str]:
    """The head's first non-blank lines, whitespace-collapsed."""
    return [" ".join(ln.split()) for ln in head.split("\n") if ln.strip()][:MAX_LINES]


def label_head(lines: Sequence[str], model: Optional[HeadModel] = None) -> list[str]:
    """One label of :data:`LABELS` per line (all "other" without a model)."""
    model = model or load_model()
    if model is None:
        return ["other"] * len(lines)
    return model.tag(sequence_features(lines))


def _join_title(parts: Sequence[str]) -> str:
    out = ""
    for p in parts:
        if out.endswith("-") and p[:1].islower():
            out = out[:-1] + p  # a word hyphenated at the line end
        else:
            out = f"{out} {p}" if out else p
    # Footnote marks: "1Gentrification: causes …", "… in Philadelphia1", "… Relaxation Systems*".
    return re.sub(r"(?<=[a-z])[∗*†‡]+$|(?<=[a-z])\d{1,2}$|^\d{1,2}(?=[A-Z][a-z])", "", out).strip()


def _runs(labels: Sequence[str], want: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(labels):
        if labels[k] == want:
            j = k
            while j + 1 < len(labels) and labels[j + 1] == want:
                j += 1
            runs.append((k, j + 1))
            k = j + 1
        else:
            k += 1
    return runs


_SENTENCE = re.compile(r"[A-Z][^.:;?!]*(?:\s\S+){4,}\.")


#: A logo's word over an institution's name ("ifgi" / "Institute for Geoinformatics").
_LONE_LOWER_WORD = re.compile(r"[a-z]{2,10}")


def head_fields(head: str, model: Optional[HeadModel] = None) -> tuple[Optional[str], tuple[Author, ...]]:
    """Title and authors read from a text head by the line labeller: the title run that stands right over an
    author line (else the first title run) joined, and the names parsed from the author run under it (else
    the first author run that yields names)."""
    lines = head_lines(head)
    labels = label_head(lines, model)
    titles = _runs(labels, "title")
    over_names = [r for r in titles if r[1] < len(lines) and labels[r[1]] == "author" and parse_author_line(lines[r[1]])]
    run: Optional[tuple[int, int]] = (over_names or titles)[0] if (over_names or titles) else None
    if run:
        # A run never goes on past a line that closes the title into a sentence of the body
        # ("Scalar politics in the National New Area" / "The National New Area is a functional area.").
        # Nor past an institution's name ("… semivariogram" / "ifgi" / "Institute for Geoinformatics").
        end = next((k for k in range(run[0] + 1, run[1])
                    if _SENTENCE.fullmatch(lines[k]) or (lines[k][:1].isupper() and looks_like_affiliation(lines[k]))),
                   run[1])
        run = (run[0], end)
    first: tuple[Author, ...] = ()
    while run and run[1] - run[0] >= 2 and (date_line_year_of(lines[run[1] - 1]) is not None or (
            _LONE_LOWER_WORD.fullmatch(lines[run[1] - 1].strip())
            and run[1] < len(lines) and looks_like_affiliation(lines[run[1]]))):
        # "Dec 2022 (updated)" under the names; an institute's logo word over its name ("ifgi" /
        # "Institute for Geoinformatics")
        run = (run[0], run[1] - 1)
    if run and not over_names:
        # A names line closing the title run is the first author's, not the title's ("Discrimination and
        # Calibration" / "Terry Therneau" / "February 6, 2023"; "The Relaxed Lasso" / "Trevor Hastie" / "" /
        # "Balasubramanian Narasimhan"): text exports without a blank line under the title.
        while run[1] - run[0] >= 2 and (names := names_only(lines[run[1] - 1])):
            first = names + first
            run = (run[0], run[1] - 1)
    title = _join_title(lines[run[0]:run[1]]) if run else None
    authors: tuple[Author, ...] = ()
    runs = _runs(labels, "author")
    if run and over_names:
        runs = [r for r in runs if r[0] == run[1]] + runs
    for a, b in runs:
        for ln in lines[a:b]:
            authors += parse_author_line(ln)
        if authors:
            break
    return title or None, first + tuple(a for a in authors if a not in first)

