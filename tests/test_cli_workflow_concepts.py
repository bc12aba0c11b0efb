"""`litmap concepts [QUERY]` and names by label (issue 22): the lexicon listed and searched, with
mentions in the corpus when a store is found; debates accept labels in any case, and a typo gets
"did you mean".  Each test runs in its own temporary folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from litmap.analyse.concepts import load_lexicon, resolve_name
from litmap.cli import cli
from litmap.errors import InputError
from support import ROOT, run_litmap

SAMPLE = Path(ROOT) / "corpora" / "sample"
FAST = ("--no-topics", "-j", "0", "--executor", "inline", "--ocr", "never")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A folder after `litmap run papers -o outputs/review` (the real CLI, once per module)."""
    folder = tmp_path_factory.mktemp("concepts")
    papers = folder / "papers"
    papers.mkdir()
    for name in sorted(os.listdir(SAMPLE))[2:5] + ["synthetic-11-ribeiro-2019-greater-bay-area.md"]:
        shutil.copy(SAMPLE / name, papers / name)
    res = run_litmap("run", "papers", "-o", "outputs/review", *FAST, cwd=str(folder), timeout=300)
    assert res.returncode == 0, res.stderr
    return folder


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def here(built, monkeypatch):
    monkeypatch.chdir(built)
    monkeypatch.delenv("LITMAP_DB", raising=False)
    return built


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """An empty folder: no project file, no store."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LITMAP_DB", raising=False)
    return tmp_path


# -- resolving names ---------------------------------------------------------------

@pytest.mark.parametrize("name, wanted", [
    ("state-rescaling", "state-rescaling"),          # the id, as before
    ("state rescaling", "state-rescaling"),          # the label
    ("State Rescaling", "state-rescaling"),          # any case
    ("Politics of scale", "scale-politics"),         # a debate's label differs from its id
    ("concept:State rescaling", "concept:state-rescaling"),
    ("rescaling of the state", "concept:state-rescaling"),  # a concept's variant (its id is a debate's too)
    ("multi scalar", "multi-scalar"),
])
def test_labels_resolve_to_ids(name, wanted):
    assert resolve_name(load_lexicon(), name) == wanted


def test_a_concept_named_like_a_debate_says_concept():
    lex = load_lexicon()
    cid = next(c.id for c in lex.concepts if c.id not in lex.debates and c.label != c.id)
    label = lex.get(cid).label
    assert resolve_name(lex, label.upper()) == cid
    both = next(c for c in lex.concepts if c.id in lex.debates)
    assert resolve_name(lex, f"concept:{both.id}") == f"concept:{both.id}"
    assert resolve_name(lex, both.id) == both.id  # the debate first, as the ids always did


def test_a_typo_gets_did_you_mean():
    with pytest.raises(InputError) as err:
        resolve_name(load_lexicon(), "gentrificaton")
    assert "did you mean 'gentrification'" in str(err.value)
    with pytest.raises(InputError) as err:
        resolve_name(load_lexicon(), "debate:xyzzy-quux")
    assert "no debate of the lexicon" in str(err.value) and "did you mean" not in str(err.value)


# -- litmap concepts -----------------------------------------------------------------

def test_concepts_lists_the_lexicon_without_a_store(nowhere):
    res = invoke("concepts")
    assert res.exit_code == 0, res.output
    n = len(load_lexicon().concepts)
    assert f"{n} of {n} concepts (no store found" in res.output
    assert "state-rescaling  “state rescaling”  [state-rescaling, new-state-spaces]" in res.output
    assert "variants: rescaling of the state" in res.output
    assert not (nowhere / "litmap.db").exists()  # looking does not make a store


def test_concepts_json_has_the_listing_shape(nowhere):
    res = invoke("concepts", "rescaling", "--json")
    data = json.loads(res.stdout)
    assert data["command"] == "concepts" and data["count"] == len(data["items"]) > 0
    first = data["items"][0]
    assert set(first) >= {"id", "label", "debates", "variants", "gloss", "mentions", "papers"}
    assert first["mentions"] is None and data["store"] is None
    assert all("rescal" in json.dumps(i).lower() for i in data["items"])
    assert data["debates"]["scale-politics"] == "Politics of scale"


def test_concepts_search_finds_labels_variants_and_debates(nowhere):
    ids = [i["id"] for i in json.loads(invoke("concepts", "State Rescaling", "--json").stdout)["items"]]
    assert ids[0] == "state-rescaling"
    by_debate = {i["id"] for i in json.loads(invoke("concepts", "politics of scale", "--json").stdout)["items"]}
    lex = load_lexicon()
    assert {c.id for c in lex.in_debate("scale-politics")} <= by_debate  # a debate's label lists its concepts


def test_concepts_typo_suggests(nowhere):
    res = invoke("concepts", "gentrifcation")
    assert res.exit_code == 0
    assert "no concept matches 'gentrifcation'; did you mean 'gentrification'" in res.stderr


def test_concepts_counts_mentions_in_the_project_store(here):
    res = invoke("concepts", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["store"] == "outputs/review.db"
    counted = {i["id"]: (i["mentions"], i["papers"]) for i in data["items"]}
    assert all(isinstance(m, int) and isinstance(p, int) for m, p in counted.values())
    seen = {k: v for k, v in counted.items() if v[0]}
    assert seen, "the sample papers mention some concept"
    assert all(1 <= p <= 4 and m >= p for m, p in seen.values())  # 4 papers in the store
    text = invoke("concepts", next(iter(seen))).output
    assert " in 1 paper" in text or " papers" in text


def test_concepts_mentions_match_the_report(here):
    import csv

    with open(here / "outputs" / "review" / "data" / "concepts_by_paper.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    listed: dict[str, list[int]] = {}
    for r in rows:
        acc = listed.setdefault(r["concept"], [0, 0])
        acc[0] += int(r["mentions"])
        acc[1] += 1
    counted = {i["id"]: [i["mentions"], i["papers"]]
               for i in json.loads(invoke("concepts", "--json").stdout)["items"] if i["mentions"]}
    assert counted == listed and counted


def test_concepts_with_a_missing_explicit_store_is_an_error(nowhere):
    res = CliRunner().invoke(cli, ["concepts", "--db", "missing.db"])
    assert res.exit_code == 1 and "no litmap store" in res.output
    assert not (nowhere / "missing.db").exists()


# -- names by label where ids are wanted -------------------------------------------------

def test_debates_take_labels_in_any_case(here):
    by_id = invoke("debates", "--concept", "scale-politics", "--json")
    by_label = invoke("debates", "--debate", "POLITICS OF SCALE", "--json")
    assert by_id.exit_code == by_label.exit_code == 0, by_label.output
    assert json.loads(by_label.stdout) == json.loads(by_id.stdout)
    assert json.loads(by_label.stdout)["items"][0]["id"] == "scale-politics"


def test_debates_typo_is_refused_with_did_you_mean_in_a_subprocess(here):
    res = run_litmap("debates", "--concept", "gentrificaton", cwd=str(here))
    assert res.returncode == 1
    assert "did you mean 'gentrification'" in res.stderr and "litmap concepts" in res.stderr
