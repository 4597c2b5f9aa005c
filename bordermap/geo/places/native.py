"""Place names in the border's own scripts: Thai and Russian spellings.

``bordermap/data/names_<lang>.csv.gz`` (built by ``tools/build_names.py`` from
HDX COD-AB Thailand, Natural Earth ``name_ru``, GeoNames and
``tools/native_names.csv``) gives one row per spelling with the English entry it
stands for, its province, district and point.
"""

from __future__ import annotations

import functools

from bordermap.data import read_csv_gz
from bordermap.geo.records import Place

__all__ = ["NATIVE_LANGUAGES", "native_names"]

#: Languages with a bundled name table.
NATIVE_LANGUAGES = ("ru", "th")


@functools.cache
def native_names(lang: str) -> dict[str, tuple[Place, ...]]:
    """Spelling (as the language writes it) → the gazetteer entries it may denote.

    Parameters
    ----------
    lang : str
        An ISO 639-1 code of :data:`NATIVE_LANGUAGES`.

    Raises
    ------
    ValueError
        For a language without a bundled name table.

    Examples
    --------
    >>> [(p.name, p.kind, p.admin1_iso) for p in native_names("th")["กันทรลักษ์"]]
    [('Kantharalak', 'admin2', 'TH-33')]
    >>> [(p.name, p.admin1_iso) for p in native_names("ru")["Баткенская область"]]
    [('Batken', 'KG-B')]
    """
    if lang not in NATIVE_LANGUAGES:
        raise ValueError(
            f"no place names in {lang!r}; bordermap has them in "
            f"{', '.join(NATIVE_LANGUAGES)}"
        )
    out: dict[str, list[Place]] = {}
    for r in read_csv_gz(f"names_{lang}.csv.gz"):
        place = Place(
            name=r["place"],
            kind=r["kind"],
            country_iso3=r["country_iso3"],
            admin1_iso=r["admin1_iso"],
            admin1_name=r["admin1_name"],
            admin2_name=r["admin2_name"],
            lat=float(r["lat"]) if r["lat"] else None,
            lon=float(r["lon"]) if r["lon"] else None,
        )
        out.setdefault(r["name"], []).append(place)
    return {name: tuple(places) for name, places in out.items()}
