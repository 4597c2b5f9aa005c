"""Retrain the shipped learned steps from the labelled real pages and the page cache.

    uv run --extra train python tools/train.py

Writes ``bordermap/geo/extract/models/report.json.gz`` (``benchmarks.learned``)
and ``confidence.json.gz`` (``benchmarks.confidence``), the same bytes for the
same labels and cache. The confidence learns from what the extractor does on
the pages, so it first collects its rows after the report model is written. The
event type and the link models are judged but not shipped (docs/accuracy.md),
so they are not written here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import confidence, learned

if __name__ == "__main__":
    steps = [
        (learned.main, ["train", "report"]),
        (confidence.main, ["collect"]),
        (confidence.main, ["train"]),
    ]
    for run, argv in steps:
        if run(argv):
            raise SystemExit(1)
