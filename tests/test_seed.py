"""The project's seed report: the figures that must come out right."""

import pytest

import bordermap
from bordermap.geo.records import Precision
from tests.conftest import ROOT, read_gold

SEED = ROOT / "seeds" / "00-talks-resume-lasting-ceasefire.md"


@pytest.fixture(scope="module")
def seed():
    (article,) = bordermap.read_articles([SEED])
    frame = bordermap.extract([article])
    return article, frame


def test_gold_file_is_the_seed(seed):
    (gold,) = read_gold("seed")
    assert gold["file"].endswith(SEED.name)


def test_one_dec7_clash_with_two_wounded(seed):
    _, frame = seed
    dec7 = frame[
        (frame["date"] == "2025-12-07") & (frame["event_type"] == "armed_clash")
    ]
    assert len(dec7) == 1
    row = dec7.iloc[0]
    assert (row["wounded_qualifier"], row["wounded_best"]) == ("exact", 2)  # not 4
    assert row["precision"] == str(Precision.BORDER) and pd_isna(row["adm1_all"])


def test_border_wide_totals(seed):
    _, frame = seed
    killed = frame[frame["killed_qualifier"] == "more_than"].iloc[0]
    assert (killed["killed_low"], killed["killed_best"], killed["killed_stated"]) == (
        37,
        37,
        "more than three dozen",
    )
    assert (killed["displaced_qualifier"], killed["displaced_low"]) == (
        "more_than",
        500_001,
    )
    assert killed["precision"] == "border" and killed["scope"] == "aggregate"
    assert pd_isna(killed["adm1_iso"])
    totals = bordermap.totals(frame)
    assert {(r.kind, r.low) for r in totals.itertuples()} >= {
        ("killed", 37),
        ("displaced", 500_001),
    }


def pd_isna(value):
    import pandas as pd

    return pd.isna(value)


def test_marine_mine_injury(seed):
    _, frame = seed
    mine = frame[
        (frame["event_type"] == "landmine_explosive") & (frame["scope"] == "event")
    ]
    assert len(mine) == 1
    assert (mine.iloc[0]["wounded_best"], str(mine.iloc[0]["date"].date())) == (
        1,
        "2025-12-21",
    )


def test_prisoners_are_no_casualties(seed):
    _, frame = seed
    prisoners = frame[frame["event_type"] == "arrest_prisoners"]
    assert len(prisoners) == 1
    row = prisoners.iloc[0]
    assert (
        '"prisoners_held"' in row["other_counts"]
        and '"best": 18' in row["other_counts"]
    )
    assert pd_isna(row["killed_qualifier"]) and pd_isna(row["wounded_qualifier"])
    assert 18 not in set(frame["killed_best"].dropna()) | set(
        frame["wounded_best"].dropna()
    )


def test_no_incident_in_zambia_philippines_or_united_states(seed):
    _, frame = seed
    codes = set(";".join(frame["adm1_all"].dropna()).split(";")) - {""}
    assert not {c for c in codes if c.split("-")[0] in {"ZM", "PH", "US"}}
    assert not set(frame["country_iso3"].dropna()) & {"ZMB", "PHL", "USA"}
    assert codes <= {"MY-14"}  # the ASEAN meeting venue is the only named place


def test_no_province_coloured(seed):
    _, frame = seed
    provinces = bordermap.aggregate(frame)
    assert provinces["incidents"].sum() == 0
    casualty_cols = [c for c in provinces.columns if c.endswith("_best")]
    assert provinces[casualty_cols].isna().all().all()
