"""Evaluate in-text citation detection and citation → reference linking.

Gold sets (read from ../shared/data when present; each is skipped when absent):

* ``cc_by``: the two CC BY papers' ``*.gold.json`` ``in_text_sample`` (20
  groups each, with the reference entries they cite).  Recall = gold groups
  found with the right works; precision is estimated as the share of detected
  author-year groups whose every work matches an entry of the gold reference
  list (a look-alike such as "(March 2019)" matches none).  Linking accuracy
  is scored twice: against the gold references' own fields, and against the
  full pipeline's parsed reference list.
* ``joss``: six JOSS PDFs; ``paper.md`` ``[@key]`` citations mapped through
  ``paper.bib`` to (first surname, year) are gold for the cited works found
  in the rendered PDF (multiset P/R/F1 over cited-work mentions).
* ``seeds``: ``benchmarks/gold/seed_citations.json``, hand-labelled citation
  groups (char spans + expected surname/year pairs) over the seed texts.

Run: ``.venv/bin/python benchmarks/eval_citations.py [--only cc_by|joss|seeds]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from litmap.models import Author, Citation, Paragraph, Reference, Section, Source  # noqa: E402
from litmap.parse.citations import find_citations  # noqa: E402
from litmap.parse.linking import link_citations  # noqa: E402
from litmap.parse.names import normalise_surname  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
if not SHARED.exists():
    SHARED = Path("/work/shared/data")
GOLD_SEEDS = ROOT / "benchmarks" / "gold" / "seed_citations.json"


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def text_paragraphs(text: str) -> tuple[list[Paragraph], list[Section]]:
    """Paragraphs of plain text split on blank lines (or lines, when a file
    has one paragraph a line), with char offsets into ``text``."""
    paras = []
    sep = r"\n\s*\n" if "\n\n" in text else r"\n"
    for m in re.finditer(rf"(.+?)(?:{sep}|\Z)", text, re.S):
        chunk = m.group(1)
        if chunk.strip():
            # newline → space keeps offsets equal to the file's; "rescal- ing"
            # stays, and the citation finder reads names across such breaks
            paras.append(Paragraph(text=chunk.replace("\n", " "), page=1, section=0, char_start=m.start(1), char_end=m.end(1)))
    return paras, [Section(heading=None, kind="body", page=1, page_end=1, text="")]


SOURCE = "pipeline"  # or "pdftotext": paragraphs from poppler, no pipeline


def pdf_document(path: Path) -> Optional[Any]:
    """The full pipeline's Document for ``path`` (None if it cannot run)."""
    if SOURCE == "pdftotext":
        return None
    try:
        from litmap.layout.pipeline import read_pdf
        from litmap.parse.document import build_document

        extracted = read_pdf(str(path), ocr="never")
        return build_document(Source(path=str(path), sha256=""), extracted)
    except Exception as exc:  # the pipeline is young: report, then fall back
        print(f"  pipeline failed on {path.name}: {exc!r}; using pdftotext", file=sys.stderr)
        return None


def pdftotext_paragraphs(path: Path) -> tuple[list[Paragraph], list[Section]]:
    import subprocess

    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text_paragraphs(out)


def gold_reference(i: int, g: dict[str, Any]) -> Reference:
    year = g.get("year")
    ym = re.match(r"(\d{4})([a-z])?", str(year or ""))
    return Reference(
        index=i,
        raw=g.get("raw", ""),
        authors=tuple(Author(a["family"], a.get("given")) for a in g.get("authors") or []),
        year=int(ym.group(1)) if ym else None,
        year_suffix=ym.group(2) if ym else None,
        title=g.get("title"),
        doi=g.get("doi"),
    )


def _norm(s: str) -> str:
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFC", s)).replace("‐", "-")


