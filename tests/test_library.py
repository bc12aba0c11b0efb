"""--library: Zotero folders, BibTeX and CSL-JSON as the source of truth for metadata (issue 18)."""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest

from litmap.batch.ingest import IngestSettings, ingest
from litmap.batch.library import apply_libraries, read_library
from litmap.store import Store
from litmap.store.library import document_metadata

sys.path.insert(0, os.path.dirname(__file__))
from test_interrupt import TITLES  # noqa: E402
from test_refresh import _paper  # noqa: E402

SETTINGS = IngestSettings(jobs=0, ocr="never")


def _corpus(folder, n=3):
    """Papers 0..n-1 as text files (paper i has DOI 10.9999/lit.i and title TITLES[i]), each in its own
    subfolder as Zotero's storage/KEY/ keeps them; returns their paths."""
    paths = []
    for i in range(n):
        sub = folder / f"KEY{i:05d}"
        sub.mkdir(parents=True)
        p = sub / f"paper_{i:02d}.txt"
        p.write_text(f"Title: {TITLES[i]}\n\n" + _paper(i), encoding="utf-8")
        paths.append(str(p))
    return paths


@pytest.fixture()
def store(tmp_path):
    storage = tmp_path / "Zotero" / "storage"
    paths = _corpus(storage)
    db = str(tmp_path / "s.db")
    with Store(db, write=True) as st:
        ingest([str(storage)], st, SETTINGS)
    return db, paths, tmp_path


def _meta(db):
    with Store(db) as st:
        ids = st.document_ids()
        paths = {i: st.conn.execute("SELECT path FROM documents WHERE id=?", (i,)).fetchone()[0] for i in ids}
        return {os.path.basename(paths[i]): document_metadata(st.conn, i) for i in ids}


def _apply(db, *libs):
    with Store(db, write=True) as st:
        return apply_libraries(st, list(libs))


BIB = """@article{byfile,
  title = {A {Better} Title From the Library},
  author = {Barba Lata, Iulian and Smith, Jane},
  year = {2019},
  journal = {Urban Studies},
  keywords = {rescaling, city-regions},
  file = {Full Text PDF:%s:text/plain},
}
@article{bydoi,
  title = {Fixed by {DOI}},
  author = {Doe, John},
  date = {2001-05-01},
  journaltitle = {Regional Studies},
  doi = {https://doi.org/10.9999/LIT.1},
}
@book{bytitle,
  title = {%s},
  author = {Roe, Richard},
  year = {1999},
  abstract = {An abstract from the library.},
}
@article{nothing,
  title = {A paper that is not in the corpus at all},
  year = {2020},
}
"""


def test_bibtex_matches_by_path_doi_title_and_wins(store):
    db, paths, tmp = store
    bib = tmp / "refs.bib"
    bib.write_text(BIB % (paths[0], TITLES[2]), encoding="utf-8")
    res = _apply(db, str(bib))
    assert (res.entries, res.matched, res.unmatched) == (4, 3, 1)
    assert any("1 library entry matches no paper" in w and "nothing" in w for w in res.warnings)
    m = _meta(db)
    a, b, c = m["paper_00.txt"], m["paper_01.txt"], m["paper_02.txt"]
    assert a.title == "A Better Title From the Library" and a.year == 2019 and a.journal == "Urban Studies"
    assert [x.family for x in a.authors] == ["Barba Lata", "Smith"] and a.keywords == ("rescaling", "city-regions")
    assert f"title:library {bib}" in a.provenance and f"year:library {bib}" in a.provenance
    assert b.title == "Fixed by DOI" and b.year == 2001 and b.journal == "Regional Studies"
    assert c.year == 1999 and c.abstract == "An abstract from the library." and c.authors[0].family == "Roe"
    assert a.source_of("doi") != f"library {bib}"  # a field the entry lacks stays as extracted


