"""The Thai and Russian reader: shapes of sentences, written by us, and what they give.

Each case is one shape a report takes in that language (the kind word before or
after the figure, a hedge, a Buddhist-era date, an inflected place name, a total
of both sides); the expectations follow the corpus conventions.
"""

from __future__ import annotations

from datetime import date

import pytest

from bordermap.geo.extract.incidents import article_incidents, merge_reports
from bordermap.geo.extract.native import words
from bordermap.geo.places.gazetteer import border_gazetteer, load_gazetteer
from bordermap.geo.records import Article, Precision


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _read(gazetteer, text, lang, published=date(2025, 11, 14), id_="a"):
    article = Article(id=id_, text=text, published=published, language=lang)
    return article_incidents(article, gazetteer)


def _brief(inc):
    counts = {
        k: (c.best, c.qualifier)
        for k, c in (
            ("killed", inc.killed),
            ("wounded", inc.wounded),
            ("displaced", inc.displaced),
        )
        if c is not None
    }
    return inc.event_type, inc.admin1_iso, str(inc.date), counts


def test_thai_strike_with_counts_date_and_shelter(gazetteer):
    text = (
        "จรวดบีเอ็ม-21 ตกใส่บ้านเรือนประชาชน ต.ภูผาหมอก อ.กันทรลักษ์ จ.ศรีสะเกษ "
        "เมื่อวันที่ 12 พ.ย.68 มีผู้เสียชีวิต 1 ราย บาดเจ็บอย่างน้อย 6 ราย "
        "ประชาชนกว่า 2,000 คนอพยพไปยังศูนย์พักพิง"
    )
    found = [_brief(i) for i in _read(gazetteer, text, "th")]
    assert found == [
        ("shelling", ("TH-33",), "2025-11-12",
         {"killed": (1, "exact"), "wounded": (6, "at_least")}),
        ("evacuation_displacement", ("TH-33",), "2025-11-12",
         {"displaced": (2001, "more_than")}),
    ]  # fmt: skip
    shelling = _read(gazetteer, text, "th")[0]
    assert shelling.precision is Precision.SITE  # the sub-district
    assert shelling.killed.quote.text == "ผู้เสียชีวิต 1 ราย"
    assert text[shelling.killed.quote.start : shelling.killed.quote.end] == (
        "ผู้เสียชีวิต 1 ราย"
    )


def test_thai_figure_before_its_kind_and_thai_digits(gazetteer):
    text = "ทหาร ๒ นายเสียชีวิต และ 3 นายบาดเจ็บ จากการปะทะที่ อ.พนมดงรัก จ.สุรินทร์ วันนี้"
    (inc,) = _read(gazetteer, text, "th")
    assert _brief(inc) == (
        "armed_clash", ("TH-32",), "2025-11-14",
        {"killed": (2, "exact"), "wounded": (3, "exact")},
    )  # fmt: skip
    assert inc.killed.victims_group == "soldiers"


def test_thai_two_digit_and_full_buddhist_years(gazetteer):
    short = _read(gazetteer, "ปืนใหญ่ยิงถล่ม จ.สระแก้ว เมื่อ 13 ธ.ค.68", "th")
    full = _read(gazetteer, "ปืนใหญ่ยิงถล่ม จ.สระแก้ว เมื่อ 24 กรกฎาคม 2567", "th")
    assert [str(i.date) for i in short + full] == ["2025-12-13", "2024-07-24"]


def test_thai_along_the_border_stays_border_wide(gazetteer):
    (inc,) = _read(gazetteer, "มีการปะทะกันตามแนวชายแดน ผู้เสียชีวิต 3 ราย", "th")
    assert inc.precision is Precision.BORDER and inc.admin1_iso == ()


def test_thai_households_are_not_persons(gazetteer):
    (inc,) = _read(gazetteer, "อพยพ 150 ครัวเรือน ใน อ.ขุนหาญ จ.ศรีสะเกษ", "th")
    assert inc.displaced.unit == "families" and inc.displaced.best == 150


