"""Boundary layers of a border: bundled, world-wide, or the user's own file.

Thailand–Cambodia has detailed bundled layers (admin-1 and admin-2). Any other
pair of neighbouring countries uses the bundled Natural Earth admin-1 layer of
the world, simplified as one coverage so that neighbours share their edges. A
user's own file works too (:func:`read_boundaries`). In every case the border
provinces are computed from geometry, never typed in.
"""

from __future__ import annotations

import functools
import gzip
import io
import logging
import os
import warnings
from collections.abc import Sequence

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.data import ATTRIBUTIONS, data_path
from bordermap.errors import BoundaryError

__all__ = [
    "BUNDLED_COUNTRIES",
    "MERGED_ADMIN1",
    "NE_ISO3",
    "Boundaries",
    "border_line",
    "check_countries",
    "context_polygons",
    "land_neighbours",
    "load_admin1",
    "load_admin2",
    "load_boundaries",
    "read_boundaries",
    "world_admin1",
]

logger = logging.getLogger(__name__)

#: The pair with detailed bundled layers (admin-1 and admin-2).
BUNDLED_COUNTRIES = ("THA", "KHM")
#: Natural Earth's own codes for units with an ISO 3166-1 alpha-3 code of their own.
NE_ISO3 = {"SDS": "SSD", "KOS": "XKX", "SAH": "ESH", "PSX": "PSE"}
#: Admin-1 units merged into another since Natural Earth's edition: code -> successor.
#: Pakistan's Federally Administered Tribal Areas joined Khyber Pakhtunkhwa in 2018
#: (25th amendment); news places Kurram or Bajaur in Khyber Pakhtunkhwa.
MERGED_ADMIN1 = {"PK-TA": "PK-KP"}
_CRS = "EPSG:4326"
#: A province is a border province when at least ``BORDER_MIN_KM`` of its
#: boundary lies within ``BORDER_TOLERANCE_M`` of the other country (layers
#: from different sources do not share the international line exactly).
BORDER_TOLERANCE_M = 3_000.0
BORDER_MIN_KM = 5.0
_COLUMNS = ["adm0_iso3", "adm1_iso", "adm1_name", "alt_names", "border", "geometry"]


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
        neighbours = _neighbours_of(codes[0])
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
    frame = gpd.read_file(io.BytesIO(raw)).set_crs(_CRS, allow_override=True)
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


_neighbours_of = land_neighbours


@functools.cache
def _read(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(data_path(name)).set_crs(_CRS, allow_override=True)


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
    return frame[_COLUMNS].sort_values("adm1_iso").reset_index(drop=True)


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
        {"adm0_a": [countries[0]], "adm0_b": [countries[1]]}, geometry=[line], crs=_CRS
    )


# ---------------------------------------------------------------- user files
_NAME_COLUMNS = (
    "adm1_name",
    "name",
    "NAME_1",
    "shapeName",
    "ADM1_EN",
    "admin1Name",
    "NAME",
)
_CODE_COLUMNS = (
    "adm1_iso",
    "iso_3166_2",
    "shapeISO",
    "ISO_1",
    "HASC_1",
    "ADM1_PCODE",
    "adm1_pcode",
    "GID_1",
)
_COUNTRY_COLUMNS = (
    "adm0_iso3",
    "adm0_a3",
    "shapeGroup",
    "ISO3",
    "GID_0",
    "ADM0_A3",
    "iso_a3",
    "ISO",
)


class Boundaries:
    """The layers of one border: admin-1 (with border flags), admin-2, the line.

    Parameters
    ----------
    countries : tuple of str
    admin1, admin2, line : geopandas.GeoDataFrame
    source : str
        ``"bundled"``, ``"world"`` or the path of the user's file.
    """

    def __init__(
        self,
        countries: tuple[str, str],
        admin1: gpd.GeoDataFrame,
        admin2: gpd.GeoDataFrame,
        line: gpd.GeoDataFrame,
        source: str,
    ) -> None:
        self.countries = countries
        self.admin1 = admin1
        self.admin2 = admin2
        self.line = line
        self.source = source

    @property
    def attributions(self) -> tuple[str, ...]:
        """Attributions of the layers in use, for the map."""
        if self.source == "bundled":
            return ATTRIBUTIONS
        places = "Places: GeoNames (CC BY 4.0)"
        if self.source == "world":
            return ("Boundaries and border line: Natural Earth (public domain)", places)
        return (
            f"Boundaries: {os.path.basename(self.source)} (supplied by the user)",
            places,
        )

    def __repr__(self) -> str:
        """Name the countries, the source and the number of border provinces."""
        n = int(self.admin1["border"].sum())
        return (
            f"Boundaries({'-'.join(self.countries)}, {self.source}: "
            f"{len(self.admin1)} admin-1 units, {n} on the border)"
        )


