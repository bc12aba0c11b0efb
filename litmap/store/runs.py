"""Run records: what ran, with which versions, so results can be reproduced."""

from __future__ import annotations

import platform
from importlib import metadata as _md

__all__ = ["package_versions"]

_PACKAGES = (
    "litmap", "pdfplumber", "pypdfium2", "scikit-learn", "bertopic", "sentence-transformers",
    "networkx", "rapidfuzz", "numpy", "torch",
)


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages that shape litmap's results."""
    out = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            out[name] = _md.version(name)
        except _md.PackageNotFoundError:
            continue
    return out
