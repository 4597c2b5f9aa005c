"""Assemble the map and write it: HTML that is the same bytes for the same input."""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import ClassVar

import folium
import geopandas as gpd
import pandas as pd
from branca.element import CssLink, JavascriptLink
from markupsafe import Markup

from bordermap.errors import RenderError
from bordermap.geo.tables.map_tables import MapTables
from bordermap.layers.border import background_layer, border_layer
from bordermap.layers.choropleth import (
    CASUALTY_BINS,
    CASUALTY_COLORS,
    casualty_layer,
    casualty_legend,
)
from bordermap.layers.datalayer import DataLayer
from bordermap.layers.displacement import (
    MIN_RADIUS,
    SYMBOL_SCALE,
    displacement_layer,
    displacement_legend,
)
from bordermap.layers.labels import contents_label, label_of
from bordermap.layers.legend import Box, Layout, TimeFilter
from bordermap.layers.markers import MarkerLayer, incident_layer, incident_legend
from bordermap.layers.templating import (
    ENV,
    Assets,
    Raw,
    SafeMacro,
    render_macros,
    stable_ids,
)
from bordermap.layers.tolls import toll_view

__all__ = [
    "BorderMap",
    "build_map",
    "render_fragment",
    "render_html",
    "save_html",
    "write_atomic",
]

_KIND_HEADINGS = {"killed": "Killed", "wounded": "Wounded", "displaced": "Displaced"}


class BorderMap(folium.Map):
    """A :class:`folium.Map` for bordermap pages.

    Its HTML has stable element ids (the same content renders the same bytes,
    in a file and inline in Jupyter), loads Leaflet only (folium's default page
    also loads jQuery, Bootstrap and Font Awesome, which no layer here uses),
    inlines Leaflet when ``offline`` is set, and sets no page-wide styles when
    rendered as an embeddable fragment.
    """

    _template = ENV.get_template("map.j2")
    _id_prefix = "bm"
    default_js: ClassVar[list] = [
        js for js in folium.Map.default_js if js[0] == "leaflet"
    ]
    default_css: ClassVar[list] = [
        css for css in folium.Map.default_css if css[0] == "leaflet_css"
    ]

    def __init__(self, *, offline: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.offline = offline
        self.full_page = True
        self.css_height = "100%"
        self.map_options = {
            "center": self.location,
            "zoom": kwargs.get("zoom_start", 7),
            "zoomControl": True,
            "attributionControl": True,
        }

    def render(self, **kwargs) -> None:
        """Render; offline, Leaflet goes into the page instead of two links."""
        if self.offline:
            figure = self.get_root()
            leaflet = InlineLeaflet()
            header = leaflet._template.module.__dict__["header"](leaflet, kwargs)
            figure.header.add_child(Raw(header), name="leaflet")
            self.default_js, self.default_css = [], []
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        render_macros(self, kwargs)

    def _repr_html_(self, **kwargs) -> str:
        with stable_ids(self._id_prefix + "r"):
            return super()._repr_html_(**kwargs)


class InlineLeaflet(SafeMacro):
    """Leaflet's script and stylesheet, from the xstatic-leaflet package, inline.

    The stylesheet's images become data URIs, so the page makes no request.
    """

    _template = ENV.get_template("inline_leaflet.j2")

    def __init__(self) -> None:
        super().__init__()
        self._name = "InlineLeaflet"
        self.css, self.js = _leaflet_files()


@functools.cache
def _leaflet_files() -> tuple[Markup, Markup]:
    import xstatic.pkg.leaflet as leaflet

    base = Path(leaflet.BASE_DIR)

    def data_uri(match: re.Match) -> str:
        image = (base / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode('ascii')})"

    css = re.sub(
        r"url\((images/[\w.-]+\.png)\)",
        data_uri,
        (base / "leaflet.css").read_text("utf-8"),
    )
    # no "</" may end the inline script early
    js = (base / "leaflet.js").read_text("utf-8").replace("</", "<\\/")
    return Markup(css.replace("</", "<\\/")), Markup(js)


def render_html(m: folium.Map) -> str:
    """Render the full HTML page of a map.

    Parameters
    ----------
    m : folium.Map

    Returns
    -------
    str
    """
    prefix = getattr(m, "_id_prefix", "bm") + "r"
    with stable_ids(prefix):
        return m.get_root().render()


