"""Coded event datasets in and out: UCDP GED (the real CAR file), ACLED, GDELT."""

from __future__ import annotations

import csv
import logging
import os
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import bordermap
from bordermap.cli import main as cli_main
from bordermap.errors import DatasetError
from bordermap.geo.places.boundaries import load_boundaries
from bordermap.geo.places.gazetteer import name_key
from bordermap.geo.sources.datasets import (
    detect_dataset,
    read_events,
    split_inputs,
    to_acled,
    to_ged,
)
from bordermap.geo.sources.datasets.acled import ACLED_COLUMNS
from bordermap.geo.sources.datasets.gdelt import GDELT_COLUMNS
from bordermap.geo.sources.datasets.ucdp import GED_COLUMNS
from tests.conftest import ROOT

SHARED = Path(os.environ.get("BORDERMAP_SHARED", ROOT.parent / "shared"))
GED = SHARED / "data" / "ucdp" / "ged231_CAF.csv"
needs_ged = pytest.mark.skipif(not GED.is_file(), reason=f"{GED} not found")
CAR = ("CAF", "CMR")


@pytest.fixture(scope="module")
def ged_events():
    return read_events(GED, CAR)


def _write_csv(path: Path, rows: list[dict], columns: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


# --- UCDP GED: the real file --------------------------------------------------


@needs_ged
def test_ged_province_figures_equal_an_independent_join(ged_events):
    provinces = bordermap.aggregate(ged_events, CAR)
    # independently: pandas reads the CSV, GeoPandas joins the points
    raw = pd.read_csv(GED)
    raw = raw[raw["where_prec"] <= 4]
    points = gpd.GeoDataFrame(
        raw, geometry=gpd.points_from_xy(raw["longitude"], raw["latitude"]), crs=4326
    )
    adm1 = load_boundaries(CAR).admin1
    joined = gpd.sjoin(points, adm1[["adm1_iso", "geometry"]], predicate="within")
    joined = joined[~joined.index.duplicated()]  # a point on a shared edge: once
    expected = joined.groupby("adm1_iso")["best"].sum()
    got = provinces.set_index("adm1_iso")["killed_best"].dropna().astype(int)
    got = got[got > 0]
    assert got.to_dict() == expected[expected > 0].to_dict()


@needs_ged
def test_ged_events_coded_wider_than_a_province_are_on_no_province(ged_events):
    wide = ged_events["ucdp_where_prec"].astype(int) >= 5
    assert wide.sum() == 57
    assert ged_events.loc[wide, "adm1_iso"].isna().all()
    assert ged_events.loc[wide, "geometry"].isna().all()
    assert set(ged_events.loc[wide, "precision"]) == {"border", "country"}
    totals = bordermap.totals(ged_events)
    assert len(totals) > 0


@needs_ged
def test_ged_provinces_agree_with_geds_own_adm_1(ged_events):
    names = pd.read_csv(
        ROOT / "bordermap" / "data" / "world_admin1_names.csv", keep_default_na=False
    )
    key = {}
    for row in names[names["country_iso3"] == "CAF"].itertuples():
        for name in [row.name, *filter(None, row.alt_names.split("|"))]:
            key[name_key(name)] = row.iso_3166_2
    precise = ged_events[
        (ged_events["ucdp_where_prec"].astype(int) <= 3)
        & ged_events["adm1_name"].notna()
    ]
    geds = precise["adm1_name"].str.replace(r"\s+province$", "", regex=True)
    codes = geds.map(lambda n: key.get(name_key(n)))
    assert codes.notna().all()
    assert len(precise) == 1737
    assert (codes == precise["adm1_iso"]).mean() >= 0.98


@needs_ged
def test_ged_columns_are_kept(ged_events):
    row = ged_events.set_index("native_id").loc["36211"]
    assert row["id"] == "ucdp-36211" and row["dataset"] == "UCDP GED"
    assert (row["date"], row["date_end"]) == (
        pd.Timestamp("2009-08-07"),
        pd.Timestamp("2009-09-10"),
    )
    assert row["date_text"] == "2009-08-07 to 2009-09-10"
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == (4, 4, 4)
    assert row["ucdp_deaths_b"] == "4" and row["ucdp_side_b"] == "LRA"
    assert row["event_type"] == "armed_clash" and row["country_iso3"] == "CAF"


@needs_ged
@pytest.mark.parametrize("suffix", [".html", ".png"])
def test_map_of_the_ged_file(tmp_path, suffix, capsys):
    out = tmp_path / f"car{suffix}"
    argv = ["map", str(GED), "--countries", "CAF,CMR", "-o", str(out), "-q"]
    if suffix == ".html":
        argv.append("--offline")
    assert cli_main(argv) == 0
    assert out.stat().st_size > 10_000
    assert "1,848 UCDP GED events" in capsys.readouterr().err
    if suffix == ".html":
        assert "1,848 UCDP GED events" in out.read_text("utf-8")


# --- UCDP GED: own rows --------------------------------------------------------

_GED_MIN = [
    "id",
    "type_of_violence",
    "where_prec",
    "latitude",
    "longitude",
    "date_start",
    "date_end",
    "best",
    "low",
    "high",
    "country",
]


def _ged_row(**kw):
    row = {
        "id": "1",
        "type_of_violence": "1",
        "where_prec": "1",
        "latitude": "14.42",
        "longitude": "103.30",
        "date_start": "2025-07-24 00:00:00.000",
        "date_end": "2025-07-24 00:00:00.000",
        "best": "2",
        "low": "2",
        "high": "3",
        "country": "Thailand",
    }
    row.update(kw)
    return row


def test_ged_rows_off_the_earth_or_undated_are_skipped_and_counted(tmp_path, caplog):
    rows = [
        _ged_row(id="1"),
        _ged_row(id="2", latitude="95"),
        _ged_row(id="3", date_start="", date_end=""),
        _ged_row(id="4", where_prec="6", latitude="", longitude=""),
        _ged_row(id="5", type_of_violence="9"),
    ]
    path = _write_csv(tmp_path / "ged.csv", rows, _GED_MIN)
    with caplog.at_level(logging.WARNING):
        frame = read_events(path)
    assert frame["native_id"].tolist() == ["1", "4", "5"]
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "2 row(s) skipped: 1 without a readable date, 1 with coordinates" in messages
    assert "1 event(s) with a type_of_violence other than 1, 2, 3" in messages
    got = frame.set_index("native_id")
    assert got.loc["1", "adm1_iso"] == "TH-32"
    assert got.loc["1", "killed_qualifier"] == "estimate"
    assert got.loc["4", "precision"] == "country" and pd.isna(got.loc["4", "adm1_iso"])
    assert got.loc["5", "event_type"] == "other"


def test_a_ged_file_without_a_required_column_names_it(tmp_path):
    path = _write_csv(
        tmp_path / "ged.csv",
        [{k: v for k, v in _ged_row().items() if k != "best"}],
        [c for c in _GED_MIN if c != "best"],
    )
    assert detect_dataset(path) == "ucdp"
    with pytest.raises(DatasetError, match="no 'best' column"):
        read_events(path)
    code = cli_main(["extract", str(path), "--format", "csv", "-q"])
    assert code == 1


# --- ACLED -------------------------------------------------------------------


def _acled_row(**kw):
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        {
            "event_id_cnty": "THA1",
            "event_date": "2025-07-24",
            "year": "2025",
            "time_precision": "1",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Military Forces of Cambodia (2013-)",
            "inter1": "State forces",
            "country": "Thailand",
            "admin1": "Surin",
            "location": "Kap Choeng",
            "latitude": "14.42",
            "longitude": "103.30",
            "geo_precision": "1",
            "source": "Bangkok Post",
            "notes": "On 24 July 2025, Cambodian rockets hit Kap Choeng.",
            "fatalities": "2",
        }
    )
    row.update(kw)
    return row


