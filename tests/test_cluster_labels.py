"""Cluster and camp labels say what a cluster is about: no cited authors' names, bare acronyms or filler (issue 20)."""

from __future__ import annotations

from litmap.analyse.networks.labels import (
    cited_names, cluster_passages, ctfidf_labels, distinct_terms, label_terms, llr_labels, strip_names,
)
from litmap.store.corpusdata import CitationContext, CorpusData, Paper, WorkInfo


def _corpus() -> CorpusData:
    papers = {1: Paper(1, "Rescaling", 2010, "Antipode", ("Park, J.",)), 2: Paper(2, "Housing", 2012, "Urban Studies", ("Lees, L.",))}
    works = {
        "A": WorkInfo("A", "Brenner 2004", "Brenner", 2004),
        "B": WorkInfo("B", "Butler & Robson 2003", "Butler", 2003),
        "C": WorkInfo("C", "Statistics Canada 1996", "Statistics Canada", 1996),
        "D": WorkInfo("D", "Smith et al. 1979", "Smith", 1979),
    }
    refs = {1: ("A", "C"), 2: ("B", "D")}
    contexts = (
        CitationContext(1, ("A",), "As Brenner (2004) shows, state rescaling in the NNA reworks state rescaling.", 0),
        CitationContext(1, ("A",), "Brenner's state rescaling involves another NNA round (Brenner, 2004).", 1),
        CitationContext(1, ("A", "C"), "Statistics Canada counts describe state rescaling of the NNA.", 2),
        CitationContext(2, ("B",), "Butler and Robson (2003) show social mixing in gentrification of housing.", 0),
        CitationContext(2, ("B", "D"), "Gentrification and social mixing: Robson's housing data, Smith's rent gap.", 1),
        CitationContext(2, ("D",), "Smith et al. (1979) on the rent gap and gentrification of housing for young people.", 2),
    )
    return CorpusData(papers, works, refs, contexts)


def test_cited_names_come_from_labels_first_authors_and_corpus_authors():
    names = cited_names(_corpus())
    assert {"Brenner", "Butler", "Robson", "Smith", "Statistics Canada", "Park", "Lees"} <= names
    assert not any(n[0].isdigit() or n in ("et al.", "&") for n in names)


def test_strip_names_takes_capitalised_surnames_only_and_breaks_ngrams():
    names = frozenset({"Butler", "Robson", "Young", "Park", "Statistics Canada"})
    out = strip_names("Butler and Robson's mixing; young people in the Park, a park; Statistics Canada data", names)
    assert "Butler" not in out and "Robson" not in out and "Statistics" not in out and "Park," not in out
    assert "young people" in out and "a park" in out
    # what is cut out does not join its neighbours into a new bigram
    assert label_terms(strip_names("mixing Butler data", names)) == ["mixing", "data"]
    assert "mixing data" in label_terms("mixing data")


def test_narrative_citations_lose_their_names_even_unresolved():
    out = strip_names("As Mollenkopf (1983) and Butler and Robson (2003) show, Smith et al. (1979) argue", frozenset())
    assert not any(n in out for n in ("Mollenkopf", "Butler", "Robson", "Smith"))
    assert strip_names("In Mumbai (India) the slums", frozenset()) == "In Mumbai (India) the slums"


def test_label_terms_drop_bare_acronyms_and_filler():
    got = label_terms("The NNA round involves another BTH plan for special zones")
    assert "nna" not in got and "bth" not in got and "involves" not in got and "another" not in got
    assert "special zones" in got and "round" in got


def test_cluster_labels_name_no_cited_author_or_acronym():
    data = _corpus()
    membership = {"A": 1, "C": 1, "B": 2, "D": 2}
    passages = cluster_passages(data, membership)
    for labeller in (llr_labels, ctfidf_labels):
        labels = labeller(passages, top_n=4)
        words = {tok for terms in labels.values() for t, _ in terms for tok in t.split()}
        assert not words & {"brenner", "butler", "robson", "smith", "statistics", "canada", "nna"}, (labeller, labels)
        assert any("rescaling" in t for t, _ in labels[1]) and any("gentrification" in t or "mixing" in t or "housing" in t
                                                                    for t, _ in labels[2]), (labeller, labels)