def test_russian_inflected_places_and_hedges(gazetteer):
    text = (
        "В Баткенской области погибли не менее 24 человек, ранены 136. "
        "Около 136 тысяч жителей были эвакуированы из Лейлекского района."
    )
    found = [_brief(i) for i in _read(gazetteer, text, "ru", date(2022, 10, 1))]
    assert found == [
        ("armed_clash", ("KG-B",), "2022-10-01",
         {"killed": (24, "at_least"), "wounded": (136, "exact")}),
        ("evacuation_displacement", ("KG-B",), "2022-10-01",
         {"displaced": (136000, "around")}),
    ]  # fmt: skip


def test_russian_town_in_any_case_and_dates(gazetteer):
    text = "14 сентября 2021 года таджикские военные обстреляли село возле Исфары."
    (inc,) = _read(gazetteer, text, "ru", date(2021, 9, 15))
    assert _brief(inc) == ("shelling", ("TJ-SU",), "2021-09-14", {})


def test_russian_number_words_and_yesterday(gazetteer):
    text = "Вчера в Тавушской области двое военнослужащих погибли при обстреле."
    (inc,) = _read(gazetteer, text, "ru", date(2023, 5, 12))
    assert _brief(inc) == (
        "shelling", ("AM-TV",), "2023-05-11", {"killed": (2, "exact")}
    )  # fmt: skip
    assert inc.killed.victims_group == "soldiers"


def test_a_total_of_both_sides_is_no_provinces_number(gazetteer):
    text = "В Баткенской области, по данным сторон, с обеих сторон погибли 100 человек."
    (inc,) = _read(gazetteer, text, "ru")
    assert inc.admin1_iso == () and inc.precision is Precision.BORDER
    assert inc.killed.best == 100


def test_figures_that_count_no_one_are_left(gazetteer):
    text = "Снаряды БМ-21 упали в 10 км от Исфары; 2025 год."
    assert [i.killed for i in _read(gazetteer, text, "ru")] == [None]


def test_a_sentence_printed_twice_is_one_incident(gazetteer):
    line = "จรวดตกที่ อ.กาบเชิง จ.สุรินทร์ มีผู้เสียชีวิต 2 ราย"
    assert len(_read(gazetteer, f"{line}\n{line}", "th")) == 1


def test_one_strike_in_thai_and_english_is_one_incident(gazetteer):
    thai = _read(
        gazetteer,
        "จรวดตกที่ อ.กาบเชิง จ.สุรินทร์ เมื่อ 13 พ.ย.68 มีผู้เสียชีวิต 2 ราย",
        "th",
        id_="th",
    )
    english = _read(
        gazetteer,
        "A rocket hit Kap Choeng district of Surin on November 13, killing two.",
        "en",
        id_="en",
    )
    merged = list(merge_reports(english + thai))
    assert len(merged) == 1
    assert [s.article_id for s in merged[0].sources] == ["en", "th"]
    assert merged[0].killed.best == 2


@pytest.mark.parametrize(
    ("lang", "figure", "value"),
    [
        ("th", "๑,๒๐๐", 1200),
        ("th", "1.5 หมื่น", 15000),
        ("th", "สาม", 3),
        ("ru", "136 000", 136000),
        ("ru", "2,5 тыс.", 2500),
        ("ru", "пятеро", 5),
        ("ru", "3 млн", 3000000),
    ],
)
def test_figures(lang, figure, value):
    assert words(lang).value(figure) == value


def test_a_language_without_a_word_file_is_a_clear_error():
    with pytest.raises(ValueError, match="no word file for 'km'"):
        words("km")


def test_a_period_start_is_not_the_day_of_a_total(gazetteer):
    text = "นับตั้งแต่วันที่ 8 พ.ย. มีพลเรือนเสียชีวิตรวม 5 ราย ในจังหวัดสุรินทร์"
    (inc,) = _read(gazetteer, text, "th", date(2025, 11, 20))
    assert inc.scope == "aggregate" and str(inc.date) == "2025-11-20"


def test_no_one_hurt_is_a_count_of_none(gazetteer):
    text = "จรวดตกที่ อ.พนมดงรัก จ.สุรินทร์ เมื่อเช้านี้ ไม่มีผู้บาดเจ็บ"
    (inc,) = _read(gazetteer, text, "th")
    assert (inc.wounded.best, inc.wounded.qualifier) == (0, "none")


