"""PDF character engines: pypdfium2 (default, fast) and pdfplumber.

Both implement :class:`litmap.read.layout.pages.CharSource`.  :func:`open_pdf` checks
the file first, so that broken inputs fail with one short, stored reason
(:class:`litmap.errors.ExtractionError`) instead of a library traceback.

The pdfium engine yields *words* (``PageChars.words=True``): pdfium already
inserts spaces and line breaks between glyphs, so we ask it for the page text
once and query boxes and fonts only for the first and last glyph of each
word.  That is ~5× fewer ctypes calls than going glyph by glyph, which is
what makes it fast enough to be the default (see docs/pdf-engine.md).
"""

from __future__ import annotations

import ctypes
from abc import ABC, abstractmethod
from dataclasses import replace
import logging
import math
import os
import re
import unicodedata
import zlib
from itertools import repeat
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from litmap.errors import ExtractionError
from litmap.read.layout.pages import Char, PageChars, new_char
from litmap.read.layout.lines import WORD_GAP, Word, is_bold
from litmap.read.settings import check_engine
from litmap.read.tex_codes import T1_TABLE, mark_tex_codes

__all__ = ["open_pdf", "sniff_pdf", "PdfSource", "PdfiumSource", "PlumberSource", "phantom_space", "superscript_cut",
           "split_glyph_words", "keeps_superscript"]

log = logging.getLogger(__name__)

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
# pdfium reports a line-end hyphen as U+0002, which get_text_range shows as
# U+FFFE, and it inserts no line break after it: end the word there.
_WORD = re.compile(r"[^\s\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")
_HYPHEN_MARKS = ("\ufffe", "\x02")
#: Spacing accents some typesetters (Elsevier) place as glyphs of their own.
_ACCENTS = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "ˇ": "\u030c", "˚": "\u030a"}
_ACCENT_RE = re.compile("[" + "".join(_ACCENTS) + "]")
#: A space right after an ff/fi/fl ligature (pdfium expands the glyph to letters).
_LIG_SPACE = re.compile(r"(?:f[fil]|[\ufb00-\ufb04]) (?=\S)")
#: A glyph-by-glyph rebuild spells out a marked T1 code (:mod:`litmap.read.tex_codes`).
_TEX_TABLES = T1_TABLE
_LIGATURE_GLYPHS = frozenset({"\ufb00", "\ufb01", "\ufb02", "\ufb03", "\ufb04", "ff", "fi", "fl", "ffi", "ffl"})


def sniff_pdf(path: str) -> None:
    """Raise :class:`ExtractionError` unless ``path`` starts like a PDF."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise ExtractionError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise ExtractionError(path, "empty file (0 bytes)")
    if b"%PDF" in head:
        return
    raise ExtractionError(path, f"not a PDF: {_guess_kind(head)}")


def _guess_kind(head: bytes) -> str:
    low = head.lstrip()[:200].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low:
        return "looks like HTML (a saved web page?)"
    if head.startswith(b"PK\x03\x04"):
        return "ZIP archive (maybe .docx/.epub)"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff"):
        return "an image file"
    if head.startswith(b"{\\rtf"):
        return "RTF document"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "old Microsoft Office document"
    if low.startswith(b"<?xml"):
        return "XML document"
    try:
        head.decode("utf-8")
        return "looks like plain text"
    except UnicodeDecodeError:
        return "unknown binary data (no %PDF header)"


def open_pdf(path: str, engine: str = "pdfium") -> PdfSource:
    """Open ``path`` with ``engine`` (one of :data:`litmap.read.settings.ENGINES`, or "plumber").

    Raises :class:`ExtractionError` for files that are not PDFs, empty,
    corrupt, encrypted with a user password, or without pages, and
    :class:`litmap.errors.SettingsError` for an unknown engine.
    """
    engine = check_engine(engine)
    sniff_pdf(path)
    check_streams(path)
    if engine == "pdfium":
        return PdfiumSource(path)
    return PlumberSource(path)


# -- reasons ------------------------------------------------------------------------------------

ENCRYPTED = "encrypted: needs a password (remove the protection and ingest again)"
ZERO_PAGES = "PDF has zero pages"
NO_PAGES = "corrupt PDF: no pages found (its page tree is damaged or empty)"
#: A content stream, form or font inflating past this is not handed to a PDF engine
#: (pdfium inflates it whole when the page loads: a decompression bomb).
MAX_STREAM_MB = 256
#: Largest image (pixels) decoded to render a page for OCR; a 1200-dpi A4 scan is ~140 million.
MAX_IMAGE_PIXELS = 150_000_000
#: Largest page bitmap rendered for OCR; a larger page is rendered at a lower resolution.
MAX_RENDER_PIXELS = 100_000_000
_SCAN_FILE_LIMIT = 256 << 20  # bombs are small files; bigger ones are left to the worker's caps


def _pdfium_reason(exc: Exception, path: str = "") -> str:
    """A plain reason for a document pdfium could not open.

    pdfium sets no error code for some failures (a page tree with no pages),
    and then reports the code an earlier file left ("Success", or even
    "Incorrect password" after an encrypted file): :func:`_reset_last_error`
    leaves ``FPDF_ERR_FILE`` before each open, so that code read back means
    "no cause given", and the file's own bytes are checked too.
    """
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    facts = _sniff_structure(path)
    if facts.get("zero_pages"):
        return ZERO_PAGES
    if code == raw.FPDF_ERR_PASSWORD and facts.get("encrypted", True):
        return ENCRYPTED
    if code == raw.FPDF_ERR_SECURITY:
        return "encrypted with a protection scheme PDFium does not support (remove the protection and ingest again)"
    if code == raw.FPDF_ERR_FILE:
        if path and not os.access(path, os.R_OK):
            return "cannot read file (removed or locked while it was being read)"
        return NO_PAGES
    if code == raw.FPDF_ERR_PAGE:
        return "corrupt PDF: its page tree is damaged"
    if facts.get("ends_early"):
        return "corrupt or truncated PDF: the file ends before its end-of-file marker (an incomplete download?)"
    if code in (raw.FPDF_ERR_FORMAT, raw.FPDF_ERR_PASSWORD):  # a password code for a file without /Encrypt is stale
        return "corrupt or truncated PDF: its file structure is damaged (PDFium cannot parse it)"
    return "corrupt PDF: PDFium cannot open it and gives no cause (damaged or unusual file structure)"


def _reset_last_error() -> None:
    """Leave ``FPDF_ERR_FILE`` as pdfium's last error (see :func:`_pdfium_reason`)."""
    import pypdfium2.raw as raw

    raw.FPDF_LoadDocument(b"", None)  # no such file: sets FPDF_ERR_FILE, opens nothing


