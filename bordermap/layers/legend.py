"""Boxes on the map: title, legend, border-wide totals, all built from JSON data."""

from __future__ import annotations

from bordermap.layers.templating import ENV, SafeMacro

__all__ = ["Box", "TimeFilter"]


class Box(SafeMacro):
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


class TimeFilter(SafeMacro):
    """A date-range control; markers, choropleth and circles follow it.

    Parameters
    ----------
    incidents, provinces, displacement : DataLayer
        The layers it filters and re-styles (already on the map).
    spec : dict
        ``bins``/``colors`` of the choropleth, ``scale``/``min_radius`` of the
        circles, ``min``/``max`` dates, ``position``.
    """

    _template = ENV.get_template("time_filter.j2")

    def __init__(self, incidents, provinces, displacement, spec: dict) -> None:
        super().__init__()
        self._name = "TimeFilter"
        self.incidents = incidents
        self.provinces = provinces
        self.displacement = displacement
        self.spec = spec