def test_an_edited_library_is_picked_up_and_a_dropped_entry_restores_the_extraction(store):
    db, paths, tmp = store
    extracted = _meta(db)["paper_00.txt"]
    bib = tmp / "refs.bib"
    bib.write_text(BIB % (paths[0], TITLES[2]), encoding="utf-8")
    _apply(db, str(bib))
    bib.write_text((BIB % (paths[0], TITLES[2])).replace("A {Better} Title", "An Edited Title"), encoding="utf-8")
    _apply(db, str(bib))
    assert _meta(db)["paper_00.txt"].title == "An Edited Title From the Library"
    bib.write_text("@article{x, title={Unrelated entry about something else}, year={2020}}\n", encoding="utf-8")
    _apply(db, str(bib))
    assert _meta(db)["paper_00.txt"] == extracted


def test_csl_json_with_file_links(store):
    db, paths, tmp = store
    csl = tmp / "lib.json"
    csl.write_text(json.dumps([
        {"id": "a", "type": "article-journal", "title": "CSL title", "author": [{"family": "Keating", "given": "M."}],
         "issued": {"date-parts": [[1998, 3]]}, "container-title": "Political Geography", "DOI": "10.1/x",
         "keyword": "regions, scale", "file": os.path.relpath(paths[1], tmp)},
    ]), encoding="utf-8")
    res = _apply(db, str(csl))
    assert (res.matched, res.unmatched) == (1, 0)
    m = _meta(db)["paper_01.txt"]
    assert (m.title, m.year, m.journal, m.doi, m.keywords) == ("CSL title", 1998, "Political Geography", "10.1/x",
                                                              ("regions", "scale"))


