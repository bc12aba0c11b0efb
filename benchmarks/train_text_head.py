"""Train and score the text-head line labeller shipped as ``litmap/data/text_head_model.json``.

    .venv/bin/python benchmarks/train_text_head.py [--data ../shared/data]            # train on the tune half, score
    .venv/bin/python benchmarks/train_text_head.py --write                             # ... and write the model

Recipe:

* Data: GROBID's header training annotations (``references/grobid_header``: ``main_corpus``, ``main_eval``,
  ``article_light_*``; kermitt2/grobid, annotations CC-BY 4.0), read from the shared data folder, never
  copied into the repository.  Each file's ``<front>`` is cut into lines at ``<lb/>``; a line takes the label
  of the element holding most of its characters: ``titlePart`` → title, ``docAuthor`` → author,
  ``affiliation``/``address`` → affiliation, anything else (journal, dates, e-mail, abstract, keywords, …)
  → other.  The first :data:`litmap.parse.text_head_model.MAX_LINES` lines of each file are one sequence.
* Split: sha1 of the file's base name, first 8 hex digits odd → held out (scored, never trained on), even →
  tune (trained on).  Only the tune half is trained on, in the shipped model too.
* Model: linear-chain CRF (python-crfsuite, L-BFGS, c1=0.05, c2=0.01, 200 iterations) over
  :func:`litmap.parse.text_head_model.sequence_features`; weights under |w| < 1e-4 dropped, the rest
  written rounded to 4 decimals as JSON (labelling then needs no CRF library).
* Score on the held-out half: title exact after :func:`litmap.parse.names.normalise_title`, and first
  author (the family name read is one of the words of the first ``docAuthor`` name, before its first
  separator), for the rules alone ("Title:" lines, then the head read back from "Abstract"), the model alone
  (:func:`litmap.parse.text_head_model.head_fields`), and "hybrid", what litmap ships: the rules, and the
  model where they read no title (its authors, else the rules').

Measured (this script, tune 760 / held out 732 heads): rules 23.2% titles / 34.2% first authors, model
69.4% / 78.0% (95.2% of lines labelled right), hybrid 64.5% / 76.3%.  The model alone lost titles on the
spent gentrification texts (17 vs 19 of 34, ``eval_header.py --sets fresh``), hence the hybrid.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from litmap.models import Metadata  # noqa: E402
from litmap.parse.metadata_text import _labelled, _rules_header  # noqa: E402
from litmap.parse.names import normalise_surname, normalise_title  # noqa: E402
from litmap.parse.text_head_model import (LABELS, MAX_LINES, HeadModel, head_fields, model_path,  # noqa: E402
                                          sequence_features)

DEFAULT_DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
_TAGS = {"titlePart": "title", "docAuthor": "author", "affiliation": "affiliation", "address": "affiliation"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_tei(path: str) -> tuple[list[str], list[str], str, str]:
    """Lines, their labels, the gold title and the first docAuthor's text of one annotated header."""
    root = ET.parse(path).getroot()
    front = next((e for e in root.iter() if _local(e.tag) == "front"), None)
    lines: list[str] = []
    labels: list[str] = []
    cur: list[tuple[str, str]] = []
    title_parts: list[str] = []
    authors: list[str] = []

    def flush() -> None:
        text = " ".join("".join(s for s, _ in cur).split())
        if text:
            share: dict[str, int] = {}
            for s, lab in cur:
                share[lab] = share.get(lab, 0) + len(s.strip())
            lines.append(text)
            labels.append(max(share, key=lambda k: share[k]))
        cur.clear()

    def walk(el: ET.Element, label: str) -> None:
        if el.text:
            cur.append((el.text, label))
        for child in el:
            name = _local(child.tag)
            if name == "lb":
                flush()
            else:
                walk(child, _TAGS.get(name, label) if label == "other" else label)
            if child.tail:
                cur.append((child.tail, label))

    if front is None:
        return [], [], "", ""
    walk(front, "other")
    flush()
    for e in front.iter():
        if _local(e.tag) == "titlePart" and e.get("type", "main") == "main" and not title_parts:
            title_parts.append(" ".join("".join(e.itertext()).split()))
        if _local(e.tag) == "docAuthor":
            authors.append(" ".join("".join(e.itertext()).split()))
    return lines, labels, title_parts[0] if title_parts else "", authors[0] if authors else ""


