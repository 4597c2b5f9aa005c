"""Join and aggregate: incidents to admin-1 polygons, then totals per province.

    uv run python benchmarks/bench_join.py [--sizes 1000 10000 100000 1000000]

Random incident points over the Thailand–Cambodia border provinces (no
gazetteer province, so every point takes the spatial join), each size in a
fresh process: time of ``join_boundaries`` and ``aggregate_by_province``, cold
(first join in the process, index built on the way) and warm (a second join),
points per second, and the process's peak resident memory. The baseline, in
the same process, is what a GeoPandas user would write:
``gpd.sjoin(points, provinces, predicate="within")`` and a ``groupby`` sum.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
import numpy as np, pandas as pd, geopandas as gpd
from bordermap.geo.places.boundaries import load_boundaries
from bordermap.geo.tables.frames import incidents_frame, join_boundaries
from bordermap.geo.tables.aggregate import aggregate_by_province

n = int(sys.argv[1])
rng = np.random.default_rng(0)
layers = load_boundaries()
border = layers.admin1[layers.admin1["border"]]
minx, miny, maxx, maxy = border.total_bounds
template = incidents_frame([])
frame = pd.DataFrame(template.drop(columns="geometry")).reindex(range(n))
frame["id"] = [f"p{i:07d}" for i in range(n)]
frame["article_id"] = "a"
frame["event_type"] = rng.choice(["armed_clash", "shelling", "air_strike"], n)
frame["scope"] = "event"
frame["planned"] = False
frame["precision"] = "site"
frame["n_sources"] = 1
killed = rng.integers(0, 5, n)
frame["killed_low"] = frame["killed_best"] = frame["killed_high"] = pd.array(killed,
                                                                            dtype="Int64")
frame["killed_qualifier"] = "exact"
points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(
    rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)), crs="EPSG:4326")

def ours():
    t0 = time.perf_counter()
    joined = join_boundaries(points, layers.admin1)
    t1 = time.perf_counter()
    provinces = aggregate_by_province(joined, layers.admin1)
    return t1 - t0, time.perf_counter() - t1, joined, provinces

t_join, t_agg, joined, provinces = ours()
t_join_warm, t_agg_warm, _, _ = ours()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0 = time.perf_counter()
base = gpd.sjoin(points[["killed_best", "event_type", "geometry"]],
                 layers.admin1[["adm1_iso", "geometry"]], predicate="within")
base = base[~base.index.duplicated()]
t1 = time.perf_counter()
base_totals = base.groupby("adm1_iso").agg(
    incidents=("event_type", "size"), killed=("killed_best", "sum"))
t_base = time.perf_counter() - t0
print(json.dumps({"n": n, "join": t_join, "aggregate": t_agg, "peak_mb": peak,
                  "join_warm": t_join_warm, "aggregate_warm": t_agg_warm,
                  "baseline": t_base, "baseline_join": t1 - t0,
                  "in_provinces": int(joined["adm1_spatial"].notna().sum()),
                  "baseline_in_provinces": len(base),
                  "killed": int(provinces["killed_best"].fillna(0).sum())}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000]
    )
    args = ap.parse_args()
    print(
        f"{'points':>9} {'join s':>7} {'agg s':>7} {'points/s':>11} "
        f"{'warm pts/s':>11} {'sjoin+groupby s':>16} {'speed-up':>9} {'peak MB':>8}"
    )
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        if r["in_provinces"] != r["baseline_in_provinces"]:
            raise SystemExit(f"bordermap and sjoin disagree at {n:,} points: {r}")
        total = r["join"] + r["aggregate"]
        warm = r["join_warm"] + r["aggregate_warm"]
        print(
            f"{n:>9,} {r['join']:>7.3f} {r['aggregate']:>7.3f} {n / total:>11,.0f} "
            f"{n / warm:>11,.0f} {r['baseline']:>16.3f} "
            f"{r['baseline'] / total:>8.1f}x {r['peak_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
