import math
import warnings
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

import bordermap
from bordermap.errors import BordermapError, CompareError
from bordermap.geo.records import VIOLENT_TYPES, Article
from bordermap.geo.tables.compare import NOWHERE, Comparison, compare
from bordermap.geo.tables.frames import incidents_frame
from tests.conftest import HOSTILE

GEOD = Geod(ellps="WGS84")

ARTICLES = [
    # a Monday: 28 July 2025
    Article(
        id="a1",
        text="Cambodian rockets hit Kap Choeng district of Surin on Monday, "
        "killing two.",
        published=date(2025, 7, 28),
    ),
    Article(
        id="a2",
        text="Thai F-16 jets bombed Cambodian positions in Oddar Meanchey on "
        "Tuesday, killing three soldiers.",
        published=date(2025, 7, 29),
    ),
    Article(
        id="a3",
        text="More than 3,000 people fled to shelters in Sisaket on Tuesday.",
        published=date(2025, 7, 29),
    ),
    Article(
        id="a4",
        text="The death toll from the fighting has risen to 32 since Thursday, "
        "officials said.",
        published=date(2025, 7, 29),
    ),
    Article(
        id="a5",
        text="Clashes broke out near Ta Muen Thom temple in Surin on Wednesday, "
        "killing one soldier.",
        published=date(2025, 7, 30),
    ),
]


@pytest.fixture(scope="module")
def news():
    frame = bordermap.extract(ARTICLES)
    # what the tests below rely on
    assert frame.fillna({"adm1_iso": "none"}).set_index("id")[
        ["event_type", "scope", "precision", "adm1_iso"]
    ].to_dict("index") == {
        "a1-01": {
            "event_type": "shelling",
            "scope": "event",
            "precision": "admin2",
            "adm1_iso": "TH-32",
        },
        "a2-01": {
            "event_type": "air_strike",
            "scope": "event",
            "precision": "admin1",
            "adm1_iso": "KH-22",
        },
        "a3-01": {
            "event_type": "evacuation_displacement",
            "scope": "event",
            "precision": "admin1",
            "adm1_iso": "TH-33",
        },
        "a4-01": {
            "event_type": "armed_clash",
            "scope": "aggregate",
            "precision": "unknown",
            "adm1_iso": "none",
        },
        "a5-01": {
            "event_type": "armed_clash",
            "scope": "event",
            "precision": "site",
            "adm1_iso": "TH-32",
        },
    }
    return frame


def rows(frame, *ids):
    return frame[frame["id"].isin(ids)].reset_index(drop=True)


def coded(frame, **changes):
    """A coded-dataset copy of ``frame``: new ids, a date_end column, changes."""
    out = frame.copy()
    out["id"] = "ged-" + out["id"]
    out["dataset"] = "ucdp_ged"
    out["date_end"] = pd.NaT
    for column, value in changes.items():
        out[column] = value
    return out


def moved(frame, km, azimuth=90.0):
    """``frame`` with every point moved ``km`` along ``azimuth`` (geodesic)."""
    out = frame.copy()
    x, y = out.geometry.x.to_numpy(), out.geometry.y.to_numpy()
    lon, lat, _ = GEOD.fwd(x, y, np.full(len(x), azimuth), np.full(len(x), km * 1000))
    out["geometry"] = gpd.points_from_xy(lon, lat, crs="EPSG:4326")
    return out


def ids(result: Comparison):
    return list(zip(result.pairs["id_a"], result.pairs["id_b"], strict=True))


def test_same_event_gives_one_pair_with_the_figures_side_by_side(news):
    a = rows(news, "a1-01")
    b = coded(a, killed_best=pd.array([5], dtype="Int64"))
    result = compare(a, b)
    assert ids(result) == [("a1-01", "ged-a1-01")]
    pair = result.pairs.iloc[0]
    assert (pair["killed_a"], pair["killed_b"], pair["killed_diff"]) == (2, 5, 3)
    assert pd.isna(pair["wounded_a"]) and pd.isna(pair["wounded_diff"])
    assert pd.isna(pair["displaced_diff"])
    assert pair["date_a"] == pair["date_b"] == pd.Timestamp("2025-07-28")
    assert (pair["adm1_a"], pair["adm1_b"]) == ("TH-32", "TH-32")
    assert pair["distance_km"] == 0.0 and pair["days_apart"] == 0
    assert (pair["event_type_a"], pair["event_type_b"]) == ("shelling", "shelling")
    assert result.only_a.empty and result.only_b.empty
    assert str(result.pairs["killed_diff"].dtype) == "Int64"


