"""Extraction speed: articles per second on the dev corpus repeated N times.

    uv run python benchmarks/bench_extract.py [--repeat 100]

Reports per-article extraction (``extract_by_article``: what
``bordermap extract --format jsonl`` does) and the full pipeline to a joined
GeoDataFrame (``bordermap.extract``), in one process, after a warm-up that
builds the gazetteer (timed separately).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

import bordermap
from bordermap.geo.places.gazetteer import load_gazetteer
from bordermap.pipeline import extract_by_article

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=100)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    base = bordermap.read_articles([ROOT / "seeds"])
    articles = [replace(a, id=f"{a.id}-{k}") for k in range(args.repeat) for a in base]
    t0 = time.perf_counter()
    load_gazetteer()
    t_gaz = time.perf_counter() - t0
    rates = {}
    for jobs in args.jobs:
        t0 = time.perf_counter()
        n_inc = sum(len(incs) for _, incs in extract_by_article(articles, jobs=jobs))
        rates[jobs] = (time.perf_counter() - t0, n_inc)
    t0 = time.perf_counter()
    frame = bordermap.extract(articles)
    t_all = time.perf_counter() - t0
    print(f"articles: {len(articles)} ({len(base)} distinct x {args.repeat})")
    print(f"gazetteer build (once per process): {t_gaz:.2f} s")
    for jobs, (seconds, count) in rates.items():
        print(
            f"extract per article, {jobs} process(es): {seconds:.2f} s, "
            f"{len(articles) / seconds:.0f} articles/s, {count} incidents"
        )
    print(
        f"full pipeline to joined GeoDataFrame: {t_all:.2f} s, "
        f"{len(articles) / t_all:.0f} articles/s, {len(frame)} rows after merging"
    )


if __name__ == "__main__":
    main()
