"""UCDP GED (Georeferenced Event Dataset) CSV, versions 20.1 to 25.1: read and write.

Reading (one GED event → one incident):

=====================  ==========================================================
GED                    bordermap
=====================  ==========================================================
``id``                 ``native_id``; ``id`` is ``ucdp-<id>``
``best/low/high``      ``killed_best/low/high`` (``exact`` when the three agree,
                       else ``estimate``)
``deaths_a/b/...``     kept as ``ucdp_deaths_a``, ``_b``, ``_civilians``, ``_unknown``
``date_start/_end``    ``date`` / ``date_end`` (``date_prec`` kept)
``where_prec``         1–2 ``site``, 3 ``admin2``, 4 ``admin1``, 5 ``border``,
                       6 ``country``, 7 ``unknown`` (water or airspace)
``type_of_violence``   1, 2 ``armed_clash``; 3 (one-sided) ``attack_on_civilians``
``side_a/side_b``      kept; ``dyad_name`` is the attribution
``source_headline``    ``title``; ``source_article`` and ``source_office`` kept
``adm_1/adm_2``        ``adm1_name``/``adm2_name`` (GED's own names); the province
                       code comes from the spatial join
=====================  ==========================================================

Writing: :func:`to_ged` gives bordermap's incidents in GED's 49 columns, then
``bordermap_*`` columns for what GED cannot hold (wounded, displaced, quotes,
bordermap's type and province). Running totals and planned events are not
events and are not written.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np
import pandas as pd

from bordermap.errors import DatasetError
from bordermap.geo.places.countries import country_names, name_key
from bordermap.geo.records import EVENT_TYPES
from bordermap.geo.sources.datasets.frame import (
    Columns,
    counts_columns,
    events_only,
    point_xy,
    recode,
)
from bordermap.geo.sources.datasets.tables import days, numbers

__all__ = ["GED_COLUMNS", "country_iso3", "ged_columns", "text", "to_ged"]

logger = logging.getLogger(__name__)

#: GED's columns, in GED's order (version 23.1).
GED_COLUMNS = (
    "id relid year active_year code_status type_of_violence conflict_dset_id "
    "conflict_new_id conflict_name dyad_dset_id dyad_new_id dyad_name side_a_dset_id "
    "side_a_new_id side_a side_b_dset_id side_b_new_id side_b number_of_sources "
    "source_article source_office source_date source_headline source_original "
    "where_prec where_coordinates where_description adm_1 adm_2 latitude longitude "
    "geom_wkt priogrid_gid country country_id region event_clarity date_prec "
    "date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown best high "
    "low gwnoa gwnob"
).split()
REQUIRED = (
    "id",
    "type_of_violence",
    "where_prec",
    "latitude",
    "longitude",
    "date_start",
    "best",
)
_PRECISION = {
    "1": "site",
    "2": "site",
    "3": "admin2",
    "4": "admin1",
    "5": "border",
    "6": "country",
    "7": "unknown",
}
_TYPES = {"1": "armed_clash", "2": "armed_clash", "3": "attack_on_civilians"}
_KEPT = (
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "side_a",
    "side_b",
    "conflict_name",
    "type_of_violence",
    "where_prec",
    "date_prec",
    "source_article",
    "source_office",
)
#: GED country names that are not the world layer's ("DR Congo (Zaire)" is read
#: without its brackets).
_GED_COUNTRIES = {"congo": "COG"}


def text(table: pd.DataFrame, column: str) -> pd.Series | None:
    """Return a text column as it is (None: the file has no such column)."""
    return table[column] if column in table.columns else None


def _number(table: pd.DataFrame, column: str) -> np.ndarray:
    if column not in table.columns:
        return np.full(len(table), np.nan)
    return numbers(table[column])


def _iso3_of(name: str) -> str | None:
    bare = re.sub(r"\s*\(.*?\)", "", name).strip()
    if re.fullmatch(r"[A-Z]{3}", bare):  # an ISO3 code (a file bordermap wrote)
        return bare
    key = name_key(bare)
    return _GED_COUNTRIES.get(key) or country_names().get(key)


def country_iso3(names: pd.Series):
    """ISO3 of country names or codes ("DR Congo (Zaire)" → COD); missing if unknown."""
    return recode(names, _iso3_of)


def _event_types(table: pd.DataFrame, source: str):
    """Give each event bordermap's type (a file bordermap wrote keeps its own)."""
    column = "type_of_violence"
    if "bordermap_event_type" in table.columns:
        column = "bordermap_event_type"
        table = table.assign(
            bordermap_event_type=table[column].fillna(table["type_of_violence"])
        )
    types = recode(
        table[column], lambda v: _TYPES.get(v) or (v if v in EVENT_TYPES else None)
    )
    unknown = pd.isna(types)
    if unknown.any():
        logger.warning(
            "%s: %s event(s) with a type_of_violence other than 1, 2, 3: read as "
            "'other'",
            source,
            f"{int(unknown.sum()):,}",
        )
        types = pd.array(pd.Series(types).fillna("other"), dtype="str")
    return types