def _page_reason(index: int, what: str = "loaded") -> str:
    return f"corrupt PDF: page {index + 1} cannot be {what} (its page object or content is damaged)"


def _sniff_structure(path: str, limit: int = 8 << 20) -> dict[str, bool]:
    """Cheap byte-level facts about a PDF that failed to open."""
    if not path:
        return {}
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit)
            fh.seek(max(os.fstat(fh.fileno()).st_size - 1024, 0))
            tail = fh.read(1024)
    except OSError:
        return {}
    return {
        "encrypted": b"/Encrypt" in data,
        "zero_pages": re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+0\b", data) is not None
        or re.search(rb"/Count\s+0\b[^>]*?/Type\s*/Pages\b", data) is not None,
        "ends_early": b"%%EOF" not in tail,
    }


# -- decompression bombs ------------------------------------------------------------------------

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJ_HEAD = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_FLATE_NAMES = (b"FlateDecode", b"Fl")


def check_streams(path: str, limit_mb: int = MAX_STREAM_MB) -> None:
    """Raise :class:`ExtractionError` if a content stream, form or font of ``path``
    inflates past ``limit_mb`` MB: a PDF engine would inflate it whole (pdfium
    aborts when that passes the worker's memory cap).  Images are decoded
    only for OCR and are checked there (:func:`_check_images`)."""
    bombs = _oversized_streams(path, limit_mb << 20)
    if not bombs:
        return
    pages = _pages_using(path, {obj for obj, _ in bombs})
    obj = bombs[0][0]
    how = f"inflates to over {limit_mb} MB (a decompression bomb?); not read"
    if obj in pages:
        raise ExtractionError(path, f"page {pages[obj]} holds a content stream that {how}")
    raise ExtractionError(path, f"holds a compressed stream that {how}")


def _oversized_streams(path: str, limit: int) -> list[tuple[int, int]]:
    """(object number, bytes inflated before stopping) of each stream, images
    and attachments aside, that inflates past ``limit`` bytes."""
    try:
        if os.path.getsize(path) > _SCAN_FILE_LIMIT:
            return []
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return []
    view = memoryview(data)
    found: list[tuple[int, int]] = []
    for start, end in _stream_starts(data):
        last = _last_obj_head(data, max(0, start - 4096), start)
        if last is None:
            continue
        obj, head = int(last.group(1)), data[last.end():start]
        if _NOT_CONTENT.search(head):
            continue
        layers = _flate_layers(head)
        # Deflate inflates at most 1032-fold: a stream with too few bytes left in the file to pass
        # the limit is not inflated (most content streams of a paper, every one of a small file).
        if layers and (len(data) - end) * _MAX_INFLATE ** layers > limit:
            size = _inflated_size(view[end:], layers, limit)
            if size > limit:
                found.append((obj, size))
    return found


#: The largest ratio of inflated to deflated bytes a Flate stream can reach (zlib's technical notes: 1032:1).
_MAX_INFLATE = 1032
_NOT_CONTENT = re.compile(rb"/Subtype\s*/Image\b|/Type\s*/EmbeddedFile\b")
#: Bytes no match of ``_OBJ_HEAD`` holds (not a digit, white space or a letter of "obj").
_OUTSIDE_HEAD = frozenset(range(256)) - frozenset(b"0123456789 \t\n\r\f\vobj")


