"""BibTeX, RIS and CSL-JSON exports."""

from __future__ import annotations

import json
import re
import subprocess

import bibtexparser
import pytest

from litmap.export import to_bibtex, to_csl_json, to_ris
from litmap.export.bibliography import bibtex_keys, latex_escape
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


# -- hostile values: every BibTeX reader must take the whole file --------------------------

HOSTILE = ["}", "{", "}{", "a } b", "{a", "b}", "x \\} y", "\\{", "{{}", "}}{{", "\\", "\\end{document}", "%",
           "% comment }", "@book{x,", "a@b", "~^_$#&", "\"quoted\" = ,", "Ünïcödé 東京 \u202eevil",
           "\x1b[2J\nFAILED x", "and", "Smith, Jr", "Tom and Jerry", "long " * 4000]


def _hostile_refs() -> list[Reference]:
    types = ["book", "article", "chapter", "report", "thesis", "web", "other"]
    return [
        Reference(index=i, raw="", authors=(Author(h, h), Author(h, organisation=True)), editors=(Author("E" + h, h),),
                  year=1990 + i, title=h, container=h, volume=h, issue=h, pages=h, edition=h, publisher=h, place=h,
                  doi="10.1000/" + h, url="https://example.org/" + h, type=types[i % len(types)])
        for i, h in enumerate(HOSTILE)
    ]


def _depths_ok(value: str) -> bool:
    """Braces balanced counting every brace, escaped or not (as BibTeX does)."""
    depth = 0
    for c in value:
        depth += (c == "{") - (c == "}")
        if depth < 0:
            return False
    return depth == 0


def test_hostile_values_are_brace_balanced():
    for h in HOSTILE:
        assert _depths_ok(latex_escape(h)), h
    assert latex_escape("a } b") == r"a \textbraceright{} b"
    assert latex_escape("}{") == r"\textbraceright{}\textbraceleft{}"
    assert latex_escape("{Urban} }") == r"\{Urban\} \textbraceright{}"  # a pair stays a (literal) pair
    assert latex_escape("x\\y") == r"x\textbackslash{}y"
    assert latex_escape("\x1b[2J") == "[2J"  # control characters dropped


def test_hostile_titles_and_names_parse_with_bibtexparser():
    refs = _hostile_refs()
    text = to_bibtex(refs)
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks and len(lib.entries) == len(refs)
    assert len({e.key for e in lib.entries}) == len(refs)
    for e in lib.entries:
        assert re.fullmatch(r"[a-z0-9]+", e.key), e.key
        for f in e.fields:
            assert _depths_ok(f.value), (e.key, f.key, f.value[:80])
    assert "\x1b" not in text


@pytest.mark.requires("pybtex")
def test_hostile_titles_and_names_parse_with_pybtex():
    from pybtex.database import parse_string

    refs = _hostile_refs()
    data = parse_string(to_bibtex(refs), "bibtex")
    assert len(data.entries) == len(refs)
    for key, ref in zip(bibtex_keys(refs), refs):
        entry = data.entries[key]
        # a comma or a word "and" inside a name does not split it into more people; a "name" without a
        # letter (a "***" placeholder) is no person
        named = any(c.isalpha() for c in ref.authors[0].family)
        assert len(entry.persons.get("author", [])) == (2 if named else 0)
        assert len(entry.persons.get("editor", [])) == 1
    first = data.entries[bibtex_keys(refs)[0]]
    assert first.fields["title"] == r"{\textbraceright{}}"


@pytest.mark.requires_program("biber")
def test_hostile_titles_and_names_parse_with_biber(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(to_bibtex(_hostile_refs()), encoding="utf-8")
    proc = subprocess.run(["biber", "--tool", "--nolog", f"--output-directory={tmp_path}", str(bib)],
                          capture_output=True, text=True, timeout=300)
    problems = [line for line in proc.stdout.splitlines() if line.startswith(("ERROR", "WARN"))]
    assert proc.returncode == 0 and not problems, proc.stdout[-3000:]
    out = next(p for p in tmp_path.iterdir() if p.name != "refs.bib" and p.suffix == ".bib")
    assert out.read_text(encoding="utf-8").count("@") >= len(HOSTILE)


def test_url_and_doi_stay_verbatim():
    ref = Reference(index=0, raw="", year=2020, title="T", doi="10.1002/(SICI)1097_x#y%z{",
                    url="https://example.org/a_b?c=1&d=%20#top}", type="article")
    fields = bibtexparser.parse_string(to_bibtex([ref])).entries[0].fields_dict
    assert fields["doi"].value == "10.1002/(SICI)1097_x#y%z%7B"
    assert fields["url"].value == "https://example.org/a_b?c=1&d=%20#top%7D"
