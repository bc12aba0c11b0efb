"""Refresh: add, change, rename and remove files between ingest runs.

Each run is recorded as the CLI does (start_run/finish_run), so the runs and
the documents they added/removed can be compared with litmap.store.runlog.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys

import pytest

from litmap.batch.ingest import IngestSettings, ingest
from litmap.store import Store
from litmap.store.runlog import compare_runs, list_runs

sys.path.insert(0, os.path.dirname(__file__))
from test_interrupt import ENV, TITLES, _TXT, ingest_cmd, kill_after, make_corpus, snapshot  # noqa: E402

SETTINGS = IngestSettings(jobs=0, ocr="never")


def _txt(folder, name: str, i: int) -> str:
    path = os.path.join(str(folder), name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(_TXT.format(i=i, title=TITLES[i % len(TITLES)]))
    return path


def _pdf(folder, name: str) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = os.path.join(str(folder), name)
    c = canvas.Canvas(path, pagesize=A4)
    y = 780
    for line in ("Scalar politics of infrastructure finance", "", "Introduction",
                 "As Brenner (2004) argues, state space is rescaled.", "", "References",
                 "Brenner N (2004) New State Spaces. Oxford: Oxford University Press."):
        c.drawString(72, y, line)
        y -= 20
    c.save()
    return path


def _run(db: str, folder) -> tuple[int, object]:
    with Store(db, write=True) as st:
        run_id = st.start_run("ingest", {"paths": [str(folder)]})
        summary = ingest([str(folder)], st, SETTINGS)
        st.finish_run(run_id, "ok" if summary.ok else "failed", summary.counts())
    return run_id, summary


def _ids(db: str) -> tuple[dict, list]:
    con = sqlite3.connect(db)
    try:
        docs = dict(con.execute("SELECT sha256, id FROM documents WHERE status='ok'"))
        works = sorted(con.execute("SELECT id, label FROM works"))
        return docs, works
    finally:
        con.close()


@pytest.mark.requires("reportlab")  # _pdf draws one
def test_add_change_rename_remove_between_runs(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    a = _txt(folder, "a.txt", 0)
    b = _txt(folder, "b.md", 1)
    c = _txt(folder, "c.txt", 2)
    pdf = _pdf(folder, "p.pdf")
    db = str(tmp_path / "store.db")

    r1, s1 = _run(db, folder)
    assert sorted(map(os.path.basename, s1.added)) == ["a.txt", "b.md", "c.txt", "p.pdf"] and s1.ok
    docs1, works1 = _ids(db)
    assert works1

    r2, s2 = _run(db, folder)  # no-op refresh: nothing read, ids unchanged
    assert s2.unchanged == 4 and not (s2.added or s2.replaced or s2.removed)
    assert _ids(db) == (docs1, works1)

    _txt(folder, "d.txt", 3)  # add
    _txt(folder, "a.txt", 4)  # change a's bytes
    os.rename(b, os.path.join(folder, "b_renamed.md"))  # rename
    os.remove(c)  # remove
    r3, s3 = _run(db, folder)
    assert [os.path.basename(p) for p in s3.added] == ["d.txt"]
    assert [os.path.basename(p) for p in s3.replaced] == ["a.txt"]
    assert [os.path.basename(p) for p in s3.moved] == ["b_renamed.md"]
    assert [os.path.basename(p) for p in s3.removed] == ["c.txt"]
    docs3, _ = _ids(db)
    unchanged = {sha for sha in docs1 if sha in docs3}
    assert len(unchanged) == 2  # b (renamed) and the PDF keep their ids
    assert all(docs1[sha] == docs3[sha] for sha in unchanged)
    with Store(db) as st:
        paths = dict(st.conn.execute("SELECT path, status FROM documents"))
        assert paths[c] == "removed"  # recorded, not deleted
        assert paths[os.path.join(str(folder), "b_renamed.md")] == "ok"
        runs = list_runs(st)
        assert [r.id for r in runs] == [r3, r2, r1] and all(r.status == "ok" for r in runs)
        assert runs[0].counts["added"] == 1 and runs[0].counts["removed"] == 1
        cmp = compare_runs(st, r2, r3)
        assert sorted(os.path.basename(p) for _, p in cmp.added) == ["a.txt", "d.txt"]  # new bytes of a
        assert [os.path.basename(p) for _, p in cmp.removed] == ["c.txt"]
        assert ("added", 0, 1) in cmp.counts
        assert compare_runs(st, r1, r2).added == () and compare_runs(st, r1, r2).removed == ()

    shutil.copy(os.path.join(folder, "b_renamed.md"), os.path.join(folder, "b_copy.md"))
    r4, s4 = _run(db, folder)  # a duplicate is noted, not a second document
    assert len(s4.duplicates) == 1 and not s4.added
    _txt(folder, "c.txt", 2)  # the removed file comes back: same document id
    _run(db, folder)
    with Store(db) as st:
        row = st.conn.execute("SELECT id, sha256, status, removed_run FROM documents WHERE path=?", (c,)).fetchone()
        assert (row["status"], row["removed_run"]) == ("ok", None)
        assert docs1[row["sha256"]] == row["id"]
    assert {sha: i for sha, i in _ids(db)[0].items() if sha in docs3} == docs3


def test_unknown_run_says_how_to_list(tmp_path):
    from litmap.errors import InputError

    folder = tmp_path / "p"
    folder.mkdir()
    _txt(folder, "a.txt", 0)
    r1, _ = _run(str(tmp_path / "s.db"), folder)
    with Store(str(tmp_path / "s.db")) as st, pytest.raises(InputError, match="litmap runs"):
        compare_runs(st, r1, 99)


@pytest.mark.requires("reportlab")  # _pdf draws one
def test_kill9_mid_refresh_then_resume(tmp_path):
    """A refresh killed part-way: the re-run ends where a clean run ends, nothing lost or duplicated."""
    import subprocess

    full, part = tmp_path / "full", tmp_path / "part"
    make_corpus(str(full), n_pdf=4, n_txt=4)
    clean_db = str(tmp_path / "clean.db")
    proc = subprocess.run(ingest_cmd(str(full), clean_db), env=ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    clean = snapshot(clean_db)
    part.mkdir()
    names = sorted(os.listdir(full))
    for name in names[:3]:
        os.link(full / name, part / name)
    db = str(tmp_path / "inc.db")
    assert subprocess.run(ingest_cmd(str(part), db), env=ENV, capture_output=True, timeout=600).returncode == 0
    for name in names[3:]:
        os.link(full / name, part / name)
    kill_after(ingest_cmd(str(part), db), 2.5)  # refresh killed part-way (or just done)
    proc = subprocess.run(ingest_cmd(str(part), db), env=ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    final = snapshot(db)
    assert final["docs"] == clean["docs"]
    assert final["works"] == clean["works"] and final["linked"] == clean["linked"]
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM documents").fetchone() == (8, 8)
        statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY id")]
    finally:
        con.close()
    assert statuses[0] == "ok" and statuses[-1] == "ok"


# -- an incremental refresh ends where a fresh run on the same files ends ----------

_AUTHORS = ("Harrison", "Jonas", "Keating", "Brenner", "Ward", "McCann", "Jessop", "Wu", "Li", "Pike")


def _paper(i: int) -> str:
    """Paper i cites the three before it by DOI, shared classics, and a citation-only Smith."""
    prev = range(max(0, i - 3), i)
    refs = "\n".join(f"{_AUTHORS[j % 10]} J ({2010 + j}) {TITLES[j]}. Urban Studies {j}(2): 1-20. "
                     f"https://doi.org/10.9999/lit.{j}" for j in prev)
    cites = "; ".join(f"{_AUTHORS[j % 10]}, {2010 + j}" for j in prev) or "Brenner, 2004"
    return f"""{TITLES[i]}

