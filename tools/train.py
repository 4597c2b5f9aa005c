"""Retrain the shipped learned steps from the labelled real pages and the page cache.

    uv run --extra train python tools/train.py

Writes ``bordermap/geo/extract/models/report.json.gz`` (``benchmarks.learned``)
and ``confidence.json.gz`` (``benchmarks.confidence``), the same bytes for the
same labels and cache. The report model learns from the sentences of batches 1–9
only: retrained on the later batches it drops short bare reports the own-words
tests keep (docs/accuracy.md). The confidence learns from what the extractor does
on the pages of every batch, so it first collects its rows after the report model
is written. The event type and the link models are judged but not shipped
(docs/accuracy.md), so they are not written here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import confidence, learned

#: The labelling batches the shipped report model is trained on.
REPORT_BATCHES = "1-9"

if __name__ == "__main__":
    steps = [
        (learned.main, ["train", "report", "--batch", REPORT_BATCHES]),
        (confidence.main, ["collect"]),
        (confidence.main, ["train"]),
    ]
    for run, argv in steps:
        if run(argv):
            raise SystemExit(1)
