"""Build bordermap's bundled data from ``../shared/data``.

Run from the repository root::

    uv run python tools/build_data.py [--shared ../shared/data]

It writes ``bordermap/data/``: admin-1 and admin-2 polygons of Thailand and
Cambodia simplified as coverages (neighbours keep identical shared edges), the
TH-KH border line, the border-places gazetteer and a name table of the world's
admin-1 units (Natural Earth) used for meeting venues and false friends.
Output is deterministic: sorted rows, fixed precision, no timestamps.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bordermap" / "data"

# Simplification tolerances in degrees (1e-3 deg is about 110 m).
ADM1_TOLERANCE = 0.004
ADM2_TOLERANCE = 0.006
GRID = 1e-5  # final coordinate precision, about 1 m

ADM1_COLUMNS = ["adm0_iso3", "adm1_iso", "adm1_name", "alt_names", "geometry"]
ADM2_COLUMNS = ["adm0_iso3", "adm1_iso", "adm1_name", "adm2_name", "geometry"]
PLACE_COLUMNS = [
    "name",
    "alt_names",
    "kind",
    "country_iso3",
    "admin1_iso",
    "admin1_name",
    "admin2_name",
    "lat",
    "lon",
    "source",
]


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify polygons of one country as a coverage, keeping shared edges."""
    out = frame.copy()
    geoms = shapely.make_valid(out.geometry.values)
    geoms = shapely.coverage_simplify(geoms, tolerance, simplify_boundary=True)
    geoms = shapely.set_precision(geoms, GRID)
    geoms = shapely.make_valid(geoms)
    out["geometry"] = geoms
    bad = ~out.geometry.is_valid | out.geometry.is_empty
    if bad.any():
        raise SystemExit(f"simplification broke {int(bad.sum())} polygons")
    return out


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write a GeoJSON file with sorted rows and compact coordinates."""
    frame = frame.sort_values([c for c in frame.columns if c != "geometry"][:4])
    data = json.loads(frame.to_json(drop_id=True))
    data.pop("bbox", None)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(frame)} features, {path.stat().st_size:,} B")


def build_admin(shared: Path) -> None:
    """Admin-1 and admin-2 polygons of both countries."""
    for level, tol, cols in (
        (1, ADM1_TOLERANCE, ADM1_COLUMNS),
        (2, ADM2_TOLERANCE, ADM2_COLUMNS),
    ):
        parts = []
        for iso3 in ("THA", "KHM"):
            frame = gpd.read_file(shared / "boundaries" / f"{iso3}_ADM{level}.geojson")
            for col in cols:
                if col not in frame.columns:
                    frame[col] = ""
            parts.append(simplify_coverage(frame[cols], tol))
        merged = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")
        merged = merged.fillna("")
        write_geojson(merged, OUT / f"admin{level}_THA_KHM.geojson")


def build_border(shared: Path) -> None:
    """Write the international border line (Natural Earth 10m)."""
    frame = gpd.read_file(shared / "boundaries" / "NE10m_border_THA_KHM.geojson")
    frame["geometry"] = shapely.set_precision(frame.geometry.values, GRID)
    frame = frame[["adm0_a", "adm0_b", "geometry"]]
    write_geojson(frame, OUT / "border_THA_KHM.geojson")


def build_places(shared: Path) -> None:
    """Border places of Thailand and Cambodia, trimmed to the columns we use."""
    src = shared / "gazetteer" / "th_kh_border_places.csv"
    with src.open(encoding="utf-8", newline="") as fh:
        rows = [{k: r[k] for k in PLACE_COLUMNS} for r in csv.DictReader(fh)]
    rows.sort(key=lambda r: (r["country_iso3"], r["admin1_iso"], r["name"], r["kind"]))
    dst = OUT / "places_THA_KHM.csv"
    with dst.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{dst.relative_to(ROOT)}: {len(rows)} rows, {dst.stat().st_size:,} B")


def build_world_names(shared: Path) -> None:
    """World admin-1 names with codes and a label point (no polygons)."""
    path = shared / "boundaries" / "world" / "ne_10m_admin_1_states_provinces.geojson"
    frame = gpd.read_file(
        path,
        columns=[
            "iso_3166_2",
            "adm0_a3",
            "admin",
            "name",
            "name_alt",
            "name_en",
            "gn_name",
            "woe_name",
            "latitude",
            "longitude",
        ],
        read_geometry=False,
    )
    rows = []
    for rec in frame.fillna("").to_dict("records"):
        alts = {
            a.strip()
            for f in ("name_alt", "name_en", "gn_name", "woe_name")
            for a in str(rec[f]).split("|")
        }
        alts -= {"", rec["name"]}
        rows.append(
            {
                "iso_3166_2": rec["iso_3166_2"],
                "country_iso3": rec["adm0_a3"],
                "country": rec["admin"],
                "name": rec["name"],
                "alt_names": "|".join(sorted(alts)),
                "lat": f"{float(rec['latitude']):.4f}",
                "lon": f"{float(rec['longitude']):.4f}",
            }
        )
    rows.sort(key=lambda r: (r["country_iso3"], r["iso_3166_2"], r["name"]))
    dst = OUT / "world_admin1_names.csv"
    with dst.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{dst.relative_to(ROOT)}: {len(rows)} rows, {dst.stat().st_size:,} B")


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    build_admin(args.shared)
    build_border(args.shared)
    build_places(args.shared)
    build_world_names(args.shared)


if __name__ == "__main__":
    main()
