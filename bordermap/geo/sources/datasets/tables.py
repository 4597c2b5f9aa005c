"""Which coded dataset a file holds, and reading its table fast.

A file is recognised by its header: UCDP GED and ACLED exports by the names of
their columns, GDELT 2.0 event files (no header) by their layout of 61
tab-separated fields with a numeric event id and an eight-digit day.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bordermap.errors import DatasetError

__all__ = [
    "GDELT_FIELDS",
    "days",
    "detect_dataset",
    "numbers",
    "read_table",
    "sniff_header",
]

#: GDELT 2.0 event export: 61 tab-separated fields, no header.
GDELT_FIELDS = 61
#: Column names only one dataset has: a header with at least two of a set is it.
_MARKS = {
    "ucdp": {
        "type_of_violence",
        "where_prec",
        "date_prec",
        "dyad_name",
        "deaths_civilians",
        "side_a",
        "where_coordinates",
    },
    "acled": {
        "event_id_cnty",
        "sub_event_type",
        "geo_precision",
        "time_precision",
        "fatalities",
        "assoc_actor_1",
        "inter1",
    },
}
_COMPRESSED = (".gz", ".zip")


def _head_bytes(path: Path, size: int = 65_536) -> bytes:
    """Read the first bytes of a file, through gzip or zip compression."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                return fh.read(size)
        if suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if not n.endswith("/")]
                if not names:
                    return b""
                with zf.open(names[0]) as fh:
                    return fh.read(size)
        with path.open("rb") as fh:
            return fh.read(size)
    except (OSError, zipfile.BadZipFile, EOFError):
        return b""


def sniff_header(path: Path) -> tuple[list[str], str]:
    """Return the first line's fields and the separator (``,`` or tab)."""
    text = _head_bytes(path).decode("utf-8-sig", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    sep = "\t" if first.count("\t") > first.count(",") else ","
    fields = next(iter(pd.read_csv(io.StringIO(first), sep=sep, header=None).values))
    return [str(f).strip() for f in fields], sep


def detect_dataset(path: str | Path) -> str | None:
    r"""Say which coded dataset a file holds: ``"ucdp"``, ``"acled"``, ``"gdelt"``.

    Parameters
    ----------
    path : str or Path
        A ``.csv``, ``.tsv``, ``.txt`` or GDELT ``.CSV`` file, maybe ``.gz``
        or ``.zip`` compressed.

    Returns
    -------
    str or None
        None for anything else (an article table, an article, another file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "e.csv"
    >>> _ = p.write_text("id,type_of_violence,where_prec,best\n1,1,1,2\n")
    >>> detect_dataset(p)
    'ucdp'
    """
    path = Path(path)
    if not path.is_file():
        return None
    try:
        fields, sep = sniff_header(path)
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    names = {f.lower() for f in fields}
    for name, marks in _MARKS.items():
        if len(names & marks) >= 2:
            return name
    if (
        sep == "\t"
        and len(fields) == GDELT_FIELDS
        and fields[0].isdigit()
        and len(fields[1]) == 8
        and fields[1].isdigit()
    ):
        return "gdelt"
    return None


def read_table(
    path: Path, *, sep: str = ",", header: bool = True, names: list[str] | None = None
) -> pd.DataFrame:
    """Read a CSV or tab-separated table with every column as text.

    pandas' pyarrow reader first (many times faster on large files), the C
    reader where it refuses the file (ragged lines, odd quoting).

    Raises
    ------
    DatasetError
        If neither can read it.
    """
    options = {
        "sep": sep,
        "dtype": str,
        "keep_default_na": False,
        "na_values": [""],
        "header": 0 if header else None,
        "names": names,
    }
    if sep == "\t":
        options["quoting"] = 3  # GDELT: quotes are text, not quoting
    try:
        return pd.read_csv(path, engine="pyarrow", **options)
    except Exception:  # pyarrow's errors vary: the C reader decides
        pass
    try:
        return pd.read_csv(path, engine="c", low_memory=False, **options)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DatasetError(
            f"{path}: cannot be read as a table ({first}); check that it is a whole, "
            "uncorrupted export"
        ) from None


def numbers(column: pd.Series) -> np.ndarray:
    """Numbers of a text column as floats (NaN: missing or not a number).

    Arrow's cast first (fast), pandas' per value where a cell is not a number.

    Examples
    --------
    >>> numbers(pd.Series(["1.5", None, "x"], dtype="str")).tolist()
    [1.5, nan, nan]
    """
    arrow = pa.array(column, from_pandas=True)
    try:
        return pc.cast(arrow, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        values = pd.to_numeric(column, errors="coerce")
        return values.to_numpy(dtype=float, na_value=np.nan)


def days(column: pd.Series) -> pd.Series:
    """Days of a text column of dates ("2025-07-24", "2009-02-20 00:00:00.000").

    ISO days are read by Arrow; any other writing ("24 July 2025") by pandas,
    value by value; what neither reads is missing (NaT).

    Examples
    --------
    >>> written = pd.Series(["2025-07-24 00:00:00", "24 July 2025", "?"], dtype="str")
    >>> days(written).tolist()
    [Timestamp('2025-07-24 00:00:00'), Timestamp('2025-07-24 00:00:00'), NaT]
    """
    arrow = pa.array(column, from_pandas=True, type=pa.large_string())
    iso = pc.strptime(
        pc.utf8_slice_codeunits(arrow, 0, 10),
        format="%Y-%m-%d",
        unit="ns",
        error_is_null=True,
    )
    out = pd.Series(iso.to_numpy(zero_copy_only=False), index=column.index)
    other = out.isna() & column.notna()
    if other.any():
        out[other] = pd.to_datetime(column[other], errors="coerce", format="mixed")
    return out.astype("datetime64[ns]")
