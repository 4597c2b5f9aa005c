from datetime import date

import pytest

from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.places.boundaries import load_admin1
from bordermap.geo.places.gazetteer import SHORT_NAME_POPULATION, border_gazetteer
from bordermap.geo.records import Article, Precision


@pytest.mark.parametrize(
    "names",
    [
        ("Si Sa Ket", "Sisaket", "Srisaket", "SISAKET"),
        ("Buri Ram", "Buriram"),
        ("Sa Kaeo", "Sa Kaew"),
        ("Ta Muen Thom", "Ta Moan Thom", "Prasat Ta Moan Thom"),
        ("Banteay Meanchey", "Bântéay Méanchey"),
        ("Oddar Meanchey", "Otdar Mean Chey"),
    ],
    ids=lambda n: n[0],
)
def test_spelling_variants_are_one_place(gazetteer, names):
    codes = {tuple(sorted({p.admin1_iso for p in gazetteer.lookup(n)})) for n in names}
    assert len(codes) == 1 and codes != {()}


def test_entries_carry_province_district_and_country(gazetteer):
    (temple,) = [p for p in gazetteer.lookup("Ta Muen Thom") if p.kind == "temple"]
    assert (temple.admin1_iso, temple.admin2_name, temple.country_iso3) == (
        "TH-32",
        "Phanom Dong Rak",
        "THA",
    )
    districts = [p for p in gazetteer.lookup("Choam Ksant") if p.kind == "admin2"]
    assert {p.admin1_iso for p in districts} == {"KH-13"}


def test_names_match_on_word_boundaries_only(gazetteer):
    assert gazetteer.find("Surinamese troops in Trattoria") == []
    assert [
        m.text for m in gazetteer.find("Troops in Surin's Kap Choeng district")
    ] == ["Surin", "Kap Choeng"]


def test_lowercase_words_are_not_names(gazetteer):
    assert gazetteer.find("the trat of the surin") == []


def test_countries_and_demonyms(gazetteer):
    found = list(
        gazetteer.find_countries("Thai jets struck targets inside Cambodia and Zambia")
    )
    assert [(iso, dem) for _, _, iso, dem in found] == [
        ("THA", True),
        ("KHM", False),
        ("ZMB", False),
    ]


def test_border_provinces_come_from_geometry():
    adm1 = load_admin1()
    border = set(adm1.loc[adm1["border"], "adm1_iso"])
    # the 14 provinces PROVENANCE.md verified against the other country's boundary
    assert border == {
        "TH-34",
        "TH-33",
        "TH-32",
        "TH-31",
        "TH-27",
        "TH-22",
        "TH-23",
        "KH-13",
        "KH-22",
        "KH-1",
        "KH-2",
        "KH-24",
        "KH-15",
        "KH-9",
    }
    assert len(adm1) == 102


# ----------------------------------------------------------- other land borders
def _provinces(text, gazetteer):
    article = Article(id="w", text=text, published=date(2025, 5, 7))
    incidents = article_incidents(article, gazetteer)
    return {code for incident in incidents for code in incident.admin1_iso}


def _not_in_the_data(why: str):
    return pytest.mark.xfail(strict=True, reason=why)


_NO_INDIA = _not_in_the_data(
    "a valley or lake of India: Who's On First's India repository is larger than a "
    "fetched snapshot may be, and it lists no natural features"
)
PAIRS = {
    "India": ("IND", "PAK"),
    "Pakistan": ("AFG", "PAK"),
    "Kyrgyzstan": ("KGZ", "TJK"),
    "Israel": ("ISR", "LBN"),
    "Lebanon": ("ISR", "LBN"),
    "South Sudan": ("SDN", "SSD"),
    "Sudan": ("SDN", "SSD"),
    "Rwanda": ("COD", "RWA"),
    "Iran": ("IRN", "PAK"),
    "Laos": ("LAO", "THA"),
    "Armenia": ("ARM", "AZE"),
}
_BORDER_PLACES = [
    ("Rajouri", "India", "IN-JK"),  # district (the town is Rajaori)
    ("Uri", "India", "IN-JK"),  # a trusted three-letter town
    ("Baramulla", "India", "IN-JK"),  # district (the town is Baramula)
    ("Srinagar", "India", "IN-JK"),  # 51 km from the Line of Control
    ("Muzaffarabad", "Pakistan", "PK-JK"),
    ("the Neelum valley", "Pakistan", "PK-JK"),
    ("Kurram district", "Pakistan", "PK-KP"),  # former tribal areas: PK-KP
    ("Bajaur", "Pakistan", "PK-KP"),
    ("Leylek district", "Kyrgyzstan", "KG-B"),
    ("Kiryat Shmona", "Israel", "IL-Z"),  # GeoNames: Qiryat Shmona
    ("Naqoura", "Lebanon", "LB-JA"),  # GeoNames: En Nâqoûra
    ("Bentiu", "South Sudan", "SS-UY"),  # 66 km from Sudan
    ("Rubavu District", "Rwanda", "RW-04"),
    ("Panjgur", "Pakistan", "PK-BA"),  # district
    ("Saravan", "Iran", "IR-11"),  # Sistan and Baluchestan
    ("Saravan", "Laos", "LA-SL"),  # the province of Laos
    ("Jermuk", "Armenia", "AM-VD"),  # not the Shirak village once so called
    # villages of the border's facing provinces (bordermap/data/places/)
    ("Kok-Tash", "Kyrgyzstan", "KG-B"),  # GeoNames: Kek-Tash (Leilek)
    ("Heglig", "Sudan", "SD-KS"),
    pytest.param(
        "Torkham",
        "Pakistan",
        "PK-KP",
        marks=_not_in_the_data("Who's On First has the Afghan Torkham only"),
    ),
    pytest.param(
        "Nerkin Hand",
        "Armenia",
        "AM-SU",
        marks=_not_in_the_data("a Syunik village Who's On First does not list"),
    ),
    pytest.param("the Galwan valley", "India", "IN-LA", marks=_NO_INDIA),
    pytest.param("Pangong lake", "India", "IN-LA", marks=_NO_INDIA),
]


