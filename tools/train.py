"""Retrain the learned steps from the labelled real pages and the page cache.

    uv run --extra train python tools/train.py

The same as ``python -m benchmarks.learned train``: writes
``bordermap/geo/extract/models/event_type.json.gz``, the same bytes for the same
labels and cache.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.learned import main

if __name__ == "__main__":
    for task in ("event_type", "report"):
        main(["train", task])