def _stream_starts(data: bytes) -> Iterator[tuple[int, int]]:
    """``(m.start(), m.end())`` of each match of ``_STREAM.finditer(data)``, found with
    ``bytes.find`` (the pattern's look-behind keeps ``re`` from searching for its literal fast)."""
    pos = 0
    find = data.find
    while True:
        k = find(b"stream", pos)
        if k < 0:
            return
        pos = k + 1
        if k >= 3 and data[k - 3:k] == b"end":
            continue
        after = data[k + 6:k + 8]
        if after[:1] == b"\n":
            end = k + 7
        elif after[:1] == b"\r":
            end = k + 8 if after == b"\r\n" else k + 7
        else:
            continue
        yield k, end
        pos = end


def _last_obj_head(data: bytes, lo: int, hi: int) -> Optional[re.Match[bytes]]:
    """The last match of ``_OBJ_HEAD.finditer(data, lo, hi)``, searched first in the
    window's last 512 bytes: from a byte no match holds, a scan finds the same matches
    as one from ``lo`` (none crosses that byte), so a match there is the last one."""
    cut = hi - 512
    while cut > lo and data[cut - 1] not in _OUTSIDE_HEAD:
        cut -= 1
    if cut > lo:
        last = None
        for last in _OBJ_HEAD.finditer(data, cut, hi):
            pass
        if last is not None:
            return last
    last = None
    for last in _OBJ_HEAD.finditer(data, lo, hi):
        pass
    return last


#: The names in a stream's /Filter value: b"FlateDecode" from b"[/FlateDecode /DCTDecode]".
_FILTER_NAME = re.compile(rb"/([A-Za-z0-9]+)")


def _flate_layers(head: bytes) -> int:
    """How many Flate filters a stream's dictionary applies first (0: none)."""
    m = _FILTERS.search(head)
    if not m:
        return 0
    n = 0
    for name in _FILTER_NAME.findall(m.group(1)):
        if name not in _FLATE_NAMES:
            break
        n += 1
    return n


def _inflated_size(data: memoryview, layers: int, limit: int) -> int:
    """Bytes ``layers`` Flate passes give, counted in 1 MB steps and stopped
    just past ``limit``; memory stays small whatever the ratio."""

    def chunks() -> Iterator[memoryview]:
        for pos in range(0, len(data), 1 << 16):
            yield data[pos:pos + (1 << 16)]

    def inflate(pieces: Iterable[Any]) -> Iterator[bytes]:
        d = zlib.decompressobj()
        for piece in pieces:
            while piece and not d.eof:
                yield d.decompress(piece, 1 << 20)
                piece = d.unconsumed_tail
            if d.eof:
                return

    stream: Iterable[Any] = chunks()
    for _ in range(layers):
        stream = inflate(stream)
    total = 0
    try:
        for out in stream:
            total += len(out)
            if total > limit:
                break
    except zlib.error:  # damaged data: the engine will say so, or read what it can
        pass
    return total


def _pages_using(path: str, objects: set[int]) -> dict[int, int]:
    """Page number of the first page drawing each of ``objects`` (as content or a
    form), found with pdfminer, which reads the page tree without inflating
    content; ``{}`` when it cannot tell."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import PDFObjRef, resolve1

        found: dict[int, int] = {}
        with open(path, "rb") as fh:
            doc = PDFDocument(PDFParser(fh))
            for number, page in enumerate(PDFPage.create_pages(doc), start=1):
                contents = page.attrs.get("Contents")
                refs = [contents] + (list(resolve1(contents)) if isinstance(resolve1(contents), list) else [])
                xobjects = resolve1((page.resources or {}).get("XObject")) or {}
                for ref in refs + list(xobjects.values()):
                    if isinstance(ref, PDFObjRef) and ref.objid in objects:
                        found.setdefault(ref.objid, number)
                if number >= 5000 or len(found) == len(objects):
                    break
        return found
    except Exception:  # pdfminer raises many types for damaged files: the page is then unnamed
        log.debug("%s: no page found for oversized streams", path, exc_info=True)
        return {}


def _check_images(path: str, page: Any, index: int, limit: int = MAX_IMAGE_PIXELS) -> None:
    """Raise :class:`ExtractionError` if an image of ``page`` would decode past ``limit`` pixels."""
    import pypdfium2.raw as raw

    for k, obj in enumerate(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3)):
        if k >= 5000:
            break
        try:
            width, height = obj.get_px_size()
        except Exception:  # pdfium cannot size some images; rendering skips them too
            continue
        if width * height > limit:
            raise ExtractionError(path, f"page {index + 1} holds a very large image ({width}×{height} pixels, "
                                        f"at least {width * height // (1 << 20)} MB decoded); not read by OCR")


def _metadata_from(info: dict[str, Any], xmp: bytes | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "doi"):
        val = info.get(key)
        if isinstance(val, bytes):
            val = val.decode("utf-8", "replace")
        if val is not None and str(val).strip():
            out[key] = str(val).strip()
    if "doi" not in out:
        for key in ("Subject", "Keywords", "Title"):
            m = _DOI.search(out.get(key, ""))
            if m:
                out["doi"] = m.group(1).rstrip(".,;)")
                break
    if xmp and "doi" not in out:
        found = re.search(rb"<(?:prism:doi|dc:identifier|pdfx:doi)[^>]*>\s*(?:doi:)?(10\.\d{4,9}/[^<\s]+)", xmp,
                          re.I)
        if found:
            out["doi"] = found.group(1).decode("utf-8", "replace")
    return out


class PdfSource(ABC):
    """What both engines share: the page count, the Info metadata, every page in
    turn, and page images and image coverage (from pdfium, for OCR and scan checks).

    An engine sets ``path`` and ``_n`` when it opens the file and implements
    :meth:`page`, :meth:`close`, :meth:`_info` and :meth:`_pdfium`.
    """

    name = ""
    path: str
    _n: int

    def page_count(self) -> int:
        return self._n

    def metadata(self) -> dict[str, str]:
        return _metadata_from(self._info(), None)

    def pages(self) -> Iterator[PageChars]:
        for i in range(self._n):
            yield self.page(i)

    @abstractmethod
    def page(self, index: int) -> PageChars:
        ...

    def render(self, index: int, dpi: int) -> Any:
        """The page as a PIL image at ``dpi`` (for OCR)."""
        return _render(self._pdfium(), index, dpi, self.path)

    def image_coverage(self, index: int) -> float:
        """Share of the page covered by its largest image (a scan covers most of it)."""
        return _image_coverage(self._pdfium(), index)

    @abstractmethod
    def close(self) -> None:
        ...

    @abstractmethod
    def _info(self) -> dict[str, Any]:
        """The document's Info dictionary (best effort: empty when unreadable)."""
        ...

    @abstractmethod
    def _pdfium(self) -> Any:
        """The file as a pypdfium2 document, for rendering pages."""
        ...


