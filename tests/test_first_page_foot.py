"""A first page's foot (DOI, copyright) is printed once, so no running-foot test finds it: it is set aside
as furniture, not run into the body's last line, and the paper's DOI is still read from it."""

from __future__ import annotations

import pytest


def _article(path: str, foot: str) -> str:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    W, H = letter
    c = canvas.Canvas(path, pagesize=letter)
    c.setFont("Times-Bold", 16)
    c.drawString(72, H - 80, "Rescaling the Entrepreneurial City")
    c.setFont("Times-Roman", 11)
    c.drawString(72, H - 100, "Ana Lindqvist and David Okafor")
    y = H - 140
    body = ("Chinese urban transformation is governed through planning centrality and market instruments, "
            "a configuration the literature calls state entrepre-").split()
    line: list[str] = []
    for word in body * 8:
        line.append(word)
        if len(" ".join(line)) > 80:
            c.drawString(72, y, " ".join(line))
            y -= 14
            line = []
    c.drawString(72, y, "a configuration the literature calls state entrepre-")
    c.setFont("Times-Roman", 7)
    c.drawString(72, 30, foot)  # the bottom 9% of the page, printed on page 1 only
    c.showPage()
    c.setFont("Times-Roman", 11)
    c.drawString(72, H - 80, "neurialism (Wu, 2018), and rescaling follows from it.")
    for k in range(12):
        c.drawString(72, H - 100 - 14 * k, "The state selects scales as sites of regulation and accumulation here.")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("foot", [
    "https://doi.org/10.5555/litmap.test.10",
    "http://dx.doi.org/10.1016/j.test.2015.05.007 0198-9715/© 2015 Elsevier Ltd. All rights reserved.",
    "doi: 10.1111/gean.12010 © 2013 The Ohio State University",
])
def test_first_page_foot_is_furniture_and_keeps_its_doi(tmp_path, foot):
    pytest.importorskip("reportlab")
    from litmap.batch.extract import extract_file

    doc = extract_file(_article(str(tmp_path / "a.pdf"), foot), ocr="never")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "doi" not in text.lower() and "©" not in text
    assert "state entrepreneurialism (Wu, 2018)" in " ".join(text.split())
    assert doc.metadata.doi and doc.metadata.doi.startswith("10.")
