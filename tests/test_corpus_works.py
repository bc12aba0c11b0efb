from litmap.models import Author, Citation, CitedWork, Document, Metadata, Reference, Source
from litmap.batch.works import resolve_corpus_works
from litmap.store import Store


def _doc(sha, title, authors, year, refs=(), cites=(), doi=None):
    return Document(
        source=Source(path=f"/c/{sha[:4]}.pdf", sha256=sha),
        metadata=Metadata(title=title, authors=tuple(Author(*a) for a in authors), year=year, doi=doi),
        text="x",
        references=tuple(refs),
        citations=tuple(cites),
    )


def test_direct_citation_and_shared_works(db_path):
    brenner = Reference(0, "Brenner, N. (2004) New State Spaces. Oxford: OUP.", (Author("Brenner", "N."),),
                        year=2004, title="New state spaces", type="book")
    wu_ref = Reference(1, "Wu, F. (2016) China's emergent city-region governance. IJURR 40, 1134–1151.",
                       (Author("Wu", "F."),), year=2016, title="China's emergent city-region governance",
                       doi="10.1111/1468-2427.12437", type="article")
    a = _doc("a" * 64, "China's emergent city-region governance", [("Wu", "Fulong")], 2016,
             refs=[brenner], doi="10.1111/1468-2427.12437")
    b = _doc("b" * 64, "Rescaling again", [("Li", "Yi")], 2020, refs=[brenner.__class__(**{**brenner.__dict__}), wu_ref])
    # a paper without a reference list still yields works from its citations
    c = _doc("c" * 64, "Seed text", [("Ma", "L.")], 2021, cites=[
        Citation("(Brenner, 2004)", "parenthetical", 1, None, "s", 0, (CitedWork(("Brenner",), 2004),)),
    ])
    with Store(db_path, write=True) as store:
        ids = [store.save_document(d) for d in (a, b, c)]
        summary = resolve_corpus_works(store)
        refs = store.conn.execute("SELECT document_id, idx, work_id FROM refs ORDER BY document_id, idx").fetchall()
        # Brenner 2004 cited by a and b is one work
        assert refs[0]["work_id"] == refs[1]["work_id"]
        # b's reference to Wu 2016 resolves to corpus paper a (direct citation)
        wu_work = store.conn.execute("SELECT document_id FROM works WHERE id=?", (refs[2]["work_id"],)).fetchone()
        assert wu_work["document_id"] == ids[0]
        # c's citation-only mention joins the same Brenner work
        cited = store.conn.execute("SELECT work_id FROM cited").fetchone()
        assert cited["work_id"] == refs[0]["work_id"]
        assert summary.corpus_papers_cited == 1
        first = {r["id"] for r in store.conn.execute("SELECT id FROM works")}
        resolve_corpus_works(store)
        assert {r["id"] for r in store.conn.execute("SELECT id FROM works")} == first  # stable ids


def test_doi_from_a_download_stamp_does_not_merge_works(db_path):
    stamp_doi = "10.1111/tesg.12575"
    refs = [
        Reference(0, "Smith, N. (1979) Toward a theory of gentrification. JAPA 45, 538–548. Downloaded from "
                     "https://onlinelibrary.wiley.com/doi/10.1111/tesg.12575", (Author("Smith", "N."),), year=1979,
                  title="Toward a theory of gentrification", doi=stamp_doi, type="article"),
        Reference(1, "Zukin, S. (2009) New retail capital and neighborhood change. City & Community 8, 47–64.",
                  (Author("Zukin", "S."),), year=2009, title="New retail capital and neighborhood change",
                  doi=stamp_doi, type="article"),
    ]
    doc = _doc("d" * 64, "Gentrification in Chengdu", [("Wang", "L.")], 2023, refs=refs, doi=stamp_doi)
    with Store(db_path, write=True) as store:
        doc_id = store.save_document(doc)
        resolve_corpus_works(store)
        works = [r["work_id"] for r in store.conn.execute("SELECT work_id FROM refs ORDER BY idx")]
        assert works[0] != works[1]
        paper_work = store.conn.execute("SELECT id FROM works WHERE document_id=?", (doc_id,)).fetchone()
        assert paper_work is None or paper_work["id"] not in works  # the paper does not cite itself


def _links(store):
    q = store.conn.execute
    return (sorted(tuple(r) for r in q("SELECT * FROM works")),
            sorted(tuple(r) for r in q("SELECT document_id, idx, work_id FROM refs")),
            sorted(tuple(r) for r in q("SELECT document_id, citation_idx, pos, work_id FROM cited")))


