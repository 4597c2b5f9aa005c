"""Cross-check two sources: ``compare()`` on generated frames of A x B incidents.

    uv run python benchmarks/bench_compare.py [--sizes 10000 100000]
        [--baseline-max 100000] [--ged ../shared/data/ucdp/ged231_CAF.csv]

A: random incidents over the Thailand–Cambodia border provinces (160 days,
violent types and evacuations, 5 % aggregates, 2 % planned, 3 % undated). B, a
"coded dataset" of the same size: 85 % of A's events moved 0-15 km, a fifth of
them a day off, some killed figures changed, 10 % given a 2-5 day range and 1 %
a 30-200 day range, plus new events; rows shuffled. Each size runs in a fresh
process: time of ``compare`` (rows of A and B per second), matched pairs,
unmatched incidents of each side, and the process's peak resident memory. The
baseline, in the same process, is what a pandas user would write: explode the
date ranges into days, ``merge`` on (day, type group), filter by province or
haversine distance, rank and take pairs greedily in a Python loop; both must
give the same pairs.

``--ged`` also compares a UCDP GED CSV (real events, read by bordermap with
their own precision) with copies of itself moved 5 km (then also a day later)
and with other death figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from bordermap.geo.places.boundaries import load_boundaries
from bordermap.geo.records import VIOLENT_TYPES
from bordermap.geo.sources.datasets import read_events
from bordermap.geo.tables.compare import compare
from bordermap.geo.tables.frames import incidents_frame

TYPES = ("armed_clash", "shelling", "air_strike", "landmine_explosive")
_KM_PER_DEG = 111.195


def _move(lon, lat, km, rng):
    """Points moved ``km`` in random directions (small-distance approximation)."""
    angle = rng.uniform(0, 2 * np.pi, len(lon))
    dlat = km * np.cos(angle) / _KM_PER_DEG
    dlon = km * np.sin(angle) / (_KM_PER_DEG * np.cos(np.radians(lat)))
    return lon + dlon, lat + dlat


def _frame(columns: dict, n: int) -> gpd.GeoDataFrame:
    """An incidents frame of ``n`` rows with the given columns filled."""
    frame = pd.DataFrame(incidents_frame([]).drop(columns="geometry")).reindex(range(n))
    for name, values in columns.items():
        if name not in ("lon", "lat"):
            frame[name] = values
    points = gpd.points_from_xy(columns["lon"], columns["lat"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


def synthetic_a(n: int, rng) -> dict:
    """Columns of ``n`` random incidents over the border provinces."""
    border = load_boundaries().admin1
    border = border[border["border"]].reset_index(drop=True)
    per = n // len(border) + 1
    points = border.sample_points(size=per, rng=rng).explode(index_parts=False)
    points = points.iloc[rng.permutation(len(points))[:n]]
    kinds = np.array([*TYPES, "evacuation_displacement"])[rng.integers(0, 5, n)]
    dates = pd.Timestamp("2025-07-24") + pd.to_timedelta(rng.integers(0, 160, n), "D")
    dates = dates.where(rng.random(n) > 0.03)
    scope = np.where(rng.random(n) < 0.05, "aggregate", "event")
    return {
        "id": [f"a{i:07d}" for i in range(n)],
        "article_id": "a",
        "event_type": kinds,
        "scope": scope,
        "planned": rng.random(n) < 0.02,
        "date": dates,
        "precision": rng.choice(["site", "admin2", "admin1"], n, p=[0.6, 0.25, 0.15]),
        "adm1_iso": border.loc[points.index, "adm1_iso"].to_numpy(),
        "killed_best": pd.array(rng.integers(0, 6, n), dtype="Int64"),
        "lon": points.x.to_numpy(),
        "lat": points.y.to_numpy(),
    }


def synthetic_b(a: dict, n: int, rng) -> dict:
    """Columns of a coded-dataset stand-in: most of A's events, moved, plus new ones."""
    keep = np.flatnonzero(rng.random(n) < 0.85)
    new = synthetic_a(n - len(keep), rng)
    lon, lat = _move(a["lon"][keep], a["lat"][keep], rng.uniform(0, 15, len(keep)), rng)
    shift = pd.to_timedelta(rng.choice([-1, 0, 0, 0, 0, 0, 0, 0, 0, 1], len(keep)), "D")
    out = {
        "event_type": np.concatenate([a["event_type"][keep], new["event_type"]]),
        "scope": np.concatenate([a["scope"][keep], new["scope"]]),
        "planned": np.concatenate([a["planned"][keep], new["planned"]]),
        "date": np.concatenate([(a["date"][keep] + shift).to_numpy(), new["date"]]),
        "precision": "site",
        "adm1_iso": np.concatenate([a["adm1_iso"][keep], new["adm1_iso"]]),
        "killed_best": pd.array(
            np.concatenate(
                [
                    a["killed_best"][keep].to_numpy(int)
                    + rng.choice([0, 0, 1, 2], len(keep)),
                    new["killed_best"].to_numpy(int),
                ]
            ),
            dtype="Int64",
        ),
        "lon": np.concatenate([lon, new["lon"]]),
        "lat": np.concatenate([lat, new["lat"]]),
    }
    span = np.where(rng.random(n) < 0.10, rng.integers(1, 5, n), 0)
    span = np.where(rng.random(n) < 0.01, rng.integers(30, 200, n), span)
    out["date_end"] = pd.Series(out["date"]) + pd.to_timedelta(span, "D")
    order = rng.permutation(n)
    out = {k: v if isinstance(v, str) else np.asarray(v)[order] for k, v in out.items()}
    out["killed_best"] = pd.array(out["killed_best"], dtype="Int64")
    out["id"] = [f"g{i:07d}" for i in range(n)]
    out["dataset"] = "synthetic"
    return out


