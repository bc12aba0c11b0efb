"""Does pybibx load and analyse litmap's WoS-style BibTeX (``litmap export wos --format bibtex``)?

pybibx is not a litmap dependency (it pulls torch, spaCy, BERTopic and more, ~7 GB with CUDA wheels):
run this with the Python of a separate virtual environment holding it::

    python3 -m venv /tmp/pybibx-venv && /tmp/pybibx-venv/bin/pip install pybibx==5.9.5
    litmap export wos --db review.db --format bibtex -o corpus.bib
    /tmp/pybibx-venv/bin/python benchmarks/check_pybibx.py corpus.bib

Loads the file with ``pbx_probe(db="wos")`` (with pybibx's default duplicate removal, then without),
then runs its summary, reference and network analyses with figures suppressed, and prints one line
per step; exit 0 when every step ran.
"""

from __future__ import annotations

import contextlib
import io
import sys
import warnings


def main(path: str) -> int:
    warnings.filterwarnings("ignore")
    import matplotlib

    matplotlib.use("Agg")
    import plotly.graph_objects as go

    from pybibx.base import pbx_probe

    go.Figure.show = lambda *a, **k: None  # no browser: the figures are built, not shown
    with contextlib.redirect_stdout(io.StringIO()):
        deduplicated = pbx_probe(file_bib=path, db="wos", del_duplicated=True)
        bib = pbx_probe(file_bib=path, db="wos", del_duplicated=False)
    n, kept = bib.data.shape[0], deduplicated.data.shape[0]
    years = sorted(int(y) for y in bib.data["year"] if str(y).isdigit())
    undated = sum(1 for y in years if y == 0)
    dated = [y for y in years if y > 0]
    print(f"pybibx: {n} documents loaded ({kept} with its default del_duplicated=True), "
          f"years {dated[0] if dated else '-'}-{dated[-1] if dated else '-'}, {undated} undated")
    steps = {
        "eda_bib": bib.eda_bib,
        "ref_citation_matrix": bib.ref_citation_matrix,
        "top_cited_co_references": lambda: bib.top_cited_co_references(group=2, topn=5),
        "network_sim cocitation": lambda: bib.network_sim(view="notebook", sim_type="cocit", cut_cocit=2),
        "network_sim coupling": lambda: bib.network_sim(view="notebook", sim_type="coup"),
        "network_adj authors": lambda: bib.network_adj(view="notebook", adj_type="aut", min_count=1),
        "network_adj_dir": lambda: bib.network_adj_dir(view="notebook", min_count=1),
        "disruption_index": bib.disruption_index,
    }
    failed = 0
    for name, step in steps.items():
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                out = step()
            shape = getattr(out, "shape", None)
            print(f"  ok    {name}" + (f" {shape[0]} rows" if shape else ""))
        except Exception as exc:  # a third-party analysis: report any failure and go on
            failed += 1
            print(f"  FAIL  {name}: {type(exc).__name__}: {exc}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
