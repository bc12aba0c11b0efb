"""The locator benchmark's scoring (benchmarks/eval_locator.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

_DIR = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(_DIR))  # it imports eval_venue's split and options
_spec = importlib.util.spec_from_file_location("eval_locator", _DIR / "eval_locator.py")
assert _spec and _spec.loader
el = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(el)


@pytest.mark.parametrize("pred, gold, field, outcome", [
    ("303–315", {"first_page": "303", "last_page": "15"}, "pages", "right"),  # printed abbreviated
    ("105586", {"first_page": None, "article": "105586"}, "pages", "right"),
    ("1–20", {"first_page": "1", "last_page": "20", "article": "e7"}, "pages", "right"),
    ("e7", {"first_page": "1", "last_page": "20", "article": "e7"}, "pages", "right"),
    ("303", {"first_page": "303", "last_page": "315"}, "pages", "wrong"),
    (None, {"volume": "53"}, "volume", "missed"),
    ("12", {"volume": None}, "volume", "spurious"),
    (None, {"issue": None}, "issue", "empty"),
    ("3-4", {"issue": "3‒4"}, "issue", "right"),  # dashes compare as one
])
def test_score(pred, gold, field, outcome):
    assert el.score(pred, el.gold_forms(gold, field)) == outcome


def test_scores_a_text_document_read_as_ingest_reads_it(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "texts").mkdir(parents=True)
    (data / "texts" / "a.txt").write_text(
        "Urban Studies 45(12) 2449–2470, November 2008\n\nGentrification and social mixing\n\nLoretta Lees\n\n"
        "Abstract\n\nThis paper asks whether social mixing policies lead to gentrification. " * 3, encoding="utf-8")
    gold = tmp_path / "locators.jsonl"
    gold.write_text(json.dumps({"file": "texts/a.txt", "volume": "45", "issue": "12", "first_page": "2449",
                                "last_page": "2470", "article": None}) + "\n")
    assert el.main(["--data", str(data), "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    for field in ("volume", "issue", "pages"):
        assert f"{field:<7} printed   1: right   1 (100%)" in out, out
