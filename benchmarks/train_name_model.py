"""Train and score the surname letter model shipped as ``litmap/data/surname_ngrams.json``.

    .venv/bin/python benchmarks/train_name_model.py [--data ../shared/data]          # train on the tune half, score
    .venv/bin/python benchmarks/train_name_model.py --write                           # ... and write the model
    .venv/bin/python benchmarks/train_name_model.py --excite                          # score EXCITE's gold surnames once

Recipe:

* Data: the author names of AnyStyle's labelled references (``references/anystyle/{core,good,gold}.xml``,
  BSD-2-Clause) and of GROBID's citation annotations (``references/grobid_citation/{corpus,evaluation}``,
  annotations CC-BY 4.0), read from the shared data folder and parsed with litmap's own
  :func:`litmap.parse.names.reference_authors.parse_authors`.  ParsCit (licence of the data unstated) and
  the PMC JATS files (mixed licences) are not used.  Only letter counts are shipped, no names.
* Words: each family name case-folded, diacritics stripped, particles dropped, split at anything not a-z;
  words of three letters or more, each distinct word once (so a name printed often weighs as one).
* Split: sha1 of the word, first hex digit even → tune (counted into the model), odd → held out.
* Scored here, on the held-out words: the share of real words under the threshold (false alarms), and the
  share caught of synthetic OCR misreadings of them (one letter pair OCR confuses, ``rn``↔``m``,
  ``h``→``b``/``li``, ``c``↔``e`` …, as in the Harvey 1989 scan).  ``--excite`` scores EXCITE's gold
  surnames (``excite/refs_segmented``), never used to tune.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from litmap.corpus.name_plausibility import (NameModel, _words,  # noqa: E402
                                             name_doubt, name_score, word_hash)
from litmap.parse.names.reference_authors import parse_authors  # noqa: E402

DEFAULT_DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
MODEL_OUT = Path(__file__).resolve().parent.parent / "litmap" / "data" / "surname_ngrams.json"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def author_strings(data: Path) -> list[str]:
    """The author fields of the AnyStyle and GROBID labelled references."""
    out: list[str] = []
    for name in ("core.xml", "good.xml", "gold.xml"):
        path = data / "references" / "anystyle" / name
        if path.exists():
            out += [(el.text or "") for el in ET.parse(path).getroot().iter("author")]
    for sub in ("corpus", "evaluation"):
        for path in sorted((data / "references" / "grobid_citation" / sub).glob("*.xml")):
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError:
                continue
            out += ["".join(el.itertext()) for el in root.iter() if _local(el.tag) == "author"]
    return [re.sub(r"\s+", " ", s).strip() for s in out if s.strip()]


def surname_words(strings: list[str]) -> set[str]:
    words: set[str] = set()
    for s in strings:
        for a in parse_authors(s)[0]:
            if a.organisation or not a.family:
                continue
            words |= {w for w in _words(a.family) if len(w) >= 3}
    return words


def is_tune(word: str) -> bool:
    return int(hashlib.sha1(word.encode()).hexdigest()[0], 16) % 2 == 0


def train(words: set[str]) -> NameModel:
    tri: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    uni: Counter[str] = Counter()
    for w in words:
        padded = "^^" + w + "$"
        for i in range(2, len(padded)):
            tri[padded[i - 2:i + 1]] += 1
            bi[padded[i - 1:i + 1]] += 1
            uni[padded[i]] += 1
    return NameModel(dict(sorted(tri.items())), dict(sorted(bi.items())), dict(sorted(uni.items())),
                     known=frozenset(word_hash(w) for w in words))


#: Misreadings of old typefaces seen in the scans (right → read).
_SUBS = [("rn", "m"), ("m", "rn"), ("h", "b"), ("h", "li"), ("c", "e"), ("e", "c"), ("l", "t"), ("t", "l"),
         ("h", "n"), ("n", "u"), ("u", "n"), ("b", "s"), ("d", "p"), ("g", "q"), ("it", "rr"), ("ll", "l"),
         ("l", "i"), ("i", "l"), ("f", "t"), ("y", "v"), ("ch", "cu"), ("ck", "cx"), ("o", "e"), ("a", "o")]


def misread(word: str, rng: random.Random) -> str | None:
    options = [(i, a, b) for a, b in _SUBS for i in range(1, len(word)) if word.startswith(a, i)]
    if not options:
        return None
    i, a, b = rng.choice(options)
    return word[:i] + b + word[i + len(a):]


def score_words(model: NameModel, real: list[str]) -> None:
    rng = random.Random(1)
    fake = [f for f in (misread(w, rng) for w in real) if f and f not in set(real)]
    for noisy in (False, True):
        fa = [w for w in real if name_doubt(w, model, noisy=noisy)]
        hit = sum(1 for w in fake if name_doubt(w, model, noisy=noisy))
        print(f"{'noisy list' if noisy else 'any list'}: real words flagged {len(fa)}/{len(real)} "
              f"({100 * len(fa) / len(real):.2f}%), synthetic misreadings caught {hit}/{len(fake)} "
              f"({100 * hit / len(fake):.1f}%); first flagged: {', '.join(fa[:15])}")


def excite_surnames(data: Path) -> list[str]:
    out: list[str] = []
    for path in sorted((data / "excite" / "refs_segmented").glob("*.xml")):
        out += re.findall(r"<surname>(.*?)</surname>", path.read_text(encoding="utf-8"))
    return [re.sub(r"<[^>]+>", "", s).strip() for s in out if s.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--write", action="store_true", help="write the model to litmap/data")
    ap.add_argument("--excite", action="store_true", help="score EXCITE's gold surnames with the shipped model")
    args = ap.parse_args(argv)
    data = Path(args.data)
    if args.excite:
        names = excite_surnames(data)
        for noisy in (False, True):
            bad = [(n, d) for n in names if (d := name_doubt(n, noisy=noisy))]
            distinct = {n for n, _ in bad}
            print(f"EXCITE gold surnames, {'noisy list' if noisy else 'any list'}: {len(names)} printed "
                  f"({len(set(names))} distinct); flagged {len(bad)} ({100 * len(bad) / len(names):.2f}%), "
                  f"distinct {len(distinct)}/{len(set(names))} ({100 * len(distinct) / len(set(names)):.2f}%)")
            for n, d in sorted(set(bad))[:60]:
                print(f"  {n!r}: {d}")
        return 0
    if not (data / "references").exists():
        print(f"no reference data under {data}; skipped")
        return 0
    words = surname_words(author_strings(data))
    tune = {w for w in words if is_tune(w)}
    held = sorted(words - tune)
    model = train(tune)
    print(f"surname words: {len(words)} (tune {len(tune)}, held out {len(held)}); "
          f"trigrams {len(model.tri)}, bigrams {len(model.bi)}")
    score_words(model, held)
    if args.write:
        model = train(words)  # the shipped model counts every word; the figures above are the tune half's
    if args.write:
        MODEL_OUT.write_text(json.dumps({
            "source": "letter counts of the tune half of the surnames in AnyStyle's labelled references "
                      "(BSD-2-Clause, (c) Sylvester Keil) and GROBID's citation annotations (CC-BY 4.0, "
                      "kermitt2/grobid); benchmarks/train_name_model.py",
            **model.to_json()}, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {MODEL_OUT} ({MODEL_OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
