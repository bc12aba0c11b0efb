"""TeX T1 codes of fonts without a Unicode map (dvips' Type 3 bitmap fonts) read as ligatures, quotes and dashes."""

from __future__ import annotations

import os

from litmap.read.tex_codes import T1_TABLE, is_t1_page, mark_tex_codes
from tests.fuzz_corpus import _stream, hand_pdf


def spelt(text: str) -> str:
    marked, table = mark_tex_codes(text)
    return marked.translate(table) if table else marked


def test_a_t1_page_spells_out_ligatures_quotes_and_dashes():
    page = "Time Dependent Coe\x1ecients di\x1berent \x10tickets\x11 in 65\x1585% of the \x1crst runs"
    assert spelt(page) == "Time Dependent Coefficients different \u201ctickets\u201d in 65\u201385% of the first runs"
    marked, table = mark_tex_codes(page)
    assert table is T1_TABLE and len(marked) == len(page)  # glyph indexes stay valid


def test_one_kind_of_evidence_is_not_enough():
    # A font's own "tt" ligature at 0x1F ("Charlo\x1fe", "Faye\x1feville"): one kind, twice.
    assert mark_tex_codes("Salem Charlo\x1fe Greensboro Faye\x1feville Durham")[1] is None
    # Quotes and a dash without any ligature code beside a letter: math or a typesetter's punctuation.
    assert mark_tex_codes("Here \x10\x1f\x11 denotes 2\x153 of the \x10urban\x11 units")[1] is None
    # OT1 codes of a math font (Greek letters at 0x0B-0x0F) are left alone.
    assert mark_tex_codes("exp (\u2212a\x0b2 r2 ) + \x0e\u03a9mat (1 + z)")[1] is None
    assert mark_tex_codes("Plain text with no codes at all.") == ("Plain text with no codes at all.", None)


def test_a_later_page_of_a_t1_document_needs_one_ligature():
    page = "a single coe\x1ecient here"
    assert not is_t1_page(page)
    assert is_t1_page(page, document_t1=True)
    assert spelt(page) == page  # alone it is not read as T1
    marked, table = mark_tex_codes(page, document_t1=True)
    assert table is not None and marked.translate(table) == "a single coefficient here"


def _type3_pdf(lines: list[bytes]) -> bytes:
    """One page set in a Type 3 font whose glyphs are named /aNN, as dvips names them: pdfium has no
    Unicode for them and passes the codes on."""
    codes = sorted({c for line in lines for c in line})
    procs = {c: b"500 0 0 0 450 600 d1 50 0 400 600 re f" for c in codes}
    content = b"BT /F1 12 Tf 14 TL 72 720 Td " + b" ".join(
        b"(" + line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*" for line in lines) + b" ET"
    n_procs = len(codes)
    first_proc = 7
    charprocs = b"<< " + b" ".join(b"/a%d %d 0 R" % (c, first_proc + k) for k, c in enumerate(codes)) + b" >>"
    differences = b" ".join(b"%d /a%d" % (c, c) for c in codes)
    widths = b" ".join(b"500" for _ in range(256))
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 600] /FontMatrix [0.001 0 0 0.001 0 0] "
            b"/CharProcs 6 0 R /Encoding << /Type /Encoding /Differences [" + differences + b"] >> "
            b"/FirstChar 0 /LastChar 255 /Widths [" + widths + b"] /Resources << >> >>")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        font,
        charprocs,
    ] + [_stream(procs[c]) for c in codes]
    assert len(objects) == first_proc - 1 + n_procs
    return hand_pdf(objects)


def test_a_type3_pdf_with_t1_codes_reads_as_words(tmp_path):
    from litmap.read.pdf import read_pdf

    lines = [b"Time Dependent Coe\x1ecients in the Cox Model",
             b"Roundo\x1b error makes a di\x1berence in \x10tied\x11 times, pp. 65\x1585."]
    path = os.path.join(tmp_path, "t1.pdf")
    with open(path, "wb") as fh:
        fh.write(_type3_pdf(lines))
    pages = read_pdf(path, ocr="never")
    text = " ".join(line for b in pages.pages[0].blocks for line in b.lines)
    assert "Coefficients" in text and "Roundoff" in text and "difference" in text
    assert "\u201ctied\u201d" in text and "65\u201385" in text
    assert not any(ord(c) < 32 or 0xE000 <= ord(c) <= 0xF8FF for c in text)
    assert not pages.warnings  # no longer taken for a garbled layer (control characters inside words)
