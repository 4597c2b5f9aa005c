from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from bordermap.geo.records import Count, Incident, Precision
from bordermap.geo.tables.aggregate import (
    aggregate_by_province,
    border_totals,
    repeated_figures,
)
from bordermap.geo.tables.frames import incidents_frame, join_boundaries


def incident(
    id,
    *,
    scope="event",
    precision=Precision.ADMIN1,
    adm1=("AA-1",),
    lonlat=(0.5, 0.5),
    killed=None,
    wounded=None,
    displaced=None,
    event_type="shelling",
    planned=False,
):
    lon, lat = lonlat if lonlat else (None, None)
    return Incident(
        id,
        "art",
        event_type,
        scope,
        date(2025, 12, 8),
        "",
        precision,
        "",
        "AAA",
        adm1,
        tuple("West" for _ in adm1),
        (),
        "",
        lat,
        lon,
        "",
        killed,
        wounded,
        displaced,
        planned=planned,
    )


def exact(n):
    return Count(n, n, n, "exact", stated=n)


@pytest.fixture
def frame(squares):
    adm1, _ = squares
    incs = [
        incident("a", killed=exact(2), wounded=Count(3, 3, None, "at_least", stated=3)),
        incident("b", killed=exact(1)),
        # a running total in the same province: never added to the events
        incident("c", scope="aggregate", killed=exact(21)),
        # border-wide and both sides: never on a province
        incident(
            "d",
            scope="aggregate",
            precision=Precision.BORDER,
            adm1=(),
            lonlat=None,
            killed=Count(37, 37, None, "more_than", stated="more than three dozen"),
        ),
        # a disputed site in two provinces: an incident in both, casualties in none
        incident("e", adm1=("AA-1", "BB-1"), killed=exact(5)),
        incident(
            "f",
            adm1=("BB-1",),
            lonlat=(1.5, 0.5),
            displaced=Count(None, 40_000, None, "around", stated=40000),
        ),
        incident("g", adm1=("BB-1",), lonlat=(1.5, 0.5), planned=True, killed=exact(9)),
    ]
    return join_boundaries(incidents_frame(incs), adm1)


def test_province_sums_follow_the_rules(frame, squares):
    adm1, _ = squares
    out = aggregate_by_province(frame, adm1).set_index("adm1_iso")
    west, east = out.loc["AA-1"], out.loc["BB-1"]
    assert (west["incidents"], east["incidents"]) == (3, 2)
    assert (west["killed_low"], west["killed_best"], west["killed_high"]) == (3, 3, 3)
    assert (west["wounded_low"], west["wounded_best"]) == (3, 3)
    assert pd.isna(west["wounded_high"])  # "at least 3" has no upper bound
    assert pd.isna(
        east["killed_best"]
    )  # the disputed site's 5 and the planned 9 are not here
    assert (east["displaced_low"], east["displaced_best"]) == (0, 40_000)
    assert west["n_shelling"] == 3


def test_border_wide_totals_stand_apart(frame):
    totals = border_totals(frame)
    assert list(totals["incident_id"]) == ["d", "e"]
    row = totals.set_index("incident_id").loc["d"]
    assert (row["kind"], row["qualifier"], row["low"], row["precision"]) == (
        "killed",
        "more_than",
        37,
        "border",
    )
    assert row["where"] == "along the border"
    # the incident is coded to country AAA, but whose dead they are is not said
    assert pd.isna(row["country_iso3"])


def test_the_victims_side_is_only_what_the_text_states(squares):
    adm1, _ = squares
    told = Count(4, 4, 4, "exact", stated=4, victims_country="BBB")
    incs = [
        incident("x", precision=Precision.BORDER, adm1=(), lonlat=None, killed=told),
        incident("y", precision=Precision.COUNTRY, adm1=(), killed=exact(2)),
    ]
    totals = border_totals(join_boundaries(incidents_frame(incs), adm1))
    victims = totals.set_index("incident_id")["country_iso3"]
    assert victims["x"] == "BBB"
    assert pd.isna(victims["y"])  # coded to country AAA, whose dead: not said


def test_a_disputed_sites_casualties_are_listed_on_no_province(frame):
    row = border_totals(frame).set_index("incident_id").loc["e"]
    assert (row["kind"], row["scope"], row["best"]) == ("killed", "event", 5)
    assert row["where"] == "a site, in West and West"


def test_join_keeps_the_gazetteer_province_and_reports_disagreement(squares):
    adm1, _ = squares
    inc = incident("x", adm1=("AA-1",), lonlat=(1.5, 0.5))  # named West, point in East
    out = join_boundaries(incidents_frame([inc]), adm1)
    assert out.loc[0, "adm1_iso"] == "AA-1"
    assert out.loc[0, "adm1_spatial"] == "BB-1"
    assert not out.loc[0, "adm1_agrees"]


def test_join_fills_a_missing_province_from_the_point(squares):
    adm1, _ = squares
    inc = incident("y", precision=Precision.SITE, adm1=(), lonlat=(0.2, 0.2))
    out = join_boundaries(incidents_frame([inc]), adm1)
    assert out.loc[0, "adm1_iso"] == "AA-1"


def test_frame_columns_and_crs(frame):
    assert frame.crs.to_string() == "EPSG:4326"
    assert str(frame["killed_best"].dtype) == "Int64"
    assert frame.loc[frame["id"] == "d"].geometry.isna().all()


def test_a_figure_one_article_tells_twice_is_added_once(squares, caplog):
    adm1, _ = squares
    incs = [
        # one shelling told in the headline and again in the body, not merged
        incident("h1", killed=exact(12), wounded=Count(24, 24, None, "vague_plural")),
        incident(
            "h2",
            event_type="armed_clash",
            wounded=Count(24, 24, None, "vague_plural"),
        ),
        # another day's figure is another figure
        replace(incident("h3", killed=exact(12)), date=date(2025, 12, 9)),
    ]
    frame = join_boundaries(incidents_frame(incs), adm1)
    with caplog.at_level("WARNING", logger="bordermap.geo.tables.aggregate"):
        west = aggregate_by_province(frame, adm1).set_index("adm1_iso").loc["AA-1"]
    assert (west["killed_best"], west["wounded_best"]) == (24, 24)
    assert west["incidents"] == 3
    assert "h2" in caplog.text and "h1" not in caplog.text.split("(")[1]


def test_the_same_figure_from_two_articles_is_two_reports(squares):
    adm1, _ = squares
    incs = [incident("i1", killed=exact(3)), replace(incident("i2"), killed=exact(3))]
    incs[1] = replace(incs[1], article_id="other")
    frame = join_boundaries(incidents_frame(incs), adm1)
    west = aggregate_by_province(frame, adm1).set_index("adm1_iso").loc["AA-1"]
    assert west["killed_best"] == 6


def test_repeats_are_marked_per_kind_and_only_after_the_first():
    rows = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "a"],
            "scope": ["event", "event", "aggregate", "event"],
            "date": pd.to_datetime(["2025-07-24"] * 4),
            "adm1_iso": ["TH-32", "TH-32", "TH-32", None],
            "killed_best": [2, 2, 2, 2],
            "killed_qualifier": ["exact"] * 4,
        }
    )
    # a total and an unplaced report never take part
    assert repeated_figures(rows, "killed").tolist() == [False, True, False, False]
