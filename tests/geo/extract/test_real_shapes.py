"""Own-words cases of the shapes real published news took that the extractor missed.

Each case is written here (never copied from an article) in the shape of a failure
found on the real-news set (tests/corpus/real): one event told several times,
counts in nominal and toll phrasings, places told in another sentence, statements
that are not incidents, words the rules lacked, places that are not places, dates,
page furniture and event types. An expectation lists the incidents as
``(type, provinces, killed, wounded, displaced)`` with ``None`` for a count that is
not told, in text order; ``...`` for the provinces means "not checked".
"""

from datetime import date

import pytest

from bordermap.geo.extract.incidents import article_incidents
from bordermap.geo.records import Article

PUBLISHED = date(2025, 3, 5)  # a Wednesday


def incidents(text, gazetteer, published=PUBLISHED):
    return article_incidents(Article(id="x", text=text, published=published), gazetteer)


def best(count):
    return None if count is None else count.best


def summary(inc):
    return (
        inc.event_type,
        inc.admin1_iso,
        best(inc.killed),
        best(inc.wounded),
        best(inc.displaced),
    )


def check(found, expected):
    got = [summary(i) for i in found]
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        if e[1] is ...:
            g, e = g[:1] + g[2:], e[:1] + e[2:]
        assert g == e, got


# 1. One event told several times: headline, lead, body, victim by victim.
TOLD_TWICE = {
    # hedged tolls that can count the same people are one event told twice
    "dozens, then the figure": (
        "Shelling wounded dozens of villagers in Kap Choeng district of Surin on "
        "Monday.\n\nShells wounded 25 villagers in Kap Choeng district of Surin on "
        "Monday, officials said.",
        [("shelling", ("TH-32",), None, 25, None)],
    ),
    "more than a dozen, then at least 19": (
        "More than a dozen soldiers were killed in clashes in Kap Choeng district "
        "of Surin on Monday.\n\nAt least 19 soldiers were killed in clashes in Kap "
        "Choeng district of Surin on Monday, officials said.",
        [("armed_clash", ("TH-32",), 13, None, None)],
    ),
    "headline lead and body": (
        "Shells kill three in Sa Kaeo\n\n"
        "SA KAEO, Thailand, March 3 — Cambodian shells slammed into a village in "
        "Khok Sung district of Sa Kaeo on Monday, killing three people, officials "
        "said.\n\nFive people were hit; three died on the way to hospital.\n\n"
        "A farmer was among the dead.",
        [("shelling", ("TH-27",), 3, 2, None)],
    ),
    "headline with the figure then the lead": (
        "Landmine wounds four Thai soldiers near the border\n\n"
        "Four Thai soldiers were wounded on Tuesday when a landmine exploded in "
        "Kantharalak district of Si Sa Ket, the army said.",
        [("landmine_explosive", ("TH-33",), None, 4, None)],
    ),
    "a sentence of the same figure restating the event": (
        "A landmine wounded four soldiers on patrol in Kantharalak district on "
        "Tuesday. The army confirmed the mine was newly laid. Commanders met to "
        "review patrol routes. The four soldiers were injured in the area, the "
        "army said.",
        [("landmine_explosive", ("TH-33",), None, 4, None)],
    ),
    "the same figure told far apart": (
        "Shelling killed three villagers in Kap Choeng district of Surin on "
        "Monday.\n\nThe army said its positions came under fire.\n\n"
        "Schools across the province were closed.\n\n"
        "Residents said the fighting had been the heaviest in years.\n\n"
        "Officials said troops exchanged fire with Cambodian forces near Kap "
        "Choeng district on Monday, killing three villagers.",
        [("shelling", ("TH-32",), 3, None, None)],
    ),
    "a part after 'of these'": (
        "Landmines have wounded 12 soldiers along the border since August. Of "
        "these, four soldiers lost their legs.",
        [("landmine_explosive", (), None, 12, None)],
    ),
    "no deaths two sentences later": (
        "Thai troops clashed with Cambodian soldiers near Ta Muen Thom temple in "
        "Surin on Monday. Twelve soldiers were wounded. Both sides blamed each "
        "other. No deaths were reported.",
        [("armed_clash", ("TH-32",), 0, 12, None)],
    ),
}