class PdfiumSource(PdfSource):
    """Words with boxes, sizes and fonts from pypdfium2."""

    name = "pdfium"

    def __init__(self, path: str):
        import pypdfium2 as pdfium

        self.path = path
        _reset_last_error()
        try:
            self._doc = pdfium.PdfDocument(path, password=None)
        except pdfium.PdfiumError as exc:
            raise ExtractionError(path, _pdfium_reason(exc, path)) from exc
        n = len(self._doc)
        if n == 0:
            self._doc.close()
            raise ExtractionError(path, ZERO_PAGES)
        self._n = n
        self._fonts = DocumentFonts()

    def _info(self) -> dict[str, Any]:
        try:
            return dict(self._doc.get_metadata_dict(skip_empty=True))
        except Exception as exc:  # pdfium metadata is best effort
            log.debug("%s: no metadata: %s", self.path, exc)
            return {}

    def _pdfium(self) -> Any:
        return self._doc

    def page(self, index: int) -> PageChars:
        import pypdfium2 as pdfium

        try:
            page = self._doc[index]
        except pdfium.PdfiumError as exc:  # broken page tree: cycles, bad objects
            raise ExtractionError(self.path, _page_reason(index)) from exc
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                chars = _pdfium_words(textpage, height, fonts=self._fonts)
            finally:
                textpage.close()
        except pdfium.PdfiumError as exc:  # "Failed to load text page." and the like
            raise ExtractionError(self.path, _page_reason(index, "read")) from exc
        finally:
            page.close()
        return PageChars(number=index + 1, width=width, height=height, chars=tuple(chars), words=True)

    def close(self) -> None:
        self._doc.close()


def _render(doc: Any, index: int, dpi: int, path: str = "") -> Any:
    """Page ``index`` as a grey PIL image at ``dpi``, lower for a page too big to
    render whole; a page with an image too big to decode is refused."""
    import pypdfium2 as pdfium

    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        raise ExtractionError(path, _page_reason(index)) from exc
    try:
        _check_images(path, page, index)
        width, height = page.get_size()
        scale = min(dpi / 72.0, math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1.0)))
        return page.render(scale=scale, grayscale=True).to_pil()
    except pdfium.PdfiumError as exc:
        raise ExtractionError(path, _page_reason(index, "rendered for OCR")) from exc
    finally:
        page.close()


def _image_coverage(doc: Any, index: int, max_objects: int = 5000) -> float:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        page = doc[index]
    except pdfium.PdfiumError:  # reading the page said so already; unknown coverage is no scan
        return 0.0
    try:
        width, height = page.get_size()
        area = max(width * height, 1.0)
        best = 0.0
        for k, obj in enumerate(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3)):
            if k >= max_objects:  # hostile pages with endless objects
                break
            try:
                left, bottom, right, top = obj.get_bounds()
            except Exception:  # pdfium cannot place some objects; they cannot be scans either
                continue
            best = max(best, max(right - left, 0) * max(top - bottom, 0) / area)
        return min(best, 1.0)
    finally:
        page.close()


class DocumentFonts:
    """What earlier pages showed about a document's fonts: whether one is TeX's T1 without a Unicode map."""

    __slots__ = ("t1",)

    def __init__(self) -> None:
        self.t1 = False


