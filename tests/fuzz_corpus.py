"""A seeded generator of hostile inputs for ingest reliability tests.

:func:`build_corpus` writes a folder of files that a scholar's download folder
really contains (half-downloaded PDFs, publisher HTML saved as ``.pdf``,
password-protected files, …) plus hand-written hostile PDFs (cyclic and deeply
nested object trees, a decompression bomb) and odd file-system entries
(symlink loops, unreadable files, odd Unicode names).  Every case records what
outcomes are acceptable so a test can check it ended as a recorded failure
with a clear reason or a successful parse, and nothing else.

Same ``seed`` → same bytes.  Valid base PDFs are made with reportlab.
"""

from __future__ import annotations

import os
import random
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import Optional

__all__ = ["FuzzCase", "build_corpus", "base_pdf_bytes", "hand_pdf"]

#: Outcome kinds a case may end in.
OK, FAILED, SKIPPED = "ok", "failed", "skipped"  # skipped: reported by the folder walk, never read


@dataclass(frozen=True)
class FuzzCase:
    name: str  # short id of the generator, e.g. "truncated@1234"
    path: str  # absolute path of the file (or link) written
    allowed: frozenset[str]  # acceptable outcomes
    reason_has: Optional[str] = None  # a word the failure reason must contain, when it is predictable


# -- valid base documents -------------------------------------------------------------

_WORDS = (
    "state rescaling city region metropolitan governance assemblage territory scale urban "
    "policy competitiveness regionalism planning networks mobility"
).split()


def base_pdf_bytes(seed: int, pages: int = 2, title: Optional[str] = None, **canvas_kw: object) -> bytes:
    """A small article-like PDF (title, body lines, a reference list)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rnd = random.Random(seed)
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, **canvas_kw)  # type: ignore[arg-type]
    c.setTitle(f"Fuzz base {seed}")
    for p in range(pages):
        y = 780
        if p == 0:
            c.setFont("Helvetica-Bold", 16)
            c.drawString(60, y, title or f"Rescaling the city region {seed}")
            y -= 40
        c.setFont("Times-Roman", 10)
        for _ in range(30):
            c.drawString(60, y, " ".join(rnd.choice(_WORDS) for _ in range(12)) + f" (Brenner, {1990 + rnd.randrange(30)}).")
            y -= 13
        if p == pages - 1:
            c.setFont("Helvetica-Bold", 12)
            c.drawString(60, y - 10, "References")
            c.setFont("Times-Roman", 9)
            c.drawString(60, y - 26, "Brenner N (2004) New State Spaces. Oxford: Oxford University Press.")
            c.drawString(60, y - 38, "Jonas AEG and Ward K (2007) Introduction. IJURR 31(1): 169-178.")
        c.showPage()
    c.save()
    return buf.getvalue()


def _encrypted_pdf(seed: int, user_password: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption(userPassword=user_password, ownerPassword="owner-secret", strength=128)
    return base_pdf_bytes(seed, pages=1, encrypt=enc)


def _long_page_pdf(n_chars: int) -> bytes:
    """One page carrying ``n_chars`` characters of text in a 2-pt font."""
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=(2000, 2000))
    c.setFont("Helvetica", 2)
    line = ("scale " * 200)[:1000]
    y = 1990.0
    for _ in range(n_chars // len(line)):
        c.drawString(5, y, line)
        y -= 2.0
        if y < 5:
            y = 1990.0
    c.showPage()
    c.save()
    return buf.getvalue()


# -- hand-written PDFs ------------------------------------------------------------------

def hand_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """Assemble numbered objects (1-based, given in order) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(data: bytes, flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _one_page(content: bytes, page_extra: bytes = b"", flate: bool = False) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        _stream(content, flate),
        _FONT,
    ]


_HELLO = b"BT /F1 12 Tf 72 720 Td (Scale and the city region: a hand written page of text) Tj ET"


def zero_pages_pdf() -> bytes:
    return hand_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def cyclic_pages_pdf() -> bytes:
    """The page tree's Kids point back at the Pages node itself (and Count lies)."""
    return hand_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 5 >>"])