def eval_cc_by() -> dict[str, float]:
    folder = SHARED / "pdfs" / "urban_studies_cc_by"
    golds = sorted(folder.glob("*.gold.json")) if folder.exists() else []
    if not golds:
        print("cc_by: skipped (no gold files)")
        return {}
    tot = Counter()
    for gpath in golds:
        gold = json.loads(gpath.read_text())
        pdf = folder / gold["file"]
        doc = pdf_document(pdf)
        if doc is not None:
            cits, parsed_refs = list(doc.citations), list(doc.references)
        else:
            paras, secs = pdftotext_paragraphs(pdf)
            cits, parsed_refs = find_citations(paras, secs), []
        grefs = [gold_reference(i, r) for i, r in enumerate(gold["references"])]
        if doc is None:  # score linking against C1's parser run on the gold raw strings
            from litmap.parse.refparse import parse_reference

            parsed_refs = [parse_reference(r["raw"], i) for i, r in enumerate(gold["references"])]
            cits = link_citations(cits, parsed_refs)
        gold_linked = link_citations(cits, grefs)
        ay = [c for c in gold_linked if c.kind != "numeric"]
        supported = sum(1 for c in ay if all(w.reference is not None for w in c.cites))
        for c in ay:
            if not all(w.reference is not None for w in c.cites):
                print(f"  UNSUPPORTED {c.raw!r}: {[w.unresolved_reason for w in c.cites]}")
        found = links_ok = links_total = pipe_ok = 0
        for g in gold["in_text_sample"]:
            want = _norm(g["text"])
            hit = next((k for k, c in enumerate(gold_linked) if _norm(c.raw) == want or _norm(c.raw).endswith(want)), None)
            links_total += 1
            if hit is None:
                print(f"  MISSED {gpath.name[:12]}: {g['text']}")
                continue
            got = [w.reference for w in gold_linked[hit].cites]
            found += 1
            # a year with no entry in the list (Saunders 1980) stays unlinked
            if [r for r in got if r is not None] == g["ref_indices"]:
                links_ok += 1
            else:
                print(f"  LINK {g['text']}: got {got} want {g['ref_indices']}")
            if parsed_refs:
                pgot = [w.reference for w in cits[hit].cites if w.reference is not None]
                pgot_raw = [_norm(parsed_refs[r].raw)[:30] if r is not None else None for r in pgot]
                want_raw = [_norm(gold["references"][r]["raw"])[:30] for r in g["ref_indices"]]
                pipe_ok += pgot_raw == want_raw
        n = len(gold["in_text_sample"])
        print(f"cc_by {gpath.name[:24]}: groups detected {len(ay)}, supported by gold refs {supported}; "
              f"sample recall {found}/{n}; link (gold refs) {links_ok}/{n}; link (parsed refs) {pipe_ok}/{n}")
        tot.update(det=len(ay), sup=supported, found=found, n=n, link=links_ok, pipe=pipe_ok)
    p, r, f = prf(tot["sup"], tot["det"], tot["det"])  # precision estimate
    rec = tot["found"] / tot["n"]
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    print(f"cc_by TOTAL: precision~{p:.3f} recall {rec:.3f} F1 {f1:.3f}; link acc (gold refs) "
          f"{tot['link'] / tot['n']:.3f}; link acc (parsed refs) {tot['pipe'] / tot['n']:.3f}")
    return {"cc_by_f1": f1, "cc_by_link": tot["link"] / tot["n"], "cc_by_link_pipeline": tot["pipe"] / tot["n"]}


def _bib_keys(bib: Path) -> dict[str, tuple[str, int]]:
    import bibtexparser

    from bibtexparser.middlewares import LatexDecodingMiddleware

    lib = bibtexparser.parse_string(bib.read_text(errors="replace"), append_middleware=[LatexDecodingMiddleware()])
    out = {}
    for e in lib.entries:
        f = e.fields_dict
        author = f.get("author") or f.get("editor")
        year = re.search(r"\d{4}", str(f["year"].value if "year" in f else (f["date"].value if "date" in f else "")))
        if not author or not year:
            continue
        raw_first = re.split(r"\s+and\s+", str(author.value).strip())[0]
        first = raw_first.strip("{} ")
        if raw_first.startswith("{{") or (raw_first.startswith("{") and "," not in first):
            surname = first  # a braced organisation: "{Stan Development Team}"
        else:
            surname = first.split(",")[0] if "," in first else first.split()[-1]
        out[e.key] = (normalise_surname(surname.strip("{}")), int(year.group(0)))
    return out


