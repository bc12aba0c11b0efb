"""The speed-ups of issue 23 give what the plain code they replace gave.

Each fast path is checked against a straightforward version of the same rule
(the code it replaced), on hand-made and on random inputs.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left

import pytest

from litmap.parse.references import repair_journals, repair_numbers
from litmap.read.layout import lines
from litmap.read.layout.pages import Char, new_char


def test_new_char_is_an_ordinary_char() -> None:
    a = Char("word", 1.0, 2.0, 3.0, 4.0, 10.0, "Times")
    b = new_char("word", 1.0, 2.0, 3.0, 4.0, 10.0, "Times")
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    with pytest.raises(AttributeError):
        b.text = "other"  # type: ignore[misc]


def _plain_nearest_rows(rows: list[list]) -> list[list]:
    """The box-by-box second pass that lines._nearest_rows vectorises."""
    anchors = [lines._row_anchor(r) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: anchors[i][0])
    mids = [anchors[i][0] for i in order]
    out: list[list] = [[] for _ in rows]
    for i, row in enumerate(rows):
        for c in row:
            mid = (c.top + c.bottom) / 2
            best, dist = i, abs(mid - anchors[i][0])
            if len(row) > 1:
                k = bisect_left(mids, mid)
                h = c.bottom - c.top
                for j in order[max(k - 1, 0):k + 1]:
                    m, tol = anchors[j]
                    d = abs(mid - m)
                    if j != i and d + 0.25 < dist and d <= tol and 0.45 * h <= 1.5 * tol:
                        best, dist = j, d
                if best != i and lines._attached(c, row):
                    best = i
            out[best].append(c)
    kept = [r for r in out if r]
    return sorted(kept, key=lambda r: lines._row_anchor(r)[0])


@pytest.mark.parametrize("seed", range(40))
def test_nearest_rows_as_box_by_box(seed: int) -> None:
    rng = random.Random(seed)
    words = []
    for line in range(rng.randint(1, 30)):
        base = 40 + 11.5 * line + rng.choice([0, 0, 0, 5.5, 2.0])  # offset columns, near ties
        x = 50.0
        for _ in range(rng.randint(1, 12)):
            size = rng.choice([10.0, 10.0, 6.0, 14.0])
            top = base + rng.uniform(-1.5, 1.5) + (3.0 if size == 6.0 else 0.0)
            width = rng.uniform(5, 40)
            words.append(lines.Word("w", x, top, x + width, top + size * rng.uniform(0.8, 1.2), size, False))
            x += width + rng.uniform(-1, 8)
    rng.shuffle(words)
    items = sorted(words, key=lambda c: c.top + c.bottom)
    first = lines._cluster_rows(list(words))
    # _cluster_rows' first pass alone, to feed both second passes the same rows
    rows_in: list[list] = []
    anchor = tol = 0.0
    for c in items:
        mid, h = (c.top + c.bottom) / 2, c.bottom - c.top
        t = 0.45 * h if h > 1.0 else 0.45
        if rows_in and (abs(mid - anchor) <= (tol if tol > t else t) or lines._attached(c, rows_in[-1])):
            rows_in[-1].append(c)
        else:
            rows_in.append([c])
            anchor, tol = mid, t
    if len(rows_in) < 2:
        return
    want = _plain_nearest_rows([list(r) for r in rows_in])
    got = lines._nearest_rows([list(r) for r in rows_in])
    assert [[id(c) for c in r] for r in got] == [[id(c) for c in r] for r in want]
    assert [[id(c) for c in r] for r in first] == [[id(c) for c in r] for r in want]


def _plain_drop_diagonal(chars: list[Char]) -> list[Char]:
    drop: set[int] = set()
    run: list[int] = []
    step = (0, 0)
    for i, c in enumerate(chars):
        if not c.text.strip():
            continue
        if run:
            p = chars[run[-1]]
            dx, dy = c.x0 - p.x0, c.top - p.top
            min_step = 0.2 * max(c.size, p.size, 1.0)
            direction = (1 if dx > 0 else -1, 1 if dy > 0 else -1)
            slanted = abs(dx) >= min_step and abs(dy) >= min_step and abs(c.size - p.size) < 0.5
            if slanted and (len(run) == 1 or direction == step):
                step = direction
                run.append(i)
                continue
            if len(run) >= lines.DIAGONAL_RUN:
                drop.update(run)
        run = [i]
        step = (0, 0)
    if len(run) >= lines.DIAGONAL_RUN:
        drop.update(run)
    return [c for i, c in enumerate(chars) if i not in drop]


@pytest.mark.parametrize("seed", range(40))
def test_drop_diagonal_as_glyph_by_glyph(seed: int) -> None:
    rng = random.Random(seed)
    chars: list[Char] = []
    x, y = 100.0, 100.0
    for _ in range(rng.randint(0, 60)):
        if rng.random() < 0.3:  # a slanted step, as a watermark's letters take
            x, y = x + rng.choice([3.0, -3.0]), y + rng.choice([3.0, -3.0])
        else:
            x, y = x + 6.0, y
        text = rng.choice(["a", "b", " ", "c"])
        chars.append(Char(text, x, y, x + 5, y + 10, 10.0))
    assert list(lines._drop_diagonal(chars)) == _plain_drop_diagonal(chars)


def test_watermark_still_dropped() -> None:
    mark = [Char(ch, 100 + 8 * i, 500 - 8 * i, 106 + 8 * i, 510 - 8 * i, 20.0) for i, ch in enumerate("DRAFT")]  # the shortest run
    line = [Char(ch, 50 + 6 * i, 300, 55 + 6 * i, 310, 10.0) for i, ch in enumerate("plain text")]
    assert lines._drop_diagonal(line + mark) == line


def _plain_issue(text: str, vol: str, k: int) -> str | None:
    pattern = repair_numbers._issue_patterns(vol)[k].pattern
    m = re.search(pattern, text, re.IGNORECASE)
    return m.group("i") if m else None


@pytest.mark.parametrize("text,vol", [
    ("Urban Studies 54:1, 133–155", "54"),
    ("Antipode 44, 3, 87–107", "44"),
    ("Geoforum 95, (2), 649–655", "95"),
    ("Vol. 5 No. 1, pp. 1-20", "5"),
    ("Environment and Planning A 39/2, 300-320", "39"),
    ("Phys. Rev. D 92 (2015) no.11, 114508", "92"),
    ("Journal 12a(3) 4-5", "12A"),
    ("Journal 112(3) 4-5 and 12(4)", "12"),
])
def test_issue_search_as_pattern_search(text: str, vol: str) -> None:
    for k in range(len(repair_numbers._ISSUE_TAILS)):
        m = repair_numbers._issue_search(text, vol, k)
        assert (m.group("i") if m else None) == _plain_issue(text, vol, k)


@pytest.mark.parametrize("text,title,want", [
    ("Why do cities grow? Urban Studies 12", "Why do cities grow", True),
    ("'Why do cities grow'? Urban Studies", "Why do cities grow", True),
    ("“Why do cities grow”? Urban", "Why do cities grow", True),
    ("Why do cities grow. Urban Studies", "Why do cities grow", False),
    ("Why do cities grow ? Urban", "Why do cities grow", False),
])
def test_asked_as_pattern(text: str, title: str, want: bool) -> None:
    assert repair_journals._asked(text, title) is want
    assert bool(re.search(re.escape(title) + r"[\"”’']?\?", text)) is want


# --- parse/: clean_text's pre-checks and memoised pure functions ---------------------------------

def _plain_clean_text(raw: str) -> str:
    """rules.clean_text as it was before its pre-checks: every substitution on every token."""
    import unicodedata

    from litmap.util.accents import attach_spacing_accents

    def unglue(token: str) -> str:
        if "/" in token or "@" in token or token.lower().startswith("www"):
            return token
        token = re.sub(r"(?<=[a-z]{3}),(?=[A-Z][a-z])", ", ", token)
        return re.sub(r"(?<=[a-z]{3})\.(?=[A-Z][a-z]{2,})(?!(?:Com|Org|Net|Gov|Edu|Info)\b)", ". ", token)

    text = unicodedata.normalize("NFKC", attach_spacing_accents(raw))
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    text = re.sub(r"(\w)[-‐] (?=[a-z])(?!(?:und|oder|bzw|sowie|bis|zur|zum|and|or|to|en|et|ou|y|e|i|a)\b)", r"\1", text)
    text = re.sub(r"(?<![\w.])([A-Z]) (?=[à-öø-ÿ][a-zà-öø-ÿ]+\b)", r"\1", text)
    text = " ".join(unglue(t) for t in text.split())
    text = re.sub(r"(?<=\d)\s*‒\s*(?=[A-Za-z]?\d)", "–", text)
    return re.sub(r"\s+", " ", text).strip()


_REF_PIECES = ["Smith, J.", "oscilloscope.Nature", "dynamics,The", "www.Example.Com", "a@b.Org", "regio- nal",
               "Betriebs- und", "L üthje", "12 ‒ 19", "pp. 3‒4", "J.Smith", "abc.Info", "Yrjan¨ a ¨", "ﬁrst",
               "\x02", "\ufffe", "\u00a0", "\u2028", "\t", "\n", "urban,Planning", "http://x.org/a,Bc", " ", "–"]


@pytest.mark.parametrize("seed", range(4))
def test_clean_text_as_every_substitution(seed: int) -> None:
    from litmap.parse.references import rules

    rng = random.Random(seed)
    letters = list("abcdefgh ABCD,.-‐‒/@w0123(") + _REF_PIECES
    for _ in range(3000):
        raw = "".join(rng.choice(letters) for _ in range(rng.randint(0, 25)))
        assert rules.clean_text(raw) == _plain_clean_text(raw), repr(raw)
    for raw in ("Harvey, D. (1989). From managerialism to entrepreneurialism.Geografiska Annaler,71B, 3‒17.",
                "Lees, L. 2008.Gentrification and social mixing: towards an inclusive urban renaissance?Urban Studies"):
        assert rules.clean_text(raw) == _plain_clean_text(raw)


def test_comma_journal_first_words_are_literal() -> None:
    """comma_journal skips a journal whose first word is not in the text: each pattern needs it as printed."""
    for first, pattern in repair_journals._patterns():
        assert first and pattern.pattern.startswith(r"(?<![^\W\d_])" + re.escape(first))
        assert not pattern.flags & re.IGNORECASE


_STREAM_BITS = [b"stream", b"endstream", b"\r", b"\n", b"\r\n", b" ", b"\t", b"0", b"12", b"7", b"obj", b"endobj",
                b"o", b"b", b"j", b"x", b"e", b"nd", b"<<", b"/Length 5", b"/Filter/FlateDecode"]


@pytest.mark.parametrize("seed", range(4))
def test_stream_scan_as_patterns(seed: int) -> None:
    """The decompression-bomb scan's stream starts and object heads, found with bytes.find and a
    short window first, are the matches of the patterns they replaced."""
    from litmap.read import engines

    rnd = random.Random(seed)
    for _ in range(3000):
        data = b"".join(rnd.choice(_STREAM_BITS) for _ in range(rnd.randint(0, 500)))
        assert list(engines._stream_starts(data)) == [(m.start(), m.end()) for m in engines._STREAM.finditer(data)]
        hi = rnd.randint(0, len(data))
        lo = max(0, hi - rnd.choice([10, 100, 600, 4096]))
        heads = list(engines._OBJ_HEAD.finditer(data, lo, hi))
        got = engines._last_obj_head(data, lo, hi)
        if not heads:
            assert got is None
        else:
            assert got is not None and got.span() == heads[-1].span() and got.group(1) == heads[-1].group(1)


def test_segment_text_and_fields() -> None:
    """Segments built without the dataclass __init__ equal those built with it, text included."""
    words = [lines._new_word(t, x, 10.0, x + 20.0, 20.0, s, b)
             for t, x, s, b in (("One", 0.0, 10.0, False), ("two", 25.0, 10.0, True), ("3", 50.0, 7.0, False))]
    seg = lines._segment(words, 4)
    plain = lines.Segment(tuple(words), 4, 0.0, 10.0, 70.0, 20.0, 10.0, False, 7)
    assert seg == plain and hash(seg) == hash(plain) and repr(seg) == repr(plain)
    assert seg.text == plain.text == "One two 3"
    assert list(vars(seg).items()) == list(vars(plain).items())  # text stored where the cached property puts it
    with pytest.raises(AttributeError):
        seg.row = 5  # type: ignore[misc]


def _plain_cluster_rows(items: list) -> list[list]:
    """lines._cluster_rows as it was: Python's sort by top + bottom, box attributes read one by one."""
    rows: list[list] = []
    anchor = tol = 0.0
    for c in sorted(items, key=lambda c: c.top + c.bottom):
        mid, h = (c.top + c.bottom) / 2, c.bottom - c.top
        t = 0.45 * h if h > 1.0 else 0.45
        if rows and (abs(mid - anchor) <= (tol if tol > t else t) or lines._attached(c, rows[-1])):
            rows[-1].append(c)
        else:
            rows.append([c])
            anchor, tol = mid, t
    return lines._nearest_rows(rows) if len(rows) > 1 else rows