def render_fragment(m: BorderMap, height: str = "min(600px, 100vh)") -> str:
    """Render the map as a fragment to paste into a report page.

    A ``<div>`` holding the map's styles, the map element and its scripts,
    with no page-wide styles; every id carries the map's own prefix (derived
    from its content), so two fragments on one page do not collide.

    Parameters
    ----------
    m : BorderMap
    height : str
        CSS height of the map (the fragment is as wide as its container); by
        default 600 px, or the window's height when that is less (an iframe
        of a report).

    Returns
    -------
    str
    """
    if not isinstance(m, BorderMap):
        raise RenderError(
            "only maps made by bordermap.make_map can be rendered as a fragment"
        )
    m.full_page, m.css_height = False, height
    try:
        with stable_ids(m._id_prefix + "r"):
            figure = m.get_root()
            figure.render()
            parts = [
                "\n".join(
                    child.render()
                    for name, child in figure.header._children.items()
                    if name != "meta_http"
                ),
                figure.html.render(),
                "<script>\n" + figure.script.render() + "\n</script>",
            ]
    finally:
        m.full_page, m.css_height = True, "100%"
    body = "\n".join(p for p in parts if p.strip())
    return ENV.get_template("fragment.j2").render(
        map_id=m.get_name(), body=Markup(body)
    )