def _pick_column(
    frame: pd.DataFrame,
    given: str | None,
    candidates: Sequence[str],
    what: str,
    option: str,
    path: str,
) -> str | None:
    columns = [c for c in frame.columns if c != "geometry"]
    if given is not None:
        if given not in frame.columns:
            raise BoundaryError(
                f"{path} has no column {given!r}; pass {option} one of {columns}"
            )
        return given
    return next((c for c in candidates if c in frame.columns), None)


def read_boundaries(
    path: str | os.PathLike,
    countries: Sequence[str],
    *,
    name_column: str | None = None,
    code_column: str | None = None,
    country_column: str | None = None,
) -> Boundaries:
    """Read the user's admin-1 polygons of two neighbouring countries.

    Any vector format GDAL reads; any CRS (reprojected to EPSG:4326); invalid
    polygons are repaired (with a warning). Without a country column each
    polygon's country is the one of the world layer its inner point lies in.

    Parameters
    ----------
    path : str or path-like
    countries : sequence of str
        The two ISO 3166-1 alpha-3 codes.
    name_column, code_column, country_column : str, optional
        Columns of the province name, its code and its country's ISO3 code;
        found by common names (``shapeName``, ``NAME_1``, ``shapeISO``, ...)
        when not given.

    Returns
    -------
    Boundaries

    Raises
    ------
    BoundaryError
        For a file that is not geospatial, an empty layer, a missing column,
        countries that share no border, and the like; the message says what to do.
    """
    countries = check_countries(countries)
    where = str(path)
    frame = _read_layer(where)
    name_col, code_col, country_col = _pick_columns(
        frame, where, name_column, code_column, country_column
    )
    # these two warn on behalf of this function's caller (stacklevel=3)
    frame = _wgs84_polygons(frame, where)
    frame = _repaired(frame, where)
    admin1 = _user_admin1(frame, countries, where, name_col, code_col, country_col)
    line = _user_border_line(admin1, countries)
    admin2 = gpd.GeoDataFrame(
        columns=["adm0_iso3", "adm1_iso", "adm1_name", "adm2_name", "geometry"],
        geometry="geometry",
        crs=_CRS,
    )
    return Boundaries(countries, admin1, admin2, line, where)


def _read_layer(where: str) -> gpd.GeoDataFrame:
    """Read the user's file as it is, or say why it cannot be used.

    Parameters
    ----------
    where : str
        Path of the file.

    Returns
    -------
    geopandas.GeoDataFrame

    Raises
    ------
    BoundaryError
        If the file is missing, not a vector file GDAL reads, or has no features.
    """
    if not os.path.exists(where):
        raise BoundaryError(f"{where}: no such file; check the --boundaries path")
    try:
        frame = gpd.read_file(where)
    except Exception as exc:  # pyogrio raises several types for unreadable data
        raise BoundaryError(
            f"{where} is not a vector file GDAL can read ({type(exc).__name__}); "
            "give a GeoPackage, GeoJSON or Shapefile of admin-1 polygons"
        ) from None
    if frame.empty or "geometry" not in frame or frame.geometry.isna().all():
        raise BoundaryError(
            f"{where} has no features; give a layer of admin-1 polygons"
        )
    return frame


def _pick_columns(
    frame: pd.DataFrame,
    where: str,
    name_column: str | None,
    code_column: str | None,
    country_column: str | None,
) -> tuple[str, str | None, str | None]:
    """Find the name, code and country columns: the given ones or common names.

    Parameters
    ----------
    frame : pandas.DataFrame
        The user's layer.
    where : str
        Path of the file, for messages.
    name_column, code_column, country_column : str or None
        Columns the user named.

    Returns
    -------
    tuple of str, str or None, str or None
        The name column (always found) and the code and country columns.

    Raises
    ------
    BoundaryError
        If a named column is missing, or no name column is found.
    """
    name_col = _pick_column(
        frame, name_column, _NAME_COLUMNS, "name", "--name-column", where
    )
    if name_col is None:
        raise BoundaryError(
            f"{where}: no name column found; pass --name-column one of "
            f"{[c for c in frame.columns if c != 'geometry']}"
        )
    code_col = _pick_column(
        frame, code_column, _CODE_COLUMNS, "code", "--code-column", where
    )
    country_col = _pick_column(
        frame, country_column, _COUNTRY_COLUMNS, "country", "--country-column", where
    )
    return name_col, code_col, country_col


