"""Displacement overlay: a circle per province, its area proportional to people."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.layers.datalayer import DataLayer, feature_collection
from bordermap.layers.labels import bounds_label

__all__ = ["MIN_RADIUS", "SYMBOL_SCALE", "displacement_layer", "displacement_legend"]

_COLOR = "#0072B2"
SYMBOL_SCALE = (
    0.06  # radius in px = scale * sqrt(people); 10,000 people -> 6 px, 500,000 -> 42 px
)
MIN_RADIUS = 5


def _radius(people) -> float:
    return (
        max(MIN_RADIUS, round(SYMBOL_SCALE * math.sqrt(people), 1))
        if people
        else MIN_RADIUS
    )


def displacement_layer(
    provinces: gpd.GeoDataFrame, name: str = "Displacement"
) -> DataLayer:
    """Proportional circles at each province's inner point.

    A province with displacement reports but no figure gets a hollow circle,
    so that "residents were moved to safety" is shown without inventing a number.
    """
    rows = provinces[provinces["displaced_reports"] > 0].sort_values("adm1_iso")
    points = shapely.point_on_surface(rows.geometry.values)
    items = []
    for point, (_, row) in zip(points, rows.iterrows(), strict=True):
        best = None if pd.isna(row["displaced_best"]) else int(row["displaced_best"])
        label = (
            f"{row['adm1_name']}: displaced "
            + bounds_label(
                row["displaced_low"], row["displaced_best"], row["displaced_high"]
            )
            + f" from {int(row['displaced_reports'])} report(s)"
        )
        if best is None:
            label += "; no figure given"
        style = {"radius": _radius(best), "fillOpacity": 0.35 if best else 0.0}
        items.append(
            (
                shapely.geometry.mapping(point),
                {
                    "adm1_iso": row["adm1_iso"],
                    "displaced_best": best,
                    "summary": label,
                    "_style": style,
                },
            )
        )
    return DataLayer(
        feature_collection(items),
        name,
        style={"color": _COLOR, "fillColor": _COLOR, "weight": 2},
        tooltip_field="summary",
    )


def displacement_legend() -> dict:
    """Legend section for the proportional circles."""
    items = [
        {
            "text": f"{people:,} people",
            "swatch": "rgba(0,114,178,0.35)",
            "round": True,
            "size": 2 * _radius(people),
        }
        for people in (10_000, 100_000)
    ]
    items.append(
        {
            "text": "displacement reported, no figure",
            "swatch": "transparent",
            "round": True,
            "size": 2 * MIN_RADIUS,
        }
    )
    return {"heading": "Displaced (event reports per province)", "items": items}