def make_zotero(folder, items, tags=None):
    """A zotero.sqlite with only the tables litmap reads; items: (key, type, fields, creators, attachment file);
    tags: {item key: [tag names]} adds Zotero's tags and itemTags tables."""
    con = sqlite3.connect(str(folder / "zotero.sqlite"))
    con.executescript("""
        CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT);
        CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT, key TEXT);
        CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT);
        CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value);
        CREATE TABLE itemData (itemID INT, fieldID INT, valueID INT);
        CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT, fieldMode INT);
        CREATE TABLE itemCreators (itemID INT, creatorID INT, creatorTypeID INT, orderIndex INT);
        CREATE TABLE itemAttachments (itemID INTEGER PRIMARY KEY, parentItemID INT, linkMode INT,
                                      contentType TEXT, path TEXT);
        INSERT INTO itemTypes VALUES (1, 'journalArticle'), (2, 'attachment'), (3, 'note');
    """)
    fields: dict[str, int] = {}
    nid = 100
    for n, (key, _type, data, people, attachment) in enumerate(items, start=1):
        con.execute("INSERT INTO items VALUES (?,?,?)", (n, 1, key))
        for name, value in data.items():
            fid = fields.setdefault(name, len(fields) + 1)
            con.execute("INSERT OR IGNORE INTO fields VALUES (?,?)", (fid, name))
            nid += 1
            con.execute("INSERT INTO itemDataValues VALUES (?,?)", (nid, value))
            con.execute("INSERT INTO itemData VALUES (?,?,?)", (n, fid, nid))
        for order, (first, last) in enumerate(people):
            nid += 1
            con.execute("INSERT INTO creators VALUES (?,?,?,0)", (nid, first, last))
            con.execute("INSERT INTO itemCreators VALUES (?,?,1,?)", (n, nid, order))
        if attachment:
            akey, name = attachment
            nid += 1
            con.execute("INSERT INTO items VALUES (?,?,?)", (nid, 2, akey))
            con.execute("INSERT INTO itemAttachments VALUES (?,?,0,'text/plain',?)", (nid, n, f"storage:{name}"))
    if tags is not None:
        con.executescript("CREATE TABLE tags (tagID INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                          "CREATE TABLE itemTags (itemID INT, tagID INT, type INT, PRIMARY KEY (itemID, tagID));")
        ids = {key: n for n, (key, *_rest) in enumerate(items, start=1)}
        for key, names in tags.items():
            for name in names:
                con.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
                tid = con.execute("SELECT tagID FROM tags WHERE name=?", (name,)).fetchone()[0]
                con.execute("INSERT INTO itemTags VALUES (?,?,0)", (ids[key], tid))
    con.commit()
    con.close()


def test_zotero_folder_read_while_zotero_holds_a_lock(store):
    db, paths, tmp = store
    zotero = tmp / "Zotero"
    make_zotero(zotero, [
        ("ITEM0001", "journalArticle", {"title": "Zotero's own title", "date": "2012-00-00 2012",
                                        "publicationTitle": "Environment and Planning A"},
         [("Iulian", "Barba Lata")], ("KEY00000", "paper_00.txt")),
        ("ITEM0002", "journalArticle", {"title": "By DOI from Zotero", "DOI": "10.9999/lit.2"}, [], None),
    ])
    holder = sqlite3.connect(str(zotero / "zotero.sqlite"))
    holder.execute("BEGIN EXCLUSIVE")  # Zotero running and writing
    try:
        res = _apply(db, str(zotero))
    finally:
        holder.rollback()
        holder.close()
    assert (res.entries, res.matched, res.unmatched) == (2, 2, 0), res.warnings
    m = _meta(db)
    assert m["paper_00.txt"].title == "Zotero's own title" and m["paper_00.txt"].year == 2012
    assert m["paper_00.txt"].authors[0].family == "Barba Lata"
    assert m["paper_02.txt"].title == "By DOI from Zotero"
    assert f"journal:library {zotero}" in m["paper_00.txt"].provenance


@pytest.mark.parametrize("bad", ["malformed bib", "missing file", "not a database", "no such library", "bad json"])
def test_bad_library_input_warns_and_goes_on(store, bad):
    db, paths, tmp = store
    good = "@article{good, title={Still applied}, doi={10.9999/lit.1}}\n"
    if bad == "malformed bib":
        lib = tmp / "bad.bib"
        lib.write_text("@article{broken, title = {No closing brace,\n\n" + good, encoding="utf-8")
        expect = "malformed"
    elif bad == "missing file":
        lib = tmp / "missing.bib"
        lib.write_text("@article{gone, title={Gone}, file={:/nowhere/gone.pdf:PDF}}\n" + good, encoding="utf-8")
        expect = "do not exist"
    elif bad == "not a database":
        lib = tmp / "Broken"
        lib.mkdir()
        (lib / "zotero.sqlite").write_bytes(b"this is not sqlite" * 100)
        expect = "cannot be read"
    elif bad == "no such library":
        lib = tmp / "nowhere.bib"
        expect = "no such file"
    else:
        lib = tmp / "bad.json"
        lib.write_text("[{\"title\": ", encoding="utf-8")
        expect = "not JSON"
    good_lib = tmp / "good.bib"
    good_lib.write_text(good, encoding="utf-8")
    res = _apply(db, str(lib), str(good_lib))
    assert any(expect in w for w in res.warnings), res.warnings
    assert _meta(db)["paper_01.txt"].title == "Still applied"


def test_bibtex_file_field_forms(tmp_path):
    bib = tmp_path / "x.bib"
    bib.write_text("@article{a, title={T}, file={Full Text:C\\:\\\\Zotero\\\\a.pdf:application/pdf;"
                   "rel/b.pdf}}\n@article{b, title={U}, file={:papers/c.pdf:PDF}}\n", encoding="utf-8")
    entries, warnings = read_library(str(bib))
    assert warnings == []
    assert entries[0].files[0] == "C:\\Zotero\\a.pdf" or entries[0].files[0].endswith("C:\\Zotero\\a.pdf")
    assert entries[0].files[1] == str(tmp_path / "rel" / "b.pdf")
    assert entries[1].files == (str(tmp_path / "papers" / "c.pdf"),)


def test_run_library_option(store):
    """`litmap ingest --library` (the CLI path) applies it and reports the counts."""
    from click.testing import CliRunner

    from litmap.cli import cli

    db, paths, tmp = store
    bib = tmp / "fix.bib"
    bib.write_text("@article{fix, title={One paper corrected}, doi={10.9999/lit.0}}\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["ingest", str(tmp / "Zotero" / "storage"), "--db", db, "--jobs", "0",
                                   "--ocr", "never", "--library", str(bib)])
    assert out.exit_code == 0, out.output
    assert "library: 1 entries, 1 papers given library metadata" in out.output
    assert _meta(db)["paper_00.txt"].title == "One paper corrected"


