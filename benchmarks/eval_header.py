"""Header metadata and reference-section accuracy on the shared evaluation data.

Scores title (normalised exact and fuzzy ratio ≥ 0.9), first author family
name, year and DOI against:

* ``pdfs/urban_studies_cc_by/*.gold.json`` (``header``);
* the JOSS papers (``paper.md`` YAML front matter: title, authors, date);
* the geography PDFs named "Authors - Year - Title.pdf" (file names truncate
  titles, so titles are compared as prefixes; names without the pattern
  are skipped);
* ``benchmarks/gold/headers.jsonl``: title, first author family name and
  year typed by hand from the first page of 87 real PDFs in the data folder
  (EXCITE, geography, urban studies); a field the document does not print
  (a year only in the file's dates, a title only in an image) is null and
  not scored; ``first_author`` may list the accepted forms of a compound
  surname.

* ``benchmarks/gold/headers_misc.jsonl``: the same fields typed from the
  first pages of the 26 PDFs of ``pdfs/misc`` with a title page (science,
  CS and medicine papers from other extraction projects); a second held-out
  set, typed after the first held-out score, all of it held out.

* ``benchmarks/gold/headers_fresh.jsonl`` (``--sets fresh``): the same fields
  typed blind, before litmap was run on them, from the 30 gentrification
  texts (``texts/gentrification/*.txt``, read as the pipeline reads text
  files) and 7 PDFs in no other typed set (three of them scans: pass
  ``--ocr auto`` to read them, else they are skipped); all held out.

* ``benchmarks/gold/headers_finder.jsonl`` (``--sets finder``): the same fields
  typed blind, before litmap was run on them, from the title pages of the 15
  anystyle "finder" documents (``references/anystyle/finder/*.ttx``, Stanford
  dissertations tagged line by line as ``<tag> | <text>``).  Each is scored as
  the plain text a scholar's text export would give: the text after the first
  ``"| "`` of each line (:func:`ttx_to_text`), written to a temporary .txt and
  read as the pipeline reads a .txt file; all held out.

``--split tune|heldout|all`` keeps the papers whose file name hashes to
that half (sha1 of the base name, odd first 8 hex digits: held out). Tune
on ``tune``; score ``heldout`` once, at the end.

Also reports the share of papers with a reference list (EXCITE: non-empty
gold csv; CC BY papers) in which a reference section was found.

Usage::

    .venv/bin/python benchmarks/eval_header.py [--data ../shared/data] [--split tune|heldout|all] [--sets ...]
        [--ocr never|auto] [--as-text] [--limit N] [-v]

``--as-text`` reads every PDF through its ``pdftotext`` export as a .txt file: the text path scored on the
papers whose gold was typed from their PDFs (texts in the sets are read as they are).

Skips cleanly (exit 0) when the data folder is absent.
"""

from __future__ import annotations

import argparse
import functools
import glob
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Callable, Optional

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from litmap.read.layout.pages import ExtractedPages  # noqa: E402
from litmap.parse.metadata import extract_metadata  # noqa: E402
from litmap.parse.names import normalise_surname, normalise_title  # noqa: E402
from litmap.parse.structure import structure_document  # noqa: E402

DEFAULT_DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
TYPED_GOLD = os.path.join(os.path.dirname(__file__), "gold", "headers.jsonl")
#: A second held-out set, typed after the first held-out score: every paper in it is held out.
MISC_GOLD = os.path.join(os.path.dirname(__file__), "gold", "headers_misc.jsonl")
#: A third held-out set, typed blind before any run on its files: every paper in it is held out.
FRESH_GOLD = os.path.join(os.path.dirname(__file__), "gold", "headers_fresh.jsonl")
#: A fourth, typed blind from the anystyle finder documents (read as text exports): every paper in it is held out.
FINDER_GOLD = os.path.join(os.path.dirname(__file__), "gold", "headers_finder.jsonl")
#: A fifth, typed blind before any run on its files: the first pages of 90 R package vignettes as Debian
#: ships them (methods papers, JSS reprints, manuals; fetched by ``benchmarks/fetch_vignettes.sh``, read from
#: ``--vignettes DIR``); material from outside ``shared/data`` that no rule was written on.
VIGNETTE_GOLD = os.path.join(os.path.dirname(__file__), "gold", "headers_vignettes.jsonl")
DEFAULT_VIGNETTES = os.path.join(os.path.expanduser("~"), ".cache", "litmap-bench", "vignettes", "usr", "lib", "R")
#: Sets in which every paper is held out.
ALL_HELDOUT = ("misc", "fresh", "finder")
FIELDS = ("title", "title_fuzzy", "first_author", "year", "doi")


