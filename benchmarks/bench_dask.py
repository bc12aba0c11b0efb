"""Pages/s through the ingest pipeline: Dask LocalCluster with 1 and 2 workers,
and the local process pool with jobs=1 and 2, on the same PDFs.

    .venv/bin/python benchmarks/bench_dask.py [--limit N] [--timeout S]

Default corpus: the first N (default 100, i.e. all ~90) PDFs under ../shared/data (skips
cleanly when absent).  Each configuration ingests into a fresh store with
``--ocr never`` (OCR would swamp the timing); the wall time includes starting
the pool or cluster, as a user sees it.  The speedup goal is >= 1.7x for 2
Dask workers over 1 on a 2-core machine; a machine shared with other work
gives lower figures, so the load average is printed alongside.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _corpus import ROOT, source_pdfs  # noqa: E402

sys.path.insert(0, ROOT)


def one(folder: str, db: str, executor: str, jobs: int, timeout: float) -> tuple[float, int, int]:
    from litmap.batch.ingest import IngestSettings, ingest
    from litmap.store import Store

    settings = IngestSettings(jobs=jobs, ocr="never", executor=executor, timeout=timeout)
    t0 = time.monotonic()
    with Store(db, write=True) as st:
        summary = ingest([folder], st, settings)
    return time.monotonic() - t0, summary.pages, len(summary.failed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args()
    files = source_pdfs()[: args.limit]
    if not files:
        print("SKIP: no PDFs under ../shared/data")
        return
    tmp = tempfile.mkdtemp(prefix="litmap-bench-dask-")
    try:
        folder = os.path.join(tmp, "papers")
        os.makedirs(folder)
        for p in files:
            os.link(p, os.path.join(folder, os.path.basename(p)))
        rates = {}
        for executor, jobs in (("dask", 1), ("dask", 2), ("local", 1), ("local", 2)):
            load = os.getloadavg()[0]
            wall, pages, failed = one(folder, os.path.join(tmp, f"{executor}{jobs}.db"), executor, jobs, args.timeout)
            rates[(executor, jobs)] = pages / wall
            print(f"{executor:5s} workers={jobs}: {pages} pages in {wall:6.1f} s = {pages / wall:5.1f} pages/s "
                  f"({failed} failed; load avg before {load:.1f})")
        for executor in ("dask", "local"):
            print(f"{executor} speedup 2 vs 1 workers: {rates[(executor, 2)] / rates[(executor, 1)]:.2f}x")
        print(f"{len(files)} PDFs, {os.cpu_count()} cores")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
