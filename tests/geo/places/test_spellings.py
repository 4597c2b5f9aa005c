"""Places written another way than the data writes them, on borders other than
Thailand–Cambodia: transliterations, Russian cases and adjectives, Thai names of
the other side's places, and namesakes. The reports are our own made-up ones.
"""

from __future__ import annotations

from datetime import date

import pytest

from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.places.gazetteer import border_gazetteer
from bordermap.geo.places.sound import alike, sound_key, spelt
from bordermap.geo.records import Article


def _incidents(text: str, countries: tuple[str, str], language: str = "en"):
    article = Article(id="s", text=text, published=date(2024, 6, 3), language=language)
    return article_incidents(article, border_gazetteer(countries))


def _provinces(text: str, countries: tuple[str, str], language: str = "en") -> set:
    return {c for i in _incidents(text, countries, language) for c in i.admin1_iso}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kong", "Kang"),
        ("Doost Mohammad", "Dust Mohammad"),
        ("Ben Guardane", "Ben Gardane"),
        ("Chakkoti", "Chakothi"),
        ("Chorkukh", "Chorkuh"),
        ("Торт-Кочо", "Tört-Köchö"),
        ("Белгородск", "Belgorodskiy"),
    ],
)
def test_spellings_of_one_name_share_a_sound_key(a, b):
    assert sound_key(a) == sound_key(b)
    assert alike(spelt(a), spelt(b))


@pytest.mark.parametrize(("a", "b"), [("Sunday", "Sandeh"), ("Congo", "Cyange")])
def test_words_that_only_share_consonants_are_not_alike(a, b):
    assert not alike(spelt(a), spelt(b))


# ------------------------------------------ a village, a pass and a sub-district
# English, Armenia–Azerbaijan: the data writes Koxanabi (and Këkhanabi), Sotk,
# and Tegh (also Tekh)
_ENGLISH = [
    ("A shell killed a farmer in Kokhanabi village on Monday.", {"AZ-TOV"}),
    ("Two soldiers were killed in fighting near the Sotk pass.", {"AM-GR"}),
    ("Shelling wounded three residents of the Tekh community.", {"AM-SU"}),
]
# Russian, the same border: a transliteration, a pass (Воротан in the data) and a
# community after its level word
_RUSSIAN = [
    ("В селе Кохнаби снарядом убит местный житель.", {"AZ-TOV"}),
    ("У перевала Воротан в перестрелке погибли двое военнослужащих.", {"AM-SU"}),
    ("В общине Тех в результате обстрела ранены трое жителей.", {"AM-SU"}),
]
# Thai, Myanmar–Thailand: a Thai village of Tak, the Myanmar town at the Three
# Pagodas Pass, a Tak sub-district (tambon)
_THAI = [
    ("กระสุนปืนใหญ่ตกที่บ้านบาคี ทำให้ชาวบ้านเสียชีวิต 1 ราย", {"TH-63"}),
    ("เกิดการสู้รบใกล้ด่านพญาตองซู มีทหารเสียชีวิต 2 นาย", {"MM-13"}),
    ("กระสุนตกในพื้นที่ ต.แม่ตาว มีผู้บาดเจ็บ 3 ราย", {"TH-63"}),
]


@pytest.mark.parametrize(("text", "province"), _ENGLISH)
def test_english_report_places_village_pass_and_community(text, province):
    assert _provinces(text, ("ARM", "AZE")) == province


@pytest.mark.parametrize(("text", "province"), _RUSSIAN)
def test_russian_report_places_village_pass_and_community(text, province):
    assert _provinces(text, ("ARM", "AZE"), "ru") == province


@pytest.mark.parametrize(("text", "province"), _THAI)
def test_thai_report_places_village_pass_and_tambon(text, province):
    assert _provinces(text, ("MMR", "THA"), "th") == province


@pytest.mark.parametrize(
    ("text", "countries", "province"),
    [
        # a Russian district adjective: the data has Darvoz (English only)
        (
            "Обстрел Дарвазского района Таджикистана, ранены двое.",
            ("AFG", "TJK"),
            "TJ-GB",
        ),
        # ... and a Russian raion as GeoNames romanises it: Belgorodskiy
        (
            "В Белгородском районе при обстреле погиб мирный житель.",
            ("RUS", "UKR"),
            "RU-BEL",
        ),
        # a name with an apostrophe before a short word's letters ("Yir’on")
        ("Rockets hit the village of Yir’on, wounding two.", ("ISR", "LBN"), "IL-Z"),
        # a province misspelt: the data has Syunik
        ("Shelling hit houses in Siunik, killing a shepherd.", ("ARM", "AZE"), "AM-SU"),
        # a transliteration in English: the data has Ben Gardane
        (
            "Militants attacked a police post at Ben Guardane, killing two.",
            ("LBY", "TUN"),
            "TN-82",
        ),
    ],
)
def test_names_written_otherwise_are_placed(text, countries, province):
    language = "ru" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "en"
    assert _provinces(text, countries, language) == {province}


@pytest.mark.parametrize(
    "text",
    [
        "Troops clashed on Sunday, killing two soldiers.",
        "Fighting in the Democratic Republic of Congo killed five.",
        "Kabeer and Haroon were killed by a mortar round.",
        "Kurdish fighters were killed in the strike.",
    ],
)
def test_words_are_not_read_as_places_by_their_sound(text):
    assert _provinces(text, ("AFG", "PAK")) == set()
    assert _provinces(text, ("COD", "RWA")) == set()


def test_a_namesake_is_taken_near_the_other_places_and_noted():
    # Kapchygay: a village of Batken (KG-B) beside Tajikistan's Chorkuh, and one
    # of Osh (KG-O) 200 km east; the one beside Chorkuh is meant
    text = "Shells fell on Chorkuh and Kapchygay on Tuesday, killing two villagers."
    incidents = _incidents(text, ("KGZ", "TJK"))
    assert {c for i in incidents for c in i.admin1_iso} == {"KG-B", "TJ-SU"}
    notes = [note for i in incidents for note in i.notes]
    assert any("Kapchygay" in n and "KG-B taken" in n for n in notes), notes


def test_a_namesake_nothing_settles_is_left_out_and_noted():
    text = "Shells fell on Kapchygay on Tuesday, killing two villagers."
    incidents = _incidents(text, ("KGZ", "TJK"))
    assert {c for i in incidents for c in i.admin1_iso} == set()
    notes = [note for i in incidents for note in i.notes]
    assert any("KG-B, KG-O: none taken" in n for n in notes), notes


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Indian shelling in PoK killed two civilians.", "PK-JK"),
        ("Indian shelling in AJK killed two civilians.", "PK-JK"),
        (
            "Pakistani shelling in Pakistan-occupied Kashmir's Neelum killed two.",
            "PK-JK",
        ),
        ("Firing by Pakistani troops in IIOJK killed two civilians.", "IN-JK"),
        ("Firing in Indian-occupied Kashmir killed two civilians.", "IN-JK"),
    ],
)
def test_a_disputed_region_s_political_names_are_its_province(text, province):
    assert _provinces(text, ("IND", "PAK")) == {province}


def test_an_acronym_counts_only_as_written():
    assert (
        _provinces("Shelling near the pok and ajk killed two.", ("IND", "PAK")) == set()
    )
