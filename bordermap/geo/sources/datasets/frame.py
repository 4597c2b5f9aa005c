"""Coded events as the incidents frame: ``extract``'s columns, built per column.

A reader of a coded dataset (``ucdp.py``, ``acled.py``, ``gdelt.py``) turns
its table into :class:`Columns`: one array per column of
:func:`bordermap.geo.tables.frames.incidents_frame`, plus the dataset's own
columns.
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
import pyarrow as pa
import shapely

from bordermap.geo.tables.frames import frame_columns

__all__ = [
    "Columns",
    "counts_columns",
    "events_frame",
    "events_only",
    "labels",
    "point_xy",
    "recode",
    "text_column",
]

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


def _integers(values, n: int) -> pd.arrays.IntegerArray:
    """Nullable integers from numbers (NaN or None: missing), rounded."""
    if values is None:  # a bound the dataset never gives
        return pd.arrays.IntegerArray(np.zeros(n, np.int64), np.ones(n, dtype=bool))
    floats = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    missing = np.isnan(floats)
    ints = np.where(missing, 0, np.rint(floats)).astype(np.int64)
    return pd.arrays.IntegerArray(ints, missing)


def recode(column: pd.Series, meaning) -> pd.api.extensions.ExtensionArray:
    """Map each distinct value of a text column through ``meaning``, in Arrow.

    ``meaning`` is a function or a mapping of the (stripped) value; None
    leaves the row missing. The function runs once per distinct value, so a
    million rows of a few dozen sub-event types cost a factorisation.

    Examples
    --------
    >>> list(recode(pd.Series([" 1", "3", None, "1"]), {"1": "site", "3": "border"}))
    ['site', 'border', nan, 'site']
    """
    lookup = meaning.get if isinstance(meaning, dict) else meaning
    codes, uniques = pd.factorize(column)
    mapped = [lookup(str(u).strip()) for u in uniques]
    names = sorted({m for m in mapped if m is not None})
    position = {name: i for i, name in enumerate(names)}
    table = np.array([position.get(m, -1) for m in mapped] + [-1], dtype=np.int32)
    new = table[codes]
    column = pa.DictionaryArray.from_arrays(
        pa.array(new, mask=new < 0), pa.array(names, pa.large_string())
    )
    return pd.array(column.cast(pa.large_string()), dtype="str")


def labels(values, missing: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Make a text column of a few distinct labels (a scalar or an array), in Arrow.

    Examples
    --------
    >>> missing = np.array([False, False, True])
    >>> list(labels(np.array(["exact", "estimate", "exact"]), missing))
    ['exact', 'estimate', nan]
    """
    n = len(missing)
    codes, names = pd.factorize(np.broadcast_to(np.asarray(values, dtype=object), n))
    indices = pa.array(codes.astype(np.int32), mask=missing | (codes < 0))
    names = pa.array([str(x) for x in names], pa.large_string())
    column = pa.DictionaryArray.from_arrays(indices, names).cast(pa.large_string())
    return pd.array(column, dtype="str")


def counts_columns(
    kind: str, low, best, high, qualifier, group: object = None
) -> dict[str, object]:
    """Make the ``<kind>_*`` columns of one count kind from whole arrays.

    A row whose ``best`` is missing has no count at all (every column empty).

    Examples
    --------
    >>> cols = counts_columns("killed", [3, None], [3, None], [3, None], "exact")
    >>> cols["killed_best"].tolist(), list(cols["killed_qualifier"])
    ([3, <NA>], ['exact', nan])
    """
    n = len(best)
    best = _integers(best, n)
    missing = np.asarray(best.isna())
    out: dict[str, object] = {f"{kind}_best": best}
    for name, values in (("low", low), ("high", high)):
        arr = _integers(values, n)
        arr[missing] = pd.NA
        out[f"{kind}_{name}"] = arr
    out[f"{kind}_qualifier"] = labels(qualifier, missing)
    numbers = pa.array(best.to_numpy(dtype=np.int64, na_value=0), mask=missing)
    out[f"{kind}_stated"] = pd.array(numbers.cast(pa.large_string()), dtype="str")
    if group is not None:
        out[f"{kind}_victims_group"] = labels(group, missing)
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