def _qualifiers(low: np.ndarray, best: np.ndarray, high: np.ndarray) -> np.ndarray:
    same = (low == best) & (high == best)
    return np.where(same, "exact", "estimate")


def ged_columns(table: pd.DataFrame, source: str | Path) -> Columns:
    """Read a GED table (every column as text) into bordermap's columns.

    Parameters
    ----------
    table : pandas.DataFrame
        The file as read by :func:`~bordermap.geo.sources.datasets.tables.read_table`.
    source : str or Path
        The file, for messages.

    Returns
    -------
    Columns

    Raises
    ------
    DatasetError
        If a required column is missing.
    """
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise DatasetError(
            f"{source}: looks like a UCDP GED file but has no {missing[0]!r} column; "
            "export the GED CSV with its standard columns"
        )
    native_id = table["id"].astype(str).str.strip()
    best, low, high = (_number(table, c) for c in ("best", "low", "high"))
    low = np.where(np.isnan(low), best, low)
    high = np.where(np.isnan(high), best, high)
    _check_order(low, best, high, source)
    values = {
        "id": "ucdp-" + native_id,
        "event_type": _event_types(table, str(source)),
        "precision": recode(
            table["where_prec"], lambda v: _PRECISION.get(v, "unknown")
        ),
        "place": text(table, "where_coordinates"),
        "site": text(table, "where_description"),
        "country_iso3": country_iso3(table["country"])
        if "country" in table.columns
        else None,
        "adm1_name": text(table, "adm_1"),
        "adm2_name": text(table, "adm_2"),
        "attribution": text(table, "dyad_name"),
        "title": text(table, "source_headline"),
        "source_file": str(source),
        **counts_columns("killed", low, best, high, _qualifiers(low, best, high)),
    }
    _restore_bordermap(table, values)
    native = {f"ucdp_{c}": table[c] for c in _KEPT if c in table.columns}
    return Columns(
        "UCDP GED",
        str(source),
        native_id,
        values,
        native,
        lon=_number(table, "longitude"),
        lat=_number(table, "latitude"),
        date=days(table["date_start"]),
        date_end=days(table.get("date_end", table["date_start"])),
    )


def _check_order(low, best, high, source: object) -> None:
    """Say so where a file's low, best and high are out of order (kept as given)."""
    wrong = (low > best) | (high < best)
    if wrong.any():
        logger.warning(
            "%s: %s event(s) with low above best or high below best: kept as the "
            "file gives them",
            source,
            f"{int(wrong.sum()):,}",
        )


def _restore_bordermap(table: pd.DataFrame, values: dict) -> None:
    """Take back the province, wounded and displaced of a file bordermap wrote."""
    for name in ("adm1_iso", "adm1_all", "quote", "url"):
        column = f"bordermap_{name}"
        if column in table.columns:
            values[name] = text(table, column)
    for kind in ("wounded", "displaced"):
        if f"bordermap_{kind}_best" not in table.columns:
            continue
        values.update(
            counts_columns(
                kind,
                _number(table, f"bordermap_{kind}_low"),
                _number(table, f"bordermap_{kind}_best"),
                _number(table, f"bordermap_{kind}_high"),
                text(table, f"bordermap_{kind}_qualifier"),
            )
        )


