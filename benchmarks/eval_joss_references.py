"""Score litmap's end-to-end reference extraction against JOSS ``paper.bib`` files.

    .venv/bin/python benchmarks/eval_joss_references.py [--data ../shared/data] [--verbose] [--json out.json]

Gold set: the six JOSS papers in ``pdfs/joss/<paper>/`` (PDF + the
bibliography its ``paper.md`` names, usually ``paper.bib``).  Each PDF goes
through the full pipeline (``read_pdf`` → ``build_document``, no OCR) and
its ``Document.references`` are scored — the same path a user's PDF takes.

The PDF and the .bib may come from different commits (a .bib often holds
entries the paper no longer cites), so a bib entry is gold only when its
title appears in the PDF's reference section (``pdftotext`` text after the
last "References" heading, compared on letters and digits, fuzzy ≥ 0.9 so
LaTeX/Unicode spelling differences do not matter).  Each parsed entry is
then matched one-to-one to such a bib entry: the bib title must occur in the
entry's raw text (rapidfuzz partial ratio ≥ 0.9; the raw text, not the
parsed title, so matching does not depend on the field being scored), ties
broken by year and first author's surname in the raw text.  A matched
entry printed with a year other than the bib's is another version of the
work (e.g. a book chapter where the bib has the article): it counts as
matched but its fields are not scored.

Figures: segmentation counts (bib entries cited in the PDF, parsed entries,
matched pairs → P/R/F1) and, over matched pairs, per-field P/R/F1 for
authors (family names), year, title, container (journal/booktitle), volume,
issue (number), pages and doi, with the normalisation of
``eval_references.py`` plus three JOSS-specific steps, because the gold is
the bib but the PDF prints a style's rendering of it: a field the bib lacks
is gold "absent" (the style prints only bib fields, so a value parsed there
is a false positive); a bib DOI not printed in the reference section is
gold-absent too (styles and older commits omit DOIs); for an entry printed
with "et al." only the author names printed before it are gold; abbreviated
page ranges ("283–96") are expanded on both sides before comparison.
Reads the shared data read-only and skips cleanly when it is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from eval_citations import _bib_references  # noqa: E402
from eval_references import (  # noqa: E402
    FIELDS,
    Gold,
    Score,
    _norm_authors,
    _norm_pages,
    _norm_text,
    _pdftotext_refs,
    _prf,
    _seg_key,
    _year4,
    report_fields,
    score,
)
from litmap.models import Reference, Source  # noqa: E402
from litmap.parse.names import normalise_doi  # noqa: E402

JOSS_FIELDS = ("authors", "year", "title", "container", "volume", "issue", "pages", "doi")
_MATCH = 0.9


def bib_golds(bib: Path) -> list[tuple[str, Gold]]:
    """(title key, Gold) per bib entry with a title; ``Gold.raw`` is the bib key."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    # Author splitting (braced organisations, "Family, Given") is eval_citations'.
    families = {r.raw: [a.family for a in r.authors] for r in _bib_references(bib)}
    lib = bibtexparser.parse_string(bib.read_text(errors="replace"), append_middleware=[LatexDecodingMiddleware()])
    out = []
    for e in lib.entries:
        f = {k.lower(): str(v.value).replace("{", "").replace("}", "").strip() for k, v in e.fields_dict.items()}
        title = f.get("title")
        if not title or not _seg_key(title):
            continue
        fields = {
            "authors": _norm_authors(families.get(e.key, [])),
            "year": _year4(f.get("year") or f.get("date")),
            "title": _norm_text(title),
            "container": _norm_text(f.get("journal") or f.get("journaltitle") or f.get("booktitle")),
            "volume": f.get("volume") or None,
            "issue": f.get("number") or None,
            "pages": _norm_pages(f.get("pages")),
            "doi": normalise_doi(f.get("doi")),
        }
        out.append((_seg_key(title), Gold(e.key, fields)))
    return out


def _expand_pages(pages: Optional[str]) -> Optional[str]:
    """"283-96" → "283-296": Chicago-style papers print abbreviated ranges."""
    m = re.fullmatch(r"(\d+)-(\d+)", pages or "")
    if m and len(m.group(2)) < len(m.group(1)):
        return f"{m.group(1)}-{m.group(1)[: len(m.group(1)) - len(m.group(2))]}{m.group(2)}"
    return pages


def printed_gold(g: Gold, raw: str, section_key: str) -> Gold:
    """The bib fields as the PDF prints them: a DOI the style (or an older
    commit) does not print is gold-absent; after "et al." only the names
    printed before it are gold."""
    fields = dict(g.fields)
    if fields["doi"] and _seg_key(fields["doi"]) not in section_key:
        fields["doi"] = None
    authors = fields["authors"]
    if authors and re.search(r"\bet al\b", raw):
        raw_key = _seg_key(raw)
        n = 0
        while n < len(authors) and authors[n] in raw_key:
            n += 1
        fields["authors"] = authors[:n] or None
    return Gold(raw, fields)


def _in_text(key: str, text_key: str) -> float:
    from rapidfuzz import fuzz

    if key in text_key:
        return 1.0
    return fuzz.partial_ratio(key, text_key) / 100 if len(key) >= 12 else 0.0