def test_difference_is_na_when_one_side_has_no_figure(news):
    a = rows(news, "a1-01")
    result = compare(a, coded(a, killed_best=pd.array([None], dtype="Int64")))
    pair = result.pairs.iloc[0]
    assert pair["killed_a"] == 2 and pd.isna(pair["killed_b"])
    assert pd.isna(pair["killed_diff"])


@pytest.mark.parametrize(
    ("km", "max_km", "matched"),
    [(10, 25.0, True), (40, 25.0, False), (40, 50.0, True)],
    ids=["10 km", "40 km", "40 km, max 50 km"],
)
def test_points_in_different_provinces_match_within_max_km(news, km, max_km, matched):
    a = rows(news, "a1-01")
    b = coded(moved(a, km), adm1_iso="TH-33")
    result = compare(a, b, max_km=max_km)
    assert len(result.pairs) == int(matched)
    assert len(result.only_a) == len(result.only_b) == int(not matched)
    if matched:
        # haversine on the mean-radius sphere vs the WGS84 geodesic: within 0.5 %
        assert result.pairs["distance_km"].iat[0] == pytest.approx(km, rel=0.005)
        assert not result.pairs["same_province"].iat[0]


def test_same_province_matches_at_any_distance(news):
    a = rows(news, "a1-01")
    result = compare(a, coded(moved(a, 60)))
    assert len(result.pairs) == 1
    assert result.pairs["same_province"].iat[0]
    assert result.pairs["distance_km"].iat[0] == pytest.approx(60, rel=0.005)


def test_a_province_point_matches_by_its_province_only(news):
    # a2 is placed on Oddar Meanchey as a whole: its point is the province's
    a = rows(news, "a2-01")
    assert compare(a, coded(moved(a, 5), adm1_iso="KH-99")).pairs.empty


def test_no_point_and_no_province_never_matches(news):
    a = rows(news, "a1-01")
    b = coded(a, adm1_iso=None, geometry=gpd.GeoSeries([None], crs="EPSG:4326"))
    result = compare(a, b)
    assert result.pairs.empty
    assert result.summary.loc[NOWHERE, "only_b"] == 1


def wide(frame, precision, country=None):
    """``frame`` with its incidents on no province, at a wide ``precision``."""
    return frame.assign(
        adm1_iso=None, precision=precision, country_iso3=country, site=None
    )


def test_two_border_wide_incidents_match_by_their_extent(news):
    a = wide(rows(news, "a1-01"), "border")
    # far apart: a border-wide point is a placeholder, not a site
    result = compare(a, coded(moved(a, 300)))
    assert ids(result) == [("a1-01", "ged-a1-01")]
    assert not result.pairs["same_province"].iat[0]
    assert result.summary.loc[NOWHERE, "matched"] == 1


@pytest.mark.parametrize(
    ("a", "b", "matched"),
    [
        (("country", "THA"), ("country", "THA"), True),
        (("country", "THA"), ("country", "KHM"), False),
        (("country", "THA"), ("border", None), False),
        (("country", None), ("country", None), False),  # whose country: unknown
        (("unknown", None), ("unknown", None), False),
    ],
)
def test_wide_incidents_match_only_the_same_extent(news, a, b, matched):
    one = wide(rows(news, "a1-01"), *a)
    other = coded(moved(wide(rows(news, "a1-01"), *b), 300))
    assert bool(len(compare(one, other).pairs)) is matched


@pytest.mark.parametrize(
    ("shift", "max_days", "matched"),
    [(1, 0, False), (1, 1, True), (-1, 1, True), (2, 1, False), (2, 2, True)],
)
def test_different_days_match_within_max_days(news, shift, max_days, matched):
    a = rows(news, "a1-01")
    b = coded(a, date=a["date"] + pd.Timedelta(days=shift))
    result = compare(a, b, max_days=max_days)
    assert len(result.pairs) == int(matched)
    if matched:
        assert result.pairs["days_apart"].iat[0] == abs(shift)


