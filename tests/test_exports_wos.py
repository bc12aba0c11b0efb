"""The WoS plain-text export loads in the tools scholars use: metaknowledge, wosfile and bibliometrix (R)."""

from __future__ import annotations

import os
import subprocess

import pytest

from litmap.export.wos import (UNKNOWN_ADDRESS, UNKNOWN_SOURCE, c1_addresses, cr_line, format_wos, record_fields,
                               local_citations, parse_wos)
from litmap.store.corpusdata import CorpusData, Paper, WorkInfo

CHECK = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools", "bibliometrix-check")


def corpus() -> CorpusData:
    """Four papers: full metadata, no affiliations, no authors or journal, and one citing another."""
    papers = {
        1: Paper(1, "Scale, the state and the city", 2000, "Antipode", ("Brenner, N.", "Theodore, N."), "10.1/a",
                 work_id="W1", authors_full=("Brenner, Neil", "Theodore, Nik"), volume="32", issue="4",
                 pages="361-378", abstract="Cities are rescaled.", keywords=("rescaling", "state space"),
                 affiliations=("aDepartment of Sociology, New York University, New York, NY, USA; "
                               "bSchool of Urban Planning, McGill University, Montreal, Canada",
                               "*Corresponding author. Email: nb@nyu.edu")),
        2: Paper(2, "Regions unbound", 2004, "Urban Studies", ("Jessop, B. R.",), work_id="W2",
                 affiliations=("Bob Jessop is a professor at Lancaster University.",)),
        3: Paper(3, "Untitled grey paper", 2010, None, (), None),
        4: Paper(4, "Gentrification generalised", 2005, "Environment and Planning A", ("Smith, N.",), work_id="W4",
                 affiliations=("Graduate Center, City University of New York, New York, USA",),
                 keywords=("gentrification",), abstract="A global urban strategy."),
    }
    works = {
        "A": WorkInfo("A", "Harvey 1989", "Harvey", 1989, "From managerialism", "10.2307/490503",
                      source="Geografiska Annaler, Series B", volume="71", page="3-17", first_initials="D"),
        "B": WorkInfo("B", "Jessop 2002", "Jessop", 2002),
        "C": WorkInfo("C", "Peck 2005", "Peck", 2005, "Struggling with the creative class", first_initials="J",
                      source="International Journal of Urban and Regional Research", volume="29", page="740"),
        "W1": WorkInfo("W1", "Brenner 2000", "Brenner", 2000, document_id=1),
        "W2": WorkInfo("W2", "Jessop 2004", "Jessop", 2004, document_id=2),
        "W4": WorkInfo("W4", "Smith 2005", "Smith", 2005, document_id=4),
    }
    refs = {1: ("A", "B", "C", "W2"), 2: ("A", "B", "W1"), 3: ("A", "C", "W1", "W2"), 4: ("A", "C", "W1")}
    return CorpusData(papers, works, refs)


@pytest.fixture
def wos_file(tmp_path):
    path = tmp_path / "savedrecs.txt"
    path.write_text(format_wos(corpus()), encoding="utf-8")
    return path


def test_every_record_has_the_fields_bibliometrix_requires():
    recs = parse_wos(format_wos(corpus()))
    assert len(recs) == 4
    for r in recs:  # isi2df's mandatory list, less RP and ID (WoS itself leaves them out at times)
        for tag in ("PT", "AU", "TI", "SO", "C1", "CR", "NR", "TC", "PY", "UT"):
            assert r.get(tag), (tag, r)
    r1, r2, r3, r4 = recs
    assert r1["C1"] == ["Department of Sociology, New York University, New York, NY, USA.",
                        "School of Urban Planning, McGill University, Montreal, Canada."]
    assert r1["DE"] == ["rescaling; state space"] and r1["AB"] == ["Cities are rescaled."]
    assert r2["C1"] == [UNKNOWN_ADDRESS]  # a biography is not an address
    assert r3["AU"] == ["[Anonymous]"] and r3["SO"] == [UNKNOWN_SOURCE] and r3["UT"] == ["LITMAP:D000000003"]
    assert [r["UT"] for r in (r1, r2, r4)] == [["LITMAP:W1"], ["LITMAP:W2"], ["LITMAP:W4"]]
    # TC: cited by the corpus's other papers (W1 by 2, 3, 4; W2 by 1, 3; W4 by none)
    assert [r["TC"] for r in recs] == [["3"], ["2"], ["0"], ["0"]]
    assert local_citations(corpus()) == {1: 3, 2: 2, 3: 0, 4: 0}
    assert r1["CR"][:3] == ["Harvey D, 1989, GEOGRAFISKA ANNALER SERIES B, V71, P3, DOI 10.2307/490503",
                            "Jessop, 2002",
                            "Peck J, 2005, INTERNATIONAL JOURNAL OF URBAN AND REGIONAL RESEARCH, V29, P740"]


