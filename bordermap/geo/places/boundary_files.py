"""A user's own boundary file: read, checked, reprojected and repaired.

Any vector format GDAL reads, in any CRS. The province name, code and country
columns are found by their common names (``shapeName``, ``NAME_1``,
``shapeISO``, ...) or given; what cannot be used gets one
:class:`~bordermap.errors.BoundaryError` line that says what to do.
:func:`bordermap.geo.places.boundaries.read_boundaries` wraps it into
:class:`~bordermap.geo.places.boundaries.Boundaries`.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Sequence

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.errors import BoundaryError
from bordermap.geo.places.bundled import ADMIN1_COLUMNS, CRS, border_flags, world_admin1

__all__ = ["read_user_layers"]

logger = logging.getLogger(__name__)

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


def read_user_layers(
    where: str,
    countries: tuple[str, str],
    *,
    name_column: str | None = None,
    code_column: str | None = None,
    country_column: str | None = None,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Read a user's admin-1 polygons and draw the border line between them.

    Parameters
    ----------
    where : str
        The file's path.
    countries : tuple of str
        The two ISO 3166-1 alpha-3 codes, checked.
    name_column, code_column, country_column : str, optional
        As for :func:`bordermap.geo.places.boundaries.read_boundaries`.

    Returns
    -------
    tuple of geopandas.GeoDataFrame
        The admin-1 layer (with border flags) and the border line.

    Raises
    ------
    BoundaryError
        For a file that is not geospatial, an empty layer, a missing column,
        countries that share no border, and the like.
    """
    frame = _read_layer(where)
    name_col, code_col, country_col = _pick_columns(
        frame, where, name_column, code_column, country_column
    )
    # these two warn on behalf of read_boundaries' caller (stacklevel=4)
    frame = _wgs84_polygons(frame, where)
    frame = _repaired(frame, where)
    admin1 = _user_admin1(frame, countries, where, name_col, code_col, country_col)
    return admin1, _user_border_line(admin1, countries)


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
            f"{where} has no CRS; read as EPSG:4326 (longitude/latitude)", stacklevel=4
        )
        frame = frame.set_crs(CRS)
    frame = frame.to_crs(CRS)
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
        stacklevel=4,
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
    out = gpd.GeoDataFrame(geometry=frame.geometry.values, crs=CRS)
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
    return out[ADMIN1_COLUMNS].sort_values("adm1_iso").reset_index(drop=True)


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
    points = gpd.GeoDataFrame(geometry=out.representative_point(), crs=CRS)
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
        {"adm0_a": [countries[0]], "adm0_b": [countries[1]]}, geometry=[line], crs=CRS
    )