{_AUTHORS[i % 10]} J

Urban Studies, {2010 + i}. https://doi.org/10.9999/lit.{i}

Abstract

This paper examines city-regionalism and state rescaling {i} (Brenner, 2004; Jonas and Ward, 2007).

Introduction

As Harrison (2012) argues, the city region is a contested scale; assemblage thinking disagrees ({cites}).
New regionalism (Keating 1998) and policy mobilities (McCann and Ward, 2011) meet here; see Smith ({2000 + i % 3}).

References

Brenner N (2004) New State Spaces. Oxford: Oxford University Press.
Harrison J (2012) Life after regions? Regional Studies 46(9): 1243-1259.
Jonas AEG and Ward K (2007) Introduction. IJURR 31(1): 169-178.
Keating M (1998) The New Regionalism in Western Europe. Cheltenham: Edward Elgar.
McCann E and Ward K (2011) Mobile Urbanism. Minneapolis: University of Minnesota Press.
{refs}
"""


def _write_papers(folder, indexes) -> None:
    for i in indexes:
        (folder / f"paper_{i:02d}.txt").write_text(_paper(i), encoding="utf-8")


def _pipeline(db: str, folder, out) -> None:
    from litmap.pipeline import RunSettings, run_pipeline

    with Store(db, write=True) as st:
        run_pipeline([str(folder)], st, str(out), RunSettings(ingest=SETTINGS, topics=False))


def _state(db: str) -> dict:
    """Works and every link, with document ids replaced by the file's sha256."""
    con = sqlite3.connect(db)
    try:
        sha = dict(con.execute("SELECT id, sha256 FROM documents"))
        return {
            "works": sorted((w[0], *w[1:7], sha.get(w[7])) for w in con.execute("SELECT * FROM works")),
            "refs": sorted((sha[d], i, w) for d, i, w in con.execute("SELECT document_id, idx, work_id FROM refs")),
            "cited": sorted((sha[d], c, p, w) for d, c, p, w in
                            con.execute("SELECT document_id, citation_idx, pos, work_id FROM cited")),
        }
    finally:
        con.close()


