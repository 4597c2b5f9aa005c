"""Incidents as files for GIS tools: a three-layer GeoPackage and GeoParquet.

Both writers write a temporary file beside the target and move it into place
with :func:`os.replace`, so a failed write leaves no partial file and an
existing file at the target untouched.

How the columns GDAL's GeoPackage driver cannot take as they are stored:

* nullable integers (``Int64``) with ``<NA>``: INTEGER columns with NULLs;
  :func:`geopandas.read_file` gives them back as ``float64`` with NaN
  (``.astype("Int64")`` restores them).
* nullable booleans (``boolean``) with ``<NA>``: INTEGER 0/1/NULL with GDAL's
  boolean subtype; read back as ``float64`` 1.0/0.0/NaN (plain ``bool``
  columns without NA read back as ``bool``).
* datetimes with ``NaT``: DATETIME with NULLs; naive values are written
  without a time zone and read back naive; zone-aware values are converted to
  UTC first (the GeoPackage rule) and read back in UTC.
* text holding JSON (``sources``, ``other_counts``): TEXT, byte for byte, read
  back as the same strings (not parsed), so ``json.loads`` gives the records.
* a missing point: a NULL geometry.

GeoParquet keeps the pandas types (their metadata travels in the file), except
that Parquet has no seconds unit: ``datetime64[s]`` reads back as
``datetime64[ms]``, same values.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyogrio
import pyogrio.errors
from pandas.api.types import is_object_dtype

from bordermap.errors import OutputError

__all__ = ["write_geopackage", "write_geoparquet"]

_CRS = "EPSG:4326"
#: ``gpkg_contents.last_change`` of every layer: a fixed stamp, so that the same
#: frames give the same bytes (GDAL otherwise stamps the time of writing).
_GPKG_DATE = "2000-01-01T00:00:00.000Z"
#: What can go wrong inside a writer, turned into one OutputError line.
_WRITE_ERRORS = (
    OSError,
    ValueError,
    TypeError,
    NotImplementedError,
    RuntimeError,  # pyogrio's DataSourceError, FieldError, ... derive from it
    pa.ArrowException,
)
#: What an object column may hold (``pandas.api.types.infer_dtype``): values
#: GDAL's Arrow writer maps to a field type. Dicts, lists, mixed text and
#: numbers ("mixed") would be written as their Python repr, or not at all.
_OBJECT_KINDS = frozenset(
    {
        "string",
        "empty",
        "integer",
        "floating",
        "mixed-integer-float",
        "boolean",
        "date",
        "datetime",
        "bytes",
    }
)
#: Files SQLite may leave beside a GeoPackage it was writing.
_SIDECARS = ("-journal", "-wal", "-shm")


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def _target(path: str | os.PathLike) -> Path:
    """Return the path to write, checked: in a directory that exists, not one."""
    path = Path(path)
    try:
        parent, directory = path.parent.is_dir(), path.is_dir()
    except OSError as err:  # a name too long, a loop of links
        raise OutputError(
            f"cannot write {str(path)!r}: {err.strerror}; choose another path"
        ) from err
    if not parent:
        raise OutputError(
            f"directory {str(path.parent)!r} does not exist; create it first "
            "or choose another output path"
        )
    if directory:
        raise OutputError(f"{str(path)!r} is a directory; give a file name in it")
    return path


@contextmanager
def _replacing(path: Path, suffix: str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` on success.

    On any failure the temporary file (and any SQLite sidecar) is removed and
    ``path`` is left as it was; the error is raised as a :class:`OutputError`.
    """
    tmp = path.with_name(f".{path.name[:100]}.{secrets.token_hex(6)}.tmp{suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException as err:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in _SIDECARS)):
            leftover.unlink(missing_ok=True)
        if not isinstance(err, (OutputError, *_WRITE_ERRORS)):
            raise
        raise OutputError(f"cannot write {str(path)!r}: {_one_line(err)}") from err


@contextmanager
def _gdal_date(stamp: str) -> Iterator[None]:
    """Have GDAL use ``stamp`` as "now" (GDAL's options are process-wide)."""
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def _check_geoframe(frame, name: str, *, crs: str | None) -> gpd.GeoDataFrame:
    """Check a GeoDataFrame has a CRS; reproject it to ``crs`` if one is given."""
    if not isinstance(frame, gpd.GeoDataFrame):
        raise OutputError(
            f"{name} is a {type(frame).__name__}, not a GeoDataFrame; pass the "
            f"frame bordermap returns for it"
        )
    if frame.crs is None:
        raise OutputError(
            f"{name} has no CRS; set it first, e.g. {name}.set_crs({_CRS!r})"
        )
    return frame if crs is None or frame.crs == crs else frame.to_crs(crs)


def _no_zero_byte(strings: pa.Array) -> bool:
    buffers = strings.buffers()  # validity, offsets, text; a null array has one
    data = buffers[2] if len(buffers) > 2 else None
    return data is None or bool(np.frombuffer(data, dtype=np.uint8).all())


def _check_text(values: pd.Series, name: str, column: str) -> None:
    """Text a GeoPackage stores as it is: no NUL (GDAL cuts a string there)."""
    strings = pa.chunked_array([pa.array(values, pa.large_string(), from_pandas=True)])
    # fast path: a zero byte anywhere in the text buffers (UTF-8 has no other)
    if all(_no_zero_byte(chunk) for chunk in strings.chunks):
        return
    bad = pc.fill_null(pc.match_substring(strings, "\x00"), False)
    if pc.any(bad).as_py():
        row = values.index[pc.index(bad, True).as_py()]
        raise OutputError(
            f"column {column!r} of {name} holds a NUL character (row "
            f"{row!r}), which a GeoPackage text field cannot keep; "
            "remove it, e.g. .str.replace('\\x00', '')"
        )


def _gpkg_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """``frame`` with columns a GeoPackage can hold; OutputError for others.

    Zone-aware datetimes become UTC; everything else is passed on unchanged.
    """
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    out = frame
    for column in frame.columns:
        if column == geometry:
            continue
        values = frame[column]
        dtype = values.dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            out = out.copy(deep=False) if out is frame else out
            out[column] = values.dt.tz_convert("UTC")
            continue
        if (
            pd.api.types.is_bool_dtype(dtype)
            or pd.api.types.is_integer_dtype(dtype)
            or pd.api.types.is_float_dtype(dtype)
            or pd.api.types.is_datetime64_dtype(dtype)
        ):
            continue
        if isinstance(dtype, pd.StringDtype):
            kind = "string"
        elif is_object_dtype(dtype):
            kind = pd.api.types.infer_dtype(values, skipna=True)
        else:
            kind = ""
        if kind not in _OBJECT_KINDS:
            raise OutputError(
                f"column {column!r} of {name} holds {_kind(values)} values, which "
                "a GeoPackage cannot store as they are; convert it to text (e.g. "
                "json.dumps), numbers, booleans or datetimes, or drop it"
            )
        if kind == "string":
            _check_text(values, name, column)
    return out


def _kind(values: pd.Series) -> str:
    """Name the dtype, or for an object column the types of its values."""
    if not is_object_dtype(values.dtype):
        return str(values.dtype)
    names = sorted({type(v).__name__ for v in values.dropna()})
    return names[0] if len(names) == 1 else "mixed " + "/".join(names)


def _write_layer(frame: pd.DataFrame, path: Path, layer: str) -> None:
    """Write one layer (spatial or not) into the GeoPackage at ``path``."""
    try:
        if isinstance(frame, gpd.GeoDataFrame):
            frame.to_file(
                path,
                layer=layer,
                driver="GPKG",
                engine="pyogrio",
                use_arrow=True,
                index=False,
            )
        else:
            pyogrio.write_dataframe(
                frame, path, layer=layer, driver="GPKG", use_arrow=True
            )
    except pyogrio.errors.DataSourceError:
        raise
    except _WRITE_ERRORS as err:
        raise OutputError(
            f"layer {layer!r}: {_one_line(err)}; check its column names (unique "
            "ignoring case, no 'fid' unless integer) and types"
        ) from err


def write_geopackage(
    incidents: gpd.GeoDataFrame,
    provinces: gpd.GeoDataFrame,
    totals: pd.DataFrame,
    path: str | os.PathLike,
) -> Path:
    """Write incidents, province totals and unplaced figures to one GeoPackage.

    Three layers: ``incidents`` (points; an incident without a point keeps a
    NULL geometry), ``provinces`` (polygons) and ``not_on_a_province`` (an
    attribute table without geometry). Spatial layers are in EPSG:4326. The
    same frames give the same bytes. See the module docstring for how nullable
    integers, booleans, datetimes and JSON text are stored.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        From :func:`bordermap.extract`.
    provinces : geopandas.GeoDataFrame
        From :func:`bordermap.aggregate`.
    totals : pandas.DataFrame
        From :func:`bordermap.totals`.
    path : str or path-like
        The ``.gpkg`` file; replaced if it exists. Its directory must exist.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        If the directory is missing, a frame lacks a CRS or holds a column a
        GeoPackage cannot store, or the file cannot be written; ``path`` is then
        left as it was.

    Examples
    --------
    >>> import tempfile, pyogrio, bordermap
    >>> inc = bordermap.extract([bordermap.Article("a", "Shells hit Surin.")])
    >>> out = write_geopackage(inc, bordermap.aggregate(inc), bordermap.totals(inc),
    ...                        tempfile.mkdtemp() + "/incidents.gpkg")
    >>> pyogrio.list_layers(out)[:, 0].tolist()
    ['incidents', 'provinces', 'not_on_a_province']
    """
    target = _target(path)
    if not isinstance(totals, pd.DataFrame):
        raise OutputError(
            f"totals is a {type(totals).__name__}, not a DataFrame; pass the "
            "table bordermap.totals returns"
        )
    layers = {
        "incidents": _check_geoframe(incidents, "incidents", crs=_CRS),
        "provinces": _check_geoframe(provinces, "provinces", crs=_CRS),
        "not_on_a_province": pd.DataFrame(totals),
    }
    layers = {layer: _gpkg_columns(frame, layer) for layer, frame in layers.items()}
    with _replacing(target, ".gpkg") as tmp, _gdal_date(_GPKG_DATE):
        for layer, frame in layers.items():
            _write_layer(frame, tmp, layer)
    return target


def write_geoparquet(incidents: gpd.GeoDataFrame, path: str | os.PathLike) -> Path:
    """Write incidents to a GeoParquet file, keeping their CRS and column types.

    Geometry is WKB (a missing point is null), compression Snappy, no index
    column (read back, the frame has a fresh ``RangeIndex``). Column types
    are kept, but ``datetime64[s]`` reads back as ``datetime64[ms]`` (Parquet
    has no seconds unit). Parquet holds no
    write time, so the same frame gives the same bytes with the same pyarrow
    and GeoPandas versions (their names and versions are in the file).

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        From :func:`bordermap.extract`; any CRS, which is kept.
    path : str or path-like
        The ``.parquet`` file; replaced if it exists. Its directory must exist.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        If the directory is missing, the frame has no CRS or a column Parquet
        cannot store (e.g. mixed numbers and text), or the file cannot be
        written; ``path`` is then left as it was.

    Examples
    --------
    >>> import tempfile, geopandas, bordermap
    >>> inc = bordermap.extract([bordermap.Article("a", "Shells hit Surin.")])
    >>> out = write_geoparquet(inc, tempfile.mkdtemp() + "/incidents.parquet")
    >>> geopandas.read_parquet(out).crs.to_string()
    'EPSG:4326'
    """
    target = _target(path)
    frame = _check_geoframe(incidents, "incidents", crs=None)
    with _replacing(target, ".parquet") as tmp:
        frame.to_parquet(tmp, index=False, compression="snappy")
    return target
