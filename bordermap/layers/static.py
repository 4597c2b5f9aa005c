"""Static maps for reports: PNG, SVG and PDF through GeoPandas and matplotlib.

The same overlays as the HTML map (province casualty classes, displacement
circles, the border, incident points by event type), with the legend, the
figures that belong to no province and the data attributions. Output is the
same bytes for the same input: no creation dates, fixed SVG ids.
"""

from __future__ import annotations

import functools
import io
import math
import os
import textwrap
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import matplotlib
import matplotlib.dates
import pandas as pd
import shapely
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bordermap.errors import RenderError
from bordermap.geo.tables.map_tables import MapTables
from bordermap.layers.choropleth import CASUALTY_BINS, CASUALTY_COLORS
from bordermap.layers.displacement import MIN_RADIUS, SYMBOL_SCALE
from bordermap.layers.labels import EVENT_COLORS, EVENT_LABELS, contents_label, label_of
from bordermap.layers.tolls import KIND_COLORS

__all__ = ["STATIC_FORMATS", "render_static", "save_static"]

STATIC_FORMATS = ("png", "svg", "pdf")
_LINESTYLES = ("-", "--", ":", "-.")
_SHOWN = 6  # claimants' latest figures on the image (the page lists all)
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


#: Fonts shipped beside the data (Noto Sans Thai, SIL OFL 1.1: data/fonts/OFL.txt).
_FONTS = Path(__file__).resolve().parents[1] / "data" / "fonts"
#: The page's fonts in order: matplotlib's DejaVu Sans draws Latin and Cyrillic,
#: Noto Sans Thai the Thai letters it lacks (matplotlib falls back glyph by glyph).
FONT_FAMILY = ("DejaVu Sans", "Noto Sans Thai")


@functools.cache
def _add_fonts() -> None:
    for path in sorted(_FONTS.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))


def _plain(text: object) -> str:
    """Text as matplotlib should print it: no mathtext from ``$`` in article text."""
    return str(text).replace("\\", "\\\\").replace("$", r"\$")


def _class(value) -> str:
    v = 0 if value is None or pd.isna(value) else value
    return CASUALTY_COLORS[sum(v >= b for b in CASUALTY_BINS)]


def _totals_lines(totals: pd.DataFrame, limit: int = 8) -> list[str]:
    lines = []
    for _, row in totals.head(limit).iterrows():
        scope = "reported total" if row["scope"] == "aggregate" else "event"
        side = (
            row["country_iso3"] if isinstance(row["country_iso3"], str) else "side n/s"
        )
        lines.append(
            f"{row['kind']}: {label_of(row)} — {scope}, {row['where']}, {side}"
        )
    if len(totals) > limit:
        lines.append(f"… and {len(totals) - limit:,} more (see the HTML map)")
    return lines or ["none"]


def render_static(tables: MapTables, *, fmt: str = "png", dpi: int = 150) -> bytes:
    """Draw the map with matplotlib and return the image file's bytes.

    Parameters
    ----------
    tables : MapTables
        What to draw, as for :func:`bordermap.layers.render.build_map`; the
        background polygons are drawn underneath.
    fmt : {"png", "svg", "pdf"}
    dpi : int
        Resolution of PNG output.

    Returns
    -------
    bytes
    """
    if fmt not in STATIC_FORMATS:
        raise RenderError(f"format {fmt!r}: choose one of {', '.join(STATIC_FORMATS)}")
    _add_fonts()
    with matplotlib.rc_context({"font.family": list(FONT_FAMILY)}):
        return _draw_page(tables, fmt, dpi)


def _draw_page(tables: MapTables, fmt: str, dpi: int) -> bytes:
    """Draw every layer and caption of the page, in the page's fonts."""
    incidents, provinces = tables.incidents, tables.provinces
    fig, ax = _map_axes(provinces, dpi)
    # drawn bottom to top: the order of the calls is the order of the layers
    _draw_background(ax, tables.background)
    _draw_casualties(ax, provinces)
    tables.border.plot(ax=ax, color="#111", linewidth=1.6, linestyle=(0, (4, 3)))
    _draw_displacement(ax, provinces)
    located = _located(incidents)
    _draw_incidents(ax, located)
    _draw_legend(fig, _legend_handles(set(located["event_type"])))
    _draw_totals(fig, tables)
    _draw_captions(fig, tables.title, incidents, len(located), tables.attributions)
    return _image_bytes(fig, fmt)