def _report_data(out) -> dict:
    """data/* and the page's embedded data, less "what changed" (it compares with the previous report)."""
    import json
    import re

    files = {p.name: p.read_bytes() for p in sorted((out / "data").iterdir())}
    page = (out / "index.html").read_text(encoding="utf-8")
    embedded = json.loads(re.search(r'id="litmap-data">(.*?)</script>', page, re.S).group(1))
    embedded.pop("changes", None)
    # The run history differs by construction: the snapshot's run number and last real changes, and
    # each debate synthesis's closing "what is new since the last run" sentence with its evidence.
    snapshot = json.loads(files.pop("snapshot.json"))
    snapshot.pop("run", None)
    snapshot.pop("last_changes", None)
    debates = json.loads(files.pop("debates.json"))
    for m in debates:
        if m.get("synthesis"):
            m["synthesis"]["sentences"] = m["synthesis"]["sentences"][:-1]
            m["synthesis"]["evidence"] = [e for e in m["synthesis"]["evidence"] if e.get("role") != "new"]
    for m in embedded.get("debates", {}).get("maps", []) if isinstance(embedded.get("debates"), dict) else []:
        if m.get("synthesis"):
            m["synthesis"]["sentences"] = m["synthesis"]["sentences"][:-1]
            m["synthesis"]["evidence"] = [e for e in m["synthesis"]["evidence"] if e.get("role") != "new"]
    return {**files, "snapshot.json": snapshot, "debates.json": debates, "index.html": embedded}


@pytest.mark.requires("igraph")
def test_incremental_refresh_equals_fresh_run(tmp_path):
    folder, inc_out, fresh_out = tmp_path / "papers", tmp_path / "inc", tmp_path / "fresh"
    folder.mkdir()
    _write_papers(folder, range(5))
    db = str(tmp_path / "inc.db")
    _pipeline(db, folder, inc_out)
    before = _state(db)
    _pipeline(db, folder, inc_out)  # no-op: nothing re-resolved, same works
    assert _state(db) == before
    _write_papers(folder, range(5, 8))  # cite papers already stored: their works gain mentions
    _pipeline(db, folder, inc_out)

    fresh_db = str(tmp_path / "fresh.db")
    _pipeline(fresh_db, folder, fresh_out)
    inc, fresh = _state(db), _state(fresh_db)
    assert inc["works"] != before["works"]  # the refresh did change works
    assert any(w[7] is not None and "lit.6" in (w[1] or "") for w in inc["works"])  # new corpus paper cited
    assert inc == fresh
    inc_data, fresh_data = _report_data(inc_out), _report_data(fresh_out)
    assert "works.csv" in inc_data and inc_data["debates.json"]
    assert inc_data == fresh_data


def test_text_memo_round_trip_and_pruning(tmp_path):
    from litmap.store.memo import TextMemo

    db = str(tmp_path / "m.db")
    with Store(db, write=True) as st:
        memo = TextMemo.load(st.conn, "t", "fp1")
        assert memo.entries == {} and memo.get(TextMemo.key("a")) is None
        memo.put(TextMemo.key("a"), [1, ["x"]])
        memo.put(TextMemo.key("b"), [0, []])
        assert memo.save(st)
        again = TextMemo.load(st.conn, "t", "fp1")
        assert again.get(TextMemo.key("a")) == [1, ["x"]]
        assert not TextMemo.load(st.conn, "t", "fp2").entries  # other code or lexicon: nothing remembered
        assert again.save(st)  # only "a" was used this time: "b" is dropped
        assert set(TextMemo.load(st.conn, "t", "fp1").entries) == {TextMemo.key("a")}
    with Store(db) as ro:  # a read-only store is never written
        memo = TextMemo.load(ro.conn, "t", "fp1")
        memo.put(TextMemo.key("c"), 1)
        assert not memo.save(ro)


