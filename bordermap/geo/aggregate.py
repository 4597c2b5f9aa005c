"""Totals per province, and the border-wide totals that belong to no province.

Rules (the numbers must stay honest):

* Only ``scope == "event"`` incidents that are not planned are summed per
  province; running totals ("the toll rose to 21") are never added to events.
* Only incidents located in exactly one province add their counts to it; an
  incident placed in two provinces (a disputed site) counts as an incident in
  both but its casualties go to ``unallocated`` rather than being split.
* ``border``, ``country`` and ``unknown`` incidents never reach a province.
* ``low`` sums the lower bounds (a missing bound counts 0), ``best`` sums the
  best figures given, ``high`` is the sum of upper bounds, or missing as soon as
  one summed count has no upper bound.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from bordermap.geo.frames import COUNT_KINDS
from bordermap.geo.records import EVENT_TYPES

__all__ = ["aggregate_by_province", "border_totals"]

_LOCATED = ("site", "admin2", "admin1")


def _sum_bounds(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Low / best / high totals of one kind per ``adm1_iso`` group."""
    sub = frame[frame[f"{kind}_qualifier"].notna()]
    keys = sub["adm1_iso"].to_numpy()
    values = pd.DataFrame(
        {
            f: sub[f"{kind}_{f}"].astype("float64").to_numpy()
            for f in ("low", "best", "high")
        }
    )
    values["open"] = np.isnan(values["high"].to_numpy())
    grouped = values.groupby(keys, sort=True)
    out = pd.DataFrame(
        {
            f"{kind}_low": grouped["low"].sum(min_count=1).fillna(0),
            f"{kind}_best": grouped["best"].sum(min_count=1),
            f"{kind}_high": grouped["high"].sum(min_count=1),
            f"{kind}_reports": grouped.size(),
        }
    )
    # a sum of upper bounds is missing as soon as one count has none
    out.loc[grouped["open"].any(), f"{kind}_high"] = np.nan
    return out


def aggregate_by_province(
    incidents: gpd.GeoDataFrame, adm1: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Per-province incident counts and casualty totals.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        From :func:`bordermap.geo.frames.join_boundaries` (or
        :func:`~bordermap.geo.frames.incidents_frame`).
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
    >>> from bordermap.geo.boundaries import load_admin1
    >>> from bordermap.geo.frames import incidents_frame
    >>> out = aggregate_by_province(incidents_frame([]), load_admin1())
    >>> int(out["incidents"].sum()), len(out)
    (0, 14)
    """
    columns = ["adm1_iso", "adm1_all", "event_type"] + [
        f"{k}_{f}" for k in COUNT_KINDS for f in ("low", "best", "high", "qualifier")
    ]
    events = pd.DataFrame(
        incidents.loc[
            (incidents["scope"] == "event")
            & ~incidents["planned"].astype(bool)
            & incidents["precision"].isin(_LOCATED),
            columns,
        ]
    )
    # adm1_iso is set only for an incident in exactly one province; the others
    # (a disputed site named with two provinces) are few: split only those
    single = events[events["adm1_iso"].notna()]
    shared = events[events["adm1_iso"].isna() & events["adm1_all"].notna()]
    placed = pd.concat(
        [
            single[["adm1_iso", "event_type"]],
            shared.assign(adm1_iso=shared["adm1_all"].str.split(";")).explode(
                "adm1_iso"
            )[["adm1_iso", "event_type"]],
        ]
    )
    counts = (
        placed.groupby(["adm1_iso", "event_type"], observed=True, sort=True)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(EVENT_TYPES), fill_value=0)
        .add_prefix("n_")
    )
    counts.insert(0, "incidents", counts.sum(axis=1))
    totals = [_sum_bounds(single, kind) for kind in COUNT_KINDS]
    table = counts.join(totals, how="outer")
    keep = adm1["border"].astype(bool) | adm1["adm1_iso"].isin(table.index)
    base = adm1.loc[keep, ["adm1_iso", "adm1_name", "adm0_iso3", "border", "geometry"]]
    out = base.merge(table, left_on="adm1_iso", right_index=True, how="left")
    for col in out.columns:
        if col.startswith("n_") or col == "incidents" or col.endswith("_reports"):
            out[col] = out[col].fillna(0).astype("int64")
        elif col.endswith(("_low", "_best", "_high")):
            out[col] = pd.array(out[col].tolist(), dtype="Int64")
    for kind in COUNT_KINDS:
        for f in ("low", "best", "high", "reports"):
            col = f"{kind}_{f}"
            if col not in out.columns:
                out[col] = (
                    0 if f == "reports" else pd.array([pd.NA] * len(out), dtype="Int64")
                )
    out = out.sort_values("adm1_iso").reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=adm1.crs)


def border_totals(incidents: gpd.GeoDataFrame) -> pd.DataFrame:
    """List the counts that belong to no province: border-wide, country, unplaced.

    Running totals are not added up: for each kind the table shows every
    reported total, largest first, so that the reader sees the figure and its
    hedge as written. Event-level counts located along the border are listed too.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``kind``, ``scope``, ``precision``, ``country_iso3``,
        ``qualifier``, ``stated``, ``low``, ``best``, ``high``, ``quote``,
        ``incident_id``, ``title``.
    """
    rows = []
    unplaced = incidents[
        ~incidents["precision"].isin(_LOCATED) & ~incidents["planned"].astype(bool)
    ]
    for _, inc in unplaced.iterrows():
        for kind in COUNT_KINDS:
            if pd.isna(inc[f"{kind}_qualifier"]):
                continue
            rows.append(
                {
                    "kind": kind,
                    "scope": inc["scope"],
                    "precision": inc["precision"],
                    "country_iso3": inc[f"{kind}_victims_country"]
                    or inc["country_iso3"],
                    "qualifier": inc[f"{kind}_qualifier"],
                    "stated": inc[f"{kind}_stated"],
                    "low": inc[f"{kind}_low"],
                    "best": inc[f"{kind}_best"],
                    "high": inc[f"{kind}_high"],
                    "quote": inc[f"{kind}_quote"],
                    "incident_id": inc["id"],
                    "title": inc["title"],
                }
            )
    columns = [
        "kind",
        "scope",
        "precision",
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
    table = pd.DataFrame(rows, columns=columns)
    for col in ("low", "best", "high"):
        table[col] = pd.array(table[col].tolist(), dtype="Int64")
    order = {k: i for i, k in enumerate(COUNT_KINDS)}
    table["_k"] = table["kind"].map(order)
    table["_b"] = table["best"].fillna(-1)
    table = table.sort_values(
        ["_k", "scope", "_b", "incident_id"], ascending=[True, True, False, True]
    )
    return table.drop(columns=["_k", "_b"]).reset_index(drop=True)
