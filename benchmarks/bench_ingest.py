"""Ingest speed (and text agreement) against pdftotext and pdfplumber.

    .venv/bin/python benchmarks/bench_ingest.py [PATHS...] [--limit N] [--repeat 3] [--accuracy]

Default PATHS: ../shared/data/excite/pdfs, pdfs/urban_studies*, pdfs/geography
(skips cleanly when absent).  Files with any page litmap would OCR are left out
of the speed figures (OCR time would swamp them; they are counted).
Timings are single-process; pages/s per core is the same number.  Every
measurement (pdftotext included) runs ``--repeat`` times, interleaved, and
the medians are reported: compare ratios within one run, not absolute rates
across runs (the load average at the start and end is printed).  Rates are given per
wall-clock second and per CPU second (this process's and its children's
user+system time), which a loaded machine disturbs far less.  The CLI's
peak resident memory is reported per process (the CLI and its worker),
sampled every 50 ms with psutil when it is installed.

``--ocr N`` times, instead, the first N files that litmap reads by OCR, read whole
(``read_pdf``, OCR auto) with one OCR page at a time and with ``--ocr-jobs``
(default: the core count) at once: OCR'd pages per wall second and per CPU
second (Tesseract's processes included), and whether the two reads are
identical (they must be: pages are read independently).

``--accuracy`` adds, per engine: bag-of-words F1 and an order score (LCS
similarity of the word sequences) against ``pdftotext`` plain output, and for
the CC BY papers with gold reference lists the share of gold references found
in litmap's text in the right order (a reading-order check on two columns).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
DEFAULT_DIRS = ["excite/pdfs", "pdfs/urban_studies", "pdfs/urban_studies_cc_by", "pdfs/geography"]
_TOK = re.compile(r"[a-z0-9]+")

sys.path.insert(0, ROOT)


def pdf_files(paths: list[str], limit: int) -> list[str]:
    files: list[str] = []
    for p in paths:
        files += sorted(glob.glob(os.path.join(p, "*.pdf"))) if os.path.isdir(p) else [p]
    return files[:limit] if limit else files


def page_count(path: str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


def scan_pages(path: str) -> list[int]:
    """Pages that litmap would OCR: no text layer and mostly an image, or a
    scan whose text layer is misdrawn (``read_pdf`` reads those by OCR)."""
    from litmap.read.engines import open_pdf
    from litmap.read.pdf import (
        MIN_SCAN_COVERAGE, MIN_TEXT_CHARS, MISDRAWN_OVERLAP, SCAN_BACKING, _overlapping_pairs, _visible,
    )

    src = open_pdf(path)
    try:
        empty = [
            i + 1 for i in range(src.page_count())
            if _visible(src.page(i)) < MIN_TEXT_CHARS and src.image_coverage(i) >= MIN_SCAN_COVERAGE
        ]
        backed = [i for i in range(src.page_count()) if src.image_coverage(i) >= SCAN_BACKING]
        if any(_overlapping_pairs(src.page(i)) >= MISDRAWN_OVERLAP for i in backed):
            return sorted(set(empty) | {i + 1 for i in backed})
        return empty
    finally:
        src.close()


def pdftotext(path: str) -> str:
    return subprocess.run(["pdftotext", "-q", path, "-"], capture_output=True, text=True, errors="replace").stdout


def timed(fn, files: list[str]) -> tuple[float, int, list]:
    out, pages = [], 0
    t = time.perf_counter()
    for f in files:
        r = fn(f)
        out.append(r)
    dt = time.perf_counter() - t
    return dt, pages, out


def plumber_text(path: str) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join((p.extract_text() or "") for p in pdf.pages)


def litmap_text(path: str, engine: str) -> str:
    from litmap.read.pdf import read_pdf

    doc = read_pdf(path, engine=engine, ocr="never")
    return "\n".join(b.text for p in doc.pages for b in p.blocks)


def subset(files: list[str], pages: dict[str, int], budget: int) -> list[str]:
    out, n = [], 0
    for f in files:
        if n >= budget:
            break
        out.append(f)
        n += pages[f]
    return out


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (pdftotext, the CLI and its worker)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def rate(label: str, files: list[str], pages: dict[str, int], fn) -> tuple[float, float, list]:
    """(pages per wall second, pages per CPU second, outputs)."""
    t, c = time.perf_counter(), cpu_seconds()
    texts = [fn(f) for f in files]
    dt, dc = time.perf_counter() - t, cpu_seconds() - c
    n = sum(pages[f] for f in files)
    pps, cps = (n / dt if dt else 0.0), (n / dc if dc else 0.0)
    print(f"{label:<34} {len(files):>4} files {n:>5} pages {dt:7.2f} s {pps:8.1f} pages/s"
          f"   cpu {dc:7.2f} s {cps:8.1f} pages/cpu-s", flush=True)
    return pps, cps, texts


def run_cli(cmd: list[str]) -> tuple[float, int, str, dict[str, float]]:
    """Run the ingest CLI: (seconds, exit code, stderr, peak RSS in MB per process).

    Peak RSS is sampled every 50 ms over the CLI and its descendants (the
    worker), so a short spike between samples can be missed."""
    try:
        import psutil
    except ImportError:
        psutil = None
    peaks: dict[str, float] = {}
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True)
        if psutil is not None:
            root = psutil.Process(proc.pid)
            while proc.poll() is None:
                try:
                    procs = [root] + root.children(recursive=True)
                except psutil.Error:
                    procs = []
                for k, p in enumerate(procs):
                    try:
                        rss = p.memory_info().rss / 2**20
                    except psutil.Error:
                        continue
                    try:
                        kind = "tesseract" if "tesseract" in p.name() else "worker"
                    except psutil.Error:
                        kind = "worker"
                    key = "cli" if k == 0 else f"{kind} pid {p.pid}"
                    peaks[key] = max(peaks.get(key, 0.0), rss)
                time.sleep(0.05)
        proc.wait()
        dt = time.perf_counter() - t
        err.seek(0)
        stderr = err.read()
    return dt, proc.returncode, stderr, peaks


def bench_ocr(files: list[str], count: int, jobs: int) -> None:
    """OCR pages/s of the first ``count`` files with OCR pages, read with 1 and ``jobs`` OCR jobs."""
    from litmap.read.pdf import read_pdf
    from litmap.read.settings import ReadSettings

    for f in files[:count]:
        n_ocr = len(scan_pages(f))
        outs = []
        for j in (1, jobs):
            t, c = time.perf_counter(), cpu_seconds()
            doc = read_pdf(f, settings=ReadSettings(ocr="auto", ocr_jobs=j))
            dt, dc = time.perf_counter() - t, cpu_seconds() - c
            n = sum(1 for p in doc.pages if p.ocr)
            outs.append(doc)
            print(f"  {os.path.basename(f)[:40]:<40} ocr_jobs {j}: {n} of {doc.page_count} pages by OCR "
                  f"({n_ocr} expected)  {dt:7.2f} s {n / dt:6.3f} pages/s  cpu {dc:7.2f} s "
                  f"{n / dc if dc else 0:6.3f} pages/cpu-s", flush=True)
        print(f"  identical output with 1 and {jobs} OCR jobs: {'yes' if outs[0] == outs[1] else 'NO'}")


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def bow_f1(a: str, b: str) -> float:
    ca, cb = Counter(_TOK.findall(a.lower())), Counter(_TOK.findall(b.lower()))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


def order_score(a: str, b: str) -> float:
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(_TOK.findall(a.lower()), _TOK.findall(b.lower()))


def gold_reference_order(files: list[str], engine: str) -> None:
    for f in files:
        gold = f[:-4] + ".gold.json"
        if not os.path.exists(gold):
            continue
        refs = json.load(open(gold))["references"]
        toks = _TOK.findall(litmap_text(f, engine).lower())
        joined = " " + " ".join(toks) + " "
        positions = []
        for ref in refs:
            head = " ".join(_TOK.findall(ref["raw"].lower())[:6])
            positions.append(joined.find(" " + head + " "))
        found = [p for p in positions if p >= 0]
        in_order = sum(1 for a, b in zip(found, found[1:]) if b > a)
        print(f"  {engine:<7} {os.path.basename(f)[:40]:<40} gold refs found {len(found)}/{len(refs)}, "
              f"consecutive pairs in order {in_order}/{max(len(found) - 1, 0)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files")
    ap.add_argument("--plumber-pages", type=int, default=150, help="pages for the slow pdfplumber runs")
    ap.add_argument("--accuracy", action="store_true")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--no-plumber-engine", action="store_true", help="skip litmap's slow pdfplumber engine")
    ap.add_argument("--repeat", type=int, default=3, help="runs of every measurement (medians reported)")
    ap.add_argument("--ocr", type=int, default=0, metavar="N",
                    help="time OCR instead: the first N files with OCR pages, 1 vs --ocr-jobs pages at once")
    ap.add_argument("--ocr-jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    paths = args.paths or [os.path.join(SHARED, d) for d in DEFAULT_DIRS if os.path.isdir(os.path.join(SHARED, d))]
    files = pdf_files(paths, args.limit)
    if not files:
        print("no PDFs found (../shared/data absent?); nothing to measure")
        return
    if shutil.which("pdftotext") is None:
        print("pdftotext not installed; install poppler-utils")
        return
    pages = {f: page_count(f) for f in files}
    base_texts = {f: pdftotext(f) for f in files}  # warm the OS cache too
    scanned = [f for f in files if scan_pages(f)]
    if args.ocr:
        print(f"OCR: {len(scanned)} files with OCR pages; start: {load()}")
        bench_ocr(scanned, args.ocr, args.ocr_jobs)
        print(f"end: {load()}")
        return
    files = [f for f in files if f not in scanned]
    print(f"{len(files)} PDFs with a text layer, {sum(pages[f] for f in files)} pages; "
          f"{len(scanned)} files with scanned pages left out (OCR costs seconds a page; see docs/pdf-engine.md)")
    n = sum(pages[f] for f in files)
    small = subset(files, pages, args.plumber_pages)
    cli = os.path.join(ROOT, ".venv", "bin", "litmap")
    if not args.no_cli and not os.path.exists(cli):
        print("litmap console script not found in .venv/bin; CLI timing skipped")
    use_cli = not args.no_cli and os.path.exists(cli)
    print(f"start: {load()}")
    runs: list[dict[str, float]] = []
    pdfium_texts: list = []
    for r in range(args.repeat):
        print(f"-- run {r + 1} of {args.repeat}")
        one: dict[str, float] = {}
        one["pdftotext"], one["cpu:pdftotext"], _ = rate("poppler pdftotext", files, pages, pdftotext)
        one["plumber_text"], one["cpu:plumber_text"], _ = rate("pdfplumber extract_text (subset)", small, pages,
                                                                plumber_text)
        one["pdfium"], one["cpu:pdfium"], pdfium_texts = rate("litmap read_pdf engine=pdfium", files, pages,
                                                              lambda f: litmap_text(f, "pdfium"))
        if not args.no_plumber_engine:
            one["plumber"], one["cpu:plumber"], _ = rate("litmap read_pdf engine=plumber (subset)", small, pages,
                                                         lambda f: litmap_text(f, "plumber"))
        if use_cli:
            with tempfile.TemporaryDirectory() as tmp:
                db = os.path.join(tmp, "bench.db")
                c = cpu_seconds()
                dt, code, stderr, peaks = run_cli([cli, "ingest", *files, "--db", db, "--jobs", "1"])
                dc = cpu_seconds() - c
            print(f"{'litmap ingest CLI --jobs 1':<34} {len(files):>4} files {n:>5} pages {dt:7.2f} s "
                  f"{n / dt:8.1f} pages/s   cpu {dc:7.2f} s {n / dc:8.1f} pages/cpu-s  (exit {code})")
            if peaks:
                print("  peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in sorted(peaks.items())))
            if code in (0, 1):  # 1: some file failed, which ingest reports and survives
                one["cli"], one["cpu:cli"] = n / dt, n / dc
            else:
                print(f"  CLI error: {stderr.strip()[-300:]}")
        runs.append(one)
    print(f"end: {load()}")

    def med(key: str, over: str) -> float | None:
        vals = [x[key] / x[over] for x in runs if x.get(key) and x.get(over)]
        return statistics.median(vals) if vals else None

    print(f"\nmedian over {len(runs)} runs (pages/s; cpu: pages per CPU second): " + ", ".join(
        f"{k} {statistics.median(x[k] for x in runs if k in x):.1f}" for k in runs[0]))
    for prefix, what in (("", "wall-clock pages/s"), ("cpu:", "pages per CPU second (less sensitive to load)")):
        print(f"ratios of {what}; single process = per core; median over runs of the ratio within each run:")
        for eng in ("pdfium", "plumber"):
            a, b = med(prefix + eng, prefix + "pdftotext"), med(prefix + eng, prefix + "plumber_text")
            if a is not None and b is not None:
                print(f"  read_pdf[{eng}] / pdftotext = {a:.3f}   / pdfplumber = {b:.1f}x")
        a, b = med(prefix + "cli", prefix + "pdftotext"), med(prefix + "cli", prefix + "plumber_text")
        if a is not None and b is not None:
            print(f"  ingest CLI / pdftotext = {a:.3f} (goal >= 0.35)   / pdfplumber = {b:.1f}x (goal >= 8)")
    if args.accuracy:
        print("\nagreement with pdftotext (bag-of-words F1, word-order LCS similarity), mean over files:")
        for eng in ("pdfium", "plumber"):
            sel = files if eng == "pdfium" else small
            texts = pdfium_texts if eng == "pdfium" else [litmap_text(f, eng) for f in sel]
            f1 = [bow_f1(t, base_texts[f]) for f, t in zip(sel, texts)]
            order = [order_score(t, base_texts[f]) for f, t in zip(sel, texts)]
            print(f"  {eng:<7} files {len(sel):>3}  F1 {sum(f1) / len(f1):.3f}  order {sum(order) / len(order):.3f}")
        print("pdfplumber extract_text vs pdftotext on the subset:")
        ptexts = [plumber_text(f) for f in small]
        f1 = [bow_f1(t, base_texts[f]) for f, t in zip(small, ptexts)]
        order = [order_score(t, base_texts[f]) for f, t in zip(small, ptexts)]
        print(f"  extract_text files {len(small):>3}  F1 {sum(f1) / len(f1):.3f}  order {sum(order) / len(order):.3f}")
        print("reading order on gold reference lists (CC BY papers):")
        for eng in ("pdfium", "plumber"):
            gold_reference_order(files, eng)


if __name__ == "__main__":
    main()
