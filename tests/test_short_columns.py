"""The last page of a two-column reference list: a few rows, side by side,
the right column's hanging entry starts reaching into the gutter.  Read
column by column, not row by row (Urban Studies layout, Lees 2008)."""

import pytest

pytest.importorskip("reportlab", reason="needs the module reportlab: pip install -e '.[test]'")

from reportlab.pdfgen import canvas  # noqa: E402

from litmap.batch.extract import extract_file  # noqa: E402

LEFT = [
    (50, "Wilson, W. J. (1987) The Truly Disadvantaged: The"),
    (60, "Inner City, the Underclass, and Public Policy."),
    (60, "Chicago, IL: University of Chicago Press."),
    (50, "Wood, M. (2003) A balancing act? Tenure diver-"),
    (60, "sification in Australia and the UK, Urban Policy"),
    (60, "and Research, 21, pp. 45–56."),
    (50, "Wyly, E. and Hammel, D. (1999) Islands of decay"),
    (60, "in seas of renewal: housing policy and the"),
    (60, "resurgence of gentrification, Housing Policy"),
    (60, "Debate, 10(4), pp. 711–771."),
]
RIGHT = [
    (247, "Wyly, E. and Hammel, D. (2004) Gentrification,"),
    (257, "segregation, and discrimination in the American"),
    (257, "urban system, Environment and Planning A, 36,"),
    (257, "pp. 1215–1241."),
    (247, "Young, I. M. (1990) Justice and the Politics of"),
    (257, "Difference. Princeton, NJ: Princeton University"),
    (257, "Press."),
]


def _pdf(path):
    c = canvas.Canvas(str(path), pagesize=(482, 686), invariant=1)
    c.setFont("Times-Roman", 10)
    c.drawString(50, 640, "Gentrification and social mixing")
    c.setFont("Times-Bold", 11)
    c.drawString(50, 620, "References")
    for column in (LEFT, RIGHT):
        y = 600
        for x, text in column:
            c.setFont("Times-Roman", 8)
            c.drawString(x, y, text)
            y -= 11.3
    c.save()


def test_short_two_column_reference_list_is_read_by_column(tmp_path):
    path = tmp_path / "last_page.pdf"
    _pdf(path)
    refs = [r.raw for r in extract_file(str(path)).references]
    starts = [r.split(" (")[0] for r in refs]
    assert starts == [
        "Wilson, W. J.", "Wood, M.", "Wyly, E. and Hammel, D.", "Wyly, E. and Hammel, D.", "Young, I. M.",
    ], refs
    assert refs[0].endswith("Chicago, IL: University of Chicago Press.")
    assert refs[3].endswith("Environment and Planning A, 36, pp. 1215–1241.")
