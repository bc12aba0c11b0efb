"""Re-draw the sentences hand-labelled in benchmarks/gold/citation_function.jsonl.

Documents how the gold sample was made (docs/citation-function.md): a sentence
splitter and an author-year pattern find candidate citing sentences in
../shared/data; a seeded random sample (``random``) and a seeded sample of
first-person sentences (``first_person``) are drawn and printed with the
first citation marked [[…]], for an annotator to label.  Nothing is written.

    python benchmarks/sample_citation_sentences.py [--data ../shared/data] [--check]

``--check`` verifies that every gold item is among the re-drawn sentences.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import subprocess
from pathlib import Path
from typing import Callable, Optional, Sequence

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GOLD = Path(__file__).with_name("gold") / "citation_function.jsonl"
YEAR = r"(?:19|20)\d\d[a-z]?"
PAREN = re.compile(r"\((?:[^()]{0,200}?)\b" + YEAR + r"(?:[^()]{0,200}?)\)")
NARR = re.compile(r"\b[A-Z][A-Za-z'’\-]+(?: (?:et al\.|and|&) ?[A-Z]?[A-Za-z'’\-]*)?\.? ?\(" + YEAR + r"(?:[,;:][^()]{0,40})?\)")
ABBR = re.compile(r"(?:\bet al|\be\.g|\bi\.e|\bcf|\bp|\bpp|\bFig|\bVol|\bNo|\bvs|\bDr|\bSt|\b[A-Z])\.$")
FIRST_PERSON = re.compile(r"\b(we|our|us|this (paper|article|study|research)|the present study|I)\b")


def sentences(text: str):
    start = 0
    for m in re.finditer(r"[.!?][”\"’)]?(?=\s+[A-Z“\"(])", text):
        end = m.end()
        if ABBR.search(text[max(0, m.start() - 6) : m.start() + 1]):
            continue
        seg = text[start:end]
        if seg.count("(") > seg.count(")"):
            continue
        yield start, end
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        yield start, len(text)


def cites(s: str):
    out = []
    for m in PAREN.finditer(s):
        inner = m.group(0)
        if re.search(r"[A-Z][a-z]", inner) or re.match(r"\(" + YEAR + r"[a-z]?[,;)]", inner):
            if re.search(r"Fig|Table|Interview|Footnote|accessed", inner):
                continue
            out.append((m.start(), m.end()))
    for m in NARR.finditer(s):
        if not any(a <= m.start() < b for a, b in out):
            out.append((m.start(), m.end()))
    return sorted(out)


def candidates(data: Path) -> list[dict]:
    files = {}
    for p in sorted(glob.glob(str(data / "seeds/*.txt"))) + sorted(glob.glob(str(data / "texts/gentrification/*.txt"))):
        files[os.path.relpath(p, data)] = open(p, encoding="utf-8").read()
    for p in sorted(glob.glob(str(data / "pdfs/urban_studies_cc_by/*.pdf"))):
        files[os.path.relpath(p, data)] = subprocess.run(["pdftotext", p, "-"], capture_output=True, text=True).stdout
    out = []
    for f, t in files.items():
        for a, b in sentences(t):
            s = t[a:b]
            if len(s) > 700 or len(s) < 40 or re.search(r"\bdoi\b|https?:|Vol\. \d|pp\. \d+[-–]\d+", s):
                continue
            cs = cites(s)
            if cs:
                out.append(dict(file=f, offset=a, length=b - a, cite=list(cs[0]), text=s))
    return out


def draw(cands: list[dict]) -> tuple[list[dict], list[dict]]:
    random.seed(6)
    by: dict[str, list[dict]] = {}
    for x in cands:
        by.setdefault(x["file"], []).append(x)
    first: list[dict] = []
    for f, xs in by.items():
        n = 50 if f.startswith("seeds/000") else 27 if f.startswith("seeds/002") else 30 if "cc_by" in f else (4 if len(xs) > 20 else 0)
        first += random.sample(xs, min(n, len(xs)))
    seen = {(x["file"], x["offset"]) for x in first} | {" ".join(x["text"].split()) for x in first}
    pool = [
        x for x in cands
        if (x["file"], x["offset"]) not in seen and " ".join(x["text"].split()) not in seen
        and FIRST_PERSON.search(x["text"]) and not re.search(r"\bdoi\b", x["text"])
    ]
    random.seed(66)
    return first, random.sample(pool, min(90, len(pool)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    rnd, fp = draw(candidates(args.data))
    if args.check:
        drawn = {(x["file"], x["offset"]) for x in rnd + fp}
        gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
        # the samples this script drew: the first batch (rows without a batch); later waves have samples named alike
        gold = [g for g in gold if g["sample"] in ("random", "first_person") and not g.get("batch")]
        missing = [g for g in gold if (g["file"], g["offset"]) not in drawn]
        print(f"{len(gold) - len(missing)}/{len(gold)} gold items re-drawn")
        return 1 if missing else 0
    for name, xs in (("random", rnd), ("first_person", fp)):
        for x in xs:
            s, (a, b) = x["text"], x["cite"]
            print(name, "|", x["file"], x["offset"], "|", " ".join((s[:a] + "[[" + s[a:b] + "]]" + s[b:]).split()))
    return 0


# Batches in the order they were drawn: each draw left out the gold of the batches before it.
BATCHES: tuple[Optional[str], ...] = (None, "wave4", "wave5", "wave6", "wave7", "wave8", "wave9", "wave10")


def taken_before(batch: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of each file's gold sentences from the batches drawn before ``batch`` (the gold as it was then)."""
    earlier = set(BATCHES[:BATCHES.index(batch)])
    taken: dict[str, list[tuple[int, int]]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g.get("batch") in earlier:
            taken.setdefault(g["file"], []).append((g["offset"], g["offset"] + g["length"]))
    return taken


def sampler_main(doc: Optional[str], batch: str, draw_rows: Callable[[Path], list[dict]],
                 keys: Sequence[str], shown: Sequence[str] = ("sample", "file")) -> int:
    """The command line of a wave's sampler: print the drawn rows, write them (``--json``), or ``--check``
    that every gold row of ``batch`` is re-drawn with the same ``keys``."""
    ap = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", type=Path, help="write the drawn rows (no label) here")
    ap.add_argument("--check", action="store_true",
                    help=f"verify that every {batch} gold row is re-drawn with its {', '.join(keys)}")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"skipped: data folder {args.data} not found")
        return 0
    rows = draw_rows(args.data)
    if args.check:
        drawn = {(r["file"], r["offset"]): tuple(r[k] for k in keys) for r in rows}
        gold = [g for g in (json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines())
                if g.get("batch") == batch]
        bad = [g for g in gold if drawn.get((g["file"], g["offset"])) != tuple(g[k] for k in keys)]
        print(f"{len(gold) - len(bad)}/{len(gold)} {batch} gold rows re-drawn ({len(rows)} drawn)")
        return 1 if bad or not gold else 0
    if args.json:
        args.json.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    for i, r in enumerate(rows):
        s, (a, b) = r["text"], r["cite"]
        print(i, *(r[k] for k in shown), "|", " ".join((s[:a] + "[[" + s[a:b] + "]]" + s[b:]).split()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