@pytest.mark.parametrize("seed", range(30))
def test_cluster_rows_as_python_sort(seed: int) -> None:
    # ties (equal keys keep their order), zero-height boxes and NaN edges (Python's sort order kept)
    rng = random.Random(seed)
    words = []
    for _ in range(rng.randint(0, 80)):
        top = rng.choice([100.0, 100.0, 111.5, 123.0, 123.5, 200.0]) + rng.choice([0.0, 0.0, 0.25, -0.5])
        height = rng.choice([10.0, 10.0, 6.0, 0.0, 0.5])
        if rng.random() < 0.03 * (seed % 3):
            top = float("nan")
        x = rng.uniform(0, 500)
        words.append(lines.Word("w", x, top, x + rng.uniform(1, 30), top + height, rng.choice([10.0, 6.0]), False))
    got = lines._cluster_rows(list(words))
    want = _plain_cluster_rows(list(words))
    assert [[id(c) for c in r] for r in got] == [[id(c) for c in r] for r in want]


def test_glyph_text_as_glyph_by_glyph(tmp_path) -> None:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from reportlab.pdfgen import canvas

    from litmap.read import engines

    path = str(tmp_path / "glyphs.pdf")
    c = canvas.Canvas(path)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Urban governance \u2013 caf\u00e9 \u201cscale\u201d re-")
    c.drawString(72, 686, "structuring, 12\u00b0 (fi) and \u00a9 2024")
    c.save()
    doc = pdfium.PdfDocument(path)
    try:
        page = doc[0]
        textpage = page.get_textpage()
        n = textpage.count_chars()
        assert n > 40
        want = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 0xFFFD) for i in range(n))
        got = engines._glyph_text(ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0, n)
        assert got == want and len(got) == n
        textpage.close()
        page.close()
    finally:
        doc.close()


