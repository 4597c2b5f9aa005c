"""Border villages: read for the border mapped, placed in the province facing it.

The villages come from ``bordermap/data/places/<ISO3>.csv.gz`` (Who's On First,
built by tools/build_places.py); the texts here are our own made-up reports.
"""

from __future__ import annotations

import csv
import gzip
from datetime import date

import pytest

from bordermap.data import data_path
from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.places.bundled import world_admin1
from bordermap.geo.places.gazetteer import border_gazetteer, load_gazetteer
from bordermap.geo.places.villages import border_villages
from bordermap.geo.records import Article


def _provinces(text: str, countries: tuple[str, str], language: str = "en") -> set:
    article = Article(id="v", text=text, published=date(2024, 5, 7), language=language)
    incidents = article_incidents(article, border_gazetteer(countries))
    return {code for incident in incidents for code in incident.admin1_iso}


@pytest.mark.parametrize("iso3", ["KGZ", "TJK", "ARM", "AZE", "AFG", "IRN", "SDN"])
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


def test_a_country_is_not_taken_for_the_village_of_its_name():
    text = "Погранслужба Кыргызстана сообщила, что погиб один военнослужащий."
    assert _provinces(text, ("KGZ", "TJK"), "ru") == set()


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


# Natural Earth placeholder codes ("-X01~") for units ISO 3166-2 gives no code
# (tools/admin1_corrections.csv gives ISO's code where it has one: TJ-RA, LR-GP)
_NO_ISO_CODE = {
    "AZ-X01~": "Şuşa city, inside the rayon AZ-SUS; ISO codes the rayon only",
    "CN-X01~": "Paracel Islands, claimed by three countries",
    "CO-X01~": "Malpelo Island, a part of Valle del Cauca ISO does not code",
    "RU-X01~": "an unnamed islet off Yamal-Nenets",
    "SY-X01~": "the UNDOF buffer zone of the Golan",
    "TD-X01~": "Ennedi, which ISO splits into TD-EE and TD-EO",
    "VE-X01~": "Isla de Aves, a part of the Federal Dependencies",
}


def test_no_placeholder_province_code_where_iso_has_one():
    from benchmarks.realpages import real_labels

    # the countries of the borders of the real-pages corpus
    countries = {c for a in real_labels() for c in a["countries"]}
    world = world_admin1()
    codes = set(world.loc[world["adm0_iso3"].isin(countries), "adm1_iso"])
    assert {"TJ-RA"} <= codes and "LR-GP" in set(world["adm1_iso"])
    placeholders = {c for c in codes if "~" in c and not c.startswith("XK-")}
    # Kosovo's municipalities: ISO 3166 has no Kosovo
    assert placeholders <= set(_NO_ISO_CODE), sorted(placeholders - set(_NO_ISO_CODE))
