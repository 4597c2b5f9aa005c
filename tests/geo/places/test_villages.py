"""Border villages: read for the border mapped, placed in the province facing it.

The villages come from ``bordermap/data/places/<ISO3>.csv.gz`` (Who's On First,
built by tools/build_places.py); the texts here are our own made-up reports.
"""

from __future__ import annotations

import csv
import gzip
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from bordermap.data import data_path
from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.places.bundled import load_admin1, world_admin1
from bordermap.geo.places.gazetteer import border_gazetteer, load_gazetteer
from bordermap.geo.places.villages import NO_VILLAGES, border_villages
from bordermap.geo.records import Article


def _provinces(text: str, countries: tuple[str, str], language: str = "en") -> set:
    article = Article(id="v", text=text, published=date(2024, 5, 7), language=language)
    incidents = article_incidents(article, border_gazetteer(countries))
    return {code for incident in incidents for code in incident.admin1_iso}


def test_every_country_with_a_land_border_has_its_places_file():
    world = world_admin1()
    neighbours = set(world.loc[world["borders"] != "", "adm0_iso3"])
    folder = data_path("places/AFG.csv.gz").parent
    shipped = {p.name[:3] for p in folder.glob("*.csv.gz")}
    assert neighbours - shipped <= NO_VILLAGES | _NO_COUNTRY_CODE
    assert not NO_VILLAGES & shipped
    assert len(shipped) >= 140


#: Natural Earth units without an ISO 3166-1 country (Somaliland, the Cyprus
#: buffer zone ...): no repository is named after them.
_NO_COUNTRY_CODE = {"CYN", "ESB", "KAB", "KAS", "SOL", "USG", "WSB"}


@pytest.mark.parametrize(
    "iso3",
    ["KGZ", "TJK", "ARM", "AZE", "AFG", "IRN", "SDN", "BLR", "KAZ", "POL", "DZA"],
)
def test_each_places_file_holds_its_own_country_provinces(iso3):
    codes = set(world_admin1().query("adm0_iso3 == @iso3")["adm1_iso"])
    with gzip.open(data_path(f"places/{iso3}.csv.gz"), "rt", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    assert {r["admin1_iso"] for r in rows} <= codes
    assert rows == sorted(
        rows, key=lambda r: (r["admin1_iso"], r["name"], int(r["wof_id"]))
    )


def test_only_the_provinces_facing_the_other_country_are_taken():
    provinces = {p.admin1_iso for p, _ in border_villages(("KGZ", "TJK"))}
    assert "KG-B" in provinces and "TJ-SU" in provinces
    assert "KG-Y" not in provinces  # Issyk-Kul does not touch Tajikistan


def test_a_village_named_in_english_is_placed_with_the_border_named():
    text = "Tajik troops shelled the village of Chechme in Kyrgyzstan, wounding two."
    assert _provinces(text, ("KGZ", "UZB")) == {"KG-B"}


def test_a_village_named_in_russian_is_placed_whatever_its_spelling():
    # GeoNames writes the Kyrgyz "Көк-Таш"; Russian papers "Кок-Таш"
    text = "Таджикские военные обстреляли село Кок-Таш, ранены двое жителей."
    assert _provinces(text, ("KGZ", "TJK"), "ru") == {"KG-B"}


def test_a_village_the_bundled_towns_lacked_is_found_for_its_border():
    text = "Shelling hit Heglig in Sudan on Monday, killing one civilian."
    assert _provinces(text, ("SDN", "SSD")) == {"SD-KS"}
    assert "heglig" not in {m.text.casefold() for m in load_gazetteer().find(text)}


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Boko Haram fighters attacked a base, killing two soldiers.", ("NER", "NGA")),
        ("Mayor Karwan Karim Khan said shells killed one shepherd.", ("IRQ", "IRN")),
        ("Dogan news agency said rockets killed a shepherd.", ("SYR", "TUR")),
    ],
    ids=["a group's name", "a person", "an agency"],
)
def test_a_village_name_inside_another_name_is_no_place(text, countries):
    assert _provinces(text, countries) == set()