def _range_text(start: pd.Series, end: pd.Series) -> pd.Series:
    """``"2009-08-07 to 2009-09-10"`` where an event spans days, else missing."""
    spans = end > start
    text = start.dt.strftime("%Y-%m-%d") + " to " + end.dt.strftime("%Y-%m-%d")
    return text.where(spans)


def text_column(n: int, value: str | None = None) -> pd.api.extensions.ExtensionArray:
    """Make a text column of ``n`` rows, all ``value`` or all missing, in Arrow.

    Kept in Arrow memory (pandas' ``str``), not as ``n`` Python objects.
    """
    if value is None:
        return pd.array(pa.nulls(n, pa.large_string()), dtype="str")
    return labels(value, np.zeros(n, dtype=bool))


def _absent(n: int, kind: str, empty_text) -> object:
    """Make an empty column of the incidents frame, cheap for a million rows."""
    if kind == "Int64":
        return pd.arrays.IntegerArray(np.zeros(n, np.int64), np.ones(n, dtype=bool))
    if kind == "datetime":
        return np.full(n, np.datetime64("NaT"), dtype="M8[ns]")
    if kind in ("bool", "int64"):
        return np.zeros(n, dtype=kind)
    if kind == "float64":
        return np.full(n, np.nan)
    return empty_text


def _as_column(values, n: int):
    """Give a value to every row: Series and arrays as they are, scalars repeated."""
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True)
    if values is None or isinstance(values, str):
        return text_column(n, values)
    if np.isscalar(values):
        return np.full(n, values)
    return values


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
        The columns of :func:`bordermap.geo.tables.frames.incidents_frame`, then
        ``dataset``, ``native_id``, ``date_end`` and the dataset's own columns;
        a point for site, district and province precision, none otherwise.
        Rows in the file's order.

    Examples
    --------
    >>> import pandas as pd, numpy as np
    >>> cols = Columns("UCDP GED", "x.csv", pd.Series(["7"]),
    ...     values={"id": pd.Series(["ucdp-7"]), "precision": pd.Series(["site"])},
    ...     lon=np.array([104.9]), lat=np.array([11.5]),
    ...     date=pd.Series(pd.to_datetime(["2020-01-02"])))
    >>> frame = events_frame(cols)
    >>> frame[["id", "scope", "native_id"]].values.tolist()
    [['ucdp-7', 'event', '7']]
    """
    n = len(cols.native_id)
    empty_text = text_column(n)
    data = {
        name: _absent(n, kind, empty_text) for name, kind in frame_columns().items()
    }
    for name, values in cols.values.items():
        data[name] = _as_column(values, n)
    precision = np.asarray(pd.Series(data["precision"]).to_numpy(dtype=object))
    keep = _valid_rows(cols, precision)
    date = pd.Series(pd.to_datetime(cols.date)).reset_index(drop=True)
    end = cols.date_end if cols.date_end is not None else cols.date
    end = pd.Series(pd.to_datetime(end)).reset_index(drop=True)
    data.update(
        scope=text_column(n, "event"),
        n_sources=np.ones(n, dtype=np.int64),
        date=date,
        dataset=text_column(n, cols.dataset),
        native_id=cols.native_id.astype("str").reset_index(drop=True),
        date_end=end,
    )
    if "article_id" not in cols.values:
        data["article_id"] = data["id"]
    if "date_text" not in cols.values:
        data["date_text"] = _range_text(date, end)
    data.update({k: _as_column(v, n) for k, v in cols.native.items()})
    frame = pd.DataFrame(data)
    points = np.full(n, None, dtype=object)
    located = np.isin(precision, _LOCATED) & keep
    if located.any():
        points[located] = shapely.points(cols.lon[located], cols.lat[located])
    if not keep.all():
        frame, points = frame.loc[keep].reset_index(drop=True), points[keep]
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(points, crs=_CRS), crs=_CRS)


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