def _pdfium_words(textpage: Any, height: float, keep_rotated: bool = False,
                  fonts: Optional[DocumentFonts] = None) -> list[Word]:
    """Words of one text page: box of first/last glyph, size and boldness of the first.
    Words turned a quarter are dropped unless most of the page is turned.

    They are layout's :class:`Word` s already (bold judged once per font, not per word), so
    layout does not copy each one again (:func:`litmap.read.layout.lines.page_words`)."""
    import pypdfium2.raw as raw

    page_text = textpage
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    textpage = textpage.raw  # the raw handle skips a Python hop on every ctypes call
    # The calls made for every word or text object, typed with plain addresses (half the ctypes cost).
    get_obj, get_box_at, get_mat, get_size, get_weight, _ = _word_calls()
    page_at = ctypes.cast(textpage, ctypes.c_void_p).value or 0
    if len(text) != n:  # surrogate pairs, glyphs get_text_range leaves out: map glyph by glyph
        text = _glyph_text(page_at, n)
    combine: dict[int, str] = {}
    if _ACCENT_RE.search(text):
        text = _attach_accents(textpage, text, combine)
    if _LIG_SPACE.search(text):
        text = _drop_phantom_spaces(textpage, text)
    # a dvips bitmap font's unmapped ligatures, quotes and dashes
    text, tex_table = mark_tex_codes(text, fonts is not None and fonts.t1)
    if tex_table and fonts is not None:
        fonts.t1 = True
    rect = raw.FS_RECTF()
    mat = (ctypes.c_float * 6)()  # an FS_MATRIX's a, b, c, d, e, f
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    get_info = raw.FPDFText_GetFontInfo
    rect_at = ctypes.addressof(rect)
    mat_at = ctypes.addressof(mat)
    out: list[Word] = []
    last_obj = -1
    size = 0.0
    last_key: tuple[float, int] = (-1.0, -1)
    last_font = ""
    last_bold = False
    upright, rotated = True, 0
    # Tests that fail for every word of most pages, made once per page.
    placeholders = bool(combine) or "\x00" in text
    marks = "\ufffe" in text or "\x02" in text
    new = _new
    for m in _WORD.finditer(text):
        a, end = m.span()
        b = end - 1
        word = m.group()
        if placeholders and (combine or "\x00" in word):
            word = unicodedata.normalize("NFC", "".join(text[i] + combine.get(i, "") for i in range(a, end)))
            word = word.replace("\x00", "")
            if not word:
                continue
            while text[a] == "\x00":  # placeholders carry the accent's box, not the word's
                a += 1
            while text[b] == "\x00":
                b -= 1
        obj = get_obj(page_at, a) or 0
        # Glyphs of one text object share font, size and direction: query them once per object.
        if obj != last_obj or not obj:
            get_mat(page_at, a, mat_at)
            ma, mb, mc, md = mat[0], mat[1], mat[2], mat[3]
            # pdfminer's test: text turned a quarter (a margin's "NIH-PA Author
            # Manuscript", a rotated watermark) is not upright; slanted text is.
            upright = ma * md > 0 and mb * mc <= 0
            size = round(get_size(page_at, a) * math.hypot(mc, md), 2)
            weight = get_weight(page_at, a)
            key = (size, weight)
            if key != last_key:  # the font name changes with size/weight, rarely otherwise
                get_info(textpage, a, buf, 128, ctypes.byref(flags))
                last_font = buf.value.decode("latin-1", "replace")
                if weight >= 600 and "bold" not in last_font.lower():
                    last_font += ",Bold"
                last_bold = is_bold(last_font)
                last_key = key
            last_obj = obj
        if not upright and not keep_rotated:
            rotated += 1
            continue
        if tex_table:
            word = word.translate(tex_table)
        if marks and word[-1] in _HYPHEN_MARKS:
            word = word[:-1] + "-"
            if b > a:
                b -= 1  # the mark's box is a sliver; the word's last letter is reliable
        get_box_at(page_at, a, rect_at)
        x0, r_top, r_bottom = rect.left, rect.top, rect.bottom  # each ctypes field read once
        top, bottom = height - r_top, height - r_bottom
        if b != a:
            get_box_at(page_at, b, rect_at)
            r_top, r_bottom = rect.top, rect.bottom
        r_right = rect.right
        # A last glyph set smaller than the first (loose boxes scale with the
        # effective size, whether set by Tf or by the text matrix) may be a marker.
        if r_top - r_bottom < 0.9 * (bottom - top) and b > a and not combine and "\x00" not in word:
            cut = _superscript_tail(textpage, a, b)
            if cut is not None and not keeps_superscript(text[a:cut], text[cut:b + 1]):
                # "Hartwell" + superscript "a": an affiliation or note marker, not
                # part of the name.  Emit the two as separate words.
                out.extend(_glyphs(textpage, text, a, cut, height, combine))
                out.extend(_glyphs(textpage, text, cut, b + 1, height, combine))
                continue
        x1 = r_right + (0.3 * (r_top - r_bottom) if b < end - 1 else 0.0)
        # max(h, 1.0), min(...) and max(...) below spelt out (same results, NaN included: max(p, q) is q if q > p else p)
        h = bottom - top
        b_top, b_bottom = height - r_top, height - r_bottom
        if abs(b_top - top) > 0.5 * (1.0 if 1.0 > h else h) or x1 < x0:
            # glyphs of one "word" on different lines or backwards: split per glyph
            out.extend(_glyphs(textpage, text, a, b + 1, height, combine))
            continue
        if b_top < top:
            top = b_top
        if b_bottom > bottom:
            bottom = b_bottom
        w = new(Word)  # Word(word, x0, top, x1, bottom, size, last_bold) filled in field order, inlined
        d = w.__dict__
        d["text"] = word
        d["x0"] = x0
        d["top"] = top
        d["x1"] = x1
        d["bottom"] = bottom
        d["size"] = size
        d["bold"] = last_bold
        out.append(w)
    if rotated > len(out) // 3 and not keep_rotated:
        # Mostly turned text (a table set sideways) is content, not margin furniture: keep it.
        return _pdfium_words(page_text, height, keep_rotated=True, fonts=fonts)
    return out


