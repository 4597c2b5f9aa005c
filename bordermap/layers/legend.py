"""Boxes on the map: title, legend, border-wide totals, all built from JSON data."""

from __future__ import annotations

import folium

from bordermap.layers.templating import ENV

__all__ = ["Box"]


class Box(folium.MacroElement):
    """A Leaflet control showing headed sections of text lines.

    Parameters
    ----------
    title : str
        Heading of the box.
    sections : list of dict
        ``{"heading": str, "items": [{"text": str, "swatch": css colour,
        "round": bool, "size": px, "note": bool}]}``.
    position : str
        Leaflet corner: ``topleft``, ``topright``, ``bottomleft``, ``bottomright``.
    css_class : str
        Extra class on the box (tests and style hooks).
    """

    _template = ENV.get_template("control.j2")

    def __init__(
        self,
        title: str,
        sections: list[dict],
        *,
        position: str = "bottomleft",
        css_class: str = "",
    ) -> None:
        super().__init__()
        self._name = "Box"
        self.spec = {
            "title": title,
            "sections": sections,
            "position": position,
            "css_class": css_class,
        }