def _map_axes(provinces: gpd.GeoDataFrame, dpi: int) -> tuple[Figure, Axes]:
    """Make the page and the map's axes, framed on the border provinces.

    Parameters
    ----------
    provinces : geopandas.GeoDataFrame
        With a ``border`` flag; all provinces frame the map when none is flagged.
    dpi : int

    Returns
    -------
    tuple of matplotlib.figure.Figure and matplotlib.axes.Axes
    """
    border_rows = provinces[provinces["border"].astype(bool)]
    minx, miny, maxx, maxy = (
        border_rows if len(border_rows) else provinces
    ).total_bounds
    pad = 0.08 * max(maxx - minx, maxy - miny)
    fig = Figure(figsize=(11, 8.5), dpi=dpi)
    ax = fig.add_axes((0.01, 0.06, 0.6, 0.84))
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)))
    ax.set_axis_off()
    return fig, ax


def _draw_background(ax: Axes, background: gpd.GeoDataFrame | None) -> None:
    """Draw the context polygons (admin-1 units lighter than countries), if any.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    background : geopandas.GeoDataFrame or None
        Polygons with a ``kind`` column (``"admin1"`` or ``"country"``).
    """
    if background is not None and len(background):
        colours = background["kind"].map({"admin1": "#f4f1ea"}).fillna("#e4e1da")
        background.plot(ax=ax, color=colours, edgecolor="#b5ab9a", linewidth=0.3)


def _draw_casualties(ax: Axes, provinces: gpd.GeoDataFrame) -> None:
    """Fill each province with the class of its killed + wounded.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    provinces : geopandas.GeoDataFrame
        With ``killed_best`` and ``wounded_best``.
    """
    casualties = provinces["killed_best"].fillna(0) + provinces["wounded_best"].fillna(
        0
    )
    provinces.plot(
        ax=ax,
        color=[_class(v) for v in casualties],
        edgecolor="#666",
        linewidth=0.5,
        alpha=0.85,
    )


def _draw_displacement(ax: Axes, provinces: gpd.GeoDataFrame) -> None:
    """Draw a circle (area by people) on each province with displacement reports.

    A report without a figure is a hollow circle of the smallest size.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    provinces : geopandas.GeoDataFrame
        With ``displaced_reports`` and ``displaced_best``.
    """
    moved = provinces[provinces["displaced_reports"] > 0]
    if not len(moved):
        return
    points = shapely.point_on_surface(moved.geometry.values)
    people = moved["displaced_best"].fillna(0).astype(float)
    radius = [
        max(MIN_RADIUS, SYMBOL_SCALE * math.sqrt(p)) if p else MIN_RADIUS
        for p in people
    ]
    ax.scatter(
        shapely.get_x(points),
        shapely.get_y(points),
        s=[(2 * r) ** 2 for r in radius],
        facecolors=[(0, 0.447, 0.698, 0.35) if p else "none" for p in people],
        edgecolors="#0072B2",
        linewidths=1.2,
        zorder=3,
    )