def test_label_terms_do_not_repeat_one_idea():
    # Seen in a debate's camp label on a real folder: "division, division labor, labor".
    scored = [("division", 9.0), ("division labor", 8.0), ("labor", 7.0), ("fordism", 6.0), ("crisis", 5.0)]
    assert distinct_terms(scored, 3) == [("division labor", 9.0), ("fordism", 6.0), ("crisis", 5.0)]
    # a phrase holding two chosen words takes the first one's place; words merely shared are kept apart
    scored = [("social", 5.0), ("mixing", 4.0), ("social mixing", 3.0), ("mixed income", 2.0)]
    assert distinct_terms(scored, 3) == [("social mixing", 5.0), ("mixed income", 2.0)]
    # one idea in the singular and the plural ("assemblages, assemblage"); "class" is no plural
    scored = [("assemblages", 4.0), ("assemblage", 3.0), ("regional assemblage", 2.0), ("class", 1.5), ("clas", 1.0)]
    assert distinct_terms(scored, 3) == [("regional assemblage", 4.0), ("class", 1.5), ("clas", 1.0)]
    # "city, cities, redevelopment" labelled a camp of a real folder
    assert distinct_terms([("city", 3.0), ("cities", 2.0), ("redevelopment", 1.0)], 3) == [("city", 3.0), ("redevelopment", 1.0)]
    docs = {1: ["the division of labor and the division of labor again", "division of labor in fordism"] * 2,
            2: ["urban policy and the state", "state policy in cities"] * 2}
    for labeller in (llr_labels, ctfidf_labels):
        terms = [t for t, _ in labeller(docs, top_n=3)[1]]
        assert not any(a != b and a in b.split() for a in terms for b in terms), (labeller, terms)


def test_label_terms_keep_words_with_diacritics_whole():
    from litmap.analyse.networks.labels import terms

    got = terms("Rent gaps in Zürich, Kraków and Gdańsk; new-build housing in Malmö.")
    assert {"zürich", "kraków", "gdańsk", "malmö", "new-build"} <= set(got)
    assert not {"rich", "krak", "gda", "malm"} & set(got)  # what an ASCII-only word pattern left of them


# -- phrase labels counted by citing paper (camp terms read "achievement, anticipated, arrangements",
#    "division labor", "river delta, form state, yangtze river" on the sample corpus) ------------------

def _two_clusters(first: list[tuple[int, str]]) -> dict[int, list[tuple[int, str]]]:
    other = [(10 + i, s) for i, s in enumerate([
        "Gentrification displaces tenants in the inner city (X 2001).",
        "Rent gaps drive gentrification of the inner city, and tenants leave.",
        "The inner city sees gentrification as tenants are displaced.",
        "Tenants resist gentrification in the inner city.",
    ])]
    return {1: first, 2: other}


def test_labels_are_noun_phrases_with_their_small_words():
    docs = _two_clusters([
        (1, "Urban entrepreneurialism rests on a new division of labor between cities."),
        (2, "The spatial division of labor shapes urban entrepreneurialism, the sites of accumulation."),
        (3, "A division of labor among the sites of accumulation follows."),
    ])
    for labeller in (llr_labels, ctfidf_labels):
        terms = [t for t, _ in labeller(docs, top_n=3)[1]]
        assert "division of labor" in terms, (labeller, terms)
        assert "division labor" not in terms and "sites accumulation" not in terms, (labeller, terms)


