"""Coded events as the incidents frame: ``extract``'s columns, built per column.

A reader of a coded dataset (:mod:`~bordermap.geo.datasets.ucdp`,
:mod:`~bordermap.geo.datasets.acled`, :mod:`~bordermap.geo.datasets.gdelt`) turns
its table into :class:`Columns`: one array per column of
:func:`bordermap.geo.frames.incidents_frame`, plus the dataset's own columns.
:func:`events_frame` checks the rows (coordinates on the earth, a date) and makes
the GeoDataFrame without a Python object per row, so a million events take
seconds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from bordermap.geo.frames import frame_columns

__all__ = ["Columns", "counts_columns", "events_frame", "events_only", "point_xy"]

logger = logging.getLogger(__name__)

_CRS = "EPSG:4326"
_LOCATED = ("site", "admin2", "admin1")
_COUNT_BOUNDS = ("low", "best", "high")


@dataclass
class Columns:
    """A coded table as bordermap columns, before the rows are checked.

    ``values`` holds arrays (or scalars, repeated) for any column of the
    incidents frame; ``native`` the dataset's own columns kept beside them
    (named ``<dataset>_<column>``). ``lon``/``lat`` are float arrays (NaN: none),
    ``date`` and ``date_end`` datetime64 arrays (NaT: none).
    """

    dataset: str  # "UCDP GED", "ACLED", "GDELT"
    source: str  # the file, for messages
    native_id: pd.Series
    values: dict[str, object] = field(default_factory=dict)
    native: dict[str, object] = field(default_factory=dict)
    lon: np.ndarray | None = None
    lat: np.ndarray | None = None
    date: pd.Series | None = None
    date_end: pd.Series | None = None


def counts_columns(
    kind: str, low, best, high, qualifier, group: object = None
) -> dict[str, object]:
    """Make the ``<kind>_*`` columns of one count kind from whole arrays.

    A row whose ``best`` is missing has no count at all (every column empty).

    Examples
    --------
    >>> cols = counts_columns("killed", [3, None], [3, None], [3, None], "exact")
    >>> cols["killed_best"].tolist(), cols["killed_qualifier"].tolist()
    ([3, <NA>], ['exact', None])
    """
    best = pd.array(pd.Series(best, dtype="Float64").round(), dtype="Int64")
    has = ~np.asarray(best.isna())
    out: dict[str, object] = {f"{kind}_best": best}
    for name, values in (("low", low), ("high", high)):
        if values is None:  # a bound the dataset never gives
            values = np.full(len(best), np.nan)
        arr = pd.array(pd.Series(values, dtype="Float64").round(), dtype="Int64")
        arr[~has] = pd.NA
        out[f"{kind}_{name}"] = arr
    qualifier = np.broadcast_to(np.asarray(qualifier, dtype=object), has.shape)
    out[f"{kind}_qualifier"] = np.where(has, qualifier, None)
    out[f"{kind}_stated"] = np.where(has, best.astype(str), None)
    if group is not None:
        group = np.broadcast_to(np.asarray(group, dtype=object), has.shape)
        out[f"{kind}_victims_group"] = np.where(has, group, None)
    return out


def _valid_rows(cols: Columns, precision: np.ndarray) -> np.ndarray:
    """Rows to keep: a date, and coordinates on the earth where they are needed."""
    n = len(cols.native_id)
    dated = np.asarray(pd.notna(cols.date)) if cols.date is not None else np.zeros(n)
    lon = cols.lon if cols.lon is not None else np.full(n, np.nan)
    lat = cols.lat if cols.lat is not None else np.full(n, np.nan)
    on_earth = (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    needs_point = np.isin(precision, _LOCATED)
    keep = dated.astype(bool) & (on_earth | ~needs_point)
    bad_place = int((~on_earth & needs_point).sum())
    undated = int((~dated.astype(bool)).sum())
    if bad_place or undated:
        logger.warning(
            "%s: %s row(s) skipped: %d without a readable date, %d with coordinates "
            "that are not on the earth",
            cols.source,
            f"{int((~keep).sum()):,}",
            undated,
            bad_place,
        )
    return keep


def _range_text(start: pd.Series, end: pd.Series) -> np.ndarray:
    """``"2009-08-07 to 2009-09-10"`` where an event spans days, else empty."""
    start, end = pd.Series(start), pd.Series(end)
    spans = (end > start).to_numpy(dtype=bool)
    text = start.dt.strftime("%Y-%m-%d") + " to " + end.dt.strftime("%Y-%m-%d")
    return np.where(spans, text.to_numpy(dtype=object), None)


def _template(n: int) -> dict[str, object]:
    """Every incidents-frame column, empty, for ``n`` rows."""
    out: dict[str, object] = {}
    for name, dtype in frame_columns().items():
        if dtype == "Int64":
            out[name] = pd.array(np.full(n, pd.NA), dtype="Int64")
        else:
            out[name] = np.full(n, None, dtype=object)
    return out


def events_frame(cols: Columns) -> gpd.GeoDataFrame:
    """Check a coded table's rows and make the incidents GeoDataFrame.

    Rows without a date, or located (site, district, province) at coordinates
    that are not on the earth, are dropped with one warning that counts them.
    Coded events are events (``scope`` "event"), each its own source.

    Parameters
    ----------
    cols : Columns

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :func:`bordermap.geo.frames.incidents_frame`, then
        ``dataset``, ``native_id``, ``date_end`` and the dataset's own columns;
        a point for site, district and province precision, none otherwise.
        Rows in the file's order.

    Examples
    --------
    >>> import pandas as pd, numpy as np
    >>> cols = Columns("UCDP GED", "x.csv", pd.Series(["7"]),
    ...     values={"id": np.array(["ucdp-7"]), "precision": np.array(["site"])},
    ...     lon=np.array([104.9]), lat=np.array([11.5]),
    ...     date=pd.Series(pd.to_datetime(["2020-01-02"])))
    >>> frame = events_frame(cols)
    >>> frame[["id", "scope", "native_id"]].values.tolist()
    [['ucdp-7', 'event', '7']]
    """
    n = len(cols.native_id)
    data = _template(n)
    for name, values in cols.values.items():
        data[name] = values if not np.isscalar(values) else np.full(n, values)
    precision = np.asarray(data["precision"], dtype=object)
    keep = _valid_rows(cols, precision)
    data["scope"] = np.full(n, "event", dtype=object)
    data["planned"] = np.zeros(n, dtype=bool)
    data["n_sources"] = np.ones(n, dtype=np.int64)
    data["date"] = pd.to_datetime(cols.date)
    data["dataset"] = np.full(n, cols.dataset, dtype=object)
    data["native_id"] = cols.native_id.astype(str).to_numpy(dtype=object)
    end = cols.date_end if cols.date_end is not None else cols.date
    data["date_end"] = pd.to_datetime(end)
    if "date_text" not in cols.values:
        data["date_text"] = _range_text(data["date"], data["date_end"])
    data.update(cols.native)
    frame = pd.DataFrame(
        {k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in data.items()}
    )
    frame["article_id"] = frame["article_id"].fillna(frame["id"])
    points = np.full(n, None, dtype=object)
    located = np.isin(precision, _LOCATED) & keep
    if located.any():
        points[located] = shapely.points(cols.lon[located], cols.lat[located])
    frame = frame.loc[keep].reset_index(drop=True)
    geometry = gpd.GeoSeries(points[keep], crs=_CRS)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=_CRS)


def events_only(incidents: pd.DataFrame, standard: str) -> pd.DataFrame:
    """Drop running totals and planned events: a standard of events holds neither.

    A warning counts them and says which output keeps them.
    """
    keep = (incidents["scope"] == "event") & ~incidents["planned"].astype(bool)
    if (~keep).any():
        logger.warning(
            "%d running total(s) or planned event(s) not written to %s: they are "
            "not events (--format jsonl, csv or gpkg keeps them)",
            int((~keep).sum()),
            standard,
        )
    return incidents.loc[keep]


def point_xy(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude of each row's point (NaN where it has none)."""
    geoms = frame.geometry.values
    return shapely.get_x(geoms), shapely.get_y(geoms)
