"""Boundary layers of a border: bundled, world-wide, or the user's own file.

:class:`Boundaries` holds a border's layers whatever their source;
:func:`load_boundaries` gives the bundled ones (:mod:`~bordermap.geo.places.bundled`)
or reads the user's file (:func:`read_boundaries`,
:mod:`~bordermap.geo.places.boundary_files`). In every case the border
provinces are computed from geometry, never typed in.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.data import ATTRIBUTIONS
from bordermap.geo.places.boundary_files import read_user_layers
from bordermap.geo.places.bundled import (
    BUNDLED_COUNTRIES,
    CRS,
    MERGED_ADMIN1,
    NE_ISO3,
    border_line,
    check_countries,
    land_neighbours,
    load_admin1,
    load_admin2,
    world_admin1,
)

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
        places = "Places: GeoNames (CC BY 4.0), via Who's On First (whosonfirst.org)"
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
    admin1, line = read_user_layers(
        where,
        countries,
        name_column=name_column,
        code_column=code_column,
        country_column=country_column,
    )
    admin2 = gpd.GeoDataFrame(
        columns=["adm0_iso3", "adm1_iso", "adm1_name", "adm2_name", "geometry"],
        geometry="geometry",
        crs=CRS,
    )
    return Boundaries(countries, admin1, admin2, line, where)


def load_boundaries(
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    path: str | os.PathLike | None = None,
    **columns,
) -> Boundaries:
    """Load the layers of a border: the user's file when given, else bundled ones.

    Examples
    --------
    >>> load_boundaries(("ARM", "AZE"))
    Boundaries(ARM-AZE, world: 88 admin-1 units, 21 on the border)
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
                crs=CRS,
            ),
            gpd.GeoDataFrame(
                {"kind": "admin1", "name": layers.admin1["adm1_name"]},
                geometry=layers.admin1.geometry.values,
                crs=CRS,
            ),
        ],
        ignore_index=True,
    )
    return frame[~frame.geometry.is_empty].reset_index(drop=True)
