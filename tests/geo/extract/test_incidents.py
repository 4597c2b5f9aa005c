from datetime import date

import pytest

from bordermap.geo.extract.incidents import article_incidents, merge_reports
from bordermap.geo.places.gazetteer import border_gazetteer
from bordermap.geo.records import Article, Precision


def incidents_of(text, gazetteer, published=date(2025, 12, 9), id="a"):
    return article_incidents(Article(id=id, text=text, published=published), gazetteer)


def test_the_fixture_article(article, gazetteer):
    incs = article_incidents(article, gazetteer)
    shelling = [i for i in incs if i.event_type == "shelling"]
    assert len(shelling) == 1
    (s,) = shelling
    assert s.admin1_iso == ("TH-32",) and s.precision is Precision.ADMIN2
    assert s.admin2_name == ("Kap Choeng",)
    assert (s.killed.qualifier, s.killed.best, s.killed.victims_group) == (
        "exact",
        2,
        "civilians",
    )
    assert s.killed.quote.text in article.text
    assert (
        article.text[s.killed.quote.start : s.killed.quote.end] == s.killed.quote.text
    )
    assert str(s.date) == "2025-07-24"
    evac = [i for i in incs if i.event_type == "evacuation_displacement"]
    assert evac and evac[0].displaced.low == 3001


def test_launch_site_is_not_the_location(gazetteer):
    text = "Rockets fired from Samraong landed in Kantharalak district on Monday."
    (inc,) = incidents_of(text, gazetteer)
    assert inc.admin1_iso == (
        "TH-33",
    )  # Kantharalak, Si Sa Ket; Samraong is Oddar Meanchey


def test_along_the_border_stays_border_wide(gazetteer):
    (inc,) = incidents_of(
        "Two soldiers were wounded in a clash along the border.", gazetteer
    )
    assert inc.precision is Precision.BORDER and inc.admin1_iso == ()
    assert inc.wounded.best == 2


def test_both_sides_total_is_border_wide_and_aggregate(gazetteer):
    text = (
        "So far at least 30 people have died on both sides in Surin and Oddar Meanchey."
    )
    incs = incidents_of(text, gazetteer)
    (inc,) = [i for i in incs if i.killed]
    assert inc.scope == "aggregate"
    assert inc.killed.victims_country == "both"


def test_a_sentence_printed_twice_is_one_incident(gazetteer):
    text = (
        "A clash on the border left two Thai soldiers wounded\n\n"
        "A clash on the border left two Thai soldiers wounded."
    )
    incs = incidents_of(text, gazetteer)
    assert len(incs) == 1 and incs[0].wounded.best == 2


def test_a_further_exchange_is_a_new_incident(gazetteer):
    text = (
        "Troops exchanged fire near Ta Muen Thom at 8.20am. "
        "A further exchange of fire near the temple at 9.15am left one soldier wounded."
    )
    incs = incidents_of(text, gazetteer)
    assert [i.event_type for i in incs] == ["armed_clash", "armed_clash"]
    assert incs[1].wounded.best == 1 and incs[0].wounded is None


def test_the_blast_refines_the_lead(gazetteer):
    text = (
        "A mine wounded three soldiers near the border. "
        "The blast happened on Wednesday, July 16, in Nam Yuen district."
    )
    (inc,) = incidents_of(text, gazetteer, published=date(2025, 7, 19))
    assert inc.admin1_iso == ("TH-34",) and inc.wounded.best == 3
    assert str(inc.date) == "2025-07-16"


def test_denial_is_not_an_incident(gazetteer):
    text = "The army said no rockets had fallen on houses in Ban Kruat district."
    assert incidents_of(text, gazetteer) == []


def test_prisoners_are_not_casualties(gazetteer):
    (inc,) = incidents_of(
        "The deal provides for the release of 18 Cambodian soldiers held by Thailand.",
        gazetteer,
    )
    assert inc.event_type == "arrest_prisoners"
    assert inc.killed is None and inc.wounded is None
    assert inc.other_counts["prisoners_held"].best == 18


