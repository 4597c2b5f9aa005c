"""The international border line."""

from __future__ import annotations

import geopandas as gpd
import shapely

from bordermap.layers.datalayer import DataLayer, feature_collection

__all__ = ["background_layer", "border_layer"]


def border_layer(
    line: gpd.GeoDataFrame, name: str = "International border"
) -> DataLayer:
    """Draw the border as a dark dashed line (not interactive)."""
    return DataLayer(
        feature_collection((shapely.geometry.mapping(g), {}) for g in line.geometry),
        name,
        style={"color": "#111", "weight": 2.5, "dashArray": "6 4", "opacity": 0.9},
    )


def background_layer(polygons: gpd.GeoDataFrame, name: str = "Boundaries") -> DataLayer:
    """Admin-1 units and neighbouring countries as a quiet basemap (no tiles needed).

    Parameters
    ----------
    polygons : geopandas.GeoDataFrame
        ``kind`` (``"admin1"`` or ``"country"``) and geometry, e.g. from
        :func:`bordermap.geo.places.boundaries.context_polygons`.
    """
    styles = {
        "admin1": {"fillColor": "#f4f1ea", "color": "#b5ab9a", "weight": 0.6},
        "country": {"fillColor": "#e4e1da", "color": "#9c9588", "weight": 0.8},
    }
    ordered = polygons.sort_values(["kind", "name"], ascending=[False, True])
    return DataLayer(
        feature_collection(
            (shapely.geometry.mapping(g), {"_style": styles.get(k, styles["country"])})
            for g, k in zip(ordered.geometry, ordered["kind"], strict=True)
        ),
        name,
        style={"fillOpacity": 1.0, "opacity": 1.0},
        control=False,
    )