def test_a_toll_that_rose_to_a_figure_is_that_figure(gazetteer):
    text = "Число погибших на границе в Баткенской области выросло до 31 человека."
    (inc,) = _read(gazetteer, text, "ru")
    assert (inc.scope, inc.killed.best, inc.killed.qualifier) == (
        "aggregate", 31, "exact"
    )  # fmt: skip


def test_both_sides_fighting_is_not_a_total_of_both_sides(gazetteer):
    text = (
        "ที่ อ.ตาพระยา จ.สระแก้ว มีการปะทะกันระหว่างทหารทั้งสองฝ่ายนานกว่า 20 นาที "
        "ทหารไทยบาดเจ็บ 1 นาย"
    )
    (inc,) = _read(gazetteer, text, "th")
    assert (inc.scope, inc.admin1_iso, inc.wounded.best) == ("event", ("TH-27",), 1)


def test_a_figure_of_places_counts_no_one(gazetteer):
    text = "ประชาชนกว่า 3,000 คนในอำเภอบ้านกรวด จังหวัดบุรีรัมย์ อพยพไปยังศูนย์พักพิง 12 แห่ง"
    (inc,) = _read(gazetteer, text, "th")
    assert (inc.displaced.best, inc.displaced.qualifier) == (3001, "more_than")


def test_further_parts_of_one_kind_are_summed(gazetteer):
    text = (
        "โดรนทิ้งระเบิดใส่ฐานทหารในอำเภอโป่งน้ำร้อน จังหวัดจันทบุรี วานนี้ "
        "ทหารได้รับบาดเจ็บสาหัส 2 นาย และบาดเจ็บเล็กน้อยอีก 4 นาย"
    )
    (inc,) = _read(gazetteer, text, "th")
    assert (inc.wounded.best, inc.wounded.note) == (6, "sum of stated parts")
    assert [b for _, b in inc.wounded.breakdown] == [2, 4]
    assert str(inc.date) == "2025-11-13"  # วานนี้: the day before the page's


def test_past_a_comma_a_figure_counts_its_own_kind(gazetteer):
    text = (
        "У села в Баткенском районе произошла перестрелка. Погибли двое граждан "
        "Кыргызстана, еще 11 человек получили ранения."
    )
    (inc,) = _read(gazetteer, text, "ru")
    assert (inc.killed.best, inc.wounded.best) == (2, 11)


def test_shooting_is_an_event_word(gazetteer):
    text = "Жители села в Сюникской области сообщили о стрельбе. Пострадавших нет."
    (inc,) = _read(gazetteer, text, "ru")
    assert (inc.event_type, inc.admin1_iso) == ("armed_clash", ("AM-SU",))
    assert (inc.wounded.best, inc.wounded.qualifier) == (0, "none")


def test_a_clause_after_after_is_its_own_event(gazetteer):
    # the air strike answered a shelling told in the clause "หลังจาก ..." (after):
    # two incidents, each at its own place, the clause without a day on the
    # sentence's day; the next sentence's toll goes to the main event, and the
    # side that reports it counts its own soldiers
    text = (
        "เครื่องบินรบไทยโจมตีทางอากาศในจังหวัดบันทายมีชัย เมื่อวันที่ 3 พ.ย. "
        "หลังจากกัมพูชายิงจรวดตกใส่ อ.บ้านกรวด จ.บุรีรัมย์\n\n"
        "ฝ่ายกัมพูชาระบุว่ามีทหารเสียชีวิต 2 นาย"
    )
    found = sorted(_brief(i) for i in _read(gazetteer, text, "th"))
    assert found == [
        ("air_strike", ("KH-1",), "2025-11-03", {"killed": (2, "exact")}),
        ("shelling", ("TH-31",), "2025-11-03", {}),
    ]
    strike = next(i for i in _read(gazetteer, text, "th") if i.killed)
    assert (strike.killed.victims_country, strike.killed.victims_group) == (
        "KHM",
        "soldiers",
    )
    assert strike.attribution == "ฝ่ายกัมพูชา"


