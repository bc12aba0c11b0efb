"""The written synthesis of a debate map: template prose, every quote an evidence row."""

from __future__ import annotations

from litmap.analyse.debates.synthesis import snapshot, synthesise, to_json


def _quote(pid, text, fn="background"):
    return {"sentence": text, "paper_id": pid, "title": None, "year": 2020, "page": 4, "function": fn}


MAP = {
    "id": "state-rescaling", "label": "State rescaling", "first_year": 2008, "last_year": 2020,
    "papers": [
        {"paper_id": 2, "year": 2010, "mentions": 9, "terms": [["state-rescaling", 7], ["rescaling", 2]],
         "passages": [{"paragraph": 3, "page": 5, "text": "State rescaling reorganised the state."}]},
        {"paper_id": 1, "year": 2008, "mentions": 3, "terms": [["state-rescaling", 3]], "passages": []},
    ],
    "anchors": [{"work_id": "W1", "label": "Brenner 2004", "citations": 6, "papers": 2, "share": 0.9,
                 "functions": {"uses": 2, "supports": 0, "critiques": 1, "background": 3},
                 "quotes": [_quote(2, "We draw on Brenner (2004) to frame rescaling.", "uses")]}],
    "camps": [], "contested": [{"work_id": "W1", "label": "Brenner 2004"}],
    "stance_quotes": [["W1", _quote(2, "We draw on Brenner (2004) to frame rescaling.", "uses"),
                       _quote(1, "Unlike Brenner (2004), we see no hierarchy.", "critiques")]],
}
LABELS = {1: "Hartwell 2008", 2: "Okafor 2010"}


def test_synthesis_sentences_rest_on_numbered_quotes_with_paper_and_page():
    s = to_json(synthesise(MAP, LABELS, {"state-rescaling": "state rescaling"}))
    text = " ".join(x["text"] for x in s["sentences"])
    assert text.startswith("2 papers engage State rescaling from 2008 to 2020; the most engaged is Okafor 2010")
    assert "the earliest is Hartwell 2008" in text
    assert "Brenner 2004 anchors it: 6 citations by 2 papers, 90% of all its citations in the corpus, drawn on 2 times" in text
    assert "Brenner 2004 is contested: Okafor 2010 cites it approvingly" in text and "Hartwell 2008 critically" in text
    assert "There is no earlier run to compare with." in text
    rows = {e["ref"]: e for e in s["evidence"]}
    for x in s["sentences"]:
        for r in x["refs"]:
            assert rows[r]["paper_id"] in LABELS and rows[r]["page"] == (5 if r == 1 else 4)
    # the same quote (anchor and approving side) is one row, cited twice
    assert sum(1 for e in s["evidence"] if e["text"].startswith("We draw on")) == 1
    assert {e["role"] for e in s["evidence"]} == {"engagement", "anchor", "critical"}


def test_what_is_new_since_the_last_run():
    before = snapshot([{**MAP, "papers": MAP["papers"][1:], "anchors": []}])["state-rescaling"]
    text = " ".join(x.text for x in synthesise(MAP, LABELS, None, before).sentences)
    assert "Since the last run, 1 paper newly engages it (Okafor 2010); Brenner 2004 is new among its top anchors." in text
    same = snapshot([MAP])["state-rescaling"]
    assert "Nothing is new since the last run" in " ".join(x.text for x in synthesise(MAP, LABELS, None, same).sentences)


def test_camps_sentence_says_when_it_names_only_the_largest():
    def camp(i):
        return {"id": i, "works": [[f"W{i}{k}", f"Author{i}{k} 200{k}", 1] for k in range(3)], "terms": [["scale", 2]]}

    six = " ".join(x.text for x in synthesise({**MAP, "camps": [camp(i) for i in range(6)]}, LABELS).sentences)
    assert "Its works fall into 6 camps of co-citation; the four largest: camp 1, around Author00 2000" in six
    assert "camp 5" not in six
    three = " ".join(x.text for x in synthesise({**MAP, "camps": [camp(i) for i in range(3)]}, LABELS).sentences)
    assert "Its works fall into 3 camps of co-citation: camp 1" in three and "largest" not in three


def test_undated_papers_are_not_given_the_dated_ones_years():
    undated = {**MAP, "first_year": 2010, "last_year": 2010,
               "papers": [MAP["papers"][0], {**MAP["papers"][1], "year": None}]}
    text = " ".join(x.text for x in synthesise(undated, LABELS).sentences)
    assert text.startswith("2 papers engage State rescaling (1 of them dated, in 2010); the most engaged is Okafor 2010")
    assert "earliest" not in text  # one dated paper is no earliest


def test_two_anchors_cited_in_one_sentence_do_not_repeat_its_quote():
    # Seen on a real folder: "Li et al. 2023 anchors it ... writes: “In more recent ...”" and then
    # "Zhang et al. 2023 anchors it ... writes: “In more recent ...”", the same sentence twice.
    shared = _quote(2, "Cooperation grew in the delta (Li, 2023; Zhang, 2023).")
    own = _quote(1, "Zhang (2023) maps the zones.")
    anchors = [{"work_id": "W1", "label": "Li 2023", "citations": 3, "papers": 1, "share": 1.0,
                "functions": {"background": 3}, "quotes": [shared]},
               {"work_id": "W2", "label": "Zhang 2023", "citations": 3, "papers": 2, "share": 1.0,
                "functions": {"background": 3}, "quotes": [shared, own]},
               {"work_id": "W3", "label": "Wu 2016", "citations": 2, "papers": 1, "share": 1.0,
                "functions": {"background": 2}, "quotes": [shared]}]
    s = synthesise({**MAP, "anchors": anchors, "stance_quotes": [], "contested": []}, LABELS)
    said = [x.text for x in s.sentences if "anchors it" in x.text]
    assert "Cooperation grew" in said[0]
    assert "Zhang (2023) maps the zones" in said[1] and "Cooperation grew" not in said[1]
    assert said[2].startswith("Wu 2016 anchors it") and "writes" not in said[2]