def _haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = (np.radians(v) for v in (lon1, lat1, lon2, lat2))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _days(frame, end=None):
    """One row per (incident, day of its range), for a pandas merge."""
    start = frame["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    last = start if end is None else end.to_numpy().astype("datetime64[D]")
    last = start if end is None else np.maximum(last.astype(np.int64), start)
    n = last - start + 1
    rows = np.repeat(np.arange(len(frame)), n)
    day = start[rows] + np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    return pd.DataFrame({"row": rows, "day": day})


def baseline(a, b, max_km=25.0):
    """The plain pandas way (max_days=0): merge on (day, type group), then greedy."""

    def prep(frame):
        compared = frame["scope"].eq("event") & ~frame["planned"].astype(bool)
        frame = frame[compared & frame["date"].notna()]
        out = pd.DataFrame(
            {
                "id": frame["id"].to_numpy(),
                "group": frame["event_type"].where(
                    ~frame["event_type"].isin(VIOLENT_TYPES), "violent"
                ),
                "adm1": frame["adm1_iso"].to_numpy(),
                "sited": frame["precision"].isin(["site", "admin2"]).to_numpy(),
                "lon": frame.geometry.x.to_numpy(),
                "lat": frame.geometry.y.to_numpy(),
            }
        ).reset_index(drop=True)
        days = _days(frame, frame["date_end"] if "date_end" in frame else None)
        return out, days.join(out["group"], on="row")

    pa, da = prep(a)
    pb, db = prep(b)
    m = da.merge(db, on=["day", "group"], suffixes=("_a", "_b"))
    m = m.drop_duplicates(["row_a", "row_b"])
    ra, rb = m["row_a"].to_numpy(), m["row_b"].to_numpy()
    dist = _haversine_km(pa["lon"].values[ra], pa["lat"].values[ra],
                         pb["lon"].values[rb], pb["lat"].values[rb])  # fmt: skip
    same = (pa["adm1"].values[ra] == pb["adm1"].values[rb]) & pa["adm1"].notna().values[
        ra
    ]
    near = pa["sited"].values[ra] & pb["sited"].values[rb] & (dist <= max_km)
    ok = same | near
    cand = pd.DataFrame(
        {
            "gap": 0,
            "dist": np.rint(np.where(np.isnan(dist), max_km, dist)[ok] * 1e6),
            "id_a": pa["id"].values[ra[ok]],
            "id_b": pb["id"].values[rb[ok]],
        }
    ).sort_values(["gap", "dist", "id_a", "id_b"])
    used_a, used_b, pairs = set(), set(), []
    for x, y in zip(cand["id_a"], cand["id_b"], strict=True):
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            pairs.append((x, y))
    return sorted(pairs), len(m)


def one(n: int, baseline_max: int) -> dict:
    """Time ``compare`` (and the baseline) on A and B of ``n`` rows each."""
    rng = np.random.default_rng(0)
    cols_a = synthetic_a(n, rng)
    a = _frame(cols_a, n)
    b = _frame(synthetic_b(cols_a, n, rng), n)
    t0 = time.perf_counter()
    result = compare(a, b)
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"n": n, "seconds": took, "pairs": len(result.pairs), "peak_mb": peak}
    out["only_a"], out["only_b"] = len(result.only_a), len(result.only_b)
    if n <= baseline_max:
        t0 = time.perf_counter()
        pairs, merged = baseline(a, b)
        out["baseline"], out["baseline_rows"] = time.perf_counter() - t0, merged
        ours = sorted(zip(result.pairs["id_a"], result.pairs["id_b"], strict=True))
        out["agree"] = ours == pairs
    return out


