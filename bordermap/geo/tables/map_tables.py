"""Everything a map draws, computed once: incidents, provinces, figures, tolls.

The interactive page (:mod:`bordermap.layers.render`) and the static image
(:mod:`bordermap.layers.static`) draw the same :class:`MapTables`; neither
computes a table of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from bordermap.geo.places.boundaries import Boundaries, context_polygons
from bordermap.geo.tables.aggregate import aggregate_by_province, border_totals
from bordermap.geo.tables.tolls import labelled, newest_reports, tolls

__all__ = ["MapTables", "map_tables"]


@dataclass(frozen=True, slots=True)
class MapTables:
    """The tables of one map, ready to draw.

    Attributes
    ----------
    incidents : geopandas.GeoDataFrame
        Every incident, located or not (:func:`bordermap.extract`).
    provinces : geopandas.GeoDataFrame
        Per-province totals (:func:`bordermap.aggregate`).
    totals : pandas.DataFrame
        The figures on no province (:func:`bordermap.totals`).
    tolls : pandas.DataFrame
        Every reported total, oldest first within each group, with
        ``side_label`` and ``claimant_label`` (:func:`bordermap.tolls`).
    latest : pandas.DataFrame
        The newest of ``tolls`` per kind × side × claimant, labelled the same.
    border : geopandas.GeoDataFrame
        The international border line.
    background : geopandas.GeoDataFrame or None
        Polygons drawn under everything when there are no web tiles.
    title : str
    attributions : tuple of str
    """

    incidents: gpd.GeoDataFrame
    provinces: gpd.GeoDataFrame
    totals: pd.DataFrame
    tolls: pd.DataFrame
    latest: pd.DataFrame
    border: gpd.GeoDataFrame
    background: gpd.GeoDataFrame | None
    title: str
    attributions: tuple[str, ...]


def map_tables(
    incidents: gpd.GeoDataFrame,
    layers: Boundaries,
    provinces: gpd.GeoDataFrame | None = None,
    *,
    title: str | None = None,
    background: bool = True,
) -> MapTables:
    """Compute the tables a map of ``incidents`` on ``layers`` draws.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
    layers : Boundaries
        The border's layers.
    provinces : geopandas.GeoDataFrame, optional
        Per-province totals; computed when omitted.
    title : str, optional
        Default: "Border incidents: <country> – <country>".
    background : bool
        Whether to compute the context polygons (pages without web tiles and
        static images draw them).

    Returns
    -------
    MapTables

    Examples
    --------
    >>> import bordermap
    >>> from bordermap.geo.places.boundaries import load_boundaries
    >>> incidents = bordermap.extract([bordermap.seeds_dir()])
    >>> t = map_tables(incidents, load_boundaries(), background=False)
    >>> t.title, len(t.provinces) > 0, t.background is None
    ('Border incidents: THA – KHM', True, True)
    """
    if provinces is None:
        provinces = aggregate_by_province(incidents, layers.admin1)
    history = labelled(tolls(incidents))
    return MapTables(
        incidents=incidents,
        provinces=provinces,
        totals=border_totals(incidents),
        tolls=history,
        latest=newest_reports(history),
        border=layers.line,
        background=context_polygons(layers) if background else None,
        title=title or f"Border incidents: {' – '.join(layers.countries)}",
        attributions=tuple(layers.attributions),
    )
