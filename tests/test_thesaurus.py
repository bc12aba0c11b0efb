"""The scholar's thesaurus: authors and works merged or dropped on every run (issue 18)."""

import pytest

from litmap.analyse.networks.build import author_cocitation_network
from litmap.analyse.thesaurus import apply_thesaurus, parse_thesaurus, read_thesaurus
from litmap.errors import InputError
from litmap.store.corpusdata import CitationContext, CorpusData, Paper, WorkInfo


def _data():
    works = {
        "W1": WorkInfo("W1", "Harvey 1989a", "Harvey", 1989),
        "W2": WorkInfo("W2", "Harvey 1989", "HARVEY", 1989),
        "W3": WorkInfo("W3", "Gregory 1994", "Gregory", 1994),
        "W4": WorkInfo("W4", "De Landa 2006", "De Landa", 2006),
    }
    papers = {1: Paper(1, "a", ("A, B.",), 2020), 2: Paper(2, "b", ("C, D.",), 2021)}
    refs = {1: ("W1", "W3", "W4"), 2: ("W2", "W3")}
    ctx = (CitationContext(1, ("W1", "W3"), "s", 0),)
    return CorpusData(papers, works, refs, ctx)


def test_two_columns_are_authors_and_case_dots_do_not_matter():
    th = parse_thesaurus("label\treplace by\nDE LANDA.\tDeLanda\nAnonymous\t\n")
    assert th.author("De Landa") == "DeLanda"
    assert th.author("Anonymous") is None
    assert th.author("Brenner") == "Brenner"


def test_works_merge_and_authors_replace():
    th = parse_thesaurus("kind\tlabel\treplace by\nwork\tHarvey 1989a\tHarvey 1989\nauthor\tGregory\t\n"
                         "author\tDe Landa\tDeLanda\n")
    out = apply_thesaurus(_data(), th)
    assert out.references[1] == ("W2", "W3", "W4")
    assert out.contexts[0].work_ids == ("W2", "W3")
    assert "W1" not in out.works
    assert out.works["W4"].first_author == "DeLanda"
    G = author_cocitation_network(out)
    assert "Gregory" not in G and "DeLanda" in G


def test_work_renamed_and_dropped():
    th = parse_thesaurus("kind,label,replace by\nwork,Harvey 1989a,Harvey 1989 (Condition)\nwork,W3,\n")
    out = apply_thesaurus(_data(), th)
    assert out.works["W1"].label == "Harvey 1989 (Condition)"
    assert out.references[2] == ("W2",)


@pytest.mark.parametrize("text, message", [
    ("from\tto\nA\tB\n", "first line must name the columns"),
    ("kind\tlabel\treplace by\nconcept\tx\ty\n", "line 2: unknown kind"),
    ("kind\tlabel\treplace by\nauthor\t\tB\n", "line 2: no label"),
], ids=["no header", "unknown kind", "empty label"])
def test_bad_thesaurus_says_which_line(text, message):
    with pytest.raises(InputError, match=message):
        parse_thesaurus(text)


def test_read_thesaurus_file(tmp_path):
    f = tmp_path / "thesaurus.txt"
    f.write_text("\ufefflabel\treplace by\n# a comment\nSWYNGEDOUW\tSwyngedouw\n", encoding="utf-8")
    assert read_thesaurus(f).author("SwyNGEDouw") == "Swyngedouw"
    with pytest.raises(InputError, match="cannot read the thesaurus"):
        read_thesaurus(tmp_path / "missing.tsv")


def test_report_and_run_apply_the_thesaurus_and_a_refresh_keeps_it(tmp_path):
    """`run --thesaurus`: the correction is in the report's works after the first run and after a refresh."""
    import json
    import os
    import re
    import sys

    from litmap.batch.ingest import IngestSettings
    from litmap.pipeline import RunSettings, run_pipeline
    from litmap.store import Store

    sys.path.insert(0, os.path.dirname(__file__))
    from test_refresh import _write_papers

    corpus, out, db = tmp_path / "papers", tmp_path / "report", str(tmp_path / "r.db")
    corpus.mkdir()
    th = tmp_path / "thesaurus.tsv"
    th.write_text("kind\tlabel\treplace by\nwork\tKeating 1998\tKeating 1998 (New Regionalism)\n", encoding="utf-8")

    def labels(thesaurus):
        settings = RunSettings(ingest=IngestSettings(jobs=0, ocr="never"), topics=False, thesaurus=thesaurus)
        with Store(db, write=True) as st:
            run_pipeline([str(corpus)], st, str(out), settings)
        page = (out / "index.html").read_text(encoding="utf-8")
        data = json.loads(re.search(r'id="litmap-data">(.*?)</script>', page, re.S).group(1))
        return {w["label"] for w in data["works"].values()} if isinstance(data["works"], dict) \
            else {w["label"] for w in data["works"]}

    _write_papers(corpus, range(3))
    first = labels(str(th))
    assert "Keating 1998 (New Regionalism)" in first and "Keating 1998" not in first
    _write_papers(corpus, range(3, 5))  # a refresh: two new papers
    again = labels(str(th))
    assert "Keating 1998 (New Regionalism)" in again and "Keating 1998" not in again
    assert "Keating 1998" in labels(None)  # without the file, the stored label is back: nothing was written