def test_acled_export_is_read(tmp_path, caplog):
    rows = [
        _acled_row(),
        _acled_row(event_id_cnty="THA2", geo_precision="3", fatalities="5"),
        _acled_row(
            event_id_cnty="THA3", time_precision="2", sub_event_type="Air/drone strike"
        ),
        _acled_row(event_id_cnty="THA4", time_precision="3", sub_event_type="Parade"),
        _acled_row(event_id_cnty="THA5", latitude="", longitude=""),
    ]
    path = _write_csv(tmp_path / "acled.csv", rows, ACLED_COLUMNS)
    assert detect_dataset(path) == "acled"
    with caplog.at_level(logging.WARNING):
        frame = read_events(path).set_index("native_id")
    assert "THA5" not in frame.index
    assert "sub-event types bordermap does not know (Parade)" in caplog.text
    one = frame.loc["THA1"]
    assert (one["event_type"], one["adm1_iso"], one["precision"]) == (
        "shelling",
        "TH-32",
        "site",
    )
    assert (one["killed_low"], one["killed_best"], one["killed_qualifier"]) == (
        2,
        2,
        "at_least",
    )
    assert pd.isna(one["killed_high"]) and one["quote"].startswith("On 24 July")
    assert one["acled_inter1"] == "State forces"
    wide = frame.loc["THA2"]  # a wider region: never on a province
    assert wide["precision"] == "border" and pd.isna(wide["adm1_iso"])
    week = frame.loc["THA3"]
    assert (week["date"], week["date_end"], week["event_type"]) == (
        pd.Timestamp("2025-07-21"),
        pd.Timestamp("2025-07-27"),
        "air_strike",
    )
    month = frame.loc["THA4"]
    assert (month["date"], month["date_end"], month["event_type"]) == (
        pd.Timestamp("2025-07-01"),
        pd.Timestamp("2025-07-31"),
        "other",
    )
    provinces = bordermap.aggregate(frame.reset_index())
    surin = provinces.set_index("adm1_iso").loc["TH-32"]
    assert surin["killed_best"] == 2 + 2 + 2  # THA2 (border) is not on Surin