@pytest.mark.parametrize(
    "countries", [("KGZ", "TJK"), ("KAZ", "KGZ")], ids=["Kyrgyz", "Kazakh spelling"]
)
def test_a_country_is_not_taken_for_the_village_of_its_name(countries):
    # Kazakhstan has a village GeoNames writes "Қырғызстан"
    text = "Погранслужба Кыргызстана сообщила, что погиб один военнослужащий."
    assert _provinces(text, countries, "ru") == set()


def test_a_village_named_like_a_common_russian_word_is_no_place():
    # Belarus has villages whose names read as "earlier" and "border" words
    text = (
        "Ранее пограничная служба сообщила, что на участке погиб один военнослужащий."
    )
    assert _provinces(text, ("BLR", "POL"), "ru") == set()


@pytest.mark.parametrize(
    ("text", "countries", "province"),
    [
        (
            "Rwandan troops shelled Busasamana Sector on Monday, wounding two.",
            ("COD", "RWA"),
            "RW-04",
        ),
        (
            "Two farmers were killed near Kamwezi Sub County, police said.",
            ("RWA", "UGA"),
            "UG-404",
        ),
    ],
    ids=["a sector", "a sub county"],
)
def test_a_village_named_with_its_unit_word_capitalised_is_placed(
    text, countries, province
):
    assert _provinces(text, countries) == {province}


def test_the_capital_keeps_its_name_from_a_village():
    g = border_gazetteer(("ECU", "PER"))
    assert "village" not in {p.kind for p in g.lookup("Lima")}


def test_adding_villages_indexes_as_a_full_build_would():
    from bordermap.geo.places.gazetteer import Gazetteer

    g = border_gazetteer(("KGZ", "TJK"))
    full = Gazetteer(list(g.entries), g.countries, g.demonyms)
    assert full._index == g._index and full._short == g._short
    base = load_gazetteer()
    assert len(base.places) < len(g.places)
    assert "chechme" not in base._index  # the shared base is left as it was


def _without_iso_code() -> dict[str, str]:
    """Natural Earth codes tools/admin1_iso.csv lists as having no ISO 3166-2 code."""
    path = Path(__file__).resolve().parents[3] / "tools" / "admin1_iso.csv"
    with path.open(encoding="utf-8") as fh:
        return {
            r["ne_code"]: r["relation"]
            for r in csv.DictReader(fh)
            if r["relation"] in ("none", "nocode", "elsewhere")
        }


def test_every_shipped_province_code_is_iso_or_listed_without_one():
    pycountry = pytest.importorskip("pycountry")
    iso = {s.code for s in pycountry.subdivisions}
    listed = _without_iso_code()
    shipped = {
        "world layer": set(world_admin1()["adm1_iso"]),
        "world names": set(
            pd.read_csv(data_path("world_admin1_names.csv"), keep_default_na=False)[
                "iso_3166_2"
            ]
        ),
        "Thailand and Cambodia": set(load_admin1()["adm1_iso"]),
        "towns": set(
            pd.read_csv(data_path("world_towns.csv.gz"), keep_default_na=False)[
                "admin1_iso"
            ]
        ),
    }
    for path in sorted(data_path("world_towns.csv.gz").parent.glob("places/*.csv.gz")):
        codes = pd.read_csv(path, usecols=["admin1_iso"], keep_default_na=False)
        shipped[path.name] = set(codes["admin1_iso"])
    assert len(shipped) > 50  # the border villages of every country built
    for where, codes in shipped.items():
        unknown = {c for c in codes if c and c not in iso and c not in listed}
        assert not unknown, (where, sorted(unknown)[:10])
    # the units that had Natural Earth's placeholder or old numbering: ISO's code now
    world = world_admin1().set_index("adm1_iso")
    assert world.at["TJ-RA", "adm1_name"] == "Districts of Republican Subordination"
    assert world.at["IR-11", "adm1_name"] == "Sistan and Baluchestan"  # NE: IR-13
    assert world.at["NP-P1", "adm1_name"] == "Koshi"  # NE's Mechi and Kosi zones
    assert "Mechi" in world.at["NP-P1", "alt_names"].split("|")
