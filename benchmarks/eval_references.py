"""Evaluate reference parsing (fields) and reference-list segmentation.

    .venv/bin/python benchmarks/eval_references.py [--data ../shared/data] [--only fields|segmentation|joss]
        [--methods rules,crf,hybrid] [--model other.crfsuite] [--split tune|heldout|all]

``--split`` (issue 17, 2026-12-07) scores one half of the sets litmap is
tuned on from now: EXCITE by paper (``crc32(paper id) % 2``: 0 is the tune
half, 1 the held-out half; fields, segmentation and end to end alike) and
the "clean unseen" string sets — ParsCit computer science, ParsCit
humanities test half and JATS, each only the strings no training source of
the shipped CRF holds — by ``crc32("unseen:" + string) % 2`` (0 tune, 1
held out).  Without ``--split`` every set is scored whole, as before, and
the clean unseen sets are not printed.

Every gold set in the shared data that applies to references is scored:

(1) Fields: :func:`litmap.parse.references.parser.parse_reference` on labelled
strings — per-field precision/recall/F1, field-level micro F1 and the share
of references with every gold field right — for

* the two CC BY papers' ``*.gold.json`` ``references`` (hand-checked);
* EXCITE ``refs_segmented`` (50 documents);
* AnyStyle ``gold.xml`` (authors scored as all name words, since AnyStyle
  does not split names);
* GROBID's citation corpus, the held-out slice only: every 10th file of
  ``grobid_citation/corpus`` by sorted name (47 files, 525 distinct strings),
  TEI tags mapped to fields as in training, authors as all name words;
* sets no rule was ever tuned on (``gold_untuned.py``, first scored after
  the rules were fixed): ParsCit's humanities and computer-science strings
  and the JATS mixed citations with tagged names.

The CC BY, EXCITE, AnyStyle ``gold.xml`` and GROBID held-out strings are
not in the shipped CRF's training data (``benchmarks/train_refparser.py``
excludes them, also where another source repeats a string).  The ParsCit
strings are, in large part: GROBID's corpus and AnyStyle ``core``/``good``
hold 972 of the 1,055 computer-science strings and 72 of the 140
humanities test-half strings, so for the CRF those two figures are not
unseen-data figures (``train_refparser.py --exclude-untuned`` trains
without them).
(2) Segmentation: entry F1 of the reference-list splitters against EXCITE
``refs_extracted`` and the CC BY gold ``raw`` lists (entries match at
normalised-text similarity ≥ 0.9), from ``pdftotext`` text
(:func:`split_reference_text`) and, when the layout pipeline is available,
from PDF blocks (:func:`split_references`), then the fields of the entries
found (end to end, PDF → blocks → entries → fields).
(3) JOSS (``--only joss``, or ``benchmarks/eval_joss_references.py``): the
six JOSS PDFs through ``build_document``, each parsed entry matched to its
``paper.bib`` entry; only bib entries whose title is printed in the PDF's
reference section are gold (the PDF and .bib may come from different
commits).  Entry P/R/F1 and per-field figures; see that script's docstring.

Reads the shared data read-only and skips cleanly when it is absent.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import zlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from litmap.models import Reference  # noqa: E402
from litmap.parse.names import normalise_doi, normalise_surname, normalise_title  # noqa: E402
from litmap.parse.references.parser import METHODS, Method, parse_reference  # noqa: E402

FIELDS = ("authors", "year", "title", "container", "volume", "issue", "pages", "publisher", "doi", "url")


@dataclass
class Gold:
    raw: str
    fields: dict  # field -> normalised gold value (only fields the gold set labels)
    key: str = ""  # what a split hashes, when not ``raw`` (kept stable when a loader's ``raw`` was corrected)


@dataclass
class Score:
    tp: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    fp: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    fn: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    n: int = 0
    exact: int = 0


def _norm_text(s: Optional[str]) -> Optional[str]:
    t = normalise_title(s)
    t = re.sub(r"^(?:the )", "", t)
    return t or None


def _norm_pages(s: Optional[str]) -> Optional[str]:
    if not s:
        return None
    nums = re.findall(r"[A-Za-z]?\d+", s)
    return "-".join(nums) or None


def _norm_url(s: Optional[str]) -> Optional[str]:
    if not s:
        return None
    return re.sub(r"^https?://(?:www\.)?|[/.]+$", "", s.strip()).lower() or None


def _year4(value: object) -> Optional[str]:
    m = re.search(r"1[5-9]\d\d|20\d\d", str(value or ""))
    return m.group(0) if m else None


def _norm_authors(families: list[str]) -> Optional[tuple[str, ...]]:
    out = tuple(k for k in (normalise_surname(f) for f in families) if k)
    return out or None


def normalise_prediction(ref: Reference) -> dict:
    return {
        "authors": _norm_authors([a.family for a in ref.authors]),
        "year": str(ref.year) if ref.year else None,
        "title": _norm_text(ref.title),
        "container": _norm_text(ref.container),
        "volume": (ref.volume or "").strip() or None,
        "issue": (ref.issue or "").strip() or None,
        "pages": _norm_pages(ref.pages),
        "publisher": _norm_text(ref.publisher),
        "doi": normalise_doi(ref.doi) if ref.doi else None,
        "url": _norm_url(ref.url),
    }


def score(golds: list[Gold], parse: Callable[[str], Reference]) -> Score:
    sc = Score()
    for g in golds:
        pred = normalise_prediction(parse(g.raw))
        sc.n += 1
        all_right = True
        for f in FIELDS:
            if f not in g.fields:
                continue  # the gold set does not label this field
            gv, pv = g.fields[f], pred[f]
            if gv is not None and pv == gv:
                sc.tp[f] += 1
            else:
                if pv is not None:
                    sc.fp[f] += 1
                if gv is not None:
                    sc.fn[f] += 1
                    all_right = False
        sc.exact += all_right
    return sc


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report_fields(name: str, sc: Score) -> dict:
    print(f"\n== {name}: {sc.n} references")
    print(f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for f in FIELDS:
        if sc.tp[f] + sc.fn[f] + sc.fp[f] == 0:
            continue
        p, r, f1 = _prf(sc.tp[f], sc.fp[f], sc.fn[f])
        print(f"{f:<10} {p:6.3f} {r:6.3f} {f1:6.3f} {sc.tp[f] + sc.fn[f]:6d}")
    tp, fp, fn = (sum(d.values()) for d in (sc.tp, sc.fp, sc.fn))
    p, r, f1 = _prf(tp, fp, fn)
    exact = sc.exact / sc.n if sc.n else 0.0
    print(f"{'micro':<10} {p:6.3f} {r:6.3f} {f1:6.3f}   exactly right {exact:.1%}")
    return {"micro_f1": f1, "exact": exact, "n": sc.n}


# --- gold loaders -------------------------------------------------------------


def load_ccby(data: Path) -> Iterator[tuple[str, list[Gold]]]:
    for path in sorted((data / "pdfs" / "urban_studies_cc_by").glob("*.gold.json")):
        refs = json.loads(path.read_text(encoding="utf-8"))["references"]
        golds = []
        for r in refs:
            golds.append(
                Gold(
                    r["raw"],
                    {
                        "authors": _norm_authors([a["family"] for a in r.get("authors") or []]),
                        # some gold years carry the suffix ("1981a"); the suffix is not scored
                        "year": _year4(r.get("year")),
                        "title": _norm_text(r.get("title")),
                        "container": _norm_text(r.get("container")),
                        "volume": r.get("volume") or None,
                        "issue": r.get("issue") or None,
                        "pages": _norm_pages(r.get("pages")),
                        "publisher": _norm_text(r.get("publisher")),
                        "doi": normalise_doi(r.get("doi")),
                        "url": _norm_url(r.get("url")),
                    },
                )
            )
        yield f"CC BY gold {path.name.split('-')[0]}", golds


def _ccby_doc_golds(pdf: Path) -> list[Gold]:
    gold_path = pdf.with_name(pdf.stem + ".gold.json")
    for _, golds in load_ccby(pdf.parents[2]):
        if golds and gold_path.exists() and golds[0].raw == json.loads(gold_path.read_text(encoding="utf-8"))["references"][0]["raw"]:
            return golds
    return []


def excite_half(doc_id: str) -> str:
    """"tune" or "heldout": EXCITE's papers split by a hash of their id."""
    return "tune" if zlib.crc32(doc_id.encode("utf-8")) % 2 == 0 else "heldout"


