"""Spacing accents beside their letter, as text extraction leaves TeX's accents."""

from __future__ import annotations

import pytest

from litmap.parse.references.parser import parse_reference
from litmap.util.accents import attach_spacing_accents


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("Yrja¨na¨", "Yrjänä"),  # after the letter
        ("S¨oderbom", "Söderbom"),  # before it
        ("Mart´ın-Montaner", "Martín-Montaner"),  # TeX's dotless i under the accent
        ("Pen˜a", "Peña"),
        ("Dvorˇák", "Dvořák"),
        ("Budˇejovice", "Budějovice"),  # ě is commoner than ď: the caron goes after
        ("Dˇzeroski", "Džeroski"),
        ("inˇCeské", "inČeské"),  # a capital after a small letter starts a glued word
        ("J.Kube ˇs and Z.Kovács", "J.Kubeš and Z.Kovács"),  # drawn left of its letter, a space between
        ("ˇCapek", "Čapek"),
        ("(Lo ´pez-Morales 2011)", "(López-Morales 2011)"),  # a space between the vowel and its accent
        ("Mu ¨ller", "Müller"),
        ("vis-a `-vis", "vis-à-vis"),
        ("Tarlabas ¸ı in Istanbul", "Tarlabaşı in Istanbul"),
        ("Łód´z", "Łódź"),  # Polish ź: no vowel beside it
        ("Gda´nsk", "Gdánsk"),  # alone, an ambiguous accent goes to the vowel
        ("Zolt´an Kov´acs of Łód´z and Gda´nsk", "Zoltán Kovács of Łódź and Gdańsk"),  # a text setting accents after
        ("Yrja¨na¨ and Mu¨ller, Mo¨tto, Ha¨usser", "Yrjänä and Müller, Mötto, Häusser"),  # ... and one setting them before
        ("don´t and we´ll and they´re", "don´t and we´ll and they´re"),  # apostrophes typed as accents
        ("Buda ¨orsi út", "Buda örsi út"),  # both neighbours could carry it: the space is kept
        ("the ˇ key", "the ˇ key"),
        ("the EU´s policy", "the EU´s policy"),  # an apostrophe typed as an accent
        ("press the ¨ key", "press the ¨ key"),
        # spaces on both sides: joined only where the text prints the joined word elsewhere
        ("Lo ´ pez (2015) and López-Morales (2016)", "López (2015) and López-Morales (2016)"),
        ("Lo ´ pez (2015)", "Lo ´ pez (2015)"),
        ("Gödel", "Gödel"),
    ],
)
def test_attach_spacing_accents(text, fixed):
    assert attach_spacing_accents(text) == fixed


def test_reference_with_accents_before_letters_keeps_its_authors():
    ref = parse_reference(
        "S¨oderbom, M., Teal, F., & Wambugu, A. (2005). Unobserved heterogeneity and the relation "
        "between earnings and firm size. Economics Letters, 87, 153-159."
    )
    assert [a.family for a in ref.authors] == ["Söderbom", "Teal", "Wambugu"]
