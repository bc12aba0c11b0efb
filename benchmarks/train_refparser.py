"""Train the reference-string CRF shipped as ``litmap/data/refparser.crfsuite``.

    .venv/bin/python benchmarks/train_refparser.py [--data ../shared/data] [--out litmap/data/refparser.crfsuite]

Training data (openly licensed, read from the shared data folder, never
copied into the repository):

* AnyStyle ``core.xml`` and ``good.xml`` (BSD-2-Clause), minus every string
  that also occurs in ``gold.xml`` — gold.xml is held out for evaluation;
* GROBID's citation training corpus (annotations CC-BY 4.0), every
  ``<bibl>`` in ``grobid_citation/corpus``.

EXCITE, the CC BY gold files and AnyStyle ``gold.xml`` are never trained on:
``benchmarks/eval_references.py`` scores on them.  L1+L2 regularisation keeps
the model small (< 3 MB).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from litmap.parse.refparse_crf import LABELS, features, model_path, tokenise  # noqa: E402

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


def grobid_examples(folder: Path) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    for path in sorted(folder.glob("*.xml")):
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


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--out", type=Path, default=model_path())
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--c1", type=float, default=0.5)
    ap.add_argument("--c2", type=float, default=0.01)
    args = ap.parse_args(argv)
    import pycrfsuite  # noqa: PLC0415

    refs = args.data / "references"
    if not refs.exists():
        print(f"no training data under {refs}")
        return 1
    gold = refs / "anystyle" / "gold.xml"
    exclude = {_norm(" ".join((c.text or "").strip() for c in s)) for s in ET.parse(gold).getroot().iter("sequence")} if gold.exists() else set()
    sources: list[tuple[str, list[tuple[str, str]]]] = []
    for name in ("core.xml", "good.xml"):
        if (refs / "anystyle" / name).exists():
            sources += list(anystyle_examples(refs / "anystyle" / name, exclude))
    n_any = len(sources)
    if (refs / "grobid_citation" / "corpus").exists():
        sources += list(grobid_examples(refs / "grobid_citation" / "corpus"))
    seen: set[str] = set()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    random.Random(0).shuffle(sources)
    for raw, pieces in sources:
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
    print(f"training on {n} references ({n_any} AnyStyle before de-duplication, rest GROBID)")
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.possible_transitions": True, "feature.minfreq": 2})
    t = time.time()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(f"trained in {time.time() - t:.0f}s → {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
