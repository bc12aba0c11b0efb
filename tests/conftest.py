"""Fixtures and markers shared by the test files.

Optional heavy packages and programs: a test that needs one says so, and skips
(naming what to install) where it is missing, so the suite passes on a machine
without them::

    @pytest.mark.requires("bertopic", "sentence_transformers")   # importable modules
    @pytest.mark.requires_program("tesseract")                  # programs on PATH

A module whose own top-level imports need one uses ``pytest.importorskip``.

To see what a machine without them would see, name them in
``LITMAP_TEST_WITHOUT`` (comma-separated): those modules then fail to import
for the whole run, and the markers treat those modules and programs as
missing, e.g. ``LITMAP_TEST_WITHOUT=bertopic,igraph,tesseract pytest tests/test_x.py``.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import shutil
import sys

import pytest

SHARED = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))

# How to get each optional package or program, for the skip reason.
INSTALL = {
    "bertopic": "pip install bertopic",
    "sentence_transformers": "pip install sentence-transformers",
    "torch": "pip install torch",
    "model2vec": "pip install 'model2vec[distill]'",
    "igraph": "pip install igraph",
    "dask": "pip install 'litmap[cluster]'",
    "distributed": "pip install 'litmap[cluster]'",
    "playwright": "pip install -e '.[test]'",
    "pybtex": "pip install -e '.[test]'",
    "reportlab": "pip install -e '.[test]'",
    "tesseract": "apt-get install tesseract-ocr",
    "biber": "apt-get install biber",
    "chromium": "apt-get install chromium",
    "Rscript": "apt-get install r-base",
}

WITHOUT = frozenset(n.strip() for n in os.environ.get("LITMAP_TEST_WITHOUT", "").split(",") if n.strip())


class _Hidden(importlib.abc.MetaPathFinder):
    """Makes the modules in LITMAP_TEST_WITHOUT (and their submodules) unimportable."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in WITHOUT:
            raise ModuleNotFoundError(f"No module named {name!r} (hidden by LITMAP_TEST_WITHOUT)", name=name)
        return None


if WITHOUT:
    sys.meta_path.insert(0, _Hidden())


def has_module(name: str) -> bool:
    if name.split(".")[0] in WITHOUT:
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def has_program(name: str) -> bool:
    return name not in WITHOUT and shutil.which(name) is not None


def _why(kind: str, missing: list[str]) -> str:
    return f"needs the {kind} {', '.join(missing)}: " + "; ".join(INSTALL.get(m, f"install {m}") for m in missing)


def pytest_configure(config):
    config.addinivalue_line("markers", "requires(*modules): skip unless these modules can be imported")
    config.addinivalue_line("markers", "requires_program(*programs): skip unless these programs are on PATH")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    for mark in item.iter_markers("requires"):
        missing = [m for m in mark.args if not has_module(m)]
        if missing:
            pytest.skip(_why("module" if len(missing) == 1 else "modules", missing))
    for mark in item.iter_markers("requires_program"):
        missing = [p for p in mark.args if not has_program(p)]
        if missing:
            pytest.skip(_why("program" if len(missing) == 1 else "programs", missing))


@pytest.fixture(scope="session")
def pdfs():
    """The generators of tests/pdf_fixtures.py (small reportlab PDFs); skips without reportlab."""
    pytest.importorskip("reportlab", reason=_why("module", ["reportlab"]))
    import pdf_fixtures

    return pdf_fixtures


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.db")


@pytest.fixture
def shared_data():
    """Path of ../shared/data, or skip when this checkout has none beside it."""
    if not os.path.isdir(SHARED):
        pytest.skip("../shared/data is not present")
    return SHARED