def test_run_pipeline_applies_the_library_on_every_run(store):
    from litmap.pipeline import RunSettings, run_pipeline

    db, paths, tmp = store
    bib = tmp / "fix.bib"
    bib.write_text("@article{fix, title={Corrected by the run}, doi={10.9999/lit.2}}\n", encoding="utf-8")
    settings = RunSettings(ingest=SETTINGS, topics=False, report=False, libraries=(str(bib),))
    with Store(db, write=True) as st:
        summary = run_pipeline([str(tmp / "Zotero" / "storage")], st, None, settings)
    assert summary.library is not None and summary.library["matched"] == 1
    assert _meta(db)["paper_02.txt"].title == "Corrected by the run"
    bib.write_text("@article{fix, title={Edited in the library}, doi={10.9999/lit.2}}\n", encoding="utf-8")
    with Store(db, write=True) as st:  # nothing changed in the corpus: the edited library still applies
        run_pipeline([str(tmp / "Zotero" / "storage")], st, None, settings)
    assert _meta(db)["paper_02.txt"].title == "Edited in the library"


def _paper_work_label(db, name):
    with Store(db) as st:
        row = st.conn.execute("SELECT w.label FROM works w JOIN documents d ON d.id = w.document_id "
                              "WHERE d.path LIKE ?", (f"%{name}",)).fetchone()
    return row[0] if row else None


def test_an_edited_library_refreshes_the_papers_work_even_when_no_paper_changed(store):
    from litmap.pipeline import RunSettings, run_pipeline

    db, paths, tmp = store
    before = _paper_work_label(db, "paper_00.txt")
    assert before is not None and "Barba Lata" not in before
    bib = tmp / "fix.bib"
    bib.write_text("@article{fix, title={Fixed}, author={Barba Lata, Iulian}, year={2019}, doi={10.9999/lit.0}}\n",
                   encoding="utf-8")
    settings = RunSettings(ingest=SETTINGS, topics=False, report=False, libraries=(str(bib),))
    with Store(db, write=True) as st:
        summary = run_pipeline([str(tmp / "Zotero" / "storage")], st, None, settings)
    assert not summary.ingest.added and summary.library is not None and summary.library["changed"] == 1
    assert _paper_work_label(db, "paper_00.txt") == "Barba Lata 2019"
    bib.write_text(bib.read_text(encoding="utf-8").replace("2019", "2018"), encoding="utf-8")
    with Store(db, write=True) as st:  # no paper changed: only the library was edited
        run_pipeline([str(tmp / "Zotero" / "storage")], st, None, settings)
    assert _paper_work_label(db, "paper_00.txt") == "Barba Lata 2018"
    with Store(db, write=True) as st:  # an unchanged library changes nothing and re-resolves nothing
        again = run_pipeline([str(tmp / "Zotero" / "storage")], st, None, settings)
    assert again.library is not None and again.library["changed"] == 0
    bib.write_text("", encoding="utf-8")
    with Store(db, write=True) as st:  # the entry dropped: the extracted author and year are back
        run_pipeline([str(tmp / "Zotero" / "storage")], st, None, settings)
    assert _paper_work_label(db, "paper_00.txt") == before


def test_zotero_tags_are_the_papers_keywords(store):
    db, paths, tmp = store
    zotero = tmp / "Zotero"
    make_zotero(zotero, [
        ("ITEM0001", "journalArticle", {"title": "Tagged in Zotero"}, [("Neil", "Brenner")],
         ("KEY00000", "paper_00.txt")),
        ("ITEM0002", "journalArticle", {"title": "Untagged", "DOI": "10.9999/lit.1"}, [], None),
    ], tags={"ITEM0001": ["state rescaling", "city-regions"]})
    res = _apply(db, str(zotero))
    assert res.matched == 2, res.warnings
    m = _meta(db)
    assert m["paper_00.txt"].keywords == ("city-regions", "state rescaling")
    assert f"keywords:library {zotero}" in m["paper_00.txt"].provenance
    assert not any(p.startswith("keywords:library") for p in m["paper_01.txt"].provenance)
