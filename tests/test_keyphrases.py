"""Key-phrase discovery by C-value on small synthetic texts."""

from __future__ import annotations

import pytest

from litmap.analyse.concepts import load_lexicon
from litmap.analyse.keyphrases import Candidate, KeyphraseSettings, discover_keyphrases
from litmap.errors import InputError

TEXTS = [
    "The inter-city transit corridor links two towns. A transit corridor is also planned. "
    "Transit corridors matter for the region, and the inter-city transit corridor is busy.",
    "Inter-city transit corridor plans favour growth. Housing prices rose in the old port district. "
    "The old port district changed; housing prices fell later in the old port district.",
    "State rescaling shapes the city-region. State rescaling and state rescaling again in the city region.",
]


def test_ranking_by_c_value():
    out = discover_keyphrases(TEXTS, None, top=10)
    phrases = [c.phrase for c in out]
    assert all(isinstance(c, Candidate) for c in out)
    # the most frequent maximal term ranks first; frequency and document counts are reported
    top = out[0]
    assert top.phrase in {"inter-city transit corridor", "old port district", "transit corridor"}
    by = {c.phrase: c for c in out}
    assert by["old port district"].freq == 3 and by["old port district"].docs == 1
    assert by["inter-city transit corridor"].docs == 2
    # a 3-word term seen 3 times outranks a 2-word one seen twice
    assert phrases.index("old port district") < phrases.index("housing prices")
    # "port district" only ever occurs inside "old port district": C-value 0, dropped
    assert "port district" not in phrases
    # stopword-bounded: no candidate starts or ends with a stopword
    assert not any(p.split()[0] in {"the", "and", "a"} or p.split()[-1] in {"the", "and"} for p in phrases)
    assert sorted((c.c_value for c in out), reverse=True) == [c.c_value for c in out]


def test_lexicon_concepts_are_excluded():
    plain = [c.phrase for c in discover_keyphrases(TEXTS, None, top=50)]
    assert "state rescaling" in plain
    filtered = [c.phrase for c in discover_keyphrases(TEXTS, load_lexicon(), top=50)]
    assert "state rescaling" not in filtered and "city region" not in filtered
    assert "old port district" in filtered


def test_settings_and_top():
    out = discover_keyphrases(TEXTS, None, top=2, settings=KeyphraseSettings(min_n=2, max_n=2, min_freq=3))
    assert len(out) <= 2
    assert all(len(c.phrase.split()) == 2 and c.freq >= 3 for c in out)
    with pytest.raises(InputError):
        KeyphraseSettings(min_n=3, max_n=2)
    assert discover_keyphrases([], None) == []