@pytest.mark.parametrize("layers", [1, 2])
def test_stream_scan_skips_only_streams_that_cannot_pass(tmp_path, layers: int) -> None:
    """A stream is left uninflated only when the bytes left in the file, at Flate's
    largest ratio, cannot pass the limit: the scan finds what inflating every stream finds."""
    import zlib

    from litmap.read import engines

    assert len(zlib.compress(bytes(8 << 20), 9)) * engines._MAX_INFLATE >= 8 << 20  # zeros: the best case
    filters = b"/Filter [" + b"/FlateDecode " * layers + b"]"
    for mbytes in (1, 3, 8):
        body = bytes(mbytes << 20)
        for _ in range(layers):
            body = zlib.compress(body, 9)
        data = (b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(body)).encode() + b" " + filters + b" >>\nstream\n"
                + body + b"\nendstream\nendobj\n%%EOF\n")
        path = tmp_path / f"s{mbytes}.pdf"
        path.write_bytes(data)
        for limit in (512 << 10, (mbytes << 20) - 1, mbytes << 20, 16 << 20):
            start, end = next(engines._stream_starts(data))
            size = engines._inflated_size(memoryview(data)[end:], layers, limit)
            want = [(1, size)] if size > limit else []
            assert engines._oversized_streams(str(path), limit) == want


