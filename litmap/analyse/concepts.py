"""Concept lexicon: loading, merging, validating, and matching in text.

The default lexicon ships as ``litmap/data/concepts.yaml`` (state rescaling
and neighbouring debates); users add or override concepts by id with their
own YAML files (``--concepts FILE``).  Matching runs over tokens with a trie,
so thousands of surface forms cost one pass per text; tokens are folded so
that case, quotes, British/American spelling (-isation/-ization), plurals,
hyphenation ("city-region", "city region", "cityregion", "re- scaling") and
line-break hyphens do not matter.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

from litmap.analyse.textnorm import normalise
from litmap.errors import InputError

__all__ = [
    "Concept",
    "Debate",
    "Lexicon",
    "ConceptHit",
    "ConceptCounts",
    "DEFAULT_LEXICON",
    "load_lexicon",
    "match_concepts",
    "concept_counts",
    "canonical_token",
    "resolve_name",
    "name_key",
]

logger = logging.getLogger(__name__)

DEFAULT_LEXICON = "litmap/data/concepts.yaml"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CONCEPT_KEYS = {"id", "label", "gloss", "variants", "broader", "related", "debates", "replace", "weak", "not_near"}
_LIST_KEYS = ("variants", "broader", "related", "debates", "not_near")
_PREFIXES = ("re", "de", "inter", "intra", "multi", "trans", "post", "neo", "supra", "sub", "mega", "cross")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


@dataclass(frozen=True)
class Debate:
    """A named debate that concepts belong to."""

    id: str
    label: str
    gloss: str = ""


@dataclass(frozen=True)
class Concept:
    """One concept: its surface forms are ``label`` plus ``variants``."""

    id: str
    label: str
    gloss: str
    variants: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    debates: tuple[str, ...] = ()
    # Debates in which a mention is weak evidence (ambiguous terms: "scale",
    # "metropolitan area"): it counts only beside strong evidence.  ("*",) = all.
    weak: tuple[str, ...] = ()
    # Words or phrases that, in the same paragraph or sentence, show another
    # sense ("topology" beside "polygon"): the mention is not counted there.
    not_near: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.label,) + self.variants

    def weak_in(self, debate_id: str) -> bool:
        """Whether a mention is only weak evidence of ``debate_id``."""
        return "*" in self.weak or debate_id in self.weak


@dataclass(frozen=True)
class ConceptHit:
    """A concept found in text; ``start``/``end`` index the caller's text."""

    concept_id: str
    start: int
    end: int
    matched: str


@dataclass(frozen=True)
class Lexicon:
    """Concepts and debates after merging; ``sources`` lists the files read."""

    concepts: tuple[Concept, ...]
    debates: Mapping[str, Debate] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def get(self, concept_id: str) -> Concept:
        for c in self.concepts:
            if c.id == concept_id:
                return c
        raise KeyError(concept_id)

    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.concepts)

    def in_debate(self, debate_id: str) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts if debate_id in c.debates)

    def matcher(self) -> "_Matcher":
        # Cached on the instance (frozen dataclass, so via object.__setattr__).
        m = self.__dict__.get("_matcher")
        if m is None:
            m = _Matcher(self)
            object.__setattr__(self, "_matcher", m)
        return m


# --------------------------------------------------------------------------
# loading and validation


def _default_text() -> tuple[str, str]:
    ref = resources.files("litmap").joinpath("data/concepts.yaml")
    return ref.read_text(encoding="utf-8"), DEFAULT_LEXICON


