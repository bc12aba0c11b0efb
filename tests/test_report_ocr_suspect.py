"""Works named only by a scan under names likely misread by OCR: marked, never ranked, counted."""

from __future__ import annotations

import dataclasses

from litmap.batch.works import resolve_corpus_works
from litmap.models import Author, Citation, CitedWork, Reference
from litmap.report import ReportSettings
from litmap.report.data import gather_report_data
from litmap.report.records import OCR_SUSPECT_MARK
from litmap.store.corpusdata import load_corpus_data
from litmap.store.db import Store
from report_fixture import PAPERS, build_fixture_store, make_document


def _scan(n: int) -> object:
    """A scanned paper citing a work under a misread name, one under a broken name and one its text confirms."""
    doc = make_document(n, ("p2", "Okafor", "Ngozi", 2011, "A scanned paper", "Urban Studies",
                            ["brenner", "jessop"], []))
    bad = [Reference(2, "Xqzvjk. A. (1986): Urban dreams, London.", (Author("Xqzvjk.", "A."),), year=1986,
                     title="Urban dreams", type="book", page=3),
           Reference(3, "Berkow!7z. B. (1984): Economic development, London.", (Author("Berkow!7z.", "B."),),
                     year=1984, title="Economic development", type="book", page=3),
           Reference(4, "Xqzvjkw. C. (1980): City law, London.", (Author("Xqzvjkw.", "C."),), year=1980,
                     title="City law", type="book", page=3)]
    # The paper's own text prints "Xqzvjkw" so too: that name is confirmed, not doubted.
    sentence = "Cities compete for investment (Xqzvjkw, 1980)."
    cites = [Citation(raw="(Xqzvjkw, 1980)", kind="parenthetical", page=2, section="Introduction", sentence=sentence,
                      paragraph=1, cites=(CitedWork(("Xqzvjkw",), 1980, reference=4, confidence=0.9),))]
    return dataclasses.replace(
        doc, source=dataclasses.replace(doc.source, path="/corpus/scan-2011.pdf", sha256=f"{n:064x}", ocr=True),
        metadata=dataclasses.replace(doc.metadata, doi="10.5555/litmap.scan"),  # not the fixture p2's: another paper
        warnings=("OCR used on pages 1–12: text may contain recognition errors",),
        references=doc.references + tuple(bad), citations=doc.citations + tuple(cites))


def test_suspect_works_are_marked_never_ranked_and_counted(tmp_path):
    path = build_fixture_store(str(tmp_path / "s.db"), topics=False)
    with Store(path, write=True) as store:
        store.save_document(_scan(len(PAPERS) + 1))  # type: ignore[arg-type]
        resolve_corpus_works(store)
        data = load_corpus_data(store.conn)
        suspect = {w.label: w.ocr_suspect for w in data.works.values() if w.ocr_suspect}
        assert set(suspect) == {"Xqzvjk 1986", "Berkow!7z 1984"}
        assert "stray characters" in suspect["Berkow!7z 1984"][0]
        report = gather_report_data(store.conn, ReportSettings(title="t", figures=False, timestamp=False))
    labels = {w.id: w.label for w in report.works.values()}
    xq = next(i for i, lab in labels.items() if lab.startswith("Xqzvjk"))
    assert labels[xq] == f"Xqzvjk 1986 {OCR_SUSPECT_MARK}"
    ranked = {m.work for m in report.overview.most_cited}
    assert ranked and xq not in ranked  # Brenner, Jessop … are ranked; the misread name is not
    assert {lab for lab, _ in report.overview.ocr_suspect} == {"Xqzvjk 1986", "Berkow!7z 1984"}