@pytest.mark.requires("igraph")
def test_report_reuses_remembered_concepts_and_functions(tmp_path, monkeypatch):
    """A second report on an unchanged store matches no concept and classifies no citation again."""
    from litmap.analyse.debates import data as debates_data
    from litmap.report import ReportSettings, build_report

    folder = tmp_path / "papers"
    folder.mkdir()
    _write_papers(folder, range(4))
    db = str(tmp_path / "s.db")
    settings = ReportSettings(figures=False, timestamp=False)
    with Store(db, write=True) as st:
        ingest([str(folder)], st, SETTINGS)
        build_report(st, str(tmp_path / "r1"), settings)
        calls = []
        monkeypatch.setattr(debates_data, "match_concepts", lambda *a: calls.append(a) or [])
        monkeypatch.setattr(debates_data, "classify_citation", lambda *a: calls.append(a) or None)
        build_report(st, str(tmp_path / "r2"), settings)
        assert calls == []
    first, second = _report_data(tmp_path / "r1"), _report_data(tmp_path / "r2")
    assert second == first and b"city-regionalism" in first["concepts_by_paper.csv"]


@pytest.mark.parametrize("n,m,samples", [(120, 500, 40), (30, 80, 200), (2, 1, 200)])
def test_sampled_betweenness_equals_networkx_estimate(n, m, samples):
    """The debate bridges' betweenness (igraph, C) is networkx's seeded estimate, value for value."""
    import random

    import networkx as nx

    pytest.importorskip("igraph")
    from litmap.analyse.networks.centrality import centralities
    from litmap.analyse.debates.parts import sampled_betweenness

    rng = random.Random(n)
    G = nx.gnm_random_graph(n, m, seed=3)
    for u, v in G.edges:  # powers of two: path lengths add up exactly, so no float ties split paths
        G[u][v]["weight"] = rng.choice([1, 2, 4, 8])
    G = nx.relabel_nodes(G, {x: f"w:{x}" for x in G})
    expected = centralities(G, seed=42, betweenness_k=samples, engine="networkx")["betweenness"]
    got = sampled_betweenness(G, samples, 42)
    assert set(got) == set(expected)
    assert all(abs(got[x] - expected[x]) < 1e-12 for x in G)
    assert n < 3 or max(got.values()) > 0


def test_reprocess_reads_stored_files_again_and_keeps_ids(tmp_path, monkeypatch):
    from dataclasses import replace

    folder = tmp_path / "papers"
    folder.mkdir()
    for i, name in enumerate(["a.txt", "b.md"]):
        _txt(folder, name, i)
    db = str(tmp_path / "store.db")
    _run(db, folder)
    docs, works = _ids(db)
    with Store(db, write=True) as st:  # stale extraction, as from an older litmap
        st.conn.execute("UPDATE paragraphs SET text='stale' WHERE idx=0")
        st.conn.commit()
        summary = ingest([str(folder)], st, replace(SETTINGS, reprocess=True))
        assert sorted(map(os.path.basename, summary.replaced)) == ["a.txt", "b.md"]
        assert not summary.added and summary.unchanged == 0
        assert st.conn.execute("SELECT COUNT(*) FROM paragraphs WHERE text='stale'").fetchone()[0] == 0
    assert _ids(db) == (docs, works)
    _, again = _run(db, folder)  # without the flag nothing is read
    assert again.unchanged == 2 and not again.replaced


@pytest.mark.parametrize(
    "stored,changed,reprocess,refit,mode",
    [
        (False, True, False, False, "fit"),
        (True, True, False, False, "refresh"),
        (True, False, False, False, "unchanged"),
        (True, True, True, False, "refit"),  # run --reprocess: the text itself changed
        (True, False, False, True, "refit"),  # run --refit-topics
    ],
)
def test_run_chooses_the_topic_mode(monkeypatch, stored, changed, reprocess, refit, mode):
    from types import SimpleNamespace

    import litmap.analyse.topics as topics_mod
    import litmap.analyse.topics.job as job
    from litmap.pipeline import RunSettings, RunSummary, _topics

    seen = []
    old = SimpleNamespace(topics=[1, 2, 3])
    monkeypatch.setattr(topics_mod, "load_topic_result", lambda conn: old if stored else None)
    import litmap.store.topics as store_topics

    monkeypatch.setattr(store_topics, "documents_changed_since_fit", lambda conn: False)

    def fake_run(store, settings, mode, progress, record):
        seen.append(mode)
        return SimpleNamespace(topics=[1, 2], refit_reason=None, fallback=None)

    monkeypatch.setattr(job, "run_topics", fake_run)
    settings = RunSettings(ingest=IngestSettings(reprocess=reprocess), refit_topics=refit)
    summary = RunSummary(run_id=1, ingest=None)
    _topics(SimpleNamespace(conn=None), settings, changed, summary, None)
    assert summary.topic_mode == mode
    assert seen == ([] if mode == "unchanged" else [mode])
