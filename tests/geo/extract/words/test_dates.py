from datetime import date

import pytest

from bordermap.geo.extract.words.dates import find_dates, parse_dateline, past_period

THU = date(2025, 7, 24)  # a Thursday


def resolve(text, ref=THU):
    return [(d.text, d.date) for d in find_dates(text, 0, len(text), ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Thursday", date(2025, 7, 24)),
        ("on Wednesday", date(2025, 7, 23)),
        ("on Friday", date(2025, 7, 18)),
        ("yesterday", date(2025, 7, 23)),
        ("overnight", date(2025, 7, 23)),
        ("July 16", date(2025, 7, 16)),
        ("Sept 23", date(2024, 9, 23)),  # 61 days after the reference: last year's
        ("8 December 2024", date(2024, 12, 8)),
    ],
    ids=str,
)
def test_resolution(text, expected):
    assert resolve(text)[0][1] == expected


def test_month_day_takes_the_year_of_the_reference():
    assert resolve("Dec. 8", date(2025, 12, 23))[0][1] == date(2025, 12, 8)
    assert resolve("Sept 23", date(2025, 9, 24))[0][1] == date(2025, 9, 23)


def test_future_weekday_is_the_next_one():
    seed_day = date(2025, 12, 23)  # Tuesday
    assert resolve("The committee is due to sit on Wednesday", seed_day)[0][1] == date(
        2025, 12, 24
    )
    assert resolve("The navy said on Sunday", seed_day)[0][1] == date(2025, 12, 21)


def test_december_date_in_a_january_article_is_last_year():
    assert resolve("on Dec 28", date(2026, 1, 6))[0][1] == date(2025, 12, 28)


def test_one_day_after_counts_back_from_the_anchor():
    text = "The round started on Dec. 8, one day after a clash."
    assert resolve(text, date(2025, 12, 23))[-1] == ("one day after", date(2025, 12, 7))


def test_no_reference_leaves_relative_dates_unresolved():
    assert resolve("on Sunday", None) == [("Sunday", None)]
    assert resolve("on 8 December 2025", None)[0][1] == date(2025, 12, 8)


def test_may_the_verb_is_not_a_month():
    assert resolve("it may turn out to be a breach") == []


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        ("SURIN, Thailand, July 24 — Text", "SURIN", date(2025, 7, 24)),
        (
            "UBON RATCHATHANI, Thailand, Jan 6 — Text",
            "UBON RATCHATHANI",
            date(2026, 1, 6),
        ),
        ("BANGKOK — Text", "BANGKOK", None),
    ],
)
def test_dateline(text, place, day):
    line = parse_dateline(text, date(2026, 1, 6) if "Jan" in text else THU)
    assert (line.place, line.date) == (place, day)
    assert text[line.end :] == "Text"


def test_no_dateline():
    assert parse_dateline("Thailand and Cambodia agreed ...", THU) is None


@pytest.mark.parametrize(
    ("text", "found", "is_round"),
    [
        ("The July fighting killed at least 48 people.", "The July fighting", True),
        ("Five days of fighting in July ended in a truce.", "fighting in July", True),
        ("Earlier this year, a shootout left two dead.", "Earlier this year", False),
        ("Two guards died there last year.", "last year", False),
        ("A mine wounded a soldier in 2023.", "in 2023", False),
        ("Their 2020 war killed thousands.", "Their 2020 war", True),
        # the report's own month and year, and comparisons, are not the past
        ("Shelling in December killed two.", None, False),
        ("Clashes in 2025 have displaced thousands.", None, False),
        ("The worst fighting since the July clashes.", None, False),
        ("Tension has stayed high since five days of fighting in July.", None, False),
        ("Shelling on December 5 hit a school.", None, False),
    ],
)
def test_past_period(text, found, is_round):
    period = past_period(text, 0, len(text), date(2025, 12, 8))
    assert (period.text if period else None) == found
    if period:
        assert period.round is is_round


def test_a_past_act_in_a_sentence_about_the_future():
    text = "They agreed on Friday to hold talks next week."
    (d,) = find_dates(text, 0, len(text), date(2021, 5, 1))
    assert str(d.date) == "2021-04-30"