def test_death_in_a_shelter_is_not_killed(gazetteer):
    text = (
        "One evacuee died overnight at the temporary shelter; he had a heart condition."
    )
    (inc,) = incidents_of(text, gazetteer)
    assert inc.killed is None and inc.other_counts["non_violent_deaths"].best == 1


def test_running_total_is_an_aggregate_of_its_own(gazetteer):
    text = (
        "The two deaths bring to 21 the number of Thai soldiers killed in 11 days of "
        "fighting."
    )
    (inc,) = incidents_of(text, gazetteer)
    assert inc.scope == "aggregate" and inc.killed.best == 21


def test_false_friend_far_from_the_border_is_ignored(gazetteer):
    # Prasat is a district of Surin; "Prasat subdistrict" in Buri Ram is another place
    text = "A man from Prasat subdistrict in Ban Kruat was killed by shelling."
    (inc,) = incidents_of(text, gazetteer)
    assert inc.admin1_iso == ("TH-31",)


def test_meeting_venue_abroad_only_for_talks(gazetteer):
    text = "Ministers met after a meeting of ASEAN ministers in Kuala Lumpur on Monday."
    (inc,) = incidents_of(text, gazetteer, published=date(2025, 12, 23))
    assert inc.event_type == "ceasefire_agreement" and inc.admin1_iso == ("MY-14",)
    assert (
        incidents_of("Fighting broke out as leaders flew to Kuala Lumpur.", gazetteer)[
            0
        ].admin1_iso
        == ()
    )


def test_planned_meeting(gazetteer):
    (inc,) = incidents_of(
        "The border committee is due to sit on Wednesday.",
        gazetteer,
        published=date(2025, 12, 23),
    )
    assert inc.planned and str(inc.date) == "2025-12-24"


def test_cross_article_reports_are_merged_with_sources(gazetteer):
    a = incidents_of(
        "Shelling killed two villagers in Surin on Monday.",
        gazetteer,
        published=date(2025, 7, 29),
        id="a",
    )
    b = incidents_of(
        "Shelling killed at least three villagers in Surin on Monday.",
        gazetteer,
        published=date(2025, 7, 30),
        id="b",
    )
    (merged,) = list(merge_reports(a + b))
    assert [s.article_id for s in merged.sources] == ["a", "b"]
    assert merged.killed.low == 3  # the most recent report's figure is shown
    assert [s.killed.best for s in merged.sources] == [2, 3]  # both are kept


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345",
        "<script>alert(1)</script>",
        "Surin " * 500,
    ],
)
def test_odd_text_does_not_break(text, gazetteer):
    for inc in incidents_of(text or " ", gazetteer):
        for count in (inc.killed, inc.wounded, inc.displaced):
            assert count is None or count.low is None or count.low >= 0


def test_a_national_total_never_becomes_a_province_figure(gazetteer):
    text = (
        "YEREVAN, Sept 13 — Azerbaijani forces shelled Armenian towns overnight, the "
        "ministry said, reporting that 49 of its soldiers had been killed. In Sotk, in "
        "Gegharkunik province, shelling damaged houses and wounded two civilians."
    )
    incs = incidents_of(text, gazetteer, published=date(2022, 9, 13))
    (total,) = [i for i in incs if i.killed]
    assert total.killed.best == 49 and total.admin1_iso == ()
    (sotk,) = [i for i in incs if i.wounded]
    assert sotk.admin1_iso == ("AM-GR",) and sotk.killed is None


def test_parts_sides_and_later_deaths(gazetteer):
    text = (
        "Artillery fire wounded six soldiers and five civilians in Oddar Meanchey "
        "province. Four villagers were wounded in Si Sa Ket province, two of whom "
        "later died. At least 21 people have been killed in Thailand and 18 in "
        "Cambodia."
    )
    incs = incidents_of(text, gazetteer, published=date(2025, 7, 26))
    om = next(i for i in incs if i.admin1_iso == ("KH-22",))
    assert om.wounded.best == 11 and dict(om.wounded.breakdown) == {
        "soldiers": 6,
        "civilians": 5,
    }
    ssk = next(i for i in incs if i.admin1_iso == ("TH-33",))
    assert (ssk.wounded.best, ssk.wounded.alternatives, ssk.killed.best) == (2, (4,), 2)
    sides = {
        i.killed.victims_country: i.killed.low
        for i in incs
        if i.scope == "aggregate" and i.killed
    }
    assert sides == {"THA": 21, "KHM": 18}


