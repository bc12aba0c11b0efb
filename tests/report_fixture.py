"""A small, fixed corpus store for the report tests (hand-made records, no PDFs).

Seven papers on state rescaling and city-regionalism that cite a shared
canon and each other, one of them with hostile metadata and quotes (XSS
probes), plus a hand-made topic result so every report section has data.
"""

from __future__ import annotations

from litmap.models import Author, Citation, CitedWork, Document, Metadata, Paragraph, Reference, Section, Source
from litmap.batch.works import resolve_corpus_works
from litmap.store.db import Store

HOSTILE_TITLE = "<script>alert(1)</script> Rescaling & the city"
HOSTILE_AUTHOR = '"><img src=x onerror=alert(1)>'
HOSTILE_QUOTE = "</script><script>alert(2)</script> as Brenner (2004) argues, rescaling is contested."

CANON = {
    "brenner": ("Brenner", "N.", 2004, "New state spaces: urban governance and the rescaling of statehood", "book"),
    "jessop": ("Jessop", "B.", 2002, "The future of the capitalist state", "book"),
    "marston": ("Marston", "S. A.", 2005, "Human geography without scale", "article"),
    "allen": ("Allen", "J.", 2010, "Topological twists: power's shifting geographies", "article"),
    "harrison": ("Harrison", "J.", 2007, "From competitive regions to competitive city-regions", "article"),
    "mcfarlane": ("McFarlane", "C.", 2011, "Assemblage and critical urbanism", "article"),
}

# (key, family, given, year, title, journal, canon cited, corpus papers cited by key)
PAPERS = [
    ("p1", "Hartwell", "Emma", 2008, "Rescaling the entrepreneurial city", "Urban Studies",
     ["brenner", "jessop", "harrison"], []),
    ("p2", "Okafor", "Ngozi", 2010, "Competitive city-regionalism and the politics of scale", "Political Geography",
     ["brenner", "jessop", "marston", "harrison"], ["p1"]),
    ("p3", "Lindqvist", "Sara", 2012, "Regions as assemblages", "Environment and Planning A",
     ["marston", "allen", "mcfarlane"], ["p1"]),
    ("p4", "Chen", "Wei", 2014, "State-orchestrated regionalism in the Yangtze River Delta", "Urban Studies",
     ["brenner", "harrison", "jessop"], ["p2"]),
    ("p5", "Feld", "Anna", 2016, "The limits of flat ontology", "Political Geography",
     ["marston", "allen", "mcfarlane", "brenner"], ["p3"]),
    ("p6", "Liu", "Yang", 2018, "State entrepreneurialism in the Pearl River Delta", "Urban Studies",
     ["brenner", "jessop", "harrison"], ["p4", "p2"]),
    ("p7", HOSTILE_AUTHOR, None, 2020, HOSTILE_TITLE, "Urban Studies", ["brenner", "allen"], ["p5"]),
]

BODY = {
    "p1": "State rescaling reshaped urban governance, and the city-region became a site of urban entrepreneurialism.",
    "p2": "City-regionalism rests on the politics of scale; state rescaling gives city-regions new powers.",
    "p3": "An assemblage reading treats the city-region as relational, against scalar state rescaling.",
    "p4": "State rescaling in China works through the city-region and state-orchestrated regionalism.",
    "p5": "Flat ontology and assemblage thinking question the politics of scale.",
    "p6": "State entrepreneurialism combines state rescaling with urban entrepreneurialism in the city-region.",
    "p7": "Gentrification and state rescaling meet in the city-region.",
}


def _ref(i: int, key: str) -> Reference:
    fam, given, year, title, kind = CANON[key]
    return Reference(i, f"{fam}, {given} ({year}) {title}.", (Author(fam, given),), year=year, title=title, type=kind)


def _paper_ref(i: int, key: str) -> Reference:
    _, fam, given, year, title, journal, _, _ = next(p for p in PAPERS if p[0] == key)
    return Reference(i, f"{fam}, {given} ({year}) {title}. {journal}.", (Author(fam, given),), year=year,
                     title=title, container=journal, type="article")


