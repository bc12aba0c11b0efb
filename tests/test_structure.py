"""Sections and paragraphs from hand-built blocks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from litmap.read.layout.pages import Block, LaidOutPage
from litmap.parse.structure import heading_kind, normalise_heading, structure_document

BODY = 10.0


def blk(text: str, page: int = 1, *, size: float = BODY, bold: bool = False, kind: str = "body", top: float = 0.0,
        column: int = 0, lines: tuple[str, ...] = ()) -> Block:
    return Block(page=page, x0=50.0 + 250 * column, top=top, x1=290.0 + 250 * column, bottom=top + 10, text=text,
                 size=size, bold=bold, kind=kind, column=column, lines=lines or (text,))


def page(number: int, *blocks: Block) -> LaidOutPage:
    return LaidOutPage(number=number, width=595.0, height=842.0,
                       blocks=tuple(replace(b, page=number, top=60.0 + 20 * i, bottom=70.0 + 20 * i)
                                    for i, b in enumerate(blocks)))


LONG = "This sentence is ordinary body text about state rescaling and city regions. " * 4


def test_headings_and_section_kinds() -> None:
    pages = [
        page(1,
             blk("State rescaling and its discontents", size=18, bold=True),
             blk("Jane Doe and John Roe"),
             blk("Abstract", bold=True),
             blk("We study city-regional governance in China. " * 5),
             blk("Keywords: rescaling; city region; assemblage"),
             blk("1. Introduction", bold=True),
             blk(LONG)),
        page(2,
             blk("2. Theory", size=12),
             blk(LONG),
             blk("Acknowledgements", bold=True),
             blk("We thank the reviewers."),
             blk("Notes", bold=True),
             blk("1. A note on sources."),
             blk("References", bold=True),
             blk("Brenner, N. (2004). New State Spaces. Oxford University Press."),
             blk("Jessop, B. (2002). The Future of the Capitalist State. Polity."),
             blk("Appendix A. Interview list", bold=True),
             blk(LONG)),
    ]
    st = structure_document(pages)
    kinds = [(s.kind, s.heading) for s in st.sections]
    assert kinds[0] == ("front", None)
    assert ("abstract", "Abstract") in kinds
    assert ("keywords", "Keywords") in kinds
    assert ("body", "1. Introduction") in kinds
    assert ("body", "2. Theory") in kinds
    assert ("acknowledgements", "Acknowledgements") in kinds
    assert ("notes", "Notes") in kinds
    assert ("references", "References") in kinds
    assert kinds[-1] == ("appendix", "Appendix A. Interview list")
    assert [b.text[:7] for b in st.reference_blocks] == ["Brenner", "Jessop,"]
    # Sections and paragraphs index into the text.
    for s in st.sections:
        assert st.text[s.char_start:s.char_end] == s.text
    for p in st.paragraphs:
        assert st.text[p.char_start:p.char_end] == p.text
        assert 0 <= p.section < len(st.sections)
    refs = st.sections[[k for k, _ in kinds].index("references")]
    assert refs.page == 2 and "Brenner" in refs.text
    front = [p.text for p in st.paragraphs if p.kind == "front"]
    assert front[0] == "State rescaling and its discontents"


@pytest.mark.parametrize("heading", ["References", "REFERENCES", "Bibliography", "Literatur", "Works Cited"])
def test_unstyled_references_heading_and_caps_bibliography(heading: str) -> None:
    pages = [page(1, blk("1. Introduction", bold=True), blk(LONG)),
             page(2, blk(heading), blk("Harvey, D. (1989). From managerialism to entrepreneurialism."),
                  blk("Lees, L. (2008). Gentrification and social mixing."))]
    st = structure_document(pages)
    assert [s.kind for s in st.sections][-1] == "references"
    assert len(st.reference_blocks) == 2
    assert all(p.kind == "reference" for p in st.paragraphs if p.section == len(st.sections) - 1)


def test_reference_entries_do_not_become_headings() -> None:
    # Short, bold or capitalised reference lines stay inside the reference section.
    pages = [page(1, blk("Introduction", bold=True), blk(LONG), blk("References", bold=True),
                  blk("OECD (2015). Governing the City.", bold=True),
                  blk("UN-HABITAT (2016). WORLD CITIES REPORT"),
                  blk("Brenner, N. (2019). New Urban Spaces."))]
    st = structure_document(pages)
    assert [s.kind for s in st.sections] == ["body", "references"]
    assert len(st.reference_blocks) == 3


def test_heading_fused_with_first_reference_is_split() -> None:
    b = blk("References Amin, A. (2004). Regions unbound. Geografiska Annaler B, 86, 33–44.",
            lines=("References", "Amin, A. (2004). Regions unbound. Geografiska Annaler B, 86, 33–44."))
    st = structure_document([page(1, blk("1. Introduction", bold=True), blk(LONG), b)])
    assert st.sections[-1].kind == "references"
    assert st.reference_blocks[0].text.startswith("Amin, A.")


def test_unheaded_reference_list_found_at_the_end() -> None:
    refs = [blk(f"Author{i}, A. B. ({2000 + i}). A title of work {i}. Journal of Things, {i}, 1–10.")
            for i in range(6)]
    st = structure_document([page(1, blk("1. Introduction", bold=True), blk(LONG)), page(2, blk(LONG), *refs)])
    assert st.sections[-1].kind == "references"
    assert len(st.reference_blocks) == 6
    assert st.sections[-2].kind == "body" and LONG.strip()[:20] in st.sections[-2].text


def test_paragraph_joined_across_column_and_page_break() -> None:
    pages = [page(1, blk("1. Introduction", bold=True),
                  blk("The state has been rescaled in many countries, and the", column=0),
                  blk("city region became a key scale of governance.", column=1)),
             page(2, blk("Rescaling is contested and uneven because local govern-"),
                  blk("ments compete for investment."),
                  blk("A new paragraph starts here."))]
    st = structure_document(pages)
    body = [p.text for p in st.paragraphs if p.kind == "body"]
    assert body[0] == "The state has been rescaled in many countries, and the city region became a key scale of governance."
    assert body[1] == "Rescaling is contested and uneven because local governments compete for investment."
    assert body[2] == "A new paragraph starts here."


def test_captions_and_footnotes_kept_apart_from_body_flow() -> None:
    pages = [page(1, blk("1. Introduction", bold=True),
                  blk("The paragraph begins on page one and"),
                  blk("Figure 1. Map of the Beijing-Tianjin-Hebei region.", kind="caption", size=8),
                  blk("1 Interview with a planner, 2019.", kind="footnote", size=8)),
             page(2, blk("continues on page two."), blk("Second paragraph."))]
    st = structure_document(pages)
    kinds = [(p.kind, p.text[:11]) for p in st.paragraphs]
    # The body paragraph is joined across the page; page-1 asides follow it.
    assert kinds == [("body", "The paragra"), ("caption", "Figure 1. M"), ("footnote", "1 Interview"),
                     ("body", "Second para")]
    assert st.paragraphs[0].text.endswith("continues on page two.")
    for p in st.paragraphs:
        assert st.text[p.char_start:p.char_end] == p.text


def test_back_matter_names_do_not_open_sections() -> None:
    pages = [page(1, blk("1. Introduction", bold=True), blk(LONG),
                  blk("CRediT authorship contribution statement", bold=True),
                  blk("Hanna Yrjänä:", bold=True), blk("Writing – original draft."),
                  blk("Disclosure statement", bold=True), blk("No potential conflict of interest was reported."),
                  blk("Data availability", bold=True), blk("No data was used."))]
    st = structure_document(pages)
    assert [s.kind for s in st.sections] == ["body", "acknowledgements", "acknowledgements", "acknowledgements"]


@pytest.mark.parametrize("heading, name", [
    ("A B S T R A C T", "abstract"),
    ("RRREEEFFFEEERRREEENNNCCCEEESSS", "references"),
    ("L ITERATURE", "literature"),
    ("7. References", "references"),
])
def test_heading_names_normalise(heading: str, name: str) -> None:
    assert normalise_heading(heading) == name


@pytest.mark.parametrize("heading, kw, kind", [
    ("Declaration of competing interest", {}, "acknowledgements"),
    ("Endnotes", {}, "notes"),
    ("Appendix B", {}, "appendix"),
    ("Summary", {"first": True}, "abstract"),
    ("Summary", {"first": False}, None),
    ("Conclusion", {}, None),
    ("Terms of Use", {}, "acknowledgements"),
    ("About Federal Governance", {"before_body": True}, "acknowledgements"),
    ("About this research", {"before_body": False}, None),
    ("8.10 Copyright", {}, None),  # a section of a paper on open access
])
def test_heading_kinds(heading: str, kw: dict, kind: str | None) -> None:
    assert heading_kind(heading, **kw) == kind


def test_empty_input() -> None:
    st = structure_document([])
    assert st.text == "" and st.sections == () and st.reference_blocks == ()


def test_unheaded_numeric_reference_list_before_acknowledgements() -> None:
    refs = blk("[1] J.M.Grames, C.K.Sinclair et al, Phys. Rev. C 102, 015501 (2020) "
               "[2] R. Penrose, Gravitational collapse, Phys. Rev. Lett. 14, 57 (1965).",
               lines=("[1] J.M.Grames, C.K.Sinclair et al, Phys. Rev. C 102,", "015501 (2020)",
                      "[2] R. Penrose, Gravitational collapse, Phys. Rev. Lett.", "14, 57 (1965).",
                      "[3] B. F. Schutz, Gravitational wave astronomy (1999).", "[4] A. Einstein (1916)."))
    st = structure_document([page(1, blk("I. INTRODUCTION", bold=True), blk(LONG), blk("IV. CONCLUSIONS", bold=True),
                                  blk(LONG), refs, blk("Acknowledgements", bold=True), blk("We thank everyone."))])
    assert [s.kind for s in st.sections] == ["body", "body", "references", "acknowledgements"]
    assert st.reference_blocks == (st.reference_blocks[0],) and st.reference_blocks[0].text.startswith("[1]")


def test_body_text_with_citations_is_not_taken_for_references() -> None:
    cited = blk("Brenner, N. (2004) argued that the state is rescaled; Jessop, B. (2002) agreed. " * 3,
                lines=("Brenner, N. (2004) argued that the state is rescaled;", "Jessop, B. (2002) agreed."))
    st = structure_document([page(1, blk("1. Introduction", bold=True), blk(LONG), cited, blk(LONG))])
    assert st.reference_blocks == ()
    assert [s.kind for s in st.sections] == ["body"]


def test_table_of_contents_does_not_open_sections() -> None:
    # Headings with their page numbers set to the right on the same line.
    toc = LaidOutPage(number=2, width=595.0, height=842.0, blocks=(
        Block(page=2, x0=113, top=100, x1=182, bottom=115, text="Contents", size=15.0, bold=True, lines=("Contents",)),
        *(b for i, (h, n) in enumerate((("1. Introduction", "1"), ("2. The debate", "2"), ("3. Conclusion", "9"),
                                        ("4. Bibliography", "11")))
          for b in (Block(page=2, x0=113, top=200 + 30 * i, x1=300, bottom=212 + 30 * i, text=h, size=12.5, bold=True,
                          lines=(h,)),
                    Block(page=2, x0=515, top=200 + 30 * i, x1=525, bottom=212 + 30 * i, text=n, size=12.5, bold=True,
                          lines=(n,)))),
        Block(page=2, x0=128, top=330, x1=524, bottom=340, text="2.1. Defining openness ..........................3",
              lines=("2.1. Defining openness ..........................3",)),
    ))
    pages = [page(1, blk("Title of a working paper", size=16.0)), toc,
             page(3, blk("1. Introduction", bold=True), blk(LONG)),
             page(4, blk("4. Bibliography", bold=True), blk("Harvey, D. (1989). From managerialism to entrepreneurialism."))]
    st = structure_document(pages)
    assert [s.kind for s in st.sections if s.kind == "references"] == ["references"]
    assert [b.text for b in st.reference_blocks] == ["Harvey, D. (1989). From managerialism to entrepreneurialism."]
    assert st.section_of_kind("references").page == 4


def test_parts_of_a_reference_list_stay_in_it() -> None:
    pages = [page(1, blk("5. Conclusion", bold=True), blk(LONG)),
             page(2, blk("6. Bibliography", size=16.0, bold=True),
                  blk("6.1. Primary sources", size=12.5, bold=True),
                  blk("6.1.1. Documents", bold=True),
                  blk("Commission (2000), Proposal for a Regulation on access to documents."),
                  blk("Newspaper articles", bold=True),
                  blk("StateWatch (2000a), Germany and France lead fight for more secrecy."),
                  blk("6.2. Secondary sources", size=12.5, bold=True),
                  blk("Curtin, D. (1996), Betwixt and Between. Kluwer, pp. 95-121"))]
    st = structure_document(pages)
    assert [s.kind for s in st.sections] == ["body", "references"]
    assert [b.text.split(" (")[0] for b in st.reference_blocks] == ["Commission", "StateWatch", "Curtin, D."]


def test_author_note_after_references_ends_them() -> None:
    pages = [page(1, blk("Introduction", bold=True), blk(LONG), blk("References", bold=True),
                  blk("Tull, D. (2005). The hidden costs of power-sharing. African Affairs, 104, 375–398."),
                  blk("„ The Author", bold=True),
                  blk("Julia Smith is a research fellow at the Institute of African Affairs."))]
    st = structure_document(pages)
    assert [s.kind for s in st.sections] == ["body", "references", "acknowledgements"]
    assert len(st.reference_blocks) == 1


@pytest.mark.parametrize("name", ["Author", "Citation"])
def test_author_and_citation_boxes_end_references(name: str) -> None:
    pages = [page(1, blk("Introduction", bold=True), blk(LONG), blk("References", bold=True),
                  blk("Stern, D. (1985). The interpersonal world of the infant. New York: Basic Books."),
                  blk(name, bold=True), blk("Felicia Smith studied Philosophy, Sociology and Art History."))]
    st = structure_document(pages)
    assert [s.kind for s in st.sections][-1] == "acknowledgements"
    assert len(st.reference_blocks) == 1


def test_author_count_on_a_cover_page_is_not_a_heading() -> None:
    pages = [page(1, blk("A Point-Based Intelligent Approach to Areal Interpolation", size=16.0),
                  blk("2 authors:", bold=True), blk("Caiyun Zhang"), blk("Florida Atlantic University")),
             page(2, blk("Introduction", bold=True), blk(LONG))]
    st = structure_document(pages)
    assert "acknowledgements" not in [s.kind for s in st.sections]


@pytest.mark.parametrize("heading, body", [
    ("Summary: Why regioncode?", True),
    ("Background: rescaling in China", True),
    ("Introduction", True),
    ("Summary", False),
    ("Summary:", False),
    ("Urban China: a new state space", False),
])
def test_body_name_before_a_colon_ends_the_front_matter(heading: str, body: bool) -> None:
    from litmap.parse.headings import names_body_section

    assert bool(names_body_section(heading)) is body


def test_summary_with_a_subtitle_opens_the_body_of_a_software_paper() -> None:
    pages = [page(1,
                  blk("regioncode: Convert Region Names of China", size=18, bold=True),
                  blk("Yue Hu, Yufei Sun"),
                  blk("Summary: Why regioncode?", size=12, bold=True),
                  blk("Inspired by countrycode (Arel-Bundock et al., 2018), we built it. " * 3),
                  blk("Basic Usage", size=12, bold=True),
                  blk(LONG))]
    kinds = [(s.kind, s.heading) for s in structure_document(pages).sections]
    assert ("body", "Summary: Why regioncode?") in kinds and ("body", "Basic Usage") in kinds


def test_journal_pages_between_abstract_and_introduction_are_no_body() -> None:
    # Federal Governance prints its self-description and terms of use on page 2; their words
    # ("multi-level governance") are the journal's, not the paper's.
    pages = [page(1, blk("Abstract", bold=True), blk(LONG)),
             page(2, blk("About Federal Governance", bold=True),
                  blk("Federal Governance is an online graduate journal on theory and politics of federalism and "
                      "multi-level governance."),
                  blk("Terms of Use", bold=True), blk("Your use of this article indicates your acceptance.")),
             page(3, blk("Introduction", bold=True), blk(LONG), blk("About the data", bold=True), blk(LONG))]
    st = structure_document(pages)
    assert [(s.heading, s.kind) for s in st.sections] == [
        ("Abstract", "abstract"), ("About Federal Governance", "acknowledgements"),
        ("Terms of Use", "acknowledgements"), ("Introduction", "body"), ("About the data", "body")]