def save_html(m: folium.Map, path: str | os.PathLike) -> Path:
    """Write the map's HTML atomically (temporary file, then rename).

    Parameters
    ----------
    m : folium.Map
    path : str or path-like

    Returns
    -------
    pathlib.Path

    Raises
    ------
    RenderError
        If the directory does not exist or cannot be written; an existing file
        is left as it was.
    """
    return write_atomic(path, render_html(m).encode("utf-8"))


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write bytes to ``path`` through a temporary file in the same directory."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise RenderError(
            f"{folder}: no such directory; create it or choose another -o path"
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RenderError(
            f"{folder}: cannot write here ({exc.strerror}); choose another -o path"
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise RenderError(
            f"{target}: cannot write ({exc.strerror}); choose another -o path"
        ) from None
    except BaseException:  # interrupted: the old file stays, the temporary goes
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _side(code) -> str:
    if code is None or pd.isna(code):
        return "side not stated"
    return "both sides" if code == "both" else f"victims: {code}"


def totals_box(
    totals: pd.DataFrame, limit: int = 500, tolls: dict | None = None
) -> Box:
    """Build the box of figures that belong to no province (border-wide, unplaced).

    Each kind lists its first ``limit`` figures (reported totals first, then the
    largest) and says how many more there are: a coded dataset can put
    thousands of events on no province.
    """
    sections = []
    for kind, heading in _KIND_HEADINGS.items():
        rows = totals[totals["kind"] == kind]
        if rows.empty:
            continue
        items = []
        for _, row in rows.head(limit).iterrows():
            label = label_of(row)
            scope = "reported total" if row["scope"] == "aggregate" else "single event"
            items.append(
                {
                    "text": f"{label}: {scope}, {row['where']}, "
                    f"{_side(row['country_iso3'])}"
                }
            )
            source = (
                f" ({row['title']})" if row["title"] and pd.notna(row["title"]) else ""
            )
            if row["quote"] and pd.notna(row["quote"]):
                items.append({"text": f"“{row['quote']}”{source}", "note": True})
        if len(rows) > limit:
            more = len(rows) - limit
            items.append(
                {
                    "text": f"… and {more:,} more {kind} figures on no province, "
                    "not shown here (bordermap extract lists them all).",
                    "note": True,
                }
            )
        sections.append({"heading": heading, "items": items})
    if not sections:
        sections = [
            {"items": [{"text": "No border-wide or unplaced figures.", "note": True}]}
        ]
    sections.append(
        {
            "items": [
                {
                    "text": "Reported totals are listed, not added up: they "
                    "overlap each other and the provinces' figures.",
                    "note": True,
                }
            ]
        }
    )
    return Box(
        "Not on any province",
        sections,
        position="bottomright",
        css_class="bm-totals",
        tolls=tolls,
    )


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
    return h.hexdigest()[:8]


def build_map(
    tables: MapTables,
    *,
    tiles: str | None = "OpenStreetMap",
    offline: bool = False,
) -> BorderMap:
    """Assemble the map: choropleth, displacement, border, markers, legend, boxes.

    Parameters
    ----------
    tables : MapTables
        What to draw (:func:`bordermap.geo.tables.map_tables.map_tables`): the
        incidents, per-province totals, the figures on no province, the
        reported tolls, the border line, the background polygons (drawn
        offline, or online when given), the title and the attributions.
    tiles : str or None
        Web basemap name (folium/xyzservices); ``None`` for no basemap.
    offline : bool
        Inline Leaflet and draw the background instead of web tiles: the page
        makes no network request.

    Returns
    -------
    BorderMap
    """
    incidents, provinces, title = tables.incidents, tables.provinces, tables.title
    background = tables.background
    if provinces.empty:
        raise RenderError(
            "no provinces to draw; check the boundaries and countries given"
        )
    markers = incident_layer(incidents)
    prefix = "bm" + _digest(markers.data, list(provinces["adm1_iso"]), title)
    # element ids come from one sequence: the order of construction is part of
    # the output, so the layers and boxes are made in the order they are added
    with stable_ids(prefix):
        m = _base_map(provinces, prefix, tiles=tiles, offline=offline)
        Assets(tables.attributions).add_to(m)
        if background is not None and (offline or tiles is None):
            background_layer(background).add_to(m)
        casualties = casualty_layer(provinces).add_to(m)
        displacement = displacement_layer(provinces).add_to(m)
        border_layer(tables.border).add_to(m)
        markers._id = markers._generate_id()  # an id from this map's sequence
        markers.add_to(m)
        heading = _title_box(title, incidents).add_to(m)
        legend = _legend_box(incidents).add_to(m)
        figures = totals_box(tables.totals, tolls=toll_view(tables.tolls))
        figures.add_to(m)
        dates = _time_filter(markers, casualties, displacement, incidents)
        dates.figures = figures
        dates.add_to(m)
        switcher = folium.LayerControl(collapsed=False).add_to(m)
        Layout(
            heading,
            markers,
            [
                (legend, _panel("legend", "Legend", "right", 1, open=True, print=True)),
                (dates, _panel("dates", "Dates", "left", 0, open=True)),
                (switcher, _panel("layers", "Layers", "right", 0, open=True)),
                (figures, _panel("totals", "Not on a province", "right", 4,
                                 open=True, print=True)),
                ("list", _panel("list", "List", "left", 1)),
            ],
        ).add_to(m)  # fmt: skip
    return m


def _panel(
    key: str, name: str, side: str, shrink: int, *, open=False, print=False
) -> dict:
    """Describe a panel for :class:`~bordermap.layers.legend.Layout`.

    ``shrink`` is how much of a short column's lack of room the panel takes
    (0: never shrinks); ``open``: open on a large map; ``print``: printed.
    """
    return {
        "key": key,
        "name": name,
        "side": side,
        "shrink": shrink,
        "open": open,
        "print": print,
    }


def _base_map(
    provinces: gpd.GeoDataFrame, prefix: str, *, tiles: str | None, offline: bool
) -> BorderMap:
    """Make the empty map, framed on the border provinces.

    Parameters
    ----------
    provinces : geopandas.GeoDataFrame
        With a ``border`` flag; all provinces frame the map when none is flagged.
    prefix : str
        The map's id prefix (see :func:`bordermap.layers.templating.stable_ids`).
    tiles : str or None
        Web basemap name; not used offline.
    offline : bool

    Returns
    -------
    BorderMap
    """
    minx, miny, maxx, maxy = (
        provinces.loc[provinces["border"].astype(bool)].total_bounds
        if provinces["border"].any()
        else provinces.total_bounds
    )
    m = BorderMap(
        location=[round((miny + maxy) / 2, 4), round((minx + maxx) / 2, 4)],
        zoom_start=7,
        tiles=None if offline else tiles,
        control_scale=True,
        offline=offline,
    )
    m._id_prefix = prefix
    m.fit_bounds([[round(miny, 4), round(minx, 4)], [round(maxy, 4), round(maxx, 4)]])
    return m


def _title_box(title: str, incidents: gpd.GeoDataFrame) -> Box:
    """Build the title box: the title and how many incidents are on the map.

    Parameters
    ----------
    title : str
    incidents : geopandas.GeoDataFrame
        All incidents, located or not.

    Returns
    -------
    Box
    """
    located = int((incidents.geometry.notna() & ~incidents.geometry.is_empty).sum())
    subtitle = (
        f"{contents_label(incidents)}; {located:,} located on the map, "
        f"{len(incidents) - located:,} border-wide or unplaced."
    )
    return Box(
        title,
        [{"items": [{"text": subtitle, "note": True}]}],
        position="topleft",
        css_class="bm-title",
    )


def _legend_box(incidents: gpd.GeoDataFrame) -> Box:
    """Build the legend: event types on the map, casualty classes, displaced, border.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame

    Returns
    -------
    Box
    """
    return Box(
        "Legend",
        [
            incident_legend(incidents),
            casualty_legend(),
            displacement_legend(),
            {
                "heading": "Border",
                "items": [{"text": "International border (dashed)", "swatch": "#111"}],
            },
        ],
        position="bottomleft",
        css_class="bm-legend",
    )


def _time_filter(
    markers: MarkerLayer,
    casualties: DataLayer,
    displacement: DataLayer,
    incidents: gpd.GeoDataFrame,
) -> TimeFilter:
    """Build the date filter that redraws the three layers for a span of days.

    Parameters
    ----------
    markers : MarkerLayer
    casualties, displacement : DataLayer
        The province layers it recomputes in the browser.
    incidents : geopandas.GeoDataFrame
        Their dates give the filter's range.

    Returns
    -------
    TimeFilter
    """
    dates = incidents["date"].dropna()
    return TimeFilter(
        markers,
        casualties,
        displacement,
        {
            "bins": list(CASUALTY_BINS),
            "colors": list(CASUALTY_COLORS),
            "scale": SYMBOL_SCALE,
            "min_radius": MIN_RADIUS,
            "min": dates.min().date().isoformat() if len(dates) else None,
            "max": dates.max().date().isoformat() if len(dates) else None,
            "position": "topleft",
        },
    )
