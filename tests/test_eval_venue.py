"""The venue benchmark's matching and split (benchmarks/eval_venue.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_venue.py"
_spec = importlib.util.spec_from_file_location("eval_venue", _PATH)
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)


@pytest.mark.parametrize("pred, gold, outcome", [
    ("Computers, Environment & Urban Systems", {"venue": "Computers, Environment and Urban Systems"}, "right"),
    ("The Professional Geographer", {"venue": "Professional Geographer"}, "right"),
    ("Popul Res Policy Rev", {"venue": "Population Research and Policy Review", "alt": ["Popul Res Policy Rev"]}, "right"),
    ("January", {"venue": "Journal of Statistical Software"}, "wrong"),
    (None, {"venue": "Cities"}, "missed"),
    ("Cities", {"venue": None, "kind": "none"}, "spurious"),
    (None, {"venue": None, "kind": "report"}, "empty"),
])
def test_score(pred, gold, outcome):
    assert ev.score(pred, gold) == outcome


def test_seen_documents_are_never_held_out():
    assert all(ev.split_of(rel) == "tune" for rel in ev.SEEN)
    assert {ev.split_of(f"pdfs/x/{i}.pdf") for i in range(40)} == {"tune", "heldout"}


def test_scores_a_text_document_read_as_ingest_reads_it(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "texts").mkdir(parents=True)
    (data / "texts" / "a.txt").write_text(
        "Urban Studies 45(12) 2449–2470, November 2008\n\nGentrification and social mixing\n\nLoretta Lees\n\n"
        "Abstract\n\nThis paper asks whether social mixing policies lead to gentrification. " * 3, encoding="utf-8")
    gold = tmp_path / "venues.jsonl"
    gold.write_text(json.dumps({"file": "texts/a.txt", "venue": "Urban Studies", "kind": "journal"}) + "\n")
    assert ev.main(["--data", str(data), "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "venue printed: 1: right 1 (100%)" in out, out