# 2. Counts in phrasings the rules did not read.
COUNTS = {
    "resulted in the death of": (
        "The shelling of Kap Choeng district in Surin on Monday resulted in the "
        "death of one soldier and injuries to four others.",
        [("shelling", ("TH-32",), 1, 4, None)],
    ),
    "the evacuation of around": (
        "The fighting forced the evacuation of around 60,000 people from Si Sa "
        "Ket province on Monday.",
        [("evacuation_displacement", ("TH-33",), None, None, 60_000)],
    ),
    "caused the death of and injured": (
        "Rockets hit Kantharalak district on Monday, which caused the death of 8 "
        "civilians and injured 30 others.",
        [("shelling", ("TH-33",), 8, 30, None)],
    ),
    "put the toll on its side at": (
        "The Cambodian defence ministry put the toll on its side at 14.",
        [("armed_clash", (), 14, None, None)],
    ),
    "the toll remained at": (
        "The toll remained at 14, the ministry said on Tuesday.",
        [("armed_clash", (), 14, None, None)],
    ),
    "two dozen": (
        "About two dozen soldiers were wounded in the clash in Oddar Meanchey on "
        "Monday.",
        [("armed_clash", ("KH-22",), None, 24, None)],
    ),
    "no casualties were reported": (
        "Cambodian shells fell in Trat province on Monday. No casualties were "
        "reported.",
        [("shelling", ("TH-23",), 0, 0, None)],
    ),
    "families then people": (
        "Some 600 families, about 2,400 people, fled their homes in Surin on Monday.",
        [("evacuation_displacement", ("TH-32",), None, None, 2_400)],
    ),
    "a part is not the whole": (
        "At least 40 soldiers were wounded, including nine seriously, in fighting "
        "in Preah Vihear province on Monday.",
        [("armed_clash", ("KH-13",), None, 40, None)],
    ),
    "losing a limb is a wound": (
        "A landmine explosion resulted in a ranger losing his leg during a patrol "
        "in Kantharalak district on Monday.",
        [("landmine_explosive", ("TH-33",), None, 1, None)],
    ),
    "forced to leave their homes": (
        "About 40,000 people were forced to leave their homes in Surin province on "
        "Monday.",
        [("evacuation_displacement", ("TH-32",), None, None, 40_000)],
    ),
    "a count with its parts listed": (
        "Eight people including three soldiers, a police officer and four "
        "civilians were killed in shelling of Kap Choeng district on Monday.",
        [("shelling", ("TH-32",), 8, None, None)],
    ),
    "the wounded taken to hospital are not displaced": (
        "A rocket hit Kap Choeng district on Monday, wounding two villagers. The "
        "two were evacuated by helicopter to Surin Hospital.",
        [("shelling", ("TH-32",), None, 2, None)],
    ),
    "killed and injured by coordination": (
        "Three border guards were killed and four soldiers and two civilians "
        "injured in a clash in Sa Kaeo province on Monday.",
        [("armed_clash", ("TH-27",), 3, 6, None)],
    ),
}

# 3. A place told in another sentence, and a total that must not take one.
PLACES = {
    "the affected provinces include": (
        "More than 100,000 people fled their homes on Monday. The affected "
        "provinces include Surin, Si Sa Ket and Buri Ram.",
        [
            (
                "evacuation_displacement",
                ("TH-31", "TH-32", "TH-33"),
                None,
                None,
                100_001,
            )
        ],
    ),
    "a national total after a located event": (
        "Shells hit Kap Choeng district of Surin on Monday, wounding two "
        "villagers.\n\nNationwide, 13 civilians have been killed since the "
        "fighting began, the health ministry said.",
        [
            ("shelling", ("TH-32",), None, 2, None),
            ("armed_clash", (), 13, None, None),
        ],
    ),
}

