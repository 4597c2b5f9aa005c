"""Style is checked like everything else: ruff (config in pyproject.toml)."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PATHS = ["bordermap", "tests", "tools", "benchmarks", "notebooks"]


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=" ".join)
def test_ruff(args):
    ruff = shutil.which("ruff") or pytest.fail(
        "ruff is a test dependency; install .[test]"
    )
    paths = [p for p in PATHS if (ROOT / p).exists()]
    result = subprocess.run(
        [ruff, *args, *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sys.version_info >= (3, 10)