@pytest.mark.parametrize(
    ("start", "end", "max_days", "matched"),
    [
        ("2025-07-26", "2025-07-29", 0, True),  # 26-29 July holds the 28th
        ("2025-07-28", "2025-08-02", 0, True),
        ("2025-07-25", "2025-07-27", 0, False),
        ("2025-07-25", "2025-07-27", 1, True),
        ("2025-04-01", "2025-09-30", 0, True),  # a six-month range
        ("2025-07-30", None, 0, False),  # no date_end: one day
    ],
)
def test_overlapping_date_ranges_match(news, start, end, max_days, matched):
    a = rows(news, "a1-01")
    b = coded(a, date=pd.Timestamp(start), date_end=pd.Timestamp(end))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = compare(a, b, max_days=max_days)
    assert len(result.pairs) == int(matched)


def test_a_range_ending_before_it_starts_is_one_day_with_a_warning(news):
    a = rows(news, "a1-01")
    b = coded(a, date=pd.Timestamp("2025-07-29"), date_end=pd.Timestamp("2025-07-20"))
    with pytest.warns(UserWarning, match=r"frame b: 1 date_end value\(s\) before"):
        assert compare(a, b).pairs.empty
    with pytest.warns(UserWarning):
        assert len(compare(a, b, max_days=1).pairs) == 1


def test_a_range_on_side_a_matches_too(news):
    a = coded(rows(news, "a1-01"), id="ucdp-1", date_end=pd.Timestamp("2025-07-31"))
    b = coded(rows(news, "a1-01"), date=pd.Timestamp("2025-07-31"))
    assert len(compare(a, b).pairs) == 1


def test_incidents_without_a_date_never_match(news):
    a = rows(news, "a1-01")
    result = compare(a, coded(a, date=pd.NaT), max_days=30)
    assert result.pairs.empty
    assert list(result.only_a["id"]) == ["a1-01"]
    assert list(result.only_b["id"]) == ["ged-a1-01"]


@pytest.mark.parametrize(
    ("type_a", "type_b", "matched"),
    [
        ("shelling", "armed_clash", True),
        ("air_strike", "landmine_explosive", True),
        ("attack_on_civilians", "shelling", True),
        ("shelling", "evacuation_displacement", False),
        ("evacuation_displacement", "shelling", False),
        ("evacuation_displacement", "evacuation_displacement", True),
        ("arrest_prisoners", "other", False),
        ("other", "other", True),
    ],
)
def test_violent_types_are_compatible_with_each_other_only(
    news, type_a, type_b, matched
):
    a = rows(news, "a1-01").assign(event_type=type_a)
    assert len(compare(a, coded(a, event_type=type_b)).pairs) == int(matched)


def test_all_five_violent_types_are_listed():
    assert VIOLENT_TYPES == {
        "armed_clash",
        "shelling",
        "air_strike",
        "landmine_explosive",
        "attack_on_civilians",
    }


def test_aggregates_and_planned_events_are_never_matched_nor_missed(news):
    a = rows(news, "a4-01", "a1-01").assign(planned=[False, False])
    a.loc[a["id"] == "a1-01", "planned"] = True
    b = coded(a)
    result = compare(a, b)
    assert result.pairs.empty
    assert result.only_a.empty and result.only_b.empty
    assert result.summary["not_compared_a"].sum() == 2
    assert result.summary["not_compared_b"].sum() == 2
    assert result.summary.loc[NOWHERE, "not_compared_a"] == 1  # the toll
    assert result.summary.loc["TH-32", "not_compared_a"] == 1  # the planned one
    # a running total is not a killed total of a province
    assert pd.isna(result.summary.loc[NOWHERE, "killed_a"])
    assert "totals not compared (aggregates, planned): A 2, B 2" in str(result)


def test_one_to_one_the_closer_candidate_wins(news):
    a = rows(news, "a1-01")
    b = pd.concat(
        [
            coded(moved(a, 12), id="ged-far"),
            coded(moved(a, 3, azimuth=200), id="ged-near"),
        ],
        ignore_index=True,
    )
    result = compare(a, b)
    assert ids(result) == [("a1-01", "ged-near")]
    assert list(result.only_b["id"]) == ["ged-far"]
    # and from the other side: one B, two A
    back = compare(b, a)
    assert ids(back) == [("ged-near", "a1-01")]
    assert list(back.only_a["id"]) == ["ged-far"]


def test_one_to_one_fewer_days_apart_wins_over_distance(news):
    a = rows(news, "a1-01")
    b = pd.concat(
        [
            coded(a, id="ged-day-off", date=a["date"] + pd.Timedelta(days=1)),
            coded(moved(a, 20), id="ged-same-day"),
        ],
        ignore_index=True,
    )
    assert ids(compare(a, b, max_days=1)) == [("a1-01", "ged-same-day")]


