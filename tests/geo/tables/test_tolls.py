"""Reported tolls over time: two claimants over three days, restated and revised."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import bordermap
from bordermap.geo.tables.tolls import claimant_key

A = bordermap.Article
DAYS = [
    A(
        "d1",
        "BANGKOK — Twelve Thais have been killed since the fighting began, "
        "Thailand's Ministry of Defence said on Thursday.\n\n"
        "Eight Cambodian civilians had been killed since the clashes began, "
        "Cambodia's defence ministry said.",
        "Toll rises",
        date(2025, 7, 24),
    ),
    A(
        "d2",
        "BANGKOK — The number of Thais killed has risen to 14, the Thai defense "
        "ministry said on Friday.\n\n"
        "The number of Cambodians killed has risen to 13, Cambodia's Ministry of "
        "National Defence said on Friday.\n\n"
        "The number of Thais killed has risen to 14, the Thai defence ministry said.",
        "Toll rises again",
        date(2025, 7, 25),
    ),
    A(
        "d3",
        "BANGKOK — The number of Thais killed has been revised down to 13, the Thai "
        "Defence Ministry said on Saturday, after one victim was found alive.\n\n"
        "The number of Thais killed has risen to 20, Cambodia's defence ministry "
        "claimed on Saturday.",
        "Toll revised",
        date(2025, 7, 26),
    ),
]
THAI, KHMER = "THA defence ministry", "KHM defence ministry"


@pytest.fixture(scope="module")
def incidents():
    return bordermap.extract(DAYS)


def test_one_ministry_written_four_ways_is_one_claimant():
    spellings = [
        "Thailand's Ministry of Defence",
        "the Thai defense ministry",
        "Thai Defence Ministry",
        "Thai defence ministry",
    ]
    assert {claimant_key(s) for s in spellings} == {THAI}
    assert claimant_key("Cambodia's Ministry of National Defence") == KHMER
    assert claimant_key("Cambodia's defence ministry") == KHMER
    # abbreviations with dots, and a pronoun that is not a country
    assert claimant_key("the U.S. State Department") == claimant_key(
        "the US State Department"
    )
    assert claimant_key("officials told us") == "officials told us"


def test_the_history_has_every_report_once(incidents):
    history = bordermap.tolls(incidents)
    got = sorted(
        (r.claimant_key, r.side, str(r.as_of.date()), int(r.best))
        for r in history.itertuples()
    )
    assert got == sorted(
        [
            (THAI, "THA", "2025-07-24", 12),
            (THAI, "THA", "2025-07-25", 14),  # told twice in d2: one report
            (THAI, "THA", "2025-07-26", 13),
            (KHMER, "KHM", "2025-07-24", 8),
            (KHMER, "KHM", "2025-07-25", 13),
            (KHMER, "THA", "2025-07-26", 20),  # Cambodia's claim of Thai dead
        ]
    )
    assert set(history["kind"]) == {"killed"}
    assert history["quote"].notna().all() and history["article_id"].notna().all()


def test_latest_per_claimant_never_summed_and_revised_down_wins(incidents):
    latest = bordermap.latest_tolls(incidents).set_index(["side", "claimant_key"])
    # the Thai ministry revised its figure down: 13, not the larger 14
    assert latest.loc[("THA", THAI), "best"] == 13
    assert latest.loc[("THA", THAI), "reports"] == 3
    # Cambodia's claim about Thai dead stands beside it, never replacing it
    assert latest.loc[("THA", KHMER), "best"] == 20
    assert (latest.loc[("THA", THAI), "range_low"],
            latest.loc[("THA", THAI), "range_high"]) == (13, 20)  # fmt: skip
    assert latest.loc[("KHM", KHMER), "best"] == 13
    # one row per kind x side x claimant; nothing added up anywhere
    assert len(latest) == 3
    assert 33 not in set(latest["best"]) and 46 not in set(latest["best"])


def test_tolls_of_a_frame_without_totals_are_empty():
    frame = bordermap.extract([A("e", "Shells hit Surin on Monday, killing two.")])
    assert bordermap.tolls(frame).empty and bordermap.latest_tolls(frame).empty
    assert list(bordermap.tolls(frame).columns)[:3] == ["as_of", "published", "kind"]
    assert isinstance(bordermap.latest_tolls(frame), pd.DataFrame)