@dataclass(frozen=True)
class Gold:
    path: str
    title: Optional[str]
    first_author: Optional[str]
    year: Optional[int]
    doi: Optional[str]
    title_is_prefix: bool = False
    author_forms: tuple[str, ...] = ()  # other accepted forms of the first author's family name


def split_of(path: str) -> str:
    """'tune' or 'heldout', fixed by the file's base name."""
    digest = hashlib.sha1(os.path.basename(path).encode("utf-8")).hexdigest()
    return "heldout" if int(digest[:8], 16) % 2 else "tune"


def typed_gold(data: str, gold_file: str = TYPED_GOLD) -> list[Gold]:
    """The hand-typed headers of real PDFs (files missing from the data folder are skipped)."""
    out: list[Gold] = []
    if not os.path.exists(gold_file):
        return out
    with open(gold_file, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            pdf = os.path.join(data, row["file"])
            if not os.path.exists(pdf):
                continue
            first = row.get("first_author")
            forms = tuple(first) if isinstance(first, list) else ((first,) if first else ())
            out.append(Gold(pdf, row.get("title"), forms[0] if forms else None, row.get("year"), None,
                            title_is_prefix=bool(row.get("title_is_prefix")), author_forms=forms[1:]))
    return out


def _vignette_waves() -> dict[str, int]:
    """The labelling wave of each vignette (file relative to the R library tree); rows without one are wave 1."""
    with open(VIGNETTE_GOLD, encoding="utf-8") as fh:
        return {row["file"]: int(row.get("wave", 1)) for row in map(json.loads, filter(str.strip, fh))}


def default_reader(path: str, ocr: str = "never") -> ExtractedPages:
    from litmap.read.pdf import read_pdf
    from litmap.read.textfiles import read_text_file

    if path.lower().endswith(".ttx"):
        return ttx_reader(path)
    if not path.lower().endswith(".pdf"):
        return read_text_file(path)  # .txt/.md/.html, as the pipeline reads them
    return read_pdf(path, ocr=ocr)


def ttx_to_text(ttx: str) -> str:
    """The plain text of an anystyle finder document: each line's text after its tag column (the first
    ``"| "``; a bare trailing ``"|"`` gives an empty line), kept as it is, leading spaces included."""
    out = []
    for line in ttx.splitlines():
        bar = line.find("|")
        if bar < 0:
            out.append(line)
            continue
        out.append(line[bar + 1:].removeprefix(" "))
    return "\n".join(out) + "\n"


def ttx_reader(path: str) -> ExtractedPages:
    """A finder .ttx as a scholar's .txt: its plain text (:func:`ttx_to_text`) written to a temporary .txt
    named after it, read as the pipeline reads a text file."""
    import tempfile

    from litmap.read.textfiles import read_text_file

    with open(path, encoding="utf-8") as fh:
        text = ttx_to_text(fh.read())
    with tempfile.TemporaryDirectory(prefix="litmap_eval_ttx_") as tmp:
        txt = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".txt")
        with open(txt, "w", encoding="utf-8") as fh:
            fh.write(text)
        return read_text_file(txt)  # by default scored on papers with a text layer


class NoText(Exception):
    """A file with no text to score (a scan that pdftotext reads as blank)."""


