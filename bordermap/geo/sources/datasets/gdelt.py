"""GDELT 2.0 event files (61 tab-separated fields, no header): read.

GDELT codes events from news with CAMEO codes and no casualty figures. Only
its violent root codes, 18 (assault), 19 (fight) and 20 (mass violence), are
read, plus declared ceasefires (0871) and arrests (173); the rest of a file
(statements, meetings, appeals) is skipped and counted in one warning.

==================  ===========================================================
GDELT               bordermap
==================  ===========================================================
GLOBALEVENTID       ``native_id``; ``id`` is ``gdelt-<GLOBALEVENTID>``
SQLDATE             ``date``
EventCode           event type (:data:`CAMEO_TYPES`, most specific code first)
ActionGeo_Type      1 ``country``; 2, 5 ``admin1`` (a US state, a province);
                    3, 4 ``site`` (a city)
ActionGeo_ADM1Code  the province for ``admin1`` events: FIPS 10-4 codes mapped
                    to ISO 3166-2 by a bundled table (``fips_admin1.csv``); a
                    code it lacks stays unplaced, counted in a warning
ActionGeo_Lat/Long  the point; a city's province comes from the spatial join
SOURCEURL           ``url``
NumMentions, ...    kept as ``gdelt_num_mentions``, ``gdelt_num_sources``,
                    ``gdelt_goldstein``, ``gdelt_event_code``, actors
==================  ===========================================================
"""

from __future__ import annotations

import csv
import functools
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from bordermap.data import data_path
from bordermap.geo.sources.datasets.frame import Columns, recode
from bordermap.geo.sources.datasets.tables import numbers

__all__ = ["CAMEO_TYPES", "GDELT_COLUMNS", "fips_admin1", "gdelt_columns"]

logger = logging.getLogger(__name__)

#: The 61 fields of a GDELT 2.0 event record, in order.
GDELT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code "
    "Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code "
    "Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode "
    "EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles "
    "AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode "
    "Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long "
    "Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode "
    "Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long "
    "Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode "
    "ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long "
    "ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
#: CAMEO codes (most specific first: a four-digit code, then its three-digit
#: base, then its root) and bordermap's event types.
CAMEO_TYPES = {
    "18": "attack_on_civilians",  # assault
    "180": "attack_on_civilians",
    "181": "attack_on_civilians",  # abduct, hijack, take hostage
    "182": "attack_on_civilians",  # physically assault
    "183": "landmine_explosive",  # suicide, car or other non-military bombing
    "184": "attack_on_civilians",  # use as human shield
    "185": "attack_on_civilians",  # attempt to assassinate
    "186": "attack_on_civilians",  # assassinate
    "19": "armed_clash",  # fight
    "190": "armed_clash",  # use conventional military force
    "191": "other",  # impose blockade, restrict movement
    "192": "armed_clash",  # occupy territory
    "193": "armed_clash",  # fight with small arms and light weapons
    "194": "shelling",  # fight with artillery and tanks
    "195": "air_strike",  # employ aerial weapons
    "196": "armed_clash",  # violate ceasefire
    "20": "attack_on_civilians",  # use unconventional mass violence
    "200": "attack_on_civilians",
    "201": "evacuation_displacement",  # engage in mass expulsion
    "202": "attack_on_civilians",  # engage in mass killings
    "203": "attack_on_civilians",  # engage in ethnic cleansing
    "204": "other",  # use weapons of mass destruction
    "0871": "ceasefire_agreement",  # declare ceasefire
    "173": "arrest_prisoners",  # arrest, detain
}
_PRECISION = {"1": "country", "2": "admin1", "3": "site", "4": "site", "5": "admin1"}
_KEPT = {
    "EventCode": "event_code",
    "GoldsteinScale": "goldstein",
    "NumMentions": "num_mentions",
    "NumSources": "num_sources",
    "NumArticles": "num_articles",
    "Actor1Name": "actor1",
    "Actor2Name": "actor2",
    "ActionGeo_ADM1Code": "adm1_code",
}


@functools.cache
def fips_admin1() -> tuple[dict[str, str], dict[str, str]]:
    """FIPS 10-4 codes → ISO 3166-2 (provinces) and → ISO3 (countries).

    From Natural Earth's admin-1 ``fips`` column (``bordermap/data/fips_admin1.csv``).

    Examples
    --------
    >>> provinces, countries = fips_admin1()
    >>> provinces["TH29"], countries["CB"]
    ('TH-32', 'KHM')
    """
    provinces: dict[str, str] = {}
    countries: dict[str, str] = {}
    with data_path("fips_admin1.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["fips"]:
                provinces[row["fips"]] = row["iso_3166_2"]
            else:
                countries[row["fips_country"]] = row["country_iso3"]
    return provinces, countries


def _cameo_type(code: str) -> str | None:
    """Type by the most specific CAMEO code known: 1951, then 195, then 19."""
    return next(
        (CAMEO_TYPES[code[:w]] for w in (len(code), 3, 2) if code[:w] in CAMEO_TYPES),
        None,
    )


def _provinces(table: pd.DataFrame, precision: np.ndarray, source: object):
    """ISO 3166-2 of admin-1 events; an unknown FIPS code leaves it unplaced."""
    provinces, _ = fips_admin1()
    iso = recode(table["ActionGeo_ADM1Code"], provinces.get)
    at_admin1 = precision == "admin1"
    unknown = at_admin1 & pd.isna(iso)
    if unknown.any():
        codes = table.loc[unknown, "ActionGeo_ADM1Code"].astype(str)
        logger.warning(
            "%s: %s province-level event(s) with a FIPS code the bundled table lacks "
            "(%s): left unplaced",
            source,
            f"{int(unknown.sum()):,}",
            ", ".join(sorted(set(codes))[:3]),
        )
    iso = pd.array(pd.Series(iso).where(at_admin1), dtype="str")
    return iso, np.where(unknown, "unknown", precision)


def gdelt_columns(table: pd.DataFrame, source: str | Path) -> Columns:
    """Read a GDELT 2.0 event table (the 61 fields as text) into bordermap's columns."""
    types = recode(table["EventCode"], _cameo_type)
    kept = ~np.asarray(pd.isna(types))
    if not kept.all():
        logger.warning(
            "%s: %s of %s events are not violence, ceasefires or arrests (other "
            "CAMEO codes): skipped",
            source,
            f"{int((~kept).sum()):,}",
            f"{len(table):,}",
        )
        table, types = table.loc[kept].reset_index(drop=True), types[kept]
    native_id = table["GLOBALEVENTID"].astype("str").str.strip()
    precision = recode(table["ActionGeo_Type"], lambda v: _PRECISION.get(v, "unknown"))
    adm1, precision = _provinces(table, np.asarray(precision, dtype=object), source)
    _, countries = fips_admin1()
    values = {
        "id": "gdelt-" + native_id,
        "event_type": types,
        "precision": recode(pd.Series(precision), str),
        "place": table["ActionGeo_FullName"],
        "country_iso3": recode(table["ActionGeo_CountryCode"], countries.get),
        "adm1_iso": adm1,
        "url": table["SOURCEURL"],
        "date_text": table["SQLDATE"],
        "source_file": str(source),
    }
    native = {f"gdelt_{name}": table[column] for column, name in _KEPT.items()}
    return Columns(
        "GDELT",
        str(source),
        native_id,
        values,
        native,
        lon=numbers(table["ActionGeo_Long"]),
        lat=numbers(table["ActionGeo_Lat"]),
        date=pd.to_datetime(table["SQLDATE"], format="%Y%m%d", errors="coerce"),
    )