def _wgs84_polygons(frame: gpd.GeoDataFrame, where: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326 and keep the polygons.

    A layer without a CRS is taken as longitude/latitude when its coordinates
    fit, with a warning attributed to the caller of :func:`read_boundaries`.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    where : str
        Path of the file, for messages.

    Returns
    -------
    geopandas.GeoDataFrame

    Raises
    ------
    BoundaryError
        If there is no CRS and the coordinates are not degrees, or no polygon.
    """
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise BoundaryError(
                f"{where} has no CRS and its coordinates are not longitude/latitude; "
                "save it with its CRS (e.g. a .prj file)"
            )
        warnings.warn(
            f"{where} has no CRS; read as EPSG:4326 (longitude/latitude)", stacklevel=3
        )
        frame = frame.set_crs(_CRS)
    frame = frame.to_crs(_CRS)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    frame = frame[frame.geom_type.isin(["Polygon", "MultiPolygon"])]
    if frame.empty:
        raise BoundaryError(
            f"{where} has no polygons; give admin-1 polygons, not points or lines"
        )
    return frame


def _repaired(frame: gpd.GeoDataFrame, where: str) -> gpd.GeoDataFrame:
    """Repair invalid polygons with ``make_valid``, keeping their polygon parts.

    Warns, attributed to the caller of :func:`read_boundaries`, when any was
    invalid.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    where : str
        Path of the file, for messages.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    invalid = ~frame.geometry.is_valid
    if not invalid.any():
        return frame
    warnings.warn(
        f"{where}: repaired {int(invalid.sum())} invalid polygon(s) with make_valid",
        stacklevel=3,
    )
    repaired = shapely.make_valid(frame.geometry.values)
    return frame.set_geometry(
        [
            shapely.union_all(
                shapely.get_parts(g)[shapely.get_type_id(shapely.get_parts(g)) >= 3]
            )
            for g in repaired
        ]
    )


def _user_admin1(
    frame: gpd.GeoDataFrame,
    countries: tuple[str, str],
    where: str,
    name_col: str,
    code_col: str | None,
    country_col: str | None,
) -> gpd.GeoDataFrame:
    """Build the admin-1 layer of the two countries from the user's polygons.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The user's polygons in EPSG:4326.
    countries : tuple of str
    where : str
        Path of the file, for messages.
    name_col, code_col, country_col : str or None
        The user's columns (see :func:`_pick_columns`).

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :func:`load_admin1`, sorted by ``adm1_iso``.

    Raises
    ------
    BoundaryError
        If a country has no polygon, or no polygon lies along the other country.
    """
    out = gpd.GeoDataFrame(geometry=frame.geometry.values, crs=_CRS)
    out["adm1_name"] = frame[name_col].astype(str).str.strip().values
    out["adm0_iso3"] = _country_codes(frame, out, country_col)
    out = out[out["adm0_iso3"].isin(countries)].copy()
    missing = [c for c in countries if c not in set(out["adm0_iso3"])]
    if missing:
        raise BoundaryError(
            f"{where} has no polygons of {', '.join(missing)}; give both countries' "
            "admin-1 units (or --country-column)"
        )
    out["adm1_iso"] = _province_codes(frame, out, code_col)
    out["alt_names"] = ""
    out["border"] = border_flags(out, countries)
    if not out["border"].any():
        raise BoundaryError(
            f"{where}: no polygon of {countries[0]} lies along {countries[1]}; the two "
            "countries in this file share no border"
        )
    return out[_COLUMNS].sort_values("adm1_iso").reset_index(drop=True)


def _country_codes(
    frame: gpd.GeoDataFrame, out: gpd.GeoDataFrame, country_col: str | None
):
    """ISO3 code of each polygon: its column, else the world country it lies in.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The user's polygons.
    out : geopandas.GeoDataFrame
        The same polygons, as the admin-1 layer being built.
    country_col : str or None

    Returns
    -------
    numpy.ndarray
    """
    if country_col is not None:
        return frame[country_col].astype(str).str.upper().values
    world = world_admin1()
    points = gpd.GeoDataFrame(geometry=out.representative_point(), crs=_CRS)
    hit = gpd.sjoin(
        points, world[["adm0_iso3", "geometry"]], how="left", predicate="within"
    )
    return hit[~hit.index.duplicated()]["adm0_iso3"].values


def _province_codes(
    frame: gpd.GeoDataFrame, out: gpd.GeoDataFrame, code_col: str | None
):
    """Code of each province: its column, else ``<country[:2]>-<name>``.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The user's polygons.
    out : geopandas.GeoDataFrame
        The admin-1 layer being built, with ``adm0_iso3`` and ``adm1_name``.
    code_col : str or None

    Returns
    -------
    numpy.ndarray or list of str
    """
    if code_col is not None:
        return frame.loc[out.index, code_col].astype(str).values
    return [
        f"{c[:2]}-{n}" for c, n in zip(out["adm0_iso3"], out["adm1_name"], strict=True)
    ]


def _user_border_line(
    admin1: gpd.GeoDataFrame, countries: tuple[str, str]
) -> gpd.GeoDataFrame:
    """Trace the border line along the first country's edge near the second.

    Parameters
    ----------
    admin1 : geopandas.GeoDataFrame
        From :func:`_user_admin1`.
    countries : tuple of str

    Returns
    -------
    geopandas.GeoDataFrame
        One row: ``adm0_a``, ``adm0_b`` and the line.
    """
    a, b = (
        shapely.union_all(admin1.loc[admin1["adm0_iso3"] == c].geometry.values)
        for c in countries
    )
    line = shapely.line_merge(
        shapely.intersection(shapely.boundary(a), shapely.buffer(b, 0.03))
    )
    return gpd.GeoDataFrame(
        {"adm0_a": [countries[0]], "adm0_b": [countries[1]]}, geometry=[line], crs=_CRS
    )


def load_boundaries(
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    path: str | os.PathLike | None = None,
    **columns,
) -> Boundaries:
    """Load the layers of a border: the user's file when given, else bundled ones.

    Examples
    --------
    >>> load_boundaries(("ARM", "AZE"))
    Boundaries(ARM-AZE, world: 89 admin-1 units, 21 on the border)
    """
    if path is not None:
        return read_boundaries(path, countries, **columns)
    countries = check_countries(countries)
    source = "bundled" if set(countries) == set(BUNDLED_COUNTRIES) else "world"
    return Boundaries(
        countries,
        load_admin1(countries),
        load_admin2(countries),
        border_line(countries),
        source,
    )


def context_polygons(layers: Boundaries, margin: float = 2.0) -> gpd.GeoDataFrame:
    """Polygons to draw under the map when there are no web tiles.

    The two countries' admin-1 units, and the outlines of every country within
    ``margin`` degrees of the border provinces (from the world layer).

    Parameters
    ----------
    layers : Boundaries
    margin : float
        Degrees added around the border provinces' extent.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``kind`` (``"admin1"`` or ``"country"``), ``name`` and geometry.

    Examples
    --------
    >>> ctx = context_polygons(load_boundaries())
    >>> sorted(set(ctx.loc[ctx["kind"] == "country", "name"]))[:3]
    ['LAO', 'VNM']
    """
    border = layers.admin1[layers.admin1["border"].astype(bool)]
    minx, miny, maxx, maxy = (border if len(border) else layers.admin1).total_bounds
    box = shapely.box(minx - margin, miny - margin, maxx + margin, maxy + margin)
    world = world_admin1()
    near = world[world.intersects(box)]
    countries = near.dissolve("adm0_iso3").reset_index()
    countries = countries[~countries["adm0_iso3"].isin(layers.countries)]
    frame = pd.concat(
        [
            gpd.GeoDataFrame(
                {"kind": "country", "name": countries["adm0_iso3"]},
                geometry=shapely.intersection(countries.geometry.values, box),
                crs=_CRS,
            ),
            gpd.GeoDataFrame(
                {"kind": "admin1", "name": layers.admin1["adm1_name"]},
                geometry=layers.admin1.geometry.values,
                crs=_CRS,
            ),
        ],
        ignore_index=True,
    )
    return frame[~frame.geometry.is_empty].reset_index(drop=True)
