"""The public pipeline: articles → incidents → provinces → map."""

from __future__ import annotations

import itertools
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd

from bordermap.geo.extract.incidents import article_incidents, merge_reports
from bordermap.geo.places.boundaries import (
    BUNDLED_COUNTRIES,
    Boundaries,
    load_boundaries,
)
from bordermap.geo.places.gazetteer import border_gazetteer
from bordermap.geo.records import Article
from bordermap.geo.review.apply import Review
from bordermap.geo.review.corrections import Decision, read_corrections
from bordermap.geo.sources.articles import Reading, iter_inputs
from bordermap.geo.sources.languages import settle_language
from bordermap.geo.sources.web import Page, read_page
from bordermap.geo.tables.aggregate import aggregate_by_province, border_totals
from bordermap.geo.tables.frames import confident, incidents_frame, join_boundaries
from bordermap.geo.tables.map_tables import map_tables
from bordermap.layers.render import build_map
from bordermap.layers.static import save_static

__all__ = [
    "aggregate",
    "apply_corrections",
    "extract",
    "extract_by_article",
    "make_map",
    "save_static_map",
    "totals",
]

logger = logging.getLogger(__name__)


def _as_items(
    articles: Iterable[Article | Page | str | os.PathLike],
    reading: Reading | None,
    own: Reading,
) -> Iterator[tuple[Article | Page, Reading | None]]:
    """Items in order, each with the :class:`Reading` that keeps or drops it.

    Paths are read as they come (:func:`iter_inputs`: an archive a record at a
    time), with ``reading`` or else ``own``; articles and pages given as they
    are go through ``reading`` only when one is given.
    """
    judge = reading or own
    paths: list = []
    for item in articles:
        if isinstance(item, Article | Page):
            if paths:
                yield from ((i, judge) for i in iter_inputs(paths, reading=judge))
                paths = []
            # a page is read here: it needs a reading to count it, even unasked
            yield item, (judge if isinstance(item, Page) else reading)
        else:
            paths.append(item)
    if paths:
        yield from ((i, judge) for i in iter_inputs(paths, reading=judge))


def _gazetteer(boundaries: Boundaries | None):
    # the border mapped, the bundled one unless told: its villages are read
    countries = boundaries.countries if boundaries is not None else BUNDLED_COUNTRIES
    gazetteer = border_gazetteer(tuple(countries))
    if boundaries is not None and boundaries.source not in ("bundled", "world"):
        gazetteer = gazetteer.extended(boundaries.admin1)
    return gazetteer


def _boundaries(countries: Sequence[str], boundaries: Boundaries | None) -> Boundaries:
    return boundaries if boundaries is not None else load_boundaries(tuple(countries))


_WORKER: dict = {}


def _start_worker(boundaries: Boundaries | None) -> None:
    _WORKER["gazetteer"] = _gazetteer(boundaries)


def _extract_one(item: Article | Page, gazetteer=None, language: str = "") -> tuple:
    """``(article, why, incidents)`` of an article, or of a page read here first.

    The article comes back with its language settled (``language`` if given):
    the extractor reads it in that language.
    """
    article, why = read_page(item) if isinstance(item, Page) else (item, "")
    if article is None:
        return None, why, []
    if gazetteer is None:
        gazetteer = _WORKER["gazetteer"]
    article = settle_language(article, language)
    return article, "", article_incidents(article, gazetteer)


def _extract_chunk(items: list) -> list:
    return [_extract_one(item, None, language) for item, language in items]


def _language(reading: Reading | None) -> str:
    """Give the language a reading takes every article to be in ("": their own)."""
    return reading.language if reading is not None else ""


def _in_processes(items: Iterator, jobs: int, boundaries) -> Iterator[tuple]:
    """Extract in ``jobs`` processes, in input order, a few chunks ahead only.

    Chunks of 16 items are handed out as workers free up, so a long archive is
    never read ahead whole (``Executor.map`` would submit every item at once).
    """
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(boundaries,)
    ) as pool:
        pending: deque = deque()
        while True:
            chunk = list(itertools.islice(items, 16))
            if chunk:
                work = pool.submit(
                    _extract_chunk, [(item, _language(j)) for item, j in chunk]
                )
                pending.append((chunk, work))
            if pending and (not chunk or len(pending) >= 2 * jobs):
                done, work = pending.popleft()
                yield from zip(done, work.result(), strict=True)
            if not chunk and not pending:
                return


