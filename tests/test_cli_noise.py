"""Only litmap's own messages by default: third-party warnings and library chatter are shown with -v."""

from __future__ import annotations

import subprocess
import sys

import pytest

_SCRIPT = """
import os, sys, warnings
from click.testing import CliRunner
from litmap.cli import cli
CliRunner().invoke(cli, sys.argv[1:] + ["concepts", "state rescaling"])
warnings.warn_explicit("a third-party notice", FutureWarning, "thirdparty.py", 1, module="thirdparty")
warnings.warn_explicit("litmap's own notice", FutureWarning, "litmap/x.py", 1, module="litmap.x")
print("TRANSFORMERS_VERBOSITY=" + os.environ.get("TRANSFORMERS_VERBOSITY", ""))
"""


@pytest.mark.parametrize("flags,third_party_shown,verbosity", [([], False, "error"), (["-v"], True, "")])
def test_third_party_warnings_only_with_verbose(flags, third_party_shown, verbosity):
    proc = subprocess.run([sys.executable, "-c", _SCRIPT, *flags], capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in __import__("os").environ.items()
                               if k not in ("TRANSFORMERS_VERBOSITY", "PYTHONWARNINGS")})
    assert proc.returncode == 0, proc.stderr
    assert ("a third-party notice" in proc.stderr) is third_party_shown, proc.stderr
    assert "litmap's own notice" in proc.stderr
    assert f"TRANSFORMERS_VERBOSITY={verbosity}" in proc.stdout