def test_a_term_of_one_citing_paper_is_no_label():
    # every word once, in one paper: no term speaks for the cluster (they used to tie and go alphabetically)
    once = [(1, "Achievement was anticipated by arrangements of coalitions."),
            (1, "Here we see scale politics."), (2, "On scale politics, again.")]
    labels = llr_labels(_two_clusters(once), top_n=3)
    assert [t for t, _ in labels[1]] == ["scale politics"]
    repeated = [(1, "Scale politics and scale politics again (Y 2004)."), (1, "Scale politics, scale politics.")]
    # a cluster cited by one paper only: its repeated terms may label it
    assert [t for t, _ in llr_labels(_two_clusters(repeated), top_n=3)[1]] == ["scale politics"]


def test_labels_keep_names_whole_and_as_written():
    docs = _two_clusters([
        (1, "Zones in the Yangtze River Delta are governed by the state (Z 2010)."),
        (2, "The Yangtze River Delta integrates, as data from Semantic Scholar show."),
        (3, "Across the Yangtze River Delta, from Semantic Scholar; social mixing is rare."),
        (4, "Social mixing is a policy goal; we use Semantic Scholar."),
    ])
    terms = [t for t, _ in llr_labels(docs, top_n=5)[1]]
    assert "Yangtze River Delta" in terms and "Semantic Scholar" in terms, terms
    assert not {"river delta", "yangtze river", "River Delta"} & set(terms), terms
    assert "social mixing" in terms, terms  # capitalised only where a sentence opens


def test_modifiers_and_verbs_are_no_single_word_labels():
    docs = _two_clusters([
        (1, "Regulatory frameworks adapt to the early stage of rescaling."),
        (2, "Cities must adapt to regulatory change at an early stage of rescaling."),
        (3, "Firms adapt the regulatory regime early in rescaling."),
    ])
    terms = {t for t, _ in llr_labels(docs, top_n=5)[1]}
    assert any("rescaling" in t for t in terms), terms
    assert not {"regulatory", "early", "adapt"} & terms, terms


def test_parts_of_speech_are_read_from_the_whole_corpus():
    docs = _two_clusters([
        (1, "Her study of the Asian city highlights."),
        (2, "In the Asian city highlights (W 2014)."),
        (3, "Across the Asian city, highlights."),
    ])
    def has(terms):
        return any("highlights" in t for t, _ in terms)

    assert has(llr_labels(docs, top_n=5)[1])  # three sentences cannot tell a verb from a noun
    usage = ["It highlights the gap.", "This highlights the role of the state.", "She highlights a paradox.",
             "The study highlights how rents rose."]
    assert not has(llr_labels(docs, top_n=5, usage=usage)[1])


def test_a_phrase_may_end_in_a_noun_that_often_modifies_but_not_in_an_adjective():
    docs = _two_clusters([
        (1, "The new division of labor between urban and regional."),
        (2, "A spatial division of labor, urban and regional."),
        (3, "The division of labor, both urban and regional."),
    ])
    usage = ["The labor market tightened.", "Labor unions and labor power.", "Its labor, hired."] + [
        f"Regional {noun} and urban and regional {other}." for noun, other in
        (("policy", "plans"), ("growth", "cities"), ("councils", "planning"), ("bodies", "elites"),
                               ("banks", "markets"), ("courts", "parks"))]
    terms = {t for t, _ in llr_labels(docs, top_n=5, usage=usage)[1]}
    assert "division of labor" in terms and "urban and regional" not in terms, terms


def test_a_cluster_whose_papers_share_no_term_takes_one_a_paper_repeats():
    # a camp cited in most of its sentences by one paper (a seed) had no term: by paper, none is shared
    docs = _two_clusters([
        (1, "Special development zones spread (A 2023)."), (1, "Zoning technologies made development zones."),
        (1, "New development zones in the delta."), (2, "A remark in passing."), (3, "Another aside."),
    ])
    assert [t for t, _ in llr_labels(docs, top_n=3)[1]][:1] == ["development zones"]
