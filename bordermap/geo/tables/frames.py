"""Incidents as a GeoDataFrame, and their join with admin-1 polygons."""

from __future__ import annotations

import json
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from bordermap.errors import BoundaryError
from bordermap.geo.places.spatial import points_in_polygons
from bordermap.geo.records import Count, Incident

__all__ = [
    "COUNT_KINDS",
    "apply_hits",
    "confident",
    "frame_columns",
    "in_several_provinces",
    "incidents_frame",
    "join_boundaries",
]

COUNT_KINDS = ("killed", "wounded", "displaced")
_CRS = "EPSG:4326"


def _count_columns(kind: str, count: Count | None) -> dict:
    if count is None:
        return {
            f"{kind}_{f}": None
            for f in (
                "low",
                "best",
                "high",
                "qualifier",
                "stated",
                "victims_country",
                "victims_group",
                "quote",
            )
        }
    return {
        f"{kind}_low": count.low,
        f"{kind}_best": count.best,
        f"{kind}_high": count.high,
        f"{kind}_qualifier": count.qualifier,
        f"{kind}_stated": None if count.stated is None else str(count.stated),
        f"{kind}_victims_country": count.victims_country,
        f"{kind}_victims_group": count.victims_group,
        f"{kind}_quote": count.quote.text if count.quote else None,
    }


def _row(inc: Incident) -> dict:
    first = inc.sources[0] if inc.sources else None
    row = {
        "id": inc.id,
        "article_id": inc.article_id,
        "event_type": inc.event_type,
        "scope": inc.scope,
        "planned": inc.planned,
        "date": pd.Timestamp(inc.date) if inc.date else pd.NaT,
        "date_text": inc.date_text or None,
        "precision": str(inc.precision),
        "place": inc.place_name or None,
        "country_iso3": inc.country_iso3,
        "adm1_iso": inc.admin1_iso[0] if len(inc.admin1_iso) == 1 else None,
        "adm1_all": ";".join(inc.admin1_iso) or None,
        "adm1_name": "; ".join(inc.admin1_name) or None,
        "adm2_name": "; ".join(inc.admin2_name) or None,
        "site": inc.site or None,
        "attribution": inc.attribution or None,
        "confidence": inc.confidence,
    }
    for kind in COUNT_KINDS:
        row.update(_count_columns(kind, getattr(inc, kind)))
    row.update(
        {
            "other_counts": json.dumps(
                {k: c.as_dict() for k, c in inc.other_counts.items()},
                sort_keys=True,
                ensure_ascii=False,
            )
            if inc.other_counts
            else None,
            "quote": inc.quote.text if inc.quote else None,
            "quote_start": inc.quote.start if inc.quote else None,
            "quote_end": inc.quote.end if inc.quote else None,
            "title": first.title or None if first else None,
            "url": first.url or None if first else None,
            "source_file": first.file or None if first else None,
            "n_sources": len(inc.sources),
            "sources": json.dumps(
                [
                    {
                        "article_id": s.article_id,
                        "title": s.title,
                        "url": s.url,
                        "published": s.published.isoformat() if s.published else None,
                        **{
                            k: getattr(s, k).as_dict()
                            for k in COUNT_KINDS
                            if getattr(s, k)
                        },
                    }
                    for s in inc.sources
                ],
                sort_keys=True,
                ensure_ascii=False,
            ),
            "review": json.dumps(
                [c.as_dict() for c in inc.review], sort_keys=True, ensure_ascii=False
            )
            if inc.review
            else None,
        }
    )
    return row


_INT_COLUMNS = [f"{k}_{f}" for k in COUNT_KINDS for f in ("low", "best", "high")]


def incidents_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """One row per incident, with a point where the precision allows one.

    Parameters
    ----------
    incidents : iterable of Incident

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326; the point is the site, district or province point by
        precision, and empty for ``border``, ``country`` and ``unknown``. Counts
        are split into ``killed_low``/``_best``/``_high``/``_qualifier``/
        ``_stated``/``_quote`` (nullable integers where numeric). Sorted by id.

    Examples
    --------
    >>> incidents_frame([]).crs.to_string()
    'EPSG:4326'
    """
    incidents = sorted(incidents, key=lambda i: i.id)
    rows = [_row(i) for i in incidents]
    located = {"site", "admin2", "admin1"}
    points = [
        shapely.Point(i.lon, i.lat)
        if str(i.precision) in located and i.lat is not None
        else None
        for i in incidents
    ]
    frame = pd.DataFrame(rows, columns=list(_row_template()))
    for col in _INT_COLUMNS:
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    frame["date"] = pd.to_datetime(frame["date"])
    for col in ("planned",):
        frame[col] = frame[col].astype(bool)
    frame["n_sources"] = frame["n_sources"].astype("int64")
    frame["confidence"] = frame["confidence"].astype("float64")
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(points, crs=_CRS), crs=_CRS)


def _row_template() -> dict:
    from bordermap.geo.records import Precision

    return _row(
        Incident(
            "",
            "",
            "other",
            "event",
            None,
            "",
            Precision.UNKNOWN,
            "",
            None,
            (),
            (),
            (),
            "",
            None,
            None,
            "",
            None,
            None,
            None,
        )
    )