def test_a_russian_clause_in_reply_is_its_own_event(gazetteer):
    text = (
        "17 октября армянские позиции в Гегаркуникской области подверглись "
        "обстрелу, после того как в Тавушской области произошла перестрелка."
    )
    found = sorted(_brief(i) for i in _read(gazetteer, text, "ru"))
    assert found == [
        ("armed_clash", ("AM-TV",), "2025-10-17", {}),
        ("shelling", ("AM-GR",), "2025-10-17", {}),
    ]


def test_a_clause_word_without_an_event_before_it_cuts_nothing(gazetteer):
    # "two soldiers died after a rocket fell": one event, its toll kept
    text = "ทหาร 2 นายเสียชีวิต หลังจากจรวดตกใส่ฐานใน อ.กันทรลักษ์ จ.ศรีสะเกษ"
    found = [_brief(i) for i in _read(gazetteer, text, "th")]
    assert found == [("shelling", ("TH-33",), "2025-11-14", {"killed": (2, "exact")})]


def test_a_demonym_beside_the_figure_gives_the_victims_side(gazetteer):
    text = "18 октября в Баткенской области погибли двое таджикских пограничников."
    (inc,) = _read(gazetteer, text, "ru")
    assert inc.killed.victims_country == "TJK"


def test_a_speaker_ends_at_its_saying_word_and_names_its_side(gazetteer):
    text = (
        "กระทรวงกลาโหมกัมพูชาระบุว่า ทหารไทยยิงปืนใหญ่ใส่หมู่บ้านในจังหวัด"
        "บันทายมีชัย เมื่อวันที่ 4 พ.ย. ทำให้พลเรือนเสียชีวิต 2 ราย"
    )
    (inc,) = _read(gazetteer, text, "th")
    assert inc.attribution == "กระทรวงกลาโหมกัมพูชา"
    assert _brief(inc) == (
        "shelling", ("KH-1",), "2025-11-04", {"killed": (2, "exact")}
    )  # fmt: skip


def test_a_toll_told_alone_is_not_placed_where_its_speaker_sits(gazetteer):
    # the district chief of Ban Kruat says no one was hurt by fire heard along
    # the border: the shelling stays border-wide, the flight is in Ban Kruat
    text = (
        "ชาวบ้านกว่า 500 คนใน อ.บ้านกรวด จ.บุรีรัมย์ อพยพ หลังมีเสียงปืนใหญ่"
        "ตามแนวชายแดนเมื่อวันที่ 9 พ.ย.\n\n"
        "นายอำเภอบ้านกรวดกล่าวว่ายังไม่มีรายงานผู้บาดเจ็บ"
    )
    found = sorted(_brief(i) for i in _read(gazetteer, text, "th"))
    assert found == [
        ("evacuation_displacement", ("TH-31",), "2025-11-09",
         {"displaced": (501, "more_than")}),
        ("shelling", (), "2025-11-09", {"wounded": (0, "none")}),
    ]  # fmt: skip


def test_a_rayon_that_is_a_first_level_unit_is_found_with_its_level_word(gazetteer):
    # Azerbaijan's rayons are its provinces: "район" names them as well
    text = "14 июля 2020 года армянская артиллерия обстреляла села Кедабекского района."
    (inc,) = _read(gazetteer, text, "ru")
    assert _brief(inc) == ("shelling", ("AZ-GAD",), "2020-07-14", {})


def test_russian_attacks_and_no_dead_or_wounded(gazetteer):
    text = (
        "3 мая 2023 года подразделения атаковали пост в Тавушской области. "
        "Погибших и раненых нет."
    )
    (inc,) = _read(gazetteer, text, "ru")
    assert _brief(inc) == (
        "armed_clash", ("AM-TV",), "2023-05-03",
        {"killed": (0, "none"), "wounded": (0, "none")},
    )  # fmt: skip


