"""Bundled boundary layers and the border provinces computed from them."""

from __future__ import annotations

import functools
import logging

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.data import data_path
from bordermap.errors import BoundaryError

__all__ = ["BUNDLED_COUNTRIES", "border_line", "load_admin1", "load_admin2"]

logger = logging.getLogger(__name__)

#: Countries whose admin-1 and admin-2 polygons are bundled.
BUNDLED_COUNTRIES = ("THA", "KHM")
_CRS = "EPSG:4326"
#: A province counts as a border province when this much of its boundary lies
#: within ``BORDER_TOLERANCE_M`` of the other country (the layers come from
#: different sources and do not share the international line exactly).
BORDER_TOLERANCE_M = 3_000.0
BORDER_MIN_KM = 5.0


def _check_countries(countries: tuple[str, ...]) -> tuple[str, ...]:
    countries = tuple(sorted({c.upper() for c in countries}))
    unknown = sorted(set(countries) - set(BUNDLED_COUNTRIES))
    if unknown or len(countries) != 2:
        raise BoundaryError(
            f"countries {list(countries)}: bundled boundaries cover exactly two of "
            f"{list(BUNDLED_COUNTRIES)}; pass countries=('THA', 'KHM')"
        )
    return countries


@functools.lru_cache(maxsize=4)
def _read(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(data_path(name)).set_crs(_CRS, allow_override=True)


def _border_flags(adm1: gpd.GeoDataFrame, countries: tuple[str, str]) -> pd.Series:
    """Flag the provinces whose boundary runs along the other country."""
    metric = adm1.estimate_utm_crs()
    projected = adm1.to_crs(metric)
    flags = pd.Series(False, index=adm1.index)
    for own, other in (countries, countries[::-1]):
        other_area = shapely.union_all(
            projected.geometry[adm1["adm0_iso3"] == other].values
        )
        near = shapely.buffer(other_area, BORDER_TOLERANCE_M)
        mine = projected[adm1["adm0_iso3"] == own]
        shared = shapely.intersection(shapely.boundary(mine.geometry.values), near)
        flags.loc[mine.index] = shapely.length(shared) / 1000.0 >= BORDER_MIN_KM
    return flags


def load_admin1(countries: tuple[str, ...] = BUNDLED_COUNTRIES) -> gpd.GeoDataFrame:
    """Admin-1 polygons of two neighbouring countries with a ``border`` flag.

    Parameters
    ----------
    countries : tuple of str
        ISO 3166-1 alpha-3 codes of the two countries.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``adm0_iso3``, ``adm1_iso``, ``adm1_name``, ``alt_names``,
        ``border`` and ``geometry`` (EPSG:4326), sorted by ``adm1_iso``.

    Raises
    ------
    BoundaryError
        If the countries are not bundled.

    Examples
    --------
    >>> adm1 = load_admin1()
    >>> sorted(adm1.loc[adm1["border"], "adm1_iso"])[:3]
    ['KH-1', 'KH-13', 'KH-15']
    """
    countries = _check_countries(countries)
    frame = _read("admin1_THA_KHM.geojson")
    frame = frame[frame["adm0_iso3"].isin(countries)].copy()
    frame["border"] = _border_flags(frame, countries)
    return frame.sort_values("adm1_iso").reset_index(drop=True)


def load_admin2(countries: tuple[str, ...] = BUNDLED_COUNTRIES) -> gpd.GeoDataFrame:
    """Admin-2 polygons (districts) of the two countries.

    Examples
    --------
    >>> "Kap Choeng" in set(load_admin2()["adm2_name"])
    True
    """
    countries = _check_countries(countries)
    frame = _read("admin2_THA_KHM.geojson")
    frame = frame[frame["adm0_iso3"].isin(countries)]
    return frame.sort_values(["adm1_iso", "adm2_name"]).reset_index(drop=True)


def border_line(countries: tuple[str, ...] = BUNDLED_COUNTRIES) -> gpd.GeoDataFrame:
    """Return the international border line between the two countries.

    Examples
    --------
    >>> border_line().geometry.iloc[0].geom_type
    'LineString'
    """
    _check_countries(countries)
    return _read("border_THA_KHM.geojson").copy()
