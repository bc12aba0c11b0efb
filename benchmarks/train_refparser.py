"""Train the reference-string CRF shipped as ``litmap/data/refparser.crfsuite``.

    .venv/bin/python benchmarks/train_refparser.py [--data ../shared/data] [--out litmap/data/refparser.crfsuite]
    .venv/bin/python benchmarks/train_refparser.py --cv 5 [--fold-models DIR]   # EXCITE in training, k-fold by document
    .venv/bin/python benchmarks/train_refparser.py --extra parscit-dev,grobid-eval --exclude-untuned --out /tmp/x.crfsuite

The default rebuilds the shipped model byte for byte (training is
deterministic: a fixed shuffle, L-BFGS).  ``--extra`` adds labelled
sources it does not use (AnyStyle ``ugly.xml`` and ``bad.xml``, GROBID's
two evaluation files, the ParsCit humanities dev half); none of them, alone
or together, was better on every gold set (issue 17, docs/references.md),
so the shipped model stays as it was.  ``--exclude-untuned`` also keeps the
never-tuned gold strings out (see :func:`_held_out_strings`).

Training data (read from the shared data folder, never copied into the
repository):

* AnyStyle ``core.xml`` and ``good.xml`` (BSD-2-Clause), minus every string
  that also occurs in ``gold.xml`` — gold.xml is held out for evaluation;
* GROBID's citation training corpus (annotations CC-BY 4.0), every
  ``<bibl>`` in ``grobid_citation/corpus`` except the held-out slice: every
  10th file by sorted file name, starting with the first (47 of 468 files,
  525 distinct strings), held out by file so test strings do not share a
  reference list with training strings; a held-out string that another
  training file repeats is dropped from training too.

EXCITE ``refs_segmented`` (local-use gold) is *not* in the shipped model:
``--excite`` adds it, and ``--cv K`` measures what it brings on documents a
model never saw — the 50 documents split into K folds, each fold parsed by a
model trained on the other folds + AnyStyle + GROBID.  Measured (5 folds,
hybrid): micro F1 0.911 / 69.5% exactly right, against 0.910 / 68.9% for
the shipped model that never saw EXCITE, which scores higher on the CC BY
and AnyStyle held-out sets (0.956 vs 0.950, 0.940 vs 0.938 for a model
trained with EXCITE).  So the shipped model stays free of local-use data and
EXCITE stays a held-out test set for ``eval_references.py``.

Gold sets scored by ``eval_references.py`` and never trained on (their
strings are excluded from every source): AnyStyle ``gold.xml``, the CC BY
gold references, the held-out GROBID slice, and EXCITE (see above).  JOSS
``paper.bib`` (``eval_joss_references.py``) is end-to-end gold, not strings.  L1+L2 regularisation keeps
the model small (< 3 MB).
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from litmap.parse.references import crf as refparse_crf  # noqa: E402
from litmap.parse.references.crf import LABELS, features, model_path, tokenise  # noqa: E402

_ANYSTYLE_MAP = {
    "author": "author", "editor": "editor", "translator": "editor", "date": "year",
    "title": "title", "journal": "container", "container-title": "container",
    "volume": "volume", "pages": "pages", "publisher": "publisher", "location": "place",
    "doi": "doi", "url": "url", "edition": "edition", "citation-number": "num",
}
_TEI = "{http://www.tei-c.org/ns/1.0}"


def _norm(s: str) -> str:
    return re.sub(r"\W+", "", s).lower()


def _to_example(pieces: list[tuple[str, str]]) -> Optional[tuple[list[dict], list[str]]]:
    """(text, label) pieces → features and per-token labels."""
    text = ""
    spans: list[tuple[int, int, str]] = []
    for piece, label in pieces:
        if not piece:
            continue
        if text and not text.endswith(" ") and not piece.startswith(" ") and label != "O":
            text += " " if re.match(r"\w", piece) and re.search(r"\w$", text) else ""
        spans.append((len(text), len(text) + len(piece), label))
        text += piece
    text_tokens = tokenise(text)
    if len(text_tokens) < 2:
        return None
    labels = []
    for _, s, e in text_tokens:
        lab = "O"
        for a, b, label in spans:
            if a <= s < b:
                lab = label
                break
        labels.append(lab)
    if all(lab == "O" for lab in labels):
        return None
    return features(text_tokens), labels


def anystyle_examples(path: Path, exclude: set[str]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    for seq in ET.parse(path).getroot().iter("sequence"):
        pieces = [((c.text or "").strip(), _ANYSTYLE_MAP.get(c.tag, "other")) for c in seq]
        raw = " ".join(p for p, _ in pieces if p)
        if _norm(raw) in exclude:
            continue
        out: list[tuple[str, str]] = []
        for p, lab in pieces:
            if out:
                out.append((" ", "O"))
            out.append((p, lab))
        yield raw, out


def _grobid_label(el: ET.Element) -> str:
    tag = el.tag.replace(_TEI, "")
    if tag == "title":
        level = el.get("level", "a")
        return {"a": "title", "j": "container", "m": "title", "s": "other"}.get(level, "title")
    if tag == "biblScope":
        unit = (el.get("unit") or el.get("type") or "").lower()
        return {"vol": "volume", "volume": "volume", "issue": "issue", "pp": "pages", "page": "pages", "pages": "pages"}.get(unit, "other")
    if tag == "idno":
        return "doi" if (el.get("type") or "").upper() == "DOI" else "other"
    if tag == "ptr":
        return "url"
    return {"author": "author", "editor": "editor", "date": "year", "publisher": "publisher", "pubPlace": "place", "label": "num"}.get(tag, "other")


GROBID_HOLDOUT_EVERY = 10  # every 10th corpus file (sorted by name, from the first) is held out


def grobid_files(folder: Path, held_out: bool) -> list[Path]:
    """The GROBID corpus files of the training part or of the held-out slice.

    The split is by file (one file is one source document or journal), so
    held-out strings are not near-copies of training strings from the same
    reference list."""
    files = sorted(folder.glob("*.xml"))
    return [p for i, p in enumerate(files) if (i % GROBID_HOLDOUT_EVERY == 0) == held_out]


def grobid_examples(
    folder: Path, held_out: bool = False, every_file: bool = False
) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    for path in sorted(folder.glob("*.xml")) if every_file else grobid_files(folder, held_out):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        for bibl in root.iter():
            if bibl.tag.replace(_TEI, "") != "bibl":
                continue
            # A level-"m" title next to a level-"a" one is the book a chapter is in.
            has_article_title = any(
                c.tag.replace(_TEI, "") == "title" and c.get("level", "a") == "a" for c in bibl
            )
            pieces: list[tuple[str, str]] = [(bibl.text or "", "O")]
            for child in bibl:
                label = _grobid_label(child)
                if label == "title" and has_article_title and child.get("level") == "m":
                    label = "container"
                pieces.append(("".join(child.itertext()), label))
                pieces.append((child.tail or "", "O"))
            pieces = [(re.sub(r"\s+", " ", p), lab) for p, lab in pieces]
            raw = "".join(p for p, _ in pieces).strip()
            if raw:
                yield raw, pieces


_EXCITE_MAP = {
    "author": "author", "editor": "editor", "year": "year", "title": "title", "source": "container",
    "volume": "volume", "issue": "issue", "fpage": "pages", "lpage": "pages", "publisher": "publisher", "url": "url",
}
_EXCITE_TAGS = "author|surname|given-names|editor|year|title|source|volume|issue|fpage|lpage|publisher|url|identifier|other"
_NOT_PLACE = re.compile(r"\d|\b(?:et al|paper|report|manuscript|mimeo|online|url|thesis|dissertation|press|series|project|university|institut\w*)\b", re.I)


def _excite_label(el: ET.Element, text: str) -> str:
    if el.tag == "identifier":
        return "doi" if text.strip().startswith("10.") else "other"
    if el.tag == "other":
        # EXCITE tags the place of publication "other"; litmap reads it as place.
        if re.fullmatch(r"\s*et al\.?\s*", text):
            return "author"
        words = text.split()
        return "place" if 0 < len(words) <= 4 and text.strip()[:1].isupper() and not _NOT_PLACE.search(text) else "other"
    return _EXCITE_MAP.get(el.tag, "other")


def excite_documents(folder: Path) -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
    """EXCITE ``refs_segmented``: document id → (raw, pieces) per reference."""
    docs: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {}
    for path in sorted(folder.glob("*.xml")):
        refs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            # The files leave "&" and "<" in text unescaped (as eval_references reads them).
            fixed = re.sub(r"&(?!(?:amp|lt|gt|quot|apos|#\d+);)", "&amp;", line)
            fixed = re.sub(rf"<(?!/?(?:{_EXCITE_TAGS})\b)", "&lt;", fixed)
            try:
                root = ET.fromstring(f"<r>{fixed}</r>")
            except ET.ParseError:
                continue
            pieces: list[tuple[str, str]] = [(root.text or "", "O")]
            for child in root:
                text = "".join(child.itertext())
                pieces.append((text, _excite_label(child, text)))
                pieces.append((child.tail or "", "O"))
            pieces = [(re.sub(r"\s+", " ", p), lab) for p, lab in pieces]
            raw = re.sub(r"\s+", " ", "".join(p for p, _ in pieces)).strip()
            if raw and len(root):
                refs.append((raw, pieces))
        docs[path.stem] = refs
    return docs


def _held_out_strings(data: Path, untuned: bool = False, excite: bool = True) -> set[str]:
    """Normalised strings no model may train on: AnyStyle gold.xml, CC BY
    gold, the held-out GROBID slice (also where another file repeats them).
    With ``untuned`` also the strings of the never-tuned sets (ParsCit
    humanities test half and computer science, JATS) and, unless
    ``excite`` is False, EXCITE's: the shipped model's sources hold 972 of
    the 1,055 ParsCit computer-science strings (GROBID's corpus; 699 also
    in AnyStyle core/good) and 72 of the 140 humanities test-half strings."""
    out: set[str] = set()
    corpus = data / "references" / "grobid_citation" / "corpus"
    if corpus.exists():
        out |= {_norm(raw) for raw, _ in grobid_examples(corpus, held_out=True)}
    gold = data / "references" / "anystyle" / "gold.xml"
    if gold.exists():
        out |= {_norm(" ".join((c.text or "").strip() for c in s)) for s in ET.parse(gold).getroot().iter("sequence")}
    for path in sorted((data / "pdfs" / "urban_studies_cc_by").glob("*.gold.json")):
        out |= {_norm(r["raw"]) for r in json.loads(path.read_text(encoding="utf-8"))["references"]}
    if not untuned:
        return out
    # The never-tuned sets (ParsCit humanities test half and computer science,
    # JATS) and EXCITE stay out of training even where another source repeats a string.
    from gold_untuned import load_jats_mixed, load_parscit  # noqa: PLC0415

    for name, golds in load_parscit(data):
        if "dev half" not in name and "both halves" not in name:
            out |= {_norm(g.raw) for g in golds}
    out |= {_norm(g.raw) for g in load_jats_mixed(data)}
    if excite and (data / "excite" / "refs_segmented").exists():
        out |= {_norm(raw) for refs in excite_documents(data / "excite" / "refs_segmented").values() for raw, _ in refs}
    return out


_PARSCIT_MAP = {
    "author": "author", "editor": "editor", "date": "year", "title": "title", "journal": "container",
    "booktitle": "container", "volume": "volume", "pages": "pages", "publisher": "publisher",
    "institution": "publisher", "location": "place",
}


def parscit_dev_examples(data: Path) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """ParsCit humanities, the dev half only (``crc32 % 2 == 0`` of the
    string, as ``gold_untuned.load_parscit`` splits it): the half whose
    errors were read.  The test half and the computer-science files are
    never trained on."""
    import zlib

    from gold_untuned import _PARSCIT_GROUPS, _PARSCIT_RUN  # noqa: PLC0415

    for stem in _PARSCIT_GROUPS["humanities"]:
        path = data / "references" / "parscit" / f"{stem}.tagged.txt"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            runs = [(tag, re.sub(r"\s+", " ", text).strip()) for tag, text in _PARSCIT_RUN.findall(line)]
            runs = [(t, x) for t, x in runs if x and t != "br"]
            if len(runs) < 2:
                continue
            raw = " ".join(x for _, x in runs)
            if zlib.crc32(raw.encode("utf-8")) % 2 != 0:
                continue
            pieces: list[tuple[str, str]] = []
            for tag, text in runs:
                if pieces:
                    pieces.append((" ", "O"))
                pieces.append((text, _PARSCIT_MAP.get(tag, "other")))
            yield raw, pieces


#: Labelled sources beyond AnyStyle core/good and the GROBID corpus (``--extra``).
EXTRA_SOURCES = ("anystyle-ugly", "anystyle-bad", "grobid-eval", "parscit-dev")
#: The extra sources of the shipped model.
SHIPPED_EXTRA: tuple[str, ...] = ()


def base_sources(
    data: Path, exclude: set[str], extra: tuple[str, ...] = SHIPPED_EXTRA
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The training strings: AnyStyle ``core.xml`` + ``good.xml`` and the
    GROBID corpus, plus the ``extra`` sources named in :data:`EXTRA_SOURCES`
    (AnyStyle ``ugly.xml``/``bad.xml``, GROBID's two evaluation files —
    every one of their strings repeats a corpus string, so they change only
    the shuffled order —, the ParsCit humanities dev half)."""
    refs = data / "references"
    sources: list[tuple[str, list[tuple[str, str]]]] = []
    names = ["core.xml", "good.xml"] + [f"{x.split('-')[1]}.xml" for x in extra if x.startswith("anystyle-")]
    for name in names:
        if (refs / "anystyle" / name).exists():
            sources += list(anystyle_examples(refs / "anystyle" / name, exclude))
    if (refs / "grobid_citation" / "corpus").exists():
        sources += list(grobid_examples(refs / "grobid_citation" / "corpus"))
    if "grobid-eval" in extra and (refs / "grobid_citation" / "evaluation").exists():
        sources += list(grobid_examples(refs / "grobid_citation" / "evaluation", every_file=True))
    if "parscit-dev" in extra:
        sources += list(parscit_dev_examples(data))
    return sources