def test_one_to_one_is_global(news):
    # A1 is near B1 and B2, A2 only near B1: greedy by distance gives A1-B1 (2 km)
    # and leaves A2 alone; the order of the rows plays no part
    base = rows(news, "a1-01")
    a = pd.concat(
        [coded(base, id="A1"), coded(moved(base, 4), id="A2")], ignore_index=True
    )
    b = pd.concat(
        [
            coded(moved(base, 2), id="B1"),
            coded(moved(base, 9, azimuth=270), id="B2"),
        ],
        ignore_index=True,
    )
    a["adm1_iso"] = ["XX-1", "XX-2"]
    b["adm1_iso"] = ["XX-3", "XX-4"]
    assert ids(compare(a, b, max_km=10)) == [("A1", "B1")]
    assert ids(compare(a, b, max_km=20)) == [("A1", "B1"), ("A2", "B2")]


def test_shuffled_rows_give_the_same_result(news):
    a = news
    b = pd.concat(
        [
            coded(moved(news, 3)),
            coded(moved(news, 6, azimuth=0), id="x-" + news["id"]),
            coded(news, id="y-" + news["id"], date=news["date"] + pd.Timedelta(days=1)),
        ],
        ignore_index=True,
    )
    first = compare(a, b, max_days=1)
    assert len(first.pairs) == 4
    rng = np.random.default_rng(7)
    for _ in range(5):
        again = compare(
            a.iloc[rng.permutation(len(a))], b.iloc[rng.permutation(len(b))], max_days=1
        )
        pd.testing.assert_frame_equal(again.pairs, first.pairs)
        pd.testing.assert_frame_equal(again.summary, first.summary)
        assert list(again.only_b["id"]) == list(first.only_b["id"])
        assert again.summary_text() == first.summary_text()


def test_summary_counts_per_province(news):
    a = news  # a1 TH-32 (2 killed), a2 KH-22 (3), a3 TH-33, a4 a total, a5 TH-32 (1)
    b = coded(
        rows(news, "a1-01", "a2-01", "a4-01", "a5-01"),
        killed_best=pd.array([4, 3, 40, None], dtype="Int64"),
    )
    b.loc[b["id"] == "ged-a2-01", "date"] = pd.Timestamp("2025-08-03")
    extra = coded(rows(news, "a3-01"), id="ged-new", event_type="shelling")
    extra["killed_best"] = pd.array([7], dtype="Int64")
    result = compare(a, pd.concat([b, extra], ignore_index=True))
    assert ids(result) == [("a1-01", "ged-a1-01"), ("a5-01", "ged-a5-01")]
    table = result.summary
    assert list(table.index) == ["KH-22", "TH-32", "TH-33", NOWHERE]
    assert table.loc["TH-32"].to_dict() == {
        "matched": 2,
        "only_a": 0,
        "only_b": 0,
        "killed_a": 3,
        "killed_b": 4,
        "not_compared_a": 0,
        "not_compared_b": 0,
    }
    assert table.loc["KH-22", ["matched", "only_a", "only_b"]].tolist() == [0, 1, 1]
    assert table.loc["KH-22", ["killed_a", "killed_b"]].tolist() == [3, 3]
    assert table.loc["TH-33", ["matched", "only_a", "only_b"]].tolist() == [0, 1, 1]
    assert pd.isna(table.loc["TH-33", "killed_a"])
    assert table.loc["TH-33", "killed_b"] == 7
    assert table.loc[NOWHERE, ["not_compared_a", "not_compared_b"]].tolist() == [1, 1]
    text = result.summary_text()
    assert text.splitlines()[:3] == [
        "compared: A 4, B 4 (same province or within 25 km, dates within 0 days)",
        "matched 2, only in A 2, only in B 2",
        "totals not compared (aggregates, planned): A 1, B 1",
    ]
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines()[5:]}
    assert lines["TH-32"] == ["2", "0", "0", "3", "4"]
    assert lines["TH-33"] == ["0", "1", "1", "–", "7"]
    assert lines["all"] == ["2", "2", "2", "6", "14"]
    assert text == str(result)