# 4. Statements that are not incidents.
NOT_INCIDENTS = {
    "an accusation": "Thailand accused Cambodia of targeting civilians in Surin.",
    # a first of its kind since another time frames the story, it is no event
    "the first attack since": (
        "It was the first attack of its kind along the border with Cambodia since 2016."
    ),
    # words of the rules that tell something else here
    "a fire station opened": (
        "The governor opened a new fire station in Kantharalak district on Monday."
    ),
    "mines neutralised": (
        "Sappers neutralised 5 mines in Kantharalak district on Monday."
    ),
    "a capability": (
        "Cambodia has deployed launchers capable of firing 40 rockets near Oddar "
        "Meanchey, the army said."
    ),
    "an intention": "Hun Manet vowed to keep fighting to defend Cambodian soil.",
    "a warning": "The army warned that Cambodia could shell villages in Surin.",
    "terms of an agreement": (
        "The truce bans attacks on civilians and the use of heavy weapons along "
        "the border."
    ),
    "a threat": "Thailand threatened air strikes if the shelling of Surin continued.",
    "a blame": "The two armies blamed each other for the clashes near Surin.",
    "a name for what happened": (
        "The army regarded the incident in Surin as a provocation, a spokesman said."
    ),
    "an appeal": (
        "The United States urged both sides to stop laying landmines near Surin."
    ),
    "a status line": (
        "Cambodian forces have been shelling Thai positions near Surin for weeks."
    ),
    "a near miss": (
        "Both armies massed troops near Surin and came close to an armed clash."
    ),
    "refugees named, not fleeing": (
        "The border closure stranded Cambodian refugees at the crossing in Sa Kaeo."
    ),
}

# 5. Words the rules lacked.
WORDS = {
    "damage without a weapon": (
        "Three schools were damaged in Trat province on Monday.",
        [("other", ("TH-23",), None, None, None)],
    ),
    "pushed back the intruders": (
        "Thai troops pushed back the intruders near Ta Muen Thom temple on Monday.",
        [("armed_clash", ("TH-32",), None, None, None)],
    ),
    "abandoned their homes": (
        "Hundreds of villagers abandoned their homes in Surin province on Monday.",
        [("evacuation_displacement", ("TH-32",), None, None, 200)],
    ),
    "took refuge in bunkers": (
        "Residents of Kantharalak district took refuge in bunkers on Monday.",
        [("evacuation_displacement", ("TH-33",), None, None, None)],
    ),
    "mines laid": (
        "Thai soldiers said Cambodian troops had planted new mines near Hill 481 "
        "in Si Sa Ket on Monday.",
        [("landmine_explosive", ("TH-33",), None, None, None)],
    ),
    "the air force struck": (
        "The Thai Air Force struck Cambodian positions in Oddar Meanchey on Monday.",
        [("air_strike", ("KH-22",), None, None, None)],
    ),
    "hosted the meeting": (
        "Malaysia hosted the meeting in Kuala Lumpur on Monday.",
        [("ceasefire_agreement", ("MY-14",), None, None, None)],
    ),
    "a ceasefire has been reached": (
        "A ceasefire has been reached between Thailand and Cambodia, officials "
        "said on Monday.",
        [("ceasefire_agreement", (), None, None, None)],
    ),
    # a side's own words for its dead, and for the enemy's
    "embraced martyrdom": (
        "Two rangers embraced martyrdom when Cambodian troops attacked a post in "
        "Kantharalak district on Monday.",
        [("armed_clash", ("TH-33",), 2, None, None)],
    ),
    "martyred in firing": (
        "Three villagers were martyred in cross-border firing in Kap Choeng "
        "district on Monday.",
        [("armed_clash", ("TH-32",), 3, None, None)],
    ),
    "sacrificed their lives": (
        "Four soldiers sacrificed their lives repelling the intruders near Ta "
        "Muen Thom temple on Monday.",
        [("armed_clash", ("TH-32",), 4, None, None)],
    ),
    "KIA": (
        "The army listed 6 KIA after the raid on the post in Kantharalak district "
        "on Monday.",
        [("armed_clash", ("TH-33",), 6, None, None)],
    ),
    "eliminated": (
        "Five armed intruders were eliminated by rangers in Kantharalak district "
        "on Monday.",
        [("armed_clash", ("TH-33",), 5, None, None)],
    ),
    # an attack told without the usual event word
    "opened sustained fire": (
        "Troops opened sustained fire on the hamlets of Kap Choeng district on "
        "Monday night.",
        [("armed_clash", ("TH-32",), None, None, None)],
    ),
    "came under fire": (
        "A patrol came under fire near Ta Muen Thom temple on Monday.",
        [("armed_clash", ("TH-32",), None, None, None)],
    ),
    "drones targeting towns": (
        "Some 30 drones targeting border towns of Surin were launched on Monday.",
        [("air_strike", ("TH-32",), None, None, None)],
    ),
    "buried mines": (
        "Thai rangers said intruders buried mines near Hill 481 in Si Sa Ket on "
        "Monday.",
        [("landmine_explosive", ("TH-33",), None, None, None)],
    ),
    "warning shots": (
        "Thai troops fired warning shots at soldiers who crossed near Ta Muen Thom "
        "temple on Monday.",
        [("armed_clash", ("TH-32",), None, None, None)],
    ),
    "bullets that hit a post": (
        "Several bullets from across the line hit a guard post in Kantharalak "
        "district on Monday.",
        [("armed_clash", ("TH-33",), None, None, None)],
    ),
    "took control of a post": (
        "Cambodian troops took control of a border post in Oddar Meanchey on Monday.",
        [("armed_clash", ("KH-22",), None, None, None)],
    ),
}

