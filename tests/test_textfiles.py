"""Plain-text inputs (.txt, .md, .html) as one pseudo page of blocks."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from litmap.errors import ExtractionError
from litmap.read.textfiles import read_text_file
from litmap.parse.metadata import extract_metadata
from litmap.parse.structure import structure_document


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    p = tmp_path / name
    if isinstance(data, bytes):
        p.write_bytes(data)
    else:
        p.write_text(data, encoding="utf-8")
    return str(p)


def texts(ep) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in ep.pages[0].blocks]


def test_txt_blank_line_paragraphs_hyphenation_and_running_header(tmp_path: Path) -> None:
    header = "Y. Li and F. Wu Political Geography 112 (2024) 103131"
    body = []
    words = ["Beijing", "Tianjin", "Hebei", "Shanghai"]
    for i in range(4):
        body += [f"{header}", "", f"State rescaling in {words[i]} has been used as an explanatory theoret-",
                 f"ical reference in many studies of {words[i]}.", "",
                 *[f"Paragraph {k} of page {i + 10}, about the city region and its governance." for k in range(20)],
                 "", f"{i + 10}", ""]  # a page's worth of text between the running heads
    body += ["1. Introduction", "", "Another paragraph about the city region."]
    ep = read_text_file(write(tmp_path, "a.txt", "\n".join(body)))
    assert ep.media_type == "txt" and ep.text_layer and ep.page_count == 1 and ep.pages[0].number == 1
    got = texts(ep)
    assert ("body", "State rescaling in Hebei has been used as an explanatory theoretical reference in many studies "
                    "of Hebei.") in got
    assert all(header not in t for _, t in got)  # repeated running header dropped
    assert all(not t.isdigit() for _, t in got)  # page numbers dropped
    assert ("heading", "1. Introduction") in got


def test_txt_one_paragraph_per_line(tmp_path: Path) -> None:
    para = "The National New Area is a comprehensive functional area approved by the State Council. " * 4
    data = "1 Introduction\n" + "\n".join(f"{para} ({i})" for i in range(5)) + "\n2 Theory\n" + para + "\n"
    ep = read_text_file(write(tmp_path, "b.txt", data))
    got = texts(ep)
    assert got[0] == ("heading", "1 Introduction")
    assert sum(k == "body" for k, _ in got) == 6
    assert ("heading", "2 Theory") in got
    st = structure_document(ep.pages)
    assert [s.heading for s in st.sections] == ["1 Introduction", "2 Theory"]


def test_cp1252_bytes_decode_with_warning(tmp_path: Path) -> None:
    data = "Caf\u00e9 culture and gentrification \u2013 a study of \u201cHelsinki\u201d.\n".encode("cp1252")
    ep = read_text_file(write(tmp_path, "c.txt", data))
    assert ep.pages[0].blocks[0].text == "Café culture and gentrification – a study of “Helsinki”."
    assert ep.warnings and "cp1252" in ep.warnings[0]


def test_utf8_bom_and_mojibake_fixed(tmp_path: Path) -> None:
    ep = read_text_file(write(tmp_path, "d.txt", "\ufeffThe city\u00e2\u20ac\u2122s region.".encode("utf-8")))
    assert ep.pages[0].blocks[0].text == "The city\u2019s region."
    assert ep.warnings == ()


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n"])
def test_empty_file_raises(tmp_path: Path, content: str) -> None:
    with pytest.raises(ExtractionError, match="empty: no text"):
        read_text_file(write(tmp_path, "e.txt", content))


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="unsupported"):
        read_text_file(write(tmp_path, "f.docx", "text"))


def test_markdown_headings_and_front_matter(tmp_path: Path) -> None:
    md = ("---\ntitle: 'momepy: Urban Morphology Measuring Toolkit'\nauthors:\n  - name: Martin Fleischmann\n---\n\n"
          "# Summary\n\nUrban morphology is the area of urban studies\nthat explores the physical form of cities.\n\n"
          "## Statement of need\n\nMore text here.\n\n# References\n\nKropf, K. (2017). The Handbook of Urban "
          "Morphology. Wiley.\n")
    ep = read_text_file(write(tmp_path, "paper.md", md))
    assert ep.media_type == "md"
    got = texts(ep)
    assert got[0] == ("heading", "momepy: Urban Morphology Measuring Toolkit")
    assert ("heading", "Summary") in got and ("heading", "Statement of need") in got
    assert ("body", "Urban morphology is the area of urban studies that explores the physical form of cities.") in got
    sizes = {b.text: b.size for b in ep.pages[0].blocks}
    assert sizes["Summary"] > sizes["More text here."]
    st = structure_document(ep.pages)
    assert [s.kind for s in st.sections] == ["front", "abstract", "body", "references"]
    assert st.reference_blocks[0].text.startswith("Kropf")
    m = extract_metadata(ep.pages, st, ep.pdf_metadata)
    assert m.title == "momepy: Urban Morphology Measuring Toolkit"


def test_html_elements(tmp_path: Path) -> None:
    html = """<html><head><title>ignored</title><style>p {color: red}</style><script>var x = 1;</script></head>
    <body><nav><a href="/">Home</a></nav><header>Journal site header</header>
    <h1>Scalar politics of the National New Area</h1>
    <h2>1 Introduction</h2><p>The NNA is a <em>comprehensive</em> functional area.</p>
    <figure><img src="x.png"><figcaption>Fig. 1 Location of the NNAs</figcaption></figure>
    <ul><li>First point</li><li>Second point</li></ul>
    <aside>Related articles</aside><footer>© Publisher</footer>
    <h2>References</h2><ol><li>Brenner N (2004) New state spaces. Oxford University Press</li></ol>
    </body></html>"""
    ep = read_text_file(write(tmp_path, "g.html", html))
    assert ep.media_type == "html"
    got = texts(ep)
    assert got[0] == ("heading", "Scalar politics of the National New Area")
    assert ("body", "The NNA is a comprehensive functional area.") in got
    assert ("caption", "Fig. 1 Location of the NNAs") in got
    assert ("body", "First point") in got
    joined = " ".join(t for _, t in got)
    for dropped in ("Home", "Journal site header", "Related articles", "Publisher", "var x", "color"):
        assert dropped not in joined
    st = structure_document(ep.pages)
    assert st.sections[-1].kind == "references"
    assert [p.kind for p in st.paragraphs].count("caption") == 1
    m = extract_metadata(ep.pages, st, ep.pdf_metadata)
    assert m.title == "Scalar politics of the National New Area"


def test_txt_without_title_gives_no_title(tmp_path: Path) -> None:
    data = ("Keywords: city regions; rescaling\n\n1 Introduction\n\nThe National New Area is a functional area.\n\n"
            "Fig. 1\n\nMore text follows here.\n")
    ep = read_text_file(write(tmp_path, "h.txt", data))
    st = structure_document(ep.pages)
    assert extract_metadata(ep.pages, st, ep.pdf_metadata).title is None


def test_txt_first_short_line_is_title(tmp_path: Path) -> None:
    data = "Scalar politics in the National New Area\n\nThe National New Area is a functional area.\n"
    ep = read_text_file(write(tmp_path, "i.txt", data))
    st = structure_document(ep.pages)
    assert extract_metadata(ep.pages, st, ep.pdf_metadata).title == "Scalar politics in the National New Area"


def test_txt_without_blank_lines_split_at_short_lines(tmp_path: Path) -> None:
    line = "Gentrification in provincial towns has received growing attention from urban"
    body = [line] * 8 + ["geographers in recent years."] + ["Methods"] + [line] * 7 + ["scholars of housing."]
    ep = read_text_file(write(tmp_path, "j.txt", "\n".join(body)))
    got = texts(ep)
    assert len(got) == 3
    assert got[0][1].endswith("geographers in recent years.") and got[1][1] == "Methods"


def test_inline_download_stamps_are_removed(tmp_path):
    from litmap.read.textfiles import read_text_file

    stamp = ("14679663, 2024, 1, Downloaded from https://onlinelibrary.wiley.com/doi/10.1111/tesg.12575 by Some "
             "University, Wiley Online Library on [05/02/2024]. See the Terms and Conditions "
             "(https://onlinelibrary.wiley.com/terms-and-conditions) on Wiley Online Library for rules of use; OA "
             "articles are governed by the applicable Creative Commons License")
    p = tmp_path / "paper.txt"
    p.write_text(f"Gentrification has spread to Chengdu {stamp} and other second-tier cities.\n")
    text = " ".join(b.text for pg in read_text_file(str(p)).pages for b in pg.blocks)
    assert "Downloaded" not in text and "Chengdu" in text and "second-tier cities" in text


def test_lost_ligatures_rejoined_across_the_document(tmp_path: Path) -> None:
    # pdftotext-style export: the ﬁ glyph left a space (and ftfy turns ﬁ into "fi").
    data = ("1 Introduction\n\nGentrification is a contested term.\n\n"
            "The gentri \ufb01cation of the city raised con\ufb02ict in the of\ufb01 ce, and signi ficant effects.\n\n"
            "If fine weather holds, the first walk starts in \ufb02ux.\n")
    for name, payload in (("k.txt", data), ("k.md", data), ("k.html", "<p>" + data.replace("\n\n", "</p><p>") + "</p>")):
        got = [t for _, t in texts(read_text_file(write(tmp_path, name, payload)))]
        assert ("The gentrification of the city raised conflict in the office, and significant effects.") in got, name
        assert "If fine weather holds, the first walk starts in flux." in got, name


def test_broken_hyphenation_repaired_and_compounds_kept(tmp_path: Path) -> None:
    data = ("Commercial gentrifica- tion and gentri-fication reshape the city-region. State-led\n"
            "renewal displaced low-\nincome tenants; this state-\nled gentrification displaced\n"
            "them in 1990-2000 (pp. 12-15).\n\n"
            "Gentrification, gentrification and the Lefebvre-inspired pre- and post-war debate.\n")
    for name in ("g.txt", "g.md"):
        got = [t for _, t in texts(read_text_file(write(tmp_path, name, data)))]
        assert got[0] == ("Commercial gentrification and gentrification reshape the city-region. State-led renewal "
                          "displaced low-income tenants; this state-led gentrification displaced them in 1990-2000 "
                          "(pp. 12-15)."), name
        assert got[1] == "Gentrification, gentrification and the Lefebvre-inspired pre- and post-war debate.", name


def test_hyphen_break_inside_a_lost_ligature_split(tmp_path: Path) -> None:
    # "gentri \ufb01ca-" + "tion": the hyphen break is joined first, then the ligature split.
    data = "The gentri \ufb01ca-\ntion of Harlem.\n\nGentrification and gentrification again.\n"
    got = [t for _, t in texts(read_text_file(write(tmp_path, "h.txt", data)))]
    assert got[0] == "The gentrification of Harlem."


def test_line_break_hyphen_before_a_capital_ends_a_compound(tmp_path: Path) -> None:
    data = "The Anglo-\nAmerican literature on non-\nHispanic white movers.\n"
    got = [t for _, t in texts(read_text_file(write(tmp_path, "c.txt", data)))]
    assert got == ["The Anglo-American literature on non-Hispanic white movers."]


def test_txt_title_glued_to_author_and_affiliation_is_cut(tmp_path: Path) -> None:
    # pdftotext output: title, author, affiliation and e-mail on consecutive lines of one paragraph.
    data = ("Three waves of state-led gentrification in China\nShenjing He\n"
            "Department of Urban Planning and Design, The University of Hong Kong, email: sjhe@hku.hk\n\n"
            "To cite this paper: He, S. (2018) Three waves of state-led gentrification in China, Tijdschrift voor\n"
            "economische en sociale geografie, (in press)\n\n"
            "Abstract: This paper sees gentrification as a localised response to socio-economic changes.\n")
    ep = read_text_file(write(tmp_path, "k.txt", data))
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert meta.title == "Three waves of state-led gentrification in China"
    assert meta.authors and meta.authors[0].family == "He"
    assert meta.year == 2018


def test_txt_title_with_marked_author_run_is_cut(tmp_path: Path) -> None:
    data = ("Provincial gentrification in the Global North – A literature review\nJan Kubeša a, Zoltán Kovács b,c,*\n"
            "a Department of Geography, University of South Bohemia, Czech Republic\n\n"
            "Gentrification research has long focused on large cities of the Global North.\n")
    ep = read_text_file(write(tmp_path, "l.txt", data))
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert meta.title == "Provincial gentrification in the Global North – A literature review"


def test_txt_title_over_several_short_lines_is_joined_up_to_the_author(tmp_path: Path) -> None:
    # No blank lines: each short line becomes its own block; the title continues over three of them.
    line = "Drawing from sociological theory and research on residential mobility and neighborhood change, the"
    data = "\n".join(["Unequal Displacement: Gentrification, Racial", "Stratification, and Residential Destinations",
                      "in Philadelphia1", "Jackelyn Hwang", "Stanford University"] + [line] * 16 + ["authors end."])
    ep = read_text_file(write(tmp_path, "m.txt", data))
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert meta.title == ("Unequal Displacement: Gentrification, Racial Stratification, and Residential Destinations "
                          "in Philadelphia")
    assert meta.authors and meta.authors[0].family == "Hwang"


def test_txt_masthead_lines_are_skipped_and_the_title_found_under_them(tmp_path: Path) -> None:
    line = "This commentary sets out to make a claim for the study of gentrification in the languages of East Asia"
    data = "\n".join(["Urban Studies", "2016, Vol. 53(3) 615–625", "Reprints and permissions:",
                      "DOI: 10.1177/0042098015615726 Urban Studies", "Speaking gentrification in the",
                      "languages of the Global East", "Paul Waley", "University of Leeds, UK"] + [line] * 16
                     + ["and beyond."])
    ep = read_text_file(write(tmp_path, "n.txt", data))
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert meta.title == "Speaking gentrification in the languages of the Global East"
    assert meta.authors and meta.authors[0].family == "Waley"


def test_txt_author_name_above_affiliation_is_not_the_title(tmp_path: Path) -> None:
    data = ("Available online 1 August 2022\n\nYael Shmaryahu-Yeshurun\n\n"
            "Department of Sociology, University of California San Diego\n\nKeywords: gentrification; nationalism\n\n"
            "Gentrification research has examined the role of the state in many settings.\n")
    ep = read_text_file(write(tmp_path, "o.txt", data))
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert meta.title is None


def test_txt_title_also_printed_in_a_cite_line_is_kept(tmp_path: Path) -> None:
    data = ("Please cite this article as: Savini, F., & Dembski, S., Manufacturing the creative city: Symbols and "
            "politics of Amsterdam North, Cities (2016), http://dx.doi.org/10.1016/j.cities.2016.02.013\n\n"
            "Manufacturing the creative city: Symbols and politics of Amsterdam North\n\n"
            "Federico Savini, Sebastian Dembski\n\n"
            "Creative city policies have been adopted by many European cities in the last decades.\n")
    ep = read_text_file(write(tmp_path, "p.txt", data))
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert meta.title == "Manufacturing the creative city: Symbols and politics of Amsterdam North"


# -- issue 25 point 7: text inputs are sniffed before decoding; binary content is refused ------------------

import random  # noqa: E402

from litmap.batch.extract import extract_file  # noqa: E402


def cited_paper() -> str:
    """A small paper with 30 in-text citations and 10 references."""
    names = ["Brenner", "Jessop", "Marston", "Swyngedouw", "Harvey", "Smith", "Lees", "Slater", "Wyly", "Hackworth"]
    paras = []
    for i, n in enumerate(names):
        m, y1, y2 = names[(i + 1) % 10], 1990 + i, 1990 + (i + 1) % 10
        paras.append(f"Scholars of scale argue that state rescaling reorganises urban governance ({n}, {y1}; {m}, "
                     f"{y2}). Drawing on {n} ({y1}), we read city-regions as strategies of the state, as {m} ({y2}) "
                     "also does.")
    refs = [f"{n}, A. ({1990 + i}) Essays on the politics of scale, part {i + 1}. Oxford: Oxford University Press."
            for i, n in enumerate(names)]
    return ("Rescaling the entrepreneurial city\n\nNeil Brenner\n\n1 Introduction\n\n" + "\n\n".join(paras)
            + "\n\nReferences\n\n" + "\n\n".join(refs) + "\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-8-sig", "utf-32",
                                      "utf-32-be-bom", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_with_and_without_bom_read_like_utf8(tmp_path, encoding):
    text = cited_paper()
    if encoding.endswith("-bom"):
        data = ("\ufeff" + text).encode(encoding[:-4])
    else:
        data = text.encode(encoding)  # utf-16 / utf-32 / utf-8-sig write a BOM; utf-16-le/-be none
    baseline = extract_file(write(tmp_path, "utf8.txt", text.encode("utf-8")))
    doc = extract_file(write(tmp_path, "paper.txt", data))
    assert len(baseline.citations) == 30
    assert len(doc.citations) == 30  # was 22 for UTF-16 read as cp1252
    assert doc.text == baseline.text and "ÿþ" not in doc.text and "þÿ" not in doc.text and "\x00" not in doc.text
    assert doc.metadata.title == "Rescaling the entrepreneurial city"
    assert doc.warnings == ()


def test_markdown_and_html_in_utf16_are_sniffed_too(tmp_path):
    md = "# Rescaling the city\n\n## Introduction\n\nState rescaling (Brenner, 2004).\n"
    html = "<html><body><h1>Rescaling the city</h1><p>State rescaling (Brenner, 2004).</p></body></html>"
    for name, text in (("p.md", md), ("p.html", html)):
        ep = read_text_file(write(tmp_path, name, text.encode("utf-16")))
        assert texts(ep)[0] == ("heading", "Rescaling the city"), name


def test_legacy_encodings_are_detected_not_read_as_cp1252(tmp_path):
    ru = "Джентрификация города и региона в Москве: новые пространства государства. " * 20
    ep = read_text_file(write(tmp_path, "ru.txt", ru.encode("cp1251")))
    assert texts(ep)[0][1].startswith("Джентрификация города")  # cp1252 gave 'Äæåíòðèôèêàöèÿ'
    assert "decoded as cp1251" in ep.warnings[0]
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 \xe0 Montr\xe9al.</p></body></html>'
    ep = read_text_file(write(tmp_path, "fr.html", page.encode("latin-1")))
    assert texts(ep) == [("body", "Café à Montréal.")] and "declared in the page" in ep.warnings[0]


def _elf_like(rnd: random.Random) -> bytes:
    """An ELF header, then what executables are made of: NUL padding, code bytes, symbol names."""
    body = bytearray(b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00\x3e\x00\x01\x00\x00\x00")
    for _ in range(300):
        body += bytes(rnd.randrange(256) for _ in range(rnd.randrange(4, 40)))
        body += bytes(rnd.randrange(1, 24))
        body += rnd.choice([b"GLIBC_2.2.5\x00", b"__libc_start_main\x00", b".text\x00", b"libc.so.6\x00"])
    return bytes(body)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_binary_content_is_refused_with_a_reason(tmp_path, suffix):
    rnd = random.Random(25)
    elf = _elf_like(rnd)
    tail = re.escape(f" — is it a binary file named {suffix}?")
    cases = {
        "elf": (elf, "not text: it starts like an ELF executable" + tail),
        "elf-body": (elf[64:], r"not text: \d+% NUL bytes" + tail),
        "random": (bytes(rnd.randrange(256) for _ in range(4096)), r"not text: \d+% control characters" + tail),
        "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "not text: it starts like a PDF file" + tail),
    }
    for name, (data, reason) in cases.items():
        with pytest.raises(ExtractionError) as info:
            read_text_file(write(tmp_path, name + suffix, data))
        assert re.fullmatch(reason, info.value.reason), (name, info.value.reason)


def test_encoded_data_without_words_is_refused_but_a_reference_list_is_not(tmp_path):
    import base64

    rnd = random.Random(3)
    dump = base64.encodebytes(bytes(rnd.randrange(256) for _ in range(20000))).decode()
    with pytest.raises(ExtractionError, match=r"not text: under 1% of its 351 tokens are words and under 1% common "
                                              r"words \(the, und, la…\) — is it a binary file named \.txt\?"):
        read_text_file(write(tmp_path, "dump.txt", dump))
    words = "urban regeneration gentrification displacement policy housing market neighbourhood state".split()
    refs = "\n\n".join(f"{rnd.choice(['Smith', 'Wu', 'Lees'])}, J., & {rnd.choice(['Kim', 'Park'])}, K. "
                       f"({1990 + i}). {' '.join(rnd.sample(words, 4)).capitalize()}. Urban Studies, {i}(3), 1–20. "
                       f"https://doi.org/10.1/{i}" for i in range(60))
    assert read_text_file(write(tmp_path, "refs.txt", refs)).pages[0].blocks  # no common words, but words


def test_a_few_control_characters_do_not_make_text_binary(tmp_path):
    data = ("Gentrification \x07 and escape \x1b[31m in the city region. " * 40 + "A NUL\x00 byte.").encode()
    assert read_text_file(write(tmp_path, "ok.txt", data)).pages[0].blocks


def test_binary_txt_is_a_failed_document_with_its_reason(tmp_path, db_path):
    from litmap.batch.ingest import IngestSettings, ingest
    from litmap.store import Store

    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "program.txt", _elf_like(random.Random(1)))
    write(tmp_path / "in", "paper.txt", cited_paper().encode("utf-16"))
    with Store(db_path, write=True) as store:
        summary = ingest([str(tmp_path / "in")], store, IngestSettings(jobs=0))
        status = store.status()
    assert [os.path.basename(p) for p in summary.added] == ["paper.txt"]
    assert [(os.path.basename(p), r) for p, r in status.failures] == [
        ("program.txt", "not text: it starts like an ELF executable — is it a binary file named .txt?")]
