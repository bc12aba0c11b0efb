"""Hostile text: control characters, bidi overrides, 10,000-character words, markup, formulas.

Text is data: the store keeps exactly what extraction produced (no
truncation, no execution, no mangling), JSON output stays valid, terminal
output cannot be forged by a file name, and CSV exports cannot smuggle a
spreadsheet formula.
"""

from __future__ import annotations

import csv
import json
import os

import pytest
from support import run_litmap

from litmap.batch.extract import extract_file, render_json
from litmap.batch.ingest import IngestSettings, ingest
from litmap.store import Store

LONG_WORD = "x" * 10_000
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'
HOSTILE = f"""Hostile \u202eredro\u202c title {SCRIPT}

Abstract

Bell\x07 and escape \x1b[31mred\x1b[0m, backspace\x08, DEL\x7f, C1\x85 and a NUL\x00 byte; RTL \u200fmark\u200e and
isolates \u2067x\u2069; {LONG_WORD} end (Brenner, 2004).

{FORMULA} starts this paragraph; +cmd|' /C calc'!A0 and @SUM(A1) too.

References

Brenner N (2004) New State Spaces <img src=x onerror=alert(1)>. Oxford: Oxford University Press.
"""


@pytest.fixture
def hostile_file(tmp_path):
    p = tmp_path / "hostile.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    return str(p)


def test_hostile_text_round_trips_through_the_store(hostile_file, tmp_path):
    extracted = extract_file(hostile_file)
    assert LONG_WORD in extracted.text and SCRIPT in extracted.metadata.title  # kept, not cut or "cleaned" away
    db = str(tmp_path / "h.db")
    with Store(db, write=True) as st:
        summary = ingest([hostile_file], st, IngestSettings(jobs=0))
        assert summary.ok, summary.failed
        (doc_id,) = st.document_ids()
        stored = st.load_document(doc_id)
    assert stored.text == extracted.text
    assert stored.paragraphs == extracted.paragraphs
    assert stored.metadata == extracted.metadata
    assert [r.raw for r in stored.references] == [r.raw for r in extracted.references]
    # The body keeps no terminal control characters (they are not text).
    assert not any(c in stored.text for c in "\x00\x07\x08\x1b")


def test_extract_json_is_valid_and_complete(hostile_file):
    proc = run_litmap("extract", hostile_file, "--format", "json", text=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout.decode("utf-8")  # valid UTF-8 (no lone surrogates)
    data = json.loads(out)
    assert SCRIPT in data["metadata"]["title"]
    assert not any(ord(c) < 0x20 and c not in "\n\r\t " for c in out)  # raw controls never reach the stream
    assert render_json(extract_file(hostile_file)) == out.rstrip("\n")


def test_surrogates_and_invalid_utf8_do_not_break_the_store(tmp_path):
    p = tmp_path / "bytes.txt"
    p.write_bytes(b"Broken bytes \xff\xfe\xed\xa0\x80 in a title\n\nBody text with \xc3\x28 invalid UTF-8 (Smith, 2001).\n")
    db = str(tmp_path / "b.db")
    with Store(db, write=True) as st:
        summary = ingest([str(p)], st, IngestSettings(jobs=0))
        assert summary.ok, summary.failed
        doc = st.load_document(st.document_ids()[0])
    doc.text.encode("utf-8")  # storable and printable as UTF-8
    assert any("not valid UTF-8" in w for w in doc.warnings)


_EVIL_NAME = "evil\x07\x1b[2J\nFAILED forged.pdf: all good\u202e.pdf"


def _forgeable_outputs(tmp_path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / _EVIL_NAME).write_bytes(b"not a pdf at all")
    db = str(tmp_path / "s.db")
    ing = run_litmap("ingest", str(folder), "--db", db, "--jobs", "0")
    st = run_litmap("status", "--db", db)
    assert ing.returncode == 1 and st.returncode == 0
    return [ing.stdout + ing.stderr, st.stdout]


def test_terminal_output_cannot_be_forged_by_a_file_name(tmp_path):
    for out in _forgeable_outputs(tmp_path):
        assert "\x07" not in out and "\x1b" not in out and "\u202e" not in out
        assert not any(line.lstrip().startswith("FAILED forged.pdf") for line in out.splitlines())


def test_status_json_keeps_the_exact_name(tmp_path):
    _forgeable_outputs(tmp_path)
    proc = run_litmap("status", "--db", str(tmp_path / "s.db"), "--json")
    data = json.loads(proc.stdout)
    assert [os.path.basename(p) for p, _ in data["failures"]] == [_EVIL_NAME]


def test_csv_exports_neutralise_formula_injection(tmp_path):
    nx = pytest.importorskip("networkx")
    graphs = pytest.importorskip("litmap.export.graphs")
    G = nx.Graph()
    evil = [FORMULA, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]
    for i, label in enumerate(evil):
        G.add_node(label, label=label, title=SCRIPT, weight=-0.5)
        if i:
            G.add_edge(evil[i - 1], label, kind=label, weight=-1)
    nodes, edges = tmp_path / "n.csv", tmp_path / "e.csv"
    graphs.write_csv(G, nodes, edges)
    for path in (nodes, edges):
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for row in rows[1:]:
            for cell in row:
                assert not cell or cell[0] not in "=+-@\t\r" or _is_number(cell), (path.name, cell)
    with open(nodes, newline="", encoding="utf-8") as f:
        first = list(csv.DictReader(f))[0]
    assert first["id"] == "'" + FORMULA and first["label"] == "'" + FORMULA  # neutralised, not dropped
    assert first["weight"] == "-0.5"  # numbers stay numbers


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False