def _located(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Incidents that have a point, sorted by id.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame

    Returns
    -------
    geopandas.GeoDataFrame
    """
    located = incidents[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    return located.sort_values("id")


def _draw_incidents(ax: Axes, located: gpd.GeoDataFrame) -> None:
    """Draw the located incidents as dots coloured by event type.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    located : geopandas.GeoDataFrame
        Incidents with a point, from :func:`_located`.
    """
    if len(located):
        ax.scatter(
            located.geometry.x,
            located.geometry.y,
            s=36,
            zorder=4,
            c=[EVENT_COLORS.get(t, "#999") for t in located["event_type"]],
            edgecolors="#222",
            linewidths=0.6,
        )


def _legend_handles(event_types: set) -> list:
    """Legend entries: event types on the map, casualty classes, displaced, border.

    Parameters
    ----------
    event_types : set of str
        Event types of the located incidents; only these get an entry.

    Returns
    -------
    list of matplotlib artists
    """
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=6,
            markerfacecolor=EVENT_COLORS[k],
            markeredgecolor="#222",
            label=EVENT_LABELS[k],
        )
        for k in EVENT_LABELS
        if k in event_types
    ]
    handles.extend(_casualty_handles())
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=12,
            markerfacecolor=(0, 0.447, 0.698, 0.35),
            markeredgecolor="#0072B2",
            label="displaced (area ∝ people; hollow: no figure)",
        )
    )
    handles.append(
        Line2D(
            [], [], color="#111", linestyle=(0, (4, 3)), label="international border"
        )
    )
    return handles


def _casualty_handles() -> list[Patch]:
    """Legend entries of the casualty classes, from none reported to the top bin.

    Returns
    -------
    list of matplotlib.patches.Patch
    """
    edges = (*CASUALTY_BINS, None)
    handles = [
        Patch(
            facecolor=CASUALTY_COLORS[0],
            edgecolor="#666",
            label="killed + wounded: none reported",
        )
    ]
    for k, lo in enumerate(CASUALTY_BINS):
        hi = edges[k + 1]
        span = (
            f"{lo}" if hi == lo + 1 else (f"{lo}–{hi - 1}" if hi else f"{lo} or more")
        )
        handles.append(
            Patch(
                facecolor=CASUALTY_COLORS[k + 1],
                edgecolor="#666",
                label=f"killed + wounded: {span}",
            )
        )
    return handles


def _draw_legend(fig: Figure, handles: list) -> None:
    """Put the legend to the right of the map.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    handles : list of matplotlib artists
        From :func:`_legend_handles`.
    """
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.63, 0.9),
        fontsize=7,
        frameon=False,
        title="Legend",
        title_fontsize=8,
        alignment="left",
    )


def _draw_totals(fig: Figure, tables: MapTables) -> None:
    """Show the figures that belong to no province below the legend.

    With reported totals, the latest of each kind x side x claimant and a
    chart of how they grew (the page's default view); else the list.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    tables : MapTables
        Its ``totals``, ``tolls`` and ``latest``.
    """
    totals, history, latest = tables.totals, tables.tolls, tables.latest
    top = 0.36
    if history.empty:
        heading = "Not on any province (listed, not added up)"
        wrapped = [w for t in _totals_lines(totals) for w in textwrap.wrap(t, 62)]
    else:
        # the legend ends near 0.58: the latest figures, then their chart
        top = 0.56
        heading = "Not on any province: latest reported totals (not added up)"
        lines = _toll_lines(latest, len(totals) - len(history))
        wrapped = [w for t in lines for w in textwrap.wrap(t, 62)]
        if len(wrapped) > 14:
            wrapped = [*wrapped[:13], "… (the HTML map lists them all)"]
        shown = latest.head(_SHOWN)[["kind", "side", "claimant_key"]]
        _draw_toll_chart(
            fig.add_axes((0.675, 0.2, 0.3, 0.11)), history.merge(shown, how="inner")
        )
    fig.text(0.635, top, heading, fontsize=8, weight="bold", va="top")
    fig.text(
        0.635,
        top - 0.025,
        "\n".join(_plain(w) for w in wrapped),
        fontsize=6.5,
        va="top",
        linespacing=1.4,
    )


def _toll_lines(latest: pd.DataFrame, others: int, limit: int = _SHOWN) -> list[str]:
    """One line per claimant's newest figure, then the ranges across claimants."""
    lines = []
    for row in latest.head(limit).itertuples():
        when = f"as of {row.as_of.date()}; " if pd.notna(row.as_of) else ""
        reports = f"{row.reports} report" + ("s" if row.reports != 1 else "")
        who = f"{row.kind.capitalize()} · {row.side_label} · {row.claimant_label}"
        figure = label_of(row._asdict(), "").split(" (low ")[0]
        lines.append(f"{who}: {figure} ({when}{reports})")
    if len(latest) > limit:
        lines.append(f"… and {len(latest) - limit} more claimants (see the HTML map)")
    for (kind, _), group in latest.groupby(["kind", "side"], sort=True):
        if group["best"].notna().sum() > 1:
            lines.append(
                f"Range, {kind}, {group['side_label'].iloc[0]}: "
                f"{group['best'].min():,} … "
                f"{group['best'].max():,} across {len(group)} claimants"
            )
    if others > 0:
        lines.append(f"{others:,} other figures on no province: see the HTML map")
    return lines


def _draw_toll_chart(ax: Axes, history: pd.DataFrame) -> None:
    """Each claimant's running total over time: a step line per kind, side, claimant."""
    dated = history[history["as_of"].notna() & history["best"].fillna(0).gt(0)]
    # the page's order of groups (kind, side, claimant), so the dashes match
    kinds = {k: i for i, k in enumerate(KIND_COLORS)}
    groups = sorted(
        dated.groupby(["kind", "side", "claimant_key"], sort=False),
        key=lambda item: (kinds[item[0][0]], item[0][1], item[0][2]),
    )
    for i, ((kind, _, _), rows) in enumerate(groups):
        ax.step(
            rows["as_of"].to_numpy(),
            rows["best"].astype(float).to_numpy(),
            where="post",
            color=KIND_COLORS[kind],
            linestyle=_LINESTYLES[i % len(_LINESTYLES)],
            linewidth=1.2,
            label=_plain(
                f"{kind} · {rows['side_label'].iloc[0]} · "
                f"{rows['claimant_label'].iloc[0]}"
            ),
        )
    locator = matplotlib.dates.AutoDateLocator(maxticks=4)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
    ax.tick_params(labelsize=5.5)
    # killed in tens and displaced in hundreds of thousands: a log scale shows both
    ax.set_yscale("log")
    ax.set_title("Reported totals over time (log scale)", fontsize=6.5, loc="left")
    ax.legend(
        fontsize=5, loc="upper left", bbox_to_anchor=(-0.12, -0.22), frameon=False
    )
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)


def _draw_captions(
    fig: Figure,
    title: str,
    incidents: gpd.GeoDataFrame,
    n_located: int,
    attributions: Sequence[str],
) -> None:
    """Write the title, the count of incidents under it and the attributions.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    title : str
    incidents : geopandas.GeoDataFrame
        All incidents, located or not.
    n_located : int
        How many of them are drawn on the map.
    attributions : sequence of str
    """
    fig.text(0.01, 0.965, _plain(title), fontsize=14, weight="bold", va="top")
    fig.text(
        0.01,
        0.928,
        f"{contents_label(incidents)}; {n_located:,} located on the map, "
        f"{len(incidents) - n_located:,} border-wide or unplaced.",
        fontsize=8,
        va="top",
        color="#444",
    )
    fig.text(
        0.01,
        0.015,
        _plain(" · ".join(attributions)),
        fontsize=5.5,
        color="#555",
        wrap=True,
    )


def _image_bytes(fig: Figure, fmt: str) -> bytes:
    """Save the figure as ``fmt`` with no dates or random ids; return the bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    fmt : {"png", "svg", "pdf"}

    Returns
    -------
    bytes
    """
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "bordermap", "svg.fonttype": "path"}):
        fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt])
    return buffer.getvalue()


def save_static(path: str | os.PathLike, *args, **kwargs) -> Path:
    """Write a static map; the format follows the file extension.

    Takes the arguments of :func:`render_static` after ``path``; the file is
    written atomically.
    """
    from bordermap.layers.render import write_atomic

    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in STATIC_FORMATS:
        raise RenderError(f"{path}: a static map is .png, .svg or .pdf")
    return write_atomic(path, render_static(*args, fmt=fmt, **kwargs))
