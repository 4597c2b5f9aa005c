"""The bundled boundary layers of a pair of countries, detailed or world-wide.

Thailand–Cambodia has detailed bundled layers (admin-1 and admin-2). Any other
pair of neighbouring countries uses the bundled Natural Earth admin-1 layer of
the world, simplified as one coverage so that neighbours share their edges.
The border provinces are computed from geometry (:func:`border_flags`), never
typed in.
"""

from __future__ import annotations

import functools
import gzip
import io
from collections.abc import Sequence

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.data import data_path
from bordermap.errors import BoundaryError

__all__ = [
    "ADMIN1_COLUMNS",
    "BORDER_MIN_KM",
    "BORDER_TOLERANCE_M",
    "BUNDLED_COUNTRIES",
    "CRS",
    "MERGED_ADMIN1",
    "NE_ISO3",
    "border_flags",
    "border_line",
    "check_countries",
    "land_neighbours",
    "load_admin1",
    "load_admin2",
    "world_admin1",
]


#: The pair with detailed bundled layers (admin-1 and admin-2).
BUNDLED_COUNTRIES = ("THA", "KHM")
#: Natural Earth's own codes for units with an ISO 3166-1 alpha-3 code of their own.
NE_ISO3 = {"SDS": "SSD", "KOS": "XKX", "SAH": "ESH", "PSX": "PSE"}
#: Admin-1 units merged into another since Natural Earth's edition: code -> successor.
#: Pakistan's Federally Administered Tribal Areas joined Khyber Pakhtunkhwa in 2018
#: (25th amendment); news places Kurram or Bajaur in Khyber Pakhtunkhwa.
MERGED_ADMIN1 = {"PK-TA": "PK-KP"}
CRS = "EPSG:4326"
#: A province is a border province when at least ``BORDER_MIN_KM`` of its
#: boundary lies within ``BORDER_TOLERANCE_M`` of the other country (layers
#: from different sources do not share the international line exactly).
BORDER_TOLERANCE_M = 3_000.0
BORDER_MIN_KM = 5.0
ADMIN1_COLUMNS = [
    "adm0_iso3",
    "adm1_iso",
    "adm1_name",
    "alt_names",
    "border",
    "geometry",
]


def check_countries(countries: Sequence[str]) -> tuple[str, str]:
    """Validate a pair of ISO 3166-1 alpha-3 codes; return it upper-cased.

    Raises
    ------
    BoundaryError
        If it is not two known codes of countries that share a land border.

    Examples
    --------
    >>> check_countries(["ind", "pak"])
    ('IND', 'PAK')
    """
    codes = tuple(str(c).strip().upper() for c in countries)
    if len(codes) != 2 or codes[0] == codes[1]:
        raise BoundaryError(
            f"countries {list(codes)}: give two different ISO 3166-1 alpha-3 codes, "
            "e.g. THA,KHM"
        )
    world = world_admin1()
    known = set(world["adm0_iso3"])
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise BoundaryError(
            f"unknown country code {', '.join(unknown)}: no land-bordering country has "
            "it; use ISO 3166-1 alpha-3 codes such as THA, KHM, IND, PAK"
        )
    if set(codes) != set(BUNDLED_COUNTRIES):
        neighbours = land_neighbours(codes[0])
        if codes[1] not in neighbours:
            raise BoundaryError(
                f"{codes[0]} and {codes[1]} share no land border; {codes[0]} borders "
                f"{', '.join(sorted(neighbours)) or 'no country'}"
            )
    return codes  # type: ignore[return-value]


@functools.cache
def world_admin1() -> gpd.GeoDataFrame:
    """Natural Earth admin-1 units of all countries that have land neighbours.

    Columns ``adm0_iso3``, ``adm1_iso``, ``adm1_name``, ``alt_names`` and
    ``borders`` (neighbouring countries, ``|``-separated). Simplified to about
    2 km; use it for maps of a whole border, not for sites.

    Examples
    --------
    >>> w = world_admin1()
    >>> w.loc[w["adm1_iso"] == "KG-B", "borders"].item()
    'TJK|UZB'
    """
    raw = gzip.decompress(data_path("world_admin1.geojson.gz").read_bytes())
    frame = gpd.read_file(io.BytesIO(raw)).set_crs(CRS, allow_override=True)
    frame = frame.fillna("")
    frame["adm0_iso3"] = frame["adm0_iso3"].replace(NE_ISO3)
    frame["borders"] = [
        "|".join(NE_ISO3.get(c, c) for c in row.split("|")) if row else row
        for row in frame["borders"]
    ]
    return _merge_successors(frame)


