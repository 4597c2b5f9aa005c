import pytest

from bordermap.errors import CountError
from bordermap.geo.extract.words.counts import find_counts, parse_count

# One case per row of the corpus README's qualifier table (and its extra rules).
TABLE = [
    ("12 killed", "exact", 12, 12, 12),
    ("killing 12", "exact", 12, 12, 12),
    ("at least 12", "at_least", 12, 12, None),
    ("12 or more", "at_least", 12, 12, None),
    ("a toll of at least a dozen", "at_least", 12, 12, None),
    ("more than 60", "more_than", 61, 61, None),
    ("over 40,000", "more_than", 40_001, 40_001, None),
    ("more than three dozen", "more_than", 37, 37, None),
    ("around 40,000", "around", None, 40_000, None),
    ("about 40,000", "around", None, 40_000, None),
    ("approximately 40,000", "around", None, 40_000, None),
    ("some 40,000", "around", None, 40_000, None),
    ("up to 80,000", "up_to", None, 80_000, 80_000),
    ("nearly 4,000", "up_to", None, 4_000, 4_000),
    ("almost 4,000", "up_to", None, 4_000, 4_000),
    ("between 5,000 and 6,000", "range", 5_000, 5_000, 6_000),
    ("5,000–6,000", "range", 5_000, 5_000, 6_000),
    ("several", "vague_plural", 3, 3, None),
    ("dozens", "vague_plural", 24, 24, None),
    ("scores", "vague_plural", 40, 40, None),
    ("hundreds", "vague_plural", 200, 200, None),
    ("thousands", "vague_plural", 2_000, 2_000, None),
    ("several thousand", "vague_plural", 3_000, 3_000, None),
    ("tens of thousands", "vague_plural", 20_000, 20_000, None),
    ("hundreds of thousands", "vague_plural", 200_000, 200_000, None),
    ("many", "many", 2, None, None),
    ("multiple", "many", 2, None, None),
    ("numerous", "many", 2, None, None),
    ("no casualties", "none", 0, 0, 0),
    ("a dozen", "exact", 12, 12, 12),
    ("two dozen", "exact", 24, 24, 24),
    ("about two dozen", "around", None, 24, None),
    ("more than half a million", "more_than", 500_001, 500_001, None),
    ("1.2 million", "exact", 1_200_000, 1_200_000, 1_200_000),
    ("twenty-one", "exact", 21, 21, 21),
    # beyond the table: totals that pass a mark, and "no one"
    ("rose above 30", "more_than", 31, 31, None),
    ("the toll topped 1,000", "more_than", 1_001, 1_001, None),
    ("no one", "none", 0, 0, 0),
    ("nobody", "none", 0, 0, 0),
]


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "best", "high"), TABLE, ids=[row[0] for row in TABLE]
)
def test_qualifier_table(phrase, qualifier, low, best, high):
    count = parse_count(phrase)
    assert (count.qualifier, count.low, count.best, count.high) == (
        qualifier,
        low,
        best,
        high,
    )


def test_stated_keeps_the_words_of_vague_numbers():
    assert parse_count("more than three dozen").stated == "more than three dozen"
    assert parse_count("at least 3").stated == 3
    assert parse_count("hundreds").stated == "hundreds"


def test_no_number_is_an_error():
    with pytest.raises(CountError, match="no number"):
        parse_count("the wounded")


@pytest.mark.parametrize(
    "text",
    [
        "at 9.40am",
        "BM-21 rockets",
        "F-16 jets",
        "Hill 481",
        "the 67-year-old farmer",
        "30% of residents",
        "in 1999",
        "on Dec. 8",
        "the two sides",
        "for 151 days",
        "one of the soldiers",
    ],
    ids=str,
)
def test_numbers_that_are_not_counts(text):
    assert find_counts(text) == []


def test_article_a_counts_only_before_a_person():
    assert [c.best for _, _, c in find_counts("a second soldier died")] == [1]
    assert [c.best for _, _, c in find_counts("killing a 40-year-old man")] == [1]
    assert find_counts("a village near the border") == []


def test_spans_point_into_the_text():
    text = "killing at least 12 people"
    ((s, e, count),) = find_counts(text)
    assert text[s:e] == "at least 12" and count.low == 12