def test_disputed_temple_follows_the_reporting_side(gazetteer):
    thai = incidents_of(
        "SURIN, Thailand, July 24 — Shells hit Ta Muen Thom temple.",
        gazetteer,
        published=date(2025, 7, 24),
    )
    khmer = incidents_of(
        "ODDAR MEANCHEY, Cambodia, July 24 — Shells hit Ta Muen Thom temple.",
        gazetteer,
        published=date(2025, 7, 24),
    )
    assert thai[0].admin1_iso == ("TH-32",) and khmer[0].admin1_iso == ("KH-22",)


def test_world_border_towns_need_their_country_in_the_article(gazetteer):
    named = incidents_of(
        "Shelling hit Isfara in Tajikistan, killing one civilian.", gazetteer
    )
    assert named[0].admin1_iso == ("TJ-SU",)
    unnamed = incidents_of("Shelling hit Isfara, killing one civilian.", gazetteer)
    assert unnamed[0].admin1_iso == ()


def test_a_national_toll_across_provinces_is_not_the_datelines(gazetteer):
    text = (
        "SI SA KET, Thailand, July 24 - Rockets hit a petrol station, killing six "
        "people. The health ministry said at least 11 civilians and one soldier had "
        "been killed across three provinces by Thursday evening."
    )
    incs = incidents_of(text, gazetteer, published=date(2025, 7, 24))
    (toll,) = [i for i in incs if i.killed and i.killed.best == 12]
    assert toll.scope == "aggregate" and toll.admin1_iso == ()
    # the hedge of one part holds for the sum
    assert (toll.killed.qualifier, toll.killed.low, toll.killed.high) == (
        "at_least",
        12,
        None,
    )
    (station,) = [i for i in incs if i.killed and i.killed.best == 6]
    assert station.admin1_iso == ("TH-33",)


def test_one_sides_toll_does_not_take_the_paragraphs_province(gazetteer):
    text = (
        "Cambodian rockets hit a school in Surin on Monday. Cambodia said 13 people "
        "had been killed on its side."
    )
    (toll,) = [i for i in incidents_of(text, gazetteer) if i.killed]
    assert toll.scope == "aggregate" and toll.admin1_iso == ()


def test_an_earlier_round_is_an_undated_total_on_no_province(gazetteer):
    text = (
        "UBON RATCHATHANI, Thailand, Dec 8 - Shelling hit Nam Yuen district on Monday. "
        "The July fighting killed at least 48 people and displaced an estimated "
        "300,000."
    )
    incs = incidents_of(text, gazetteer, published=date(2025, 12, 8))
    (past,) = [i for i in incs if i.killed]
    assert (past.scope, past.date, past.admin1_iso) == ("aggregate", None, ())
    assert past.displaced.best == 300_000 and past.date_text == "The July fighting"
    (shelling,) = [i for i in incs if i.event_type == "shelling"]
    assert shelling.killed is None and str(shelling.date) == "2025-12-08"


def test_an_event_earlier_this_year_is_undated_and_separate(gazetteer):
    text = (
        "Clashes continued near the border on Friday evening. Earlier this year, a "
        "shootout between border guards left two people dead."
    )
    incs = incidents_of(text, gazetteer, published=date(2022, 9, 16))
    assert len(incs) == 2
    today, before = incs
    assert today.killed is None and str(today.date) == "2022-09-16"
    assert (before.scope, before.date, before.killed.best) == ("event", None, 2)


