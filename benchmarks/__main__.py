"""Every benchmark, in the order docs/performance.md reports them.

    uv run --extra test python -m benchmarks [--quick]

Each script runs its own baseline in the same run and prints its table.
``--quick`` runs each at its smallest size (what the test suite does).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

FULL = {
    "extract": ["benchmarks/bench_extract.py", "--repeat", "910", "--jobs", "1", "2"],
    "join": ["benchmarks/bench_join.py"],
    "map": [
        "-m",
        "benchmarks.bench_map",
        "--sizes",
        "1000",
        "10000",
        "100000",
        "--skip",
        "explore()",
    ],
    "map_1m": [
        "-m",
        "benchmarks.bench_map",
        "--sizes",
        "1000000",
        "--skip",
        "folium per-marker",
        "explore()",
    ],
    "pages": ["benchmarks/bench_pages.py"],
    "large_text": ["benchmarks/bench_large_text.py"],
    "files": ["benchmarks/bench_files.py"],
    "events": ["benchmarks/bench_events.py"],
    "languages": ["benchmarks/bench_languages.py", "--articles", "300"],
    "web": ["benchmarks/bench_web.py", "--big", "1000"],
    "compare": [
        "benchmarks/bench_compare.py",
        "--ged",
        "../shared/data/ucdp/ged231_CAF.csv",
    ],
}
# The test suite runs these (tests/test_benchmarks.py), asserting no timing.
QUICK = {
    "extract": ["benchmarks/bench_extract.py", "--repeat", "2", "--jobs", "1", "2"],
    "join": ["benchmarks/bench_join.py", "--sizes", "1000"],
    "map": ["-m", "benchmarks.bench_map", "--sizes", "200"],
    "pages": ["benchmarks/bench_pages.py"],
    "large_text": ["benchmarks/bench_large_text.py", "--sizes", "0.2"],
    "files": ["benchmarks/bench_files.py", "--rows", "2000"],
    "events": ["benchmarks/bench_events.py", "--rows", "2000", "--repeat", "1"],
    "web": ["benchmarks/bench_web.py", "--sizes", "30", "--crawl", "100"],
    "compare": ["benchmarks/bench_compare.py", "--sizes", "1000"],
    "languages": ["benchmarks/bench_languages.py", "--articles", "5", "--rounds", "1"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smallest size of each")
    args = ap.parse_args()
    for command in (QUICK if args.quick else FULL).values():
        print(f"== {' '.join(command)}", flush=True)
        subprocess.run([sys.executable, *command], check=True)


if __name__ == "__main__":
    main()