@pytest.mark.parametrize(
    ("name", "country", "province"),
    _BORDER_PLACES,
    ids=[f"{v[0]}-{v[1]}" for v in (getattr(p, "values", p) for p in _BORDER_PLACES)],
)
def test_places_near_other_borders_resolve_to_their_province(name, country, province):
    # mapped with --countries: the gazetteer of that border, villages included
    text = f"Shelling hit {name} in {country}, killing one civilian."
    assert _provinces(text, border_gazetteer(PAIRS[country])) == {province}


def test_world_places_need_their_country_in_the_article(gazetteer):
    assert _provinces("Shelling hit Kurram district, killing one.", gazetteer) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Hand grenades were thrown at the post.",
        "Army officials said two soldiers died.",
        "Border guards fired warning shots.",
        "Post offices and schools were closed.",
        "Camp residents fled overnight.",
        "Valley residents fled overnight.",
        "Lake levels fell after the dam was hit.",
        "Man killed as shells hit the market.",  # Man, Côte d'Ivoire
        "Van drivers were stopped at the crossing.",  # Van, Turkey
        "Bar owners closed early.",  # Bar, Montenegro
        "Imran Khan said the army would respond.",
        "Thai troops returned fire.",  # "Thai": another name of a Malaysian town
        "Late in the day the guns fell silent.",  # "Latein": a Czech town
    ],
    ids=lambda t: t.split()[0],
)
def test_common_words_are_not_places(gazetteer, text):
    assert [m.text for m in gazetteer.find(text)] == []


def test_a_name_does_not_end_in_a_small_word_of_the_sentence(gazetteer):
    # keys ignore spaces: "Batken as" would read as "Batkenas" (Lithuanian)
    text = "Officials in Batken as well as Sughd said."
    assert [m.text for m in gazetteer.find(text)] == ["Batken", "Sughd"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Shells fell on Uri overnight.", ["Uri"]),
        ("URI said", []),  # an acronym
        ("the uri of the page", []),
    ],
    ids=["capitalised", "upper-case", "lower-case"],
)
def test_three_letter_towns_only_as_capitalised_names(gazetteer, text, found):
    assert [m.text for m in gazetteer.find(text)] == found


def test_three_letter_names_only_for_trusted_towns(gazetteer):
    # Uri (9,000 people, on the Line of Control) is trusted; a common word is not
    (uri,) = gazetteer.lookup("Uri")
    assert (uri.kind, uri.admin1_iso) == ("town", "IN-JK")
    assert uri.population >= SHORT_NAME_POPULATION
    assert gazetteer.lookup("Man") == gazetteer.lookup("Hit") == ()


def test_an_own_name_beats_other_places_other_names(gazetteer):
    # Islamabad is the capital; it is also an old name of Anantnag and Chittagong
    assert {p.name for p in gazetteer.lookup("Islamabad")} == {"F.C.T.", "Islamabad"}
    assert {p.admin1_iso for p in gazetteer.lookup("Jermuk")} == {"AM-VD"}


def test_districts_of_border_provinces(gazetteer):
    (kurram,) = gazetteer.lookup("Kurram")
    assert (kurram.kind, kurram.country_iso3, kurram.admin1_iso) == (
        "admin2",
        "PAK",
        "PK-KP",
    )
    # a district named like its country's capital is the capital, a venue
    assert not [p for p in gazetteer.lookup("Juba") if p.kind == "admin2"]
    # far from any border: "Atbara" of River Nile is a river in border news
    assert gazetteer.lookup("Atbara") == ()


def test_a_namesake_across_the_line_takes_the_province_beside_it(gazetteer):
    # Poonch is a district on both sides of the Line of Control
    text = (
        "Pakistani shelling killed three civilians in the Indian-administered "
        "Kashmir district of Poonch on Wednesday."
    )
    assert _provinces(text, gazetteer) == {"IN-JK"}


def test_a_bare_name_of_a_town_and_its_district_is_the_town(gazetteer):
    located = article_incidents(
        Article(id="w", text="Drones struck Lahore in Pakistan.", published=None),
        gazetteer,
    )
    assert [(i.admin1_iso, i.precision) for i in located] == [
        (("PK-PB",), Precision.SITE)
    ]
