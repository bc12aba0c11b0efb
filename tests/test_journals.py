"""One spelling per journal in the report's counts."""

from litmap.analyse.journals import canonical_journals


def test_abbreviations_and_print_variants_merge():
    names = [
        "Comput., Environ. and Urban Systems",
        "Computers, Environment and Urban Systems",
        "Computers, Environment and Urban Systems",
        "GEOFORUM", "Geoforum",
        "Gender, Place & Culture", "Gender, Place and Culture", "Gender, Place and Culture",
        "Int. J. Urban Reg. Res.", "International Journal of Urban and Regional Research",
    ]
    c = canonical_journals(names)
    assert c["Comput., Environ. and Urban Systems"] == "Computers, Environment and Urban Systems"
    assert c["GEOFORUM"] == "Geoforum"
    assert c["Gender, Place & Culture"] == "Gender, Place and Culture"
    assert c["Int. J. Urban Reg. Res."] == "International Journal of Urban and Regional Research"


def test_different_journals_stay_apart():
    names = [
        "Area", "Areas",  # no dot: no abbreviation
        "Annals of the Association of American Geographers",  # renamed in 2016: history, not spelling
        "Annals of the American Association of Geographers",
        "J. Urban Aff.", "Journal of Urban Affairs", "Journal of Urban Affairs Review",
        "Geogr. J.", "Geographical Journal", "Geography Journal",  # two it could stand for: left alone
    ]
    c = canonical_journals(names)
    assert c["Area"] == "Area" and c["Areas"] == "Areas"
    assert c["Annals of the Association of American Geographers"] != c["Annals of the American Association of Geographers"]
    assert c["J. Urban Aff."] == "Journal of Urban Affairs"
    assert c["Geogr. J."] == "Geogr. J."
