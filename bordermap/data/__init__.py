"""Bundled data: boundaries, border line, gazetteer tables and seed articles.

See ``ATTRIBUTION.md`` in this folder for sources and licences.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ATTRIBUTIONS", "data_path", "read_csv_gz", "seeds_dir"]

_HERE = Path(__file__).resolve().parent

#: Short attributions shown on every map (sources of the bundled layers).
ATTRIBUTIONS = (
    "Boundaries: HDX COD-AB Thailand (CC BY 3.0 IGO); geoBoundaries Cambodia, "
    "© OpenStreetMap contributors (ODbL 1.0), ODC (CC BY 4.0); Natural Earth",
    "Places: GeoNames (CC BY 4.0), Wikipedia (CC BY-SA 4.0)",
)


def data_path(name: str) -> Path:
    """Path of a bundled data file.

    Parameters
    ----------
    name : str
        File name inside ``bordermap/data``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        If the file is not bundled.

    Examples
    --------
    >>> data_path("admin1_THA_KHM.geojson").name
    'admin1_THA_KHM.geojson'
    """
    path = _HERE / name
    if not path.is_file():
        raise FileNotFoundError(
            f"bordermap data file {name!r} is missing; reinstall bordermap"
        )
    return path


def seeds_dir() -> Path:
    """Directory of the bundled seed articles.

    In a wheel they sit in ``bordermap/data/seeds``; in a source checkout they
    are the repository's ``seeds/`` folder.

    Examples
    --------
    >>> seeds_dir().is_dir()
    True
    """
    packaged = _HERE / "seeds"
    if packaged.is_dir():
        return packaged
    return _HERE.parents[1] / "seeds"


def read_csv_gz(name: str) -> Iterator[dict[str, str]]:
    """Rows of a bundled gzipped CSV table, as dicts of strings.

    Parameters
    ----------
    name : str
        File name inside ``bordermap/data`` (``world_towns.csv.gz``, ...).
    """
    raw = gzip.decompress(data_path(name).read_bytes()).decode("utf-8")
    yield from csv.DictReader(io.StringIO(raw))
