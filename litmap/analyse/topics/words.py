"""The words topics are described with: stop words, acronyms, corpus-wide terms.

Three kinds of word never describe a topic:

- **genre and filler words**: those of academic prose (``et al``, ``pp``,
  ``per cent``, ``argue``) and of interview transcripts (``like``, ``don't``,
  ``think``, ``yeah``), on top of scikit-learn's English list;
- **acronyms never spelled out** in the corpus (``BTZGCTT``): a reader cannot
  tell what they mean.  Acronyms that are spelled out somewhere ("Zhongguancun
  Science City (ZGC)") stay, and labels show the spelled-out form;
- **corpus-wide terms**: words in more than ``ubiquity`` of the passages *and*
  of the papers (``gentrification`` in a gentrification corpus): they say what
  the corpus is about, not how its topics differ;
- **speakers' names in quoted interviews**: a name that attributes a
  quotation (``(Sandra, age 28)``, or ``Sandra:`` opening a transcript line)
  and is written with a capital (nearly) everywhere else: a respondent's name
  says nothing about a theme.  Attributions are not counted; the name's
  other uses stay in the counts (they still tell one cluster from another)
  but it is never a keyword or a label word.  Place names
  and cited authors are kept: in a corpus of case studies they are the signal
  (leaving out every capitalised word found in one paper cost 0.05 NPMI on
  the 1,001 benchmark passages and turned "Historic Cairo" into "apartment
  houses").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = [
    "ACADEMIC_STOP_WORDS", "TRANSCRIPT_STOP_WORDS", "FILLER_WORDS", "TOKEN_PATTERN", "Vocabulary",
    "base_stop_words", "normalise", "find_acronyms", "build_vocabulary",
]

#: Words that name the genre rather than the topic of a scholarly passage.
ACADEMIC_STOP_WORDS = (
    "paper", "papers", "argue", "argues", "argued", "arguing", "argument", "arguments", "section", "sections",
    "et", "al", "etal", "study", "studies", "article", "articles", "figure", "figures", "fig", "figs",
    "table", "tables", "chapter", "chapters", "author", "authors", "discuss", "discussed", "discusses",
    "discussion", "conclusion", "conclusions", "conclude", "introduction", "analysis", "analyses", "approach",
    "approaches", "research", "researchers", "literature", "findings", "finding", "suggest", "suggests",
    "suggested", "shown", "shows", "show", "showed", "example", "examples", "case", "cases", "way", "ways",
    "new", "use", "used", "uses", "using", "does", "did", "also", "however", "thus", "hence", "therefore",
    "eg", "ie", "pp", "vol", "vols", "ed", "eds", "edn", "doi", "www", "http", "https", "org", "com",
    "journal", "journals", "university", "press", "ibid", "cf", "see", "per", "cent", "percent",
    "respectively", "particular", "particularly", "specific", "important", "different", "various",
    "certain", "given", "based", "terms", "term", "focus", "focuses", "aspects", "aspect", "issue", "issues",
    "context", "contexts", "role", "process", "processes", "result", "results", "data", "number", "level",
    "levels", "order", "point", "points", "fact", "make", "makes", "made", "making", "rather", "far",
    "relation", "related", "relationship", "provide", "provides", "provided", "including", "include",
    "includes", "according", "important", "approach", "first", "second", "third", "one", "two", "three",
    "four", "five", "within", "upon", "whether", "across", "among", "thereby", "whereas", "while",
    "many", "much", "often", "may", "might", "would", "could", "should", "can", "must", "will", "shall",
    "well", "even", "just", "still", "yet", "already", "also", "i.e", "e.g", "cited", "quoted", "emphasis",
    "original", "forthcoming", "unpublished", "available", "accessed", "retrieved", "online",
    # dates (interview dates, access dates, "in August 2019"), and adjectives that only place in time;
    # "march" and "may" are left to the English list and to their other senses
    "january", "february", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "previous", "following", "recent", "recently", "latter",
    # publisher furniture that slips into body text
    "wiley", "onlinelibrary", "elsevier", "springer", "taylor", "francis", "sage", "licence", "license",
    "licensed", "creative", "commons", "downloaded", "copyright", "rights", "reserved", "conditions",
)

#: Filler of spoken language in interview transcripts and quoted speech.
TRANSCRIPT_STOP_WORDS = (
    "like", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "haven", "hasn", "hadn", "won",
    "wouldn", "couldn", "shouldn", "can't", "don't", "doesn't", "didn't", "isn't", "it's", "that's",
    "i'm", "you're", "we're", "they're", "i've", "we've", "you've", "i'd", "i'll", "let's", "there's",
    "think", "thinks", "thought", "know", "knows", "knew", "mean", "means", "yeah", "yes", "ok", "okay",
    "oh", "um", "uh", "er", "erm", "hmm", "mm", "ah", "really", "actually", "basically", "sort", "kind",
    "kinds", "lot", "lots", "thing", "things", "stuff", "got", "get", "gets", "getting", "go", "goes",
    "going", "gone", "went", "come", "comes", "coming", "came", "say", "says", "said", "saying", "tell",
    "told", "want", "wanted", "wants", "look", "looks", "looked", "right", "good", "bit", "maybe",
    "probably", "quite", "pretty", "guess", "gonna", "wanna", "gotta", "ve", "ll", "re", "interviewee",
    "interviewer", "respondent", "interview", "interviews", "laughs", "laughter", "he's", "she's",
    "what's", "isn't", "wasn't", "aren't", "won't", "wouldn't", "couldn't", "haven't", "you'd", "we'd",
    "they'd", "they've", "who's", "here's", "where's", "ain't", "y'know", "dunno", "big", "feel", "feels",
)

#: Words that must never appear in a topic label (genre, filler and transcript words).
FILLER_WORDS = frozenset(ACADEMIC_STOP_WORDS) | frozenset(TRANSCRIPT_STOP_WORDS)

#: Words (letters, inner hyphens or apostrophes), never numbers or ids such as ``usj_097104``.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*\b"

#: A speaker's name attributing a quotation: "(Sandra, age 28)", "(Sandra, 28, tenant)", or "Sandra: …" opening
#: a line of a transcript.
_SPEAKER = re.compile(r"\(\s*([A-Z][a-z]+)(?:\s+[A-Z]\.?)?,\s*(?:aged?\s*)?\d{1,3}\b|(?:^|\n)\s*([A-Z][a-z]+):\s")
_ATTRIBUTION = re.compile(r"\(\s*[A-Z][a-z]+(?:\s+[A-Z]\.?)?,\s*(?:aged?\s*)?\d{1,3}\b[^()]{0,40}\)")
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_A-Z]+(?:[-'’][^\W\d_]+)*\b")
#: Share of a word's occurrences written with a capital for it to count as a name.
_NAME_SHARE = 0.9
#: Surnames where a text cites: "Brenner (2004)", "Li and Wu (2012)", "Allen & Cochrane, 2007", "Lees et al. 2008",
#: "(Harvey, 1989b; Smith 1996)", "Lees, Slater and Wyly (2008)".
_NAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_A-Z]+(?:[-'’][A-ZÀ-ÖØ-Þ]?[^\W\d_]+)*"
_CITED = re.compile(rf"\b({_NAME})((?:,?\s+(?:and\s+|&\s+)?{_NAME}){{0,3}})(?:\s+et\s+al\.?)?(?:,\s*|\s+\(?)"
                    r"(?:19|20)\d\d[a-z]?\b")
#: A word counts as a cited surname where at least half of its uses are in citations (places are cited
#: as authors now and then, "City of Helsinki (2015)", and named far more often elsewhere).
_CITED_SHARE = 0.5
_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9&]{1,9})s?\b")
_WORD = re.compile(TOKEN_PATTERN)


def normalise(text: str) -> str:
    """Lower case, ligatures split (NFKC), typographic apostrophes as plain ones (``don’t`` is ``don't``)."""
    import unicodedata

    return unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")


def base_stop_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """scikit-learn's English stop words, the academic and transcript lists and ``extra``."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | FILLER_WORDS | {w.lower() for w in extra}


def _initials(words: Sequence[str]) -> str:
    out: list[str] = []
    for w in words:
        parts = [p for p in re.split(r"[-/]", w) if p]
        out.extend(p[0] for p in parts)
    return "".join(out).upper()


def find_acronyms(texts: Iterable[str]) -> tuple[dict[str, str], frozenset[str]]:
    """Acronyms in ``texts``: ``(spelled out, never spelled out)``.

    An acronym is a token written in capitals (2–10 letters) in most of its
    occurrences.  It is *spelled out* where it follows or precedes, in
    brackets, words whose initials give it ("Business Improvement District
    (BID)", "BID (Business Improvement District)"); small words (of, and, the)
    may be skipped.  Keys and the undefined set are lower case.
    """
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    small = {"of", "and", "the", "for", "in", "on", "to", "de", "la", "&"}
    for text in texts:
        for m in _ACRONYM.finditer(text):
            upper[m.group(1)] += 1
        for w in _WORD.findall(text):
            if not w.isupper():
                lower[w.lower()] += 1
        if "(" not in text:
            continue
        for m in re.finditer(r"\(([A-Z][A-Z0-9&]{1,9})s?\)", text):
            acr = m.group(1)
            before = re.findall(r"[A-Za-z][\w&-]*", text[max(0, m.start() - 120): m.start()])
            form = _spelled_before(acr, before, small)
            if form:
                spelled[acr][form] += 1
        for m in re.finditer(r"\b([A-Z][A-Z0-9&]{1,9})s?\s*\(([^()]{5,120})\)", text):
            words = re.findall(r"[A-Za-z][\w&-]*", m.group(2))
            sig = [w for w in words if w.lower() not in small]
            if sig and _initials(sig) == m.group(1):
                spelled[m.group(1)][" ".join(words)] += 1
    defined: dict[str, str] = {}
    undefined: set[str] = set()
    for acr, n in upper.items():
        key = acr.lower()
        if n < 2 * lower.get(key, 0) or len(acr) < 2 or not any(c.isalpha() for c in acr):
            continue  # mostly written as an ordinary word ("US" vs "us" aside)
        if acr in spelled:
            defined[key] = spelled[acr].most_common(1)[0][0]
        else:
            undefined.add(key)
    return defined, frozenset(undefined)


def _spelled_before(acr: str, before: Sequence[str], small: set[str]) -> str:
    """The words just before ``(ACR)`` whose initials spell it, or ''."""
    target = acr.upper()
    for start in range(len(before) - 1, -1, -1):
        words = before[start:]
        sig = [w for w in words if w.lower() not in small]
        got = _initials(sig)
        if got == target and words[0].lower() not in small:
            return " ".join(words)
        if len(got) > len(target) or len(words) > 2 * len(target) + 3:
            break
    return ""


@dataclass(frozen=True)
class Vocabulary:
    """The passages as a document-term matrix, and which words were left out and why."""

    matrix: "csr_matrix"  # passages x terms, raw counts
    terms: tuple[str, ...]
    stop_words: frozenset[str]
    corpus_terms: tuple[str, ...]  # corpus-wide terms left out
    acronyms: dict[str, str]  # spelled out: acronym (lower case) -> the long form
    undefined_acronyms: tuple[str, ...]
    # Speakers' names in quoted interviews: kept in the matrix (they still tell clusters apart) but
    # never keywords or label words (:meth:`not_keywords`).
    speaker_names: tuple[str, ...] = ()
    # Surnames the passages cite ("Li and Wu (2012)"): keywords may hold them (a topic's authors tell a
    # reader something), labels may not ("li and wu", "Eicher Brewer", "drawing on brenner").
    cited_names: tuple[str, ...] = ()

    def not_keywords(self) -> frozenset[int]:
        """Columns of :attr:`terms` that may not be keywords: speakers' names and bigrams holding one."""
        names = set(self.speaker_names)
        return frozenset(i for i, t in enumerate(self.terms) if set(t.split()) & names)


def build_vocabulary(
    texts: Sequence[str], papers: Sequence[int], *, extra_stop_words: Iterable[str] = (),
    ubiquity: float = 0.5, min_df: int = 2,
) -> Vocabulary:
    """Count unigrams and bigrams of ``texts`` without stop words, undefined acronyms or corpus-wide terms.

    ``papers`` gives each passage's paper; a corpus-wide term is in more than
    ``ubiquity`` of the passages' papers and in more than ``ubiquity / 4`` of
    the passages.
    """
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    defined, undefined = find_acronyms(texts)
    stop = base_stop_words(extra_stop_words) | undefined
    n = len(texts)
    vec = CountVectorizer(stop_words=sorted(stop), ngram_range=(1, 2), token_pattern=TOKEN_PATTERN,
                          preprocessor=_without_attributions,
                          min_df=min(min_df, max(1, n // 4)), dtype=np.int32)
    x = vec.fit_transform(texts).tocsc()
    terms = vec.get_feature_names_out()
    corpus_terms: list[str] = []
    names = _speaker_names(texts, terms, x)
    cited = _cited_names(texts, terms, x)  # before corpus-wide words leave the matrix: names are among them
    if len(set(papers)) >= 4:
        doc_share = np.asarray((x > 0).sum(axis=0)).ravel() / n
        paper_ids = np.asarray(papers)
        uniq, inv = np.unique(paper_ids, return_inverse=True)
        from scipy.sparse import csr_matrix

        onehot = csr_matrix((np.ones(n), (inv, np.arange(n))), shape=(len(uniq), n))
        in_papers = np.asarray(((onehot @ (x > 0).astype(np.float32)) > 0).sum(axis=0)).ravel()
        paper_share = in_papers / len(uniq)
        bad: Sequence[int] = (np.flatnonzero((paper_share > ubiquity) & (doc_share > ubiquity / 4)).tolist()
                              if ubiquity < 1.0 else [])
        unigram_bad = {terms[i] for i in bad if " " not in terms[i]}
        corpus_terms = sorted(unigram_bad)
        drop = set(bad) | {i for i, t in enumerate(terms) if " " in t and set(t.split()) & unigram_bad}
        keep = np.asarray([i for i in range(len(terms)) if i not in drop], dtype=np.int64)
        x = x[:, keep]
        terms = terms[keep]
    return Vocabulary(x.tocsr(), tuple(str(t) for t in terms), stop, tuple(corpus_terms),
                      {k: v for k, v in defined.items()}, tuple(sorted(undefined)), tuple(names), tuple(cited))


def _without_attributions(text: str) -> str:
    """:func:`normalise`, with a quotation's attribution ("(Sandra, age 28)") left out: it is no topic's word;
    a passage in another language loses that language's stop words (:mod:`litmap.analyse.topics.languages`)."""
    from litmap.analyse.topics.languages import without_foreign_stop_words

    if "(" in text:
        text = _ATTRIBUTION.sub(" ", text)
    return without_foreign_stop_words(normalise(text))


def _speaker_names(texts: Sequence[str], terms: Sequence[str], x: "csr_matrix") -> list[str]:
    """Names that attribute quoted speech (``(Sandra, age 28)``, ``Sandra:`` opening a line) and, where the
    word is still counted, are written with a capital in ≥ 90% of those uses (so ``Note:`` is no name).

    Attributions themselves are not counted (:func:`_without_attributions`)."""
    import numpy as np

    found: set[str] = set()
    for text in texts:
        if "(" in text or ":" in text:
            found.update(normalise(m.group(1) or m.group(2)) for m in _SPEAKER.finditer(text))
    if not found:
        return []
    col = {t: i for i, t in enumerate(terms)}
    capital: Counter[str] = Counter()
    for text in texts:
        for m in _CAPITALISED.finditer(_ATTRIBUTION.sub(" ", text) if "(" in text else text):
            w = normalise(m.group(0))
            if w in found:
                capital[w] += 1
    total = np.asarray(x.sum(axis=0)).ravel()
    return sorted(w for w in found if w not in col or capital[w] >= _NAME_SHARE * total[col[w]])


def _cited_names(texts: Sequence[str], terms: Sequence[str], x: "csr_matrix") -> list[str]:
    """Words cited as surnames (:data:`_CITED`) in at least two citations and in at least
    :data:`_CITED_SHARE` of all their uses (counted in the matrix, any case: "park" of "industrial park"
    stays a word)."""
    import numpy as np

    cited: Counter[str] = Counter()
    for text in texts:
        for m in _CITED.finditer(text):
            for name in [m.group(1), *re.findall(_NAME, m.group(2) or "")]:
                cited[normalise(name)] += 1
    if not cited:
        return []
    col = {t: i for i, t in enumerate(terms)}
    total = np.asarray(x.sum(axis=0)).ravel()
    return sorted(w for w, n in cited.items() if n >= 2 and w in col and n >= _CITED_SHARE * total[col[w]])