def _read_yaml(text: str, name: str) -> Mapping[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML ({exc}). Fix the syntax and try again.") from exc
    if data is None:
        data = {}
    if isinstance(data, list):
        data = {"concepts": data}
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a mapping with 'concepts' (a list) and optional 'debates'.")
    unknown = set(data) - {"version", "concepts", "debates"}
    if unknown:
        raise InputError(f"{name}: unknown top-level key(s) {sorted(unknown)}; use 'concepts' and 'debates'.")
    return data


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{where}: '{key}' must be a list of non-empty strings.")
    return tuple(v.strip() for v in value)


def _parse_debates(data: Mapping[str, Any], name: str) -> dict[str, Debate]:
    raw = data.get("debates") or {}
    if not isinstance(raw, dict):
        raise InputError(f"{name}: 'debates' must be a mapping of debate id to {{label, gloss}}.")
    out = {}
    for did, body in raw.items():
        where = f"{name}: debate {did!r}"
        if not isinstance(did, str) or not _ID.match(did):
            raise InputError(f"{where}: ids are lower-case words joined by hyphens, e.g. 'city-regionalism'.")
        if isinstance(body, str):
            body = {"label": body}
        if not isinstance(body, dict) or not isinstance(body.get("label", did), str):
            raise InputError(f"{where}: give a mapping with a 'label' (and optional 'gloss').")
        out[did] = Debate(did, str(body.get("label", did)), str(body.get("gloss", "")))
    return out


def _parse_concepts(data: Mapping[str, Any], name: str) -> list[tuple[dict[str, Any], bool]]:
    raw = data.get("concepts") or []
    if not isinstance(raw, list):
        raise InputError(f"{name}: 'concepts' must be a list of entries with an 'id'.")
    seen: set[str] = set()
    out = []
    for n, entry in enumerate(raw, start=1):
        where = f"{name}: concept entry {n}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: each entry must be a mapping with at least 'id' and 'label'.")
        cid = entry.get("id")
        if not isinstance(cid, str) or not _ID.match(cid):
            raise InputError(f"{where}: 'id' {cid!r} must be lower-case words joined by hyphens, e.g. 'state-rescaling'.")
        where = f"{name}: concept {cid!r} (entry {n})"
        if cid in seen:
            raise InputError(f"{where}: id given twice in one file; merge the two entries.")
        seen.add(cid)
        unknown = set(entry) - _CONCEPT_KEYS
        if unknown:
            raise InputError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_CONCEPT_KEYS)}.")
        fields: dict[str, Any] = {"id": cid}
        for key in ("label", "gloss"):
            if key in entry:
                if not isinstance(entry[key], str) or (key == "label" and not entry[key].strip()):
                    raise InputError(f"{where}: '{key}' must be a non-empty string.")
                fields[key] = entry[key].strip()
        for key in _LIST_KEYS:
            if key in entry:
                fields[key] = _str_list(entry[key], where, key)
        if "weak" in entry:
            weak = entry["weak"]
            if weak is True:
                fields["weak"] = ("*",)
            elif weak is False or weak is None:
                fields["weak"] = ()
            else:
                fields["weak"] = _str_list(weak, where, "weak (true, or a list of debate ids)")
        out.append((fields, bool(entry.get("replace", False))))
    return out


def load_lexicon(path: Optional[str] = None, extra: Sequence[str] = ()) -> Lexicon:
    """Load the concept lexicon.

    ``path`` replaces the built-in default (``litmap/data/concepts.yaml``) when
    given; each file in ``extra`` is merged on top in order: an entry whose id
    is new is added (it needs a ``label``); an entry with a known id overrides
    the fields it gives, while its ``variants``, ``broader``, ``related`` and
    ``debates`` extend the existing lists unless the entry says
    ``replace: true``.  Raises :class:`~litmap.errors.InputError` naming the
    file and the entry when something is wrong.
    """
    sources: list[tuple[str, str]] = []
    if path is None:
        sources.append(_default_text()[::-1])
    else:
        sources.append((str(path), _read_path(path)))
    for p in extra:
        sources.append((str(p), _read_path(p)))
    concepts: dict[str, Concept] = {}
    origin: dict[str, str] = {}
    debates: dict[str, Debate] = {}
    for name, text in sources:
        data = _read_yaml(text, name)
        debates.update(_parse_debates(data, name))
        for fields, replace_lists in _parse_concepts(data, name):
            cid = fields["id"]
            old = concepts.get(cid)
            if old is None:
                if "label" not in fields:
                    raise InputError(f"{name}: concept {cid!r}: new concepts need a 'label' (and a one-sentence 'gloss').")
                concepts[cid] = Concept(**{"gloss": "", **fields})
            else:
                upd = {k: v for k, v in fields.items() if k not in _LIST_KEYS and k != "id"}  # weak replaces
                for key in _LIST_KEYS:
                    if key in fields:
                        upd[key] = fields[key] if replace_lists else _union(getattr(old, key), fields[key])
                concepts[cid] = replace(old, **upd)
            origin[cid] = name
    _check_references(concepts, debates, origin)
    logger.debug("lexicon: %d concepts, %d debates from %s", len(concepts), len(debates), [s for s, _ in sources])
    return Lexicon(tuple(concepts.values()), debates, tuple(s for s, _ in sources))