def pdftotext_reader(path: str) -> ExtractedPages:
    """A PDF as a plain-text export: ``pdftotext`` (poppler, reading order) into a cache folder, then read as the
    pipeline reads a .txt file.  Scores the text path on papers whose gold was typed from the PDF."""
    import subprocess
    import tempfile

    from litmap.read.textfiles import read_text_file

    if path.lower().endswith(".ttx"):
        return ttx_reader(path)
    if not path.lower().endswith(".pdf"):
        return read_text_file(path)
    cache = os.path.join(tempfile.gettempdir(), "litmap_eval_pdftotext")
    os.makedirs(cache, exist_ok=True)
    out = os.path.join(cache, hashlib.sha1(os.path.abspath(path).encode()).hexdigest()[:16] + ".txt")
    if not os.path.exists(out):
        subprocess.run(["pdftotext", "-enc", "UTF-8", path, out], check=False, capture_output=True, timeout=120)
    if not os.path.exists(out) or len(re.sub(r"\s+", "", open(out, encoding="utf-8", errors="replace").read())) < 200:
        raise NoText(path)
    return read_text_file(out)


def cc_by_gold(data: str) -> list[Gold]:
    out = []
    for gold_path in sorted(glob.glob(os.path.join(data, "pdfs/urban_studies_cc_by/*.gold.json"))):
        with open(gold_path, encoding="utf-8") as fh:
            h = json.load(fh)["header"]
        pdf = gold_path.replace(".gold.json", ".pdf")
        authors = h.get("authors") or []
        out.append(Gold(pdf, h.get("title"), authors[0]["family"] if authors else None,
                        int(h["year"]) if h.get("year") else None, (h.get("doi") or "").lower() or None))
    return out


def joss_gold(data: str) -> list[Gold]:
    import yaml

    out = []
    for folder in sorted(glob.glob(os.path.join(data, "pdfs/joss/*/"))):
        pdfs = glob.glob(os.path.join(folder, "*.pdf"))
        md = os.path.join(folder, "paper.md")
        if not pdfs or not os.path.exists(md):
            continue
        text = open(md, encoding="utf-8").read()
        m = re.match(r"^---\n(.*?)\n---", text, re.S)
        if not m:
            continue
        try:
            fm = yaml.safe_load(m.group(1))
        except yaml.YAMLError:  # e.g. an unquoted title with ": " (momepy)
            fm = _loose_front_matter(m.group(1))
        title = re.sub(r"\\\w+\{([^}]*)\}", r"\1", str(fm.get("title", ""))).strip(" '\"‘’")
        authors = fm.get("authors") or []
        first = None
        if authors:
            a = authors[0]
            name = a.get("name") if isinstance(a, dict) else str(a)
            if isinstance(a, dict) and a.get("surname"):
                name = a["surname"]
            first = re.sub(r"\^.*$", "", str(name)).split()[-1] if name else None
        years = re.findall(r"\b(?:19|20)\d\d\b", str(fm.get("date", "")))
        out.append(Gold(pdfs[0], title or None, first, int(years[0]) if years else None, None))
    return out


def _loose_front_matter(text: str) -> dict:
    """title / first author name / date by line, for front matter YAML rejects."""
    out: dict = {}
    for key in ("title", "date"):
        m = re.search(rf"^{key}:\s*(.+)$", text, re.M)
        if m:
            out[key] = m.group(1).strip()
    m = re.search(r"^\s*-\s*name:\s*(.+)$", text, re.M)
    if m:
        out["authors"] = [{"name": m.group(1).strip(" '\"")}]
    return out


_GEO_NAME = re.compile(r"^(?P<authors>[^-]+?) - (?P<year>\d{4}) - (?P<title>.+)\.pdf$")


def geography_gold(data: str) -> list[Gold]:
    out = []
    for pdf in sorted(glob.glob(os.path.join(data, "pdfs/geography/*.pdf"))):
        m = _GEO_NAME.match(os.path.basename(pdf))
        if not m:
            continue
        first = re.split(r",| et al\.?", m.group("authors"))[0].strip()
        out.append(Gold(pdf, m.group("title"), first, int(m.group("year")), None, title_is_prefix=True))
    return out