_LINE_BITS = ["urban", "re-", "scaling", "-", "\u00ad", " ", "City-Region", "x_y", "12", "\u00e9t\u00e9", "\u0130", "--",
              "Anglo-", "K", "\n", ".", "post-war", "a", "'s", "\u2013", "\u017f"]


@pytest.mark.parametrize("seed", range(4))
def test_compounds_and_broken_words_as_patterns(seed: int) -> None:
    """clean_pages' hyphenated compounds (only lines holding a hyphen are read) and the word
    broken at a line end (searched in the tail first) are what the plain code gave."""
    from litmap.read.layout import furniture

    rnd = random.Random(seed)
    for _ in range(2000):
        lines_ = ["".join(rnd.choice(_LINE_BITS) for _ in range(rnd.randint(0, 30))) for _ in range(rnd.randint(0, 6))]
        assert furniture.compounds_of(lines_) == furniture.vocabulary_of(lines_)[1]
        out = "".join(rnd.choice(_LINE_BITS) for _ in range(rnd.randint(0, 80))) + "-"
        head = re.search(r"[\w-]*-$", out)
        assert furniture._broken_word(out) == (head.group(0)[:-1] if head else "")
    long_word = "a" * 100 + "-"  # a run reaching past the tail searched first
    assert furniture._broken_word("x " + long_word) == "a" * 100


def test_page_words_as_field_by_field() -> None:
    """Words copied from the engine's Char field dicts equal Word(...) built field by field."""
    from litmap.read.layout.pages import PageChars

    chars = (Char("Urban", 10.0, 20.0, 40.0, 30.0, 10.0, "Times-Bold"), new_char("scale", 45.0, 20.0, 70.0, 30.0, 10.0, "Times"),
             Char(" ", 71.0, 20.0, 72.0, 30.0, 10.0), Char("¨", 73.0, 20.0, 75.0, 30.0, 10.0),
             Char("back", 90.0, 20.0, 80.0, 30.0, 10.0), new_char("2", 76.0, 18.0, 79.0, 25.0, 6.0, "Arial,Bold"))
    got = lines.page_words(PageChars(1, 600.0, 800.0, chars, words=True))
    want = [lines.Word(c.text, c.x0, c.top, c.x1, c.bottom, c.size, lines.is_bold(c.font))
            for c in chars if c.text.strip() and c.text != "¨" and c.x1 >= c.x0]
    assert got == want and [w.text for w in got] == ["Urban", "scale", "2"]
    assert [list(vars(w)) for w in got] == [list(vars(w)) for w in want]  # same field order: same pickles
    assert [w.bold for w in got] == [True, False, True]
    with pytest.raises(AttributeError):
        got[0].text = "x"  # type: ignore[misc]


def _as_chars(page):
    """The page's engine Words as OCR-style Chars (bold as the font name is_bold reads), for the copying path."""
    from dataclasses import replace

    from litmap.read.layout.pages import Char

    return replace(page, chars=tuple(Char(w.text, w.x0, w.top, w.x1, w.bottom, w.size, ",Bold" if w.bold else "")
                                     for w in page.chars))


def test_page_words_from_engine_words_as_from_chars() -> None:
    """Words made by the engine are filtered as Chars copied into Words are: blank, accent-only,
    backwards and NaN boxes dropped, the rest kept as they are."""
    from litmap.read.layout.pages import PageChars

    nan = float("nan")
    made = (lines.Word("Urban", 10.0, 20.0, 40.0, 30.0, 10.0, True), lines.Word("scale", 45.0, 20.0, 70.0, 30.0, 10.0, False),
            lines.Word(" ", 71.0, 20.0, 72.0, 30.0, 10.0, False), lines.Word("¨´", 73.0, 20.0, 75.0, 30.0, 10.0, False),
            lines.Word("back", 90.0, 20.0, 80.0, 30.0, 10.0, False), lines.Word("nan", nan, 20.0, 99.0, 30.0, 10.0, False),
            lines.Word("¨a", 100.0, 20.0, 110.0, 30.0, 10.0, True), lines.Word("2", 76.0, 18.0, 79.0, 25.0, 6.0, True))
    page = PageChars(1, 600.0, 800.0, made, words=True)
    got = lines.page_words(page)
    assert got == lines.page_words(_as_chars(page))
    assert [w.text for w in got] == ["Urban", "scale", "¨a", "2"] and all(w in made for w in got)


def test_pdfium_words_as_chars_give_the_same_words(tmp_path) -> None:
    """The pdfium engine's Words (bold judged once per font) lay out as its former Chars did."""
    pytest.importorskip("pypdfium2")
    from reportlab.pdfgen import canvas

    from litmap.read.engines import open_pdf
    from litmap.read.layout.blocks import layout_page

    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path), pagesize=(400, 300))
    for i, (font, text) in enumerate([("Helvetica-Bold", "A Bold Heading"), ("Helvetica", "plain words follow here"),
                                       ("Times-Bold", "more bold"), ("Helvetica", "x²  and a last line")]):
        c.setFont(font, 12 if i else 16)
        c.drawString(40, 250 - 30 * i, text)
    c.save()
    src = open_pdf(str(path), "pdfium")
    try:
        page = src.page(0)
    finally:
        src.close()
    assert page.chars and all(type(w) is lines.Word for w in page.chars)
    assert [w.bold for w in page.chars][:4] == [True, True, True, False]
    assert lines.page_words(page) == lines.page_words(_as_chars(page))
    assert layout_page(page) == layout_page(_as_chars(page))


