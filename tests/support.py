"""Plain helpers several test files import at module level (fixtures live in conftest.py).

``run_litmap`` runs the real CLI in a fresh interpreter, as a user would, with
this checkout first on PYTHONPATH so the subprocess imports the code under test.
"""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LITMAP = [sys.executable, "-m", "litmap"]


def litmap_env() -> dict[str, str]:
    """os.environ as it is now, with this checkout first on PYTHONPATH."""
    return dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


def run_litmap(*args: str, timeout: float = 120, text: bool = True, cwd: str | None = None,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m litmap ARGS`` with output captured: a hang is a failed test (TimeoutExpired), not a stuck suite."""
    return subprocess.run([*LITMAP, *args], env=litmap_env() if env is None else env, capture_output=True,
                          text=text, cwd=cwd, timeout=timeout)
