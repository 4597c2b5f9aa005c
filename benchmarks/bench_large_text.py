"""One very large text file (a scraped dump read as one article): time and peak memory.

    uv run python benchmarks/bench_large_text.py [--sizes 5 10 25 50]

Builds texts of the given sizes in MB from the dev articles' paragraphs, runs
``bordermap extract FILE --format jsonl`` on each in a fresh process and reports
wall time, seconds per MB (linear time: constant) and peak resident memory
(bounded: about the text plus a constant).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bordermap

ROOT = Path(__file__).resolve().parents[1]


def make_text(mb: float) -> str:
    paragraphs = [
        p
        for a in bordermap.read_articles([ROOT / "seeds"])
        for p in a.text.split("\n\n")
    ]
    out, size, i = [], 0, 0
    while size < mb * 1_000_000:
        para = f"{paragraphs[i % len(paragraphs)]} (item {i})"
        out.append(para)
        size += len(para) + 2
        i += 1
    return "\n\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[5, 10, 25, 50])
    args = ap.parse_args()
    print(f"{'MB':>5} {'seconds':>8} {'s/MB':>6} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"big-{mb}.txt"
            path.write_text(make_text(mb), encoding="utf-8")
            code = (
                "import resource,sys;from bordermap.cli import main;"
                "rc=main(sys.argv[1:]);"
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
                "file=sys.stderr);sys.exit(rc)"
            )
            start = time.perf_counter()
            run = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    code,
                    "extract",
                    str(path),
                    "-o",
                    str(Path(tmp) / "out.jsonl"),
                    "-q",
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds = time.perf_counter() - start
            peak_kb = int(run.stderr.strip().splitlines()[-1])
            size = path.stat().st_size / 1e6
            print(
                f"{size:>5.0f} {seconds:>8.1f} {seconds / size:>6.2f} "
                f"{peak_kb / 1024:>12.0f}"
            )


if __name__ == "__main__":
    main()