def test_hostile_ids_and_places_do_not_break_the_summary(news):
    a = rows(news, "a1-01", "a3-01")
    a["id"] = [HOSTILE, HOSTILE + "\n2"]
    a["adm1_iso"] = [HOSTILE, "TH-\n33\r\x1b[2J\u2028\u2029\t"]
    b = coded(a, id=["\x00" + HOSTILE, "${x}\u2028"])
    b["adm1_iso"] = ["<b>", "`${1}`"]
    result = compare(a, b, max_km=1)
    assert len(result.pairs) == 1  # a1 with its copy, 0 km apart
    assert result.pairs["id_a"].iat[0] == HOSTILE
    text = result.summary_text()
    lines = text.splitlines()
    assert len(lines) == 5 + len(result.summary) + 1
    assert all(len(line) <= 80 for line in lines)
    assert not any(ch in text for ch in "\r\x1b\x00\t\u2028\u2029")
    assert "TH-?33??[2J???" in text


def test_many_provinces_fit_one_screen(news):
    a = pd.concat(
        [coded(rows(news, "a1-01"), id=f"p{i:02d}", adm1_iso=f"P-{i:02d}")
         for i in range(50)],
        ignore_index=True,
    )  # fmt: skip
    b = a.iloc[:10].copy()
    result = compare(a, b)
    lines = result.summary_text(max_rows=12).splitlines()
    assert len(lines) == 5 + 12 + 1
    assert lines[-2].startswith("(39 other provinces)")
    assert lines[-2].split()[-5:-2] == ["0", "39", "0"]
    assert lines[-1].split()[:4] == ["all", "10", "40", "0"]


def test_empty_frames(news):
    empty = news.iloc[:0]
    result = compare(empty, empty)
    assert result.pairs.empty and result.summary.empty
    assert list(result.pairs.columns[:4]) == ["id_a", "id_b", "date_a", "date_b"]
    last = result.summary_text().splitlines()[-1]
    assert last.split() == ["all", "0", "0", "0", "–", "–"]


def test_other_crs_is_read_as_such(news):
    a = rows(news, "a1-01")
    b = coded(moved(a, 10), adm1_iso="TH-33").to_crs("EPSG:32648")
    result = compare(a, b)
    assert result.pairs["distance_km"].iat[0] == pytest.approx(10, rel=0.005)


# -- bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "column", ["id", "date", "scope", "planned", "adm1_iso", "killed_best"]
)
def test_a_missing_column_is_named(news, column):
    with pytest.raises(CompareError, match=f"frame b has no column '{column}'") as e:
        compare(news, news.drop(columns=column))
    assert isinstance(e.value, BordermapError)
    assert "bordermap.extract" in str(e.value)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_km": -1}, "max_km must be a distance in kilometres >= 0, got -1"),
        ({"max_km": float("nan")}, "max_km must be"),
        ({"max_km": "25"}, "max_km must be"),
        ({"max_days": -2}, "max_days must be a whole number of days >= 0, got -2"),
        ({"max_days": 1.5}, "max_days must be"),
    ],
)
def test_bad_limits_are_value_errors(news, kwargs, message):
    with pytest.raises(ValueError, match=message) as e:
        compare(news, news, **kwargs)
    assert isinstance(e.value, CompareError)


def test_repeated_ids_are_refused(news):
    twice = pd.concat([rows(news, "a1-01")] * 2, ignore_index=True)
    with pytest.raises(CompareError, match=r"frame a repeats ids \['a1-01'\]"):
        compare(twice, news)


def test_a_plain_dataframe_or_a_frame_without_crs_is_refused(news):
    with pytest.raises(CompareError, match="not a GeoDataFrame"):
        compare(pd.DataFrame(news.drop(columns="geometry")), news)
    with pytest.raises(CompareError, match=r"no CRS; set it, e.g. frame.set_crs"):
        compare(news, news.set_crs(None, allow_override=True))


def test_bad_dates_and_figures_are_refused(news):
    with pytest.raises(CompareError, match="column 'date' holds values that are not"):
        compare(news, news.assign(date="yesterday"))
    with pytest.raises(CompareError, match="column 'killed_best' holds values"):
        compare(news, news.assign(killed_best="many"))


def test_polygons_are_refused(news):
    squares = news.assign(
        geometry=gpd.GeoSeries([shapely.box(103, 14, 104, 15)] * 5, crs="EPSG:4326")
    )
    with pytest.raises(CompareError, match="frame a holds Polygon geometries"):
        compare(squares, news)


# -- against a brute force -----------------------------------------------------