def test_a_superlative_comparison_is_not_an_incident(gazetteer):
    text = (
        "At least 49 soldiers were killed on Tuesday when artillery shelled positions "
        "inside Armenia, in the worst fighting since their 2020 war."
    )
    incs = incidents_of(text, gazetteer, published=date(2022, 9, 13))
    assert [i.event_type for i in incs] == ["shelling"]


def test_no_one_hurt_there_belongs_to_the_incident_before(gazetteer):
    text = (
        "In Surin, a shell landed near the hospital on Monday. No one was hurt there."
    )
    (inc,) = incidents_of(text, gazetteer)
    assert inc.event_type == "shelling" and inc.admin1_iso == ("TH-32",)
    assert (inc.wounded.qualifier, inc.wounded.best) == ("none", 0)


def test_a_toll_that_passes_a_mark_is_a_running_total(gazetteer):
    (inc,) = incidents_of("The death toll has passed 40, officials said.", gazetteer)
    assert inc.scope == "aggregate"
    assert (inc.killed.qualifier, inc.killed.low, inc.killed.stated) == (
        "more_than",
        41,
        40,
    )


def test_numbers_of_things_are_not_casualties(gazetteer):
    text = (
        "Thai authorities said more than 40,000 villagers from 86 villages near the "
        "border had been moved to safer areas."
    )
    (inc,) = incidents_of(text, gazetteer)
    assert inc.event_type == "evacuation_displacement"
    assert (inc.displaced.qualifier, inc.displaced.low) == ("more_than", 40_001)


def test_an_appositive_does_not_hide_the_verb(gazetteer):
    text = "Around 2,570 people, mostly women and children, were evacuated from Surin."
    (inc,) = incidents_of(text, gazetteer)
    assert (inc.displaced.qualifier, inc.displaced.best) == ("around", 2570)


@pytest.mark.parametrize(
    "text",
    [
        "About 35,000 people had moved to evacuation centres in Surin.",
        "Thousands of people moved away from villages in Surin.",
        "Some 3,000 residents of Surin sought refuge in temples.",
    ],
)
def test_ways_of_saying_displaced(text, gazetteer):
    (inc,) = incidents_of(text, gazetteer)
    assert inc.event_type == "evacuation_displacement"
    assert inc.displaced.best is not None and inc.admin1_iso == ("TH-32",)


def test_an_evacuation_order_has_no_made_up_count(gazetteer):
    text = "In Buriram, authorities told residents of 12 border villages to leave."
    (inc,) = incidents_of(text, gazetteer)
    assert inc.event_type == "evacuation_displacement" and inc.displaced is None
    assert inc.admin1_iso == ("TH-31",)


def test_the_clause_after_after_is_the_later_event(gazetteer):
    text = (
        "Thailand carried out air strikes on Cambodian positions on Monday after one "
        "Thai soldier was killed and eight others wounded in a clash in Nam Yuen."
    )
    incs = {i.event_type: i for i in incidents_of(text, gazetteer)}
    assert incs["air_strike"].killed is None and incs["air_strike"].wounded is None
    clash = incs["armed_clash"]
    assert (clash.killed.best, clash.wounded.best) == (1, 8)
    assert clash.admin1_iso == ("TH-34",)


def test_a_clause_with_a_place_of_its_own_is_another_incident(gazetteer):
    text = (
        "Shelling damaged homes in Kantharalak in Si Sa Ket, and two civilians were "
        "wounded in Prasat, in Surin province."
    )
    incs = incidents_of(text, gazetteer)
    assert sorted(
        (i.admin1_iso, i.wounded.best if i.wounded else None) for i in incs
    ) == [
        (("TH-32",), 2),
        (("TH-33",), None),
    ]


def test_the_line_of_control_is_the_border(gazetteer):
    text = "Pakistani troops fired along the Line of Control, wounding two soldiers."
    (inc,) = incidents_of(text, gazetteer)
    assert inc.precision is Precision.BORDER and inc.admin1_iso == ()


