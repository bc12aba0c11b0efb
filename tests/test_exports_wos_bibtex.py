"""The WoS-style BibTeX export (``litmap export wos --format bibtex``) as pybibx reads it."""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest

from litmap.export.wos_bibtex import format_wos_bibtex
from litmap.store.corpusdata import CorpusData
from test_exports_wos import corpus

DAY = datetime.date(2026, 12, 6)


def undated() -> CorpusData:
    """The WoS test corpus with paper 3 undated."""
    data = corpus()
    papers = dict(data.papers)
    papers[3] = dataclasses.replace(papers[3], year=None)
    return dataclasses.replace(data, papers=papers)


def _entries(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r"@article\{([^,]+),.*?\n\}", text, re.S)}


def test_export_date_on_dated_records_only():
    entries = _entries(format_wos_bibtex(undated(), today=DAY))
    assert len(entries) == 4
    for key, text in entries.items():
        dated = "\nYear = {{" in text
        # pybibx reads an undated record's year from DA: without DA it is 'unknown', not the export year
        assert ("\nDA = {2026-12-06}," in text) == dated, key
    assert sum("\nDA = " in t for t in entries.values()) == 3


@pytest.mark.requires("pybibx")
def test_pybibx_loads_and_analyses_it(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import plotly.graph_objects as go

    from pybibx.base import pbx_probe

    go.Figure.show = lambda *a, **k: None  # type: ignore[method-assign]  # no browser in tests
    path = tmp_path / "savedrecs.bib"
    path.write_text(format_wos_bibtex(undated(), today=DAY), encoding="utf-8")
    bib = pbx_probe(file_bib=str(path), db="wos", del_duplicated=False)  # was KeyError: 'da'
    assert bib.data.shape[0] == 4
    years = sorted(str(y) for y in bib.data["year"])
    assert years == ["0", "2000", "2004", "2005"]  # the undated paper (3) is 0, not the export year
    eda = bib.eda_bib()
    assert dict(zip(eda.iloc[:, 0], eda.iloc[:, 1]))["Total Number of Documents"] in (4, "4")
    assert bib.ref_citation_matrix().shape[0] >= 3  # the cited references were read
    bib.network_sim(view="notebook", sim_type="cocit", cut_cocit=1)
