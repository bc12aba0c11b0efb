"""A corpus paper's header missing its year or venue is linked by its title and first surname and the
gap filled from the papers citing it, only when two or more agree (:func:`citer_fill`)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from litmap.corpus.ocr_titles import (
    TitledMention,
    citer_fill,
    header_citers,
    normalise_venue,
)
from litmap.corpus.resolve import (
    ResolvedWorks,
    StoredPaper,
    StoredReference,
    WorkRow,
    WorkSources,
    resolve_stored_works,
)
from litmap.models import Author, Metadata, Reference

TITLE = "Modeling sensitivity to accuracy in classified imagery: a study of areal interpolation by dasymetric mapping"
CITED = (Author("Fisher", "P. F."), Author("Langford", "M."))


def _ref(doc: int, idx: int, year: int | None, venue: str | None, title: str = TITLE,
         authors: tuple[Author, ...] = CITED) -> StoredReference:
    return StoredReference(doc, idx, Reference(index=idx, raw="", authors=authors, year=year, title=title,
                                               container=venue))


def _sources(cites: list[tuple[int | None, str | None]], *, year: int | None = None, journal: str | None = None,
             title: str = TITLE, header: tuple[Author, ...] = CITED, provenance: tuple[str, ...] = (),
             ocr_citers: frozenset[int] = frozenset()) -> WorkSources:
    """Paper 1 is the cited paper; papers 2, 3, … each cite it once, as ``cites`` (year, venue) say."""
    refs = tuple(_ref(2 + i, 0, y, v, title) for i, (y, v) in enumerate(cites))
    papers = [StoredPaper(1, Metadata(title=title, authors=header, year=year, journal=journal,
                                      provenance=provenance))]
    papers += [StoredPaper(2 + i, Metadata(title=f"Citing paper {w}", authors=(Author(w, "A."),), year=2010))
               for i, w in zip(range(len(cites)), ("Tapp", "Mennis", "Wright", "Openshaw", "Goodchild"))]
    return WorkSources(refs, (), tuple(papers), ocr_documents=ocr_citers,
                       ocr_pages={d: frozenset({1, 2, 3}) for d in ocr_citers})


def _paper_work(got: ResolvedWorks) -> WorkRow:
    return next(w for w in got.works if w.document_id == 1)


def test_yearless_header_is_linked_and_filled() -> None:
    got = resolve_stored_works(_sources([(1996, "The Professional Geographer"), (1996, "Professional Geographer"),
                                         (1996, "Professional Geographer")]))
    work = _paper_work(got)
    assert work.mentions == 4 and work.year == 1996 and work.label == "Fisher & Langford 1996"
    assert got.corpus_papers_cited == 1
    meta = got.corrected_metadata[1]
    assert meta.year == 1996 and meta.journal == "Professional Geographer"
    assert "year:from citing papers 2, 3, 4 (guess)" in meta.provenance
    assert "journal:from citing papers 2, 3, 4" in meta.provenance
    assert meta.guessed == ("year",)  # counted among the guessed metadata of extraction health


def test_yearless_header_with_one_citer_is_linked_but_not_filled() -> None:
    got = resolve_stored_works(_sources([(1996, "Professional Geographer")]))
    assert _paper_work(got).mentions == 2  # linked: one work fits
    assert got.corrected_metadata == {} and got.citer_fills == ()


def test_citers_disagreeing_on_the_year_fill_nothing_but_an_agreed_venue() -> None:
    got = resolve_stored_works(_sources([(1996, "Environment & Planning A"), (1997, "Environment and Planning A")]))
    meta = got.corrected_metadata[1]
    assert meta.year is None and meta.journal is not None and normalise_venue(meta.journal) == "envir plann a"
    got = resolve_stored_works(_sources([(1996, "Professional Geographer"), (1996, "Urban Studies")], year=1996))
    assert got.corrected_metadata == {}  # the venues disagree; the year was the header's


def test_header_year_and_venue_are_never_overridden() -> None:
    got = resolve_stored_works(_sources([(1997, "Urban Studies"), (1997, "Urban Studies")], year=1996,
                                        journal="Professional Geographer"))
    assert got.corrected_metadata == {} and got.citer_fills == ()
    # a library's value is kept even where the field is empty in the header it overrides
    src = _sources([(1996, "Urban Studies"), (1996, "Urban Studies")], provenance=("year:library refs.bib",))
    meta = resolve_stored_works(src).corrected_metadata[1]
    assert meta.year is None and meta.journal == "Urban Studies"


def test_citers_read_by_ocr_do_not_vote() -> None:
    got = resolve_stored_works(_sources([(1996, "Professional Geographer"), (1996, "Professional Geographer")],
                                        ocr_citers=frozenset({3})))
    assert got.corrected_metadata == {}


def test_generic_or_short_title_and_other_first_author_are_not_linked() -> None:
    for title in ("Introduction to the special issue on areal interpolation by dasymetric mapping methods",
                  "Dasymetric mapping"):
        got = resolve_stored_works(_sources([(1996, "X"), (1996, "X")], title=title))
        assert _paper_work(got).mentions == 1 and got.corrected_metadata == {}
    got = resolve_stored_works(_sources([(1996, "X"), (1996, "X")], header=(Author("Openshaw", "S."),)))
    assert _paper_work(got).mentions == 1 and got.corrected_metadata == {}


def test_two_works_with_one_title_link_nothing() -> None:
    refs = (_ref(2, 0, 1996, "A"), _ref(3, 0, 1996, "A"), _ref(4, 0, 2004, "B"), _ref(5, 0, 2004, "B"))
    papers = (StoredPaper(1, Metadata(title=TITLE, authors=CITED)),)
    got = resolve_stored_works(WorkSources(refs, (), papers))
    assert _paper_work(got).mentions == 1  # the 1996 and the 2004 work both fit
    assert 1 not in got.corrected_metadata or got.corrected_metadata[1].year is None


def test_header_citers_need_the_same_first_surname_and_no_disagreeing_doi() -> None:
    head = TitledMention("p:1", 1, TITLE, None, "10.1/a", (("Fisher", "PF"),))
    same = TitledMention("r:2:0", 2, TITLE, 1996, None, (("Fischer", "P"),))
    other = TitledMention("r:3:0", 3, TITLE, 1996, None, (("Langford", "M"),))
    doi = TitledMention("r:4:0", 4, TITLE, 1996, "10.1/b", (("Fisher", "P"),))
    own = TitledMention("r:1:0", 1, TITLE, 1996, None, (("Fisher", "P"),))
    assert header_citers([head, same, other, doi, own]) == {"p:1": ("r:2:0",)}


def test_citer_fill_venue_form_and_normalising() -> None:
    head = TitledMention("p:1", 1, TITLE, None, None, (("Fisher", "PF"),))
    cites = [TitledMention(f"r:{d}:0", d, TITLE, 1996, None, (("Fisher", "P"),), venue=v)
             for d, v in ((2, "Environ. Plan. A"), (3, "Environment and Planning A"), (4, "Environment & Planning A"),
                          (5, "Environment and Planning A"))]
    fill = citer_fill(head, cites)
    assert fill is not None and fill.year == 1996 and fill.venue == "Environment and Planning A"
    assert fill.venue_citing == (2, 3, 4, 5)
    assert citer_fill(head, cites, fixed_fields=("year", "journal")) is None
    assert normalise_venue("Int. J. Geogr. Inf. Syst.") == normalise_venue("International Journal of "
                                                                             "Geographical Information Systems")
    assert normalise_venue("Urban Studies") != normalise_venue("Urban Geography")


def test_filled_year_and_venue_reach_the_store(tmp_path: Path) -> None:
    from litmap.store.db import Store
    from litmap.store.works import load_work_sources, save_works

    db = tmp_path / "s.db"
    with Store(db, write=True) as store:
        conn = store.conn
        with store.transaction() as c:
            for d in (1, 2, 3):
                c.execute("INSERT INTO documents(id, path, sha256, status, added_at, updated_at) "
                          "VALUES (?,?,?,'ok','2026-01-01','2026-01-01')",
                          (d, f"/x/{d}.pdf", f"h{d}"))
            c.execute("INSERT INTO metadata(document_id, title, authors) VALUES (1,?,?)",
                      (TITLE, json.dumps([a.to_dict() for a in CITED])))
            for d in (2, 3):
                c.execute("INSERT INTO metadata(document_id, title, authors, year) VALUES (?,?,?,2010)",
                          (d, f"Citing paper {d}", json.dumps([{"family": "Tapp" if d == 2 else "Wright"}])))
                ref = {"index": 0, "authors": [a.to_dict() for a in CITED], "year": 1996, "title": TITLE,
                       "container": "Professional Geographer"}
                c.execute("INSERT INTO refs(document_id, idx, raw, data) VALUES (?,0,'',?)", (d, json.dumps(ref)))
        save_works(store, resolve_stored_works(load_work_sources(conn)))
        row = conn.execute("SELECT year, journal, provenance FROM metadata WHERE document_id=1").fetchone()
        assert (row[0], row[1]) == (1996, "Professional Geographer")
        assert "year:from citing papers 2, 3 (guess)" in json.loads(row[2])
        again = resolve_stored_works(load_work_sources(conn))  # a later run: nothing left to fill
        assert again.citer_fills == () and _paper_work(again).mentions == 3
        assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM works WHERE document_id=1").fetchone()[0] == 1