def unseen_half(gold: Gold) -> str:
    """"tune" or "heldout": a clean-unseen string's half, by a salted hash of
    the string (its ``key`` where set; the humanities test half is itself
    ``crc32 % 2 == 1``)."""
    return "tune" if zlib.crc32(("unseen:" + (gold.key or gold.raw)).encode("utf-8")) % 2 == 0 else "heldout"


def _in_split(half: str, split: Optional[str]) -> bool:
    return split in (None, "all") or half == split


def load_excite(data: Path, split: Optional[str] = None) -> list[Gold]:
    golds = []
    for path in sorted((data / "excite" / "refs_segmented").glob("*.xml")):
        if _in_split(excite_half(path.stem), split):
            golds += [g for g in _excite_doc_golds(data, path.stem) if g.fields]
    return golds


@functools.lru_cache(maxsize=1)
def _training_keys(data: Path) -> frozenset[str]:
    """Normalised strings the shipped CRF was trained on (its recipe's sources)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_refparser import _held_out_strings, _norm, base_sources  # noqa: PLC0415

    return frozenset(_norm(raw) for raw, _ in base_sources(data, _held_out_strings(data)))


def load_clean_unseen(data: Path, split: Optional[str] = None) -> list[tuple[str, list[Gold], bool]]:
    """ParsCit computer science, ParsCit humanities test half and JATS, only
    the strings no training source of the shipped CRF holds, in ``split``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gold_untuned import load_jats_mixed, load_parscit  # noqa: PLC0415
    from train_refparser import _norm  # noqa: PLC0415

    trained = _training_keys(data)
    tag = f", {split} half" if split in ("tune", "heldout") else ""
    out: list[tuple[str, list[Gold], bool]] = []
    sets = [(n, g, True) for n, g in load_parscit(data) if "dev half" not in n and "both halves" not in n]
    sets.append(("JATS mixed-citation", load_jats_mixed(data), False))
    for name, golds, all_name_words in sets:
        keep = [g for g in golds if _norm(g.raw) not in trained and _in_split(unseen_half(g), split)]
        if keep:
            out.append((f"clean unseen{tag}: {name.split(' (')[0]}", keep, all_name_words))
    return out


