import os
import sys

import pytest

SHARED = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.db")


@pytest.fixture
def shared_data():
    """Path of ../shared/data, or skip when this checkout has none beside it."""
    if not os.path.isdir(SHARED):
        pytest.skip("../shared/data is not present")
    return SHARED