def test_a_places_own_name_beats_another_places_other_name(gazetteer):
    # Jermuk is a town of Vayots Dzor and an alternative name of a Shirak village
    text = "Azerbaijani artillery shelled Jermuk in Armenia on Tuesday."
    (inc,) = incidents_of(text, gazetteer, published=date(2022, 9, 13))
    assert inc.admin1_iso == ("AM-VD",)


@pytest.mark.parametrize(
    "text",
    [
        "Tens of thousands of people have left Poipet in Banteay Meanchey.",
        "About 1,500 residents have been shifted to government buildings in Surin.",
        "About 180,000 people are staying in temporary shelters in Surin.",
    ],
)
def test_more_ways_of_saying_displaced(text, gazetteer):
    (inc,) = incidents_of(text, gazetteer)
    assert inc.event_type == "evacuation_displacement" and inc.displaced.best


def test_has_left_two_dead_is_not_displacement(gazetteer):
    (inc,) = incidents_of("The shelling in Surin has left two dead.", gazetteer)
    assert inc.event_type == "shelling" and inc.displaced is None


def test_a_landmark_opposite_is_not_the_place(gazetteer):
    text = (
        "Shells landed on the outskirts of Poipet, the town opposite Thailand's "
        "Aranyaprathet, on Tuesday."
    )
    (inc,) = incidents_of(text, gazetteer)
    assert inc.admin1_iso == ("KH-1",)


def test_a_count_goes_to_the_trigger_it_runs_into(gazetteer):
    text = (
        "The navy said it had seized Cambodian positions in Trat, and that three "
        "marines were wounded by a land mine during the operation."
    )
    incs = {i.event_type: i for i in incidents_of(text, gazetteer)}
    assert incs["landmine_explosive"].wounded.best == 3
    assert incs["armed_clash"].wounded is None


def test_warships_firing_is_shelling(gazetteer):
    text = "Thai warships had fired on the coast of Koh Kong province on Friday."
    (inc,) = incidents_of(text, gazetteer)
    assert inc.event_type == "shelling" and inc.admin1_iso == ("KH-9",)


def test_an_ambiguous_province_takes_the_country_of_the_names_beside_it(gazetteer):
    text = (
        "India said its air defences had shot down dozens of Pakistani drones over "
        "Jammu and Kashmir and Punjab, while Pakistan said Indian drones had struck "
        "near Sialkot, killing a 40-year-old man."
    )
    incs = incidents_of(text, gazetteer, published=date(2025, 5, 9))
    assert sorted(i.admin1_iso for i in incs) == [("IN-JK", "IN-PB"), ("PK-PB",)]
    (sialkot,) = [i for i in incs if i.admin1_iso == ("PK-PB",)]
    assert sialkot.event_type == "air_strike" and sialkot.killed.best == 1


def test_a_long_toll_phrase_and_lost_soldiers(gazetteer):
    text = (
        "The death toll from two days of fighting on the Kyrgyz-Tajik border rose to "
        "at least 46 on Saturday. Azerbaijan says it has lost 71 servicemen."
    )
    incs = incidents_of(text, gazetteer, published=date(2021, 5, 1))
    assert sorted((i.killed.qualifier, i.killed.best) for i in incs if i.killed) == [
        ("at_least", 46),
        ("exact", 71),
    ]


def test_a_question_is_not_a_count(gazetteer):
    assert incidents_of("HOW MANY HAVE DIED?", gazetteer) == []


def test_an_attempted_flight_is_not_displacement(gazetteer):
    text = (
        "A woman was killed in Surin when a shell hit her car as the family tried "
        "to flee."
    )
    (inc,) = incidents_of(text, gazetteer)
    assert inc.event_type == "shelling" and inc.killed.best == 1


def test_ceasefire_wordings_and_planned_per_clause(gazetteer):
    text = (
        "A truce brokered by Malaysia took hold on Monday. The two governments agreed "
        "on Friday to withdraw troops and to hold talks in Batken next week."
    )
    incs = incidents_of(text, gazetteer, published=date(2021, 5, 1))
    assert [(str(i.date), i.planned) for i in incs] == [
        ("2021-04-26", False),
        ("2021-04-30", False),
        ("None", True),  # "next week" names no day
    ]
    assert incs[-1].admin1_iso == ("KG-B",)