def test_read_pdf_restores_gc_thresholds(tmp_path) -> None:
    """read_pdf runs the young-generation collector less often and puts the thresholds back,
    after an error too."""
    import gc

    from litmap.errors import ExtractionError
    from litmap.read import pdf

    old = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    with pdf._fewer_collections():
        seen.append(gc.get_threshold())
    assert seen[0][0] == max(old[0], pdf.GC_THRESHOLD) and gc.get_threshold() == old
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\ngarbage")
    with pytest.raises(ExtractionError):
        pdf.read_pdf(str(bad))
    assert gc.get_threshold() == old


@pytest.mark.parametrize("seed", range(4))
def test_gutter_coverage_as_bin_by_bin(seed: int) -> None:
    """find_gutter's count of segments over each bin, from range starts and ends, is the bin-by-bin count."""
    from litmap.read.layout import blocks

    rnd = random.Random(seed)
    for _ in range(500):
        nbins = rnd.randint(1, 400)
        spans = [(max(rnd.randint(-20, nbins + 20), 0), min(rnd.randint(-20, nbins + 20), nbins))
                 for _ in range(rnd.randint(0, 60))]
        want = [0] * (nbins + 1)
        for lo, hi in spans:
            for b in range(lo, hi + 1):
                want[b] += 1
        assert blocks._coverage(spans, nbins) == want


def test_new_block_is_an_ordinary_block() -> None:
    """Blocks built field by field into their dict equal Block(...), fields in the same order (same pickles)."""
    from litmap.read.layout.pages import Block, new_block

    fields = (3, 10.0, 20.0, 300.0, 40.0, "Urban\nscale", 10.5, True, "heading", 1, ("Urban", "scale"), (0.0, 2.5))
    a, b = Block(*fields), new_block(*fields)
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    assert list(vars(a).items()) == list(vars(b).items())
    with pytest.raises(AttributeError):
        b.text = "other"  # type: ignore[misc]


# --- read/layout/furniture: text ftfy cannot change is not handed to it ---------------------------

def _ftfy_plain_alphabet(pattern: re.Pattern[str]) -> set[str]:
    return {chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and pattern.fullmatch(chr(c))}


def _pattern_sets(element: tuple) -> "set[str] | None":
    """The characters one element of a parsed pattern matches; None for classes (\\s, \\w, [^...]) and the like."""
    import re._constants as C  # noqa: PLC0415 - the parser's opcodes

    op, arg = element
    if op is C.LITERAL:
        return {chr(arg)}
    if op is C.IN:
        chars: set[str] = set()
        for o, a in arg:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            else:
                return None
        return chars
    return None


@pytest.mark.parametrize("name", ["_FTFY_PLAIN", "_FTFY_PLAIN_LETTERS"])
def test_ftfy_plain_text_cannot_need_fixing(name: str) -> None:
    """What fix_text could change in text of the fast path's alphabet, step by step (ftfy 6, litmap's settings):
    HTML entities need "&"; the encoding is only touched when its mojibake pattern matches, and each branch
    of that pattern needs a character outside the alphabet; C1 controls, ligatures, wide forms, line breaks,
    surrogates, terminal escapes and controls are not in it; NFC changes nothing without combining marks or
    decomposable characters."""
    import re._parser
    import unicodedata

    from ftfy.badness import BADNESS_RE
    from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

    from litmap.read.layout import furniture

    alphabet = _ftfy_plain_alphabet(getattr(furniture, name))
    assert "a" in alphabet and "’" in alphabet and "&" not in alphabet and "\r" not in alphabet
    tree = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    (op, (_, branches)), = tree.data
    assert str(op) == "BRANCH" and len(branches) > 20
    for branch in branches:
        # One element every match of the branch holds, none of whose characters is in the alphabet.
        assert any((s := _pattern_sets(e)) is not None and not s & alphabet for e in branch.data), branch
    forbidden = {chr(c) for c in (*CONTROL_CHARS, *LIGATURES, *WIDTH_MAP)}
    forbidden |= {chr(c) for c in range(0x80, 0xA0)} | {"\r", "\x1b", "\u2028", "\u2029"}
    assert not alphabet & forbidden
    # NFC: each character of the alphabet is its own NFC, and none can be composed onto the one before it (those are
    # the characters after the first in some canonical decomposition, and the Hangul jamo).
    seconds = {chr(0x1161 + k) for k in range(21)} | {chr(0x11A8 + k) for k in range(27)}
    for c in range(0x110000):
        mapping = unicodedata.decomposition(chr(c))
        if mapping and not mapping.startswith("<"):
            seconds.update(chr(int(x, 16)) for x in mapping.split()[1:])
    assert not alphabet & seconds
    for ch in alphabet:
        assert unicodedata.combining(ch) == 0 and unicodedata.normalize("NFC", ch) == ch, ch
    non_ascii = sorted(ch for ch in alphabet if not ch.isascii())
    for a in non_ascii:
        for b in [*non_ascii, "a", "e", " "]:
            assert unicodedata.normalize("NFC", a + b) == a + b and unicodedata.normalize("NFC", b + a) == b + a