def test_from_the_area_points_back_to_the_place_told_last(gazetteer):
    text = (
        "จรวดตกใส่ ต.ตาเมียง อ.พนมดงรัก จ.สุรินทร์ เมื่อวันที่ 6 พ.ย.\n\n"
        "ทางการสั่งอพยพชาวบ้าน 300 คนออกจากพื้นที่"
    )
    found = [_brief(i) for i in _read(gazetteer, text, "th")]
    assert found[1][:2] == ("evacuation_displacement", ("TH-32",))


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("จรวดตกใกล้ตลาดปอยเปต เมื่อวันที่ 2 พ.ย.", "KH-1"),
        ("เครื่องบินรบทิ้งระเบิดที่ อ.จอมกระสานต์ เมื่อวันที่ 2 พ.ย.", "KH-13"),
        ("ปะทะกันใกล้อันลองเวง เมื่อวันที่ 2 พ.ย.", "KH-22"),
    ],
)
def test_cambodian_places_as_thai_papers_write_them(gazetteer, text, province):
    (inc,) = _read(gazetteer, text, "th")
    assert inc.admin1_iso == (province,)
    assert inc.country_iso3 == "KHM"


def test_russian_families_are_not_persons(gazetteer):
    text = "5 мая 2023 года из села Сотк Гегаркуникской области эвакуированы 40 семей."
    (inc,) = _read(gazetteer, text, "ru")
    assert (inc.displaced.best, inc.displaced.unit) == (40, "families")


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        # a range: low and best the first figure, high the second; the
        # multiplier of the second is the first's too
        ("Из сел Баткенской области 2 мая эвакуированы от 5 до 7 тысяч человек.",
         "ru", (5000, 5000, 7000, "range")),
        ("ชาวบ้าน 5,000-7,000 คนใน จ.สุรินทร์ อพยพ เมื่อวันที่ 2 พ.ย.",
         "th", (5000, 5000, 7000, "range")),
        ("ชาวบ้าน 5 ถึง 7 พันคนใน จ.สุรินทร์ อพยพ เมื่อวันที่ 2 พ.ย.",
         "th", (5000, 5000, 7000, "range")),
        # "до" without "от" is still "up to"
        ("Из сел Баткенской области 2 мая эвакуированы до 7 тысяч человек.",
         "ru", (None, 7000, 7000, "up_to")),
        # vague plurals: several, tens of thousands (not "tens" and "thousands")
        ("Из сел Баткенской области 2 мая эвакуированы десятки тысяч человек.",
         "ru", (20000, 20000, None, "vague_plural")),
        ("ชาวบ้านหลายรายใน จ.สุรินทร์ อพยพ เมื่อวันที่ 2 พ.ย.",
         "th", (3, 3, None, "vague_plural")),
    ],
)  # fmt: skip
def test_ranges_and_vague_plurals(gazetteer, text, lang, count):
    (inc,) = _read(gazetteer, text, lang)
    c = inc.displaced
    assert (c.low, c.best, c.high, c.qualifier) == count


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        # page of Tuesday 11 November 2025: "last Monday" is the 10th
        (
            "จรวดตกที่อำเภอกาบเชิง จังหวัดสุรินทร์ เมื่อวันจันทร์ที่ผ่านมา ชาวบ้านเสียชีวิต 2 คน",
            "th",
            "2025-11-10",
        ),
        (
            "ในวันอาทิตย์ จรวดตกที่อำเภอกาบเชิง จังหวัดสุรินทร์ ชาวบ้านเสียชีวิต 2 คน",
            "th",
            "2025-11-09",
        ),
        (
            "В понедельник обстрел Баткенской области унёс жизни двух человек.",
            "ru",
            "2025-11-10",
        ),
        (
            "Во вторник обстрел Баткенской области унёс жизни двух человек.",
            "ru",
            "2025-11-11",
        ),
    ],
)
def test_a_weekday_is_the_latest_such_day_up_to_the_page(gazetteer, text, lang, day):
    found = _read(gazetteer, text, lang, published=date(2025, 11, 11))
    assert [str(i.date) for i in found] == [day]


def test_a_thai_village_name_is_never_read_inside_a_word(gazetteer):
    # "ชาวบ้านเสียชีวิต" (villagers died) holds the letters of บ้านเส (Ban Se,
    # Chanthaburi), cut before the vowel of its last syllable
    text = "จรวดตกที่อำเภอกาบเชิง จังหวัดสุรินทร์ ทำให้ชาวบ้านเสียชีวิต 2 คน"
    found = _read(gazetteer, text, "th")
    assert [(i.admin1_iso, i.site) for i in found] == [(("TH-32",), "")]


