"""ACLED export CSV: read and write.

Reading (one ACLED event → one incident). The 31-column export is read, and
older exports with ``data_id``, numeric ``iso`` and ``iso3``; ``inter1`` and
``inter2`` may be numbers or words.

================  ============================================================
ACLED             bordermap
================  ============================================================
event_id_cnty     ``native_id`` (``data_id`` when it is missing); ``id`` is
                  ``acled-<event_id_cnty>``
sub_event_type    event type (:data:`SUB_EVENT_TYPES`); an unknown one is
                  ``other``, counted in a warning
fatalities        killed, ``at_least``: ACLED codes the lowest reported figure,
                  so low = best = fatalities and high is unknown
geo_precision     1 ``site``, 2 ``admin2`` (a district or the town's
                  surroundings), 3 ``border`` (a wider region: never on a
                  province)
time_precision    1 the day; 2 the week (``date`` − 3 to + 3 days); 3 the month
event_date        ``date``; ``date_end`` by ``time_precision``
notes             ``quote``; ``source`` is the attribution
admin1/admin2     ``adm1_name``/``adm2_name``; the code from the spatial join
actor1/2, inter   kept as ``acled_actor1``, ``acled_inter1`` (as words), ...
================  ============================================================

Writing: :func:`to_acled` gives bordermap's incidents in the 31 export
columns, then ``bordermap_*`` columns for what ACLED cannot hold.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from bordermap.errors import DatasetError
from bordermap.geo.records import EVENT_TYPES
from bordermap.geo.sources.datasets.frame import (
    Columns,
    counts_columns,
    events_only,
    point_xy,
    recode,
)
from bordermap.geo.sources.datasets.tables import days, numbers
from bordermap.geo.sources.datasets.ucdp import country_iso3, text

__all__ = ["ACLED_COLUMNS", "SUB_EVENT_TYPES", "acled_columns", "to_acled"]

logger = logging.getLogger(__name__)

#: The 31 columns of an ACLED export, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty event_date year time_precision disorder_type event_type "
    "sub_event_type actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 "
    "interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes "
    "fatalities tags timestamp"
).split()
#: ACLED's sub-event types and bordermap's event types.
SUB_EVENT_TYPES = {
    "armed clash": "armed_clash",
    "government regains territory": "armed_clash",
    "non-state actor overtakes territory": "armed_clash",
    "shelling/artillery/missile attack": "shelling",
    "air/drone strike": "air_strike",
    "remote explosive/landmine/ied": "landmine_explosive",
    "suicide bomb": "landmine_explosive",
    "grenade": "landmine_explosive",
    "chemical weapon": "other",
    "attack": "attack_on_civilians",
    "sexual violence": "attack_on_civilians",
    "abduction/forced disappearance": "attack_on_civilians",
    "excessive force against protesters": "attack_on_civilians",
    "agreement": "ceasefire_agreement",
    "arrests": "arrest_prisoners",
    "peaceful protest": "other",
    "protest with intervention": "other",
    "violent demonstration": "other",
    "mob violence": "other",
    "change to group/activity": "other",
    "disrupted weapons use": "other",
    "headquarters or base established": "other",
    "looting/property destruction": "other",
    "non-violent transfer of territory": "other",
    "other": "other",
}
#: What ``inter1``/``inter2`` numbers mean in older exports.
INTER = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
_PRECISION = {"1": "site", "2": "admin2", "3": "border"}
_WEEK, _REQUIRED = 3, ("event_date", "latitude", "longitude", "geo_precision")


def _check(table: pd.DataFrame, source: object) -> None:
    missing = [c for c in _REQUIRED if c not in table.columns]
    if "sub_event_type" not in table.columns and "event_type" not in table.columns:
        missing.append("sub_event_type")
    if "event_id_cnty" not in table.columns and "data_id" not in table.columns:
        missing.append("event_id_cnty")
    if "fatalities" not in table.columns:
        missing.append("fatalities")
    if missing:
        raise DatasetError(
            f"{source}: looks like an ACLED export but has no {missing[0]!r} column; "
            "export it from ACLED with its standard columns"
        )


def _sub_event_type(value: str) -> str | None:
    return SUB_EVENT_TYPES.get(
        value.casefold(), value if value in EVENT_TYPES else None
    )


def _event_types(table: pd.DataFrame, source: object):
    column = "sub_event_type" if "sub_event_type" in table.columns else "event_type"
    written = table[column]
    if "bordermap_event_type" in table.columns:
        written = table["bordermap_event_type"].fillna(written)
    types = recode(written, _sub_event_type)
    unknown = pd.isna(types)
    if unknown.any():
        names = sorted(set(written[unknown].astype(str)))[:3]
        logger.warning(
            "%s: %s event(s) of sub-event types bordermap does not know (%s): read "
            "as 'other'",
            source,
            f"{int(unknown.sum()):,}",
            ", ".join(names),
        )
        types = pd.array(pd.Series(types).fillna("other"), dtype="str")
    return types


def _dates(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day by ``time_precision``."""
    day = days(table["event_date"])
    precision = table.get("time_precision", pd.Series("1", index=table.index))
    precision = precision.astype(str).str.strip()
    week, month = (precision == "2").to_numpy(), (precision == "3").to_numpy()
    start, end = day.copy(), day.copy()
    shift = pd.Timedelta(days=_WEEK)
    start[week], end[week] = day[week] - shift, day[week] + shift
    start[month] = day[month].dt.to_period("M").dt.start_time
    end[month] = day[month].dt.to_period("M").dt.end_time.dt.normalize()
    return start, end


