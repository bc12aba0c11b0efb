"""A work whose names are likely OCR misreadings anchors no debate and joins no camp (planted corpus)."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from litmap.analyse.concepts import load_lexicon
from litmap.analyse.debates.data import load_debate_inputs
from litmap.analyse.debates.maps import DebateSettings, debate_maps_from_inputs
from litmap.batch.ingest import IngestSettings, ingest
from litmap.store.db import Store
from test_debates import _LEXICON, _write_planted


@pytest.mark.requires("igraph")
def test_suspect_work_is_no_anchor_nor_camp_member(tmp_path):
    (tmp_path / "corpus").mkdir()
    _write_planted(tmp_path / "corpus")
    (tmp_path / "lexicon.yaml").write_text(textwrap.dedent(_LEXICON), encoding="utf-8")
    lexicon = load_lexicon(str(tmp_path / "lexicon.yaml"))
    with Store(str(tmp_path / "p.db"), write=True) as store:
        ingest([str(tmp_path / "corpus")], store, IngestSettings(jobs=0))
        inputs = load_debate_inputs(store.conn, lexicon)
    (before,) = debate_maps_from_inputs(inputs, lexicon, DebateSettings(), ["flux"])
    assert "Cedar 2005" in {a.label for a in before.anchors}
    assert any("Cedar 2005" in {label for _, label, _ in c.works} for c in before.camps)
    works = {w: dataclasses.replace(info, ocr_suspect=("Cedar (unlike a surname)",)) if info.label == "Cedar 2005"
             else info for w, info in inputs.data.works.items()}
    marked = dataclasses.replace(inputs, data=dataclasses.replace(inputs.data, works=works))
    (after,) = debate_maps_from_inputs(marked, lexicon, DebateSettings(), ["flux"])
    assert "Cedar 2005" not in {a.label for a in after.anchors}
    assert {a.label for a in after.anchors} == {a.label for a in before.anchors} - {"Cedar 2005"}
    assert not any("Cedar 2005" in {label for _, label, _ in c.works} for c in after.camps)
    assert "Cedar 2005" not in {b.label for b in after.bridging_works}