def test_one_event_told_in_english_and_in_thai_is_one_incident(gazetteer):
    english = (
        "Cambodian rockets hit a village in Kap Choeng district of Surin on Monday, "
        "killing two villagers."
    )
    thai = (
        "จรวดของกัมพูชาตกใส่หมู่บ้านในอำเภอกาบเชิง จังหวัดสุรินทร์ "
        "เมื่อวันจันทร์ที่ผ่านมา ทำให้ชาวบ้านเสียชีวิต 2 คน"
    )
    published = date(2025, 11, 11)
    both = _read(gazetteer, english, "en", published, "en") + _read(
        gazetteer, thai, "th", published, "th"
    )
    merged = list(merge_reports(both))
    assert len(merged) == 1
    assert sorted(s.article_id for s in merged[0].sources) == ["en", "th"]
    assert merged[0].killed.best == 2 and merged[0].admin1_iso == ("TH-32",)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # shells fell in Myawaddy, on the bank opposite Mae Sot district of Tak
        (
            "กระสุนปืนใหญ่ตกที่เมืองเมียวดี ฝั่งตรงข้ามบ้านริมเมย ตำบลท่าสายลวด "
            "อ.แม่สอด จ.ตาก มีผู้บาดเจ็บ 3 คน",
            "th",
        ),
        # the blasts were heard as far as Mae Sot
        ("ระเบิดที่เมืองเมียวดี ดังสนั่นถึงแม่สอด มีผู้บาดเจ็บ 3 คน", "th"),
        # shelling of a village opposite Khushyary of Isfara district
        (
            "Обстрел Кок-Таша напротив села Хушьяры Исфаринского района, трое ранены.",
            "ru",
        ),
    ],
)
def test_a_place_told_as_a_landmark_is_not_where_it_happened(gazetteer, text, lang):
    found = _read(gazetteer, text, lang)
    assert found and not any(
        code in ("TH-63", "TJ-SU") for i in found for code in i.admin1_iso
    )


def test_a_landmark_word_with_no_address_after_it_leaves_the_place(gazetteer):
    # fired from the opposite side, the rocket fell in Kap Choeng district of Surin
    text = "ทหารกัมพูชายิงจรวดจากฝั่งตรงข้าม ตกที่อำเภอกาบเชิง จังหวัดสุรินทร์ ชาวบ้านเสียชีวิต 2 คน"
    assert [i.admin1_iso for i in _read(gazetteer, text, "th")] == [("TH-32",)]


def test_a_thai_run_on_sentence_of_two_provinces_is_two_incidents(gazetteer):
    # troops clashed in Kantharalak district of Si Sa Ket, and (no clause word)
    # a rocket fell in Kap Choeng district of Surin, killing two villagers
    text = (
        "ทหารปะทะกันที่อำเภอกันทรลักษ์ จังหวัดศรีสะเกษ "
        "จรวดตกที่อำเภอกาบเชิง จังหวัดสุรินทร์ ชาวบ้านเสียชีวิต 2 คน"
    )
    found = sorted((i.admin1_iso, i.event_type) for i in _read(gazetteer, text, "th"))
    assert [code for code, _ in found] == [("TH-32",), ("TH-33",)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # Kantharalak with one letter dropped (กันทรลักษ์), after its level word
        ("ระเบิดที่ อ.กันทลักษ์ ทหารบาดเจ็บ 2 นาย", ("TH-33",)),
        # "Mueang" is a district of every province: one letter off, it is none
        ("ระเบิดที่ อ.เมอง ทหารบาดเจ็บ 2 นาย", ()),
    ],
)
def test_a_unit_misspelt_by_one_letter_after_its_level_word(gazetteer, text, where):
    assert [i.admin1_iso for i in _read(gazetteer, text, "th")] == [where]


