"""Each benchmark runs end to end at a small size (no timing is asserted)."""

import subprocess
import sys

import pytest

from benchmarks.__main__ import QUICK
from tests.conftest import ROOT


@pytest.mark.parametrize("name", list(QUICK))
def test_benchmark_smoke(name):
    result = subprocess.run(
        [sys.executable, *QUICK[name]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()