def extract_by_article(
    articles: Iterable[Article | Page | str | os.PathLike],
    *,
    boundaries: Boundaries | None = None,
    jobs: int = 1,
    reading: Reading | None = None,
    review: Review | None = None,
) -> Iterable[tuple[Article, list]]:
    """Yield ``(article, incidents)`` per article, before cross-article merging.

    Incidents are located on any land border; ``boundaries`` matters only for a
    user's boundary file, whose names and codes then join the gazetteer. With
    ``jobs`` > 1 the articles are shared out among that many processes, web
    pages unread (their main text is taken in the worker); the results come
    back in input order, the same as with one process. ``reading``
    (:class:`bordermap.geo.sources.articles.Reading`) drops repeated texts and, with its
    ``border``, pages about elsewhere, and counts them; the caller calls its
    ``finish()``. ``review`` (:class:`bordermap.geo.review.apply.Review`)
    applies a reviewer's decisions to each article's incidents; the caller
    calls its ``finish()`` too.
    """
    own = Reading()
    items = _as_items(articles, reading, own)
    if jobs > 1:
        results = _in_processes(items, jobs, boundaries)
    else:
        gazetteer = _gazetteer(boundaries)
        results = (
            (pair, _extract_one(pair[0], gazetteer, _language(pair[1])))
            for pair in items
        )
    for (item, judge), (article, why, incidents) in results:
        if judge is not None:
            if isinstance(item, Page):
                article = judge.take(item.part, article, why)
            if article is None or not judge.keep(article):
                continue
        elif not own.readable(article):  # an article handed in: its language too
            continue
        if review is not None:
            incidents = review.apply(article, incidents)
        yield article, incidents
    if own.files or own.pages or own.unread:  # no caller's reading: said here
        own.finish()


def extract(
    articles: Iterable[Article | str | os.PathLike],
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    *,
    boundaries: Boundaries | None = None,
    jobs: int = 1,
    reading: Reading | None = None,
    corrections: str | os.PathLike | Sequence[Decision] | Review | None = None,
    min_confidence: float | None = None,
) -> gpd.GeoDataFrame:
    """Extract located incidents from articles.

    Parameters
    ----------
    articles : iterable of Article, str or path-like
        Articles, or paths of article files, directories and tables.
    countries : sequence of str
        ISO 3166-1 alpha-3 codes of the two countries whose border is mapped.
    boundaries : Boundaries, optional
        From :func:`bordermap.geo.places.boundaries.load_boundaries` (e.g. a
        user's file);
        default: the bundled layers of ``countries``.
    jobs : int
        Processes to extract with (see :func:`extract_by_article`).
    reading : bordermap.geo.sources.articles.Reading, optional
        Drops repeated texts and pages about elsewhere (see
        :func:`extract_by_article`).
    corrections : path, sequence of Decision or Review, optional
        A reviewer's corrections file (see :func:`apply_corrections`), applied
        to each article's incidents before reports are merged across articles.
        A path or decisions are checked at the end (``Review.finish``); a
        :class:`~bordermap.geo.review.apply.Review` is the caller's to finish.
    min_confidence : float, optional
        Leave out incidents whose ``confidence`` (the calibrated probability
        that the incident is real) is below this; incidents without one and
        those a reviewer touched stay (see
        :func:`bordermap.geo.tables.frames.confident`).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per incident (EPSG:4326), reports of the same incident from
        several articles merged, joined with the admin-1 polygons; see
        :func:`bordermap.geo.tables.frames.incidents_frame`. ``attrs["articles"]`` is
        the number of articles read, those that gave no incident included;
        with corrections, ``attrs["unapplied"]`` lists the decisions that
        found no incident (as corrections-file rows).

    Raises
    ------
    CorrectionsError
        For a corrections file that cannot be read, a value that is not one,
        or a decision about an article not among ``articles``.

    Examples
    --------
    >>> from bordermap.geo.records import Article
    >>> a = Article("a1", "Rockets hit Kap Choeng district of Surin, killing two.")
    >>> cols = ["event_type", "adm1_iso", "precision", "killed_best"]
    >>> extract([a])[cols].values.tolist()
    [['shelling', 'TH-32', 'admin2', 2]]
    """
    layers = _boundaries(countries, boundaries)
    review = None if corrections is None else load_review(corrections, layers)
    own = review is not None and review is not corrections
    incidents, read = [], 0
    pairs = extract_by_article(
        articles, boundaries=layers, jobs=jobs, reading=reading, review=review
    )
    for _, incs in pairs:
        incidents.extend(incs)
        read += 1
    if own:  # a Review handed in is the caller's to finish (several runs, one file)
        review.finish()
    return confident(incidents_table(incidents, layers, read, review), min_confidence)


def incidents_table(
    incidents: list, layers: Boundaries, read: int, review: Review | None = None
) -> gpd.GeoDataFrame:
    """Merge the articles' incidents across articles and join them to the provinces.

    ``attrs["articles"]`` is ``read``; ``attrs["unapplied"]`` the decisions of
    ``review`` that found no incident.
    """
    frame = join_boundaries(incidents_frame(merge_reports(incidents)), layers.admin1)
    frame.attrs["articles"] = read  # those that gave nothing are counted too
    if review is not None:
        frame.attrs["unapplied"] = [d.as_dict() for d in review.unapplied]
    return frame