def make_document(n: int, row: tuple) -> Document:
    key, fam, given, year, title, journal, canon, corpus = row
    refs = [_ref(i, k) for i, k in enumerate(canon)] + [_paper_ref(len(canon) + i, k) for i, k in enumerate(corpus)]
    body = BODY[key]
    cites = []
    text_parts = [body]
    for i, r in enumerate(refs):
        name = r.authors[0].family
        if key == "p7" and i == 0:
            sentence = HOSTILE_QUOTE
        elif i % 3 == 0:
            sentence = f"We draw on {name} ({r.year}) to frame state rescaling."
        elif i % 3 == 1:
            sentence = f"Unlike {name} ({r.year}), we find that the city-region is contested."
        else:
            sentence = f"The city-region has been studied widely ({name}, {r.year})."
        text_parts.append(sentence)
        cites.append(Citation(raw=f"{name} ({r.year})", kind="narrative", page=2, section="Introduction",
                              sentence=sentence, paragraph=1, cites=(CitedWork((name,), r.year, reference=i,
                                                                               confidence=0.9),)))
    text = "\n\n".join(text_parts)
    paragraphs = (Paragraph(body, 1, 1, "body", 0, len(body)),
                  Paragraph(" ".join(text_parts[1:]), 2, 1, "body", len(body) + 2, len(text)))
    return Document(
        source=Source(path=f"/corpus/{key}-{year}.pdf", sha256=f"{n:064x}", pages=12, engine="pdfium"),
        metadata=Metadata(title=title, authors=(Author(fam, given),), year=year, journal=journal,
                          doi=f"10.5555/litmap.{key}", abstract=body),
        text=text,
        sections=(Section("Abstract", "abstract", 1, 1, body, 0, len(body)),
                  Section("Introduction", "body", 1, 2, text, 0, len(text))),
        paragraphs=paragraphs,
        references=tuple(refs),
        citations=tuple(cites),
    )


def _topics(store: Store, ids: dict[str, int]) -> None:
    from litmap.analyse.topics.result import Assignment, Representative, Topic, TopicResult, save_topic_result

    year = {p[0]: p[3] for p in PAPERS}
    groups = {0: ["p1", "p2", "p4", "p6"], 1: ["p3", "p5", "p7"]}
    assign = tuple(
        Assignment(f"{ids[k]}:{j}", ids[k], j, 0, f"h{ids[k]}{j}", j + 1, year[k], "Urban Studies", t)
        for t, keys in groups.items() for k in keys for j in range(2)
    )
    topics = (
        Topic(0, "state rescaling, city-region", (("state rescaling", 0.4), ("city-region", 0.3)), 8,
              tuple((ids[k], 1.0) for k in groups[0]), (Representative(ids["p2"], 1, BODY["p2"]),)),
        Topic(1, "assemblage, flat ontology", (("assemblage", 0.5), ("flat ontology", 0.2)), 6,
              tuple((ids[k], 1.0) for k in groups[1]), (Representative(ids["p7"], 1, HOSTILE_QUOTE),)),
    )
    over = tuple(sorted({(t, year[k], 2) for t, keys in groups.items() for k in keys}))
    result = TopicResult(
        model="fixture", dim=2, settings={}, assignments=assign, topics=topics, centroids={0: (1.0, 0.0), 1: (0.0, 1.0)},
        mixtures={ids[k]: {t: 1.0} for t, keys in groups.items() for k in keys}, over_time=over, per_journal=(),
        hierarchy=(), quality={"diversity": 1.0}, clusterer="fixture",
    )
    save_topic_result(store.conn, result)


def build_fixture_store(path: str, *, topics: bool = True) -> str:
    with Store(path, write=True) as store:
        ids = {row[0]: store.save_document(make_document(n + 1, row)) for n, row in enumerate(PAPERS)}
        store.save_failure("/corpus/broken.pdf", "f" * 64, "encrypted PDF: remove the password and ingest again")
        resolve_corpus_works(store)
        if topics:
            _topics(store, ids)
    return path