def _random_frame(rng, n, prefix):
    """Incidents in a ~110 km box, 30 days, some ranges (some long), every kind."""
    frame = pd.DataFrame(incidents_frame([]).drop(columns="geometry")).reindex(range(n))
    frame["id"] = [f"{prefix}{i:04d}" for i in rng.permutation(n)]
    frame["event_type"] = rng.choice(
        ["shelling", "armed_clash", "air_strike", "evacuation_displacement", "other"],
        n,
    )
    frame["scope"] = np.where(rng.random(n) < 0.1, "aggregate", "event")
    frame["planned"] = rng.random(n) < 0.05
    start = pd.Timestamp("2025-07-01") + pd.to_timedelta(rng.integers(0, 30, n), "D")
    frame["date"] = start.where(rng.random(n) > 0.05)
    span = np.where(rng.random(n) < 0.2, rng.integers(1, 6, n), 0)
    span = np.where(rng.random(n) < 0.05, rng.integers(20, 120, n), span)
    frame["date_end"] = (start + pd.to_timedelta(span, "D")).where(rng.random(n) > 0.5)
    frame["precision"] = rng.choice(
        ["site", "admin2", "admin1", "border", "country"], n
    )
    frame["adm1_iso"] = rng.choice(["P1", "P2", "P3", "P4", None], n)
    frame["country_iso3"] = rng.choice(["THA", "KHM", None], n)
    frame["killed_best"] = pd.array(rng.integers(0, 4, n), dtype="Int64")
    points = shapely.points(rng.uniform(103, 104, n), rng.uniform(14, 15, n))
    points[frame["precision"].isin(["border", "country"]).to_numpy()] = None
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


def _haversine(p, q):
    lon1, lat1, lon2, lat2 = map(math.radians, (p.x, p.y, q.x, q.y))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))


def _brute_force(a, b, max_km, max_days):
    def items(frame):
        for r in frame.itertuples():
            if r.scope != "event" or r.planned or pd.isna(r.date):
                continue
            end = r.date_end if pd.notna(r.date_end) else r.date
            yield r, r.date.toordinal(), end.toordinal()

    def group(t):
        return "violent" if t in VIOLENT_TYPES else t

    candidates = []
    for x, lo1, hi1 in items(a):
        for y, lo2, hi2 in items(b):
            gap = max(0, max(lo1, lo2) - min(hi1, hi2))
            if gap > max_days or group(x.event_type) != group(y.event_type):
                continue
            has = x.geometry is not None and y.geometry is not None
            dist = _haversine(x.geometry, y.geometry) if has else None
            same = x.adm1_iso is not None and x.adm1_iso == y.adm1_iso
            if pd.isna(x.adm1_iso) and pd.isna(y.adm1_iso):  # extents
                same = x.precision == y.precision == "border" or (
                    x.precision == y.precision == "country"
                    and pd.notna(x.country_iso3)
                    and x.country_iso3 == y.country_iso3
                )
            sited = {x.precision, y.precision} <= {"site", "admin2"}
            if same or (has and sited and dist <= max_km):
                rank = round((max_km if dist is None else dist) * 1e6)  # to the mm
                candidates.append((gap, rank, x.id, y.id))
    used_a, used_b, pairs = set(), set(), []
    for _, _, x, y in sorted(candidates):
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            pairs.append((x, y))
    return sorted(pairs)


@pytest.mark.parametrize(
    ("seed", "max_km", "max_days"),
    [
        (0, 25.0, 0),
        (1, 25.0, 1),
        (2, 10.0, 3),
        (3, 60.0, 0),
        (4, 0.0, 2),
        (5, 1e7, 1),  # every located pair is near
        (6, 25.0, 40),  # wide ranges: coarser day buckets
    ],
)
def test_matches_a_brute_force_over_all_pairs(seed, max_km, max_days):
    rng = np.random.default_rng(seed)
    a, b = _random_frame(rng, 150, "a"), _random_frame(rng, 170, "b")
    result = compare(a, b, max_km=max_km, max_days=max_days)
    assert sorted(ids(result)) == _brute_force(a, b, max_km, max_days)
    compared = lambda f: (  # noqa: E731
        f["scope"].eq("event") & ~f["planned"]
    ).sum()
    assert len(result.pairs) + len(result.only_a) == compared(a)
    assert len(result.pairs) + len(result.only_b) == compared(b)


def test_greedy_rounds_keep_what_a_sequential_pass_keeps():
    from bordermap.geo.tables.matching import greedy

    rng = np.random.default_rng(0)
    ia = rng.integers(0, 3_000, 60_000)  # more candidates than the loop takes
    ib = rng.integers(0, 3_000, 60_000)
    used_a, used_b, expected = set(), set(), []
    for p, (x, y) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            expected.append(p)
    assert greedy(ia, ib).tolist() == expected