def test_an_old_acled_export_with_numeric_inter_and_iso(tmp_path):
    columns = ["data_id", "iso", *ACLED_COLUMNS[1:15], *ACLED_COLUMNS[16:], "iso3"]
    row = _acled_row(inter1="1", inter2="7")
    row.pop("event_id_cnty")
    row.update({"data_id": "777", "iso": "764", "iso3": "THA"})
    path = _write_csv(tmp_path / "old.csv", [row], columns)
    frame = read_events(path)
    assert frame["native_id"].tolist() == ["777"]
    assert frame["acled_inter1"].tolist() == ["State forces"]
    assert frame["country_iso3"].tolist() == ["THA"]


def test_an_acled_file_without_fatalities_names_the_column(tmp_path):
    columns = [c for c in ACLED_COLUMNS if c != "fatalities"]
    row = {k: v for k, v in _acled_row().items() if k != "fatalities"}
    path = _write_csv(tmp_path / "acled.csv", [row], columns)
    with pytest.raises(DatasetError, match="no 'fatalities' column"):
        read_events(path)


# --- GDELT -------------------------------------------------------------------


def _gdelt_line(**kw) -> str:
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row.update(
        {
            "GLOBALEVENTID": "1100000001",
            "SQLDATE": "20250724",
            "EventCode": "194",
            "EventBaseCode": "194",
            "EventRootCode": "19",
            "NumMentions": "12",
            "ActionGeo_Type": "4",
            "ActionGeo_FullName": "Kap Choeng, Surin, Thailand",
            "ActionGeo_CountryCode": "TH",
            "ActionGeo_ADM1Code": "TH29",
            "ActionGeo_Lat": "14.42",
            "ActionGeo_Long": "103.30",
            "SOURCEURL": "https://example.org/news/1",
        }
    )
    row.update(kw)
    return "\t".join(row[c] for c in GDELT_COLUMNS)


def test_gdelt_events_are_read(tmp_path, caplog):
    lines = [
        _gdelt_line(),
        _gdelt_line(GLOBALEVENTID="2", ActionGeo_Type="5", EventCode="195"),
        _gdelt_line(GLOBALEVENTID="3", ActionGeo_Type="5", ActionGeo_ADM1Code="ZZ99"),
        _gdelt_line(GLOBALEVENTID="4", EventCode="042", EventRootCode="04"),
        _gdelt_line(GLOBALEVENTID="5", ActionGeo_Type="1", EventCode="0871"),
    ]
    path = tmp_path / "20250724.export.CSV"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert detect_dataset(path) == "gdelt"
    with caplog.at_level(logging.WARNING):
        frame = read_events(path).set_index("native_id")
    assert "1 of 5 events are not violence" in caplog.text
    assert "FIPS code the bundled table lacks (ZZ99)" in caplog.text
    assert list(frame.index) == ["1100000001", "2", "3", "5"]
    city = frame.loc["1100000001"]
    assert (city["event_type"], city["precision"], city["adm1_iso"]) == (
        "shelling",
        "site",
        "TH-32",
    )
    assert city["url"] == "https://example.org/news/1" and pd.isna(city["killed_best"])
    province = frame.loc["2"]
    assert (province["event_type"], province["precision"], province["adm1_iso"]) == (
        "air_strike",
        "admin1",
        "TH-32",
    )
    assert frame.loc["3", "precision"] == "unknown" and pd.isna(
        frame.loc["3", "adm1_iso"]
    )
    truce = frame.loc["5"]
    assert (truce["event_type"], truce["precision"], truce["country_iso3"]) == (
        "ceasefire_agreement",
        "country",
        "THA",
    )


