"""Volume, issue and pages of each paper itself, as litmap's header metadata reads them, on real documents.

Gold: ``benchmarks/gold/locators.jsonl``, one line per document of ``../shared/data`` (the 157 of
``venues.jsonl``): ``file``, ``volume``, ``issue``, ``first_page``, ``last_page``, ``article`` (an article number
printed instead of, or beside, a page range), ``evidence`` (the printed line) and ``note``; null where the
document prints nothing.  Typed blind from the documents' first and last pages (``pdftotext``; Tesseract for
scans) by two annotators who did not run litmap or read its code or output; ten documents typed by both.

Each document is read as ``litmap ingest`` reads it (:func:`litmap.batch.extract.extract_file`, ``--ocr never``
by default) and ``metadata.volume``, ``.issue`` and ``.pages`` are compared with the gold, field by field:
``right``, ``wrong``, ``missed`` (the gold has a value, litmap none) and ``spurious`` (litmap gives a value the
document does not print).  Pages are compared as ranges with the last page written out ("303-15" = 303–315); an
article number is right for ``pages`` when the gold prints it, whether or not a range is printed too.  Values
compare as printed, ignoring case, spaces and the dash's kind.

Split as ``eval_venue.py`` splits (the base name's sha1; the documents whose venue lines the lead read before
any gold existed are always tune).  Tune on ``--split tune``; score ``--split heldout`` once.

    .venv/bin/python benchmarks/eval_locator.py [--data ../shared/data] [--split tune|heldout|all] [--ocr never|auto] [-v]

Skips cleanly (exit 0) when the data folder or the gold is absent.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_venue import eval_args, gold_rows  # noqa: E402  (one split and one set of options for both)

GOLD = ROOT / "benchmarks" / "gold" / "locators.jsonl"
FIELDS = ("volume", "issue", "pages")


def _norm(value: Optional[str]) -> str:
    return re.sub(r"\s+", "", re.sub(r"[–—‒‐-]+", "-", str(value or ""))).lower()


def gold_forms(gold: dict, field: str) -> set[str]:
    """The printed forms of ``field`` that count as right (empty: the document prints none)."""
    if field != "pages":
        return {_norm(gold.get(field))} - {""}
    forms: set[str] = set()
    first, last = gold.get("first_page"), gold.get("last_page")
    if first:
        forms.add(_norm(_written_out(str(first), str(last) if last else None)))
    if gold.get("article"):
        forms.add(_norm(gold["article"]))
    return forms


def _written_out(first: str, last: Optional[str]) -> str:
    """"303", "15" → "303-315": the last page written out as litmap writes it (scored apart from litmap's code)."""
    if not last:
        return first
    a, b = re.match(r"^([A-Za-z]*)(\d+)$", first), re.match(r"^([A-Za-z]*)(\d+)$", last)
    if a and b and len(b.group(2)) < len(a.group(2)):
        last = b.group(1) + a.group(2)[: len(a.group(2)) - len(b.group(2))] + b.group(2)
    return f"{first}-{last}"


def score(pred: Optional[str], forms: set[str]) -> str:
    got = _norm(pred)
    if not forms:
        return "spurious" if got else "empty"
    if not got:
        return "missed"
    return "right" if got in forms else "wrong"


def main(argv: Optional[list[str]] = None) -> int:
    args = eval_args(__doc__.split("\n\n")[0], GOLD, "list every field not right", argv)
    golds = gold_rows(args)
    if golds is None:
        return 0
    from litmap.batch.extract import extract_file

    tally: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    whole: Counter[str] = Counter()
    absent = 0
    for g in golds:
        path = os.path.join(args.data, g["file"])
        if not os.path.exists(path):
            absent += 1
            continue
        try:
            meta = extract_file(path, ocr=args.ocr).metadata
            pred = {"volume": meta.volume, "issue": meta.issue, "pages": meta.pages}
        except Exception as exc:  # a file litmap cannot read counts as misses, not a crash
            print(f"  ! {g['file']}: {exc}")
            pred = {}
        outcomes = {f: score(pred.get(f), gold_forms(g, f)) for f in FIELDS}
        for f, o in outcomes.items():
            tally[f][o] += 1
        if any(gold_forms(g, f) for f in FIELDS):
            whole["printed"] += 1
            whole["all right"] += all(o in ("right", "empty") for o in outcomes.values())
        if args.verbose and any(o not in ("right", "empty") for o in outcomes.values()):
            print(f"  {g['file']}\n      got: {pred}\n     gold: " + ", ".join(
                f"{f} {sorted(gold_forms(g, f)) or '-'}" for f in FIELDS) + f"  ({g.get('evidence', '')[:90]})")
    print(f"split: {args.split}; {len(golds)} documents ({absent} absent), ocr {args.ocr}")
    for f in FIELDS:
        c = tally[f]
        printed = c["right"] + c["wrong"] + c["missed"]
        print(f"  {f:<7} printed {printed:>3}: right {c['right']:>3} ({100 * c['right'] / max(printed, 1):3.0f}%), "
              f"wrong {c['wrong']}, missed {c['missed']}; not printed {c['spurious'] + c['empty']}: spurious {c['spurious']}")
    print(f"  documents printing a locator: {whole['printed']}, every field right: {whole['all right']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
