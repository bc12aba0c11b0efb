"""A paper whose header OCR misread is found by its title and corrected from the papers citing it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from litmap.corpus.ocr_titles import (
    TitledMention,
    TitleLinkSettings,
    distinctive_title,
    header_correction,
    title_matches,
)
from litmap.corpus.resolve import (
    ResolvedWorks,
    StoredPaper,
    StoredReference,
    WorkRow,
    WorkSources,
    resolve_stored_works,
)
from litmap.errors import SettingsError
from litmap.models import Author, Metadata, Reference

TITLE = ("Bayesian areal interpolation, estimation, and smoothing: an inferential approach for "
         "geographic information systems")
RIGHT = (Author("Mugglin", "A."), Author("Carlin", "B."), Author("Zhu", "L."), Author("Conlon", "E."))
MISREAD = (Author("Muaeuin", "Anprew S."), Author("Caruin", "BRApLey P."), Author("Zou", "Li"),
           Author("Contont", "Ertn"))


def _ref(doc: int, idx: int, authors: tuple[Author, ...], year: int, title: str, doi: str | None = None,
         page: int = 0) -> StoredReference:
    return StoredReference(doc, idx, Reference(index=idx, raw="", authors=authors, year=year, title=title, doi=doi,
                                               page=page))


def _sources(*, header_ocr: bool = True, header: tuple[Author, ...] = MISREAD, year: int = 1998,
             title: str = TITLE, doi: str | None = None, cite_doi: str | None = None,
             provenance: tuple[str, ...] = ()) -> WorkSources:
    refs = (_ref(2, 0, RIGHT, 1999, title, cite_doi), _ref(3, 4, RIGHT, 1999, title, cite_doi),
            _ref(2, 1, (Author("Harvey", "D."),), 1989, "The condition of postmodernity"))
    papers = (StoredPaper(1, Metadata(title=title, authors=header, year=year, doi=doi, provenance=provenance)),
              StoredPaper(2, Metadata(title="Areal interpolation in practice", authors=(Author("Tapp", "A."),),
                                      year=2010)),
              StoredPaper(3, Metadata(title="Dasymetric mapping", authors=(Author("Mennis", "J."),), year=2006)))
    return WorkSources(refs, (), papers, ocr_documents=frozenset({1}) if header_ocr else frozenset(),
                       ocr_pages={1: frozenset(range(1, 31))} if header_ocr else {})


def _work_of_paper(got: ResolvedWorks, doc_id: int) -> WorkRow:
    return next(w for w in got.works if w.document_id == doc_id)


def test_misread_ocr_header_is_linked_and_corrected() -> None:
    got = resolve_stored_works(_sources())
    work = _work_of_paper(got, 1)
    assert work.label == "Mugglin et al. 1999"
    assert got.reference_works[(2, 0)] == work.id == got.reference_works[(3, 4)]
    assert work.mentions == 3 and got.corpus_papers_cited == 1
    meta = got.corrected_metadata[1]
    assert [a.family for a in meta.authors] == ["Mugglin", "Carlin", "Zhu", "Conlon"]
    assert [a.given for a in meta.authors] == ["A. S.", "B. P.", "L.", "E."]
    assert meta.year == 1999
    assert "authors:OCR header corrected from citing papers 2, 3 (read Muaeuin, Anprew S.; Caruin, BRApLey P.; " \
           "Zou, Li; Contont, Ertn)" in meta.provenance
    assert "year:OCR header corrected from citing papers 2, 3 (read 1998)" in meta.provenance
    assert any("OCR header corrected" in c for c in work.corrected)
    fix = got.header_corrections[0]
    assert fix.describe()[0] == "Muaeuin → Mugglin (OCR header; citing papers 2, 3)"


def test_a_corrected_header_keeps_its_record_on_the_next_run() -> None:
    first = resolve_stored_works(_sources())
    meta = first.corrected_metadata[1]
    again = resolve_stored_works(_sources(header=meta.authors, year=meta.year or 0, provenance=meta.provenance))
    assert again.corrected_metadata == {} and again.header_corrections == ()
    work = _work_of_paper(again, 1)
    assert work.id == _work_of_paper(first, 1).id and work.corrected == _work_of_paper(first, 1).corrected


def test_native_text_header_is_never_corrected_or_linked_by_title() -> None:
    got = resolve_stored_works(_sources(header_ocr=False))
    assert got.header_corrections == () and got.corrected_metadata == {}
    work = _work_of_paper(got, 1)
    assert work.label == "Muaeuin et al. 1998" and work.mentions == 1


def test_header_ocr_only_on_later_pages_counts_as_text_layer() -> None:
    src = _sources()
    src = WorkSources(src.references, src.mentions, src.papers, src.ocr_documents, ocr_pages={1: frozenset({12})})
    assert resolve_stored_works(src).header_corrections == ()


@pytest.mark.parametrize("title", ["Introduction", "Book review", "Editorial",
                                   "Reply to the comments on areal interpolation",
                                   "Areal interpolation: a review"])
def test_generic_or_short_titles_are_not_linked(title: str) -> None:
    got = resolve_stored_works(_sources(title=title))
    assert got.header_corrections == ()
    assert _work_of_paper(got, 1).mentions == 1
    assert distinctive_title(title) == ""


def test_disagreeing_doi_is_not_linked() -> None:
    got = resolve_stored_works(_sources(doi="10.1068/a311337", cite_doi="10.1000/other.1"))
    assert got.header_corrections == ()
    assert _work_of_paper(got, 1).mentions == 1


def test_library_fields_are_not_corrected() -> None:
    got = resolve_stored_works(_sources(provenance=("authors:library refs.bib", "year:library refs.bib")))
    assert got.header_corrections == ()


def _mention(item: str, doc: int, names: tuple[tuple[str, str], ...], year: int, *, et_al: bool = False,
             doubtful: bool = False, title: str = TITLE, doi: str | None = None) -> TitledMention:
    return TitledMention(item, doc, title, year, doi, names, et_al, doubtful)


HEAD = (("Muaeuin", "AS"), ("Caruin", "BP"), ("Zou", "L"), ("Contont", "E"))
CITE = (("Mugglin", "A"), ("Carlin", "B"), ("Zhu", "L"), ("Conlon", "E"))


def test_title_matches_need_years_within_one_and_fitting_names() -> None:
    head = _mention("p:1", 1, HEAD, 1998, doubtful=True)
    ok = _mention("r:2:0", 2, CITE, 1999)
    et_al = _mention("r:5:3", 5, (("Mugglin", "A"),), 1999, et_al=True)
    far = _mention("r:3:0", 3, CITE, 2001)
    other_team = _mention("r:4:0", 4, (("Smith", "J"), ("Jones", "K")), 1999)
    got = title_matches([head, ok, et_al, far, other_team])
    assert got == {"p:1": ("r:2:0", "r:5:3")}


def test_text_layer_mentions_are_not_looked_up() -> None:
    assert title_matches([_mention("p:1", 1, HEAD, 1998), _mention("r:2:0", 2, CITE, 1999)]) == {}


def test_no_name_correction_when_initials_disagree_or_citers_disagree() -> None:
    head = _mention("p:1", 1, HEAD, 1998, doubtful=True)
    swapped = (("Mugglin", "B"), ("Carlin", "A"), ("Zhu", "L"), ("Conlon", "E"))
    fix = header_correction(head, [_mention("r:2:0", 2, swapped, 1999), _mention("r:3:0", 3, swapped, 1999)])
    assert fix is not None and fix.names == () and fix.year == (1998, 1999)
    other = (("Muggins", "A"), ("Carlin", "B"), ("Zhu", "L"), ("Conlon", "E"))
    fix = header_correction(head, [_mention("r:2:0", 2, CITE, 1999), _mention("r:3:0", 3, other, 1999)])
    assert fix is not None and fix.names == ()


def test_year_needs_two_citing_papers_all_agreeing() -> None:
    head = _mention("p:1", 1, HEAD, 1998, doubtful=True)
    one = header_correction(head, [_mention("r:2:0", 2, CITE, 1999)])
    assert one is not None and one.year is None and len(one.names) == 4
    split = header_correction(head, [_mention("r:2:0", 2, CITE, 1999), _mention("r:3:0", 3, CITE, 1998)])
    assert split is not None and split.year is None


def test_settings_are_validated() -> None:
    with pytest.raises(SettingsError, match="use 95"):
        TitleLinkSettings(min_ratio=50)
    with pytest.raises(SettingsError, match="use 6"):
        TitleLinkSettings(min_content_words=1)


def test_store_round_trip_writes_corrected_header(tmp_path: Path) -> None:
    from litmap.store.db import Store
    from litmap.store.works import save_works

    store = Store(tmp_path / "s.db", write=True)
    conn = store.conn
    now = "2026-01-01"
    with store.transaction():
        for doc in (1, 2, 3):
            conn.execute("INSERT INTO documents(id, sha256, path, status, ocr, added_at, updated_at) "
                         "VALUES (?, ?, ?, 'ok', ?, ?, ?)", (doc, f"x{doc}", f"{doc}.pdf", int(doc == 1), now, now))
        conn.execute("INSERT INTO metadata(document_id, title, authors, year) VALUES (1, ?, ?, 1998)",
                     (TITLE, json.dumps([a.to_dict() for a in MISREAD])))
    got = resolve_stored_works(_sources())
    save_works(store, got)
    row = sqlite3.connect(tmp_path / "s.db").execute(
        "SELECT authors, year, provenance FROM metadata WHERE document_id=1").fetchone()
    assert [a["family"] for a in json.loads(row[0])] == ["Mugglin", "Carlin", "Zhu", "Conlon"]
    assert row[1] == 1999 and "OCR header corrected" in row[2]
    store.close()


def test_linked_by_title_when_names_cannot_be_corrected() -> None:
    # One header initial unreadable: the names are not corrected, yet the title links the paper to its citers.
    header = (Author("Muaeuin", "Anprew S."), Author("Caruin", None), Author("Zou", "Li"), Author("Contont", "Ertn"))
    got = resolve_stored_works(_sources(header=header))
    work = _work_of_paper(got, 1)
    assert got.header_corrections[0].names == ()
    assert work.mentions == 3 and got.reference_works[(2, 0)] == work.id
