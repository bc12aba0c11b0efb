"""Scanned two-column reference lists (old journals via JSTOR): columns on
OCR pages, small-caps surnames OCR reads with a dot ("Harvey. D. (1973):")
or misreads ("Boppy" for Boddy), linked all the same."""

from litmap.read.ocr import _with_columns
from litmap.read.layout.pages import Block
from litmap.models import Author, CitedWork, Reference
from litmap.parse.linking import link_work
from litmap.parse.references.entry_starts import is_entry_start


def _b(x0, top, text, x1=None):
    return Block(page=1, x0=x0, top=top, x1=x1 or x0 + 190, bottom=top + 10, text=text, lines=(text,))


def test_ocr_blocks_get_their_column():
    left = [_b(54, 70 + 20 * k, f"Author{k}. A. (1980): Left column entry {k}") for k in range(4)]
    right = [_b(263, 70 + 20 * k, f"Writer{k}. B. (1981): Right column entry {k}") for k in range(4)]
    head = _b(54, 40, "Geografiska Annaler · 71 B (1989) · 1 running across the whole page", x1=450)
    out = _with_columns([head] + left + right, 482)
    assert [b.column for b in out] == [0] + [1] * 4 + [2] * 4
    # A running head and a byline crossing the gutter (Tobler 1979 with its discussion) do not hide it.
    crossing = [_b(200, 30, "Journal of the American Statistical Association", x1=430),
                _b(54, 400, "NIRA DYN, GRACE WAHBA, and WING-HUNG WONG", x1=300)]
    out = _with_columns(crossing + left + right, 482)
    assert [b.column for b in out] == [0, 0] + [1] * 4 + [2] * 4
    one = [_b(54, 70 + 20 * k, f"A line of a one-column page number {k}", x1=420) for k in range(8)]
    assert [b.column for b in _with_columns(one, 482)] == [0] * 8


def test_a_surname_read_with_a_dot_starts_an_entry():
    assert is_entry_start("Harvey. D. (1973): Social justice and the city, London.")
    assert is_entry_start("Gurr. T. R. and King, D. S. (1987): The state and the city")
    assert not is_entry_start("Press. Chicago (1990)")


def _ref(i, family, year, title):
    return Reference(index=i, raw=f"{family} ({year}) {title}", authors=(Author(family, "X."),), year=year, title=title)


def test_a_misread_small_caps_surname_is_linked_when_it_is_the_only_candidate():
    refs = [_ref(0, "Boppy", 1984, "Local socialism"), _ref(1, "Lerrner", 1989, "Cities in pursuit"),
            _ref(2, "Campbell", 2002, "A critical appraisal")]
    boddy = link_work(CitedWork(surnames=("Boddy",), year=1984), refs)
    assert boddy.reference == 0 and boddy.confidence == 0.35
    assert link_work(CitedWork(surnames=("Leitner",), year=1989), refs).reference == 1
    # not a misreading: Chambers is no Campbell; and never for short names (Li, Wu)
    assert link_work(CitedWork(surnames=("Chambers",), year=2002), refs).reference is None
    short = [_ref(0, "Wang", 2010, "Urban villages")]
    assert link_work(CitedWork(surnames=("Wong",), year=2010), short).reference is None