@pytest.mark.parametrize("printed, address", [
    ("1 Department of Geography, Univ. of Leicester, Leicester LE1 7RH, UK", "Department of Geography, Univ of Leicester, Leicester LE1 7RH, UK."),
    ("Samantha Cockings is a research assistant in the Department of Geography at the University of Durham.", None),
    ("Geographical Analysis, Vol. 29, No. 4 (October 1997) 0 1997 Ohio State University Press Submitted: 12/17/96.", None),
    ("Academics’ life in the globally wired university", None),
    ("Sarah Franklin Durham, NC, Duke University Press, 2007 253 pp ISBN 13 978-0-8223-3903-8", None),
    ("Institute for Advanced Studies [IHS], Vienna", "Institute for Advanced Studies (IHS), Vienna."),
], ids=["numbered", "biography", "imprint", "title", "book-review", "brackets"])
def test_c1_addresses(printed, address):
    assert c1_addresses((printed,)) == ([address] if address else [])


def test_cr_line_puts_initials_after_the_surname():
    w = WorkInfo("B", "Jessop 2002", "Jessop", 2002, title="The future of the capitalist state", first_initials="B")
    assert cr_line(w) == "Jessop B, 2002, THE FUTURE OF THE CAPITALIST STATE"


@pytest.mark.requires("metaknowledge")
def test_metaknowledge_reads_every_record(wos_file):
    import metaknowledge

    rc = metaknowledge.RecordCollection(str(wos_file))
    assert len(rc) == 4 and not any(r.bad for r in rc)
    by_id = {r.id: r for r in rc}
    assert set(by_id) == {"LITMAP:W1", "LITMAP:W2", "LITMAP:D000000003", "LITMAP:W4"}
    r = by_id["LITMAP:W1"]
    assert r.get("TC") == 3 and r.get("authorsShort") == ["Brenner, N", "Theodore, N"]
    cites = r.getCitations()["citeString"]
    assert sorted(cites)[0].startswith("Harvey D, 1989") and len(cites) == 4
    assert sum(len(x.get("CR") or []) for x in rc) == 14


@pytest.mark.requires("wosfile")
def test_wosfile_reads_every_record(wos_file):
    import wosfile

    recs = list(wosfile.records_from(str(wos_file)))
    assert [r["UT"] for r in recs] == ["LITMAP:W1", "LITMAP:W2", "LITMAP:D000000003", "LITMAP:W4"]
    assert recs[0]["C1"].split("; ")[1] == "School of Urban Planning, McGill University, Montreal, Canada."
    assert recs[0]["TC"] == "3" and recs[0]["DE"] == ["rescaling", "state space"]
    assert len(recs[2]["CR"]) == 4 and recs[1]["CR"][1] == "Jessop, 2002"


def test_bibliometrix_loads_and_analyses_the_export(wos_file):
    """convert2df, biblioAnalysis and a co-citation biblioNetwork, through ../shared/tools/bibliometrix-check."""
    if not os.path.isfile(CHECK):
        pytest.skip("../shared/tools/bibliometrix-check is not present")
    try:
        run = subprocess.run([CHECK, str(wos_file)], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"bibliometrix-check could not run: {exc}")
    line = run.stdout.strip()
    if run.returncode == 2:  # R missing and not installable here
        pytest.skip(line)
    assert run.returncode == 0, line
    assert line.startswith("bibliometrix: 4 documents"), line


@pytest.mark.parametrize("venue, pt, dt", [
    ("Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics", "C", "Proceedings Paper"),
    ("1st Conference on Robot Learning (CoRL 2017)", "C", "Proceedings Paper"),
    ("Urban Studies", "J", "Article"),
    ("Conference Papers in Geography Quarterly", "J", "Article"),  # a journal's name holding the word
])
def test_a_conference_paper_is_typed_as_wos_types_it(venue, pt, dt):
    paper = Paper(1, "Citation intent", 2020, venue, ("Cohan, A.",), None)
    fields = record_fields(paper, CorpusData({1: paper}, {}, {}), 0)
    assert (fields["PT"], fields["DT"]) == ([pt], [dt])
