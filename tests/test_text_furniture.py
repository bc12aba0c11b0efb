"""Running heads and typesetting stamps in plain-text extractions."""

from __future__ import annotations

from litmap.read.repairs.text_furniture import drop_repeated_lines

BODY = "Gentrification reshaped the neighbourhood as rents rose and tenants left."
WORDS = "rent gap capital displacement tenure class state policy market housing".split()


def _pages(n: int, head: str) -> str:
    # Each page's own lines of body text (a page's worth), then the running footer.
    return "\n".join("\n".join([f"{BODY} {' '.join(WORDS[p:] + WORDS[:p])} in {1990 + p}."] * 16)
                     + f"\n{head.format(p=2 * p + 100)}" for p in range(n))


def test_running_footers_and_indd_stamps_are_dropped():
    text = _pages(5, "2565-2593 USJ_097104.indd   {p} 9/2/2008   2:30:44 PM")
    text += "\n" + _pages(4, "{p}  American Sociological Review 79(4)")
    out = drop_repeated_lines(text)
    assert "indd" not in out and "American Sociological Review" not in out
    assert out.count(BODY) == 9 * 16  # the body stays, every page of it


def test_captions_footnotes_and_unnumbered_repeats_stay():
    text = "\n".join(["Table 1", "Table 2", "TABLE A1", "Table A2", "Table 3", "Fig. 1", "Fig. 2", "Fig. 3",
                      "22 Ibid.", "23 Ibid.", "24 Ibid.", "Notes", "Notes", "Notes", "110(1), pp. 1– 11.",
                      "34, pp. 427– 450.", "35(2), pp. 330– 357.", BODY])
    assert drop_repeated_lines(text) == text


def test_lines_seen_twice_or_long_repeats_stay():
    two = "12 Urban Studies 45(3)\nbody\n14 Urban Studies 45(3)\n"
    assert drop_repeated_lines(two) == two
    long_line = ("A long repeated paragraph of real text that happens to mention 2004 and recurs " * 3).strip()
    text = "\n".join([long_line] * 4)
    assert drop_repeated_lines(text) == text