# Words the Thai and Russian readers lacked, by what they tell: name -> (text,
# language, (type, provinces, counts)); made-up sentences of the shapes real pages took.
WORDS = {
    # the enemy's dead as a statement tells them, and the fighters it names
    "ru: ликвидировали трех боевиков": (
        "Пограничники ликвидировали трех вооруженных боевиков в Баткенской области.",
        "ru",
        ("armed_clash", ("KG-B",), {"killed": (3, "exact")}),
    ),
    "ru: напали": (
        "Боевики напали на заставу в Баткенской области, погибли двое пограничников.",
        "ru",
        ("armed_clash", ("KG-B",), {"killed": (2, "exact")}),
    ),
    "ru: вторглись": (
        "Диверсанты вторглись в Брянскую область.",
        "ru",
        ("armed_clash", ("RU-BRY",), {}),
    ),
    # a drone's attack is an air strike, whichever word comes first
    "ru: атаковали дроном": (
        "В Брянской области атаковали дроном легковой автомобиль.",
        "ru",
        ("air_strike", ("RU-BRY",), {}),
    ),
    # a detention at the border is an incident of its own
    "ru: задержан": (
        "В Баткенской области задержан гражданин соседней страны.",
        "ru",
        ("arrest_prisoners", ("KG-B",), {}),
    ),
    "th: จับกุม": (
        "ทหารพรานจับกุมชาย 3 คนที่ลักลอบข้ามแดน อ.แม่สอด จ.ตาก",
        "th",
        ("arrest_prisoners", ("TH-63",), {}),
    ),
    # a bomb planted, thrown or gone off; mortar rounds that fell
    "th: ลอบวางระเบิด": (
        "คนร้ายลอบวางระเบิดริมถนนใน อ.สุไหงโก-ลก จ.นราธิวาส ชาวบ้านบาดเจ็บ 3 ราย",
        "th",
        ("landmine_explosive", ("TH-96",), {"wounded": (3, "exact")}),
    ),
    "th: บึ้ม": (
        "บึ้มร้านอาหารกลางเมือง อ.สุไหงโก-ลก จ.นราธิวาส เจ็บ 6 ราย",
        "th",
        ("landmine_explosive", ("TH-96",), {"wounded": (6, "exact")}),
    ),
    "th: กระสุนปืน ค.81 ตก": (
        "กระสุนปืน ค.81 เข้ามาตกในเขต อ.แม่สอด จ.ตาก 11 นัด",
        "th",
        ("shelling", ("TH-63",), {}),
    ),
    # small arms told by their rounds or the shot, and people fleeing danger
    "th: กระสุนปืนกลหลงตก": (
        "กระสุนปืนกลหลงตกใส่บ้านเรือนหลายหลังใน อ.แม่สอด จ.ตาก",
        "th",
        ("armed_clash", ("TH-63",), {}),
    ),
    "th: ยิงปืนเล็ก": (
        "ทหารยิงปืนเล็กข้ามแนวลวดหนามในพื้นที่ อ.กันทรลักษ์ จ.ศรีสะเกษ",
        "th",
        ("armed_clash", ("TH-33",), {}),
    ),
    "th: หนีภัย": (
        "ชาวบ้านหนีภัยสงครามเข้ามาที่ อ.แม่สอด จ.ตาก",
        "th",
        ("evacuation_displacement", ("TH-63",), {}),
    ),
    # fleeing the sound of guns is the flight, not a second event
    "th: อพยพหนีเสียงปืน": (
        "ชาวบ้านในตำบลบักดอง อ.ขุนหาญ อพยพหนีเสียงปืน",
        "th",
        ("evacuation_displacement", ("TH-33",), {}),
    ),
    # words that look like these and tell something else
    "ru: destroyed depots are no dead": (
        "При обстреле пограничники уничтожили три склада в Баткенской области.",
        "ru",
        ("shelling", ("KG-B",), {}),
    ),
    "ru: delayed lorries are no detention": (
        "В Баткенской области задержаны фуры с товаром.",
        "ru",
        None,
    ),
    "ru: napalm is no attack": ("В Брянской области применили напалм.", "ru", None),
    "th: being watched is no arrest": (
        "ชาวบ้านถูกจับตามองในพื้นที่ อ.แม่สอด จ.ตาก",
        "th",
        None,
    ),
    "th: building a shelter is no flight": (
        "ชาวบ้านช่วยกันสร้างหลุมหลบภัยในพื้นที่ อ.แม่สอด จ.ตาก",
        "th",
        None,
    ),
}