_WHERE_PREC = {"site": 1, "admin2": 3, "admin1": 4, "border": 5, "country": 6}
_VIOLENCE = {
    "armed_clash": 1,
    "shelling": 1,
    "air_strike": 1,
    "landmine_explosive": 1,
    "attack_on_civilians": 3,
}


def to_ged(incidents: pd.DataFrame) -> pd.DataFrame:
    """Write incidents in GED's columns, then ``bordermap_*`` columns.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        From :func:`bordermap.extract` (or :func:`bordermap.read_events`).

    Returns
    -------
    pandas.DataFrame
        GED's 49 columns in GED's order, then what GED cannot hold. A figure
        that is not known stays empty (GED would say 0). Non-violent events
        (talks, evacuations, arrests) have no ``type_of_violence``.

    Examples
    --------
    >>> import bordermap, datetime
    >>> a = bordermap.Article("a1", "Rockets hit Kap Choeng district of Surin, "
    ...     "killing two.", published=datetime.date(2025, 7, 24))
    >>> row = to_ged(bordermap.extract([a])).iloc[0]
    >>> int(row["where_prec"]), int(row["best"]), row["adm_1"]
    (3, 2, 'Surin')
    """
    events = events_only(incidents, "GED")
    n = len(events)
    lon, lat = point_xy(events)
    date = events["date"].dt.strftime("%Y-%m-%d %H:%M:%S")
    end = (
        events["date_end"].fillna(events["date"])
        if "date_end" in events.columns
        else events["date"]
    ).dt.strftime("%Y-%m-%d %H:%M:%S")
    out = pd.DataFrame(index=range(n), columns=list(GED_COLUMNS), dtype=object)
    out["id"] = events["id"].to_numpy()
    out["relid"] = events["article_id"].to_numpy()
    out["year"] = events["date"].dt.year.astype("Int64").to_numpy()
    out["code_status"] = "bordermap"
    violence = events["event_type"].map(_VIOLENCE)
    out["type_of_violence"] = violence.astype("Int64").to_numpy()
    out["dyad_name"] = events["attribution"].to_numpy()
    out["number_of_sources"] = events["n_sources"].to_numpy()
    out["source_article"] = events["url"].to_numpy()
    out["source_headline"] = events["title"].to_numpy()
    out["source_original"] = events["attribution"].to_numpy()
    where = events["precision"].map(_WHERE_PREC).fillna(6)
    out["where_prec"] = where.astype(int).to_numpy()
    out["where_coordinates"] = events["place"].to_numpy()
    out["where_description"] = events["site"].to_numpy()
    out["adm_1"] = events["adm1_name"].to_numpy()
    out["adm_2"] = events["adm2_name"].to_numpy()
    out["latitude"] = np.round(lat, 6)
    out["longitude"] = np.round(lon, 6)
    out["geom_wkt"] = [
        None if np.isnan(x) else f"POINT ({x:.6f} {y:.6f})"
        for x, y in zip(lon, lat, strict=True)
    ]
    out["country"] = events["country_iso3"].to_numpy()
    out["event_clarity"] = 1
    out["date_prec"] = 1
    out["date_start"] = date.to_numpy()
    out["date_end"] = end.to_numpy()
    for bound in ("best", "low", "high"):
        out[bound] = events[f"killed_{bound}"].to_numpy()
    out["deaths_unknown"] = events["killed_best"].to_numpy()
    for name in ("event_type", "adm1_iso", "adm1_all", "quote", "url"):
        out[f"bordermap_{name}"] = events[name].to_numpy()
    out["bordermap_killed_qualifier"] = events["killed_qualifier"].to_numpy()
    for kind in ("wounded", "displaced"):
        for field in ("low", "best", "high", "qualifier", "quote"):
            out[f"bordermap_{kind}_{field}"] = events[f"{kind}_{field}"].to_numpy()
    return out