def test_a_part_with_its_own_place_never_carries_the_national_total(gazetteer):
    text = (
        "More than 138,000 people have been moved out of border areas in Thailand, "
        "the health ministry said, including nearly 40,000 in Surin alone."
    )
    incs = incidents_of(text, gazetteer, published=date(2025, 7, 26))
    by_place = {i.admin1_iso: i.displaced for i in incs}
    assert by_place[()].low == 138_001
    assert (by_place[("TH-32",)].qualifier, by_place[("TH-32",)].best) == (
        "up_to",
        40_000,
    )


def test_a_breakdown_inside_an_appositive_is_not_another_incident(gazetteer):
    text = (
        "Officials said five civilians, including two children, were killed by "
        "shelling in Surin."
    )
    (inc,) = incidents_of(text, gazetteer)
    assert inc.killed.best == 5


def test_counts_in_the_next_sentence_tell_the_incident_before(gazetteer):
    text = (
        "The ministry said Thai artillery had struck Veal Veng district in Pursat "
        "overnight. One elderly man was killed and two children were injured, a "
        "spokeswoman said."
    )
    (inc,) = incidents_of(text, gazetteer, published=date(2025, 7, 26))
    assert inc.event_type == "shelling" and inc.admin1_iso == ("KH-15",)
    assert (inc.killed.best, inc.wounded.best) == (1, 2)


def test_counts_of_another_country_do_not_join_the_incident_before(gazetteer):
    text = (
        "Thai jets bombed Cambodian positions in Oddar Meanchey on Thursday, while "
        "rockets fell on a school in Buriram. Cambodia's defence ministry said the "
        "strikes killed a soldier."
    )
    incs = {i.event_type: i for i in incidents_of(text, gazetteer)}
    assert incs["air_strike"].killed.best == 1
    assert incs["shelling"].killed is None


def test_a_displacement_count_without_an_evacuation_is_one_of_its_own(gazetteer):
    text = (
        "At a temple in Surin's Prasat district, where hundreds of evacuees are "
        "sleeping, a farmer said rockets landed near his village on Thursday."
    )
    incs = {i.event_type: i for i in incidents_of(text, gazetteer)}
    evac = incs["evacuation_displacement"]
    assert evac.displaced.best == 200 and evac.admin1_iso == ("TH-32",)
    assert incs["shelling"].displaced is None


def test_days_of_fighting_are_a_total_but_days_in_custody_are_not(gazetteer):
    fought = incidents_of(
        "The neighbours fought for five days in Surin, in fighting that killed at "
        "least 48 people.",
        gazetteer,
    )
    assert [i.scope for i in fought if i.killed] == ["aggregate"]
    held = incidents_of(
        "Eighteen soldiers have been in Thai custody for 151 days.", gazetteer
    )
    assert [(i.event_type, i.scope) for i in held] == [("arrest_prisoners", "event")]


def test_a_common_word_is_not_a_place(gazetteer):
    assert gazetteer.lookup("More") == ()


@pytest.mark.parametrize(
    ("text", "countries", "province"),
    [
        # a capital's bureau files news of a border far off: not where it happened
        (
            "AMMAN (AP) — Jordanian border guards killed five smugglers in a "
            "clash before dawn, the army said.",
            ("JOR", "SYR"),
            None,
        ),
        # a town of a province facing the other country is
        (
            "MACAS, Ecuador (AP) — Two soldiers were killed in a clash before "
            "dawn, the army said.",
            ("ECU", "PER"),
            "EC-S",
        ),
    ],
    ids=["a capital", "a border town"],
)
def test_a_dateline_places_an_unplaced_event_only_on_the_border(
    text, countries, province
):
    found = incidents_of(text, border_gazetteer(countries), published=date(2024, 5, 7))
    assert found
    assert {c for i in found for c in i.admin1_iso} == ({province} - {None})
