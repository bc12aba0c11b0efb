"""bibliometrix's views as pure functions: thematic map quadrants, three-field flows, Lotka."""

from litmap.analyse.sciencemaps.productivity import author_key, author_productivity
from litmap.analyse.sciencemaps.thematic import quadrant, thematic_map
from litmap.analyse.sciencemaps.threefield import three_fields


def test_thematic_map_places_a_dense_isolated_theme_as_niche():
    docs = {}
    # theme A: tight trio, always together, never with others -> dense, peripheral
    for i in range(6):
        docs[f"a{i}"] = ["alpha", "beta", "gamma"]
    # theme B and C share 'hub' terms with each other -> central
    for i in range(6):
        docs[f"b{i}"] = ["state", "scale"] + (["city"] if i % 2 else [])
        docs[f"c{i}"] = ["city", "region"] + (["state"] if i % 3 == 0 else [])
    got = thematic_map(docs, min_count=2, seed=1)
    themes = {tuple(sorted(t["term_ids"])): t for t in got["themes"]}
    trio = themes[("alpha", "beta", "gamma")]
    assert trio["centrality"] == 0  # no link leaves it
    assert trio["density"] == max(t["density"] for t in got["themes"])
    assert trio["quadrant"] == "niche"
    assert {t["quadrant"] for t in got["themes"]} <= {"motor", "niche", "emerging", "basic"}
    assert thematic_map({"x": ["a"]})["themes"] == []


def test_quadrants_follow_the_splits():
    assert quadrant(2, 2, 1, 1) == "motor" and quadrant(0, 2, 1, 1) == "niche"
    assert quadrant(2, 0, 1, 1) == "basic" and quadrant(0, 0, 1, 1) == "emerging"


def test_three_fields_counts_papers_behind_each_flow():
    authors = {1: ["Brenner, N."], 2: ["Brenner, N.", "Jessop, B."], 3: ["Smith, N."]}
    works = {1: ["w1"], 2: ["w1", "w2"], 3: ["w3"]}
    concepts = {1: ["rescaling"], 2: ["rescaling"], 3: ["gentrification"]}
    got = three_fields(authors, works, concepts, top=10)
    links = {(k, a, b): n for k, a, b, n in got["links"]}
    assert links[(0, "Brenner, N.", "w1")] == 2
    assert links[(1, "w1", "rescaling")] == 2
    assert (0, "Smith, N.", "w1") not in links
    assert [n["id"] for n in got["nodes"][0]][0] == "Brenner, N."
    one = three_fields(authors, works, concepts, top=1)
    assert all(len(f) <= 1 for f in one["nodes"])


def test_lotka_on_an_inverse_square_distribution():
    authors = {}
    pid = 0
    # 36 authors with 1 paper, 9 with 2, 4 with 3: exactly 1/n^2
    for a, n in [(f"One{i}, A." , 1) for i in range(36)] + [(f"Two{i}, B.", 2) for i in range(9)] + \
            [(f"Three{i}, C.", 3) for i in range(4)]:
        for _ in range(n):
            pid += 1
            authors[pid] = [a]
    got = author_productivity(authors, {1: ["Brenner, N.", "Brenner N"], 2: ["Brenner, N."], 3: ["Jessop, B."]})
    assert got["lotka"]["beta"] == 2.0
    assert got["lotka"]["r2"] == 1.0
    assert got["productive"][0]["papers"] == 3
    assert got["cited"][0] == {"author": "Brenner, N.", "citing_papers": 2}
    assert author_key("N. Brenner") == author_key("Brenner, Neil") == "brenner n"


def test_an_author_is_named_as_most_papers_print_the_name():
    """One header's misprint ("Fisher, P. I." for P. F. Fisher) does not name the person when the other headers
    and the references citing them print "Fisher, P. F."."""
    authors = {1: ["Fisher, P. I.", "Langford, M."], 2: ["Fisher, P. F.", "Langford, M."], 3: ["Fisher, P. E."]}
    cited = {4: ["Fisher, P. F.", "Wright, J. K."], 5: ["Fisher, P. F."]}
    got = author_productivity(authors, cited)
    assert got["productive"][0] == {"author": "Fisher, P. F.", "papers": 3, "fractional": 2.0}
    assert got["cited"][0] == {"author": "Fisher, P. F.", "citing_papers": 2}
    # three headers, three middle initials (the mixed folder's Fisher): the references citing him decide
    three = {1: ["Fisher, P. I."], 2: ["Fisher, P. F."], 3: ["Fisher, P. E."]}
    assert author_productivity(three)["productive"][0]["author"] == "Fisher, P. I."  # a tie: the first seen
    got = author_productivity(three, printed_forms=["Fisher, P. F."] * 5 + ["Fisher, P."])
    assert got["productive"][0] == {"author": "Fisher, P. F.", "papers": 3, "fractional": 3.0}
    # a tie keeps the form seen first
    assert author_productivity({1: ["Li, X."], 2: ["Li, Xin"]})["productive"][0]["author"] == "Li, X."


def test_cited_authors_of_one_surname_are_told_apart_by_initials():
    """Neil and David Smith are two cited authors (the mixed folder counted "Smith 32" for every Smith); a
    surname cited with no initials joins the one person of that name, and names nobody where there are two."""
    cited = {1: ["Smith, N.", "Brenner, N."], 2: ["Smith, N.", "Brenner"], 3: ["Smith, D.", "Smith"],
             4: ["Smith, N."], 5: ["Brenner, N."]}
    got = {c["author"]: c["citing_papers"] for c in author_productivity({9: ["Lees, L."]}, cited)["cited"]}
    assert got["Smith, N."] == 3 and got["Smith, D."] == 1
    assert "Smith" not in got  # two Smiths with initials: which one is unknown, so no author is named
    assert got["Brenner, N."] == 3 and "Brenner" not in got  # the only Brenner


def test_three_themes_are_placed_by_rank_with_the_means_as_lines():
    """The mixed corpus's three themes: split at the medians two were 'emerging' and each median theme sat on a
    line (at the mean rank, as bibliometrix, too); ranked with the means, no theme sits on a line."""
    from litmap.analyse.sciencemaps.thematic import place_themes, ranks

    themes = [{"label": "gentrification", "centrality": 573.0, "density": 265.0},
              {"label": "capital accumulation", "centrality": 833.0, "density": 218.0},
              {"label": "decentralisation", "centrality": 1023.0, "density": 598.0}]
    splits = place_themes(themes)
    assert (splits["centrality"], splits["density"], splits["ranks"]) == (2.0, 3.0, 4)  # means 809.7 and 360.3
    assert [(t["rank_centrality"], t["rank_density"]) for t in themes] == [(1, 2), (3, 1), (4, 4)]
    assert [t["quadrant"] for t in themes] == ["emerging", "basic", "motor"]
    assert ranks([3.0, 1.0, 3.0, 2.0]) == [3.5, 1.0, 3.5, 2.0]
    four = [{"centrality": c, "density": d} for c, d in ((9, 90), (1, 80), (1.5, 10), (8, 20))]
    splits = place_themes(four)
    assert [t["quadrant"] for t in four] == ["motor", "niche", "emerging", "basic"]
    assert all(t["rank_centrality"] != splits["centrality"] and t["rank_density"] != splits["density"] for t in four)
    average = [{"centrality": c, "density": d} for c, d in ((1, 1), (2, 2), (3, 3))]
    splits = place_themes(average)  # the middle theme truly is average: on both lines, low
    assert (average[1]["rank_centrality"], average[1]["rank_density"]) == (splits["centrality"], splits["density"])
    assert average[1]["quadrant"] == "emerging"

