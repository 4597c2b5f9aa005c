"""Coded event datasets in and out: UCDP GED, ACLED and GDELT.

A file is recognised by its header (:func:`detect_dataset`); its events become
the same incidents GeoDataFrame that :func:`bordermap.extract` returns, with a
``dataset`` column and each row's own id in ``native_id``
(:func:`read_events`). Honesty holds as for text: an event coded to a region
larger than a province, or to a country, is never put on a province.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from bordermap.errors import DatasetError
from bordermap.geo.places.boundaries import (
    BUNDLED_COUNTRIES,
    Boundaries,
    load_boundaries,
)
from bordermap.geo.sources.datasets.acled import acled_columns, to_acled
from bordermap.geo.sources.datasets.frame import Columns, events_frame
from bordermap.geo.sources.datasets.gdelt import GDELT_COLUMNS, gdelt_columns
from bordermap.geo.sources.datasets.tables import (
    detect_dataset,
    read_table,
    sniff_header,
)
from bordermap.geo.sources.datasets.ucdp import ged_columns, to_ged
from bordermap.geo.tables.frames import join_boundaries

__all__ = [
    "detect_dataset",
    "read_event_files",
    "read_events",
    "split_inputs",
    "to_acled",
    "to_ged",
]

logger = logging.getLogger(__name__)

_READERS: dict[str, Callable[[pd.DataFrame, Path], Columns]] = {
    "ucdp": ged_columns,
    "acled": acled_columns,
    "gdelt": gdelt_columns,
}
_NAMES = {"ucdp": "UCDP GED", "acled": "ACLED", "gdelt": "GDELT"}
_SUFFIXES = (".csv", ".tsv", ".txt", ".gz", ".zip")


def _event_files(path: Path) -> list[Path]:
    """Coded event files under a directory, sorted."""
    return [
        p
        for p in sorted(path.rglob("*"))
        if p.is_file()
        and not p.name.startswith(".")
        and p.suffix.lower() in _SUFFIXES
        and detect_dataset(p) is not None
    ]


def split_inputs(
    inputs: Iterable[str | os.PathLike],
) -> tuple[list[Path], list[str | os.PathLike]]:
    """Separate coded event files from article inputs.

    A file (or a file a glob pattern matches) whose header is a dataset's goes
    to the first list; a directory gives its event files to the first list and
    stays in the second when it also holds articles; everything else
    (articles, article tables, missing paths: the article reader reports them)
    goes to the second.

    Examples
    --------
    >>> split_inputs(["seeds/"])
    ([], ['seeds/'])
    """
    from bordermap.geo.sources.articles import (
        article_files,  # text reads event files' headers
    )

    events: list[Path] = []
    articles: list[str | os.PathLike] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = _event_files(path)
            events.extend(found)
            if not found or article_files(path):
                articles.append(item)
            continue
        candidates = (
            [Path(p) for p in sorted(glob.glob(str(item), recursive=True))]
            if not path.exists() and glob.has_magic(str(item))
            else [path]
        )
        found = [
            p
            for p in candidates
            if p.is_file()
            and p.suffix.lower() in _SUFFIXES
            and detect_dataset(p) is not None
        ]
        if found and len(found) == len(candidates):
            events.extend(found)
        else:
            articles.append(item)
    unique = {p.resolve(): p for p in reversed(events)}  # a file given twice: once
    return [p for p in events if unique.get(p.resolve()) is p], articles


def _read_file(path: Path) -> gpd.GeoDataFrame:
    kind = detect_dataset(path)
    if kind is None:
        raise DatasetError(
            f"{path}: not a UCDP GED, ACLED or GDELT file (its header is none of "
            "theirs); give the dataset's own CSV export"
        )
    if kind == "gdelt":
        table = read_table(path, sep="\t", header=False, names=list(GDELT_COLUMNS))
    else:
        _, sep = sniff_header(path)
        table = read_table(path, sep=sep)
    if table.empty:
        raise DatasetError(f"{path}: the {_NAMES[kind]} file has no rows")
    return events_frame(_READERS[kind](table, path))


def read_event_files(paths: Iterable[str | os.PathLike]) -> gpd.GeoDataFrame:
    """Read coded event files into one incidents frame, not yet joined.

    An event given twice (same dataset and id, e.g. two overlapping exports) is
    read once, with a warning that counts the repeats.

    Raises
    ------
    DatasetError
        If a file is not a dataset, cannot be read, or lacks a required column.
    """
    frames = [_read_file(Path(p)) for p in paths]
    if not frames:
        raise DatasetError("no event file given")
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    repeated = frame.duplicated(["dataset", "native_id"])
    if repeated.any():
        logger.warning(
            "%s event(s) given twice (same dataset and id): read once",
            f"{int(repeated.sum()):,}",
        )
        frame = frame.loc[~repeated].reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def read_events(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    *,
    boundaries: Boundaries | None = None,
) -> gpd.GeoDataFrame:
    r"""Read UCDP GED, ACLED or GDELT files as the incidents ``extract`` returns.

    Parameters
    ----------
    paths : path or iterable of paths
        GED or ACLED CSV exports, GDELT 2.0 event files (maybe ``.zip``/``.gz``).
    countries : sequence of str
        ISO 3166-1 alpha-3 codes of the two countries whose border is mapped.
    boundaries : Boundaries, optional
        Default: the bundled layers of ``countries``.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event (EPSG:4326), joined with the admin-1 polygons; the
        columns of :func:`bordermap.extract` plus ``dataset``, ``native_id``,
        ``date_end`` and the dataset's own columns (``ucdp_*``, ``acled_*``,
        ``gdelt_*``).

    Raises
    ------
    DatasetError
        If a file is not a dataset, cannot be read, or lacks a required column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ged.csv"
    >>> _ = p.write_text("id,type_of_violence,where_prec,latitude,longitude,"
    ...     "date_start,date_end,best,low,high\n"
    ...     "1,1,1,14.42,103.3,2025-07-24,2025-07-24,2,2,3\n")
    >>> read_events(p)[["id", "adm1_iso", "killed_best", "precision"]].values.tolist()
    [['ucdp-1', 'TH-32', 2, 'site']]
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    frame = read_event_files(paths)
    layers = boundaries if boundaries is not None else load_boundaries(countries)
    return join_boundaries(frame, layers.admin1)