TRICKY = [
    "sÃ³", "voilÃ le travail", "Ã©tÃ©", "â€œquotedâ€\x9d", "doesnâ€™t", "cafÃ\xa0", "Ã\xa0 la", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
    "&amp;", "&lt;tag&gt;", "Tom &amp; Jerry", "&#x2019;", "&eacute;", "a&b", "AT&T;",
    "ﬁrst ﬂow", "oﬃce", "Ĳssel", "ＬＯＵＤ　ＮＯＩＳＥＳ", "ｶﾀｶﾅ",
    "a\x00b", "a\x07b", "a\x1b[36mcolour\x1b[0m", "a\x7fb", "a\x85b", "a\x92s", "x\x80y", "\ufeffBOM", "a\u2028b", "a\r\nb", "a\rb",
    "‘single’ “double” „low“", "en – dash — em", "bullet • and … and ·", "−1 ∗ 2", "e\u0301", "Å", "naïve café",
    "Ü ü Ö ö ß é", "Ã¼ber Ã¶ffentlich Ã¤ndern ÃŸ", "â€“ â€” â€™ â–— â—–", "Å‚Ã³dÅº", "Ä…Ä™", "ü”x", "ä“a", "Müller – Łódź …",
    "à²", "ø√", "œ.", "× ²", "â€", "Â ", "Â·", "Î¼m", "Ø¨Ù", "√±", "Â©", "ŠÃ", "é”“", "é’s", "ü„", "5 ± 2", "§ 3 ¶",
]


@pytest.mark.parametrize("seed", range(30))
def test_fix_unicode_as_ftfy(seed: int) -> None:
    import ftfy

    from litmap.read.layout.furniture import fix_unicode

    rng = random.Random(seed)
    plain = "abcXYZ019 .,;:'\"()-[]?!/\t\n’‘“”„–—•…·−∗äöüßéèçñøłźçş"
    pieces = TRICKY + [rng.choice(plain) * rng.randint(1, 3) for _ in range(20)]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        want = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=True, fix_character_width=True,
                             normalization="NFC", explain=False)
        assert fix_unicode(text) == want, repr(text)
    for text in TRICKY:
        assert fix_unicode(text) == ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC"), repr(text)


# --- models: to_dict with each record class's field names cached -------------------------------

