"""Thai and Russian word files and place names (issue 22's data, before its reader)."""

import json
import re

import pytest

from bordermap.geo.extract.words.lexicon import Lexicon
from bordermap.geo.places.native import NATIVE_LANGUAGES, native_names
from bordermap.geo.records import EVENT_TYPES
from tests.conftest import ROOT

LANGUAGES = ("th", "ru")
VALUED = ("numbers", "multipliers", "vague", "relative", "weekdays", "months", "events")


def _valued(lex: Lexicon, section: str) -> list[tuple[str, re.Pattern]]:
    out = []
    for row in lex.words(section):
        value, _, expression = row.partition(" ")
        out.append((value, re.compile(expression, re.I)))
    return out


def test_every_language_has_the_same_sections():
    sections = {lang: Lexicon(f"{lang}/reading").sections() for lang in LANGUAGES}
    assert sections["th"] == sections["ru"]
    assert {"killed", "wounded", "displaced", "at_least", "more_than", "months"} <= set(
        sections["th"]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rows_compile_and_valued_rows_start_with_their_value(lang):
    lex = Lexicon(f"{lang}/reading")
    for section in lex.sections():
        lex.pattern(section)
    for section in VALUED:
        for value, _ in _valued(lex, section):
            if section == "events":
                assert value in EVENT_TYPES
            else:
                int(value)


@pytest.mark.parametrize(
    ("lang", "text", "month"),
    [
        ("th", "13 ธ.ค.", 12),
        ("th", "24 กรกฎาคม 2567", 7),
        ("th", "3 มี.ค. 67", 3),
        ("ru", "8 декабря", 12),
        ("ru", "14 сентября 2021 года", 9),
    ],
)
def test_month_names(lang, text, month):
    found = [
        int(v)
        for v, p in _valued(Lexicon(f"{lang}/reading"), "months")
        if p.search(text)
    ]
    assert found == [month]


@pytest.mark.parametrize(
    ("lang", "text", "section"),
    [
        ("th", "มีผู้เสียชีวิต 1 ราย", "killed"),
        ("th", "บาดเจ็บ 6 ราย", "wounded"),
        ("th", "อพยพไปยังศูนย์พักพิง", "displaced"),
        ("th", "ประชาชนกว่า 2,000 คน", "more_than"),
        ("th", "อย่างน้อย 3 ราย", "at_least"),
        ("ru", "погибли 24 человека", "killed"),
        ("ru", "получили ранения", "wounded"),
        ("ru", "эвакуированы 136 тысяч", "displaced"),
        ("ru", "не менее 24 человек", "at_least"),
        ("ru", "свыше 136 тысяч", "more_than"),
        ("ru", "вдоль границы", "border"),
    ],
)
def test_words_find_their_kind(lang, text, section):
    assert Lexicon(f"{lang}/reading").pattern(section).search(text)


def test_every_thai_province_has_its_thai_name():
    adm1 = json.loads((ROOT / "bordermap/data/admin1_THA_KHM.geojson").read_text())
    codes = {f["properties"]["adm1_iso"] for f in adm1["features"]}
    named = {
        p.admin1_iso
        for places in native_names("th").values()
        for p in places
        if p.kind == "admin1"
    }
    assert {c for c in codes if c.startswith("TH-")} <= named
    # Khmer-side provinces as Thai papers write them
    assert {"KH-1", "KH-13", "KH-22", "KH-2", "KH-24", "KH-9"} <= named


@pytest.mark.parametrize(
    ("lang", "name", "expected"),
    [
        ("th", "ศรีสะเกษ", ("Si Sa Ket", "admin1", "TH-33")),
        ("th", "ปราสาทตาเมือนธม", ("Prasat Ta Muen Thom", "temple", "TH-32")),
        ("th", "อุดรมีชัย", ("Oddar Meanchey", "admin1", "KH-22")),
        ("ru", "Исфара", ("Isfara", "town", "TJ-SU")),
        ("ru", "Баткенский район", ("Batkenskiy", "admin2", "KG-B")),
        ("ru", "Ворух", ("Vorukh", "town", "TJ-SU")),
    ],
)
def test_native_names_point_at_gazetteer_entries(lang, name, expected):
    assert expected in {
        (p.name, p.kind, p.admin1_iso) for p in native_names(lang)[name]
    }


def test_a_language_without_names_is_a_clear_error():
    assert "th" in NATIVE_LANGUAGES
    with pytest.raises(ValueError, match="no place names in 'km'"):
        native_names("km")