@pytest.mark.parametrize("name", list(WORDS))
def test_words_the_readers_lacked(gazetteer, name):
    text, lang, expected = WORDS[name]
    found = [(t, a, c) for t, a, _, c in map(_brief, _read(gazetteer, text, lang))]
    assert found == ([expected] if expected else [])


# One person killed or wounded told without a figure: name -> (text, counts).
ONE_PERSON = {
    "погиб рядовой": ("В Баткенской области погиб рядовой.", {"killed": (1, "exact")}),
    "убит водитель, ранена девочка": (
        "В Баткенской области был убит водитель, получила ранения 10-летняя девочка.",
        {"killed": (1, "exact"), "wounded": (1, "exact")},
    ),
    "смертельное ранение": (
        "В Баткенской области смертельное ранение получил пограничник.",
        {"killed": (1, "exact")},
    ),
    "застрелили гражданина": (
        "В Баткенской области пограничники застрелили гражданина соседней страны.",
        {"killed": (1, "exact")},
    ),
    "ранили пограничника": (
        "В Баткенской области ранили пограничника.",
        {"wounded": (1, "exact")},
    ),
    # a figure beats the one person; plural nouns are not one
    "a figure beside": (
        "В Баткенской области ранен пограничник, погибли два военнослужащих.",
        {"killed": (2, "exact"), "wounded": (1, "exact")},
    ),
    # no one: a negation, a thing of a person, an adjective
    "не пострадал": (
        "В Баткенской области обстреляли заставу, водитель не пострадал.",
        {},
    ),
    "автомобиль пограничника": (
        "В Баткенской области при обстреле пострадал автомобиль пограничника.",
        {},
    ),
    "военный аэродром": (
        "В Баткенской области при обстреле пострадал военный аэродром.",
        {},
    ),
}


@pytest.mark.parametrize("name", list(ONE_PERSON))
def test_one_person_told_without_a_figure(gazetteer, name):
    text, counts = ONE_PERSON[name]
    (inc,) = _read(gazetteer, text, "ru")
    assert _brief(inc)[3] == counts


def test_an_age_is_no_count(gazetteer):
    text = "В Баткенской области при обстреле пострадала 12-летняя девочка."
    (inc,) = _read(gazetteer, text, "ru")
    assert (inc.wounded.best, inc.wounded.stated) == (1, "пострадала 12-летняя девочка")


def test_a_province_of_any_country_is_read_in_russian():
    # two soldiers killed in a clash in Afghanistan's Badakhshan province
    text = "В афганской провинции Бадахшан в перестрелке погибли двое военных."
    found = _read(border_gazetteer(("AFG", "TJK")), text, "ru")
    assert [i.admin1_iso for i in found] == [("AF-BDS",)]


def test_where_an_attack_came_from_is_not_where_it_happened():
    # gunmen from the territory of Afghanistan's Badakhshan province attacked a
    # post in Khatlon region; one border guard was killed
    text = (
        "Боевики с территории северной афганской провинции Бадахшан напали на "
        "заставу в Хатлонской области, погиб один пограничник."
    )
    found = _read(border_gazetteer(("AFG", "TJK")), text, "ru")
    assert {c for i in found for c in i.admin1_iso} == {"TJ-KT"}


def test_a_meeting_abroad_is_no_place_of_the_border():
    # the UN Security Council met in New York over the killing of two workers
    text = (
        "Совет Безопасности ООН в Нью-Йорке обсудил нападение, в котором "
        "погибли двое рабочих."
    )
    found = _read(border_gazetteer(("AFG", "TJK")), text, "ru")
    assert not {c for i in found for c in i.admin1_iso} & {"US-NY"}


def test_a_province_the_word_file_knows_counts_in_a_run_of_another_border():
    # a run mapped to Kyrgyzstan–Tajikistan reads a page on Armenia: Syunik stays
    text = "Село Тегх Сюникской области подверглось обстрелу, ранены двое жителей."
    found = _read(border_gazetteer(("KGZ", "TJK")), text, "ru")
    assert {c for i in found for c in i.admin1_iso} == {"AM-SU"}
