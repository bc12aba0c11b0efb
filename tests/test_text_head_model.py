"""The learned line labeller for text-file heads (litmap/parse/text_head_model.py) and its use in
litmap/parse/metadata_text.py."""

from __future__ import annotations

import json

from litmap.parse import metadata_text
from litmap.parse.text_head_model import (LABELS, HeadModel, head_fields, head_lines, label_head, line_features,
                                          load_model, model_path, sequence_features)

# Made up: no "Abstract" label and a masthead line over the title, so the rules read no title from it.
HEAD = """Journal of Urban Futures 12 (2023) 45-67
Displacement and Memory in the Harbour Districts
of Three Port Cities
Maria Lindqvist and Tomas Berg
Department of Human Geography, Lund University, Sweden
Keywords: displacement, memory, port cities
This article follows residents of three harbour districts through two decades of redevelopment and asks what they remember.
"""


def test_line_features_see_names_affiliations_and_cues() -> None:
    names = line_features("Maria Lindqvist and Tomas Berg", 3, True)
    assert names["names=1"] == 1.0 and names["and"] == 1.0 and "mostly_names" in names
    affil = line_features("Department of Geography, University of Leeds, Leeds LS2 9JT, UK", 4, True)
    assert {"cue=univ", "cue=dept", "affil_rule", "cue=address", "digits=0"} <= set(affil)
    mast = line_features("Journal of Urban Futures 12 (2023) 45-67", 0, True)
    assert {"year", "cue=journal", "pos=0", "abstract_after"} <= set(mast)
    title = line_features("Displacement and Memory in the Harbour Districts", 1, False)
    assert not any(k.startswith("names=") for k in title) and "abstract_after" not in title
    assert "cue=abstract" in line_features("Abstract", 5, False)
    assert "glued" in line_features("Provincial gentrification intheGlobalNorthandSouthernEurope", 1, False)


def test_sequence_features_carry_the_neighbours() -> None:
    feats = sequence_features(head_lines(HEAD))
    assert "p:none" in feats[0] and "pp:none" in feats[0]
    assert "n:names=1" in feats[2]  # the title's last line sees the author line under it
    assert "p:names=1" in feats[4]  # the affiliation sees the author line over it
    assert "nn:none" in feats[-1]


def test_viterbi_follows_transitions() -> None:
    model = HeadModel(LABELS, {"bias": {"other": 1.0}, "x": {"title": 3.0}},
                      {"title": {"author": 2.0, "title": -5.0}, "other": {"other": 0.0}})
    assert model.tag([{"bias": 1.0, "x": 1.0}, {"bias": 1.0}]) == ["title", "author"]
    assert model.tag([{"bias": 1.0}]) == ["other"]
    assert model.tag([]) == []


def test_shipped_model_labels_a_made_up_head() -> None:
    model = load_model()
    assert model is not None, f"the text head model is missing: {model_path()}"
    assert set(model.labels) == set(LABELS) and model.state
    labels = label_head(head_lines(HEAD), model)
    assert labels[:5] == ["other", "title", "title", "author", "affiliation"]
    assert labels[-1] == "other"
    title, authors = head_fields(HEAD, model)
    assert title == "Displacement and Memory in the Harbour Districts of Three Port Cities"
    assert [a.family for a in authors] == ["Lindqvist", "Berg"]


def test_model_file_is_small_plain_json() -> None:
    data = json.loads(model_path().read_text(encoding="utf-8"))
    assert data["labels"] == list(LABELS) and data["recipe"].startswith("benchmarks/train_text_head.py")
    assert model_path().stat().st_size < 200_000


def test_text_header_uses_the_model_where_the_rules_read_nothing() -> None:
    assert metadata_text._rules_header(HEAD.split("\n")).title is None
    meta = metadata_text.text_header(HEAD)
    assert meta.title == "Displacement and Memory in the Harbour Districts of Three Port Cities"
    assert meta.authors[0].family == "Lindqvist"


def test_rules_title_wins_and_a_missing_model_keeps_the_rules(tmp_path, monkeypatch) -> None:
    head = "Rent Gaps Revisited\nAnna K. Novak\nUniversity of Leeds\nAbstract\nThe rent gap is read anew here.\n"
    assert metadata_text.text_header(head).title == "Rent Gaps Revisited"
    assert load_model(str(tmp_path / "none.json")) is None
    import litmap.parse.text_head_model as thm

    monkeypatch.setattr(thm, "load_model", lambda path_text="": None)
    assert metadata_text.text_header(HEAD).title is None
    assert label_head(["a line"]) == ["other"]


def test_text_read_as_a_cover_page_keeps_its_head(tmp_path) -> None:
    """A text file is one pseudo page; a "How to cite this article" line deep in it marks that page as a cover
    page, which used to leave the file with no title (fresh gentrification texts, issue 18)."""
    from litmap.parse.metadata import extract_metadata, is_cover_page
    from litmap.parse.structure import structure_document
    from litmap.read.textfiles import read_text_file

    body = " ".join(["The rent gap has been read as a feature of inner cities, and this paper follows it out."] * 3)
    data = ("Received: 3 March 2020 | Accepted: 17 February 2021\nDOI: 10.1002/psp.9999\nRESEARCH ARTICLE\n"
            "Rent gaps, displacement and poverty\ndynamics on the urban fringe\nAnna Novak\n"
            "School of Geography, University of Leeds, Leeds, UK\nCorrespondence\nAnna Novak, School of Geography.\n"
            "Email: a.novak@leeds.ac.uk\n"
            "© 2021 The Authors. Population, Space and Place published by John Wiley & Sons Ltd.\n\n" + body
            + "\n\nHow to cite this article: Novak A. Rent gaps on the fringe. 2021;27:e9999.\n")
    path = tmp_path / "x.txt"
    path.write_text(data, encoding="utf-8")
    ep = read_text_file(str(path))
    assert is_cover_page(ep.pages[0])
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata, path=str(path))
    assert meta.title == "Rent gaps, displacement and poverty dynamics on the urban fringe"
    assert meta.authors[0].family == "Novak"


def test_text_export_labels_are_aligned_to_the_typed_gold() -> None:
    """benchmarks/train_text_head.align_export: title lines, the first author's line and the names under it,
    affiliations before the abstract; a masthead and the body are "other"; no title found, no sequence."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "train_text_head.py"
    spec = importlib.util.spec_from_file_location("train_text_head", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    lines = ["Cities 157 (2025) 105586", "Provincial gentrification in the", "Global North: a review",
             "Jan Kubes and Zoltan Kovacs", "Department of Geography, University of South Bohemia",
             "Abstract", "This study aims to explore the main characteristics of gentrification in cities."]
    labels = mod.align_export(lines, "Provincial gentrification in the Global North: a review", "Kubeš")
    assert labels == ["other", "title", "title", "author", "affiliation", "other", "other"]
    assert mod.align_export(lines, "A title printed nowhere in these lines at all", "Kubeš") is None
