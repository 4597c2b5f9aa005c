"""Boxes on the map: title, legend, border-wide totals, all built from JSON data."""

from __future__ import annotations

from bordermap.layers.templating import ENV, SafeMacro

__all__ = ["Box", "Layout", "TimeFilter"]


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
    tolls : dict, optional
        From :func:`bordermap.layers.tolls.toll_view`: the box then shows the
        latest reported totals and their chart first, the sections behind a
        "History" switch.
    """

    _template = ENV.get_template("control.j2")

    def __init__(
        self,
        title: str,
        sections: list[dict],
        *,
        position: str = "bottomleft",
        css_class: str = "",
        tolls: dict | None = None,
    ) -> None:
        super().__init__()
        self._name = "Box"
        self.spec = {
            "title": title,
            "sections": sections,
            "position": position,
            "css_class": css_class,
        }
        if tolls:
            self.spec["tolls"] = tolls


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

    def __init__(
        self, incidents, provinces, displacement, spec: dict, figures=None
    ) -> None:
        super().__init__()
        self._name = "TimeFilter"
        self.incidents = incidents
        self.provinces = provinces
        self.displacement = displacement
        self.figures = figures  # the box of figures on no province: tolls as of
        self.spec = spec


class Layout(SafeMacro):
    """Put the map's boxes in one overlay that adapts to the map's size.

    Added last: it moves the title, the panels and Leaflet's own controls
    (zoom, scale, attribution) into rows and columns that cannot overlap, folds
    the panels behind buttons on a small map, adds the list of incidents, and
    copies the panels marked ``print`` below the map for printing.

    Parameters
    ----------
    title : Box
        Shown at the top at every size.
    markers : MarkerLayer
        The incidents the list shows.
    panels : list of (element or "list", dict)
        Each panel's element (a :class:`Box`, :class:`TimeFilter`, a layer
        control) or ``"list"`` for the list of incidents, and its spec:
        ``key``, ``name`` (its button), ``side`` (``left``/``right``),
        ``shrink`` (its share of a short column's lack of room), ``open`` (on
        a large map), ``print``.
    compact : (int, int)
        Below this width or height (px) the panels fold.
    """

    _template = ENV.get_template("layout.j2")

    def __init__(self, title, markers, panels, *, compact=(900, 620)) -> None:
        super().__init__()
        self._name = "Layout"
        self.title = title
        self.markers = markers
        self.panels = panels
        self.spec = {"compact": list(compact)}
