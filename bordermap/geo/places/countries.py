"""Countries by name: Natural Earth's names, other names, demonyms, labels.

Every name in bordermap is compared by its :func:`name_key` (letters and
digits, case-folded, without accents), country names included. The names
other than Natural Earth's ("DR Congo") and the demonyms ("Cambodian") are
rows of ``places/countries.csv``.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from pathlib import Path

from bordermap.data import data_path
from bordermap.geo.places.bundled import NE_ISO3

__all__ = [
    "COUNTRY_ALIASES",
    "DEMONYMS",
    "country_forms",
    "country_label",
    "country_names",
    "name_key",
]

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Match key of a name: letters and digits only, case-folded, no accents.

    Examples
    --------
    >>> name_key("Si Sa Ket") == name_key("SISAKET") == name_key("Sisaket")
    True
    >>> name_key("Bântéay Méanchey")
    'banteaymeanchey'
    """
    if text.isascii():  # most names and words: no accents to take off
        return _NOT_ALNUM.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(
        ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)
    )


def _country_words() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Demonyms and other names of countries, from ``places/countries.csv``."""
    demonyms: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    path = Path(__file__).resolve().parent / "countries.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            table = demonyms if row["kind"] == "demonym" else names
            table.setdefault(row["iso3"], []).append(row["text"])
    return (
        {k: tuple(v) for k, v in demonyms.items()},
        {k: tuple(v) for k, v in names.items()},
    )


#: Demonyms ("Cambodian") and other names ("DR Congo") of each country.
DEMONYMS, COUNTRY_ALIASES = _country_words()


@functools.cache
def _natural_earth_countries() -> tuple[tuple[str, str], ...]:
    """Natural Earth's (ISO3, country name) pairs, in the file's order, once each."""
    seen: dict[tuple[str, str], None] = {}
    with data_path("world_admin1_names.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iso3 = NE_ISO3.get(row["country_iso3"], row["country_iso3"])
            seen.setdefault((iso3, row["country"]), None)
    return tuple(seen)


@functools.cache
def country_names() -> dict[str, str]:
    """Country names and their aliases (as :func:`name_key`) → ISO 3166-1 alpha-3.

    Natural Earth's country names, then ``places/countries.csv``'s other names.

    Examples
    --------
    >>> names = country_names()
    >>> names[name_key("Central African Republic")], names[name_key("DR Congo")]
    ('CAF', 'COD')
    """
    keys: dict[str, str] = {}
    for iso3, name in _natural_earth_countries():
        keys.setdefault(name_key(name), iso3)
    for iso, names in COUNTRY_ALIASES.items():
        for name in names:
            keys[name_key(name)] = iso
    return keys


@functools.cache
def country_label(iso3: str) -> str:
    """Name a country for messages (Natural Earth's name), else give its code.

    Examples
    --------
    >>> country_label("KHM"), country_label("XXX")
    ('Cambodia', 'XXX')
    """
    return next((name for iso, name in _natural_earth_countries() if iso == iso3), iso3)


@functools.cache
def country_forms() -> dict[str, tuple[str, ...]]:
    """Each country's names as written: Natural Earth's, other names, demonyms.

    Examples
    --------
    >>> "Cambodian" in country_forms()["KHM"]
    True
    """
    forms: dict[str, set[str]] = {}
    for iso3, name in _natural_earth_countries():
        forms.setdefault(iso3, set()).add(name)
    for table in (COUNTRY_ALIASES, DEMONYMS):
        for iso, names in table.items():
            forms.setdefault(iso, set()).update(names)
    return {iso: tuple(sorted(names)) for iso, names in forms.items()}