def _glyph_text(page_at: int, n: int) -> str:
    """The text of glyphs ``0..n-1`` of a text page (its address), one character per glyph:
    ``chr(FPDFText_GetUnicode(page, i) or 0xFFFD)`` for each, with the loop in C
    (``map``; only code 0 gives ``"\x00"``)."""
    get_unicode = _word_calls()[5]
    return "".join(map(chr, map(get_unicode, repeat(page_at, n), range(n)))).replace("\x00", "\ufffd")


_new = object.__new__

_WORD_CALLS: Optional[tuple[Any, Any, Any, Any, Any, Any]] = None


def _word_calls() -> tuple[Any, Any, Any, Any, Any, Any]:
    """``FPDFText_GetTextObject`` returning the object's address (an int, or None),
    ``FPDFText_GetLooseCharBox`` and ``FPDFText_GetMatrix`` taking addresses, and
    ``FPDFText_GetFontSize``, ``FPDFText_GetFontWeight`` and ``FPDFText_GetUnicode``: the same
    pdfium functions with ``void *`` in place of typed pointers, which ctypes converts faster."""
    global _WORD_CALLS
    if _WORD_CALLS is None:
        import pypdfium2.raw as raw

        vp, c_int = ctypes.c_void_p, ctypes.c_int

        def address(fn: Any) -> int:
            return int(ctypes.cast(fn, vp).value or 0)

        get_obj = ctypes.CFUNCTYPE(vp, vp, c_int)(address(raw.FPDFText_GetTextObject))
        get_box = ctypes.CFUNCTYPE(c_int, vp, c_int, vp)(address(raw.FPDFText_GetLooseCharBox))
        get_mat = ctypes.CFUNCTYPE(c_int, vp, c_int, vp)(address(raw.FPDFText_GetMatrix))
        get_size = ctypes.CFUNCTYPE(ctypes.c_double, vp, c_int)(address(raw.FPDFText_GetFontSize))
        get_weight = ctypes.CFUNCTYPE(c_int, vp, c_int)(address(raw.FPDFText_GetFontWeight))
        get_unicode = ctypes.CFUNCTYPE(ctypes.c_uint, vp, c_int)(address(raw.FPDFText_GetUnicode))
        _WORD_CALLS = (get_obj, get_box, get_mat, get_size, get_weight, get_unicode)
    return _WORD_CALLS


def phantom_space(lig: tuple[float, float], space: tuple[float, float], next_x0: float) -> bool:
    """Is a space drawn *inside* the ligature glyph before it a false word break?

    Some publisher fonts (SAGE's Minion) map the fi ligature to "fi " so every
    extractor reads "gentrifi cation".  A real space starts where the glyph
    before it ends and pushes the next glyph right; this one lies within the
    ligature's box (x0, x1) and the next glyph follows the ligature directly.
    """
    tol = 0.15 * max(lig[1] - lig[0], 1.0)
    return (space[1] > space[0] and space[0] >= lig[0] - tol and space[1] <= lig[1] + tol
            and next_x0 <= lig[1] + tol)


def _drop_phantom_spaces(textpage: Any, text: str) -> str:
    """Turn spaces inside a preceding ligature into NUL placeholders (see :func:`phantom_space`)."""
    import pypdfium2.raw as raw

    rect = raw.FS_RECTF()

    def span(i: int) -> tuple[float, float]:
        raw.FPDFText_GetLooseCharBox(textpage, i, rect)
        return rect.left, rect.right

    chars = list(text)
    for m in _LIG_SPACE.finditer(text):
        k = m.end() - 1
        if raw.FPDFText_IsGenerated(textpage, k) == 1:  # pdfium's own breaks carry no box
            continue
        if phantom_space(span(k - 1), span(k), span(k + 1)[0]):
            chars[k] = "\x00"
    return "".join(chars)


def superscript_cut(n: int, size: Callable[[int], float], lift: Callable[[int], float]) -> Optional[int]:
    """Where a trailing run of smaller, raised glyphs starts in a word of ``n`` glyphs.

    ``size(i)`` is glyph ``i``'s font size and ``lift(i)`` how far its baseline
    sits above glyph 0's.  "Hartwell" + superscript "a" gives 8; a plain word
    or a subscript gives None.  Both engines use this (callables, so pdfium
    queries only the glyphs it needs).
    """
    if n < 2:
        return None
    base = size(0)
    if base <= 0 or size(n - 1) >= 0.9 * base:
        return None
    cut = n - 1
    while cut - 1 > 0 and size(cut - 1) < 0.9 * base:
        cut -= 1
    return cut if lift(cut) > 0.15 * base else None


_UNIT = re.compile(r"(?:^|[^A-Za-z])(?:k?m|cm|mm|ft|mi|R)$")


