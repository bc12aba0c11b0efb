"""Small PDFs generated with reportlab for layout and ingest tests.

Every generator writes one file into a directory and returns its path.  The
texts contain marker words so tests can check reading order and cleaning:
left-column paragraphs use ``alpha``/``beta``, right-column ones
``gamma``/``delta``.
"""

from __future__ import annotations

import os
import random

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

W, H = letter  # 612 x 792

FILLER = (
    "the state restructures its scalar organisation through new forms of urban governance and "
    "metropolitan coordination that shape policy across territories while local actors negotiate "
    "competitiveness agendas and welfare retrenchment in many cities of europe and north america "
)


def _filler_lines(marker: str, n: int, width_chars: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    words = FILLER.split()
    lines = []
    for i in range(n):
        line = [marker] if i == 0 else []
        while len(" ".join(line)) < width_chars:
            line.append(rnd.choice(words))
        lines.append(" ".join(line))
    return lines


def _furniture(c: canvas.Canvas, page: int, stamp: bool = True) -> None:
    # running head alternates like journals do; digits differ per page
    c.setFont("Times-Italic", 8)
    if page % 2:
        c.drawString(54, H - 40, f"Journal of Test Studies 12 (2024) 10{page}")
    else:
        c.drawString(54, H - 40, "A. Author and B. Writer")
    c.setFont("Times-Roman", 9)
    c.drawCentredString(W / 2, 40, str(page))
    if stamp:
        c.setFont("Helvetica", 6)
        c.drawString(54, 24, f"Downloaded from https://journals.example.org by Test University on 1 March 2025 (p{page})")


def two_column_article(directory: str, name: str = "two_column.pdf") -> str:
    """Four pages: title + abstract across, two columns, caption, footnote, hyphenation, references."""
    path = os.path.join(directory, name)
    c = canvas.Canvas(path, pagesize=letter)
    c.setTitle("Rescaling the State: A Test Article")
    c.setAuthor("A. Author; B. Writer")
    c.setSubject("Journal of Test Studies, doi:10.1234/jts.2024.001")
    left_x, right_x, lead = 54, 320, 12
    # page 1: full-width title and abstract, then columns
    _furniture(c, 1)
    c.setFont("Times-Bold", 18)
    c.drawString(54, H - 90, "Rescaling the State: A Test Article")
    c.setFont("Times-Roman", 9)
    y = H - 120
    for line in _filler_lines("Abstractmarker", 3, 120, 1):
        c.drawString(54, y, line)
        y -= 11
    top = H - 175
    c.setFont("Times-Roman", 10)
    left = _filler_lines("alpha", 8, 48, 2)
    # line-break hyphens: one to join, one to keep (compound used elsewhere), one before a capital
    left += ["the politics of state rescal-", "ing and the making of the city-", "region in the Anglo-",
             "American debate about the city-region as a scale"]
    left += _filler_lines("beta", 6, 48, 3)
    right = _filler_lines("gamma", 10, 48, 4) + _filler_lines("delta", 10, 48, 5)
    for col_x, lines in ((left_x, left), (right_x, right)):
        y = top
        for i, line in enumerate(lines):
            if i and line.split()[0] in ("beta", "delta"):
                y -= 6  # paragraph space
            c.drawString(col_x, y, line)
            y -= lead
    c.showPage()
    # page 2: columns with a figure caption (right) and a footnote (left bottom)
    _furniture(c, 2)
    c.setFont("Times-Roman", 10)
    left = _filler_lines("alpha2", 20, 48, 6)
    right = _filler_lines("gamma2", 12, 48, 7)
    for col_x, lines in ((left_x, left), (right_x, right)):
        y = H - 80
        for line in lines:
            c.drawString(col_x, y, line)
            y -= lead
    c.setFont("Times-Roman", 8)
    c.drawString(right_x, H - 250, "Figure 1. The city-region of Testville and its municipalities.")
    c.setFont("Times-Roman", 7.5)
    c.drawString(left_x, 90, "1 This footnote explains the sources of the survey data used here.")
    c.drawString(left_x, 81, "Further details are available from the authors on request.")
    c.showPage()
    # page 3: a plain two-column page (so each running head repeats)
    _furniture(c, 3)
    c.setFont("Times-Roman", 10)
    for col_x, lines in ((left_x, _filler_lines("alpha3", 14, 48, 8)), (right_x, _filler_lines("gamma3", 14, 48, 9))):
        y = H - 80
        for line in lines:
            c.drawString(col_x, y, line)
            y -= lead
    c.showPage()
    # page 4: one-column reference list with hanging indents
    _furniture(c, 4)
    c.setFont("Times-Bold", 11)
    c.drawString(54, H - 80, "References")
    c.setFont("Times-Roman", 10)
    refs = [
        ("Brenner, N. (2004). New state spaces: Urban governance and the rescaling of",
         "statehood. Oxford University Press."),
        ("Jessop, B. (2002). The future of the capitalist state. Polity Press, Cambridge and",
         "Malden, MA, with a long second line that wraps."),
        ("Swyngedouw, E. (1997). Neither global nor local: Glocalization and the politics of",
         "scale. In K. Cox (Ed.), Spaces of globalization (pp. 137–166). Guilford."),
    ]
    y = H - 100
    for first, second in refs:
        c.drawString(54, y, first)
        c.drawString(72, y - 12, second)
        y -= 26
    c.showPage()
    c.save()
    return path


def one_column_article(directory: str, name: str = "one_column.pdf", pages: int = 3) -> str:
    """Single-column pages with running heads, page numbers and indented paragraphs."""
    path = os.path.join(directory, name)
    c = canvas.Canvas(path, pagesize=letter)
    for p in range(1, pages + 1):
        _furniture(c, p, stamp=False)
        c.setFont("Times-Roman", 11)
        y = H - 80
        for para in range(3):
            lines = _filler_lines(f"para{p}x{para}", 5, 95, 10 * p + para)
            for i, line in enumerate(lines):
                c.drawString(72 + (18 if i == 0 else 0), y, line)
                y -= 13.5
        c.showPage()
    c.save()
    return path


def image_only_pdf(directory: str, text: str = "Scanned urban governance text", name: str = "scanned.pdf") -> str:
    """One page whose only content is a picture of ``text`` (needs OCR)."""
    from PIL import Image, ImageDraw, ImageFont

    img_path = os.path.join(directory, "scan.png")
    img = Image.new("L", (1700, 1200), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=64)
    draw.text((80, 120), text, fill=0, font=font)
    draw.text((80, 300), "Second line of the scanned page", fill=0, font=font)
    img.save(img_path)
    path = os.path.join(directory, name)
    c = canvas.Canvas(path, pagesize=letter)
    c.drawImage(img_path, 36, H - 420, width=540, height=380)
    c.showPage()
    c.save()
    return path


def blank_and_text_pdf(directory: str, name: str = "blank.pdf") -> str:
    """A blank page (no text, no image) followed by a page of text."""
    path = os.path.join(directory, name)
    c = canvas.Canvas(path, pagesize=letter)
    c.showPage()
    c.setFont("Times-Roman", 11)
    c.drawString(72, 700, "Text after a blank page about municipal governance.")
    c.showPage()
    c.save()
    return path


def encrypted_pdf(directory: str, name: str = "encrypted.pdf") -> str:
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = os.path.join(directory, name)
    enc = StandardEncryption("secret", ownerPassword="owner", strength=128)
    c = canvas.Canvas(path, pagesize=letter, encrypt=enc)
    c.drawString(72, 700, "Secret text")
    c.showPage()
    c.save()
    return path


def broken_files(directory: str) -> dict[str, str]:
    """Paths of: empty, random bytes, HTML renamed .pdf, ZIP renamed .pdf, truncated PDF."""
    out = {}
    out["empty"] = os.path.join(directory, "empty.pdf")
    open(out["empty"], "wb").close()
    out["random"] = os.path.join(directory, "random.pdf")
    with open(out["random"], "wb") as fh:
        fh.write(random.Random(1).randbytes(4096))
    out["html"] = os.path.join(directory, "page.pdf")
    with open(out["html"], "w") as fh:
        fh.write("<!DOCTYPE html><html><head><title>Paywall</title></head><body>Sign in</body></html>")
    out["zip"] = os.path.join(directory, "doc.pdf")
    with open(out["zip"], "wb") as fh:
        fh.write(b"PK\x03\x04" + b"\x00" * 200)
    good = one_column_article(directory, "good_for_truncation.pdf", pages=1)
    with open(good, "rb") as fh:
        data = fh.read()
    out["truncated"] = os.path.join(directory, "truncated.pdf")
    with open(out["truncated"], "wb") as fh:
        fh.write(data[:200])
    return out
