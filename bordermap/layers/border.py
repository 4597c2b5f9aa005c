"""The international border line."""

from __future__ import annotations

import geopandas as gpd
import shapely

from bordermap.layers.datalayer import DataLayer, feature_collection

__all__ = ["border_layer"]


def border_layer(
    line: gpd.GeoDataFrame, name: str = "International border"
) -> DataLayer:
    """Draw the border as a dark dashed line (not interactive)."""
    return DataLayer(
        feature_collection((shapely.geometry.mapping(g), {}) for g in line.geometry),
        name,
        style={"color": "#111", "weight": 2.5, "dashArray": "6 4", "opacity": 0.9},
    )
