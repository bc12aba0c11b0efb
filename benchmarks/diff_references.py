"""Per-reference diffs of reference parsing between two versions of litmap.

    .venv/bin/python benchmarks/diff_references.py dump before.jsonl [--data ../shared/data]
    (change the code, or run the same command in another checkout)
    .venv/bin/python benchmarks/diff_references.py dump after.jsonl
    .venv/bin/python benchmarks/diff_references.py dump new.jsonl --model new.crfsuite   # another CRF
    .venv/bin/python benchmarks/diff_references.py compare before.jsonl after.jsonl

``dump`` parses every string of every field gold set that
``eval_references.py`` scores (CC BY, EXCITE, AnyStyle ``gold.xml``, the
GROBID held-out slice, ParsCit, JATS) with the hybrid parser of the litmap
next to this script, and writes one JSON line per reference: the set, the
string, the gold fields, the normalised prediction and the fields it gets
wrong (scored as ``eval_references.py`` scores them).  ``compare`` lists
each reference whose prediction changed, BETTER or WORSE by the number of
wrong fields (SAME-COUNT when a field went right and another wrong), with
the fields that changed and their gold, then the counts.

Reads the shared data read-only; the dumps hold gold strings, so write them
outside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_references as ev  # noqa: E402 - puts the litmap next to it on the path
from litmap.parse.references.parser import parse_reference  # noqa: E402


def _plain(v: object) -> object:
    return list(v) if isinstance(v, tuple) else v


def dump(data: Path, out: Path) -> int:
    from gold_untuned import load_jats_mixed, load_parscit  # noqa: PLC0415

    sets: list[tuple[str, list[ev.Gold], bool]] = [(n, g, False) for n, g in ev.load_ccby(data)]
    sets.append(("EXCITE refs_segmented", ev.load_excite(data), False))
    sets.append(("AnyStyle gold.xml", ev.load_anystyle(data), True))
    sets.append(("GROBID held-out slice", ev.load_grobid_heldout(data), True))
    sets += [(n, g, True) for n, g in load_parscit(data)]
    sets.append(("JATS mixed-citation", load_jats_mixed(data), False))
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for name, golds, all_name_words in sets:
            for g in golds:
                ref = parse_reference(g.raw)
                pred = ev.normalise_prediction(ref)
                if all_name_words:
                    pred["authors"] = ev._anystyle_author_key(" ".join(f"{a.family} {a.given or ''}" for a in ref.authors))
                    scored = list(g.fields)
                else:
                    scored = [f for f in ev.FIELDS if f in g.fields]
                wrong = sorted(f for f in scored if not (g.fields[f] is not None and pred[f] == g.fields[f])
                               and (g.fields[f] is not None or pred[f] is not None))
                fh.write(json.dumps({"set": name, "raw": g.raw, "wrong": wrong,
                                     "pred": {k: _plain(v) for k, v in pred.items()},
                                     "gold": {k: _plain(v) for k, v in g.fields.items()}}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} references written to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    a = [json.loads(line) for line in before.open(encoding="utf-8")]
    b = [json.loads(line) for line in after.open(encoding="utf-8")]
    if [x["raw"] for x in a] != [y["raw"] for y in b]:
        print("the two dumps hold different gold strings (other data?)")
        return 1
    counts = {"BETTER": 0, "WORSE": 0, "SAME-COUNT": 0}
    for x, y in zip(a, b):
        if x["pred"] == y["pred"]:
            continue
        kind = "BETTER" if len(y["wrong"]) < len(x["wrong"]) else "WORSE" if len(y["wrong"]) > len(x["wrong"]) else "SAME-COUNT"
        counts[kind] += 1
        print(f"{kind} [{x['set']}] {x['raw'][:200]}")
        for k in sorted(set(x["pred"]) | set(y["pred"])):
            if x["pred"].get(k) != y["pred"].get(k):
                gold = x["gold"].get(k, "(not labelled)")
                print(f"    {k}: {x['pred'].get(k)!r} -> {y['pred'].get(k)!r}   gold {gold!r}")
    print(f"changed {sum(counts.values())}: better {counts['BETTER']}, worse {counts['WORSE']}, "
          f"same number of wrong fields {counts['SAME-COUNT']}")
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="write per-reference predictions")
    d.add_argument("out", type=Path)
    d.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    d.add_argument("--model", type=Path, help="parse with this reference CRF instead of the shipped one")
    c = sub.add_parser("compare", help="list the references whose fields changed")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        if not args.data.exists():
            print(f"no evaluation data at {args.data}; skipping")
            return 0
        if args.model:
            from litmap.parse.references import crf  # noqa: PLC0415

            crf.use_model(args.model)
        return dump(args.data, args.out)
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
