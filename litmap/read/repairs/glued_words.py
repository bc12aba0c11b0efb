"""Put back the spaces a text export lost between words of the body text ("ofgentrification",
"inprovincial cities", "builtenvironment", "Thisstudyaimstoexplore…").

The cut itself is the title segmenter's (:mod:`litmap.read.repairs.word_segments`: cheapest cut into words of
the bundled MiniLM word list or of the document, only where a function word is glued to a word or the document
prints the pieces apart).  Body text needs more care than a title, because most of its long words are no
entry of a ~21.7k word list yet are words: derived forms ("democratisation", "theorisation",
"orchestrating", "incompatibility", "sociospatial").  So, on top of the title rules:

* A document is only repaired when it shows the failure: at least :data:`_GATE_MIN` of its long letter runs
  are a function word glued to a listed word ("ofurban", "citiesand"; a first, cheap look), and at least
  :data:`_GATE_MIN` runs, :data:`_GATE_SHARE` of its distinct long runs, are cut.  Clean documents stay byte
  for byte (the seeds, 20 of the 30 gentrification texts, the parscit files).
* A run that is a word is never cut: in the word list; or made from a listed word by a derivational suffix
  ("democrat" + "isation", "theory" → "theor" + "isation", "orchestra" → "orchestr" + "ating") or prefix
  ("socio" + "spatial", "re" + "settlement", "down" + "playing"); or a negated adjective or adverb ("in" +
  "significantly", "in" + "compatibility": the prefix "in-" before a letter it does not assimilate to —
  "im-", "il-", "ir-" come before p/b/m, l, r, so "inprovincial" is glue) unless the document prints the two
  apart more often; or, made of content words only, printed glued more often than apart.
* Every content piece of a cut must be a word the document prints on its own or a common word ("chest" in
  "or|chest|rating" is neither), and the document's own words serve as pieces only when they are no glued
  runs themselves ("inprovincial", "typesofgentrification").
* A lost space is the likelier reading only next to a function word: a run of two pieces is cut only where
  the document prints them apart, or where the first is a function word no English word starts with ("the",
  "of", "and", ... — not "a|bound", "as|certain", "at|tests", "in|secure", "with|holding"); inside a longer
  run, two content words meet only where the document prints them apart ("built|environment", not
  "home|owners"); two pieces that make a word are not parted ("a|part"); and a capital inside a run starts a
  piece ("RateD|is|advantage" is refused).

Measured on every .txt of the shared data (``benchmarks/eval_glued_words.py``): 10 of the 30 gentrification
texts pass the gate (Paper1, 6, 8, 11, 15, 20, 22, 23, 26, 29): 892 glued runs cut, 1,019 uses, none of them
into a piece that is no word by a read of all of them (four closed compounds are cut into the two words the
same document prints elsewhere: "Homeownership", "riverfront", "greenspaces", "demandside"); the seeds, the other 20 texts and the parscit/SOURCE files are
untouched.  Recall is partial: runs the rules cannot vouch for stay glued (by the title segmenter's count
7-28 runs a document, and 342 in Paper6, the worst, which is about half of its glued runs).

Only ASCII letter runs of 5 letters or more that stand alone between spaces or punctuation are looked at;
runs in URLs, e-mail addresses, DOIs and file names are left alone.  Spaces are only inserted, never removed,
and each changed run is changed the same way wherever it stands, so a block's lines follow its text.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Mapping, Optional, Sequence

from litmap.read.repairs.word_segments import GLUE_WORDS, lower_doc_counts, segment, split_glued, word_ranks

__all__ = ["glued_word_cuts", "repair_glued_words", "apply_cuts"]

log = logging.getLogger(__name__)

#: A document is repaired when this share of its distinct long runs (see :data:`_RUN`) are glued words …
_GATE_SHARE = 0.01
#: … and there are at least this many of them.
_GATE_MIN = 5
#: A content piece of a cut not printed alone in the document must rank among this many commonest words.
_COMMON_RANK = 5000
#: Function words no English word starts with as a prefix (unlike "a|bound", "as|certain", "at|tests",
#: "in|secure", "with|holding", "for|sake", "by|product", "on|shore"): glued to a word the document prints,
#: they are a lost space even where the document never prints the two apart ("the|differences").
_NO_PREFIX = frozenset({"the", "of", "and", "to", "that", "this", "their", "from", "its", "is"})
#: Closed-class words (pronouns, determiners, auxiliaries, prepositions, conjunctions): inside a longer run a
#: junction next to one is a lost space ("cities|have|often"); one between two content words needs the document
#: to print the two apart ("built|environment"), or it may be a compound ("home|owners").
_CLOSED = GLUE_WORDS | frozenset("""
be been being was were are am has have had having do does did can could may might must shall should will would
not no nor but if so than then also only more most less least such very too both either neither each every all
any some many much few other others another these those there here where when while which who whom whose what
how why whether because although though since until unless upon within without between among through during
before after above below under over into onto toward towards against about around across along beyond despite
via per we our us they them he his him she her hers it one ones i my me you your yet still even just thus
""".split())
#: Letter runs looked at: ASCII letters, 5 or more, not part of a longer run of other letters or digits.
_RUN = re.compile(r"(?<![^\W_])[A-Za-z]{5,}(?![^\W_])")
#: White-space chunks that are addresses or file names, never prose: left alone.
_ADDRESS = re.compile(r"[/@\\_]|www\.|https?:|(?<![a-z])doi(?![a-z])|\.(?:com|org|net|edu|gov|int|ac|co|io|info|uk|de|pdf|html?|txt|"
                      r"docx?|csv|xlsx?|json|xml|py)\b", re.I)

#: A white-space chunk holding an address.
_ADDRESS_CHUNK = re.compile(r"\S*(?:" + _ADDRESS.pattern + r")\S*", re.I)
#: Derivational and inflectional endings: a run made of a listed word and one of these is a word
#: ("democrat|isation", "orchestr(a)|ating", "conceptual|isation").
_SUFFIXES = frozenset("""
isations izations isation ization isational izational ations ation ational ationally atively ative atory
ising izing ised ized ises izes ise ize isms ism ists ist istic istically
alities ality ically ical ically ally al ial ially ialism ities ity ility ilities ability abilities ibility
nesses ness ments ment mental mentally ings ing ers er ed es s ly ive ively ivity ivities ives ous ously
ful fully less lessly able ably ible ibly ic ics ian ians ant ants ance ances ence ences ent ently ency ancy
ship ships hood hoods wise ward wards ate ated ates ating ator ators ify ified ifies ifying ification
ifications est ier iest ery eries ry ee ees ette ettes let lets ling lings dom doms
""".split())
#: Prefixes that make a word of a word ("socio|spatial", "re|settlement", "counter|narrative").
_PREFIXES = frozenset("""
re dis un non co de pre post inter intra sub super trans counter anti multi neo semi socio geo eco bio
micro macro over under out self hyper mis pro proto pseudo quasi meta mono poly infra extra ultra retro
techno cyber agro ethno psycho politico econo hetero homo auto down up back off fore after cross
""".split())
_PREFIX_MAX = max(map(len, _PREFIXES))
#: Endings of adjectives and adverbs that the negating "in-" makes words of ("in|significantly").
_NEGATABLE = ("able", "ible", "ability", "ibility", "ably", "ibly", "al", "ally", "ality", "ive", "ively",
              "ivity", "ent", "ently", "ence", "ency", "ant", "antly", "ance", "ate", "ately", "acy", "ite",
              "itely", "ic", "ical", "ically", "ous", "ously", "ly", "ed", "edly", "ion", "ions", "ity", "ities")
#: Letters before which the negating prefix is "im-", "il-", "ir-", not "in-" ("in|provincial" is glue).
_ASSIMILATED = frozenset("pbmlr")


def _stems(stem: str) -> list[str]:
    """The word a suffix may have been cut from: "theor" → "theory", "orchestr" → "orchestra", "plann" → "plan"."""
    out = [stem, stem + "e", stem + "y", stem + "a", stem + "al"]
    if stem.endswith("i"):
        out += [stem[:-1] + "y", stem[:-1] + "e"]
    if len(stem) > 3 and stem[-1] == stem[-2]:
        out.append(stem[:-1])
    if stem.endswith("abil") or stem.endswith("ibil"):
        out.append(stem[:-2] + "le")  # "compatibil|ity" → "compatible"
    return out


class _Words:
    """Is a lower-case letter run a word: listed, derived from a listed word, or the document's own."""

    def __init__(self, ranks: Mapping[str, int], low_doc: Mapping[str, int], flat: str) -> None:
        self.ranks = ranks
        self.low_doc = low_doc
        self.flat = flat
        self._derived: dict[tuple[str, int], bool] = {}

    def derived(self, word: str, depth: int = 2) -> bool:
        key = (word, depth)
        got = self._derived.get(key)
        if got is None:
            got = self._derived[key] = self._derive(word, depth)
        return got

    def _derive(self, word: str, depth: int) -> bool:
        if word in self.ranks:
            return True
        if depth <= 0 or len(word) < 5:
            return False
        for cut in range(3, len(word)):  # the ending word[cut:], longest first
            if word[cut:] not in _SUFFIXES:
                continue
            for base in _stems(word[:cut]):
                if len(base) >= 3 and (base in self.ranks and not (len(base) <= 4 and base in GLUE_WORDS)
                                       or depth > 1 and len(base) > 4 and self.derived(base, depth - 1)):
                    return True
        for cut in range(_PREFIX_MAX, 1, -1):
            rest = word[cut:]
            if word[:cut] in _PREFIXES and len(rest) >= 4 and rest not in _CLOSED and self.derived(rest, depth - 1):
                return True
        return self.negated(word, depth)

    def negated(self, word: str, depth: int) -> bool:
        """ "in" + an adjective or adverb it negates ("insignificantly"), unless printed apart more often."""
        rest = word[2:]
        if not word.startswith("in") or len(rest) < 5 or rest[0] in _ASSIMILATED or not rest.endswith(_NEGATABLE):
            return False
        if not self.derived(rest, depth - 1):
            return False
        return self.flat.count(f" in {rest} ") <= self.low_doc.get(word, 0)

    def cut_ok(self, pieces: list[str], before_capital: bool) -> bool:
        """May a run be cut into ``pieces``?  Not when it is a word, when a content piece is no word the
        document uses, or when two neighbouring pieces make a word ("a|part")."""
        whole = "".join(pieces)
        if self.derived(whole):
            return False
        seen = self.low_doc.get(whole, 0)
        if seen and not any(p in GLUE_WORDS for p in pieces) and self.flat.count(f" {' '.join(pieces)} ") < seen:
            return False  # content words printed glued more often than apart: the document's compound
        for k, piece in enumerate(pieces):
            if piece not in GLUE_WORDS and not self.low_doc.get(piece) and self.ranks.get(piece, _COMMON_RANK) >= _COMMON_RANK:
                return False
            if not k:
                continue
            prev = pieces[k - 1]
            apart = f" {prev} {piece} " in self.flat
            lead = (len(pieces) == 2 and prev in _NO_PREFIX and piece not in GLUE_WORDS and bool(self.low_doc.get(piece))
                    and (self.derived(piece) or len(piece) >= 7))  # a word, not a fragment ("is|ation")
            if not apart and (len(pieces) == 2 and not lead or self.derived(prev + piece, 1)
                              or prev not in _CLOSED and piece not in _CLOSED):
                # Two pieces alone ("as|certain", "with|holding", "a|bound": function words that are also the
                # start of words), two that make a word ("a|part"), or two content words ("brown|field",
                # "down|playing"): only where the document prints them apart.
                return False
        return True


