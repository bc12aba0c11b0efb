"""Front matter ends: a text export whose headings the layout cannot see keeps its prose as body
(structure.FRONT_MAX), so debates, topics and citation contexts read it."""

from __future__ import annotations

from pathlib import Path

from litmap.models import Source
from litmap.parse.document import build_document
from litmap.parse.structure import FRONT_MAX, structure_document
from litmap.read.textfiles import read_text_file

_HEAD = """Neoliberalization of Housing in Sweden: Gentrification and Social Polarization

Karin Hedin and Eric Clark

Department of Human Geography, Lund University, Sweden

This article asks what the consequences of the radical shift in Swedish housing politics have been for the
geography of gentrification and social polarization in the three largest cities of Sweden."""

# Inline headings ("Neoliberal Housing Policy Reforms In the mid-1980s ...") and no blank-line heading:
# nothing here is a heading the layout could see.
_BODY = [
    f"Neoliberal reform {k} of housing policy in the mid-1980s changed the market for rented flats; the "
    f"literature on state-led gentrification (Smith, 1996; Hackworth and Smith, 2001) reads such reforms as "
    f"a withdrawal of the welfare state, and Lees, Slater and Wyly (2008) list the consequences at length."
    for k in range(40)
]


def _doc(tmp_path: Path) -> object:
    path = tmp_path / "hedin.txt"
    path.write_text(_HEAD + "\n\n" + "\n\n".join(_BODY) + "\n", encoding="utf-8")
    pages = read_text_file(str(path))
    source = Source(path=str(path), sha256="0" * 64, pages=pages.page_count, text_layer=True, ocr=False,
                    engine=pages.engine, media_type=pages.media_type)
    return build_document(source, pages)


def test_prose_after_the_front_matter_is_body(tmp_path):
    doc = _doc(tmp_path)
    front = [p for p in doc.paragraphs if p.kind == "front"]
    body = [p for p in doc.paragraphs if p.kind == "body"]
    assert sum(len(p.text) for p in front) < FRONT_MAX + len(_BODY[0]) + 10  # the head and the first paragraphs
    assert len(body) >= 30 and body[-1].text.startswith("Neoliberal reform 39")
    assert any(s.kind == "body" for s in doc.sections)
    # the citations of the body are found (they were none while the whole paper was front matter)
    assert sum(any(w.surnames[:1] == ("Smith",) for w in c.cites) for c in doc.citations) >= 30


def test_a_short_paper_keeps_its_front_matter_as_front(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(_HEAD + "\n\nIntroduction\n\n" + _BODY[0] + "\n", encoding="utf-8")
    pages = read_text_file(str(path))
    kinds = [(p.kind, p.text[:20]) for p in structure_document(pages.pages).paragraphs]
    assert kinds[0][0] == "front" and all(k == "front" for k, _ in kinds[:3])
    assert kinds[-1] == ("body", "Neoliberal reform 0 ")


def test_an_abstract_run_on_into_the_paper_ends_at_the_introduction(tmp_path):
    """A text export whose line holds the abstract and the whole introduction: the abstract ends where the
    introduction's heading runs in (it was all 33,000 characters of such a line)."""
    from litmap.parse.metadata import ABSTRACT_MAX

    abstract = ("Since the 1960s gentrification has been confused with upgrading and renewal in Egypt. " * 12).strip()
    intro = " ".join(f"Sentence {k} of the introduction on gentrification in Cairo and Heliopolis." for k in range(120))
    path = tmp_path / "cairo.txt"
    path.write_text("Adapting Geographies of Gentrification in Egypt\n\nMuhammad Eldaidamony\n\n"
                    f"{abstract}   1 Introduction  {intro}\n", encoding="utf-8")
    pages = read_text_file(str(path))
    source = Source(path=str(path), sha256="1" * 64, pages=1, text_layer=True, ocr=False, engine=pages.engine,
                    media_type=pages.media_type)
    doc = build_document(source, pages)
    assert len(abstract) + len(intro) > ABSTRACT_MAX
    assert doc.metadata.abstract == abstract
