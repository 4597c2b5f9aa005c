"""Each benchmark runs end to end at a small size (no timing is asserted)."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT

RUNS = {
    "extract": ["benchmarks/bench_extract.py", "--repeat", "2", "--jobs", "1", "2"],
    "join": ["benchmarks/bench_join.py", "--sizes", "1000"],
    "map": ["-m", "benchmarks.bench_map", "--sizes", "200"],
    "pages": ["benchmarks/bench_pages.py"],
    "large_text": ["benchmarks/bench_large_text.py", "--sizes", "0.2"],
}


@pytest.mark.parametrize("name", list(RUNS))
def test_benchmark_smoke(name):
    result = subprocess.run(
        [sys.executable, *RUNS[name]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip()