def _excite_doc_golds(data: Path, doc_id: str) -> list[Gold]:
    golds: list[Gold] = []
    path = data / "excite" / "refs_segmented" / f"{doc_id}.xml"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                # The files leave "&" and "<" in text unescaped.
                fixed = re.sub(r"&(?!(?:amp|lt|gt|quot|apos|#\d+);)", "&amp;", line)
                fixed = re.sub(r"<(?!/?(?:author|surname|given-names|editor|year|title|source|volume|issue|fpage|lpage|publisher|url|identifier|other)\b)", "&lt;", fixed)
                root = ET.fromstring(f"<r>{fixed}</r>")
            except ET.ParseError:
                golds.append(Gold(line, {}))  # keeps the alignment with refs_extracted; scores nothing
                continue
            raw = re.sub(r"\s+", " ", "".join(root.itertext())).strip()
            families = [(a.findtext("surname") or "").strip() for a in root.findall("author")]
            families = [f for f in families if f]
            fpage, lpage = root.findtext("fpage"), root.findtext("lpage")
            pages = f"{fpage}-{lpage}" if fpage and lpage else (fpage or None)
            yr = re.search(r"\d{4}", root.findtext("year") or "")
            golds.append(
                Gold(
                    raw,
                    {
                        "authors": _norm_authors(families),
                        "year": yr.group(0) if yr else None,
                        "title": _norm_text(root.findtext("title")),
                        "container": _norm_text(root.findtext("source")),
                        "volume": (root.findtext("volume") or "").strip(" .,") or None,
                        "issue": (root.findtext("issue") or "").strip(" .,") or None,
                        "pages": _norm_pages(pages),
                        "publisher": _norm_text(root.findtext("publisher")),
                    },
                )
            )
    return golds


_ANY_STOP = {"and", "et", "al", "eds", "ed", "in", "by", "und", "hrsg", "with"}


def _anystyle_author_key(text: str) -> Optional[tuple[str, ...]]:
    """Names in AnyStyle's unsplit author strings, as a sorted tuple of word
    keys (≥ 2 letters): authors are right when predicted family + given name
    words equal the gold words."""
    words = [normalise_surname(w) for w in re.findall(r"[^\W\d_]{2,}", text)]
    words = sorted(w for w in words if w and w not in _ANY_STOP)
    return tuple(words) or None


