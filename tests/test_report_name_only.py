"""A work cited by surnames and year only, where two works of the corpus fit: marked, and listed with both."""

from __future__ import annotations

import dataclasses

from litmap.batch.works import resolve_corpus_works
from litmap.models import Author, Citation, CitedWork, Reference
from litmap.report import ReportSettings
from litmap.report.data import gather_report_data
from litmap.report.records import NAME_ONLY_MARK
from litmap.store.corpusdata import load_corpus_data
from litmap.store.db import Store
from report_fixture import PAPERS, build_fixture_store, make_document


def _with_two_smiths(n: int) -> object:
    doc = make_document(n, ("p2", "Okafor", "Ngozi", 2011, "Rent gaps revisited", "Urban Studies", ["brenner"], []))
    smiths = [Reference(1, "Smith, N. (1979). Toward a theory of gentrification. JAPA, 45, 538-548.",
                        (Author("Smith", "N."),), year=1979, title="Toward a theory of gentrification", type="article"),
              Reference(2, "Smith, N. (1979a). Gentrification and capital. Antipode, 11, 24-35.",
                        (Author("Smith", "N."),), year=1979, year_suffix="a", title="Gentrification and capital",
                        type="article")]
    # its own DOI: make_document gives the fixture paper's ("p2"), and one DOI is one paper (two files of it count once)
    return dataclasses.replace(doc, source=dataclasses.replace(doc.source, path="/corpus/smiths.pdf",
                                                               sha256=f"{n:064x}"),
                               metadata=dataclasses.replace(doc.metadata, doi="10.5555/litmap.smiths"),
                               references=doc.references[:1] + tuple(smiths))


def _text_without_references(n: int) -> object:
    doc = make_document(n, ("p3", "Lindqvist", "Sara", 2013, "A text export", "Urban Studies", [], []))
    sentence = "Rents rose in the inner city (Smith, 1979)."  # no title word of either work
    cite = Citation(raw="(Smith, 1979)", kind="parenthetical", page=1, section="Introduction", sentence=sentence,
                    paragraph=1, cites=(CitedWork(("Smith",), 1979),))
    return dataclasses.replace(doc, source=dataclasses.replace(doc.source, path="/corpus/export.txt",
                                                               sha256=f"{n:064x}"),
                               metadata=dataclasses.replace(doc.metadata, doi="10.5555/litmap.export"),
                               references=(), citations=(cite,))


def test_name_only_work_is_marked_and_says_which_works_fit(tmp_path):
    path = build_fixture_store(str(tmp_path / "s.db"), topics=False)
    with Store(path, write=True) as store:
        store.save_document(_with_two_smiths(len(PAPERS) + 1))  # type: ignore[arg-type]
        store.save_document(_text_without_references(len(PAPERS) + 2))  # type: ignore[arg-type]
        resolve_corpus_works(store)
        data = load_corpus_data(store.conn)
        smith = [w for w in data.works.values() if w.first_author == "Smith" and w.year == 1979]
        assert len(smith) == 3
        unsure = [w for w in smith if w.fits]
        assert len(unsure) == 1 and unsure[0].title is None
        assert set(unsure[0].fits) == {w.id for w in smith if w.title}
        report = gather_report_data(store.conn, ReportSettings(title="t", figures=False, timestamp=False))
    assert report.works[unsure[0].id].label == f"Smith 1979 {NAME_ONLY_MARK}"
    (label, fits), = report.overview.name_only
    assert label == "Smith 1979" and "Toward a theory of gentrification" in fits and "Gentrification and capital" in fits
