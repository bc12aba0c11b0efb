"""Venue (journal, book, proceedings, series) accuracy of litmap's header metadata on real documents.

Gold: ``benchmarks/gold/venues.jsonl``, one line per document of ``../shared/data`` (the PDFs under ``pdfs/``
and ``excite/pdfs``, the gentrification texts and the two seed texts): ``file`` (relative to the data folder),
``venue`` (the full name the document prints, or null when it prints none), ``kind`` (journal, book,
proceedings, series, thesis, report, none) and ``alt`` (other printed forms accepted, e.g. the running head's
abbreviation).  Typed blind from the documents' first and last pages (``pdftotext``; Tesseract for scans) by two
annotators who did not run litmap or read its output.

Each document is read as ``litmap ingest`` reads it (:func:`litmap.batch.extract.extract_file`; ``--ocr never``
by default, so a scan yields nothing unless ``--ocr auto``) and its ``metadata.journal`` is compared with the
gold after :func:`normalise_venue` (case, "&"/"and", a leading "The", punctuation and spacing).

Figures, per half and over all: documents whose printed venue litmap names right (``right``), names wrongly
(``wrong``), or misses (``missed``), and documents that print no venue but get one (``spurious``); by the gold's
kind too.

Split: the file's base name hashed as in ``eval_header.py`` (sha1, odd first 8 hex digits: held out), except the
documents in :data:`SEEN`, whose venue lines the lead read before the gold existed: those count as tune.  Tune on
``--split tune``; score ``--split heldout`` once.

    .venv/bin/python benchmarks/eval_venue.py [--data ../shared/data] [--split tune|heldout|all] [--ocr never|auto] [-v]

Skips cleanly (exit 0) when the data folder or the gold is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = str(ROOT.parent / "shared" / "data")
GOLD = ROOT / "benchmarks" / "gold" / "venues.jsonl"

#: Documents whose venue lines the lead read (pdftotext of their first page, or litmap's answer) before the gold
#: was typed: never held out.
SEEN = frozenset({
    "pdfs/geography/Reibel_2007.pdf", "pdfs/geography/Reibel_2007_prpr.pdf",
    "pdfs/joss/SpatialGEV/paper.pdf", "pdfs/joss/activAnalyzer/paper.pdf", "pdfs/joss/implicitMeasures/paper.pdf",
    "pdfs/joss/regioncode/paper.pdf", "pdfs/joss/tidyhte/paper.pdf",
    "pdfs/urban_studies/Davidson_M-scanned.pdf", "pdfs/urban_studies/Harvey-1989-From-Managerialism-to-Entrepreneurialism-scanned.pdf",
    "pdfs/urban_studies/Hirvonen-Lilius-2019-Do-Neighbour-Relationships-Still-Matter.pdf",
    "pdfs/urban_studies/Lees-2008-Gentrification-and-Social-Mixing.pdf",
    "pdfs/urban_studies/Savini-Dembski-2016-Manufacturing-Creative-City.pdf",
    "pdfs/urban_studies/Kern-2007-Reshaping-the-Boundaries-of-Public-and-Private-Life.pdf",
    "pdfs/urban_studies_cc_by/Ruonavaara-2025-An-Idea-That-Refuses-to-Die-Housing-Class.pdf",
    "pdfs/urban_studies_cc_by/Yrjana-2026-State-led-Gentrification-Helsinki.pdf",
    "pdfs/misc/grobid_tests/MullenJSSv18i03.pdf", "texts/gentrification/Paper20.txt", "excite/pdfs/52971.pdf",
    "seeds/000_bf02feee84df81f6.txt",
})


def split_of(rel: str) -> str:
    """'tune' or 'heldout': the base name's sha1 as eval_header.py splits, the SEEN documents tune."""
    if rel in SEEN:
        return "tune"
    digest = hashlib.sha1(os.path.basename(rel).encode("utf-8")).hexdigest()
    return "heldout" if int(digest[:8], 16) % 2 else "tune"


def normalise_venue(name: Optional[str]) -> str:
    """Lower-case letters and digits, "&" as "and", no leading "the", no accents: printed forms compared."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the\s+", "", s)


def score(pred: Optional[str], gold: dict) -> str:
    """right, wrong, missed (gold has a venue) or spurious, empty (gold has none)."""
    forms = {normalise_venue(v) for v in [gold.get("venue"), *gold.get("alt", [])] if v}
    got = normalise_venue(pred)
    if not forms:
        return "spurious" if got else "empty"
    if not got:
        return "missed"
    return "right" if got in forms else "wrong"


def eval_args(description: str, gold: Path, verbose: str, argv: Optional[list[str]]) -> argparse.Namespace:
    """The options both venue benchmarks take (``eval_venue.py``, ``eval_locator.py``)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--data", default=os.environ.get("LITMAP_DATA", DEFAULT_DATA))
    ap.add_argument("--gold", default=str(gold))
    ap.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    ap.add_argument("--ocr", choices=("never", "auto"), default="never")
    ap.add_argument("-v", "--verbose", action="store_true", help=verbose)
    return ap.parse_args(argv)


def gold_rows(args: argparse.Namespace) -> Optional[list[dict]]:
    """The gold lines of ``args.split``, or None (said) when the data or the gold is absent."""
    if not os.path.isdir(args.data) or not os.path.exists(args.gold):
        print(f"no evaluation data at {args.data} or no gold at {args.gold}: skipped")
        return None
    with open(args.gold, encoding="utf-8") as fh:
        golds = [json.loads(line) for line in fh if line.strip()]
    return [g for g in golds if args.split == "all" or split_of(g["file"]) == args.split]


def main(argv: Optional[list[str]] = None) -> int:
    args = eval_args(__doc__.split("\n\n")[0], GOLD, "list every document not right", argv)
    golds = gold_rows(args)
    if golds is None:
        return 0
    from litmap.batch.extract import extract_file

    tally: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    for g in golds:
        path = os.path.join(args.data, g["file"])
        if not os.path.exists(path):
            tally["absent"] += 1
            continue
        try:
            pred = extract_file(path, ocr=args.ocr).metadata.journal
        except Exception as exc:  # a file litmap cannot read counts as a miss, not a crash
            print(f"  ! {g['file']}: {exc}")
            pred = None
        outcome = score(pred, g)
        tally[outcome] += 1
        by_kind.setdefault(g.get("kind") or "none", Counter())[outcome] += 1
        if args.verbose and outcome not in ("right", "empty"):
            print(f"  {outcome:<8} {g['file']}\n           got: {pred!r}\n          gold: {g.get('venue')!r} {g.get('alt') or ''}")
    printed = tally["right"] + tally["wrong"] + tally["missed"]
    unprinted = tally["spurious"] + tally["empty"]
    print(f"split: {args.split}; {len(golds)} documents ({tally['absent']} absent), ocr {args.ocr}")
    print(f"venue printed: {printed}: right {tally['right']} ({100 * tally['right'] / max(printed, 1):.0f}%), "
          f"wrong {tally['wrong']}, missed {tally['missed']}")
    print(f"no venue printed: {unprinted}: spurious {tally['spurious']}, none given {tally['empty']}")
    for kind, c in sorted(by_kind.items()):
        print(f"  {kind:<12} " + ", ".join(f"{k} {c[k]}" for k in ("right", "wrong", "missed", "spurious", "empty") if c[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
