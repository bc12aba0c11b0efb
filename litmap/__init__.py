"""litmap: map a literature from a folder of scholarly PDFs.

The pipeline is a chain of plain stages sharing one SQLite store:
ingest (files → pages of characters) → layout (characters → blocks in reading
order) → parse (blocks → sections, metadata, references, citations) → store →
analyse → report.  Heavy libraries are imported inside the functions that use
them so that importing :mod:`litmap` stays cheap.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