def keeps_superscript(head: str, tail: str) -> bool:
    """A raised ending that belongs to its word, not a note marker: ordinals
    ("21" + "st") and squares/cubes of units and R² ("km" + "2")."""
    if head[-1:].isdigit() and tail.lower() in ("st", "nd", "rd", "th"):
        return True
    return tail in ("2", "3") and _UNIT.search(head) is not None


def _superscript_tail(textpage: Any, a: int, b: int) -> Optional[int]:
    """Index where a trailing run of smaller, raised glyphs starts, or None."""
    import pypdfium2.raw as raw

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    mat = raw.FS_MATRIX()

    def bottom_of(i: int) -> float:
        raw.FPDFText_GetCharBox(textpage, i, ctypes.byref(left), ctypes.byref(right),
                                ctypes.byref(bottom), ctypes.byref(top))
        return bottom.value

    def size_of(i: int) -> float:
        # Tf size times the text matrix's scale: many PDFs set "1 Tf" and scale by Tm.
        raw.FPDFText_GetMatrix(textpage, i, mat)
        return raw.FPDFText_GetFontSize(textpage, i) * math.hypot(mat.c, mat.d)

    # PDF y grows upwards: a raised glyph's bottom is above the first one's.
    cut = superscript_cut(b - a + 1, lambda i: size_of(a + i), lambda i: bottom_of(a + i) - bottom_of(a))
    return None if cut is None else a + cut


def _attach_accents(textpage: Any, text: str, combine: dict[int, str]) -> str:
    """Spacing accents drawn as separate glyphs ("Yrjan¨ a ¨") → combining marks.

    Each accent goes to the letter under its centre; the accent and a space
    pdfium generated next to it become NUL placeholders so indices still
    match pdfium's glyph list.
    """
    import pypdfium2.raw as raw

    chars = list(text)
    rect = raw.FS_RECTF()
    n = len(chars)

    def box(i: int) -> tuple[float, float, float]:
        raw.FPDFText_GetLooseCharBox(textpage, i, rect)
        return rect.left, rect.right, (rect.top + rect.bottom) / 2

    for k, ch in enumerate(text):
        if ch not in _ACCENTS:
            continue
        left, right, mid = box(k)
        cx = (left + right) / 2
        best = -1
        # the accent may sit a few glyphs away in the stream; take the nearest letter under it
        for j in sorted(range(max(k - 8, 0), min(k + 9, n)), key=lambda j: abs(j - k)):
            if j == k or not chars[j].isalpha():
                continue
            l, r, m = box(j)
            if l - 0.5 <= cx <= r + 0.5 and abs(m - mid) < 2.0 * max(r - l, 3.0):
                best = j
                break
        if best < 0:
            continue
        combine[best] = combine.get(best, "") + _ACCENTS[ch]
        chars[k] = "\x00"
        for step in (-1, 1):  # generated breaks around the accent are artefacts of it
            j = k + step
            while 0 <= j < n and chars[j] in " \r\n\x00" and (
                chars[j] == "\x00" or raw.FPDFText_IsGenerated(textpage, j) == 1
            ):
                chars[j] = "\x00"
                j += step
    return "".join(chars)


def _glyphs(textpage: Any, text: str, a: int, b: int, height: float, combine: dict[int, str]) -> list[Word]:
    """Glyphs ``a:b`` re-joined into one word per line they sit on (bold: the first glyph's weight)."""
    import pypdfium2.raw as raw

    rect = raw.FS_RECTF()
    mat = raw.FS_MATRIX()
    out: list[Word] = []
    for i in range(a, b):
        if text[i] == "\x00":  # a moved accent or a space it caused
            continue
        raw.FPDFText_GetLooseCharBox(textpage, i, rect)
        raw.FPDFText_GetMatrix(textpage, i, mat)
        size = round(raw.FPDFText_GetFontSize(textpage, i) * math.hypot(mat.c, mat.d), 2)
        bold = raw.FPDFText_GetFontWeight(textpage, i) >= 600  # as is_bold(",Bold" or "")
        x0, top, x1, bottom = rect.left, height - rect.top, rect.right, height - rect.bottom
        ch = "-" if text[i] in _HYPHEN_MARKS else text[i].translate(_TEX_TABLES) + combine.get(i, "")
        prev = out[-1] if out else None
        if prev and abs(prev.top - top) < 0.5 * max(bottom - top, 1.0) and -0.3 * max(size, 1.0) <= x0 - prev.x1 < 0.3 * max(size, 1.0):
            out[-1] = Word(prev.text + ch, prev.x0, min(prev.top, top), x1, max(prev.bottom, bottom), prev.size, prev.bold)
        else:
            out.append(Word(ch, x0, top, x1, bottom, size, bold))
    return [replace(c, text=unicodedata.normalize("NFC", c.text)) for c in out] if combine else out


