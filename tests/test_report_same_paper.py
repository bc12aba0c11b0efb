"""One article in two files (a JSTOR text and the publisher's PDF): one work, listed under extraction health."""

from __future__ import annotations

import dataclasses

from litmap.batch.works import resolve_corpus_works
from litmap.report import ReportSettings
from litmap.report.data import gather_report_data
from litmap.report.markdown import render_markdown
from litmap.store.corpusdata import load_corpus_data
from litmap.store.db import Store
from litmap.store.topics import iter_body_paragraphs
from report_fixture import PAPERS, build_fixture_store, make_document


def _copy(n: int, doi: str, path: str, cites: tuple[str, ...] = ("brenner",)) -> object:
    doc = make_document(n, ("p2", "Waley", "Paul", 2016, "Speaking gentrification in the languages of the Global East",
                            "Urban Studies", list(cites), []))
    return dataclasses.replace(doc, source=dataclasses.replace(doc.source, path=path, sha256=f"{n:064x}"),
                               metadata=dataclasses.replace(doc.metadata, doi=doi))


def test_the_same_paper_in_two_files_is_one_work_and_is_listed(tmp_path):
    path = build_fixture_store(str(tmp_path / "s.db"), topics=False)
    with Store(path, write=True) as store:
        store.save_document(_copy(len(PAPERS) + 1, "10.2307/26151049", "/corpus/Paper22.txt"))  # type: ignore[arg-type]
        store.save_document(_copy(len(PAPERS) + 2, "10.1177/0042098015615726", "/corpus/waley.pdf"))  # type: ignore[arg-type]
        summary = resolve_corpus_works(store)
        data = load_corpus_data(store.conn)
        read = {p.document_id for p in iter_body_paragraphs(store.conn)}
        waley = [w for w in data.works.values() if w.first_author == "Waley"]
        assert len(waley) == 1 and len(waley[0].copies) == 1
        assert waley[0].doi == "10.1177/0042098015615726"
        report = gather_report_data(store.conn, ReportSettings(title="t", figures=False, timestamp=False))
        path_of = dict(store.conn.execute("SELECT id, path FROM documents").fetchall())
    (pid, files), = report.overview.same_paper
    assert pid == waley[0].document_id and pid not in waley[0].copies
    kept, other = path_of[pid].rsplit("/", 1)[-1], path_of[waley[0].copies[0]].rsplit("/", 1)[-1]
    assert {kept, other} == {"Paper22.txt", "waley.pdf"}
    assert files == f"counted from {kept}; also in {other}"
    # the other file leaves the analyses: the paper is listed once
    listed = {p.id for p in report.papers}
    assert pid in read and waley[0].copies[0] not in read  # topics read the paper's passages once
    assert pid in listed and waley[0].copies[0] not in listed
    assert len(data.papers) == len(PAPERS) + 1
    assert "The same paper in more than one file" in render_markdown(report, {})
    # two copies of a paper are no citation of it: the count is what one copy alone gives
    with Store(build_fixture_store(str(tmp_path / "one.db"), topics=False), write=True) as store:
        store.save_document(_copy(len(PAPERS) + 1, "10.2307/26151049", "/corpus/Paper22.txt"))  # type: ignore[arg-type]
        assert resolve_corpus_works(store).corpus_papers_cited == summary.corpus_papers_cited


def test_extraction_health_lists_papers_not_the_second_file_of_one(tmp_path):
    """The publisher's file holds no reference list, the JSTOR file does: the paper is counted from the JSTOR
    file, and the other file is no paper "with no reference list" (it was listed as "paper 11", with no label)."""
    path = build_fixture_store(str(tmp_path / "s.db"), topics=False)
    with Store(path, write=True) as store:
        store.save_document(_copy(len(PAPERS) + 1, "10.2307/26151049", "/corpus/Paper22.txt"))  # type: ignore[arg-type]
        store.save_document(_copy(len(PAPERS) + 2, "10.1177/0042098015615726", "/corpus/Paper23.txt",
                                  cites=()))  # type: ignore[arg-type]
        resolve_corpus_works(store)
        second = store.conn.execute("SELECT id FROM documents WHERE path LIKE '%Paper23.txt'").fetchone()[0]
        report = gather_report_data(store.conn, ReportSettings(title="t", figures=False, timestamp=False))
    listed = {p.id for p in report.papers}
    assert second not in listed
    (pid, files), = report.overview.same_paper
    assert files == "counted from Paper22.txt; also in Paper23.txt"
    ov = report.overview
    assert {x.id for x in ov.no_references} <= listed and set(ov.ocr) <= listed
    assert {x.id for x in ov.garbled + ov.guessed} <= listed
    assert f"paper {second}" not in render_markdown(report, {})