def train(
    sources: list[tuple[str, list[tuple[str, str]]]], exclude: set[str], out: Path, params: dict, quiet: bool = False
) -> int:
    """Train on ``sources`` (minus ``exclude`` and duplicates) into ``out``; returns the example count."""
    import pycrfsuite  # noqa: PLC0415

    trainer = pycrfsuite.Trainer(verbose=False)
    seen: set[str] = set()
    n = 0
    order = list(sources)
    random.Random(0).shuffle(order)
    for raw, pieces in order:
        key = _norm(raw)
        if key in seen or key in exclude:
            continue
        seen.add(key)
        ex = _to_example(pieces)
        if ex is None:
            continue
        assert all(lab in LABELS for lab in ex[1]), ex[1]
        trainer.append(*ex)
        n += 1
    trainer.set_params({**params, "feature.possible_transitions": True, "feature.minfreq": 2})
    t = time.time()
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    if not quiet:
        print(f"trained on {n} references in {time.time() - t:.0f}s → {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return n


def cross_validate(data: Path, k: int, params: dict, fold_dir: Optional[Path] = None) -> int:
    """EXCITE field figures, k-fold by document: each fold is parsed (hybrid
    and CRF) with a model trained on the other folds + AnyStyle + GROBID.
    With ``fold_dir`` the fold models are kept there and reused on the next
    run (to re-score rule changes; delete them when the features change)."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import eval_references as ev  # noqa: PLC0415
    from litmap.parse.references.parser import Method, parse_reference  # noqa: PLC0415

    docs = excite_documents(data / "excite" / "refs_segmented")
    if not docs:
        print("no EXCITE refs_segmented; nothing to cross-validate")
        return 1
    held_out = _held_out_strings(data)
    base = base_sources(data, held_out)
    ids = sorted(docs)
    methods: tuple[Method, ...] = ("hybrid", "crf")
    totals = {m: ev.Score() for m in methods}
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = fold_dir or Path(tmp_dir)
        tmp.mkdir(parents=True, exist_ok=True)
        for fold in range(k):
            test_ids = [d for i, d in enumerate(ids) if i % k == fold]
            golds = [g for d in test_ids for g in ev._excite_doc_golds(data, d) if g.fields]
            # The fold's strings stay out of training even where another document repeats them.
            exclude = held_out | {_norm(g.raw) for g in golds}
            train_src = base + [r for d in ids if d not in test_ids for r in docs[d]]
            path = tmp / f"fold{fold}of{k}.crfsuite"
            t = time.time()
            n = 0 if fold_dir and path.exists() else train(train_src, exclude, path, params, quiet=True)
            refparse_crf.use_model(path)
            try:
                for m, total in totals.items():
                    sc = ev.score(golds, functools.partial(parse_reference, method=m))
                    for d in ("tp", "fp", "fn"):
                        for f, v in getattr(sc, d).items():
                            getattr(total, d)[f] += v
                    total.n += sc.n
                    total.exact += sc.exact
            finally:
                refparse_crf.use_model(None)
            trained = f"trained on {n} in {time.time() - t:.0f}s" if n else f"model reused from {path}"
            print(f"fold {fold + 1}/{k}: {len(test_ids)} documents, {len(golds)} references held out; {trained}", flush=True)
    for m, total in totals.items():
        ev.report_fields(f"EXCITE refs_segmented, {k}-fold by document [{m}]", total)
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--out", type=Path, default=model_path())
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--c1", type=float, default=0.5)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--excite", action="store_true", help="also train on EXCITE refs_segmented (not in the shipped model)")
    ap.add_argument("--extra", default=",".join(SHIPPED_EXTRA),
                    help=f"comma-separated extra sources of {', '.join(EXTRA_SOURCES)} ('' for none: the model before issue 17)")
    ap.add_argument("--exclude-untuned", action="store_true",
                    help="also keep the never-tuned gold strings (ParsCit test half and computer science, JATS, EXCITE) out of training")
    ap.add_argument("--cv", type=int, metavar="K", help="print EXCITE k-fold-by-document figures instead of training the shipped model")
    ap.add_argument("--fold-models", type=Path, help="with --cv: keep the fold models here and reuse them")
    args = ap.parse_args(argv)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    if not (args.data / "references").exists():
        print(f"no training data under {args.data / 'references'}")
        return 1
    if args.cv:
        return cross_validate(args.data, args.cv, params, args.fold_models)
    held_out = _held_out_strings(args.data, untuned=args.exclude_untuned, excite=not args.excite)
    extra = tuple(x.strip() for x in args.extra.split(",") if x.strip())
    unknown = sorted(set(extra) - set(EXTRA_SOURCES))
    if unknown:
        ap.error(f"unknown --extra source(s) {', '.join(unknown)}; choose from {', '.join(EXTRA_SOURCES)}")
    sources = base_sources(args.data, held_out, extra)
    n_base = len(sources)
    if args.excite and (args.data / "excite" / "refs_segmented").exists():
        sources += [r for refs in excite_documents(args.data / "excite" / "refs_segmented").values() for r in refs]
    print(f"{n_base} AnyStyle/GROBID + {len(sources) - n_base} EXCITE references before de-duplication")
    train(sources, held_out, args.out, params)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
