"""Scale out on Dask: extraction on workers, the join with dask-geopandas.

Article tables are shared out among workers by partition, the spatial join is
done with dask-geopandas, and the totals are made on the client. The results
are the local engine's, row for row: workers run the same per-article
extraction, the client merges reports across articles the same way, and the
spatial join's hits go through the same tie-breaking as
:func:`bordermap.geo.tables.frames.join_boundaries`.

Point it at a cluster with ``scheduler="tcp://host:8786"`` (``--scheduler`` on
the command line); without one, a :class:`distributed.LocalCluster` with
``workers`` processes is started for the run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections import deque
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from bordermap.errors import ArticleError, BordermapError
from bordermap.geo.extract.incidents import article_incidents, merge_reports
from bordermap.geo.places.boundaries import (
    BUNDLED_COUNTRIES,
    Boundaries,
    load_boundaries,
)
from bordermap.geo.records import Article, Incident
from bordermap.geo.sources.articles import Reading, article_from_row
from bordermap.geo.sources.languages import settle_language
from bordermap.geo.sources.web import Page, is_web_file, iter_web_file
from bordermap.geo.tables.frames import apply_hits, incidents_frame

__all__ = ["dask_client", "extract_by_article_dask", "extract_dask"]

#: The first line number of a table's rows, as the local reader counts them.
_FIRST_LINE = {".csv": 2, ".jsonl": 1, ".ndjson": 1, ".parquet": 1}


def _imports():
    try:
        import dask
        import dask.dataframe as dd
        import dask_geopandas
        import distributed
    except ImportError:
        raise BordermapError(
            "the dask engine needs dask, distributed and dask-geopandas; install "
            "bordermap[dask]"
        ) from None
    return dask, dd, dask_geopandas, distributed


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator:
    """Yield a client of the given scheduler, or of a LocalCluster for the block."""
    _, _, _, distributed = _imports()
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _read_table(dd, path: Path):
    suffix = path.suffix.lower()
    if suffix == ".csv":
        # one partition per file: quoted newlines must not be cut
        return dd.read_csv(
            str(path),
            blocksize=None,
            dtype=str,
            keep_default_na=False,
            sep=None,
            engine="python",
        )
    if suffix in (".jsonl", ".ndjson"):
        return dd.read_json(str(path), lines=True, blocksize=2**22, dtype=False)
    if suffix == ".parquet" or path.is_dir():
        return dd.read_parquet(str(path))
    raise ArticleError(
        f"{path}: the dask engine reads .csv, .jsonl and .parquet tables"
    )


def _extract_partition(
    part: pd.DataFrame,
    path: str,
    first_line: int,
    published: date | None,
    boundaries: Boundaries | None,
    language: str = "",
) -> list[tuple[Article, list[Incident]]]:
    from bordermap.pipeline import _gazetteer

    gazetteer = _gazetteer(boundaries)
    out = []
    for k, row in enumerate(part.to_dict("records")):
        article = article_from_row(row, path, first_line + k, published)
        if article is not None:
            article = settle_language(article, language)
            out.append((article, article_incidents(article, gazetteer)))
    return out


def _extract_pages(
    pages: list[Page], boundaries: Boundaries | None, language: str = ""
) -> list[tuple]:
    """Read and extract web pages on a worker: ``(part, article, why, incidents)``."""
    from bordermap.pipeline import _extract_one, _gazetteer

    gazetteer = _gazetteer(boundaries)
    return [(page.part, *_extract_one(page, gazetteer, language)) for page in pages]


def _web_results(path: Path, client, boundaries, published, reading, ahead: int = 8):
    """Read and extract a web file's pages on the workers, 64 at a time, in order.

    The client streams the file (an archive a record at a time) and keeps at
    most ``ahead`` chunks in flight, so an archive is never held whole.
    """
    pages = iter_web_file(path, published=published, border=reading.border)
    pending: deque = deque()
    out = []
    while True:
        chunk = list(itertools.islice(pages, 64))
        if chunk:
            pending.append(
                client.submit(
                    _extract_pages, chunk, boundaries, reading.language, pure=False
                )
            )
        if pending and (not chunk or len(pending) >= ahead):
            out.extend(pending.popleft().result())
        if not chunk and not pending:
            return out


def _table_results(path: Path, client, dask, dd, boundaries, published, language):
    """Every row of an article table, extracted a partition per task."""
    frame = _read_table(dd, path)
    if "text" not in frame.columns:
        raise ArticleError(f"{path}: no 'text' column (columns: {list(frame.columns)})")
    sizes = frame.map_partitions(len).compute().tolist()
    start = _FIRST_LINE.get(path.suffix.lower(), 1)
    tasks = []
    for part, size in zip(frame.to_delayed(), sizes, strict=True):
        tasks.append(
            dask.delayed(_extract_partition)(
                part, str(path), start, published, boundaries, language
            )
        )
        start += size
    return [
        (False, article, "", incidents)
        for part in client.compute(tasks, sync=True)
        for article, incidents in part
    ]


def extract_by_article_dask(
    tables: Sequence[str | os.PathLike],
    client,
    *,
    boundaries: Boundaries | None = None,
    published: date | None = None,
    reading: Reading | None = None,
) -> list[tuple[Article, list[Incident]]]:
    """``(article, incidents)`` for every row of the tables and every web page.

    Each partition of each table, and each chunk of 64 pages of a saved page,
    WARC archive or feed, is extracted on a worker; the results come back in
    input order and go through ``reading`` (repeats, pages about elsewhere)
    as the local engine's do.
    """
    dask, dd, _, _ = _imports()
    reading = reading or Reading()
    out = []
    for item in tables:
        path = Path(item)
        if not path.exists():
            raise ArticleError(f"{path}: no such file or directory; check the path")
        reading.files += 1
        if is_web_file(path):
            results = _web_results(path, client, boundaries, published, reading)
        else:
            results = _table_results(
                path, client, dask, dd, boundaries, published, reading.language
            )
        for part, article, why, incidents in results:
            if is_web_file(path):
                article = reading.take(part, article, why)
            if article is not None and reading.keep(article):
                out.append((article, incidents))
    return out


def _hits(points: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame, partitions: int):
    _, _, dask_geopandas, _ = _imports()
    valid = points[points.geometry.notna() & ~points.geometry.is_empty]
    if valid.empty:
        return np.array([], dtype=np.int64), np.array([], dtype=object)
    left = dask_geopandas.from_geopandas(
        gpd.GeoDataFrame(
            {"_row": valid.index.to_numpy()},
            geometry=valid.geometry.values,
            crs=points.crs,
        ),
        npartitions=max(1, min(partitions, len(valid))),
    )
    right = polygons[["adm1_iso", "geometry"]].rename(columns={"adm1_iso": "_code"})
    joined = left.sjoin(right, predicate="within").compute()
    return joined["_row"].to_numpy(), joined["_code"].astype(object).to_numpy()


def extract_dask(
    tables: Sequence[str | os.PathLike],
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    *,
    boundaries: Boundaries | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    published: date | None = None,
    reading: Reading | None = None,
) -> gpd.GeoDataFrame:
    """:func:`bordermap.extract` on Dask, for article tables (CSV, JSON Lines, Parquet).

    Parameters
    ----------
    tables : sequence of path-like
    countries, boundaries
        As for :func:`bordermap.extract`.
    scheduler : str, optional
        Address of a running Dask scheduler; default: a LocalCluster.
    workers : int
        Worker processes of the LocalCluster.
    published : datetime.date, optional
        Publication date for rows that give none.
    reading : bordermap.geo.sources.articles.Reading, optional
        Drops repeats and, with its border, pages about elsewhere.

    Returns
    -------
    geopandas.GeoDataFrame
        Equal, row for row, to the local engine's result.
    """
    layers = boundaries if boundaries is not None else load_boundaries(tuple(countries))
    with dask_client(scheduler, workers) as client:
        pairs = extract_by_article_dask(
            tables,
            client,
            boundaries=boundaries,
            published=published,
            reading=reading,
        )
        frame = incidents_frame(merge_reports(i for _, incs in pairs for i in incs))
        frame = frame.reset_index(drop=True)
        point, code = _hits(frame, layers.admin1, partitions=workers * 2)
    out = apply_hits(frame, point, code)
    out.attrs["articles"] = len(pairs)
    return out
