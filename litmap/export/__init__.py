"""Exports of litmap records to other tools' formats."""

from litmap.export.bibliography import to_bibtex, to_csl_json, to_ris

__all__ = ["to_bibtex", "to_ris", "to_csl_json"]
