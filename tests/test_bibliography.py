"""BibTeX, RIS and CSL-JSON exports."""

from __future__ import annotations

import json

import bibtexparser

from litmap.export import to_bibtex, to_csl_json, to_ris
from litmap.models import Author, Metadata, Reference

REFS = [
    Reference(index=0, raw="", authors=(Author("Brenner", "N."),), year=2004,
              title="New State Spaces: {Urban} governance & 100% rescaling_$#~^\\", publisher="Oxford University Press",
              place="Oxford", type="book"),
    Reference(index=1, raw="", authors=(Author("Li", "Y."), Author("Wu", "F.")), year=2012,
              title="The transformation of regional governance in China", container="Progress in Planning",
              volume="78", issue="2", pages="55–99", doi="10.1016/j.progress.2012.03.001", type="article"),
    Reference(index=2, raw="", authors=(Author("City of Helsinki", organisation=True),), year=2008,
              title="Helsinki's programme", type="report"),
    Reference(index=3, raw="", authors=(Author("Brenner", "N."),), year=2004, title="Other", type="article"),
]


def test_bibtex_parses_back_with_escaping():
    text = to_bibtex(REFS)
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks and len(lib.entries) == 4
    keys = [e.key for e in lib.entries]
    assert keys == ["brenner2004a", "li2012", "cityofhelsinki2008", "brenner2004b"]
    e0 = lib.entries[0]
    assert e0.entry_type == "book"
    title = e0.fields_dict["title"].value
    for raw in ("\\&", "\\%", "\\_", "\\$", "\\#", "\\{Urban\\}", "\\textbackslash{}"):
        assert raw in title
    e1 = lib.entries[1]
    assert e1.fields_dict["author"].value == "Li, Y. and Wu, F."
    assert e1.fields_dict["pages"].value == "55--99"
    assert "{{City of Helsinki}}" in text


def test_ris_tags():
    text = to_ris(REFS)
    records = text.strip().split("ER  - ")
    assert len([r for r in records if r.strip()]) == 4
    assert "TY  - JOUR" in text and "TY  - BOOK" in text and "TY  - RPRT" in text
    assert "AU  - Li, Y.\nAU  - Wu, F." in text
    assert "SP  - 55\nEP  - 99" in text and "DO  - 10.1016/j.progress.2012.03.001" in text
    for line in text.splitlines():
        assert not line or line[:2].isalnum() and line[2:6] == "  - "


def test_csl_json():
    items = to_csl_json(REFS + [Metadata(title="A paper", authors=(Author("Wu", "Fulong"),), year=2016, journal="Urban Studies")])
    json.dumps(items)
    assert items[1]["type"] == "article-journal" and items[1]["issued"] == {"date-parts": [[2012]]}
    assert items[1]["author"] == [{"family": "Li", "given": "Y."}, {"family": "Wu", "given": "F."}]
    assert items[2]["author"] == [{"literal": "City of Helsinki"}]
    assert items[4]["container-title"] == "Urban Studies"
    assert len({i["id"] for i in items}) == len(items)
