"""Incident markers: one GeoJSON layer, coloured by event type, popups on demand."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import shapely

from bordermap.layers.datalayer import DataLayer, feature_collection
from bordermap.layers.labels import EVENT_COLORS, EVENT_LABELS, label_of

__all__ = ["incident_features", "incident_layer", "incident_legend"]

_POPUP_FIELDS = [
    ("Date", "date_label"),
    ("Type", "type_label"),
    ("Place", "place_label"),
    ("Killed", "killed_label"),
    ("Wounded", "wounded_label"),
    ("Displaced", "displaced_label"),
    ("Other counts", "other_label"),
    ("Said by", "attribution"),
    ("Source", "source_label"),
    ("All sources", "sources_label"),
]


def _other_label(raw) -> str | None:
    if raw is None or pd.isna(raw):
        return None
    parts = []
    for name, c in sorted(json.loads(raw).items()):
        parts.append(f"{name.replace('_', ' ')}: {label_of(c)}")
    return "; ".join(parts) or None


def _sources_label(raw) -> str | None:
    """Every source of a merged incident with the figures it gave."""
    sources = json.loads(raw) if isinstance(raw, str) else []
    if len(sources) < 2:
        return None
    parts = []
    for src in sources:
        figures = [
            f"{kind} {label_of(src[kind])}"
            for kind in ("killed", "wounded", "displaced")
            if src.get(kind)
        ]
        name = src.get("title") or src.get("article_id")
        when = f", {src['published']}" if src.get("published") else ""
        parts.append(f"{name}{when}: {'; '.join(figures) or 'no figures'}")
    return " | ".join(parts)


def _best(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _aggregation(row: pd.Series) -> dict:
    """Give the page what it needs to re-total provinces for a date range.

    The same rule as :func:`bordermap.geo.aggregate.aggregate_by_province`:
    events (not totals, not planned) located in exactly one province.
    """
    event = row["scope"] == "event" and not bool(row["planned"])
    single = row["adm1_iso"] if event and pd.notna(row["adm1_iso"]) else None
    if single is not None and pd.notna(row["adm1_all"]) and ";" in str(row["adm1_all"]):
        single = None
    return {
        "e": event,
        "adm1": single,
        "k": _best(row["killed_best"]),
        "w": _best(row["wounded_best"]),
        "d": _best(row["displaced_best"]),
        "dr": pd.notna(row["displaced_qualifier"]),
    }


def _properties(row: pd.Series) -> dict:
    date = row["date"].date().isoformat() if pd.notna(row["date"]) else "date unknown"
    if row.get("date_text"):
        date = f"{date} ({row['date_text']})"
    place = row["place"] or row["adm1_name"] or ""
    precision = f"precision: {row['precision']}"
    sources = int(row["n_sources"])
    source = row["title"] or row["source_file"] or row["article_id"]
    if sources > 1:
        source = f"{source} (+{sources - 1} more sources)"
    props = {
        "id": row["id"],
        "event_type": row["event_type"],
        "date": row["date"].date().isoformat() if pd.notna(row["date"]) else None,
        "date_label": date,
        "type_label": EVENT_LABELS.get(row["event_type"], row["event_type"])
        + (" (total)" if row["scope"] == "aggregate" else ""),
        "place_label": f"{place} — {precision}" if place else precision,
        "attribution": row["attribution"],
        "source_label": source,
        "quote": row["quote"],
        "url": row["url"],
        "other_label": _other_label(row["other_counts"]),
        "sources_label": _sources_label(row["sources"]),
        "_agg": _aggregation(row),
        "_style": {
            "color": "#222",
            "fillColor": EVENT_COLORS.get(row["event_type"], "#999"),
            "radius": 6 if row["scope"] == "event" else 8,
        },
    }
    for kind in ("killed", "wounded", "displaced"):
        props[f"{kind}_label"] = label_of(row, f"{kind}_")
    return props


def incident_features(incidents: gpd.GeoDataFrame) -> dict:
    """FeatureCollection of the located incidents, sorted by id.

    Incidents without a point (``border``, ``country``, ``unknown``) are left out:
    they are not drawn on a place they did not happen.
    """
    located = incidents[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    located = located.sort_values("id")
    return feature_collection(
        (shapely.geometry.mapping(geom), _properties(row))
        for geom, (_, row) in zip(located.geometry, located.iterrows(), strict=True)
    )


def incident_layer(incidents: gpd.GeoDataFrame, name: str = "Incidents") -> DataLayer:
    """Build the incident markers as one toggleable layer."""
    return DataLayer(
        incident_features(incidents),
        name,
        style={"weight": 1, "opacity": 0.9, "fillOpacity": 0.85},
        fields=_POPUP_FIELDS,
        title_field="type_label",
        quote_field="quote",
        link_field="url",
        tooltip_field="type_label",
    )


def incident_legend(incidents: gpd.GeoDataFrame) -> dict:
    """Legend section: a swatch per event type present on the map."""
    present = set(incidents.loc[incidents.geometry.notna(), "event_type"])
    items = [
        {"text": label, "swatch": EVENT_COLORS[key], "round": True}
        for key, label in EVENT_LABELS.items()
        if key in present
    ]
    return {"heading": "Incidents (markers)", "items": items}
