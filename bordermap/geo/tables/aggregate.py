"""Totals per province, and the border-wide totals that belong to no province.

Rules (the numbers must stay honest):

* Only ``scope == "event"`` incidents that are not planned are summed per
  province; running totals ("the toll rose to 21") are never added to events.
* Only incidents located in exactly one province add their counts to it; an
  incident placed in two provinces (a disputed site) counts as an incident in
  both, but its casualties are not split between them: they are listed with
  the figures that belong to no province (:func:`border_totals`).
* ``border``, ``country`` and ``unknown`` incidents never reach a province.
* The same figure is never counted twice on a province: where two event
  incidents of one article give the same kind of count with the same figure
  on the same day in the same province (one event told twice that the
  extractor did not merge), the figure is added once (:func:`repeated_figures`)
  and a warning names the incidents.
* ``low`` sums the lower bounds (a missing bound counts 0), ``best`` sums the
  best figures given, ``high`` is the sum of upper bounds, or missing as soon as
  one summed count has no upper bound.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd

from bordermap.geo.records import EVENT_TYPES
from bordermap.geo.tables.frames import COUNT_KINDS, in_several_provinces

__all__ = ["aggregate_by_province", "border_totals", "repeated_figures"]

logger = logging.getLogger(__name__)

_LOCATED = ("site", "admin2", "admin1")
_BOUNDS = ("low", "best", "high")


def _positions(column: pd.Series, values) -> np.ndarray:
    """Position of each entry of a text column in ``values`` (-1: not there)."""
    codes, uniques = pd.factorize(column)
    index = {v: i for i, v in enumerate(values)}
    lookup = np.array([index.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
    return lookup[codes]


def _floats(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="float64", na_value=np.nan)


def repeated_figures(incidents: pd.DataFrame, kind: str) -> np.ndarray:
    """Mark counts that repeat another incident's figure from the same article.

    A count repeats when an earlier event incident of the same article gives
    the same kind with the same qualifier and best figure, on the same day, in
    the same single province: one event told twice. Figures without a number
    ("soldiers were wounded") never repeat.

    Parameters
    ----------
    incidents : pandas.DataFrame
        Incident rows (``article_id``, ``scope``, ``date``, ``adm1_iso`` and the
        ``<kind>_*`` count columns).
    kind : {"killed", "wounded", "displaced"}

    Returns
    -------
    numpy.ndarray of bool
        True for every repeat after the first telling.

    Examples
    --------
    >>> rows = pd.DataFrame({"article_id": ["a", "a", "b"], "scope": "event",
    ...     "date": "2025-07-24", "adm1_iso": "TH-32", "killed_best": [3, 3, 3],
    ...     "killed_qualifier": "exact"})
    >>> repeated_figures(rows, "killed").tolist()
    [False, True, False]
    """
    best = incidents[f"{kind}_best"]
    keyed = (
        incidents["scope"].eq("event")
        & best.notna()
        & incidents["date"].notna()
        & incidents["adm1_iso"].notna()
    ).to_numpy(dtype=bool)
    key = pd.DataFrame(
        {
            "article": incidents["article_id"].to_numpy()[keyed],
            "date": incidents["date"].to_numpy()[keyed],
            "province": incidents["adm1_iso"].to_numpy()[keyed],
            "qualifier": incidents[f"{kind}_qualifier"].to_numpy()[keyed],
            "best": best.to_numpy()[keyed],
        }
    )
    out = np.zeros(len(incidents), dtype=bool)
    out[np.flatnonzero(keyed)[key.duplicated().to_numpy()]] = True
    return out


def _sum_bounds(
    incidents: pd.DataFrame, kind: str, rows: np.ndarray, keys: np.ndarray, n: int
) -> dict[str, np.ndarray]:
    """Low / best / high totals of one kind over ``rows``, per province key."""
    repeats = repeated_figures(incidents, kind)
    if repeats[rows].any():
        logger.warning(
            "the same %s figure is told twice on one day in one province by one "
            "article (%s); it is added once",
            kind,
            ", ".join(incidents["id"].to_numpy()[rows][repeats[rows]].astype(str)),
        )
    first_telling = ~repeats[rows]
    rows, keys = rows[first_telling], keys[first_telling]
    has = incidents[f"{kind}_qualifier"].notna().to_numpy()[rows]
    k = keys[has]

    def total(values: np.ndarray) -> np.ndarray:
        given = ~np.isnan(values)
        out = np.bincount(k, np.where(given, values, 0.0), minlength=n).astype(float)
        # like a sum with min_count=1: missing where no count gave this bound
        out[np.bincount(k, weights=given, minlength=n) == 0] = np.nan
        return out

    bounds = {b: _floats(incidents[f"{kind}_{b}"])[rows][has] for b in _BOUNDS}
    low, best, high = (total(bounds[b]) for b in _BOUNDS)
    reports = np.bincount(k, minlength=n)
    low[np.isnan(low) & (reports > 0)] = 0.0
    # a sum of upper bounds is missing as soon as one count has none
    high[np.bincount(k, weights=np.isnan(bounds["high"]), minlength=n) > 0] = np.nan
    return {
        f"{kind}_low": low,
        f"{kind}_best": best,
        f"{kind}_high": high,
        f"{kind}_reports": reports,
    }


def aggregate_by_province(
    incidents: gpd.GeoDataFrame, adm1: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Per-province incident counts and casualty totals.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        From :func:`bordermap.geo.tables.frames.join_boundaries` (or
        :func:`~bordermap.geo.tables.frames.incidents_frame`).
    adm1 : geopandas.GeoDataFrame
        Admin-1 polygons with ``adm1_iso``, ``adm1_name``, ``adm0_iso3`` and
        ``border`` columns.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per border province and per other province with an incident:
        ``incidents``, ``n_<event type>``, ``killed_low/best/high``,
        ``wounded_...``, ``displaced_...`` (nullable integers), ``*_reports``,
        sorted by ``adm1_iso``.

    Examples
    --------
    >>> from bordermap.geo.places.boundaries import load_admin1
    >>> from bordermap.geo.tables.frames import incidents_frame
    >>> out = aggregate_by_province(incidents_frame([]), load_admin1())
    >>> int(out["incidents"].sum()), len(out)
    (0, 14)
    """
    counted = (
        (_positions(incidents["scope"], ["event"]) == 0)
        & ~incidents["planned"].to_numpy(dtype=bool)
        & (_positions(incidents["precision"], _LOCATED) >= 0)
    )
    keys, found = pd.factorize(incidents["adm1_iso"], sort=True)
    types = _positions(incidents["event_type"], EVENT_TYPES)
    single = np.flatnonzero(counted & (keys >= 0))
    # adm1_iso is set only for an incident in exactly one province; the others
    # (a disputed site named with two provinces) are few: split only those
    adm1_all = incidents["adm1_all"]
    shared = np.flatnonzero(counted & in_several_provinces(incidents).to_numpy())
    shared_codes = [adm1_all.iat[r].split(";") for r in shared]
    shared_flat = [code for codes in shared_codes for code in codes]
    names = np.array(sorted(set(found) | set(shared_flat)), dtype=object)
    n, n_types = len(names), len(EVENT_TYPES)
    single_keys = np.searchsorted(names, np.asarray(found, dtype=object))[keys[single]]
    place_keys = np.concatenate(
        [single_keys, np.searchsorted(names, shared_flat)]
    ).astype(np.int64)
    place_types = np.concatenate(
        [types[single], np.repeat(types[shared], [len(c) for c in shared_codes])]
    )
    known = place_types >= 0
    grid = np.bincount(
        place_keys[known] * n_types + place_types[known], minlength=n * n_types
    ).reshape(n, n_types)
    table = pd.DataFrame(grid, columns=[f"n_{t}" for t in EVENT_TYPES])
    table.insert(0, "incidents", grid.sum(axis=1))
    for kind in COUNT_KINDS:
        for col, values in _sum_bounds(incidents, kind, single, single_keys, n).items():
            table[col] = values
    table.index = pd.Index(names, name="adm1_iso")
    table = table[np.bincount(place_keys, minlength=n) > 0]
    keep = adm1["border"].astype(bool) | adm1["adm1_iso"].isin(table.index)
    base = adm1.loc[keep, ["adm1_iso", "adm1_name", "adm0_iso3", "border", "geometry"]]
    out = base.merge(table, left_on="adm1_iso", right_index=True, how="left")
    for col in table.columns:
        if col.startswith("n_") or col == "incidents" or col.endswith("_reports"):
            out[col] = out[col].fillna(0).astype("int64")
        else:
            out[col] = pd.array(out[col].round(), dtype="Float64").astype("Int64")
    out = out.sort_values("adm1_iso").reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=adm1.crs)