def acled_columns(table: pd.DataFrame, source: str | Path) -> Columns:
    """Read an ACLED table (every column as text) into bordermap's columns.

    Raises
    ------
    DatasetError
        If a required column is missing.
    """
    _check(table, source)
    ids = table["event_id_cnty"] if "event_id_cnty" in table.columns else None
    if ids is None or ids.isna().all():
        ids = table["data_id"]
    native_id = ids.astype(str).str.strip()
    fatalities = numbers(table["fatalities"])
    start, end = _dates(table)
    country = table["iso3"] if "iso3" in table.columns else table.get("country")
    values = {
        "id": "acled-" + native_id,
        "event_type": _event_types(table, source),
        "precision": recode(
            table["geo_precision"], lambda v: _PRECISION.get(v, "unknown")
        ),
        "date_text": table["event_date"],
        "place": text(table, "location"),
        "country_iso3": country_iso3(country) if country is not None else None,
        "adm1_name": text(table, "admin1"),
        "adm2_name": text(table, "admin2"),
        "attribution": text(table, "source"),
        "quote": text(table, "notes"),
        "source_file": str(source),
        **counts_columns("killed", fatalities, fatalities, None, "at_least"),
    }
    for name in ("adm1_iso", "adm1_all", "url"):
        if f"bordermap_{name}" in table.columns:
            values[name] = text(table, f"bordermap_{name}")
    native = {
        f"acled_{c}": table[c]
        for c in ("event_type", "sub_event_type", "actor1", "actor2", "geo_precision")
        if c in table.columns
    }
    for side in ("inter1", "inter2"):
        if side in table.columns:
            native[f"acled_{side}"] = recode(table[side], lambda v: INTER.get(v, v))
    return Columns(
        "ACLED",
        str(source),
        native_id,
        values,
        native,
        lon=numbers(table["longitude"]),
        lat=numbers(table["latitude"]),
        date=start,
        date_end=end,
    )


#: bordermap's event types as ACLED's (event type, sub-event type).
_TO_ACLED = {
    "armed_clash": ("Battles", "Armed clash"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "landmine_explosive": (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    "attack_on_civilians": ("Violence against civilians", "Attack"),
    "ceasefire_agreement": ("Strategic developments", "Agreement"),
    "arrest_prisoners": ("Strategic developments", "Arrests"),
    "evacuation_displacement": ("Strategic developments", "Other"),
    "other": ("Strategic developments", "Other"),
}
_GEO_PRECISION = {"site": 1, "admin2": 2, "admin1": 2, "border": 3, "country": 3}


def to_acled(incidents: pd.DataFrame) -> pd.DataFrame:
    """Write incidents in ACLED's 31 export columns, then ``bordermap_*`` columns.

    ``fatalities`` is bordermap's best figure (for "at least 12" that is 12,
    ACLED's own rule); a figure that is not known stays empty. Events without a
    date cannot be ACLED events and are left out with a warning.

    Examples
    --------
    >>> import bordermap, datetime
    >>> a = bordermap.Article("a1", "Rockets hit Kap Choeng district of Surin, "
    ...     "killing two.", published=datetime.date(2025, 7, 24))
    >>> row = to_acled(bordermap.extract([a])).iloc[0]
    >>> row["sub_event_type"], int(row["fatalities"]), int(row["geo_precision"])
    ('Shelling/artillery/missile attack', 2, 2)
    """
    events = events_only(incidents, "ACLED")
    undated = events["date"].isna()
    if undated.any():
        logger.warning("%d event(s) without a date not written to ACLED", undated.sum())
        events = events.loc[~undated]
    lon, lat = point_xy(events)
    kinds = events["event_type"].map(_TO_ACLED)
    out = pd.DataFrame(index=range(len(events)), columns=ACLED_COLUMNS, dtype=object)
    out["event_id_cnty"] = events["id"].to_numpy()
    out["event_date"] = events["date"].dt.strftime("%Y-%m-%d").to_numpy()
    out["year"] = events["date"].dt.year.to_numpy()
    out["time_precision"] = 1
    out["event_type"] = kinds.str[0].to_numpy()
    out["sub_event_type"] = kinds.str[1].to_numpy()
    out["country"] = events["country_iso3"].to_numpy()
    out["admin1"] = events["adm1_name"].to_numpy()
    out["admin2"] = events["adm2_name"].to_numpy()
    out["location"] = events["place"].to_numpy()
    out["latitude"] = np.round(lat, 6)
    out["longitude"] = np.round(lon, 6)
    geo = events["precision"].map(_GEO_PRECISION).fillna(3)
    out["geo_precision"] = geo.astype(int).to_numpy()
    out["source"] = events["title"].fillna(events["url"]).to_numpy()
    out["notes"] = events["quote"].to_numpy()
    out["fatalities"] = events["killed_best"].to_numpy()
    for name in ("event_type", "adm1_iso", "adm1_all", "url", "attribution"):
        out[f"bordermap_{name}"] = events[name].to_numpy()
    for kind in ("killed", "wounded", "displaced"):
        for field in ("low", "best", "high", "qualifier", "quote"):
            out[f"bordermap_{kind}_{field}"] = events[f"{kind}_{field}"].to_numpy()
    return out