def _first_number(s: Optional[str]) -> Optional[str]:
    m = re.search(r"\d+", s or "")
    return m.group(0) if m else None


def _paren_issue(s: Optional[str]) -> Optional[str]:
    m = re.search(r"\(([^)]+)\)", s or "")
    return m.group(1).strip() if m else None


def load_anystyle(data: Path) -> list[Gold]:
    path = data / "references" / "anystyle" / "gold.xml"
    if not path.exists():
        return []
    golds = []
    for seq in ET.parse(path).getroot().iter("sequence"):
        parts = [(c.tag, (c.text or "").strip()) for c in seq]
        raw = " ".join(t for _, t in parts if t)
        get = lambda tag: " ".join(t for k, t in parts if k == tag) or None  # noqa: E731
        yr = re.search(r"1[5-9]\d\d|20\d\d", get("date") or "")
        container = get("journal") or get("container-title")
        if container:
            container = re.sub(r"^(?:in:?)\s+", "", container, flags=re.I)
        golds.append(
            Gold(
                raw,
                {
                    "authors": _anystyle_author_key(get("author") or ""),
                    "year": yr.group(0) if yr else None,
                    "title": _norm_text(get("title")),
                    "container": _norm_text(container),
                    "volume": _first_number(get("volume")),
                    "issue": _paren_issue(get("volume")),
                    "pages": _norm_pages(get("pages")),
                    "publisher": _norm_text(get("publisher")),
                    "doi": normalise_doi(get("doi")),
                },
            )
        )
    return golds


def load_grobid_heldout(data: Path) -> list[Gold]:
    """GROBID's citation corpus, the file slice ``train_refparser.py`` holds
    out (every 10th file by name), one Gold per distinct string.  GROBID tags
    the author list as one unsplit string, so authors are scored as all name
    words (as for AnyStyle); the TEI → field mapping is the training one."""
    corpus = data / "references" / "grobid_citation" / "corpus"
    if not corpus.exists():
        return []
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_refparser import _norm, grobid_examples  # noqa: PLC0415

    golds: list[Gold] = []
    seen: set[str] = set()
    for raw, pieces in grobid_examples(corpus, held_out=True):
        if _norm(raw) in seen:
            continue
        seen.add(_norm(raw))
        get = lambda lab: " ".join(p.strip() for p, k in pieces if k == lab and p.strip()) or None  # noqa: E731
        first = lambda lab: next((p.strip() for p, k in pieces if k == lab and p.strip()), None)  # noqa: E731
        golds.append(
            Gold(
                raw,
                {
                    "authors": _anystyle_author_key(get("author") or ""),
                    "year": _year4(first("year")),
                    "title": _norm_text(first("title")),
                    "container": _norm_text(first("container")),
                    "volume": _first_number(first("volume")),
                    "issue": (first("issue") or "").strip(" .,()") or None,
                    "pages": _norm_pages(first("pages")),
                    "publisher": _norm_text(first("publisher")),
                    "doi": normalise_doi(first("doi")),
                },
            )
        )
    return golds


def eval_fields(data: Path, methods: tuple[Method, ...] = ("rules", "crf", "hybrid"), split: Optional[str] = None) -> dict:
    """Per gold set and parsing method: per-field table and micro F1.  With
    ``split`` only EXCITE's half and the clean unseen sets' halves."""
    sets: list[tuple[str, list[Gold], bool]] = []
    if split is not None:
        excite = load_excite(data, split)
        if excite:
            sets.append((f"EXCITE refs_segmented, {split}", excite, False))
        sets += load_clean_unseen(data, split)
        return _score_sets(sets, methods)
    both: list[Gold] = []
    for name, golds in load_ccby(data):
        sets.append((name, golds, False))
        both += golds
    if both:
        sets.append(("CC BY gold (both)", both, False))
    excite = load_excite(data)
    if excite:
        sets.append(("EXCITE refs_segmented", excite, False))
    anystyle = load_anystyle(data)
    if anystyle:
        sets.append(("AnyStyle gold.xml (held out; authors = all name words)", anystyle, True))
    grobid = load_grobid_heldout(data)
    if grobid:
        sets.append(("GROBID citation corpus, held-out files (authors = all name words)", grobid, True))
    # Sets no rule was tuned on (benchmarks/gold_untuned.py).
    from gold_untuned import load_jats_mixed, load_parscit  # noqa: PLC0415

    sets += [(name, golds, True) for name, golds in load_parscit(data)]
    jats = load_jats_mixed(data)
    if jats:
        sets.append(("JATS mixed-citation (never tuned on)", jats, False))
    return _score_sets(sets, methods)