def score(gold: Gold, meta) -> dict[str, Optional[bool]]:
    from rapidfuzz import fuzz

    pred_t = normalise_title(meta.title)
    gold_t = normalise_title(gold.title)
    if gold.title_is_prefix:
        exact = bool(pred_t) and pred_t.startswith(gold_t)
        fuzzy = bool(pred_t) and fuzz.ratio(pred_t[: len(gold_t)], gold_t) >= 90
    else:
        exact = pred_t == gold_t
        fuzzy = fuzz.ratio(pred_t, gold_t) >= 90
    first = meta.authors[0].family if meta.authors else ""
    return {
        "title": exact if gold.title else None,
        "title_fuzzy": fuzzy if gold.title else None,
        "first_author": (normalise_surname(first) in {normalise_surname(f) for f in (gold.first_author, *gold.author_forms)})
        if gold.first_author else None,
        "year": (meta.year == gold.year) if gold.year else None,
        "doi": (meta.doi == gold.doi) if gold.doi else None,
    }


def run_header(sets: dict[str, list[Gold]], reader: Callable[[str], ExtractedPages], verbose: bool) -> dict:
    totals: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    report = {}
    for name, golds in sets.items():
        per: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
        by_kind: dict[str, dict[str, list[int]]] = {}  # ".pdf" / ".txt": the PDF and text groups of a mixed set
        skipped = unprintable = 0
        for gold in golds:
            try:
                ep = reader(gold.path)
            except NoText:
                skipped += 1
                continue
            except Exception as exc:  # a broken file counts as a miss, not a crash
                print(f"  ! {os.path.basename(gold.path)}: {exc}")
                ep = None
            # a scan counts when it was OCR'd (--ocr auto); without OCR it has no text to score
            if ep is not None and ((not ep.text_layer and not ep.ocr) or not any(p.blocks for p in ep.pages)):
                skipped += 1
                continue
            if ep is None:
                res: dict[str, Optional[bool]] = {f: False for f in FIELDS}
                meta = None
            else:
                st = structure_document(ep.pages)
                meta = extract_metadata(ep.pages, st, ep.pdf_metadata, path=gold.path)
                res = score(gold, meta)
                if name == "joss" and gold.first_author and not _in_text(gold.first_author, ep):
                    res["first_author"] = None  # the name is not printed in the PDF (some JOSS drafts)
                    unprintable += 1
            for f, ok in res.items():
                if ok is None:
                    continue
                per[f][0] += int(ok)
                per[f][1] += 1
                kind = by_kind.setdefault(os.path.splitext(gold.path)[1].lower(), {g: [0, 0] for g in FIELDS})
                kind[f][0] += int(ok)
                kind[f][1] += 1
                totals[f][0] += int(ok)
                totals[f][1] += 1
            if verbose and meta is not None and not all(v in (True, None) for v in res.values()):
                bad = [f for f, v in res.items() if v is False]
                print(f"  x {os.path.basename(gold.path)[:70]} {bad}\n"
                      f"      got: {meta.title!r} | {meta.authors[:1]} | {meta.year} | {meta.doi}\n"
                      f"     gold: {gold.title!r} | {gold.first_author} | {gold.year} | {gold.doi}")
        report[name] = per
        note = f"  (skipped {skipped} without a text layer or OCR)" if skipped else ""
        if unprintable:
            note += f"  (first author not scored for {unprintable}: name not in the PDF's text)"
        print(_line(name, per) + note)
        if len(by_kind) > 1:
            for ext, counts in sorted(by_kind.items()):
                print(_line(f"  {name}{ext}", counts))
    print(_line("overall", totals))
    return {"sets": report, "overall": totals}


def _in_text(surname: str, ep: ExtractedPages) -> bool:
    key = normalise_surname(surname)
    # The header zone only: a surname cited in the body does not count.
    first = [p for p in ep.pages if any(b.kind != "cover" for b in p.blocks)][:1]
    text = " ".join(b.text for p in first for b in p.blocks[:15] if len(b.text) < 250)
    return key in normalise_surname(text)


def _line(name: str, per: dict[str, list[int]]) -> str:
    cells = [f"{f} {ok}/{n} ({100 * ok / n:.0f}%)" if n else f"{f} -" for f, (ok, n) in per.items()]
    return f"{name:<12} " + "  ".join(cells)


