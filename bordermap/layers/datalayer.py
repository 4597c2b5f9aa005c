"""One Leaflet GeoJSON layer built in the browser from JSON data.

Every overlay of the map (incident markers, the province choropleth, the
displacement symbols, the border line) is a :class:`DataLayer`: the features go
into the page once as JSON, styles are computed here in Python and travel as a
``_style`` property, and popups are built on demand with ``textContent``. One
layer object holds any number of features, so a map of tens of thousands of
incidents stays one object and one JSON array.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

# Assets and ensure_assets live in templating (SafeLayer needs them); they stay
# importable from here.
from bordermap.layers.templating import ENV, Assets, SafeLayer, ensure_assets

__all__ = ["Assets", "DataLayer", "ensure_assets", "feature_collection", "round_coords"]

_DIGITS = 5  # about 1 m


def round_coords(geometry: dict) -> dict:
    """GeoJSON geometry with coordinates rounded to 5 decimals."""

    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(float(v), _DIGITS) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _clean(value):
    """JSON-safe property values (no NaN, no numpy types)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if value != value:  # pandas NA / NaT compare unequal
            return None
    except TypeError:
        return None
    return value


def feature_collection(items: Iterable[tuple[dict, dict]]) -> dict:
    """Build a FeatureCollection from ``(geometry mapping, properties)`` pairs."""
    features = []
    for geometry, props in items:
        clean = {k: _clean(v) if k != "_style" else v for k, v in props.items()}
        features.append(
            {"type": "Feature", "geometry": round_coords(geometry), "properties": clean}
        )
    return {"type": "FeatureCollection", "features": features}


class DataLayer(SafeLayer):
    """A toggleable overlay drawn from a GeoJSON FeatureCollection.

    Parameters
    ----------
    data : dict
        FeatureCollection; a ``_style`` property overrides ``style`` per feature.
    name : str
        Name in the layer control.
    style : dict
        Leaflet path options shared by all features.
    fields : list of (label, property), optional
        Rows of the popup; no popup without it.
    title_field, quote_field, link_field, tooltip_field : str, optional
        Properties shown as popup heading, quotation, link (http/https only) and
        hover tooltip.
    show : bool
        Whether the layer is on when the page opens.
    """

    _template = ENV.get_template("data_layer.j2")

    def __init__(
        self,
        data: dict,
        name: str,
        *,
        style: dict | None = None,
        fields: list[tuple[str, str]] | None = None,
        title_field: str | None = None,
        quote_field: str | None = None,
        link_field: str | None = None,
        tooltip_field: str | None = None,
        show: bool = True,
        control: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "DataLayer"
        self.data = data
        self.options = {
            "style": style or {},
            "fields": [list(f) for f in fields] if fields else None,
            "title_field": title_field,
            "quote_field": quote_field,
            "link_field": link_field,
            "tooltip_field": tooltip_field,
        }