# The side that tells a figure: two sides' claims are two reports.
CLAIMS = (
    "Cambodian officials said 12 Thai soldiers were killed in the clash near Ta "
    "Muen Thom temple on Monday. Thai officials said four Cambodian soldiers were "
    "wounded in the clash."
)


def test_two_sides_claims_stay_two_reports(gazetteer):
    found = incidents(CLAIMS, gazetteer)
    assert [(best(i.killed), best(i.wounded)) for i in found] == [
        (12, None),
        (None, 4),
    ]


# A remote strike never takes a place of the side that fires it.
STRIKES = (
    "Cambodian troops fired on Thai positions in Nam Yuen district on Monday. "
    "Thai aircraft then struck targets across the border."
)


def test_a_strike_does_not_land_where_its_side_stands(gazetteer):
    found = incidents(STRIKES, gazetteer)
    assert [(i.event_type, i.admin1_iso) for i in found] == [
        ("armed_clash", ("TH-34",)),
        ("air_strike", ()),
    ]


# 6. Names that are not places here.
NOT_PLACES = {
    "a person named like a province": (
        "Colonel Surin said two soldiers were wounded in a clash near the border.",
        [("armed_clash", (), None, 2, None)],
    ),
    "a unit named after a province": (
        "The Chanthaburi and Trat Border Defence Command said shells hit Khlong "
        "Yai district of Trat on Monday.",
        [("shelling", ("TH-23",), None, None, None)],
    ),
}


def test_a_past_truce_in_a_later_clause_does_not_undate_the_event(gazetteer):
    text = (
        "Thai troops clashed with Cambodian protesters in Sa Kaeo on Wednesday, "
        "threatening a truce reached in July after five days of combat."
    )
    (inc,) = [i for i in incidents(text, gazetteer) if i.scope == "event"]
    assert (inc.event_type, inc.admin1_iso) == ("attack_on_civilians", ("TH-27",))
    assert inc.date == date(2025, 3, 5)


def test_from_the_area_points_back_to_the_place_told(gazetteer):
    text = (
        "Thai troops opened fire on villagers in Prey Chan in Banteay Meanchey "
        "province on Monday, killing one.\n\nThe army denied it.\n\n"
        "Officials said they were evacuating people from the area."
    )
    evac = [i for i in incidents(text, gazetteer) if "evacuation" in i.event_type]
    assert [i.admin1_iso for i in evac] == [("KH-1",)]


@pytest.mark.parametrize(
    "care",
    [
        "Medics gave him first aid and evacuated him from the area.",
        "The injured had been evacuated to health facilities, officials said.",
    ],
)
def test_the_wounded_taken_for_care_are_not_displaced(care, gazetteer):
    found = incidents(
        f"A mine wounded a soldier in Kap Choeng district of Surin on Monday. {care}",
        gazetteer,
    )
    check(found, [("landmine_explosive", ("TH-32",), None, 1, None)])


