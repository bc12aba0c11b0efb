"""Shared helpers for bench_refresh / bench_dask: build a benchmark corpus in a temp folder."""

from __future__ import annotations

import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
DEFAULT_DIRS = ["excite/pdfs", "pdfs/geography", "pdfs/urban_studies", "pdfs/urban_studies_cc_by"]


def source_pdfs() -> list[str]:
    files: list[str] = []
    for d in DEFAULT_DIRS:
        files += sorted(glob.glob(os.path.join(SHARED, d, "*.pdf")))
    return files


def link_or_tweak(src: str, dst: str, copy: int) -> None:
    """Copy 0 is a hard link; later copies get a trailing PDF comment so their
    SHA-256 differs (a new paper to litmap) while the content parses the same."""
    if copy == 0:
        try:
            os.link(src, dst)
            return
        except OSError:
            pass
    with open(src, "rb") as fh, open(dst, "wb") as out:
        out.write(fh.read())
        if copy:
            out.write(f"\n% litmap benchmark copy {copy}\n".encode())


def build(folder: str, files: list[str], n: int) -> list[str]:
    """``n`` PDFs in ``folder`` (replicating ``files`` as needed); their paths."""
    os.makedirs(folder, exist_ok=True)
    out = []
    for i in range(n):
        src = files[i % len(files)]
        dst = os.path.join(folder, f"{i:05d}_{os.path.basename(src)}")
        link_or_tweak(src, dst, i // len(files))
        out.append(dst)
    return out