def _plain_to_plain(value):
    """models._to_plain as it was: dataclasses.fields on every record."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain_to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_to_plain(v) for k, v in value.items()}
    return value


def test_to_dict_as_fields_every_time() -> None:
    from litmap.models import Author, CitedWork, Document, Metadata, Reference, Source

    doc = Document(
        source=Source(path="a.pdf", sha256="0" * 64, pages=2),
        metadata=Metadata(title="T", authors=(Author("Li", "Y."), Author("WHO", None, True)), year=2001),
        references=(Reference(index=0, raw="Li, Y. (2001) T.", authors=(Author("Li", "Y."),), year=2001),),
    )
    for value in (doc, doc.metadata, Author("Li"), Source, [Author("Li"), {"k": (1, Author("X"))}], "text", None):
        want, got = _plain_to_plain(value), _to_plain_of(value)
        assert got == want and repr(got) == repr(want)  # keys in the same order too
    assert CitedWork.__name__  # imported: a record class with defaults throughout


def _to_plain_of(value):
    from litmap.models import _to_plain

    return _to_plain(value)


# --- parse/citations: the word before a full stop without a regex over the whole sentence ---------

@pytest.mark.parametrize("seed", range(20))
def test_last_word_as_pattern(seed: int) -> None:
    from litmap.parse.citations import _last_word

    rng = random.Random(seed)
    alphabet = ["a", "B", "é", ".", "(", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\r", "al", "e.g"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        m = re.search(r"(\S+)$", text)
        assert _last_word(text) == (m.group(1) if m else ""), repr(text)


# --- parse/headings: a contents line's dot leaders looked for only before a page number --------

@pytest.mark.parametrize("seed", range(20))
def test_toc_leader_as_pattern(seed: int) -> None:
    from litmap.parse import headings

    rng = random.Random(seed)
    alphabet = [".", ". ", "…", "1", "23", "٣", "²", " ", "\n", "\t", "\u00a0", "Intro", "x"]
    for _ in range(500):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert headings._toc_leader(line) == bool(headings._TOC_LEADER.search(line)), repr(line)


# --- parse/citations: mastheads searched for only where a volume and a year in brackets occur ------

@pytest.mark.parametrize("seed", range(20))
def test_mastheads_as_pattern(seed: int) -> None:
    from litmap.parse import citations

    rng = random.Random(seed)
    pieces = ["Cities ", "Urban Studies ", "HSR ", "157 ", "41", " (2016)", "(2025) ", "( 1999 )", "105586", " │ 216",
              "4", "Smith (2004)", "see ", "and ", "(", ")", " ", "\n", "é", "2020", "x"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        got = [m.span() for m in citations._mastheads(text)]
        assert got == [m.span() for m in citations._MASTHEAD_RE.finditer(text)], repr(text)


@pytest.mark.parametrize("seed", range(40))
def test_open_strips_as_word_by_word(seed: int) -> None:
    """The sidebar's gutter candidates from numpy equal the word-by-word scan's."""
    from litmap.read.layout import blocks

    rng = random.Random(seed)
    words = []
    for _ in range(rng.randint(2, 120)):
        x0 = rng.choice([rng.uniform(0, 600), float(rng.randint(0, 60) * 10)])  # ties too
        words.append(lines.Word("w", x0, 100.0, x0 + rng.choice([rng.uniform(0, 80), 10.0]), 110.0, 10.0, False))
    if seed % 10 == 9:
        words[rng.randrange(len(words))] = lines.Word("w", float("nan"), 100.0, 5.0, 110.0, 10.0, False)
    for gap, left, right in ((5.0, 30.0, 240.0), (0.5, 0.0, 600.0), (20.0, 10.0, 100.0)):
        assert blocks._open_strips(words, gap, left, right) == blocks._open_strips_plain(words, gap, left, right)


def _plain_lower_doc(text: str) -> dict[str, int]:
    """What metadata_glued counted before: the cased counts, then folded to lower case."""
    from litmap.parse.metadata_glued import doc_word_counts

    low: dict[str, int] = {}
    for w, c in doc_word_counts(text).items():
        low[w.lower()] = low.get(w.lower(), 0) + c
    return low


@pytest.mark.parametrize("seed", range(20))
def test_lower_doc_counts_as_folded_counts(seed: int) -> None:
    from litmap.parse.metadata_glued import _lower_doc_counts

    rng = random.Random(seed)
    # (the Kelvin sign and "İ" lower-case to ASCII letters, but no run holds them; a lone surrogate is no letter)
    alphabet = "aAbBeEzZ \n\t\x00-é'İ\u212a1\ud800\U0001d400"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
    got = _lower_doc_counts(text)
    assert got == _plain_lower_doc(text) and list(got) == list(_plain_lower_doc(text))


_NOISE_PIECES = ["Smith, J. ", "(2001) ", "Title. ", "(version 1.2)", "[Computer software]", "R package version 1.17-11.",
                 "Version 2.1-0.", "PubMed PMID: 19412540.", "issn: 1476-4687", "ISBN 978-3-16", "eISSN 2045-2322",
                 "Epub ahead of print.", "arXiv:1502.01589v2 [hep-th]", "arXiv.org:astro-ph/0509330", "ARXIV 1502.01589",
                 "İSSN 1234-5678", "verſion 2.0)", "(versıon 3)", "PMİD: 123", "\u212aey", "2010.Leben", " ", ".", "PM",
                 "ID: 1234567", "ver", "sion 3"]


@pytest.mark.parametrize("seed", range(60))
def test_strip_noise_pre_test_as_every_pattern(seed: int) -> None:
    from litmap.parse.references import text as T

    rng = random.Random(seed)
    raw = "".join(rng.choice(_NOISE_PIECES) for _ in range(rng.randint(1, 12)))
    plain = T._GLUED_YEAR.sub(r"\1. ", T._ARXIV.sub(" ", T._IDENTIFIERS.sub(" ", T._SOFTWARE.sub("", raw))))
    fast = raw
    for pattern, repl, words in T._MARKED_NOISE:
        assert T._may_hold(fast, words) or pattern.search(fast) is None
        if T._may_hold(fast, words):
            fast = pattern.sub(repl, fast)
    assert T._GLUED_YEAR.sub(r"\1. ", fast) == plain


def test_case_traps_are_all_the_non_ascii_letters_ignorecase_reads_as_ascii() -> None:
    from litmap.parse.references import text as T

    ascii_letter = re.compile("[a-z]", re.I).fullmatch
    candidates = [chr(cp) for cp in range(0x80, 0x110000) if ascii_letter(chr(cp))]
    # (a pattern's "I" and its "i" are not read alike: "İ" matches only the capital)
    traps = {c for c in candidates for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
             if re.fullmatch(letter, c, re.I) and c.lower() != letter.lower()}
    assert candidates and traps == set(T._CASE_TRAPS)


@pytest.mark.parametrize("seed", range(40))
def test_ends_sentence_as_terminal_pattern(seed: int) -> None:
    from litmap.parse import structure

    rng = random.Random(seed)
    for _ in range(200):
        t = "".join(rng.choice("ab .!?…:;\"”’')]([“‘\n") for _ in range(rng.randint(0, 12))).rstrip()
        assert structure._ends_sentence(t) == bool(structure._TERMINAL.search(t)), repr(t)


def _plain_segment(words: list, row: int) -> lines.Segment:
    """lines._segment as it was, one loop for any number of words, through the dataclass __init__."""
    weights: dict[float, int] = {}
    nbold = total = 0
    top, bottom, x1 = words[0].top, words[0].bottom, words[0].x1
    for w in words:
        weights[w.size] = weights.get(w.size, 0) + len(w.text)
        total += len(w.text)
        nbold += len(w.text) if w.bold else 0
        top, bottom, x1 = min(top, w.top), max(bottom, w.bottom), max(x1, w.x1)
    seg = lines.Segment(tuple(words), row, words[0].x0, top, x1, bottom,
                        max(weights, key=weights.__getitem__), nbold * 2 > total, total)
    seg.text  # noqa: B018 - fills the cached text
    return seg


@pytest.mark.parametrize("seed", range(20))
def test_one_word_segment_as_segment(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        x, top = rng.uniform(0, 500), rng.uniform(0, 700)
        w = lines._new_word(rng.choice(["a", "Word", "", "12"]), x, top, x + rng.uniform(0, 40),
                            top + rng.choice([0.0, 9.5, 12.0]), rng.choice([6.0, 10.0, float("nan")]),
                            rng.random() < 0.5)
        got, want = lines._segment([w], 3), _plain_segment([w], 3)
        assert list(vars(got)) == list(vars(want))
        for k, v in vars(want).items():  # the same objects or equal values of the same type (NaN sizes too)
            assert type(vars(got)[k]) is type(v) and (vars(got)[k] is v or vars(got)[k] == v), k


@pytest.mark.parametrize("seed", range(40))
def test_margin_numbers_alignment_test_as_full_pass(seed: int, monkeypatch) -> None:
    """Skipping the word-gap and candidate passes where no five numbers align changes nothing."""
    rng = random.Random(seed)
    words = []
    for line in range(rng.randint(3, 40)):
        top = 60.0 + 12.0 * line + rng.choice([0.0, 0.0, 0.3])
        x = rng.choice([30.0, 31.0, 33.5, 36.0, 80.0]) + rng.choice([0.0, 0.0, 2.0])
        texts = ([str(line + rng.choice([1, 1, 1, -3]))] if rng.random() < 0.6 else []) + \
            [rng.choice(["text", "of", "the", "7", "2019"]) for _ in range(rng.randint(0, 8))]
        for t in texts:
            w = 5.0 * len(t)
            words.append(lines._new_word(t, x, top, x + w, top + 10.0, 10.0, False))
            x += w + rng.choice([2.5, 2.5, 20.0])
    got_words, got_rows = lines.margin_numbers_and_rows(list(words), 800.0)
    monkeypatch.setattr(lines, "_may_align", lambda numbers: True)
    want_words, want_rows = lines.margin_numbers_and_rows(list(words), 800.0)
    assert [id(w) for w in got_words] == [id(w) for w in want_words]
    assert (got_rows is None) == (want_rows is None)
    if got_rows is not None and want_rows is not None:
        assert [sorted(map(id, r)) for r in got_rows] == [sorted(map(id, r)) for r in want_rows]
        assert lines.segments(list(got_words), got_rows) == lines.segments(list(want_words), want_rows)


def _plain_block(segs: list, page: int, col: int):
    """blocks._block as it was, one path for any number of lines, through the dataclass __init__."""
    from litmap.read.layout.pages import Block

    x0 = min(s.x0 for s in segs)
    weight: dict[float, int] = {}
    for s in segs:
        weight[s.size] = weight.get(s.size, 0) + s.nchars
    total, nbold = sum(s.nchars for s in segs), sum(s.nchars for s in segs if s.bold)
    texts = tuple(s.text for s in segs)
    return Block(page, x0, min(s.top for s in segs), max(s.x1 for s in segs), max(s.bottom for s in segs),
                 "\n".join(texts), max(weight, key=weight.__getitem__), nbold * 2 > total, "body", col, texts,
                 tuple(round(s.x0 - x0, 1) for s in segs))


@pytest.mark.parametrize("seed", range(20))
def test_one_line_block_as_block(seed: int) -> None:
    from litmap.read.layout import blocks

    rng = random.Random(seed)
    for _ in range(50):
        x = rng.choice([rng.uniform(0, 500), float("nan"), float("inf")])
        w = lines._new_word(rng.choice(["a", "Word", "", "12"]), x, 100.0, x + rng.uniform(0, 40), 110.0,
                            rng.choice([6.0, 10.0, float("nan")]), rng.random() < 0.5)
        seg = lines._segment([w], 2)
        got, want = blocks._block([seg], 3, 1), _plain_block([seg], 3, 1)
        assert list(vars(got)) == list(vars(want))
        for k, v in vars(want).items():  # equal values of the same type; NaN sizes and indents the same objects or both NaN
            g = vars(got)[k]
            assert type(g) is type(v) and (g is v or g == v or repr(g) == repr(v)), k
        assert got.text is seg.text  # one string, not a copy: pickles hold it once


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # inf - inf in the second pass's arrays
@pytest.mark.parametrize("seed", range(40))
def test_cluster_rows_attached_boxes_as_python_loop(seed: int) -> None:
    """Sub- and superscripts set right after their base, tall boxes and NaN or infinite bottoms:
    the first pass's skip of _attached (a middle below the row's lowest bottom) changes no row."""
    rng = random.Random(seed)
    words = []
    for line in range(rng.randint(1, 25)):
        top, x = 50.0 + 12.0 * line + rng.choice([0.0, 0.0, 6.0]), 40.0
        for _ in range(rng.randint(1, 8)):
            height = rng.choice([10.0, 10.0, 24.0, 0.0])
            bottom = rng.choice([top + height] * 20 + [float("nan"), float("inf")])
            words.append(lines.Word("w", x, top, x + 20.0, bottom, 10.0, False))
            x += 20.0
            if rng.random() < 0.4:  # a smaller box right after it, raised or lowered
                shift = rng.choice([-6.0, -3.0, 3.0, 6.0, 9.0])
                words.append(lines.Word("i", x + rng.choice([0.0, 1.0, -1.0]), top + shift, x + 5.0,
                                        top + shift + 6.0, 6.0, False))
                x += 5.0
            x += rng.choice([2.5, 30.0])
    rng.shuffle(words)
    got = lines._cluster_rows(list(words))
    want = _plain_cluster_rows(list(words))
    assert [[id(c) for c in r] for r in got] == [[id(c) for c in r] for r in want]