# --- writing: GED and ACLED, and the round trip --------------------------------


@pytest.fixture(scope="module")
def seed_incidents():
    return bordermap.extract([bordermap.seeds_dir()])


@pytest.mark.parametrize("form", ["ucdp", "acled"])
def test_round_trip_gives_the_same_province_figures(seed_incidents, tmp_path, form):
    out = tmp_path / f"{form}.csv"
    code = cli_main(
        ["extract", str(bordermap.seeds_dir()), "--format", form, "-o", str(out), "-q"]
    )
    assert code == 0
    header = out.read_text("utf-8").splitlines()[0].split(",")
    standard = GED_COLUMNS if form == "ucdp" else ACLED_COLUMNS
    assert header[: len(standard)] == list(standard)
    assert detect_dataset(out) == form
    back = read_events(out)
    before = bordermap.aggregate(seed_incidents).set_index("adm1_iso")
    after = bordermap.aggregate(back).set_index("adm1_iso")
    for kind in ("killed_best", "incidents"):
        assert after[kind].fillna(0).to_dict() == before[kind].fillna(0).to_dict(), kind
    events = seed_incidents[
        (seed_incidents["scope"] == "event") & ~seed_incidents["planned"]
    ]
    if form == "acled":
        events = events[events["date"].notna()]
    assert sorted(back["native_id"]) == sorted(events["id"])


def test_written_ged_keeps_what_ged_cannot_hold(seed_incidents):
    ged = to_ged(seed_incidents)
    wounded = seed_incidents.loc[seed_incidents["wounded_best"].notna(), "id"]
    kept = ged.set_index("id").loc[wounded[wounded.isin(ged["id"])]]
    assert kept["bordermap_wounded_best"].notna().all()
    assert set(ged["where_prec"]) <= {1, 3, 4, 5, 6}
    unknown = seed_incidents.set_index("id").loc[ged["id"], "killed_best"].isna()
    assert ged.set_index("id").loc[unknown[unknown].index, "best"].isna().all()


def test_running_totals_are_not_written_as_events(seed_incidents, caplog):
    with caplog.at_level(logging.WARNING):
        acled = to_acled(seed_incidents)
    totals = seed_incidents.loc[seed_incidents["scope"] == "aggregate", "id"]
    assert len(totals) and not set(totals) & set(acled["event_id_cnty"])
    assert "not written to ACLED: they are not events" in caplog.text


# --- recognising files ----------------------------------------------------------


def test_article_tables_and_articles_are_not_datasets(tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text("id,text\na,Shells hit Surin.\n", "utf-8")
    assert detect_dataset(table) is None
    events, articles = split_inputs([table, bordermap.seeds_dir()])
    assert events == [] and articles == [table, bordermap.seeds_dir()]


def test_a_directory_gives_its_event_files_and_its_articles(tmp_path):
    _write_csv(tmp_path / "ged.csv", [_ged_row()], _GED_MIN)
    (tmp_path / "a.md").write_text("Shells hit Kap Choeng district of Surin.", "utf-8")
    events, articles = split_inputs([tmp_path])
    assert [p.name for p in events] == ["ged.csv"] and articles == [tmp_path]
    out = tmp_path / "out.csv"
    argv = ["extract", str(tmp_path), "--format", "csv", "-o", str(out), "-q"]
    assert cli_main(argv) == 0
    rows = pd.read_csv(out)
    assert (rows["dataset"] == "UCDP GED").sum() == 1
    assert (rows["article_id"] == "a").sum() >= 1


def test_events_in_other_countries_than_the_maps_are_reported(tmp_path, capsys):
    path = _write_csv(
        tmp_path / "ged.csv",
        [
            _ged_row(
                latitude="6.0", longitude="21.0", country="Central African Republic"
            )
        ],
        _GED_MIN,
    )
    out = tmp_path / "m.html"
    assert cli_main(["map", str(path), "-o", str(out), "-q"]) == 0
    assert "the events are in CAF (1), not in THA or KHM" in capsys.readouterr().err


def test_extract_of_an_event_file_in_every_format(tmp_path):
    path = _write_csv(tmp_path / "ged.csv", [_ged_row()], _GED_MIN)
    for form in ("jsonl", "csv", "geojson", "ucdp", "acled"):
        out = tmp_path / f"out.{form}"
        argv = ["extract", str(path), "--format", form, "-o", str(out), "-q"]
        assert cli_main(argv) == 0, form
        assert "ucdp-1" in out.read_text("utf-8"), form
    assert date(2025, 7, 24).isoformat() in (tmp_path / "out.jsonl").read_text("utf-8")