def _score_sets(sets: list[tuple[str, list[Gold], bool]], methods: tuple[Method, ...]) -> dict:
    results: dict = {}
    for name, golds, any_style in sets:
        for m in methods:
            parse = functools.partial(parse_reference, method=m)
            sc = _score_anystyle(golds, parse) if any_style else score(golds, parse)
            results[f"{name} [{m}]"] = report_fields(f"{name} [{m}]", sc)
    print("\nsummary (micro F1 / exactly right):")
    for k, v in results.items():
        print(f"  {k:<70} {v['micro_f1']:.3f} / {v['exact']:.1%}  (n={v['n']})")
    return results


def _score_anystyle(golds: list[Gold], parse: Callable[[str], Reference]) -> Score:
    sc = Score()
    for g in golds:
        ref = parse(g.raw)
        pred = normalise_prediction(ref)
        names = " ".join(f"{a.family} {a.given or ''}" for a in ref.authors)
        pred["authors"] = _anystyle_author_key(names)
        sc.n += 1
        all_right = True
        for f, gv in g.fields.items():
            pv = pred[f]
            if gv is not None and pv == gv:
                sc.tp[f] += 1
            else:
                sc.fp[f] += pv is not None
                if gv is not None:
                    sc.fn[f] += 1
                    all_right = False
        sc.exact += all_right
    return sc


# --- segmentation ---------------------------------------------------------------

_REF_HEADING = re.compile(
    r"^\s*(?:\d+\.?\s*)?(?:references?|bibliography|literature(?: cited)?|works cited|literatur(?:verzeichnis)?|"
    r"r[ée]f[ée]rences(?: bibliographiques)?|bibliographie)\s*:?\s*$",
    re.I,
)