def split_glyph_words(chars: Sequence[Char]) -> list[Char]:
    """Glyphs (content-stream order) with the pdfium engine's word fixes applied.

    A space drawn inside a preceding ligature is dropped (:func:`phantom_space`),
    and a space glyph is put before a trailing superscript run
    (:func:`superscript_cut`) so the layout does not glue "Brenner" and its
    note marker "2" into "Brenner2".
    """
    out: list[Char] = []
    run: list[int] = []  # indexes into out of the current word's glyphs

    def close_run() -> None:
        if len(run) < 2:
            return
        glyphs = [out[i] for i in run]
        cut = superscript_cut(len(glyphs), lambda i: glyphs[i].size,
                              lambda i: glyphs[0].bottom - glyphs[i].bottom)  # top-down coordinates
        if cut is not None and not keeps_superscript("".join(g.text for g in glyphs[:cut]),
                                                     "".join(g.text for g in glyphs[cut:])):
            # The space takes the height of the glyph before the marker, so it
            # lands in that glyph's row and leaves the layout's rows as they were,
            # and sits strictly left of the marker, so sorting by x keeps it first.
            base, sup = glyphs[cut - 1], glyphs[cut]
            x = max(min(base.x1, sup.x0) - 0.01, base.x0 + 0.01)
            out.insert(run[cut], Char(" ", x, base.top, x, base.bottom, base.size, base.font))

    for k, c in enumerate(chars):
        if not c.text.strip():
            prev = out[-1] if out else None
            nxt = chars[k + 1] if k + 1 < len(chars) else None
            if (c.text == " " and prev is not None and nxt is not None and prev.text in _LIGATURE_GLYPHS
                    and phantom_space((prev.x0, prev.x1), (c.x0, c.x1), nxt.x0)):
                continue  # "gentriﬁ" + " " + "cation": the space is part of the ligature
            close_run()
            run = []
            out.append(c)
            continue
        if run:
            prev = out[run[-1]]
            gap = WORD_GAP * max(prev.size, c.size, 1.0)
            if c.x0 - prev.x1 > gap or c.x0 < prev.x0 - 0.5 or abs(c.bottom - prev.bottom) > max(prev.size, c.size):
                close_run()
                run = []
        out.append(c)
        run.append(len(out) - 1)
    close_run()
    return out


def _plumber_reason(path: str) -> str:
    """A plain reason for a file pdfminer could not open (its exception names say little)."""
    facts = _sniff_structure(path)
    if facts.get("zero_pages"):
        return ZERO_PAGES
    if facts.get("ends_early"):
        return "corrupt or truncated PDF: the file ends before its end-of-file marker (an incomplete download?)"
    return "corrupt or truncated PDF: its file structure is damaged (pdfminer cannot parse it)"


class PlumberSource(PdfSource):
    """Glyphs from pdfplumber (pdfminer): slower, kept for comparison and fallback."""

    name = "plumber"

    def __init__(self, path: str):
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect

        self.path = path
        self._pdfium_doc: Any = None
        try:
            self._pdf = pdfplumber.open(path, password="")
            n = len(self._pdf.pages)
        except PDFPasswordIncorrect as exc:
            raise ExtractionError(path, ENCRYPTED) from exc
        except (MemoryError, RecursionError):  # the worker names these itself
            raise
        except Exception as exc:  # pdfminer raises many unrelated types for broken files
            name = type(exc).__name__
            inner = " ".join(type(a).__name__ for a in exc.args if isinstance(a, BaseException))
            if any(k in name + inner for k in ("Password", "Encrypt")):
                raise ExtractionError(path, ENCRYPTED) from exc
            raise ExtractionError(path, _plumber_reason(path)) from exc
        if n == 0:
            self._pdf.close()
            # pdfminer also finds no pages in a page tree it cannot follow (a cycle)
            zero = _sniff_structure(path).get("zero_pages")
            raise ExtractionError(path, ZERO_PAGES if zero else NO_PAGES)
        self._n = n

    def _info(self) -> dict[str, Any]:
        return dict(self._pdf.metadata or {})

    def page(self, index: int) -> PageChars:
        try:
            return self._page(index)
        except (ExtractionError, MemoryError, RecursionError):  # the worker names the last two itself
            raise
        except Exception as exc:  # pdfminer raises many unrelated types for broken content
            log.debug("%s: page %d: %s: %s", self.path, index + 1, type(exc).__name__, exc)
            raise ExtractionError(self.path, _page_reason(index, "read")) from exc

    def _page(self, index: int) -> PageChars:
        p = self._pdf.pages[index]
        chars = tuple(split_glyph_words(tuple(
            Char(
                c["text"], float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]),
                round(float(c.get("size", 0.0)), 2), str(c.get("fontname", "")),
            )
            for c in p.chars
            if c.get("upright", True)
        )))
        result = PageChars(number=index + 1, width=float(p.width), height=float(p.height), chars=chars)
        p.flush_cache()  # keep memory flat on big files
        return result

    def _pdfium(self) -> Any:
        if self._pdfium_doc is None:
            import pypdfium2 as pdfium

            _reset_last_error()
            try:
                self._pdfium_doc = pdfium.PdfDocument(self.path)
            except pdfium.PdfiumError as exc:
                raise ExtractionError(self.path, _pdfium_reason(exc, self.path)) from exc
        return self._pdfium_doc

    def close(self) -> None:
        self._pdf.close()
        if self._pdfium_doc is not None:
            self._pdfium_doc.close()