def held_out(path: str) -> bool:
    return int(hashlib.sha1(os.path.basename(path).encode()).hexdigest()[:8], 16) % 2 == 1


def load(data: str) -> list[tuple[str, list[str], list[str], str, str]]:
    out = []
    for path in sorted(glob.glob(os.path.join(data, "references", "grobid_header", "*", "*.tei.xml"))):
        try:
            lines, labels, title, author = read_tei(path)
        except ET.ParseError:
            continue
        if lines:
            out.append((path, lines[:MAX_LINES], labels[:MAX_LINES], title, author))
    return out


def _first_author_words(text: str) -> set[str]:
    first = re.split(r",|;|\band\b|&|\n", text)[0]
    return {normalise_surname(w) for w in re.findall(r"[^\W\d_][\w'’\-]*", first)}


def train(docs: list, c1: float = 0.05, c2: float = 0.01, iters: int = 200) -> HeadModel:
    import pycrfsuite  # noqa: PLC0415

    trainer = pycrfsuite.Trainer(verbose=False)
    for _, lines, labels, _, _ in docs:
        trainer.append([{k: v for k, v in f.items()} for f in sequence_features(lines)], labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "m.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
    state: dict[str, dict[str, float]] = {}
    for (attr, lab), w in info.state_features.items():
        if abs(w) >= 1e-4:
            state.setdefault(attr, {})[lab] = round(w, 4)
    trans: dict[str, dict[str, float]] = {}
    for (a, b), w in info.transitions.items():
        trans.setdefault(a, {})[b] = round(w, 4)
    return HeadModel([lab for lab in LABELS], state, trans)


def score(docs: list, model: HeadModel, mode: str, verbose: bool = False) -> dict[str, list[int]]:
    c = {"title": [0, 0], "author": [0, 0], "lines": [0, 0]}
    for path, lines, labels, gold_title, gold_author in docs:
        head = "\n".join(lines)
        rules = _labelled(lines) if mode != "model" else Metadata()
        if mode != "model" and not rules.title:
            rules = _rules_header(lines)
        title, authors = rules.title, rules.authors
        if mode == "model" or (mode == "hybrid" and not title):
            # "hybrid" is what litmap ships (metadata_text._text_header): the labeller where the rules read no title.
            title, learned = head_fields(head, model)
            authors = learned or authors
            got = model.tag(sequence_features(lines))
            c["lines"][0] += sum(a == b for a, b in zip(got, labels))
            c["lines"][1] += len(labels)
        if gold_title:
            ok = normalise_title(title) == normalise_title(gold_title)
            c["title"][0] += ok
            c["title"][1] += 1
            if verbose and not ok:
                print("T", os.path.basename(path), repr(title)[:80], "||", gold_title[:80])
        if gold_author:
            ok = bool(authors) and normalise_surname(authors[0].family) in _first_author_words(gold_author)
            c["author"][0] += ok
            c["author"][1] += 1
            if verbose and not ok:
                print("A", os.path.basename(path), authors[:1], "||", gold_author[:60])
    return c


def _fmt(c: dict[str, list[int]]) -> str:
    return "  ".join(f"{k} {a}/{n} = {100 * a / n:.1f}%" for k, (a, n) in c.items() if n)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--write", action="store_true", help=f"write the model to {model_path()}")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    docs = load(args.data)
    if not docs:
        print("no GROBID header data under", args.data)
        return 0
    tune = [d for d in docs if not held_out(d[0])]
    test = [d for d in docs if held_out(d[0])]
    print(f"{len(docs)} annotated heads: {len(tune)} tune (trained on), {len(test)} held out")
    model = train(tune, args.c1, args.c2)
    for mode in ("rules", "model", "hybrid"):
        print(f"held out, {mode}:", _fmt(score(test, model, mode, args.verbose)))
    if args.write:
        data = {"labels": list(model.labels), "state": model.state, "transitions": model.trans,
                "trained_on": "GROBID header annotations (CC-BY 4.0), tune half by sha1 of file name",
                "recipe": "benchmarks/train_text_head.py --write"}
        model_path().write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                                encoding="utf-8")
        print("wrote", model_path(), os.path.getsize(model_path()), "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
