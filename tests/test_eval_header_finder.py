"""benchmarks/eval_header.py --sets finder: anystyle finder .ttx documents read as plain-text exports."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

TTX = "\n".join([  # noqa: FLY002 - one .ttx line a row
    "title         |   Street Trees and Summer Heat in Two Mid-Sized Cities",
    "blank         | ",
    "text          |              Maria K. Oyelaran",
    "              |   Department of Geography, University of Leeds",
    "blank         |",
    "text          | Urban Climate 27 (2019) 101-118",
    "title         | Abstract",
    "text          | This paper compares street-tree cover and surface temperature in two cities.",
    "              | We find that cover explains most of the difference between neighbourhoods.",
])


def _eval_header() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "eval_header.py"
    spec = importlib.util.spec_from_file_location("eval_header", path)
    assert spec and spec.loader
    mod = sys.modules.get("eval_header")
    if mod is None:
        mod = importlib.util.module_from_spec(spec)
        sys.modules["eval_header"] = mod  # its dataclasses look their module up
        spec.loader.exec_module(mod)
    return mod


def test_ttx_to_text_keeps_the_text_after_the_tag_column() -> None:
    text = _eval_header().ttx_to_text(TTX)
    lines = text.split("\n")
    assert lines[0] == "  Street Trees and Summer Heat in Two Mid-Sized Cities"  # leading spaces kept
    assert lines[1] == "" and lines[4] == ""  # "| " and a bare "|" give empty lines
    assert lines[2] == "             Maria K. Oyelaran"
    assert lines[5] == "Urban Climate 27 (2019) 101-118"
    assert "|" not in text and "title" not in text.lower().split("street")[0]
    assert text.endswith("neighbourhoods.\n")
    # a "|" inside the text is kept: only the first one is the column
    assert _eval_header().ttx_to_text("text | a | b") == "a | b\n"


def test_finder_set_reads_a_ttx_as_a_text_file_and_scores_it(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    mod = _eval_header()
    folder = tmp_path / "data" / "references" / "anystyle" / "finder"
    folder.mkdir(parents=True)
    (folder / "doc1.ttx").write_text(TTX, encoding="utf-8")
    (folder / "doc2.ttx").write_text(TTX, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [{"file": "references/anystyle/finder/doc1.ttx",
             "title": "Street Trees and Summer Heat in Two Mid-Sized Cities", "first_author": "Oyelaran",
             "year": 2019, "split": "heldout"},
            {"file": "references/anystyle/finder/doc2.ttx", "title": "A Title This Document Does Not Print",
             "first_author": "Oyelaran", "year": None, "split": "heldout"},
            {"file": "references/anystyle/finder/absent.ttx", "title": "X", "first_author": "Y", "year": 2000,
             "split": "heldout"}]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    golds = mod.typed_gold(str(tmp_path / "data"), str(gold))
    assert [Path(g.path).name for g in golds] == ["doc1.ttx", "doc2.ttx"]  # a missing document is skipped
    ep = mod.default_reader(golds[0].path)
    assert ep.text_layer and "Street Trees" in " ".join(b.text for p in ep.pages for b in p.blocks)
    out = mod.run_header({"finder": golds}, mod.default_reader, verbose=True)
    per = out["sets"]["finder"]
    assert per["title"] == [1, 2] and per["first_author"] == [2, 2]
    assert per["year"] == [1, 1] and per["doi"] == [0, 0]  # null or not typed: not scored
    printed = capsys.readouterr().out
    assert "x doc2.ttx ['title', 'title_fuzzy']" in printed and "finder " in printed


def test_finder_set_skips_when_the_data_is_absent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = _eval_header()
    assert mod.main(["--data", str(tmp_path / "nowhere"), "--sets", "finder", "--no-refs"]) == 0
    assert "skipped" in capsys.readouterr().out
    (tmp_path / "empty").mkdir()
    assert mod.main(["--data", str(tmp_path / "empty"), "--sets", "finder", "--no-refs"]) == 0
    assert "finder" in capsys.readouterr().out
