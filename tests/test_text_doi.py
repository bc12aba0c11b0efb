"""A text input's DOI: its head's, or the one its "Cite this article as:" line prints; never a cited work's."""

from __future__ import annotations

from pathlib import Path

from litmap.models import Metadata
from litmap.parse.metadata import extract_metadata
from litmap.parse.metadata_cover import cite_as_doi
from litmap.parse.structure import structure_document
from litmap.read.textfiles import read_text_file

_HEAD = """Street Trees and Summer Heat in Two Mid-Sized Cities

Maria K. Oyelaran

Department of Geography, University of Leeds, UK

Abstract

This paper compares street-tree cover and surface temperature in two mid-sized cities over ten summers.
"""
_BODY = "\n\n".join(f"Paragraph {k} of the body discusses tree cover, shade and the temperature of streets at noon."
                    for k in range(60))
_REFERENCES = """

References

Carlson, H. J. 2020. Measuring displacement. City and Community 19: 573-592. https://doi.org/10.1111/cico.12482.

Wagstaff, A. 2007. The economic consequences of health shocks. Journal of Health Economics. doi:10.1016/j.jhealeco.2006.07.001.
"""


def _meta(tmp_path: Path, text: str) -> Metadata:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    ep = read_text_file(str(path))
    return extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata, path=str(path))


def test_a_doi_in_a_text_files_reference_list_is_not_the_papers(tmp_path: Path) -> None:
    meta = _meta(tmp_path, _HEAD + "\n" + _BODY + _REFERENCES)
    assert meta.title == "Street Trees and Summer Heat in Two Mid-Sized Cities"
    assert meta.doi is None


def test_a_doi_in_a_text_files_head_is_kept(tmp_path: Path) -> None:
    head = _HEAD.replace("Abstract", "https://doi.org/10.1016/j.uclim.2019.100512\n\nAbstract")
    assert _meta(tmp_path, head + "\n" + _BODY + _REFERENCES).doi == "10.1016/j.uclim.2019.100512"


def test_the_doi_over_a_closing_cite_this_article_line_is_the_papers(tmp_path: Path) -> None:
    end = """
doi:10.1186/1472-6963-14-1
Cite this article as: Oyelaran: Street trees and summer heat in two mid-sized cities. BMC Urban Health 2014, 14:1.
"""
    assert _meta(tmp_path, _HEAD + "\n" + _BODY + _REFERENCES + end).doi == "10.1186/1472-6963-14-1"
    assert cite_as_doi("Cite this article as: Li et al. Urban heat. Int J Health Geogr 2015, 14:3. "
                       "doi:10.1186/s12942-015-0003-1") == "10.1186/s12942-015-0003-1"
    assert cite_as_doi("Wagstaff 2007. doi:10.1016/j.jhealeco.2006.07.001. Paragraph 3 of the body.") is None
