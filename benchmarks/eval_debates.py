"""Evaluate which papers litmap lists as engaging each debate against hand judgements.

The gold file (benchmarks/gold/debate_engagement.jsonl) holds one line per
real paper under the shared data folder: ``file`` (relative to it),
``split`` (``tune`` or ``heldout``: by paper, SHA-1 parity of the file name,
the two stored copies of one article (Paper22/Paper23) kept together),
``kind`` (``gis-methods``, ``urban`` or ``seed``) and ``engages``: the
debates of the default lexicon the paper engages, each with a one-line
reason from its abstract or introduction.  Every other debate of the
lexicon was judged *not* engaged, so each paper gives one judgement per
debate (73 papers x 13 debates).  The scanned Davidson PDF was left out:
its OCR text starts in the reference list, so its abstract could not be read.
Rows added later carry ``batch`` (``wave5``: 81 EXCITE social-science, JOSS
and pdfs/misc papers, all ``heldout``, kind ``social-science``,
``gis-methods`` or ``other``; ``doubtful`` notes where the annotator
hesitated, for a debate judged engaged or not); rows without it are batch
``original``.  ``--batch`` scores one batch (default ``original``, as before
wave 5, so the wave-5 rows stay unscored and unprinted unless asked for); for
``wave5`` or ``all`` the store holds every gold paper, so the batch is judged
inside the whole mixed corpus.  Files whose
names clash (JOSS ``paper.pdf``) are copied and matched under their path
with ``/`` replaced by ``__``.

The papers must be in a litmap store: ``--db`` names one (a store of the
mixed folder plus the extra gentrification texts, see docs/debates.md);
without it the gold files are copied into a temporary folder and ingested
(a few minutes).  Documents are matched to gold lines by file name.

Usage::

    python benchmarks/eval_debates.py [--db STORE] [--data ../shared/data] [--split tune|heldout|all]
        [--batch original|wave5|all] [--errors]

Reports engagement precision and recall (micro over paper x debate pairs,
and per debate), the GIS-methods papers listed as engaging a rescaling
debate, and whether the seed texts lead the debates they are about.
Skips cleanly (exit status 0, a message) when the data folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOLD = Path(__file__).with_name("gold") / "debate_engagement.jsonl"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RESCALING = ("state-rescaling", "new-state-spaces", "scale-politics", "city-regionalism", "assemblage",
             "territory-relational")


def _names(rows: list[dict]) -> dict[str, str]:
    """The file name each gold file has in the store: its own, or its path flattened where names clash."""
    count: dict[str, int] = defaultdict(int)
    for r in rows:
        count[Path(r["file"]).name] += 1
    return {r["file"]: Path(r["file"]).name if count[Path(r["file"]).name] == 1 else r["file"].replace("/", "__")
            for r in rows}


def _build_store(data: Path, rows: list[dict], folder: Path) -> Path:
    from litmap.batch.ingest import IngestSettings, ingest
    from litmap.batch.works import resolve_corpus_works
    from litmap.store.db import Store

    src = folder / "in"
    src.mkdir()
    names = _names(rows)
    for r in rows:
        shutil.copy(data / r["file"], src / names[r["file"]])
    db = folder / "gold.db"
    with Store(str(db), write=True) as store:
        ingest([str(src)], store, IngestSettings())
        resolve_corpus_works(store)
    return db


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="a litmap store holding the gold papers (matched by file name)")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--split", default="all", choices=("tune", "heldout", "all"))
    ap.add_argument("--batch", default="original",
                    help="score only this batch of gold rows: 'original' (rows without one; the default), 'wave5' or "
                         "'all'; for any but 'original' the store holds every gold paper")
    ap.add_argument("--errors", action="store_true", help="list every wrong judgement")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.is_dir():
        print(f"skipped: shared data folder {data} not found")
        return 0
    every = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = _names(every)
    rows = [r for r in every if args.batch == "all" or r.get("batch", "original") == args.batch]
    if not rows:
        print(f"no gold rows in batch {args.batch!r}")
        return 1

    from litmap.analyse.concepts import load_lexicon
    from litmap.store.corpusdata import load_corpus_data
    from litmap.analyse.debates.data import load_debate_inputs, text_memos
    from litmap.analyse.debates.maps import DebateSettings, debate_maps_from_inputs

    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.mkdtemp(prefix="litmap-eval-debates-")
        db = str(_build_store(data, rows if args.batch == "original" else every, Path(tmp)))
    try:
        lexicon = load_lexicon()
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        inputs = load_debate_inputs(conn, lexicon, memos=text_memos(conn, lexicon))
        # One article in two files (Paper22/Paper23) is one paper: litmap counts it from one file, and the
        # other file's gold line is judged by that paper's listing.
        kept = {c: w.document_id for w in load_corpus_data(conn).works.values() for c in w.copies}
        by_name = {os.path.basename(path): kept.get(pid, pid) for pid, path in
                   conn.execute("SELECT id, path FROM documents WHERE removed_at IS NULL")}
        maps = debate_maps_from_inputs(inputs, lexicon, DebateSettings())
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    engaged = {m.id: [e.paper_id for e in m.papers] for m in maps}
    evidence = {(m.id, e.paper_id): e for m in maps for e in m.papers}
    debates = sorted(lexicon.debates)
    splits = ("tune", "heldout") if args.split == "all" else (args.split,)
    missing = [r["file"] for r in rows if names[r["file"]] not in by_name]
    if missing:
        print(f"{len(missing)} gold paper(s) not in the store (left out): {', '.join(missing[:5])}")
    for split in splits + (("all",) if args.split == "all" else ()):
        use = [r for r in rows if (split == "all" or r["split"] == split) and names[r["file"]] in by_name]
        tp = fp = fn = 0
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        errors = []
        for r in use:
            pid = by_name[names[r["file"]]]
            for d in debates:
                gold = d in r["engages"]
                got = pid in engaged.get(d, ())
                if gold and got:
                    tp += 1
                    per[d][0] += 1
                elif got:
                    fp += 1
                    per[d][1] += 1
                    e = evidence[(d, pid)]
                    errors.append(f"  FP {d:26s} {r['file']}  (score {e.score}, density {e.density}: "
                                  + ", ".join(f"{t} {n}" for t, n in e.terms[:5]) + ")")
                elif gold:
                    fn += 1
                    per[d][2] += 1
                    errors.append(f"  FN {d:26s} {r['file']}  ({r['engages'][d]})")
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / (tp + fn) if tp + fn else 1.0
        print(f"{split}: {len(use)} papers x {len(debates)} debates: precision {p:.3f} recall {rc:.3f} "
              f"(tp {tp}, fp {fp}, fn {fn})")
        for d in debates:
            a, b, c = per[d]
            if a + b + c:
                print(f"    {d:26s} P {a / (a + b) if a + b else 1:.2f} R {a / (a + c) if a + c else 1:.2f}  "
                      f"(tp {a}, fp {b}, fn {c})")
        if args.errors:
            print("\n".join(errors))
    gis = {by_name[names[r["file"]]] for r in rows if r["kind"] == "gis-methods" and names[r["file"]] in by_name}
    listed = [(d, pid) for d in RESCALING for pid in engaged.get(d, ()) if pid in gis]
    print(f"GIS-methods papers listed as engaging a rescaling debate: {len(listed)}")
    seeds = {names[r["file"]]: r for r in rows if r["kind"] == "seed"}
    for name, r in sorted(seeds.items()):
        if name not in by_name:
            continue
        pid = by_name[name]
        ranks = {d: (engaged[d].index(pid) + 1 if pid in engaged.get(d, ()) else None) for d in r["engages"]}
        print(f"seed {name}: rank among engaging papers " + ", ".join(f"{d} {k}" for d, k in ranks.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
