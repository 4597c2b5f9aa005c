"""Reading coded event files: rows per second, ACLED format, against plain pandas.

    uv run python benchmarks/bench_events.py [--rows 1000000]

A generated ACLED export (31 columns, text ``inter1``, points over the
Thailand–Cambodia border provinces, seeded) is written once; then, each in
the same process and best of ``--repeat``:

* baseline: ``pandas.read_csv(path, engine="pyarrow")`` (what reading the file
  costs before anything is understood);
* ``read_event_files``: the table to bordermap's incidents frame (types,
  precision, dates by ``time_precision``, counts, points);
* ``read_events``: the same, joined with the admin-1 polygons (the frame
  ``bordermap map`` draws);
* the map's per-province totals (``aggregate``) of those events;
* the map page of those events (``make_map`` and its HTML), timed once.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import bordermap
from bordermap.geo.places.boundaries import load_boundaries
from bordermap.geo.sources.datasets import read_event_files, read_events
from bordermap.geo.sources.datasets.acled import ACLED_COLUMNS, SUB_EVENT_TYPES
from bordermap.layers.render import render_html


def acled_table(rows: int, seed: int = 1) -> pd.DataFrame:
    """A seeded ACLED-format table of ``rows`` events near the TH–KH border."""
    rng = np.random.default_rng(seed)
    adm1 = load_boundaries().admin1
    minx, miny, maxx, maxy = adm1[adm1["border"].astype(bool)].total_bounds
    days = pd.Timestamp("2025-07-24") + pd.to_timedelta(
        rng.integers(0, 160, rows), unit="D"
    )
    subs = np.array(sorted(SUB_EVENT_TYPES))
    table = pd.DataFrame({c: np.full(rows, "", dtype=object) for c in ACLED_COLUMNS})
    table["event_id_cnty"] = "THA" + pd.Series(np.arange(rows)).astype(str)
    table["event_date"] = days.strftime("%Y-%m-%d")
    table["year"] = days.year
    table["time_precision"] = rng.choice([1, 1, 1, 2, 3], rows)
    table["sub_event_type"] = subs[rng.integers(0, len(subs), rows)]
    table["inter1"] = "State forces"
    table["country"] = rng.choice(["Thailand", "Cambodia"], rows)
    table["latitude"] = np.round(rng.uniform(miny, maxy, rows), 4)
    table["longitude"] = np.round(rng.uniform(minx, maxx, rows), 4)
    table["geo_precision"] = rng.choice([1, 1, 2, 3], rows)
    table["notes"] = "Generated event for the benchmark."
    table["fatalities"] = rng.poisson(1.2, rows)
    return table


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "acled.csv"
        t0 = time.perf_counter()
        acled_table(args.rows).to_csv(path, index=False)
        made = time.perf_counter() - t0
        print(
            f"rows: {args.rows:,}; file {path.stat().st_size / 1e6:.1f} MB "
            f"(generated and written in {made:.1f} s)"
        )
        t_pd, _ = best_of(args.repeat, lambda: pd.read_csv(path, engine="pyarrow"))
        t_read, frame = best_of(args.repeat, lambda: read_event_files([path]))
        t_join, joined = best_of(args.repeat, lambda: read_events(path))
        t_agg, _ = best_of(args.repeat, lambda: bordermap.aggregate(joined))
        t_map, page = best_of(1, lambda: render_html(bordermap.make_map(joined)))
    rows = [
        ("pandas.read_csv (pyarrow), baseline", t_pd),
        ("read_event_files: incidents frame", t_read),
        ("read_events: frame + admin-1 join", t_join),
        ("aggregate per province", t_agg),
        ("the map page (make_map, HTML; once)", t_map),
    ]
    print(f"{'step':<40}{'seconds':>9}{'rows/s':>12}{'x baseline':>12}")
    for name, seconds in rows:
        print(
            f"{name:<40}{seconds:>9.2f}{args.rows / seconds:>12,.0f}"
            f"{seconds / t_pd:>12.1f}"
        )
    placed = int(joined["adm1_iso"].notna().sum())
    print(f"events kept: {len(frame):,}; on a province: {placed:,}")
    print(f"map page: {len(page.encode('utf-8')) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