def _function_glued(word: str, ranks: Mapping[str, int]) -> bool:
    """Is ``word`` a function word glued to a listed word, before or after it ("inprovincial", "citiesand")?"""
    for k in range(1, min(6, len(word) - 2)):
        if len(word) - k >= 5 and (word[:k] in GLUE_WORDS and word[k:] in ranks or word[-k:] in GLUE_WORDS and word[:-k] in ranks):
            return True
    return False


def _capitals_kept(run: str, out: str) -> bool:
    """Does the cut ``out`` leave each capital inside ``run`` at the start of a word or in an acronym
    ("RateD|is|advantage" does not)?"""
    for k, ch in enumerate(out):
        if k and ch.isupper() and out[k - 1].islower():
            return False
    return True


def _candidates(texts: Sequence[str]) -> Counter[str]:
    """Long ASCII letter runs of prose (not in addresses), with their counts."""
    runs: Counter[str] = Counter()
    for text in texts:
        if _ADDRESS.search(text):
            text = _ADDRESS_CHUNK.sub(" ", text)
        runs.update(_RUN.findall(text))
    return runs


def glued_word_cuts(texts: Sequence[str], ranks: Optional[Mapping[str, int]] = None,
                    force: bool = False) -> dict[str, str]:
    """Glued runs of the document ``texts`` → the same runs with their spaces put back; empty when the
    document does not show lost spaces (see the module's doc) unless ``force``."""
    ranks = word_ranks() if ranks is None else ranks
    if not ranks:
        return {}
    runs = _candidates(texts)
    unknown = [r for r in runs if r.lower() not in ranks]
    if not force and sum(1 for r in unknown if _function_glued(r.lower(), ranks)) < _GATE_MIN:
        return {}  # a first, cheap look: too few runs of a function word and a listed word ("ofurban", "citiesand")
    doc = "\n".join(texts)
    low_doc = lower_doc_counts(doc)
    flat = f" {' '.join(re.sub(r'[^a-z]+', ' ', doc.lower()).split())} "
    words = _Words(ranks, low_doc, flat)
    # The document's own words the segmenter may use as pieces: not its glued runs ("inprovincial" printed
    # 27 times is "in" + a listed word).
    pieces = {w: n for w, n in low_doc.items() if n >= 3 and w not in ranks and not _function_glued(w, ranks)}
    for w in sorted(pieces, key=len):  # … nor runs of them ("typesofgentrification", "studentgentrification")
        n = pieces.pop(w)
        cut = segment(w, ranks, pieces)
        if not cut or len(cut) < 2 or not any(p in GLUE_WORDS for p in cut) and \
                not all(f" {a} {b} " in flat for a, b in zip(cut, cut[1:])):
            pieces[w] = n
    cuts: dict[str, str] = {}
    for run in unknown:
        if run[1:].islower() and words.derived(run.lower()):
            continue  # "democratisation": a word (checked again for each camel-case part and cut)
        out = split_glued(run, ranks, pieces, flat, cut_ok=words.cut_ok, doc_word=None)
        if out != run and not _capitals_kept(run, out):
            continue
        if out != run:
            cuts[run] = out
    if not force and (len(cuts) < _GATE_MIN or len(cuts) < _GATE_SHARE * len(runs)):
        return {}
    return cuts


def apply_cuts(text: str, cuts: Mapping[str, str]) -> str:
    """``text`` with each glued run of ``cuts`` replaced (runs in addresses left alone)."""
    if not cuts:
        return text

    def chunk(m: re.Match[str]) -> str:
        c = m.group(0)
        if _ADDRESS.search(c):
            return c
        return _RUN.sub(lambda r: cuts.get(r.group(0), r.group(0)), c)

    return re.sub(r"\S{5,}", chunk, text)


def repair_glued_words(texts: Sequence[str], ranks: Optional[Mapping[str, int]] = None) -> tuple[list[str], dict[str, str]]:
    """The texts of one document with lost spaces put back, and the cuts made (run → words)."""
    cuts = glued_word_cuts(texts, ranks)
    if not cuts:
        return list(texts), {}
    log.debug("glued words cut: %d runs", len(cuts))
    return [apply_cuts(t, cuts) for t in texts], cuts