def test_re_resolution_after_changes_equals_resolution_from_scratch(db_path):
    """Works are rewritten row by row where they changed; the end state must be a fresh resolution's."""
    def ref(i, surname, year, title, doi=None):
        return Reference(i, f"{surname} ({year}) {title}.", (Author(surname, "A."),), year=year, title=title, doi=doi,
                         type="article")

    brenner = ref(0, "Brenner", 2004, "New state spaces")
    docs = [
        _doc("a" * 64, "Rescaling the state", [("Jonas", "A.")], 2011, doi="10.1/a",
             refs=[brenner, ref(1, "Keating", 1998, "The new regionalism in Western Europe")]),
        _doc("b" * 64, "City regions", [("Harrison", "J.")], 2012,
             refs=[brenner, ref(1, "Jonas", 2011, "Rescaling the state", "10.1/a")]),
        _doc("c" * 64, "Seed text", [("Ma", "L.")], 2021, cites=[
            Citation("(Jonas, 2011)", "parenthetical", 1, None, "s", 0, (CitedWork(("Jonas",), 2011),)),
        ]),
        _doc("d" * 64, "Assemblage and scale", [("Wu", "F.")], 2016,
             refs=[ref(0, "Harrison", 2012, "City regions"), ref(1, "Brenner", 2004, "New State Spaces")]),
    ]
    with Store(db_path, write=True) as store:
        for d in docs[:2]:
            store.save_document(d)
        resolve_corpus_works(store)
        first = _links(store)
        for d in docs[2:]:  # a citation-only mention and a paper citing b: works gain mentions, b becomes cited
            store.save_document(d)
        store.conn.execute("UPDATE documents SET status='removed' WHERE sha256=?", ("a" * 64,))
        resolve_corpus_works(store)
        incremental = _links(store)
        store.conn.execute("UPDATE refs SET work_id=NULL")
        store.conn.execute("UPDATE cited SET work_id=NULL")
        store.conn.execute("DELETE FROM works")
        resolve_corpus_works(store)
        assert _links(store) == incremental
    assert incremental != first
    assert any(w[5] == "Keating 1998" for w in first[0]) and not any(w[5] == "Keating 1998" for w in incremental[0])
    assert all(w is None for d, _, w in incremental[1] if d == 1)  # the removed paper's entries link nowhere


def test_resolution_is_pure_over_stored_records():
    """corpus/ resolves hand-built records without a store: a shared stamp DOI is dropped, and an
    entry, a citation-only mention and the cited corpus paper land on one work."""
    from litmap.corpus.resolve import StoredMention, StoredPaper, StoredReference, WorkSources, resolve_stored_works

    stamp = "10.1111/tesg.12575"
    refs = (StoredReference(1, 0, Reference(0, "", (Author("Smith", "N."),), year=1979,
                                            title="Toward a theory of gentrification", doi=stamp)),
            StoredReference(1, 1, Reference(1, "", (Author("Zukin", "S."),), year=2009,
                                            title="New retail capital", doi=stamp)))
    mention = StoredMention(2, 0, 0, CitedWork(("Zukin",), 2009))
    papers = (StoredPaper(1, Metadata(title="Gentrification in Chengdu", authors=(Author("Wang", "L."),), year=2023,
                                      doi=stamp)),
              StoredPaper(3, Metadata(title="New retail capital", authors=(Author("Zukin", "S."),), year=2009)))
    got = resolve_stored_works(WorkSources(refs, (mention,), papers))
    smith, zukin = got.reference_works[(1, 0)], got.reference_works[(1, 1)]
    assert smith != zukin and got.mention_works[(2, 0, 0)] == zukin
    by_id = {w.id: w for w in got.works}
    assert by_id[zukin].document_id == 3 and by_id[zukin].mentions == 3 and by_id[smith].doi is None
    assert got.mentions == 5 and got.corpus_papers_cited == 1


def test_a_citation_that_fits_several_works_is_named_by_a_rare_title_word_of_its_sentence():
    from litmap.corpus.works import WorkInput, build_works

    def titled(item_id, title, doc="9"):
        return WorkInput(item_id, "reference", doc, ("Harvey",), "D", year=1989, title=title)

    works = [titled("r:1:0", "From managerialism to entrepreneurialism: the transformation in urban governance"),
             titled("r:1:1", "The urban experience"), titled("r:1:2", "The condition of postmodernity")]
    # other works with common title words, so that "urban" and "governance" are not rare in this corpus
    works += [WorkInput(f"r:2:{k}", "reference", "2", (name,), "A", year=2000 + k, title=t)
              for k, (name, t) in enumerate([("Jonas", "Urban governance and the city"), ("Ward", "Urban policy"),
                                             ("Wood", "Urban regimes"), ("Peck", "Governance of urban regions")])]

    def mention(item_id, sentence):
        return WorkInput(item_id, "citation", "5", ("Harvey",), year=1989, context=sentence)

    items = works + [
        mention("c:5:0:0", "Regions formed a division of labour called “urban entrepreneurialism” (Harvey, 1989)."),
        mention("c:5:1:0", "Urban life changed in the city (Harvey, 1989)."),  # common words only: kept apart
        mention("c:5:2:0", "Postmodernity and entrepreneurialism alike (Harvey, 1989)."),  # two titles: kept apart
        mention("c:5:3:0", "As argued before (Harvey, 1989)."),
    ]
    mapping, _ = build_works(items)
    assert mapping["c:5:0:0"] == mapping["r:1:0"]
    for other in ("c:5:1:0", "c:5:2:0", "c:5:3:0"):
        assert mapping[other] not in {mapping["r:1:0"], mapping["r:1:1"], mapping["r:1:2"]}
