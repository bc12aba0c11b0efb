"""Evaluate in-text citation detection and citation → reference linking.

Gold sets (read from ../shared/data when present; each is skipped when absent):

* ``cc_by``: the two CC BY papers' ``*.gold.json`` ``in_text_sample`` (20
  groups each, with the reference entries they cite).  Recall = gold groups
  found with the right works; precision is estimated as the share of detected
  author-year groups whose every work matches an entry of the gold reference
  list (a look-alike such as "(March 2019)" matches none).  Linking accuracy
  is scored twice: against the gold references' own fields, and against the
  full pipeline's parsed reference list.
* ``joss``: six JOSS PDFs; ``paper.md`` ``[@key]``/``@key`` citations mapped
  through the bibliography its front matter names to (first surname, year)
  are gold (P/R/F1 over cited-work mentions).  paper.md, the .bib and the PDF
  may come from different commits, so only groups whose text is in the PDF
  are compared: each group is anchored by ~30 letters of its paper.md
  context found in the PDF's letters (so line numbers, hyphenation and
  markup do not matter), and the PDF must show the cited surname and year
  there; groups rendered differently are skipped and counted.  A detection
  at no gold spot is a false positive when the text before it is in
  paper.md with no citation there.  ``--source pdftotext`` runs the same on
  poppler's text, which separates layout errors from citation errors.
* ``seeds``: ``benchmarks/gold/seed_citations.json``, hand-labelled citation
  groups (char spans + expected surname/year pairs) over the seed texts.  A
  surname printed with OCR noise (``Miiller``) matches the gold spelling
  (``Müller``) when the linker's surname similarity accepts the pair.

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
        from litmap.read.pdf import read_pdf
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
    tot: Counter[str] = Counter()
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
            from litmap.parse.references.parser import parse_reference

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


def _bib_references(bib: Path) -> list[Reference]:
    """The bibliography as reference entries (all authors, year), to score
    linking apart from reference-list extraction."""
    import bibtexparser

    from bibtexparser.middlewares import LatexDecodingMiddleware

    text = bib.read_text(errors="replace")
    raw = {e.key: e.fields_dict.get("author") or e.fields_dict.get("editor") for e in bibtexparser.parse_string(text).entries}
    lib = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    out: list[Reference] = []
    for e in lib.entries:
        f = e.fields_dict
        author = f.get("author") or f.get("editor")
        year = re.search(r"\d{4}", str(f["year"].value if "year" in f else (f["date"].value if "date" in f else "")))
        if not author or not year:
            continue
        authors = []
        raw_field = raw.get(e.key)
        raw_names = re.split(r"\s+and\s+", str(raw_field.value).strip()) if raw_field else []
        for k, a in enumerate(re.split(r"\s+and\s+", str(author.value).strip())):
            braced = k < len(raw_names) and raw_names[k].startswith("{") and raw_names[k].endswith("}")
            a = a.strip("{} ")
            if braced and "," not in a:
                family, given = a, ""  # an organisation: "{R Core Team}"
            elif "," in a:
                family, given = a.split(",", 1)
            else:
                family, given = (a.rsplit(" ", 1)[::-1] + [""])[:2]
            authors.append(Author(family.strip("{} "), given.strip("{} ") or None))
        out.append(Reference(index=len(out), raw=e.key, authors=tuple(authors), year=int(year.group(0))))
    return out


def _bib_keys(bib: Path) -> dict[str, tuple[str, int]]:
    import bibtexparser

    from bibtexparser.middlewares import LatexDecodingMiddleware

    text = bib.read_text(errors="replace")
    # braces ("{Stan Development Team}") mark an organisation; decoding drops them
    raw_authors = {
        e.key: str(names.value)
        for e in bibtexparser.parse_string(text).entries
        if (names := e.fields_dict.get("author") or e.fields_dict.get("editor"))
    }
    lib = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    out = {}
    for e in lib.entries:
        f = e.fields_dict
        author = f.get("author") or f.get("editor")
        year = re.search(r"\d{4}", str(f["year"].value if "year" in f else (f["date"].value if "date" in f else "")))
        if not author or not year:
            continue
        first = re.split(r"\s+and\s+", str(author.value).strip())[0].strip("{} ")
        raw_first = re.split(r"\s+and\s+", raw_authors.get(e.key, "").strip())[0].strip()
        if raw_first.startswith("{") and raw_first.endswith("}") and "," not in raw_first:
            surname = first  # a braced organisation: "{Stan Development Team}"
        else:
            surname = first.split(",")[0] if "," in first else first.split()[-1]
        out[e.key] = (normalise_surname(surname.strip("{}")), int(year.group(0)))
    return out


# pandoc citations: "[see @a, p. 4; @b]" groups and bare narrative "@a"
_MD_GROUP_RE = re.compile(r"\[[^\[\]]*?-?@[\w:.\-/]*\w[^\[\]]*\]|(?<![\w.\[@])@[\w:.\-/]*\w")
_MD_KEY_RE = re.compile(r"(?<![\w.])-?@([\w:.\-/]*\w)")
_CTX = 30  # letters of context that anchor a group in the PDF text
_CTX_MIN = 12


def _letters(text: str) -> tuple[str, list[int]]:
    """Lower-case letters of ``text`` and each letter's offset: layout noise
    (line numbers, hyphenation, spacing, markup) drops out of the comparison."""
    import unicodedata

    keep, offs = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKD", ch):
            if c.isalpha() and c.isascii():
                keep.append(c.lower())
                offs.append(i)
    return "".join(keep), offs


def _md_plain(md: str) -> str:
    """paper.md body with the markup that does not render as text removed."""
    body = md.split("---", 2)[-1]
    body = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", body, flags=re.S)  # maths renders differently
    body = re.sub(r"!?\[([^\[\]@]*)\]\([^)]*\)", r"\1", body)  # links and images keep their label
    body = re.sub(r"\\[a-zA-Z]+\*?(\{)?", lambda m: m.group(1) or "", body)  # \\textsf{R} -> R}
    return body


def _md_groups(body: str, keys: dict[str, tuple[str, int]]) -> list[tuple[int, int, list[tuple[str, int]]]]:
    out = []
    for m in _MD_GROUP_RE.finditer(body):
        works = [keys[k] for k in _MD_KEY_RE.findall(m.group(0)) if k in keys]
        if works:
            out.append((m.start(), m.end(), works))
    return out


def _find_after(hay: str, needle: str, pos: int) -> int:
    i = hay.find(needle, pos)
    return i if i >= 0 else hay.find(needle)


def _same_work(a: tuple[str, int], b: tuple[str, int]) -> bool:
    # "team" (an unbraced organisation in the .bib) meets "standevelopmentteam"
    suffix = min(len(a[0]), len(b[0])) >= 4 and (a[0].endswith(b[0]) or b[0].endswith(a[0]))
    return a[1] == b[1] and (a[0] == b[0] or suffix)


def _match(pred: list[tuple[str, int]], gold: list[tuple[str, int]]) -> int:
    left = list(gold)
    tp = 0
    for w in pred:
        k = next((i for i, g in enumerate(left) if _same_work(w, g)), None)
        if k is not None:
            left.pop(k)
            tp += 1
    return tp


def _gap_ok(gap: str) -> bool:
    """Text between an anchor and a detected citation: a few characters, or a
    layout interruption (a sidebar line) that holds no other parenthesis."""
    gap = re.sub(r"\(\w{1,3}\)", "", gap).strip(" \n)].,;:")  # letters skip "(UMM) " and "(3)"
    return len(gap) <= 40 and "(" not in gap and ")" not in gap


def _span_after(text: str, at: int) -> tuple[int, int]:
    """Where an undetected group rendered after ``at`` would be: up to the
    first ``)``, if the text there starts like a citation (``(`` or a name)."""
    lead = re.match(r"[\s)\].,;:]*", text[at:at + 10])
    at += lead.end() if lead else 0
    rest = text[at:at + 200]
    close = rest.find(")")
    if close < 0 or not rest[:1] or not (rest[0] == "(" or rest[0].isupper()):
        return at, at
    return at, at + close + 1


def _span_before(text: str, at: int) -> tuple[int, int]:
    head = text[max(0, at - 200):at].rstrip(" \n.,;:")
    if not head.endswith(")"):
        return at, at
    return max(0, at - 200) + max(0, head.rfind("(") - 60), max(0, at - 200) + len(head)


_MD_BROKEN_RE = re.compile(r"\[[A-Za-z][\w:.\-/]*\d[\w:.\-/]*\]")  # "[SciPyProceedings_11]": no @, renders anyway


def _link_score(cit: Citation, works: list[tuple[str, int]], refs: list[Reference], name: str) -> Counter:
    """Linking of the detected works that match gold works: the entry linked
    must carry the gold first surname and year."""
    out: Counter = Counter()
    left = list(works)
    for w in cit.cites:
        key = (normalise_surname(w.surnames[0]), w.year) if w.surnames and w.year else None
        g = next((g for g in left if key and _same_work(key, g)), None)
        if g is None:
            continue
        left.remove(g)
        out["links"] += 1
        r = refs[w.reference] if w.reference is not None else None
        fam = normalise_surname(r.authors[0].family) if r is not None and r.authors else ""
        if r is not None and _same_work((fam, r.year or 0), g):
            out["links_ok"] += 1
        else:
            print(f"    {name}: LINK {cit.raw!r} -> {r.raw[:60] if r else w.unresolved_reason!r}")
    return out


def _joss_paper(d: Path) -> Optional[Counter]:
    """Scores one JOSS paper by aligning paper.md's citation groups with the PDF text.

    paper.md and the PDF may come from different commits, so a gold group
    counts only where its text is in the PDF: the ~30 letters before it (or,
    failing that, after it) are found in the PDF's letters, and the PDF text
    at that spot names each cited work's surname and year.  Detected
    citations at that spot are the prediction for the group.  A detected
    citation at no gold spot counts as a false positive only if the text
    before it is in paper.md with no citation after it; if that text is only
    in the PDF, or paper.md cites a key its bibliography lacks there, it
    cannot be judged and is listed.
    """
    pdfs = list(d.glob("*.pdf"))
    md_path = d / "paper.md"
    if not pdfs or not md_path.exists():
        return None
    md = md_path.read_text(errors="replace")
    bm = re.search(r"^bibliography:\s*(\S+)", md, re.M)
    bib = d / (bm.group(1) if bm else "paper.bib")
    if not bib.exists():
        return None
    keys = _bib_keys(bib)
    bib_refs = _bib_references(bib)
    body = _md_plain(md)
    groups = _md_groups(body, keys)
    doc = pdf_document(pdfs[0])
    refs = list(doc.references) if doc is not None else []
    if doc is not None:
        text, cits = doc.text, list(doc.citations)
    else:
        import subprocess

        text = subprocess.run(["pdftotext", pdfs[0], "-"], capture_output=True, text=True, check=True).stdout
        paras, secs = text_paragraphs(text)
        cits = find_citations(paras, secs)
    pdf_l, pdf_off = _letters(text)
    # paper.md letters with the citation groups cut out, to judge unclaimed detections
    # every citation spot of paper.md (also keys missing from the bibliography) as a marker
    md_l = _letters(_MD_BROKEN_RE.sub(" zzcitezz ", _MD_GROUP_RE.sub(" zzcitezz ", body)))[0]
    claimed: set[int] = set()
    tot: Counter[str] = Counter()
    cursor = 0
    for gi, (a, b, works) in enumerate(groups):
        prev_end = groups[gi - 1][1] if gi else 0
        next_start = groups[gi + 1][0] if gi + 1 < len(groups) else len(body)
        before = _letters(body[prev_end:a])[0][-_CTX:]
        after = _letters(body[b:next_start])[0][:_CTX]
        hit = None
        if len(before) >= _CTX_MIN and (i := _find_after(pdf_l, before, cursor)) >= 0:
            at = pdf_off[i + len(before) - 1] + 1
            hit = next((k for k, c in enumerate(cits) if k not in claimed and c.char_end > at
                        and (c.char_start <= at or _gap_ok(text[at:c.char_start]))), None)
            span = _span_after(text, at) if hit is None else (cits[hit].char_start, cits[hit].char_end)
            cursor = i
        elif len(after) >= _CTX_MIN and (i := _find_after(pdf_l, after, cursor)) >= 0:
            at = pdf_off[i]
            hit = next((k for k, c in enumerate(cits) if k not in claimed and c.char_start < at
                        and (c.char_end >= at or _gap_ok(text[c.char_end:at]))), None)
            span = _span_before(text, at) if hit is None else (cits[hit].char_start, cits[hit].char_end)
            cursor = i
        else:
            tot["unanchored"] += 1
            continue
        local = _letters(text[span[0]:span[1]])[0] + " " + " ".join(re.findall(r"\d{4}", text[span[0]:span[1]]))
        if hit is not None:
            claimed.add(hit)
        if not all(s[:4] in local and str(y) in local for s, y in works):
            tot["differs"] += 1  # the PDF renders another version of this group
            print(f"    {d.name}: differs {text[span[0]:span[1]][:80]!r} want {works}")
            continue
        found = cits[hit].cites if hit is not None else ()
        pred = [(normalise_surname(w.surnames[0]), w.year) for w in found if w.surnames and w.year]
        tp = _match(pred, works)
        tot.update(tp=tp, pred=len(pred), gold=len(works))
        if hit is not None:
            if refs:
                tot.update(_link_score(cits[hit], works, refs, d.name))
            bib_linked = link_citations([cits[hit]], bib_refs)[0]
            tot.update({"bib_" + k: v for k, v in _link_score(bib_linked, works, bib_refs, d.name + " (bib)").items()})
        if tp < len(works) or tp < len(pred):
            shown = repr(cits[hit].raw) if hit is not None else repr(text[span[0]:span[1]][:90])
            print(f"    {d.name}: {shown} got {pred} want {works}")
    for k, c in enumerate(cits):
        if k in claimed or c.kind == "numeric":
            continue
        ctx = _letters(text[max(0, c.char_start - 200):c.char_start])[0][-_CTX:]
        n = sum(1 for w in c.cites if w.surnames and w.year)
        if len(ctx) >= _CTX_MIN and ctx in md_l and ctx + "zzcitezz" not in md_l:
            tot.update(pred=n)
            print(f"    {d.name}: EXTRA {c.raw!r}")
        else:
            tot["unjudged"] += 1
            print(f"    {d.name}: unjudged (text not in paper.md) {c.raw!r}")
    return tot


def eval_joss() -> dict[str, float]:
    folder = SHARED / "pdfs" / "joss"
    if not folder.exists():
        print("joss: skipped")
        return {}
    tot: Counter[str] = Counter()
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        res = _joss_paper(d)
        if res is None:
            print(f"joss {d.name}: skipped (no PDF, paper.md or bibliography)")
            continue
        p, r, f = prf(res["tp"], res["pred"], res["gold"])
        link = f"; link acc bib refs {res['bib_links_ok']}/{res['bib_links']}, parsed {res['links_ok']}/{res['links']}"
        print(f"joss {d.name}: P {p:.3f} R {r:.3f} F1 {f:.3f}{link} "
              f"(gold works {res['gold']}, predicted {res['pred']}; "
              f"groups skipped: {res['differs']} differ in the PDF, {res['unanchored']} not found; "
              f"{res['unjudged']} detections in PDF-only text)")
        tot.update(res)
    p, r, f = prf(tot["tp"], tot["pred"], tot["gold"])
    out = {"joss_f1": f}
    link = ""
    if tot["bib_links"]:
        out["joss_link"] = tot["bib_links_ok"] / tot["bib_links"]
        link = f"; link acc (bib refs) {out['joss_link']:.3f}"
    if tot["links"]:
        out["joss_link_pipeline"] = tot["links_ok"] / tot["links"]
        link += f"; link acc (parsed refs) {out['joss_link_pipeline']:.3f}"
    print(f"joss TOTAL: P {p:.3f} R {r:.3f} F1 {f:.3f}{link}")
    return out


def _same_works(pred: list[list[Any]], gold: list[list[Any]]) -> bool:
    """Same (surname, year) list; a surname as OCR printed it ("Miiller")
    counts as the gold spelling ("Müller") when linking would match the two:
    detection reports the text, linking folds OCR noise."""
    from litmap.parse.linking import LinkSettings, surname_similarity

    return len(pred) == len(gold) and all(
        p[1] == g[1] and (p[0] == g[0] or surname_similarity(p[0], g[0]) >= LinkSettings().min_surname)
        for p, g in zip(pred, gold)
    )


def eval_seeds() -> dict[str, float]:
    if not GOLD_SEEDS.exists():
        print("seeds: skipped (no benchmarks/gold/seed_citations.json)")
        return {}
    gold = json.loads(GOLD_SEEDS.read_text())
    tot: Counter[str] = Counter()
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
        tp_exact = sum(1 for k, v in pred.items() if k in gspans and _same_works(v, gspans[k]))
        for k in gspans:
            if k not in pred:
                print(f"  MISSED {fname[:8]} {k}: {text[k[0]:k[1]]!r}")
            elif not _same_works(pred[k], gspans[k]):
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