def match(preds: list[Reference], golds: list[tuple[str, Gold]]) -> list[tuple[int, int]]:
    """(pred index, gold index) pairs, one-to-one, best title evidence first."""
    cands = []
    for pi, ref in enumerate(preds):
        rk = _seg_key(ref.raw)
        for gi, (tk, g) in enumerate(golds):
            s = _in_text(tk, rk)
            if s < _MATCH:
                continue
            authors: tuple[str, ...] = g.fields["authors"] or ()
            tie = int((g.fields["year"] or "#") in ref.raw)
            tie += bool(authors) and authors[0] in _seg_key(ref.raw)
            cands.append((s, tie, -pi, -gi))
    pairs, used_p, used_g = [], set(), set()
    for _, _, npi, ngi in sorted(cands, reverse=True):
        if -npi not in used_p and -ngi not in used_g:
            used_p.add(-npi)
            used_g.add(-ngi)
            pairs.append((-npi, -ngi))
    return sorted(pairs)


def _bib_path(d: Path) -> Optional[Path]:
    md = d / "paper.md"
    m = re.search(r"^bibliography:\s*(\S+)", md.read_text(errors="replace"), re.M) if md.exists() else None
    path = d / (m.group(1) if m else "paper.bib")
    return path if path.exists() else None


def _references(pdf: Path) -> list[Reference]:
    from litmap.read.pdf import read_pdf
    from litmap.parse.document import build_document

    return list(build_document(Source(path=str(pdf), sha256=""), read_pdf(str(pdf), ocr="never")).references)


def eval_joss(data: Path, verbose: bool = False) -> dict:
    folder = data / "pdfs" / "joss"
    papers = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.exists() else []
    total = Score()
    n_bib = n_cited = n_pred = n_matched = n_other = 0
    for d in papers:
        pdfs, bib = sorted(d.glob("*.pdf")), _bib_path(d)
        if not pdfs or bib is None:
            print(f"joss {d.name}: skipped (no PDF or bibliography)")
            continue
        ref_text = _pdftotext_refs(pdfs[0])
        if not ref_text:
            print(f"joss {d.name}: skipped (no reference heading in pdftotext output)")
            continue
        text_key = _seg_key(ref_text)
        entries = bib_golds(bib)
        cited = [(k, g) for k, g in entries if _in_text(k, text_key) >= _MATCH]
        try:
            preds = _references(pdfs[0])
        except Exception as exc:  # noqa: BLE001 - a pipeline failure scores as nothing found
            print(f"joss {d.name}: pipeline failed ({exc!r}); scored as no entries")
            preds = []
        pairs = match(preds, cited)
        by_raw = {preds[pi].raw: preds[pi] for pi, _ in pairs}
        # A printed year other than the bib's is another version of the work
        # (the PDF's commit cites a different edition): matched, not scored.
        same = [(pi, gi) for pi, gi in pairs if (cited[gi][1].fields["year"] or "") in preds[pi].raw]
        n_other += len(pairs) - len(same)
        golds = [printed_gold(cited[gi][1], preds[pi].raw, text_key) for pi, gi in same]
        for g in golds:
            g.fields["pages"] = _expand_pages(g.fields["pages"])
        sc = score(golds, lambda raw: _expanded(by_raw[raw]))
        for part in ("tp", "fp", "fn"):
            for f, v in getattr(sc, part).items():
                getattr(total, part)[f] += v
        total.n += sc.n
        total.exact += sc.exact
        n_bib += len(entries)
        n_cited += len(cited)
        n_pred += len(preds)
        n_matched += len(pairs)
        print(f"joss {d.name:<18} bib {len(entries):3d}  in PDF {len(cited):3d}  parsed {len(preds):3d}  matched {len(pairs):3d}")
        if verbose:
            matched_g = {gi for _, gi in pairs}
            for gi, (_, g) in enumerate(cited):
                if gi not in matched_g:
                    print(f"    unmatched bib {g.raw}: {g.fields['title']}")
            for g in golds:
                pred = by_raw[g.raw]
                wrong = [f for f in JOSS_FIELDS if f in FIELDS and g.fields[f] != _pred_field(pred, f)]
                if wrong:
                    print(f"    {', '.join(wrong)} wrong: {g.raw[:110]}")
    if not n_cited:
        print("joss: no scorable papers")
        return {}
    p, r, f1 = _prf(n_matched, n_pred - n_matched, n_cited - n_matched)
    print(f"\n== JOSS entries: {n_bib} bib entries, {n_cited} in the PDFs' reference sections, {n_pred} parsed, "
          f"{n_matched} matched: P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    res = report_fields(
        f"JOSS paper.bib, end to end (PDF → build_document → fields; {n_matched} matched entries, "
        f"{n_other} printed with another year than the bib's not scored)",
        total,
    )
    return {"segmentation": {"p": p, "r": r, "f1": f1, "gold": n_cited, "pred": n_pred}, "fields": res}


def _expanded(ref: Reference) -> Reference:
    import dataclasses

    return dataclasses.replace(ref, pages=_expand_pages(_norm_pages(ref.pages)))


def _pred_field(ref: Reference, f: str) -> object:
    from eval_references import normalise_prediction

    return normalise_prediction(_expanded(ref))[f]


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    ap.add_argument("--verbose", action="store_true", help="unmatched bib entries and wrong fields per paper")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    if not (args.data / "pdfs" / "joss").exists():
        print(f"no JOSS papers under {args.data}; skipping")
        return 0
    out = eval_joss(args.data, verbose=args.verbose)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