def test_casualties_told_alone_take_the_weapon_of_the_story(gazetteer):
    found = incidents(
        "Cambodian troops shelled villages in Surin on Monday, officials said.\n\n"
        "Five people were wounded in Sa Kaeo, a hospital said.",
        gazetteer,
    )
    assert [i.event_type for i in found] == ["shelling", "shelling"]


def test_this_brought_the_total_to_counts_what_the_sentence_before_counted(
    gazetteer,
):
    found = incidents(
        "Shelling killed two soldiers in Surin on Monday. This brought the total "
        "to 27, the army said.",
        gazetteer,
    )
    assert [(i.scope, best(i.killed)) for i in found] == [
        ("event", 2),
        ("aggregate", 27),
    ]


def test_a_claimed_temple_takes_the_side_its_sentence_names(gazetteer):
    (inc,) = incidents(
        "Cambodian troops fired on Thai soldiers near Ta Muen Thom temple in Oddar "
        "Meanchey province on Monday.",
        gazetteer,
    )
    assert inc.admin1_iso == ("KH-22",)


def test_a_side_that_has_lost_soldiers_gives_a_total(gazetteer):
    (inc,) = incidents("Azerbaijan says it has lost 71 servicemen.", gazetteer)
    assert (inc.scope, best(inc.killed)) == ("aggregate", 71)


# 7. Dates.
DATES = {
    "an explicit date beats a weekday that disagrees": (
        "On Tuesday, March 3, shells hit Kap Choeng district of Surin.",
        date(2025, 3, 3),
    ),
    "a year that cannot be right": (
        "On March 3, 2015, shells hit Kap Choeng district of Surin.",
        date(2025, 3, 3),
    ),
    "last week, with no day: undated": (
        "Last week, shells wounded four villagers in Kap Choeng district of Surin.",
        None,
    ),
    "last week, with its day": (
        "Last week, shells wounded four villagers in Kap Choeng district of Surin "
        "last Thursday.",
        date(2025, 2, 27),
    ),
    "the day of the paragraph before": (
        "On March 2, clashes erupted near Ta Muen Thom temple in Surin.\n\n"
        "Shelling then killed two villagers in Kantharalak district.",
        date(2025, 3, 2),
    ),
}

# 9. Event types.
TYPES = {
    "a missile across the border is shelling": (
        "A Cambodian missile struck a house in Kantharalak district on Monday.",
        "shelling",
    ),
    "a bare strike takes the weapon of its paragraph": (
        "Cambodian artillery was active overnight. A strike hit a market in "
        "Kantharalak district on Monday.",
        "shelling",
    ),
    "an attack on worshippers": (
        "Gunmen attacked worshippers at a temple in Kap Choeng district on Monday.",
        "attack_on_civilians",
    ),
    "clashed with protesters": (
        "Thai security forces clashed with Cambodian protesters in Sa Kaeo on Monday.",
        "attack_on_civilians",
    ),
    "injured by a shell": (
        "Eight members of a family were injured by a mortar shell in Kap Choeng "
        "district on Monday.",
        "shelling",
    ),
    "warplanes carried out a bombardment": (
        "Warplanes carried out an intensive bombardment of Choam Ksant district on "
        "Monday.",
        "air_strike",
    ),
    "a strike with no weapon named": (
        "Ten people were killed in strikes on Choam Ksant district on Monday.",
        "air_strike",
    ),
    "a negation in a clause of its own": (
        "Although no injury has been reported so far, the shelling of Kap Choeng "
        "district on Monday damaged a school.",
        "shelling",
    ),
    "a headline in the present tense": (
        "Cambodian troops shell villages in Surin",
        "shelling",
    ),
    "fleeing fighting is an evacuation": (
        "Thousands of villagers fled the fighting in Surin on Monday.",
        "evacuation_displacement",
    ),
}


@pytest.mark.parametrize("name", list(TOLD_TWICE))
def test_one_event_told_several_times_is_one_incident(name, gazetteer):
    text, expected = TOLD_TWICE[name]
    found = [i for i in incidents(text, gazetteer) if i.event_type != "other"]
    check(found, expected)