def _merge_successors(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Fold units merged since Natural Earth's edition into their successor."""
    merged = frame["adm1_iso"].isin(list(MERGED_ADMIN1))
    if not merged.any():
        return frame
    keep = frame[~merged].copy()
    for old, new in MERGED_ADMIN1.items():
        parts = frame[frame["adm1_iso"].isin([old, new])]
        into = keep.index[keep["adm1_iso"] == new]
        if parts.empty or into.empty:
            continue
        names = {n for row in parts["alt_names"] for n in row.split("|") if n}
        names |= set(parts["adm1_name"]) - {keep.at[into[0], "adm1_name"]}
        borders = {c for row in parts["borders"] for c in row.split("|") if c}
        keep.at[into[0], "geometry"] = shapely.union_all(parts.geometry.values)
        keep.at[into[0], "alt_names"] = "|".join(sorted(names))
        keep.at[into[0], "borders"] = "|".join(sorted(borders))
    return keep.reset_index(drop=True)


@functools.cache
def land_neighbours(iso3: str) -> frozenset[str]:
    """Countries that share a land border with ``iso3`` (ISO 3166-1 alpha-3).

    Examples
    --------
    >>> sorted(land_neighbours("KHM"))
    ['LAO', 'THA', 'VNM']
    """
    world = world_admin1()
    found = world.loc[world["adm0_iso3"] == iso3, "borders"]
    return frozenset(c for row in found for c in row.split("|") if c)


@functools.cache
def _read(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(data_path(name)).set_crs(CRS, allow_override=True)


def border_flags(adm1: gpd.GeoDataFrame, countries: tuple[str, str]) -> pd.Series:
    """Flag the provinces whose boundary runs along the other country.

    Parameters
    ----------
    adm1 : geopandas.GeoDataFrame
        Admin-1 polygons of both countries with an ``adm0_iso3`` column.
    countries : tuple of str

    Returns
    -------
    pandas.Series of bool
    """
    metric = adm1.estimate_utm_crs()
    projected = adm1.to_crs(metric)
    flags = pd.Series(False, index=adm1.index)
    for own, other in (countries, countries[::-1]):
        mask = adm1["adm0_iso3"] == other
        if not mask.any():
            continue
        other_area = shapely.union_all(projected.geometry[mask].values)
        near = shapely.buffer(other_area, BORDER_TOLERANCE_M)
        mine = projected[adm1["adm0_iso3"] == own]
        shared = shapely.intersection(shapely.boundary(mine.geometry.values), near)
        flags.loc[mine.index] = shapely.length(shared) / 1000.0 >= BORDER_MIN_KM
    return flags


def load_admin1(countries: Sequence[str] = BUNDLED_COUNTRIES) -> gpd.GeoDataFrame:
    """Admin-1 polygons of two neighbouring countries with a ``border`` flag.

    Parameters
    ----------
    countries : sequence of str
        ISO 3166-1 alpha-3 codes of the two countries.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``adm0_iso3``, ``adm1_iso``, ``adm1_name``, ``alt_names``,
        ``border`` and ``geometry`` (EPSG:4326), sorted by ``adm1_iso``.

    Raises
    ------
    BoundaryError
        If the countries are unknown or share no land border.

    Examples
    --------
    >>> adm1 = load_admin1()
    >>> sorted(adm1.loc[adm1["border"], "adm1_iso"])[:3]
    ['KH-1', 'KH-13', 'KH-15']
    >>> pk = load_admin1(("IND", "PAK"))
    >>> sorted(pk.loc[pk["border"] & (pk["adm0_iso3"] == "PAK"), "adm1_iso"])
    ['PK-GB', 'PK-JK', 'PK-PB', 'PK-SD']
    """
    return _load_admin1(check_countries(countries)).copy()


@functools.cache
def _load_admin1(countries: tuple[str, str]) -> gpd.GeoDataFrame:
    if set(countries) == set(BUNDLED_COUNTRIES):
        frame = _read("admin1_THA_KHM.geojson")
        frame = frame[frame["adm0_iso3"].isin(countries)].copy()
        frame["border"] = border_flags(frame, countries)
    else:
        world = world_admin1()
        frame = world[world["adm0_iso3"].isin(countries)].copy()
        other = dict(zip(countries, countries[::-1], strict=True))
        frame["border"] = [
            other[own] in borders.split("|")
            for own, borders in zip(frame["adm0_iso3"], frame["borders"], strict=True)
        ]
    return frame[ADMIN1_COLUMNS].sort_values("adm1_iso").reset_index(drop=True)


def load_admin2(countries: Sequence[str] = BUNDLED_COUNTRIES) -> gpd.GeoDataFrame:
    """Admin-2 polygons (districts); bundled for Thailand–Cambodia only.

    Examples
    --------
    >>> "Kap Choeng" in set(load_admin2()["adm2_name"])
    True
    >>> len(load_admin2(("IND", "PAK")))
    0
    """
    countries = check_countries(countries)
    frame = _read("admin2_THA_KHM.geojson")
    frame = frame[frame["adm0_iso3"].isin(countries)]
    return frame.sort_values(["adm1_iso", "adm2_name"]).reset_index(drop=True)


def border_line(countries: Sequence[str] = BUNDLED_COUNTRIES) -> gpd.GeoDataFrame:
    """Return the international border line between the two countries.

    Examples
    --------
    >>> border_line().geometry.iloc[0].geom_type
    'LineString'
    >>> round(border_line(("KGZ", "TJK")).to_crs(32642).length.sum() / 1000)
    823
    """
    return _border_line(check_countries(countries)).copy()


@functools.cache
def _border_line(countries: tuple[str, str]) -> gpd.GeoDataFrame:
    if set(countries) == set(BUNDLED_COUNTRIES):
        return _read("border_THA_KHM.geojson")
    world = world_admin1()
    a, b = (
        shapely.union_all(world.loc[world["adm0_iso3"] == c].geometry.values)
        for c in countries
    )
    line = shapely.line_merge(
        shapely.intersection(shapely.boundary(a), shapely.buffer(b, 0.002))
    )
    return gpd.GeoDataFrame(
        {"adm0_a": [countries[0]], "adm0_b": [countries[1]]}, geometry=[line], crs=CRS
    )
