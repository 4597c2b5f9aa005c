"""Write incidents to GeoParquet and GeoPackage: bordermap against plain GeoPandas.

    uv run python benchmarks/bench_files.py [--rows 1000000] [--gpkg-rows N]

Synthetic incident rows with the columns and dtypes of ``bordermap.extract``'s
frame (built vectorised from a seeded generator: points in the bounding box of
the Thailand–Cambodia border provinces, 1 % without a point, killed counts
with ``<NA>``, some ``NaT`` dates, ``<NA>`` booleans, JSON text), then the time
of ``write_geoparquet`` and ``write_geopackage`` (its three layers, provinces
and totals computed from the same rows, not timed) in rows per second. The
baselines, in the same run, are what a GeoPandas user would write:
``GeoDataFrame.to_parquet`` and ``to_file`` (pyogrio, default settings), plus
``to_file(use_arrow=True)``, which our writer uses. Best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pyogrio

from bordermap.geo.places.boundaries import load_boundaries
from bordermap.geo.tables.aggregate import aggregate_by_province, border_totals
from bordermap.geo.tables.files import write_geopackage, write_geoparquet
from bordermap.geo.tables.frames import incidents_frame, join_boundaries

TYPES = np.array(["armed_clash", "shelling", "air_strike", "landmine_explosive"])


def _text(*parts) -> pd.Series:
    """Concatenate strings and arrays element-wise (vectorised, pandas ``str``)."""
    out = ""
    for part in parts:
        out = out + (part if isinstance(part, str) else pd.Series(part, dtype="str"))
    return out


def synthetic_frame(n: int, seed: int = 0) -> tuple[gpd.GeoDataFrame, object]:
    """``n`` incident rows with the dtypes of ``bordermap.extract``'s frame."""
    rng = np.random.default_rng(seed)
    layers = load_boundaries()
    template = join_boundaries(incidents_frame([]), layers.admin1)
    border = layers.admin1[layers.admin1["border"]]
    codes = border["adm1_iso"].to_numpy(dtype=object)
    names = border["adm1_name"].to_numpy(dtype=object)
    where = rng.integers(0, len(border), n)
    located = rng.random(n) >= 0.01
    killed = pd.Series(rng.integers(0, 6, n), dtype="Int64")
    killed[rng.random(n) < 0.3] = pd.NA
    stated = killed.astype("str").where(killed.notna(), None)
    kinds = TYPES[rng.integers(0, len(TYPES), n)]
    article = (np.arange(n) // 5).astype(str)
    days = np.datetime64("2025-07-24", "s") + (np.arange(n) % 160).astype(
        "timedelta64[D]"
    )
    days[rng.random(n) < 0.05] = np.datetime64("NaT")
    quote = _text(
        "The army said ",
        stated.fillna("several").to_numpy(),
        " people were killed when ",
        kinds,
        " hit a village in ",
        names[where],
        ".",
    )
    code = np.where(located, codes[where], None)
    frame = template.drop(columns="geometry").reindex(range(n))
    frame = frame.assign(
        id=_text("s", np.char.zfill(np.arange(n).astype(str), 7)),
        article_id=_text("a", article),
        event_type=kinds,
        scope="event",
        planned=False,
        date=days,
        precision=np.where(located, "site", "border"),
        place=names[where],
        country_iso3="THA",
        adm1_iso=code,
        adm1_all=code,
        adm1_name=names[where],
        attribution="Royal Thai Army",
        killed_low=killed,
        killed_best=killed,
        killed_high=killed,
        killed_qualifier=np.where(killed.isna(), None, "exact"),
        killed_stated=stated,
        killed_victims_group="unspecified",
        killed_quote=quote.where(killed.notna(), None),
        quote=quote,
        quote_start=0,
        quote_end=quote.str.len().to_numpy(),
        title=_text("Border report number ", article),
        url="https://example.org/report",
        n_sources=1,
        sources=_text(
            '[{"article_id": "a',
            article,
            '", "published": "2025-07-24", "title": "Border report number ',
            article,
            '"}]',
        ),
        adm1_spatial=code,
        adm1_agrees=pd.array(np.where(located, True, None), dtype="boolean"),
    ).astype(template.drop(columns="geometry").dtypes.to_dict())
    # an empty frame's columns are object; extract's hold int64 and text ("str")
    frame = frame.astype({"quote_start": "int64", "quote_end": "int64"})
    text = frame.select_dtypes(object).columns
    frame[text] = frame[text].astype("str")
    x0, y0, x1, y1 = border.total_bounds
    points = gpd.points_from_xy(rng.uniform(x0, x1, n), rng.uniform(y0, y1, n))
    points[~located] = None
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326"), layers


def _best(repeat: int, write) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        write()
        times.append(time.perf_counter() - t0)
    return min(times)


def _plain_gpkg(frames, path: Path, use_arrow: bool = False) -> None:
    incidents, provinces, totals = frames
    for layer, frame in (("incidents", incidents), ("provinces", provinces)):
        frame.to_file(path, layer=layer, engine="pyogrio", use_arrow=use_arrow)
    pyogrio.write_dataframe(
        totals, path, layer="not_on_a_province", use_arrow=use_arrow
    )


def _report(name: str, n: int, ours: float, base: dict, path: Path) -> None:
    """One line for our writer, one per baseline with our time as a ratio of it."""
    size = path.stat().st_size / 1e6
    print(
        f"{name:<11} {'bordermap':<15} {n:>10,} {ours:>7.2f} {n / ours:>10,.0f} "
        f"{size:>7.1f}"
    )
    for label, t in base.items():
        print(
            f"{name:<11} {label:<15} {n:>10,} {t:>7.2f} {n / t:>10,.0f} "
            f"{'':>7} {ours / t:>13.2f}x"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--gpkg-rows", type=int, help="GeoPackage size (default --rows)")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = ap.parse_args()
    t0 = time.perf_counter()
    frame, layers = synthetic_frame(args.rows)
    small = frame.iloc[: args.gpkg_rows or args.rows]
    frames = (small, aggregate_by_province(small, layers.admin1), border_totals(small))
    print(
        f"built {len(frame):,} rows in {time.perf_counter() - t0:.1f} s; "
        f"GeoPackage of {len(small):,} incidents, {len(frames[1])} provinces, "
        f"{len(frames[2]):,} figures on no province"
    )
    print(
        f"{'format':<11} {'writer':<15} {'rows':>10} {'s':>7} {'rows/s':>10} "
        f"{'MB':>7} {'ours / this':>14}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        # warm up (imports, GDAL drivers) so that no writer pays for the first call
        write_geoparquet(frame.iloc[:10], d / "w.parquet")
        write_geopackage(frame.iloc[:10], frames[1], frames[2], d / "w.gpkg")
        ours = _best(args.repeat, lambda: write_geoparquet(frame, d / "o.parquet"))
        base = {
            "to_parquet": _best(args.repeat, lambda: frame.to_parquet(d / "b.parquet"))
        }
        if pq.read_metadata(d / "o.parquet").num_rows != len(frame):
            raise SystemExit("GeoParquet row count differs")
        _report("GeoParquet", len(frame), ours, base, d / "o.parquet")

        ours = _best(args.repeat, lambda: write_geopackage(*frames, d / "o.gpkg"))
        base = {}
        for label, arrow in (("to_file", False), ("to_file(arrow)", True)):

            def plain(arrow=arrow):
                (d / f"{arrow}.gpkg").unlink(missing_ok=True)
                _plain_gpkg(frames, d / f"{arrow}.gpkg", use_arrow=arrow)

            base[label] = _best(args.repeat, plain)
        if pyogrio.read_info(d / "o.gpkg", layer="incidents")["features"] != len(small):
            raise SystemExit("GeoPackage row count differs")
        _report("GeoPackage", len(small), ours, base, d / "o.gpkg")


if __name__ == "__main__":
    main()