def frame_columns() -> dict[str, str]:
    """List the incidents frame's columns in order, each with its kind of values.

    ``"Int64"`` (nullable integers), ``"datetime"``, ``"bool"``, ``"int64"``,
    ``"float64"`` (missing: NaN) or ``"object"`` (text, or missing).

    Examples
    --------
    >>> cols = frame_columns()
    >>> cols["killed_best"], cols["date"], cols["quote"]
    ('Int64', 'datetime', 'object')
    """
    special = {
        "date": "datetime",
        "planned": "bool",
        "n_sources": "int64",
        "confidence": "float64",
    }
    return {
        name: "Int64" if name in _INT_COLUMNS else special.get(name, "object")
        for name in _row_template()
    }


def confident(frame: gpd.GeoDataFrame, minimum: float | None) -> gpd.GeoDataFrame:
    """Keep the rows the extractor is at least ``minimum`` sure of.

    The ``--min-confidence`` of ``map`` and ``extract``.

    Rows without a confidence (coded events, an older file) and rows a reviewer
    added, corrected or kept stay; ``None`` keeps every row. The same rule as
    :func:`bordermap.geo.extract.confidence.sure_enough` over incidents.

    Examples
    --------
    >>> f = gpd.GeoDataFrame({"confidence": [0.2, 0.9, float("nan")]})
    >>> confident(f, 0.5)["confidence"].tolist()
    [0.9, nan]
    """
    if minimum is None or "confidence" not in frame.columns:
        return frame
    keep = frame["confidence"].isna() | (frame["confidence"] >= minimum)
    if "review" in frame.columns:
        keep |= frame["review"].notna()
    out = frame[keep.to_numpy()].reset_index(drop=True)
    out.attrs = dict(frame.attrs)
    return out


def in_several_provinces(frame: pd.DataFrame) -> pd.Series:
    """Rows placed in more than one province (a disputed site, "Batken and Sughd").

    ``adm1_iso`` is set exactly when an incident is in one province; ``adm1_all``
    lists every province it is in.
    """
    return frame["adm1_iso"].isna() & frame["adm1_all"].notna()


def join_boundaries(
    incidents: gpd.GeoDataFrame, adm1: gpd.GeoDataFrame, adm1_column: str = "adm1_iso"
) -> gpd.GeoDataFrame:
    """Join incident points with admin-1 polygons.

    The province a named place belongs to comes from the gazetteer
    (``adm1_iso``); the two countries' layers overlap along the border, so a
    point there may fall in a polygon of the wrong country. The spatial join is
    kept as ``adm1_spatial`` and used only for incidents without a gazetteer
    province; ``adm1_agrees`` flags where the two disagree.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        From :func:`incidents_frame`.
    adm1 : geopandas.GeoDataFrame
        Admin-1 polygons with a code column.
    adm1_column : str
        Name of the code column in ``adm1``.

    Returns
    -------
    geopandas.GeoDataFrame
        ``incidents`` with ``adm1_spatial`` and ``adm1_agrees`` added.

    Raises
    ------
    BoundaryError
        If ``adm1`` lacks the code column.
    """
    if adm1_column not in adm1.columns:
        raise BoundaryError(
            f"boundaries have no column {adm1_column!r}; pass adm1_column= one of "
            f"{[c for c in adm1.columns if c != 'geometry']}"
        )
    polygons = adm1.to_crs(incidents.crs)
    codes = polygons[adm1_column].astype(object).to_numpy()
    geoms = incidents.geometry.values
    valid = np.flatnonzero(~(shapely.is_missing(geoms) | shapely.is_empty(geoms)))
    hit_point, hit_polygon = points_in_polygons(geoms[valid], polygons.geometry.values)
    return apply_hits(incidents, valid[hit_point], codes[hit_polygon])


def apply_hits(
    incidents: gpd.GeoDataFrame, point: np.ndarray, found: np.ndarray
) -> gpd.GeoDataFrame:
    """Finish :func:`join_boundaries` from (row position, polygon code) hits.

    Shared with the dask engine, whose spatial join runs on the workers. A point
    in two polygons (the countries' layers overlap along the border) takes the
    gazetteer's province when it is one of them, else the smallest code, so the
    result does not depend on the order of the hits.
    """
    point = np.asarray(point, dtype=np.int64)
    found = np.asarray(found, dtype=object)
    order = np.argsort(point, kind="stable")
    point, found = point[order], found[order]
    named_all = incidents["adm1_iso"].astype(object).to_numpy()
    spatial = np.full(len(incidents), None, dtype=object)
    spatial[point] = found
    # a point in the overlap of two layers matches twice (few points): the
    # gazetteer's province if it is one of the hits, else the smallest code
    twice = np.unique(point[1:][point[1:] == point[:-1]])
    starts = np.searchsorted(point, twice, side="left")
    ends = np.searchsorted(point, twice, side="right")
    for row, start, end in zip(twice, starts, ends, strict=True):
        hits = found[start:end].tolist()
        spatial[row] = named_all[row] if named_all[row] in hits else min(hits)
    out = incidents.copy(deep=False)  # copy-on-write: new columns, shared data
    out["adm1_spatial"] = spatial
    has_spatial = spatial != None  # noqa: E711 - element-wise on an object array
    has_named = pd.notna(named_all) & has_spatial
    agrees = np.where(has_named, named_all == spatial, False)
    out["adm1_agrees"] = pd.arrays.BooleanArray(agrees, ~has_named)
    fill = pd.isna(named_all) & incidents["adm1_all"].isna().to_numpy() & has_spatial
    if fill.any():
        named_all = named_all.copy()
        named_all[fill] = spatial[fill]
        out["adm1_iso"] = pd.array(named_all, dtype=incidents["adm1_iso"].dtype)
    return out