def _read_path(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: concept file not found; give the path of a YAML lexicon (see docs).")
    try:
        return p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the concept file ({exc}); save it as UTF-8 text.") from exc


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return a + tuple(x for x in b if x not in a)


def _check_references(concepts: Mapping[str, Concept], debates: Mapping[str, Debate], origin: Mapping[str, str]) -> None:
    for c in concepts.values():
        where = f"{origin[c.id]}: concept {c.id!r}"
        for key in ("broader", "related"):
            for ref in getattr(c, key):
                if ref not in concepts:
                    raise InputError(f"{where}: '{key}' names unknown concept {ref!r}; add it or fix the id.")
                if ref == c.id:
                    raise InputError(f"{where}: '{key}' names the concept itself.")
        for d in c.debates:
            if d not in debates:
                raise InputError(f"{where}: debate {d!r} is not defined; add it under 'debates:' in the file.")
        for d in c.weak:
            if d != "*" and d not in c.debates:
                raise InputError(f"{where}: 'weak' names {d!r}, which is not one of its debates {list(c.debates)}; "
                                 "write 'weak: true' for all of them or list some of its debates.")


# --------------------------------------------------------------------------
# matching


@lru_cache(maxsize=65536)
def canonical_token(token: str) -> str:
    """Fold one lower-cased token: -ization → -isation, plurals → singular."""
    t = token.lower().replace("'", "")
    t = re.sub(r"iz(ation|ations|e|ed|es|ing|er|ers)$", r"is\1", t)
    t = re.sub(r"yz(e|ed|es|ing)$", r"ys\1", t)  # analyze → analyse
    if len(t) > 4 and t.endswith("ies"):
        t = t[:-3] + "y"
    elif len(t) > 4 and t.endswith(("sses", "ches", "shes", "xes")):
        t = t[:-2]
    elif len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is", "ys")):
        t = t[:-1]
    return t


def _form_keys(form: str) -> list[tuple[str, ...]]:
    """Token sequences that a lexicon form should match."""
    clean, _ = normalise(form)
    toks = [m.group(0) for m in _TOKEN.finditer(clean)]
    if not toks:
        return []
    keys = {tuple(canonical_token(t) for t in toks)}
    if len(toks) > 1:
        keys.add((canonical_token("".join(toks)),))  # "cityregion"
    out: set[tuple[str, ...]] = set()
    for key in keys:
        out.add(key)
        # "rescaling" also as "re- scaling" / "re-scaling" split into two tokens
        for i, tok in enumerate(key):
            for pre in _PREFIXES:
                if tok.startswith(pre) and len(tok) - len(pre) >= 4:
                    out.add(key[:i] + (pre, tok[len(pre) :]) + key[i + 1 :])
    return sorted(out)


class _Matcher:
    """A token trie over every form of every concept."""

    def __init__(self, lexicon: Lexicon):
        self.root: dict[str, Any] = {}
        # concept id -> token sequences whose presence in the text voids its mentions
        self.not_near: dict[str, list[tuple[str, ...]]] = {
            c.id: [k for form in c.not_near for k in _form_keys(form)] for c in lexicon.concepts if c.not_near
        }
        for c in lexicon.concepts:
            for form in c.forms:
                case_sensitive = form.isupper() and len(form) <= 6
                for key in _form_keys(form):
                    node = self.root
                    for tok in key:
                        node = node.setdefault(tok, {})
                    # First writer wins, so a concept's own label beats another's variant.
                    node.setdefault("\0", (c.id, form if case_sensitive else None))

    def find(self, text: str) -> list[ConceptHit]:
        clean, offs = normalise(text)
        toks = [(m.start(), m.end(), canonical_token(m.group(0))) for m in _TOKEN.finditer(clean)]
        hits: list[ConceptHit] = []
        i = 0
        while i < len(toks):
            node = self.root
            best: Optional[tuple[int, tuple[str, Optional[str]]]] = None
            j = i
            while j < len(toks):
                if j > i and not re.fullmatch(r"[\s\-]*", clean[toks[j - 1][1] : toks[j][0]]):
                    break  # multi-word forms never cross punctuation
                nxt = node.get(toks[j][2])
                if nxt is None:
                    break
                node = nxt
                if "\0" in node:
                    entry = node["\0"]
                    if _case_ok(clean[toks[i][0] : toks[j][1]], entry[1]):
                        best = (j, entry)
                j += 1
            if best is None:
                i += 1
                continue
            j, (cid, _) = best
            start, end = offs[toks[i][0]], offs[toks[j][1] - 1] + 1
            hits.append(ConceptHit(cid, start, end, text[start:end]))
            i = j + 1
        if self.not_near and any(h.concept_id in self.not_near for h in hits):
            seq = [t[2] for t in toks]
            voided = {cid for cid in {h.concept_id for h in hits} if any(
                _contains(seq, key) for key in self.not_near.get(cid, ()))}
            hits = [h for h in hits if h.concept_id not in voided]
        return hits


def _contains(seq: Sequence[str], key: tuple[str, ...]) -> bool:
    """Whether the token sequence ``key`` occurs in ``seq``."""
    n = len(key)
    first = key[0]
    return any(seq[i] == first and tuple(seq[i : i + n]) == key for i in range(len(seq) - n + 1))


def _case_ok(span: str, form: Optional[str]) -> bool:
    """Acronym forms (NNA, SEZ, TPSN) match only in capitals, plural allowed."""
    if form is None:
        return True
    return span == form or (span[:-1] if span.endswith("s") else span).isupper()


def match_concepts(text: str, lexicon: Lexicon) -> list[ConceptHit]:
    """Concept mentions in ``text``, left to right, longest match first and
    never overlapping; offsets index ``text`` as given."""
    return lexicon.matcher().find(text)


@dataclass(frozen=True)
class ConceptCounts:
    """Mentions per concept by document, section kind and year, and the
    number of documents mentioning each concept (``docs``)."""

    by_doc: Mapping[str, Mapping[str, int]]
    by_section: Mapping[str, Mapping[str, int]]
    by_year: Mapping[int, Mapping[str, int]]
    docs: Mapping[str, int]
    total: Mapping[str, int]


def concept_counts(
    rows: Iterable[tuple[str, Optional[str], Optional[int], str]], lexicon: Lexicon
) -> ConceptCounts:
    """Count concept mentions over rows of ``(doc_id, section_kind, year,
    text)``; rows without a section kind count under ``"body"``, rows
    without a year are left out of ``by_year``."""
    by_doc: dict[str, Counter[str]] = defaultdict(Counter)
    by_section: dict[str, Counter[str]] = defaultdict(Counter)
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for doc_id, section, year, text in rows:
        found = Counter(h.concept_id for h in match_concepts(text, lexicon))
        if not found:
            continue
        by_doc[doc_id].update(found)
        by_section[section or "body"].update(found)
        if year is not None:
            by_year[int(year)].update(found)
        total.update(found)
    docs: Counter[str] = Counter()
    for counter in by_doc.values():
        docs.update(counter.keys())
    return ConceptCounts(
        {k: dict(v) for k, v in by_doc.items()},
        {k: dict(v) for k, v in by_section.items()},
        {k: dict(v) for k, v in sorted(by_year.items())},
        dict(docs),
        dict(total),
    )


# --------------------------------------------------------------------------
# names the user types: ids or labels


def name_key(text: str) -> str:
    """'State  Rescaling', 'state_rescaling' and 'state-rescaling' all give 'state-rescaling'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))


def resolve_name(lexicon: Lexicon, name: str) -> str:
    """The debate or concept id that ``name`` means: an id or a label (of a
    debate, then of a concept, then a concept's variant), case, spaces and
    hyphens not minding.  ``concept:NAME`` / ``debate:NAME`` say which kind;
    a concept whose id is also a debate's comes back as ``concept:ID``.
    Raises :class:`~litmap.errors.InputError` with the closest names
    (difflib) when nothing matches."""
    import difflib

    kind = ""
    raw = name.strip()
    if raw.casefold().startswith(("concept:", "debate:")):
        kind, raw = raw.split(":", 1)
        kind = kind.casefold()
    key = name_key(raw)
    debates = {name_key(d): d for d in lexicon.debates}
    debates.update({name_key(d.label): i for i, d in lexicon.debates.items() if name_key(d.label) not in debates})
    concepts: dict[str, str] = {}
    for tier in ("id", "label", "variants"):
        for c in lexicon.concepts:
            forms = (c.id,) if tier == "id" else (c.label,) if tier == "label" else c.variants
            for form in forms:
                concepts.setdefault(name_key(form), c.id)
    if kind != "concept" and key in debates:
        return debates[key]
    if kind != "debate" and key in concepts:
        cid = concepts[key]
        return f"concept:{cid}" if cid in lexicon.debates else cid
    pool = ({} if kind == "concept" else debates) | ({} if kind == "debate" else concepts)
    close = difflib.get_close_matches(key, list(pool), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(pool[k] for k in close))
    what = {"concept": "concept", "debate": "debate"}.get(kind, "debate or concept")
    hint = f"; did you mean {' or '.join(repr(i) for i in ids)}?" if ids else ""
    raise InputError(f"{name!r} is no {what} of the lexicon{hint} (`litmap concepts` lists them; "
                     "add your own with --concepts FILE)")