def border_totals(incidents: gpd.GeoDataFrame) -> pd.DataFrame:
    """List the counts that belong to no province: border-wide, country, unplaced.

    Running totals are not added up: for each kind the table shows every
    reported total, largest first, so that the reader sees the figure and its
    hedge as written. Event-level counts located along the border are listed
    too, and so are those of an incident placed in several provinces (a disputed
    site), whose casualties no province's total holds.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``kind``, ``scope``, ``precision``, ``where`` (in words: "along
        the border", or the place and the provinces it lies in),
        ``country_iso3`` (the victims' side where the text states it: an ISO3
        code or ``"both"``; else empty), ``qualifier``, ``stated``, ``low``, ``best``,
        ``high``, ``quote``, ``incident_id``, ``title``.
    """
    located = incidents["precision"].isin(_LOCATED)
    unplaced = incidents[
        (~located | in_several_provinces(incidents))
        & ~incidents["planned"].astype(bool)
    ]
    where = _where(unplaced)
    parts = []
    for kind in COUNT_KINDS:
        given = unplaced[f"{kind}_qualifier"].notna().to_numpy()
        rows = unplaced[given]
        # whose dead or wounded: only as stated ("killed on its side",
        # "Thai soldiers"); the incident's country is not the victims' side
        victims = rows[f"{kind}_victims_country"].astype(object)
        stated = (victims.notna() & victims.ne("")).to_numpy(dtype=bool)
        victims = np.where(stated, victims.to_numpy(), None)
        part = pd.DataFrame(
            {
                "kind": kind,
                "scope": rows["scope"].to_numpy(),
                "precision": rows["precision"].to_numpy(),
                "where": where[given],
                "country_iso3": victims,
                "qualifier": rows[f"{kind}_qualifier"].to_numpy(),
                "stated": rows[f"{kind}_stated"].to_numpy(),
                **{
                    bound: pd.array(rows[f"{kind}_{bound}"], dtype="Int64")
                    for bound in _BOUNDS
                },
                "quote": rows[f"{kind}_quote"].to_numpy(),
                "incident_id": rows["id"].to_numpy(),
                "title": rows["title"].to_numpy(),
            },
            columns=_TOTALS_COLUMNS,
        )
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    for bound in _BOUNDS:
        table[bound] = table[bound].astype("Int64")
    order = {k: i for i, k in enumerate(COUNT_KINDS)}
    table["_k"] = table["kind"].map(order)
    table["_b"] = table["best"].fillna(-1)
    table = table.sort_values(
        ["_k", "scope", "_b", "incident_id"], ascending=[True, True, False, True]
    )
    return table.drop(columns=["_k", "_b"]).reset_index(drop=True)


_NAMES = ["site", "place", "adm1_name", "adm1_all"]
_TOTALS_COLUMNS = [
    "kind",
    "scope",
    "precision",
    "where",
    "country_iso3",
    "qualifier",
    "stated",
    "low",
    "best",
    "high",
    "quote",
    "incident_id",
    "title",
]
_WHERE = {
    "border": "along the border",
    "country": "in one country, no province given",
    "unknown": "place not given",
}


def _where(incidents: pd.DataFrame) -> np.ndarray:
    """Where each figure that is on no province was reported, in words."""
    words = incidents["precision"].map(_WHERE).to_numpy(dtype=object)
    for i in np.flatnonzero(pd.isna(words)):  # sites in several provinces: few
        text = [
            v if isinstance(v, str) and v else None for v in incidents[_NAMES].iloc[i]
        ]
        site, place, names, codes = text
        provinces = (names or codes or "").replace("; ", " and ").replace(";", " and ")
        words[i] = f"{site or place or 'a site'}, in {provinces}"
    return words