def run_references(data: str, reader: Callable[[str], ExtractedPages], limit: Optional[int], verbose: bool) -> dict:
    papers = []
    for csv in sorted(glob.glob(os.path.join(data, "excite/refs_extracted/*.csv")))[:limit]:
        pid = os.path.splitext(os.path.basename(csv))[0]
        pdf = os.path.join(data, "excite/pdfs", pid + ".pdf")
        with open(csv, encoding="utf-8", errors="replace") as fh:
            has = any(line.strip() for line in fh)
        if has and os.path.exists(pdf):
            papers.append(("excite", pdf))
    papers += [("cc_by", g.path) for g in cc_by_gold(data)]
    found: dict[str, list[int]] = {}
    for name, pdf in papers:
        ok: bool = False
        try:
            ep = reader(pdf)
            ok = bool(structure_document(ep.pages).reference_blocks)
        except Exception as exc:
            print(f"  ! {os.path.basename(pdf)}: {exc}")
        found.setdefault(name, [0, 0])
        found[name][0] += int(ok)
        found[name][1] += 1
        if verbose and not ok:
            print(f"  x no reference section: {pdf}")
    for name, (hits, n) in found.items():
        print(f"reference section found  {name:<8} {hits}/{n} ({100 * hits / max(n, 1):.0f}%)")
    return found


def main(argv: Optional[list[str]] = None, reader: Callable[[str], ExtractedPages] = default_reader) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.environ.get("LITMAP_DATA", DEFAULT_DATA))
    ap.add_argument("--limit", type=int, default=None, help="only the first N EXCITE papers")
    ap.add_argument("--no-refs", action="store_true", help="skip the reference-section check")
    ap.add_argument("--split", choices=("tune", "heldout", "all"), default="all",
                    help="score only the papers of this half (by file name hash)")
    ap.add_argument("--sets", default="cc_by,joss,geography,typed,misc",
                    help="comma-separated gold sets (also: fresh, finder, vignettes)")
    ap.add_argument("--ocr", choices=("never", "auto"), default="never",
                    help="OCR for PDFs without a text layer (default never: they are skipped)")
    ap.add_argument("--as-text", action="store_true",
                    help="read each PDF as its pdftotext export (.txt path), not as a PDF")
    ap.add_argument("--vignettes", default=DEFAULT_VIGNETTES,
                    help="the R library tree of benchmarks/fetch_vignettes.sh (set 'vignettes'; skipped when absent)")
    ap.add_argument("--wave", type=int, default=None,
                    help="vignettes of one labelling wave only (1: typed first, 90 files; 2, 3 and 4: typed blind later, 25, 24 and 34)")
    ap.add_argument("-v", "--verbose", action="store_true", help="show each miss")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.data):
        print(f"no evaluation data at {args.data}: skipped")
        return 0
    sets = {"cc_by": cc_by_gold(args.data), "joss": joss_gold(args.data), "geography": geography_gold(args.data),
            "typed": typed_gold(args.data), "misc": typed_gold(args.data, MISC_GOLD),
            "fresh": typed_gold(args.data, FRESH_GOLD), "finder": typed_gold(args.data, FINDER_GOLD),
            "vignettes": typed_gold(args.vignettes, VIGNETTE_GOLD)}
    if args.wave is not None:
        waves = _vignette_waves()
        sets["vignettes"] = [g for g in sets["vignettes"]
                             if waves.get(os.path.relpath(g.path, args.vignettes)) == args.wave]
    wanted = [n.strip() for n in args.sets.split(",") if n.strip()]
    sets = {n: [g for g in golds if args.split == "all" or split_of(g.path) == args.split
                or (n in ALL_HELDOUT and args.split == "heldout")]
            for n, golds in sets.items() if n in wanted and not (n in ALL_HELDOUT and args.split == "tune")}
    if args.as_text and reader is default_reader:
        reader = pdftotext_reader
    elif args.ocr != "never" and reader is default_reader:
        reader = functools.partial(default_reader, ocr=args.ocr)
    print(f"split: {args.split}")
    run_header(sets, reader, args.verbose)
    if not args.no_refs:
        run_references(args.data, reader, args.limit, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
