"""Province choropleth: killed and wounded (best estimates) per border province."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.layers.datalayer import DataLayer, feature_collection
from bordermap.layers.labels import bounds_label

__all__ = ["CASUALTY_BINS", "CASUALTY_COLORS", "casualty_layer", "casualty_legend"]

#: Class breaks of killed + wounded (best); the first class is "none reported".
CASUALTY_BINS = (1, 2, 5, 10, 25, 50, 100)
CASUALTY_COLORS = (
    "#f7f7f7",
    "#fee5d9",
    "#fcbba1",
    "#fc9272",
    "#fb6a4a",
    "#ef3b2c",
    "#cb181d",
    "#99000d",
)


def _casualties(row: pd.Series) -> int:
    return int(
        sum(0 if pd.isna(row[c]) else row[c] for c in ("killed_best", "wounded_best"))
    )


def _color(value: int) -> str:
    k = sum(value >= b for b in CASUALTY_BINS)
    return CASUALTY_COLORS[k]


def _properties(row: pd.Series) -> dict:
    value = _casualties(row)
    lines = [
        f"{row['adm1_name']} ({row['adm1_iso']})",
        f"incidents: {int(row['incidents'])}",
        "killed: "
        + bounds_label(row["killed_low"], row["killed_best"], row["killed_high"]),
        "wounded: "
        + bounds_label(row["wounded_low"], row["wounded_best"], row["wounded_high"]),
        "displaced: "
        + bounds_label(
            row["displaced_low"], row["displaced_best"], row["displaced_high"]
        ),
    ]
    return {
        "adm1_iso": row["adm1_iso"],
        "name": row["adm1_name"],
        "casualties_best": value,
        "incidents": int(row["incidents"]),
        "summary": " | ".join(lines),
        "_style": {"fillColor": _color(value)},
    }


def casualty_layer(
    provinces: gpd.GeoDataFrame, name: str = "Casualties by province"
) -> DataLayer:
    """Border provinces filled by killed + wounded (best), with a hover summary."""
    rows = provinces.sort_values("adm1_iso")
    return DataLayer(
        feature_collection(
            (shapely.geometry.mapping(geom), _properties(row))
            for geom, (_, row) in zip(rows.geometry, rows.iterrows(), strict=True)
        ),
        name,
        style={"color": "#666", "weight": 1, "fillOpacity": 0.65},
        tooltip_field="summary",
    )


def casualty_legend() -> dict:
    """Legend section for the choropleth classes."""
    items = [{"text": "none reported", "swatch": CASUALTY_COLORS[0]}]
    edges = (*CASUALTY_BINS, None)
    for k, lo in enumerate(CASUALTY_BINS):
        hi = edges[k + 1]
        text = (
            f"{lo}" if hi == lo + 1 else (f"{lo}–{hi - 1}" if hi else f"{lo} or more")
        )
        items.append({"text": text, "swatch": CASUALTY_COLORS[k + 1]})
    items.append(
        {
            "text": "Killed + wounded, best estimates of event reports located in the "
            "province; totals for both sides or the whole border are not here.",
            "note": True,
        }
    )
    return {"heading": "Killed and wounded per province", "items": items}