def load_review(
    corrections: str | os.PathLike | Sequence[Decision] | Review, layers: Boundaries
) -> Review:
    """Read (if a path) and check a corrections file against a border's provinces."""
    if isinstance(corrections, Review):
        return corrections
    decisions = (
        read_corrections(corrections)
        if isinstance(corrections, str | os.PathLike)
        else list(corrections)
    )
    return Review(decisions, layers.admin1, _gazetteer(layers))


def apply_corrections(
    incidents: Iterable[tuple[Article, list]],
    corrections: str | os.PathLike | Sequence[Decision],
    *,
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    boundaries: Boundaries | None = None,
) -> gpd.GeoDataFrame:
    r"""Apply a reviewer's corrections to the incidents of each article.

    Parameters
    ----------
    incidents : iterable of (Article, list of Incident)
        Each article with its own incidents, as :func:`extract_by_article`
        gives them (before reports are merged across articles).
    corrections : path or sequence of Decision
        A corrections file (CSV or JSON Lines; README, "Reviewing incidents").
    countries, boundaries
        The border whose provinces a decision may name.

    Returns
    -------
    geopandas.GeoDataFrame
        As :func:`extract` returns it, with every decision applied: dropped
        incidents left out, added ones in, corrected figures in the province
        totals, each reviewed incident's changes in ``review``.

    Raises
    ------
    CorrectionsError
        As for :func:`extract`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> a = Article("a1", "Rockets hit Kap Choeng district of Surin, killing two.")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "corrections.csv"
    >>> _ = p.write_text("article,quote,type,action,field,new,reviewer\n"
    ...     "a1,\"Rockets hit Kap Choeng district of Surin, killing two.\","
    ...     "shelling,set,killed_best,3,Dara\n")
    >>> frame = apply_corrections(extract_by_article([a]), p)
    >>> frame[["killed_best", "killed_stated"]].values.tolist()
    [[3, '3']]
    """
    layers = _boundaries(countries, boundaries)
    review = load_review(corrections, layers)
    out, read = [], 0
    for article, incs in incidents:
        out.extend(review.apply(article, incs))
        read += 1
    review.finish()
    return incidents_table(out, layers, read, review)


def aggregate(
    incidents: gpd.GeoDataFrame,
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    *,
    boundaries: Boundaries | None = None,
) -> gpd.GeoDataFrame:
    """Per-province totals of the border provinces (and any other province hit).

    See :func:`bordermap.geo.tables.aggregate.aggregate_by_province` for the rules.
    """
    return aggregate_by_province(incidents, _boundaries(countries, boundaries).admin1)


def totals(incidents: gpd.GeoDataFrame) -> pd.DataFrame:
    """List the figures that belong to no province.

    See :func:`bordermap.geo.tables.aggregate.border_totals`.
    """
    return border_totals(incidents)


def make_map(
    incidents: gpd.GeoDataFrame,
    provinces: gpd.GeoDataFrame | None = None,
    *,
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    boundaries: Boundaries | None = None,
    title: str | None = None,
    tiles: str | None = "OpenStreetMap",
    offline: bool = False,
) -> folium.Map:
    """Draw the interactive map of incidents.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        From :func:`extract`.
    provinces : geopandas.GeoDataFrame, optional
        From :func:`aggregate`; computed when omitted.
    countries : sequence of str
        The two countries of the border; the map frames their border provinces.
    boundaries : Boundaries, optional
        The border's layers; default: the bundled layers of ``countries``.
    title : str, optional
        Map title; default names the border.
    tiles : str or None
        Web basemap; ``None`` for none (the bundled boundaries are drawn instead).
    offline : bool
        A self-contained page: Leaflet inline, the bundled boundaries as the
        basemap, no network request when it is opened.

    Returns
    -------
    folium.Map
        Displays inline in Jupyter; write it with :func:`bordermap.save_html`.
    """
    layers = _boundaries(countries, boundaries)
    tables = map_tables(
        incidents,
        layers,
        provinces,
        title=title,
        background=offline or tiles is None,
    )
    return build_map(tables, offline=offline, tiles=tiles)


def save_static_map(
    incidents: gpd.GeoDataFrame,
    path: str | os.PathLike,
    provinces: gpd.GeoDataFrame | None = None,
    *,
    countries: Sequence[str] = BUNDLED_COUNTRIES,
    boundaries: Boundaries | None = None,
    title: str | None = None,
) -> Path:
    """Write a static map for reports (``.png``, ``.svg`` or ``.pdf``).

    The same overlays, legend, border-wide figures and attributions as the
    interactive map; the bundled boundaries are the basemap. Same input, same
    bytes.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
    path : str or path-like
        Its extension picks the format.
    provinces : geopandas.GeoDataFrame, optional
    countries, boundaries, title
        As for :func:`make_map`.

    Returns
    -------
    pathlib.Path
    """
    layers = _boundaries(countries, boundaries)
    return save_static(path, map_tables(incidents, layers, provinces, title=title))