def test_a_first_attack_since_with_its_toll_is_still_an_incident(gazetteer):
    text = (
        "Militants carried out the first attack since the truce in Kantharalak "
        "district on Monday, killing three soldiers."
    )
    check(incidents(text, gazetteer), [("armed_clash", ("TH-33",), 3, None, None)])


def test_figures_that_cannot_count_the_same_people_stay_two_incidents(gazetteer):
    text = (
        "Three soldiers were killed in clashes in Kap Choeng district of Surin on "
        "Monday.\n\nFive soldiers were killed in clashes in Kap Choeng district of "
        "Surin on Monday, officials said."
    )
    check(
        incidents(text, gazetteer),
        [
            ("armed_clash", ("TH-32",), 3, None, None),
            ("armed_clash", ("TH-32",), 5, None, None),
        ],
    )


@pytest.mark.parametrize("name", list(COUNTS))
def test_counts_in_real_phrasings(name, gazetteer):
    text, expected = COUNTS[name]
    check(incidents(text, gazetteer), expected)


def test_families_are_kept_apart_from_people(gazetteer):
    (inc,) = incidents(COUNTS["families then people"][0], gazetteer)
    assert inc.other_counts["families"].best == 600
    assert inc.displaced.qualifier == "around"


@pytest.mark.parametrize("name", list(PLACES))
def test_places_told_in_another_sentence(name, gazetteer):
    text, expected = PLACES[name]
    check(incidents(text, gazetteer), expected)


@pytest.mark.parametrize("name", list(NOT_INCIDENTS))
def test_statements_that_are_not_incidents(name, gazetteer):
    assert incidents(NOT_INCIDENTS[name], gazetteer) == []


@pytest.mark.parametrize("name", list(WORDS))
def test_words_the_rules_lacked(name, gazetteer):
    text, expected = WORDS[name]
    check(incidents(text, gazetteer), expected)


@pytest.mark.parametrize("name", list(NOT_PLACES))
def test_names_that_are_not_places_here(name, gazetteer):
    text, expected = NOT_PLACES[name]
    check(incidents(text, gazetteer), expected)


@pytest.mark.parametrize("name", list(DATES))
def test_dates(name, gazetteer):
    text, expected = DATES[name]
    found = incidents(text, gazetteer)
    assert found and found[-1].date == expected, [(i.event_type, i.date) for i in found]


@pytest.mark.parametrize("name", list(TYPES))
def test_event_types(name, gazetteer):
    text, expected = TYPES[name]
    found = incidents(text, gazetteer)
    assert [i.event_type for i in found] == [expected]


# 8. Page furniture.
PAGE = (
    " date 2025-03-05 https://example.org/news/2025/03/05/shelling-surin\n"
    "Shells hit Surin district, wounding two\n\n"
    "By Staff Reporter\n\n"
    "Updated: March 5, 2025, 10:42 AM ICT\n\n"
    "Listen to this article\n\n"
    "SURIN, Thailand (Wire) — Cambodian shells hit Kap Choeng district of Surin "
    "on Tuesday, wounding two villagers, the army said.\n\n"
    "Key Takeaways\n"
    "• Two villagers wounded in Kap Choeng\n"
    "• Schools in the district closed\n\n"
    "Related: Thailand and Cambodia trade blame over Preah Vihear clash\n\n"
    "ติดตามเราบนเฟซบุ๊ก\n\n"
    "Villagers inspect a damaged house in Kap Choeng, Surin, on March 4. "
    "(Photo: Wire/Staff)\n\n"
    "Text Size:\nSummary\n"
    "Shelling wounds two in Surin; schools closed...\n\n"
    "The army said patrols were stepped up along the"
)


def test_page_furniture_is_not_read(gazetteer):
    found = incidents(PAGE, gazetteer, published=None)
    violent = [i for i in found if i.event_type == "shelling"]
    assert [(i.admin1_iso, best(i.wounded), i.date) for i in violent] == [
        (("TH-32",), 2, date(2025, 3, 4))
    ]
    assert not any("KH-13" in i.admin1_iso for i in found)  # the related link
    assert all("2025-03-05" not in (i.quote.text if i.quote else "") for i in found)
