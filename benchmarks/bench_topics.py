"""Topic-stage benchmark: litmap's default vs plain BERTopic vs scikit-learn LDA/NMF.

Corpus: the gentrification texts, and with ``--pdfs`` also ``pdftotext``
output of the geography and EXCITE PDFs, from ../shared/data (skips cleanly
when absent), cut into ~1,000-character passages; plus a synthetic corpus of
``--synthetic`` passages made by shuffling sentences of real passages.

    .venv/bin/python benchmarks/bench_topics.py --quick
    .venv/bin/python benchmarks/bench_topics.py --pdfs --synthetic 30000

Figures: passages/s of each embedder, wall time of each method, peak RSS
(ru_maxrss, cumulative), NPMI coherence and topic diversity of the top-10
words.  Absolute times are noisy on a shared machine; compare ratios within
one run.
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from litmap.analyse.topics.passages import Passage, split_chunks  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def emit(rows: list, row: tuple) -> None:
    rows.append(row)
    print("  measured:", row, flush=True)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def paragraphs(text: str) -> list[str]:
    text = re.split(r"\n\s*(references|bibliography|literatur)\s*\n", text, flags=re.I)[0]
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = re.sub(r"-\n(?=[a-z])", "", block)
        para = " ".join(block.split())
        if len(para) >= 200 and sum(c.isalpha() for c in para) > 0.7 * len(para):
            out.extend(split_chunks(para, 1000))
    return out


def real_corpus(pdfs: bool) -> list[str]:
    return [t for _, t in real_corpus_by_paper(pdfs)]


def real_corpus_by_paper(pdfs: bool) -> list[tuple[int, str]]:
    """(paper index, passage) of the real texts, in paper order."""
    texts = [open(p, encoding="utf-8", errors="replace").read()
             for p in sorted(glob.glob(str(SHARED / "texts" / "gentrification" / "*.txt")))]
    if pdfs:
        for pdf in sorted(glob.glob(str(SHARED / "pdfs" / "geography" / "*.pdf"))
                          + glob.glob(str(SHARED / "excite" / "pdfs" / "*.pdf"))):
            r = subprocess.run(["pdftotext", "-q", pdf, "-"], capture_output=True, text=True)
            texts.append(r.stdout)
    # The gentrification texts are one paragraph per line, not blank-line separated.
    passages: list[tuple[int, str]] = []
    for i, t in enumerate(texts):
        t = t if "\n\n" in t else t.replace("\n", "\n\n")
        passages.extend((i, p) for p in paragraphs(t))
    return passages


def synthetic(real: list[str], n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        sents = re.split(r"(?<=[.!?])\s+", rng.choice(real))
        rng.shuffle(sents)
        drop = rng.randrange(len(sents)) if len(sents) > 2 else -1
        out.append(" ".join(s for i, s in enumerate(sents) if i != drop))
    return out


def as_passages(texts: list[str]) -> list[Passage]:
    import hashlib

    return [Passage(i // 40, i % 40, 0, t, hashlib.sha1(t.encode()).hexdigest(), 1, 2000 + (i // 40) % 20, None)
            for i, t in enumerate(texts)]


def timed_encode(embedder, texts):
    t = time.time()
    x = embedder.encode(texts)
    return x, time.time() - t


#: NPMI reference corpus: when set (all real passages, with --halves), every method's top-10
#: words are scored against it, the same way.
REFERENCE: list[str] = []
LABELS: dict[str, list[str]] = {}


def score(words, docs):
    from litmap.analyse.topics import npmi_coherence, topic_diversity

    return npmi_coherence(words, REFERENCE or docs, 10), topic_diversity(words, 10)


def run_litmap(name, texts, emb, embedder, settings, rows, extra_s=0.0, papers=None):
    from litmap.analyse.topics.model import fit_on_passages

    t = time.time()
    passages = as_passages(texts)
    if papers is not None:
        passages = [Passage(d, p.para_idx, 0, p.text, p.text_hash, 1, p.year, None) for d, p in zip(papers, passages)]
    res = fit_on_passages(passages, emb, embedder, settings)
    dt = time.time() - t + extra_s
    npmi, div = score([[w for w, _ in t.keywords] for t in res.topics], texts)
    LABELS[name] = [f"{t.label}  [{', '.join(w for w, _ in t.keywords[:5])}]" for t in res.topics]
    emit(rows, (name, len(texts), dt, len(res.topics), round(npmi, 4), round(div, 4),
                 res.quality["outlier_share"], peak_mb()))
    return res


def run_bertopic_default(texts, emb, embedder, rows, extra_s):
    from bertopic import BERTopic

    from bertopic.backend import BaseEmbedder

    class _Backend(BaseEmbedder):
        def embed(self, documents, verbose=False):
            return embedder.encode(list(documents))

    t = time.time()
    m = BERTopic(embedding_model=_Backend())
    topics, _ = m.fit_transform(texts, emb)
    dt = time.time() - t + extra_s
    words = [[w for w, _ in ws] for k, ws in m.get_topics().items() if k != -1]
    npmi, div = score(words, texts)
    LABELS[f"bertopic-defaults ({embedder.name})"] = [", ".join(ws[:5]) for ws in words]
    emit(rows, (f"bertopic-defaults ({embedder.name})", len(texts), dt, len(words), round(npmi, 4), round(div, 4),
                 round(sum(t == -1 for t in topics) / len(topics), 4), peak_mb()))


def run_sklearn(kind, texts, k, settings, rows):
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    t = time.time()
    cls = TfidfVectorizer if kind == "nmf" else CountVectorizer
    vec = cls(stop_words=settings.stop_words(), min_df=2, max_df=0.95, ngram_range=(1, 2),
              token_pattern=r"(?u)\b[^\W\d_][\w-]+\b")
    x = vec.fit_transform(texts)
    model = (NMF(k, random_state=0, init="nndsvda", max_iter=300) if kind == "nmf"
             else LatentDirichletAllocation(k, random_state=0, learning_method="online", n_jobs=1))
    model.fit(x)
    vocab = vec.get_feature_names_out()
    words = [[vocab[i] for i in comp.argsort()[::-1][:10]] for comp in model.components_]
    npmi, div = score(words, texts)
    LABELS[f"sklearn-{kind} (k={k})"] = [", ".join(ws[:5]) for ws in words]
    emit(rows, (f"sklearn-{kind} (k={k})", len(texts), time.time() - t, k, round(npmi, 4), round(div, 4),
                 0.0, peak_mb()))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="real sample of 600 passages, synthetic 10,000")
    ap.add_argument("--pdfs", action="store_true", help="add pdftotext of geography + EXCITE PDFs")
    ap.add_argument("--sample", type=int, default=0, help="real passages to use (0 = all)")
    ap.add_argument("--synthetic", type=int, default=30000)
    ap.add_argument("--no-transformer", action="store_true", help="skip the slow full MiniLM runs")
    ap.add_argument("--halves", action="store_true",
                    help="split the real papers into a tuning half (even) and a test half (odd); fit every "
                         "method on each half and score NPMI against all real passages")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"SKIP: {SHARED} not present")
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from litmap.analyse.topics import FULL_MODEL, SentenceTransformerEmbedder, StaticEmbedder, TopicSettings

    if args.halves:
        return halves(args)
    sample = args.sample or (600 if args.quick else 0)
    syn_n = 10000 if args.quick and args.synthetic == 30000 else args.synthetic
    real_by_paper = real_corpus_by_paper(args.pdfs)
    real = [t for _, t in real_by_paper]
    rng = random.Random(0)
    picked = rng.sample(real_by_paper, sample) if sample and sample < len(real) else real_by_paper
    texts = [t for _, t in picked]
    print(f"real corpus: {len(real)} passages, using {len(texts)}; mean {sum(map(len, texts)) / len(texts):.0f} chars")

    t = time.time()
    static = StaticEmbedder()
    static_load = time.time() - t
    print(f"minilm-static ready in {static_load:.1f}s (distils once if not cached)")
    settings = TopicSettings()
    rows: list[tuple] = []
    emb_rows: list[tuple] = []
    s_emb, s_dt = timed_encode(static, texts)
    emit(emb_rows, ("minilm-static", len(texts), len(texts) / s_dt))
    res = run_litmap("litmap default (minilm-static)", texts, s_emb, static, settings, rows, s_dt,
                     papers=[d for d, _ in picked])
    k = max(2, len(res.topics))
    if not args.no_transformer:
        full = SentenceTransformerEmbedder(FULL_MODEL, max_seq_length=256)
        f_emb, f_dt = timed_encode(full, texts)
        emit(emb_rows, (full.name, len(texts), len(texts) / f_dt))
        full128 = SentenceTransformerEmbedder(FULL_MODEL, max_seq_length=128)
        h_emb, h_dt = timed_encode(full128, texts)
        emit(emb_rows, (full128.name, len(texts), len(texts) / h_dt))
        run_bertopic_default(texts, f_emb, full, rows, f_dt)
        run_litmap("litmap pipeline + MiniLM@256", texts, f_emb, full, settings, rows, f_dt)
        run_litmap("litmap pipeline + MiniLM@128", texts, h_emb, full128, settings, rows, h_dt)
    run_sklearn("lda", texts, k, settings, rows)
    run_sklearn("nmf", texts, k, settings, rows)

    if syn_n:
        syn = synthetic(real, syn_n)
        t0 = time.time()
        e, dt = timed_encode(static, syn)
        emit(emb_rows, (f"minilm-static (synthetic {syn_n})", syn_n, syn_n / dt))
        run_litmap(f"litmap default, synthetic {syn_n}", syn, e, static, settings, rows, dt)
        print(f"synthetic {syn_n}: whole topic stage {time.time() - t0:.1f}s (model already loaded)")
        run_sklearn("nmf", syn, max(2, min(50, rows[-1][3])), settings, rows)

    print("\nembeddings:")
    print(f"{'model':40} {'n':>6} {'passages/s':>11}")
    for name, n, rate in emb_rows:
        print(f"{name:40} {n:>6} {rate:>11.1f}")
    print("\nmethods (time includes embedding):")
    print(f"{'method':40} {'n':>6} {'wall s':>8} {'topics':>6} {'NPMI':>7} {'divers':>7} {'outl':>6} {'peakMB':>7}")
    for name, n, dt, nt, npmi, div, outl, mb in rows:
        print(f"{name:40} {n:>6} {dt:>8.1f} {nt:>6} {npmi:>7.3f} {div:>7.3f} {outl:>6.3f} {mb:>7.0f}")


def halves(args) -> None:
    """Tune/test halves by paper; NPMI reference = all real passages (stated in the output)."""
    from litmap.analyse.topics import StaticEmbedder, TopicSettings

    real = real_corpus_by_paper(args.pdfs)
    static = StaticEmbedder()
    settings = TopicSettings()
    for name, parity in (("TUNE half (even papers)", 0), ("TEST half (odd papers)", 1)):
        fit = [(d, t) for d, t in real if d % 2 == parity]
        REFERENCE[:] = [t for _, t in real]
        LABELS.clear()
        texts = [t for _, t in fit]
        print(f"\n== {name}: {len(texts)} passages from {len({d for d, _ in fit})} papers; NPMI reference "
              f"corpus = all {len(REFERENCE)} real passages (both halves), top-10 words, co-occurrence per passage")
        rows: list[tuple] = []
        emb, dt = timed_encode(static, texts)
        res = run_litmap("litmap default", texts, emb, static, settings, rows, dt, papers=[d for d, _ in fit])
        k = max(2, len(res.topics))
        run_bertopic_default(texts, emb, static, rows, dt)
        run_sklearn("lda", texts, k, settings, rows)
        run_sklearn("nmf", texts, k, settings, rows)
        print(f"{'method':40} {'n':>6} {'wall s':>8} {'topics':>6} {'NPMI':>7} {'divers':>7} {'outl':>6}")
        for row in rows:
            print(f"{row[0]:40} {row[1]:>6} {row[2]:>8.1f} {row[3]:>6} {row[4]:>7.3f} {row[5]:>7.3f} {row[6]:>6.3f}")
        for method, labels in LABELS.items():
            print(f"\n  labels, {method}:")
            for lab in labels:
                print(f"    - {lab}")


if __name__ == "__main__":
    main()