def eval_joss() -> dict[str, float]:
    folder = SHARED / "pdfs" / "joss"
    if not folder.exists():
        print("joss: skipped")
        return {}
    tot = Counter()
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        pdfs = list(d.glob("*.pdf"))
        if not pdfs or not (d / "paper.md").exists() or not (d / "paper.bib").exists():
            continue
        keys = _bib_keys(d / "paper.bib")
        md = (d / "paper.md").read_text(errors="replace")
        body = md.split("---", 2)[-1]
        gold = Counter(keys[k] for k in re.findall(r"(?<![\w.])@([\w:.\-/]+[\w])", body) if k in keys)
        doc = pdf_document(pdfs[0])
        if doc is not None:
            cits = list(doc.citations)
        else:
            paras, secs = pdftotext_paragraphs(pdfs[0])
            cits = find_citations(paras, secs)
        pred = Counter((normalise_surname(w.surnames[0]), w.year) for c in cits for w in c.cites if w.surnames and w.year)
        tp = sum((pred & gold).values())
        p, r, f = prf(tp, sum(pred.values()), sum(gold.values()))
        print(f"joss {d.name}: P {p:.3f} R {r:.3f} F1 {f:.3f} (gold {sum(gold.values())}, found {sum(pred.values())})")
        if r < 1 or p < 1:
            print(f"    missed {dict(gold - pred)}; extra {dict(pred - gold)}")
        tot.update(tp=tp, pred=sum(pred.values()), gold=sum(gold.values()))
    p, r, f = prf(tot["tp"], tot["pred"], tot["gold"])
    print(f"joss TOTAL: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return {"joss_f1": f}


def eval_seeds() -> dict[str, float]:
    if not GOLD_SEEDS.exists():
        print("seeds: skipped (no benchmarks/gold/seed_citations.json)")
        return {}
    gold = json.loads(GOLD_SEEDS.read_text())
    tot = Counter()
    for fname, spec in gold["files"].items():
        path = SHARED / "seeds" / fname
        if not path.exists():
            print(f"seeds {fname}: skipped (text absent)")
            continue
        text = path.read_text(errors="replace")
        lo, hi = spec["window"]
        paras, secs = text_paragraphs(text)
        cits = [c for c in find_citations(paras, secs)]
        pred = {}
        for c in cits:
            if lo <= c.char_start < hi:
                pred[(c.char_start, c.char_end)] = sorted([normalise_surname(w.surnames[0]) if w.surnames else "", w.year or 0] for w in c.cites)
        gspans = {(g["start"], g["end"]): sorted([normalise_surname(s), y] for s, y in g["works"]) for g in spec["groups"]}
        tp_span = sum(1 for k in pred if k in gspans)
        tp_exact = sum(1 for k, v in pred.items() if gspans.get(k) == v)
        for k in gspans:
            if k not in pred:
                print(f"  MISSED {fname[:8]} {k}: {text[k[0]:k[1]]!r}")
            elif gspans[k] != pred[k]:
                print(f"  WORKS {fname[:8]} {k}: {text[k[0]:k[1]]!r} got {pred[k]} want {gspans[k]}")
        for k in pred:
            if k not in gspans:
                print(f"  EXTRA {fname[:8]} {k}: {text[k[0]:k[1]]!r}")
        p, r, f = prf(tp_exact, len(pred), len(gspans))
        print(f"seeds {fname[:8]}: groups gold {len(gspans)} found {len(pred)}; span match {tp_span}; "
              f"exact (span+works) P {p:.3f} R {r:.3f} F1 {f:.3f}")
        tot.update(tp=tp_exact, pred=len(pred), gold=len(gspans))
    p, r, f = prf(tot["tp"], tot["pred"], tot["gold"])
    print(f"seeds TOTAL: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return {"seeds_f1": f}


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["cc_by", "joss", "seeds"])
    ap.add_argument("--source", choices=["pipeline", "pdftotext"], default="pipeline",
                    help="where PDF paragraphs come from (pipeline falls back to pdftotext if it fails)")
    args = ap.parse_args(argv)
    global SOURCE
    SOURCE = args.source
    print(f"PDF text source: {SOURCE}")
    results: dict[str, float] = {}
    for name, fn in (("cc_by", eval_cc_by), ("joss", eval_joss), ("seeds", eval_seeds)):
        if args.only in (None, name):
            results.update(fn())
    print(json.dumps({k: round(v, 3) for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
