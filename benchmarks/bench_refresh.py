"""Full run on N papers, then add 5 papers and refresh: both times and the ratio.

    .venv/bin/python benchmarks/bench_refresh.py [--synthetic N] [--command ingest|run] [--jobs J] [--stages]
    .venv/bin/python benchmarks/bench_refresh.py --rss-files 2000   # coordinator peak RSS

Default corpus: the PDFs under ../shared/data (excite, geography, urban_studies;
about 90); ``--synthetic N`` replicates them with a byte tweak to reach N
(the issue's goal: refresh after +5 papers ≤ 5% of the full run on 500).
The first 5 PDFs are held back and added for the refresh.  ``--command run``
times `litmap run --no-topics` (ingest + works + networks + report);
``--command ingest`` times `litmap ingest`.  ``--stages`` (with ``--command
run``) runs the +5 refresh through the same pipeline in a child process that
prints where its seconds go (ingest, works, each report step), from the
pipeline's progress events.

``--rss-files N`` instead ingests N generated small text files in-process
(2 workers) and prints the coordinator's peak RSS: the per-1,000-document
memory figure in docs/scale.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _corpus import ROOT, build, source_pdfs  # noqa: E402

LITMAP = [os.path.join(ROOT, ".venv", "bin", "litmap")]


def timed(cmd: list[str]) -> float:
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1: some files failed (counted, not fatal)
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return time.monotonic() - t0


def command(kind: str, folder: str, db: str, out: str, jobs: int) -> list[str]:
    common = ["--db", db, "--jobs", str(jobs), "--ocr", "never" if kind == "ingest" else "auto"]
    if kind == "run":
        return LITMAP + ["run", folder, "-o", out, "--no-topics", "--db", db, "--jobs", str(jobs)]
    return LITMAP + ["ingest", folder] + common


def stage_run(db: str, folder: str, out: str, jobs: int) -> None:
    """`litmap run FOLDER -o OUT --no-topics --db DB --jobs J`, printing seconds per stage."""
    t0 = time.monotonic()
    sys.path.insert(0, ROOT)
    from litmap.batch.ingest import IngestSettings
    from litmap.pipeline import RunSettings, run_pipeline
    from litmap.store import Store

    marks = [("start", time.monotonic())]

    def progress(ev) -> None:  # noqa: ANN001
        if ev.stage in ("works", "report") or ev.done in (0, ev.total):
            marks.append((f"{ev.stage} {ev.done}/{ev.total} {getattr(ev, 'message', '') or ''}".strip(),
                           time.monotonic()))

    with Store(db, write=True) as st:
        run_pipeline([folder], st, out, RunSettings(ingest=IngestSettings(jobs=jobs), topics=False), progress)
    marks.append(("end", time.monotonic()))
    print(f"  {marks[0][1] - t0:6.2f} s  start-up (imports)")
    for (a, ta), (b, tb) in zip(marks, marks[1:]):
        if tb - ta >= 0.05:
            print(f"  {tb - ta:6.2f} s  {a} -> {b}")


def refresh_bench(args: argparse.Namespace) -> None:
    files = source_pdfs()
    if not files:
        print("SKIP: no PDFs under ../shared/data")
        return
    n = args.synthetic or len(files)
    tmp = tempfile.mkdtemp(prefix="litmap-bench-refresh-")
    try:
        staged = build(os.path.join(tmp, "all"), files, n + 5)
        folder = os.path.join(tmp, "papers")
        os.makedirs(folder)
        held, first = staged[:5], staged[5:]
        for p in first:
            os.link(p, os.path.join(folder, os.path.basename(p)))
        db, out = os.path.join(tmp, "store.db"), os.path.join(tmp, "report")
        full = timed(command(args.command, folder, db, out, args.jobs))
        noop = timed(command(args.command, folder, db, out, args.jobs))
        for p in held:
            os.link(p, os.path.join(folder, os.path.basename(p)))
        if args.stages and args.command == "run":
            t0 = time.monotonic()
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--stage-run", db, folder, out,
                                   str(args.jobs)], capture_output=True, text=True)
            refresh = time.monotonic() - t0
            stages = proc.stdout
        else:
            refresh, stages = timed(command(args.command, folder, db, out, args.jobs)), ""
        size = os.path.getsize(db)
        print(f"litmap {args.command}, {n} papers, jobs={args.jobs}")
        print(f"full run        {full:8.1f} s")
        print(f"no-op refresh   {noop:8.1f} s   ({100 * noop / full:.1f}% of full)")
        print(f"+5 papers       {refresh:8.1f} s   ({100 * refresh / full:.1f}% of full; goal <= 5% at 500)")
        print(f"store size      {size / 1e6:8.1f} MB")
        if stages:
            print("+5 papers by stage:\n" + stages.rstrip())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def rss_bench(n: int) -> None:
    sys.path.insert(0, ROOT)
    from litmap.batch.ingest import IngestSettings, ingest
    from litmap.store import Store

    tmp = tempfile.mkdtemp(prefix="litmap-bench-rss-")
    try:
        folder = os.path.join(tmp, "papers")
        os.makedirs(folder)
        for i in range(n):
            with open(os.path.join(folder, f"paper_{i:05d}.txt"), "w", encoding="utf-8") as fh:
                fh.write(f"Paper {i} on city-regionalism\n\nIntroduction\n\n"
                         + f"As Brenner (2004) and Jonas ({1990 + i % 30}) argue, scale {i} is made. " * 40
                         + "\n\nReferences\n\nBrenner N (2004) New State Spaces. Oxford: OUP.\n"
                         + f"Jonas A ({1990 + i % 30}) Paper {i % 30}. Urban Studies {i % 50}: 1-20.\n")
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.monotonic()
        with Store(os.path.join(tmp, "s.db"), write=True) as st:
            summary = ingest([folder], st, IngestSettings(jobs=2, ocr="never"))
        wall = time.monotonic() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{len(summary.added)} text files ingested in {wall:.1f} s (jobs=2)")
        print(f"coordinator peak RSS {peak / 1024:.0f} MB (before ingest {base / 1024:.0f} MB); "
              f"store {os.path.getsize(os.path.join(tmp, 's.db')) / 1e6:.1f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=0, help="replicate the PDFs to N papers")
    ap.add_argument("--command", choices=["ingest", "run"], default="run")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rss-files", type=int, default=0, help="measure coordinator RSS on N text files instead")
    ap.add_argument("--stages", action="store_true", help="print seconds per stage of the +5 refresh")
    ap.add_argument("--stage-run", nargs=4, metavar=("DB", "FOLDER", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage_run:
        db, folder, out, jobs = args.stage_run
        stage_run(db, folder, out, int(jobs))
    elif args.rss_files:
        rss_bench(args.rss_files)
    else:
        refresh_bench(args)


if __name__ == "__main__":
    main()