def cyclic_parent_pdf() -> bytes:
    """A readable page whose Parent chain loops and whose outline is a cycle."""
    objs = _one_page(_HELLO)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>"
    objs.append(b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>")
    objs.append(b"<< /Title (loop) /Parent 6 0 R /First 7 0 R /Next 7 0 R /Prev 7 0 R >>")
    return hand_pdf(objs)


def nested_arrays_pdf(depth: int) -> bytes:
    """A page whose resources hold arrays nested ``depth`` deep."""
    nested = b"[" * depth + b"1" + b"]" * depth
    return hand_pdf(_one_page(_HELLO, page_extra=b"/Junk " + nested + b" "))


def nested_dicts_pdf(depth: int) -> bytes:
    nested = b"<< /A " * depth + b"1" + b" >>" * depth
    return hand_pdf(_one_page(_HELLO, page_extra=b"/Junk " + nested + b" "))


def nested_forms_pdf(depth: int) -> bytes:
    """Form XObjects each drawing the next, ``depth`` deep, the last drawing the first (a cycle)."""
    objs = _one_page(b"q /X0 Do Q " + _HELLO)
    objs[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> >>")
    first = len(objs) + 1
    for i in range(depth):
        nxt = first + (i + 1) % depth
        body = b"q /Xn Do Q"
        objs.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Length %d "
                    b"/Resources << /XObject << /Xn %d 0 R >> >> >>\nstream\n" % (len(body), nxt) + body + b"\nendstream")
    return hand_pdf(objs)


def bomb_pdf(mbytes: int) -> bytes:
    """A small file whose one content stream inflates to ``mbytes`` MiB of spaces."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(mbytes)) + comp.compress(_HELLO) + comp.flush()
    objs = _one_page(b"")
    objs[3] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return hand_pdf(objs)


def text_bomb_pdf(repeats: int) -> bytes:
    """A small file whose content stream draws ``repeats`` text runs (huge extracted text)."""
    step = b"%.4f" % (600.0 / repeats)  # stay on the page: every run is extracted
    ops = b"BT /F1 1 Tf 20 700 Td " + (b"(bomb ) Tj 0 -" + step + b" Td ") * repeats + b"ET"
    return hand_pdf(_one_page(ops, flate=True))


# -- non-PDFs with a .pdf name ---------------------------------------------------------------

def html_as_pdf() -> bytes:
    return (b"<!DOCTYPE html><html><head><title>Access denied</title></head><body>"
            b"<p>Please sign in to download this article.</p></body></html>")


def zip_as_pdf() -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


# -- mutations of a valid PDF ----------------------------------------------------------------

def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(1, len(data))]


def flip_bytes(data: bytes, rnd: random.Random, n: int) -> bytes:
    out = bytearray(data)
    for _ in range(n):
        out[rnd.randrange(len(out))] = rnd.randrange(256)
    return bytes(out)


# -- the corpus --------------------------------------------------------------------------------

_ODD_NAMES = (
    "\u05de\u05d0\u05de\u05e8 \u202eevil\u202c.pdf",  # Hebrew + RTL override
    "cafe\u0301 combining.pdf",  # NFD
    "caf\u00e9 combining.pdf",  # NFC of the same visible name: a different file on Linux
    "emoji \U0001f3d9\ufe0f city \U0001f5fa.pdf",
    "zalgo z\u0336\u0353\u0317a\u0334\u031bl\u0335g\u0337o\u0338.pdf",
    "\u0645\u062f\u064a\u0646\u0629 \u0627\u0644\u0645\u0646\u0637\u0642\u0629.pdf",  # Arabic
    "zero\u200bwidth\u2060joiner.pdf",
)


def build_corpus(folder: str, seed: int = 0, scale: int = 1, *, filesystem: bool = True) -> list[FuzzCase]:
    """Write the fuzz corpus into ``folder``; returns one :class:`FuzzCase` per entry.

    ``scale`` 1 gives the CI slice (~30 cases); larger values add more random
    truncations and byte flips (``scale`` 10 ≈ 300 cases).  ``filesystem``
    False leaves out links and unreadable files (for runs that read one file).
    """
    os.makedirs(folder, exist_ok=True)
    rnd = random.Random(seed)
    cases: list[FuzzCase] = []
    both = frozenset({OK, FAILED})

    def put(name: str, fname: str, data: bytes, allowed: frozenset[str] = both, reason: Optional[str] = None) -> None:
        path = os.path.join(folder, fname)
        with open(path, "wb") as fh:
            fh.write(data)
        cases.append(FuzzCase(name, path, allowed, reason))

    base = base_pdf_bytes(seed, pages=2)
    put("valid", "valid.pdf", base, frozenset({OK}))
    put("encrypted-empty-user-password", "encrypted_open.pdf", _encrypted_pdf(seed + 1, ""), frozenset({OK}))
    put("encrypted-user-password", "encrypted_locked.pdf", _encrypted_pdf(seed + 2, "s3cret"), frozenset({FAILED}),
        "encrypted")
    put("zero-pages", "zero_pages.pdf", zero_pages_pdf(), frozenset({FAILED}), "page")
    put("200k-chars-page", "long_page.pdf", _long_page_pdf(200_000))
    put("cyclic-page-tree", "cyclic_pages.pdf", cyclic_pages_pdf(), frozenset({FAILED}))
    put("cyclic-parent-outline", "cyclic_parent.pdf", cyclic_parent_pdf())
    put("nested-arrays", "nested_arrays.pdf", nested_arrays_pdf(50_000))
    put("nested-dicts", "nested_dicts.pdf", nested_dicts_pdf(20_000))
    put("nested-cyclic-forms", "nested_forms.pdf", nested_forms_pdf(64))
    put("decompression-bomb", "bomb.pdf", bomb_pdf(1024 if scale > 1 else 512))
    put("text-bomb", "text_bomb.pdf", text_bomb_pdf(200_000 if scale > 1 else 60_000))
    put("html-as-pdf", "publisher_page.pdf", html_as_pdf(), frozenset({FAILED}), "HTML")
    put("zip-as-pdf", "word_document.pdf", zip_as_pdf(), frozenset({FAILED}), "ZIP")
    put("empty", "empty.pdf", b"", frozenset({FAILED}), "empty")
    put("only-header", "header_only.pdf", b"%PDF-1.7\n", frozenset({FAILED}))
    put("garbage-with-header", "garbage.pdf", b"%PDF-1.4\n" + bytes(rnd.randrange(256) for _ in range(4096)),
        frozenset({FAILED}))
    put("binary-txt", "binary.txt", bytes(rnd.randrange(256) for _ in range(2048)), frozenset({FAILED}), "not text")
    put("blank-txt", "blank.txt", b" \n\t\n  \n", frozenset({FAILED}), "empty")

    n_trunc, n_flip = 4 * scale, 4 * scale
    for i in range(n_trunc):
        data = truncate(base_pdf_bytes(seed + 100 + i, pages=2), rnd)
        put(f"truncated@{len(data)}", f"truncated_{i:03d}.pdf", data)
    for i in range(n_flip):
        flips = rnd.choice((1, 4, 32, 256))
        put(f"flipped x{flips}", f"flipped_{i:03d}.pdf", flip_bytes(base_pdf_bytes(seed + 500 + i, 2), rnd, flips))

    for i, fname in enumerate(_ODD_NAMES):
        put(f"odd-name {unicodedata.name(fname[0], '?').lower()}", os.path.join(folder, fname),
            base_pdf_bytes(seed + 900 + i, pages=1), frozenset({OK}))

    if filesystem:
        _filesystem_cases(folder, cases)
    return cases


def _filesystem_cases(folder: str, cases: list[FuzzCase]) -> None:
    sub = os.path.join(folder, "links")
    os.makedirs(sub, exist_ok=True)
    loop = os.path.join(sub, "loop")
    os.symlink(folder, loop)  # a folder link back up: a loop for a naive walker
    cases.append(FuzzCase("symlink-loop", loop, frozenset({SKIPPED}), "loop"))
    second = os.path.join(sub, "again")
    os.symlink(sub, second)  # a second way into a folder walked anyway
    cases.append(FuzzCase("second-folder-link", second, frozenset({SKIPPED}), "second link"))
    if hasattr(os, "mkfifo"):  # a FIFO named like a paper: hung the coordinator's hashing
        fifo = os.path.join(sub, "fifo.txt")
        os.mkfifo(fifo)
        cases.append(FuzzCase("fifo-txt", fifo, frozenset({SKIPPED}), "not a regular file (a FIFO)"))
    if os.path.exists("/dev/zero"):  # endless bytes
        zero = os.path.join(sub, "zero.txt")
        os.symlink("/dev/zero", zero)
        cases.append(FuzzCase("dev-zero-link", zero, frozenset({SKIPPED}), "not a regular file (a character device)"))
    outside = os.path.join(os.path.dirname(os.path.abspath(folder)), "outside-the-corpus.txt")
    with open(outside, "w", encoding="utf-8") as fh:
        fh.write("root:x:0:0:root:/root:/bin/bash\n")  # like /etc/passwd
    out_link = os.path.join(sub, "passwd.txt")
    os.symlink(outside, out_link)
    cases.append(FuzzCase("link-out-of-corpus", out_link, frozenset({SKIPPED}), "link leads outside the corpus"))
    up = os.path.join(sub, "up")
    os.symlink(os.path.dirname(os.path.abspath(folder)), up)  # the whole parent tree
    cases.append(FuzzCase("link-to-parent", up, frozenset({SKIPPED}), "link leads outside the corpus"))
    self_loop = os.path.join(sub, "self.pdf")
    os.symlink(self_loop, self_loop)  # a link to itself: ELOOP on open
    cases.append(FuzzCase("self-link", self_loop, frozenset({SKIPPED, FAILED})))
    dangling = os.path.join(sub, "dangling.pdf")
    os.symlink(os.path.join(folder, "nowhere.pdf"), dangling)
    cases.append(FuzzCase("dangling-link", dangling, frozenset({SKIPPED}), "broken link"))
    if os.geteuid() != 0:  # root reads anything: chmod 000 proves nothing there
        locked = os.path.join(sub, "unreadable.pdf")
        with open(locked, "wb") as fh:
            fh.write(b"%PDF-1.4\n")
        os.chmod(locked, 0)
        cases.append(FuzzCase("unreadable", locked, frozenset({SKIPPED, FAILED}), "permission"))
