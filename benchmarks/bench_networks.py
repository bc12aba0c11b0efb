"""Benchmark: networks, clustering and centrality on a synthetic corpus.

2,000 papers × 60 references drawn from a Zipf-like popularity over a pool
of cited works (as in real literatures: a few classics, a long tail).
Prints the time of each step and the peak resident memory.

    .venv/bin/python benchmarks/bench_networks.py [--papers 2000] [--refs 60] [--works 20000]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from contextlib import contextmanager
from typing import Iterator

from litmap.analyse.networks.bursts import work_bursts
from litmap.analyse.networks.centrality import centralities
from litmap.analyse.networks.clusters import ClusterSettings, detect_communities
from litmap.store.corpusdata import CitationContext, CorpusData, Paper, WorkInfo
from litmap.analyse.networks.labels import cluster_passages, llr_labels
from litmap.analyse.networks.build import (
    author_cocitation_network,
    citation_network,
    cocitation_network,
    coupling_network,
)
from litmap.analyse.networks.weights import normalise


def synthetic(papers: int, refs: int, pool: int, seed: int = 1) -> CorpusData:
    rng = random.Random(seed)
    weights = [1.0 / (r + 1) ** 1.1 for r in range(pool)]  # Zipf-ish, exponent 1.1
    works = {f"w{i}": WorkInfo(f"w{i}", f"Author{i % 3000} {1960 + i % 60}", f"Author{i % 3000}", 1960 + i % 60,
                               document_id=(i - pool + papers + 1) if i >= pool - papers else None)
             for i in range(pool)}
    ids = list(works)
    P, R, C = {}, {}, []
    words = "rescaling state territory city region assemblage policy housing scale urban".split()
    for p in range(1, papers + 1):
        cited = list(dict.fromkeys(rng.choices(ids, weights=weights, k=refs)))
        while len(cited) < refs:
            cited = list(dict.fromkeys(cited + rng.choices(ids, k=refs - len(cited))))
        P[p] = Paper(p, f"t{p}", 1990 + rng.randrange(30), "J", (f"A{rng.randrange(1500)}, B.", f"A{rng.randrange(1500)}, C."))
        R[p] = tuple(cited)
        for k in range(0, refs, 3):
            C.append(CitationContext(p, tuple(cited[k : k + 3]), " ".join(rng.sample(words, 5)), k // 9))
    return CorpusData(P, works, R, tuple(C))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@contextmanager
def step(name: str, timings: list[tuple[str, float, float]]) -> Iterator[None]:
    t = time.perf_counter()
    yield
    timings.append((name, time.perf_counter() - t, peak_mb()))
    print(f"{name:<48} {timings[-1][1]:7.2f} s   peak RSS {timings[-1][2]:7.0f} MB", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=2000)
    ap.add_argument("--refs", type=int, default=60)
    ap.add_argument("--works", type=int, default=20000)
    ap.add_argument("--min-citations", type=int, default=5, help="node threshold for the thresholded co-citation build")
    ap.add_argument("--top", type=int, default=1000, help="works in the analysed co-citation map (VOSviewer's default)")
    ap.add_argument("--max-items", type=int, default=1000,
                    help="--map-only: most cited works in the map (VOSviewer's default 1,000; 0 = no cap)")
    ap.add_argument("--map-only", action="store_true",
                    help="only the science-map path: default threshold + layout + clustering (target <= 30 s)")
    a = ap.parse_args(argv)
    timings: list[tuple[str, float, float]] = []
    if a.map_only:
        return map_path(a)
    print(f"python {sys.version.split()[0]}; {a.papers} papers x {a.refs} refs, pool {a.works} works; start RSS {peak_mb():.0f} MB")
    with step("synthetic corpus", timings):
        data = synthetic(a.papers, a.refs, a.works)
    with step("co-citation, all works (min_citations=1)", timings):
        full = cocitation_network(data)
    print(f"    {full.number_of_nodes()} nodes, {full.number_of_edges()} edges")
    del full
    with step(f"co-citation, min_citations={a.min_citations}", timings):
        G = cocitation_network(data, min_citations=a.min_citations)
    print(f"    {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    with step("co-citation, sentence proximity", timings):
        S = cocitation_network(data, proximity="sentence", min_citations=a.min_citations)
    print(f"    {S.number_of_nodes()} nodes, {S.number_of_edges()} edges")
    with step("bibliographic coupling", timings):
        B = coupling_network(data)
    print(f"    {B.number_of_nodes()} nodes, {B.number_of_edges()} edges")
    with step("direct citation", timings):
        D = citation_network(data)
    print(f"    {D.number_of_nodes()} nodes, {D.number_of_edges()} edges")
    with step("author co-citation (min 5)", timings):
        A = author_cocitation_network(data, min_citations=5)
    print(f"    {A.number_of_nodes()} nodes, {A.number_of_edges()} edges")
    with step(f"co-citation map, top {a.top} works", timings):
        M = cocitation_network(data, top_n=a.top)
    print(f"    {M.number_of_nodes()} nodes, {M.number_of_edges()} edges")
    with step("association strength", timings):
        N = normalise(M, "association")
    with step("Leiden + modularity + silhouette (co-citation map)", timings):
        cl = detect_communities(N, ClusterSettings(seed=1))
    print(f"    {len(cl.sizes)} clusters, modularity {cl.modularity:.3f}, silhouette {cl.silhouette:.3f}")
    with step("Leiden + modularity + silhouette (coupling, 2M links)", timings):
        pc = detect_communities(B, ClusterSettings(seed=1))
    print(f"    {len(pc.sizes)} clusters, modularity {pc.modularity:.3f}")
    with step("centralities (co-citation map, exact betweenness)", timings):
        centralities(N)
    del B, A, G, S
    with step("bursts (all works cited >= 2)", timings):
        bursts = work_bursts(data)
    print(f"    {len(bursts)} works with bursts")
    with step("LLR cluster labels", timings):
        llr_labels(cluster_passages(data, cl.membership))
    total = sum(t for name, t, _ in timings if name != "synthetic corpus")
    print(f"total (excluding corpus generation) {total:.1f} s; peak RSS {peak_mb():.0f} MB")
    return 0


def map_path(a: argparse.Namespace) -> int:
    """Threshold (minimum citing papers by corpus size) + map coordinates + Leiden, as the report and
    ``litmap network`` run them; issue 20's target is <= 30 s for 2,000 papers x 60 references on 2 cores."""
    from litmap.analyse.networks.layout import map_coordinates
    from litmap.analyse.networks.selection import Selection, select_cited

    data = synthetic(a.papers, a.refs, a.works)
    timings: list[tuple[str, float, float]] = []
    with step(f"threshold (default minimum by corpus size, at most {a.max_items} items)", timings):
        chosen = select_cited(data.references, {p: x.year for p, x in data.papers.items()},
                              Selection(max_items=a.max_items or None))
        G = cocitation_network(data, min_citations=chosen.minimum, keep=chosen.kept if chosen.restricts else None)
    print(f"    minimum {chosen.minimum}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"({chosen.capped} more pass the minimum)")
    with step("association strength + Leiden", timings):
        N = normalise(G, "association")
        cl = detect_communities(N, ClusterSettings(seed=1))
    print(f"    {len(cl.sizes)} clusters, modularity {cl.modularity:.3f}")
    with step("map coordinates (backbone k=10, seeded)", timings):
        pos = map_coordinates(N, seed=42)
    print(f"    {len(pos)} nodes placed")
    with step("map coordinates again, from the previous positions", timings):
        again = map_coordinates(N, seed=42, initial=pos)
    moved = sorted(((again[n][0] - pos[n][0]) ** 2 + (again[n][1] - pos[n][1]) ** 2) ** 0.5 for n in pos)
    print(f"    median move {moved[len(moved) // 2]:.4f} (map spans ~1)")
    total = sum(t for name, t, _ in timings if "again" not in name)
    print(f"threshold + clustering + layout: {total:.1f} s (target <= 30 s); peak RSS {peak_mb():.0f} MB")
    return 0 if total <= 30 else 1


if __name__ == "__main__":
    raise SystemExit(main())
