"""Build the border villages: every populated place near a land border, per country.

Run from the repository root, with the Who's On First admin repositories of the
countries to build (each a bare git directory, as the search tool's ``fetch``
brings them: ``<mirror>/whosonfirst-data+whosonfirst-data-admin-<cc>/repo``)::

    uv run --extra build-data python tools/build_places.py --mirror /work/.mirror

It writes ``bordermap/data/places/<ISO3>.csv.gz``, one file per country, read
only when a border of that country is mapped: the localities, sub-districts
(``localadmin``) and districts (``county``) Who's On First has (most are
GeoNames places, CC BY 4.0) within :data:`BAND_DEG` of a land border of the
country, with their province (the bundled world admin-1 layer, point in
polygon), district (their Who's On First county), point, population and other
names (in the scripts bordermap reads: Latin, Cyrillic, Thai). Names that are
common English words are left out, as for the world towns. Output is
deterministic: rows sorted, fixed precision, no timestamps.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import shapely
from build_data import _is_common, _write_csv_gz  # tools/ is on the path

from bordermap.geo.places.bundled import MERGED_ADMIN1, world_admin1

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bordermap" / "data" / "places"
BAND_DEG = 0.9  # about 100 km: what a border report names (measured in the README)
KINDS = {"locality": "village", "localadmin": "admin3", "county": "admin2"}
COLUMNS = [
    "name",
    "alt_names",
    "kind",
    "admin1_iso",
    "admin2_name",
    "lat",
    "lon",
    "population",
    "wof_id",
]
# other names kept: those written in the scripts bordermap reads (Latin for the
# English reader, Cyrillic and Thai for the Russian and Thai ones); a new reader
# adds its script here and rebuilds
_READ_SCRIPTS = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u0e00-\u0e7f]")
_OTHER_LETTER = re.compile(r"[^\W\dA-Za-z\u00c0-\u024f\u0400-\u04ff\u0e00-\u0e7f_]")


def _blobs(git_dir: Path) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each current place record of a bare repository."""
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wanted = []
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        if (
            path.startswith("data/")
            and path.endswith(".geojson")
            and "-alt-" not in path
        ):
            wanted.append((meta.split()[2], path))
    proc = subprocess.Popen(
        ["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    # fed from a thread: git answers while it reads, and a full pipe would block both
    feed = threading.Thread(target=_feed, args=(proc.stdin, [sha for sha, _ in wanted]))
    feed.start()
    absent = 0
    for _, path in wanted:
        header = proc.stdout.readline().split()
        if header[1:] == [b"missing"]:
            absent += 1  # a snapshot may list its largest files without them
            continue
        size = int(header[2])
        body = proc.stdout.read(size)
        proc.stdout.read(1)  # the newline after each object
        yield path, body
    feed.join()
    proc.wait()
    if absent:
        print(f"{git_dir}: {absent} listed records absent from the snapshot, skipped")


def _feed(stdin, shas: list[str]) -> None:
    stdin.write("".join(f"{sha}\n" for sha in shas).encode())
    stdin.close()


def _names(props: dict, name: str) -> list[str]:
    out = []
    for key, values in sorted(props.items()):
        if not key.startswith("name:"):
            continue
        for v in values if isinstance(values, list) else [values]:
            v = " ".join(str(v).split())
            if not _READ_SCRIPTS.search(v) or _OTHER_LETTER.search(v):
                continue
            if v != name and v not in out and len(v) <= 60:
                out.append(v)
    ascii_name = props.get("gn:asciiname")
    if ascii_name and ascii_name != name and ascii_name not in out:
        out.append(ascii_name)
    return out


def read_repo(git_dir: Path) -> list[dict]:
    """Read the current localities, sub-districts and districts of a repository."""
    rows, counties = [], {}
    for _, body in _blobs(git_dir):
        props = json.loads(body)["properties"]
        kind = KINDS.get(props.get("wof:placetype"))
        if kind is None or props.get("mz:is_current") == 0:
            continue
        if props.get("wof:superseded_by") or props.get("edtf:deprecated"):
            continue
        lat, lon = props.get("geom:latitude"), props.get("geom:longitude")
        name = " ".join(str(props.get("wof:name", "")).split())
        if lat is None or lon is None or not name:
            continue
        if kind == "admin2":
            counties[props["wof:id"]] = name
        hierarchy = (props.get("wof:hierarchy") or [{}])[0]
        rows.append(
            {
                "name": name,
                "alt": _names(props, name),
                "kind": kind,
                "county_id": hierarchy.get("county_id"),
                "lat": round(float(lat), 4),
                "lon": round(float(lon), 4),
                "population": int(props.get("gn:population") or 0),
                "wof_id": int(props["wof:id"]),
                "country": props.get("iso:country") or props.get("wof:country", ""),
            }
        )
    for row in rows:
        row["admin2_name"] = counties.get(row.pop("county_id"), "")
        if row["kind"] == "admin2":
            row["admin2_name"] = row["name"]
    return rows


def border_band(world: gpd.GeoDataFrame, iso3: str):
    """Give the part of a country within :data:`BAND_DEG` of its land borders."""
    own = world[world["adm0_iso3"] == iso3]
    others = world[world["adm0_iso3"] != iso3]
    country = shapely.union_all(own.geometry.values)
    near = others[others.intersects(country.buffer(0.05))]
    if near.empty:
        return None
    line = country.boundary.intersection(
        shapely.union_all(near.geometry.values).buffer(0.05)
    )
    return country.intersection(line.buffer(BAND_DEG))


def build_country(rows: list[dict], iso3: str, world: gpd.GeoDataFrame) -> list[dict]:
    """Rows of one country in its border band, with their province."""
    band = border_band(world, iso3)
    if band is None or band.is_empty:
        return []
    own = world[world["adm0_iso3"] == iso3].reset_index(drop=True)
    points = shapely.points([r["lon"] for r in rows], [r["lat"] for r in rows])
    inside = shapely.contains_xy(
        band, [r["lon"] for r in rows], [r["lat"] for r in rows]
    )
    tree = shapely.STRtree(own.geometry.values)
    abroad = shapely.STRtree(world[world["adm0_iso3"] != iso3].geometry.values)
    out = []
    for row, point, keep in zip(rows, points, inside, strict=True):
        if not keep or _is_common(row["name"]):
            continue
        hits = tree.query(point, predicate="within")
        if len(hits) == 0 and len(abroad.query(point, predicate="within")):
            continue  # in another country: Kosovo's villages in Serbia's repository
        if len(hits) == 0:
            near = tree.query_nearest(point, max_distance=0.05)
            if len(near) == 0:
                continue
            hits = near
        code = own.loc[int(min(hits)), "adm1_iso"]
        row = dict(row, admin1_iso=MERGED_ADMIN1.get(code, code))
        row["alt_names"] = "|".join(a for a in row.pop("alt") if not _is_common(a))
        out.append(row)
    out.sort(key=lambda r: (r["admin1_iso"], r["name"], r["wof_id"]))
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the places file of each country whose repository is in the mirror."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--mirror", type=Path, required=True, help="folder of fetched repos"
    )
    ap.add_argument("--only", help="comma-separated ISO3 codes to rebuild")
    args = ap.parse_args(argv)
    world = world_admin1()
    repos = sorted(args.mirror.glob("whosonfirst-data+whosonfirst-data-admin-*"))
    if not repos:
        raise SystemExit(f"error: no Who's On First repository in {args.mirror}")
    for repo in repos:
        iso3 = _iso3(repo.name.rsplit("-", 1)[1].upper(), world)
        if iso3 is None or (args.only and iso3 not in args.only.split(",")):
            continue
        git_dir = repo / "repo" if (repo / "repo").exists() else repo
        if (git_dir / ".git").exists():
            git_dir = git_dir / ".git"
        rows = read_repo(git_dir)
        kept = build_country(rows, iso3, world)
        print(f"{iso3}: {len(rows)} places, {len(kept)} in the border band")
        if kept:
            OUT.mkdir(exist_ok=True)
            _write_csv_gz(
                [{k: r[k] for k in COLUMNS} for r in kept], f"places/{iso3}.csv.gz"
            )
    return 0


def _iso3(alpha2: str, world: gpd.GeoDataFrame) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    iso3 = {"XK": "XKX"}.get(alpha2, country.alpha_3 if country else None)
    return iso3 if iso3 in set(world["adm0_iso3"]) else None


if __name__ == "__main__":
    raise SystemExit(main())