def ged(path: str) -> None:
    """Compare a UCDP GED CSV with copies of itself moved 5 km, then also a day on."""
    if not Path(path).is_file():
        print(f"no UCDP GED file at {path}: the real-data check is skipped")
        return
    a = read_events(path, countries=("CAF", "CMR"))  # the file as bordermap reads it
    n = len(a)
    rng = np.random.default_rng(0)
    lon, lat = _move(a.geometry.x.to_numpy(), a.geometry.y.to_numpy(), 5.0, rng)
    # a second coder: each event 5 km away in its own province, other figures
    copy = a.assign(
        id="copy-" + a["native_id"].astype(str),
        killed_best=a["killed_best"] + pd.array(rng.integers(0, 3, n), dtype="Int64"),
        geometry=gpd.points_from_xy(lon, lat, crs=a.crs),
    )
    a = a.assign(id="ged-" + a["native_id"].astype(str))
    day = pd.Timedelta(days=1)
    later = copy.assign(date=copy["date"] + day, date_end=copy["date_end"] + day)
    name = path.rsplit("/", 1)[-1]
    for label, b, max_days in (
        ("moved 5 km", copy, 0),
        ("moved 5 km, a day later", later, 0),
        ("moved 5 km, a day later", later, 1),
    ):
        t0 = time.perf_counter()
        result = compare(a, b, max_days=max_days)
        took = time.perf_counter() - t0
        own = (result.pairs["id_a"].str[4:] == result.pairs["id_b"].str[5:]).sum()
        print(
            f"{name} ({n:,} rows) vs a copy {label}, max_days={max_days}: "
            f"{len(result.pairs):,} pairs ({own:,} with their own copy), "
            f"only A {len(result.only_a):,}, only B {len(result.only_b):,}, "
            f"{took:.2f} s"
        )
    print(result.summary_text(max_rows=12))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--baseline-max", type=int, default=100_000)
    ap.add_argument("--ged", help="a UCDP GED CSV to compare with a moved copy")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.baseline_max)))
        return
    print(
        f"{'A x B rows':>17} {'compare s':>10} {'rows/s':>10} {'pairs':>8} "
        f"{'only A':>7} {'only B':>7} {'peak MB':>8} {'baseline s':>11} "
        f"{'merged rows':>12} {'speed-up':>9}"
    )
    base_max = str(args.baseline_max)
    for n in args.sizes:
        run = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--baseline-max", base_max],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(run.stdout.strip().splitlines()[-1])
        if r.get("agree") is False:
            raise SystemExit(f"compare and the baseline disagree at {n:,} rows: {r}")
        base = (
            f"{r['baseline']:>11.2f} {r['baseline_rows']:>12,} "
            f"{r['baseline'] / r['seconds']:>8.1f}x"
            if "baseline" in r
            else f"{'-':>11} {'-':>12} {'-':>9}"
        )
        print(
            f"{f'{n:,} x {n:,}':>17} {r['seconds']:>10.2f} "
            f"{2 * n / r['seconds']:>10,.0f} {r['pairs']:>8,} {r['only_a']:>7,} "
            f"{r['only_b']:>7,} {r['peak_mb']:>8.0f} {base}"
        )
    if args.ged:
        ged(args.ged)


if __name__ == "__main__":
    main()
