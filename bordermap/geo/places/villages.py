"""Villages, sub-districts and districts near a border, read for that border only.

``bordermap/data/places/<ISO3>.csv.gz`` (built by ``tools/build_places.py``
from Who's On First, most of it GeoNames) holds a country's populated places
within about 100 km of its land borders. They are many (thousands a country),
so the gazetteer takes them only for the border being mapped, and only in the
provinces that touch the other country: "Kok-Tash" on the Kyrgyz–Tajik border
is the Batken village, not its namesakes in Jalal-Abad and Talas.
"""

from __future__ import annotations

import functools

from bordermap.data import data_path, read_csv_gz
from bordermap.geo.places.bundled import world_admin1
from bordermap.geo.records import Place

__all__ = ["NO_VILLAGES", "VILLAGE_KINDS", "border_villages", "facing_provinces"]

#: The kinds of place only the village files give (they give districts, admin2, too).
VILLAGE_KINDS = ("village", "admin3")
#: Countries with land borders but no places file: their Who's On First
#: repositories are larger than the snapshots this project can fetch (or hold
#: more files than one may). Their borders have GeoNames towns and districts only.
NO_VILLAGES = frozenset(
    {"BRA", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "MEX", "RUS", "USA"}
)


@functools.cache
def _country_rows(iso3: str) -> tuple[dict, ...]:
    """Read a country's rows; none where no file was built (:data:`NO_VILLAGES`)."""
    try:
        data_path(f"places/{iso3}.csv.gz")
    except FileNotFoundError:
        return ()
    return tuple(read_csv_gz(f"places/{iso3}.csv.gz"))


@functools.cache
def facing_provinces(countries: tuple[str, str]) -> dict[str, str]:
    """Admin-1 units of either country that touch the other: code → name.

    Examples
    --------
    >>> sorted(facing_provinces(("KGZ", "TJK")))[:3]
    ['KG-B', 'KG-O', 'TJ-GB']
    """
    world = world_admin1()
    out = {}
    for iso3, other in (countries, countries[::-1]):
        own = world[(world["adm0_iso3"] == iso3)]
        for code, name, borders in zip(
            own["adm1_iso"], own["adm1_name"], own["borders"], strict=True
        ):
            if other in borders.split("|"):
                out[code] = name
    return out


def border_villages(countries: tuple[str, str]) -> list[tuple[Place, tuple[str, ...]]]:
    """Gazetteer entries of the places of a border's facing provinces.

    Parameters
    ----------
    countries : tuple of str
        The border's two ISO 3166-1 alpha-3 codes.

    Returns
    -------
    list of (Place, alternative names)
        Empty where no places file was built for either country.

    Examples
    --------
    >>> [(p.admin1_iso, p.admin2_name) for p, _ in border_villages(("KGZ", "TJK"))
    ...  if p.name == "Kek-Tash"]
    [('KG-B', 'Leilek')]
    """
    facing = facing_provinces(tuple(countries))
    entries = []
    for iso3 in countries:
        for row in _country_rows(iso3):
            if row["admin1_iso"] not in facing:
                continue
            place = Place(
                row["name"],
                row["kind"],
                iso3,
                row["admin1_iso"],
                facing[row["admin1_iso"]],
                row["admin2_name"],
                float(row["lat"]),
                float(row["lon"]),
                True,
                False,
                int(row["population"] or 0),
            )
            alts = tuple(a for a in row["alt_names"].split("|") if a)
            entries.append((place, alts))
    return entries
