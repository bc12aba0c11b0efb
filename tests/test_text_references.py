"""Reference lists in plain-text inputs: one entry per reference, whatever the layout.

A .txt reference list keeps its line structure up to the reference splitter,
which splits it as it splits a PDF's lines; lines that differ only in their
numbers ("World Bank (2001) …" / "World Bank (2003) …") are entries, not
running heads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from litmap.batch.extract import extract_file
from litmap.read.repairs.text_furniture import drop_repeated_lines
from litmap.read.textfiles import read_text_file

REFS = [
    "Lees, L., Slater, T. and Wyly, E. (2008) Gentrification. New York: Routledge.",
    "Slater, T. (2009) Missing Marcuse: on gentrification and displacement. City 13(2): 292-311.",
    "Smith, N. (1996) The New Urban Frontier: Gentrification and the Revanchist City. London: Routledge.",
    "World Bank (2001) World Development Report 2001. Washington, DC: World Bank.",
    "World Bank (2003) World Development Report 2003. Washington, DC: World Bank.",
    "World Bank (2005) World Development Report 2005. Washington, DC: World Bank.",
]
CITES = [("Lees et al.", 2008), ("Slater", 2009), ("Smith", 1996), ("World Bank", 2001), ("World Bank", 2003),
         ("World Bank", 2005)]
BODY = " ".join(f"Rents rose and tenants left the neighbourhood ({name}, {year})." for name, year in CITES)
HEAD = f"Displacement and the rent gap\n\nJane Doe\n\n1 Introduction\n\n{BODY}\n\n"


def _hanging(ref: str, width: int = 45, indent: str = "    ") -> str:
    lines, cur = [], ""
    for word in ref.split():
        if cur and len(cur) + len(word) + 1 > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    lines.append(cur)
    return "\n".join([lines[0], *(indent + ln for ln in lines[1:])])


def _wrapped(ref: str, width: int = 45) -> str:
    return _hanging(ref, width, indent="")


LAYOUTS = {
    "one per line": "References\n" + "\n".join(REFS),
    "blank-line separated": "References\n\n" + "\n\n".join(REFS),
    "hanging indent": "References\n" + "\n".join(_hanging(r) for r in REFS),
    "hanging indent, tabs": "References\n" + "\n".join(_hanging(r, indent="\t") for r in REFS),
    "wrapped, blank-line separated": "References\n\n" + "\n\n".join(_wrapped(r) for r in REFS),
    "numbered": "References\n" + "\n".join(f"{i}. {r}" for i, r in enumerate(REFS, 1)),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_reference_of_a_text_list_is_one_entry(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "paper.txt"
    path.write_text(HEAD + LAYOUTS[layout] + "\n", encoding="utf-8")
    doc = extract_file(str(path))
    raws = [" ".join(r.raw.split()) for r in doc.references]
    want = [r if layout != "numbered" else f"{i}. {r}" for i, r in enumerate(REFS, 1)]
    assert [r.split(" (")[0] for r in raws] == [w.split(" (")[0] for w in want]
    assert [r.year for r in doc.references] == [2008, 2009, 1996, 2001, 2003, 2005]
    # Every citation in the text finds its own entry.
    assert [c.cites[0].reference for c in doc.citations] == list(range(len(REFS)))


def test_numbered_and_reference_lines_are_not_running_heads() -> None:
    numbered = "\n".join(f"{i}. Interview with tenant {i}, Brixton, 2019." for i in range(1, 9))
    refs = "\n".join(REFS)
    text = f"{BODY}\n{numbered}\n{refs}\n{BODY}"
    assert drop_repeated_lines(text) == text


def test_reference_lines_differing_in_year_stay_even_a_page_apart() -> None:
    page = (BODY + "\n") * 12
    text = "".join(f"{page}World Bank ({year}) Annual Report. Washington, DC.\n" for year in (2001, 2003, 2005, 2007))
    assert drop_repeated_lines(text) == text


def test_running_heads_a_page_apart_are_dropped() -> None:
    page = (BODY + "\n") * 12
    text = "".join(f"{p + 100} Urban Studies 45(3)\n{page}" for p in range(4))
    out = drop_repeated_lines(text)
    assert "Urban Studies" not in out and out.count(BODY) == 48


def test_form_feed_pages_tell_running_heads_from_content() -> None:
    # Short pages: the head sits at each page's top; the same numbered line inside the pages stays.
    pages = [f"{p} Journal of Urban Affairs\n{BODY}\nItem {p} of the survey was skipped.\n" + f"{BODY}\n" * 5
             for p in range(1, 5)]
    out = drop_repeated_lines("\f".join(pages))
    assert "Journal of Urban Affairs" not in out
    assert out.count("of the survey was skipped") == 4


def test_blank_line_separated_reference_edges_are_not_taken_for_running_heads(tmp_path: Path) -> None:
    path = tmp_path / "refs.txt"
    path.write_text(HEAD + "References\n\n" + "\n\n".join(REFS) + "\n", encoding="utf-8")
    text = "\n".join(b.text for b in read_text_file(str(path)).pages[0].blocks)
    assert all(r in text for r in REFS)


def test_reference_list_blocks_keep_their_lines_and_indents(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    body = "\n".join(_wrapped(BODY) for _ in range(3))
    path.write_text(f"{body}\nReferences\n" + "\n".join(_hanging(r) for r in REFS[:2]) + "\n", encoding="utf-8")
    blocks = read_text_file(str(path)).pages[0].blocks
    block = [b for b in blocks if "Wyly" in b.text][0]
    assert len(block.lines) == 5 and block.lines[0] == "Lees, L., Slater, T. and Wyly, E. (2008)"
    assert block.indents == (0.0, 20.0, 0.0, 20.0, 20.0)  # hanging indent: four spaces
    assert ("References",) in [b.lines for b in blocks]  # the heading cut from the paragraph above it
    assert " ".join(block.lines) == block.text
    # Body text before the list stays one line a block (its line breaks say nothing).
    assert all(b.lines == (b.text,) for b in blocks if "Wyly" not in b.text)


def test_a_references_line_on_a_cover_page_does_not_open_the_list(tmp_path: Path) -> None:
    path = tmp_path / "jstor.txt"
    cover = "REFERENCES\nLinked references are available on JSTOR for this article:\nYou may need to log in.\n\n"
    path.write_text(cover + "\n".join(_wrapped(BODY) for _ in range(4)) + "\n", encoding="utf-8")
    assert all(len(b.lines) == 1 for b in read_text_file(str(path)).pages[0].blocks)


def test_repaired_words_are_repaired_in_the_reference_lines_too(tmp_path: Path) -> None:
    # A lost "fi" ligature ("gentri fication") is rejoined in the block and in its lines alike.
    body = "\n".join(_wrapped(BODY + " Gentrification and gentrification studies.") for _ in range(3))
    refs = ["Slater, T. (2009) Missing Marcuse: on gentri fication and displacement.", REFS[2]]
    path = tmp_path / "lig.txt"
    path.write_text(f"{body}\nReferences\n" + "\n".join(_hanging(r) for r in refs) + "\n", encoding="utf-8")
    block = [b for b in read_text_file(str(path)).pages[0].blocks if "Marcuse" in b.text][0]
    assert "gentrification and displacement" in block.text and "gentri fication" not in " ".join(block.lines)
    assert " ".join(block.lines) == block.text


def test_a_page_range_on_a_line_of_its_own_stays_with_its_entry(tmp_path: Path) -> None:
    # No blank lines anywhere (pdftotext of a two-column page): short lines do not cut the list.
    body = "\n".join(_wrapped(BODY) for _ in range(4))
    refs = ["Burton, R. J. F., & Wilson, G. A. (2006). Injecting social psychology",
            "theory into conceptualisations of agricultural agency. Journal of Rural",
            "Studies ,22(1),",
            "95–115.",
            "Butler, T. (2007). Re-urbanizing London docklands: Gentrification, sub-",
            "urbanization or new urbanism? International Journal of Urban and",
            "Regional Research ,31(4), 759–781.",
            *[f"{name}, A. ({year}). Rural gentrification in the county of {name}shire. Journal of Rural Studies ,{k}(1),"
              f"\n{k}–{k + 20}." for k, (name, year) in enumerate([("Phillips", 1993), ("Smith", 2002), ("Stockdale", 2010),
                                                                    ("Yang", 2018), ("Zhao", 2019)], 10)]]
    path = tmp_path / "nob.txt"
    path.write_text(f"{body}\nREFERENCES\n" + "\n".join(refs) + "\n", encoding="utf-8")
    doc = extract_file(str(path))
    assert [r.raw.split(",")[0] for r in doc.references] == ["Burton", "Butler", "Phillips", "Smith", "Stockdale",
                                                             "Yang", "Zhao"]
    assert doc.references[0].raw.endswith("95–115.")
    # The list is not cut at its short lines: the page range stays in the block of its entry.
    block = [b for b in read_text_file(str(path)).pages[0].blocks if "Burton" in b.text][0]
    assert "95–115." in block.lines and "Studies ,22(1)," in block.lines