def _seg_key(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", normalise_title(s))


def match_entries(pred: list[str], gold: list[str], threshold: float = 0.9) -> int:
    """Entries matched one-to-one at normalised similarity ≥ threshold."""
    return len(match_pairs(pred, gold, threshold))


def match_pairs(pred: list[str], gold: list[str], threshold: float = 0.9) -> list[tuple[int, int]]:
    """(pred index, gold index) of entries matched one-to-one."""
    from rapidfuzz import fuzz

    gk = [_seg_key(g) for g in gold]
    used = [False] * len(gold)
    pairs: list[tuple[int, int]] = []
    j0 = 0
    for pi, p in enumerate(pred):
        pk = _seg_key(p)
        if not pk:
            continue
        # Search near the running position first: both lists are in order.
        order = list(range(j0, len(gold))) + list(range(0, j0))
        for j in order:
            if used[j] or abs(len(gk[j]) - len(pk)) > 0.25 * max(len(gk[j]), len(pk)):
                continue
            if fuzz.ratio(pk, gk[j]) / 100 >= threshold:
                used[j] = True
                pairs.append((pi, j))
                j0 = j + 1
                break
    return pairs


def _pdftotext_refs(pdf: Path) -> Optional[str]:
    import subprocess

    try:
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.splitlines()
    idx = [i for i, ln in enumerate(lines) if _REF_HEADING.match(ln)]
    if not idx:
        return None
    return "\n".join(lines[idx[-1] + 1 :]).replace("\f", "\n")


def _blocks_refs(pdf: Path) -> Optional[list[str]]:
    try:
        from litmap.read.pdf import read_pdf
        from litmap.parse.references.splitting import split_references
        from litmap.parse.structure import structure_document
    except ImportError:
        return None
    try:
        pages = read_pdf(str(pdf))
    except Exception as exc:  # noqa: BLE001 - report and go on
        print(f"  {pdf.name}: not read ({exc})")
        return []
    blocks = structure_document(pages.pages).reference_blocks
    return [t for t, _ in split_references(blocks)]


def _seg_cases(data: Path, split: Optional[str] = None) -> Iterator[tuple[str, Path, list[str]]]:
    for path in sorted((data / "pdfs" / "urban_studies_cc_by").glob("*.gold.json")) if split is None else []:
        gold = [r["raw"] for r in json.loads(path.read_text(encoding="utf-8"))["references"]]
        yield "CC BY", path.with_name(path.name.replace(".gold.json", ".pdf")), gold
    for csv in sorted((data / "excite" / "refs_extracted").glob("*.csv")):
        gold = [ln.strip() for ln in csv.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
        pdf = data / "excite" / "pdfs" / (csv.stem + ".pdf")
        if pdf.exists() and gold and _in_split(excite_half(csv.stem), split):
            yield "EXCITE", pdf, gold


def eval_segmentation(data: Path, verbose: bool = False, split: Optional[str] = None) -> dict:
    from litmap.parse.references.splitting import split_reference_text

    totals: dict[tuple[str, str], list[int]] = {}
    e2e_pred: list[str] = []
    e2e_gold: list[Gold] = []
    e2e_total = 0
    for set_name, pdf, gold in _seg_cases(data, split):
        for method in ("pdftotext+text", "blocks"):
            if method == "blocks":
                pred = _blocks_refs(pdf)
                if pred is None:
                    continue
            else:
                text = _pdftotext_refs(pdf)
                pred = split_reference_text(text) if text else []
            pairs = match_pairs(pred, gold)
            hits = len(pairs)
            if method == "blocks":
                seg = _excite_doc_golds(data, pdf.stem) if set_name == "EXCITE" else _ccby_doc_golds(pdf)
                if len(seg) == len(gold):  # the two gold files align line by line
                    e2e_pred += [pred[i] for i, _ in pairs]
                    e2e_gold += [seg[j] for _, j in pairs]
                    e2e_total += len(gold)
            t = totals.setdefault((set_name, method), [0, 0, 0])
            t[0] += hits
            t[1] += len(pred)
            t[2] += len(gold)
            if verbose:
                print(f"  {set_name} {pdf.name:<60} {method:<15} gold {len(gold):3d} pred {len(pred):3d} matched {hits:3d}")
    out = {}
    print("\n== segmentation (entries matched at similarity ≥ 0.9)")
    for (set_name, method), (tp, npred, ngold) in totals.items():
        p, r, f1 = _prf(tp, npred - tp, ngold - tp)
        out[f"{set_name} {method}"] = {"p": p, "r": r, "f1": f1, "gold": ngold}
        print(f"  {set_name:<7} {method:<15} P {p:.3f} R {r:.3f} F1 {f1:.3f}  (gold entries {ngold})")
    if e2e_gold:
        # End to end: PDF → blocks → entries → fields, on the entries found.
        golds = [Gold(raw, g.fields) for raw, g in zip(e2e_pred, e2e_gold)]
        res = report_fields(
            f"end to end, {'EXCITE ' + split if split else 'EXCITE + CC BY'} (PDF → blocks → entries → fields; {len(golds)} of {e2e_total} gold entries segmented)",
            score(golds, parse_reference),
        )
        out["end to end"] = res
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--only", choices=("fields", "segmentation", "joss"))
    ap.add_argument("--verbose", action="store_true", help="per-document segmentation lines")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--model", type=Path, help="score this reference CRF instead of the shipped one")
    ap.add_argument("--methods", default="rules,crf,hybrid", help="field parsing methods to score (comma-separated)")
    ap.add_argument("--split", choices=("tune", "heldout", "all"),
                    help="only EXCITE's papers of this half (by paper id hash) and the clean unseen sets' half")
    args = ap.parse_args(argv)
    if args.model:
        from litmap.parse.references import crf as refparse_crf

        refparse_crf.use_model(args.model)
    if not args.data.exists():
        print(f"no evaluation data at {args.data}; skipping")
        return 0
    methods = tuple(m.strip() for m in args.methods.split(",") if m.strip())
    if any(m not in METHODS for m in methods):
        ap.error(f"--methods takes a comma-separated subset of {','.join(METHODS)}, not {args.methods!r}")
    out: dict = {}
    if args.only in (None, "fields"):
        out["fields"] = eval_fields(args.data, cast("tuple[Method, ...]", methods), args.split)
    if args.only in (None, "segmentation"):
        out["segmentation"] = eval_segmentation(args.data, verbose=args.verbose, split=args.split)
    if args.only in (None, "joss") and args.split is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from eval_joss_references import eval_joss  # noqa: PLC0415 - it imports this module

        out["joss"] = eval_joss(args.data)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
