import json
import os

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

import bordermap
from bordermap.errors import BordermapError
from bordermap.geo.records import Article
from bordermap.geo.tables import files
from bordermap.geo.tables.files import write_geopackage, write_geoparquet
from tests.conftest import HOSTILE

LAYERS = ["incidents", "provinces", "not_on_a_province"]


@pytest.fixture(scope="module")
def frames():
    inc = bordermap.extract(bordermap.read_articles([bordermap.seeds_dir()]))
    return inc, bordermap.aggregate(inc), bordermap.totals(inc)


@pytest.fixture(scope="module")
def gpkg(frames, tmp_path_factory):
    return write_geopackage(*frames, tmp_path_factory.mktemp("gpkg") / "out.gpkg")


@pytest.fixture(scope="module")
def hostile():
    text = (
        "Rockets hit Kap Choeng district of Surin, killing two, the army said: "
        f'"{HOSTILE} <script>alert(1)</script>\nand a second line".'
    )
    inc = bordermap.extract([Article(id="x", text=text)])
    assert inc["quote"].str.contains("<script>alert(1)</script>\n", regex=False).any()
    return inc


def _listing(directory):
    return sorted(p.name for p in directory.iterdir())


def _text(series):
    return series.astype(object).where(series.notna(), None).tolist()


# --- GeoPackage -----------------------------------------------------------


def test_geopackage_has_the_three_layers(gpkg):
    layers = pyogrio.list_layers(gpkg)
    assert layers[:, 0].tolist() == LAYERS
    assert layers[0, 1] == "Point"
    assert layers[1, 1] in ("Polygon", "MultiPolygon")
    assert layers[2, 1] is None


@pytest.mark.parametrize(
    ("layer", "position", "key"),
    [("incidents", 0, "id"), ("provinces", 1, "adm1_iso")],
    ids=["incidents", "provinces"],
)
def test_spatial_layer_reads_back(gpkg, frames, layer, position, key):
    frame = frames[position]
    back = gpd.read_file(gpkg, layer=layer)
    assert len(back) == len(frame)
    assert back.crs.to_epsg() == 4326
    assert back[key].tolist() == frame[key].tolist()
    pd.testing.assert_series_equal(
        back["killed_best"].astype("Int64"),
        frame["killed_best"].reset_index(drop=True),
    )


def test_not_on_a_province_layer_holds_the_totals(gpkg, frames):
    totals = frames[2]
    back = gpd.read_file(gpkg, layer="not_on_a_province")
    assert len(totals) > 0
    assert not isinstance(back, gpd.GeoDataFrame)
    assert list(back.columns) == list(totals.columns)
    assert back["incident_id"].tolist() == totals["incident_id"].tolist()
    assert back["kind"].tolist() == totals["kind"].tolist()
    pd.testing.assert_series_equal(back["best"].astype("Int64"), totals["best"])


def test_points_and_missing_points_read_back(gpkg, frames):
    inc = frames[0]
    back = gpd.read_file(gpkg, layer="incidents")
    assert inc.geometry.isna().any()
    assert back.geometry.isna().tolist() == inc.geometry.isna().tolist()
    assert back.geometry.to_wkb().tolist() == inc.geometry.to_wkb().tolist()


def test_awkward_columns_read_back(gpkg, frames):
    inc = frames[0]
    back = gpd.read_file(gpkg, layer="incidents")
    # Int64 with <NA>: INTEGER with NULL, read back as float64
    assert inc["wounded_best"].isna().any() and inc["wounded_best"].notna().any()
    pd.testing.assert_series_equal(
        back["wounded_best"].astype("Int64"), inc["wounded_best"]
    )
    # boolean with <NA>: 0/1/NULL, read back as float64
    assert inc["adm1_agrees"].isna().any()
    pd.testing.assert_series_equal(
        back["adm1_agrees"].astype("boolean"), inc["adm1_agrees"]
    )
    assert back["planned"].dtype == bool
    assert back["planned"].tolist() == inc["planned"].tolist()
    # datetimes with NaT
    assert inc["date"].isna().any()
    assert back["date"].tolist() == inc["date"].tolist()
    # JSON text: the same strings, which still parse
    assert _text(back["sources"]) == _text(inc["sources"])
    assert _text(back["other_counts"]) == _text(inc["other_counts"])
    assert all(isinstance(json.loads(s), list) for s in back["sources"])
    # every text column, missing values included
    for column in inc.columns:
        if inc[column].dtype in (object, "str"):
            assert _text(back[column]) == _text(inc[column]), column


def test_zone_aware_datetimes_are_written_in_utc(frames, tmp_path):
    inc = frames[0].assign(seen=pd.Timestamp("2025-07-24 09:30", tz="Asia/Bangkok"))
    out = write_geopackage(inc, frames[1], frames[2], tmp_path / "tz.gpkg")
    seen = gpd.read_file(out, layer="incidents")["seen"]
    assert str(seen.dt.tz) == "UTC"
    assert (seen == pd.Timestamp("2025-07-24 02:30", tz="UTC")).all()


def test_hostile_text_round_trips_unchanged(hostile, tmp_path):
    prov, tot = bordermap.aggregate(hostile), bordermap.totals(hostile)
    back = gpd.read_file(
        write_geopackage(hostile, prov, tot, tmp_path / "h.gpkg"), layer="incidents"
    )
    for column in ("quote", "killed_quote", "sources"):
        assert _text(back[column]) == _text(hostile[column])


def test_other_crs_is_written_as_epsg_4326(frames, tmp_path):
    inc = frames[0]
    out = write_geopackage(inc.to_crs(32648), *frames[1:], tmp_path / "utm.gpkg")
    back = gpd.read_file(out, layer="incidents")
    assert back.crs.to_epsg() == 4326
    located = inc.geometry.notna().to_numpy()
    assert located.any()
    moved = shapely.distance(
        back.geometry.values[located], inc.geometry.values[located]
    )
    assert moved.max() < 1e-7


def test_geopackage_same_frames_same_bytes(frames, tmp_path):
    first = write_geopackage(*frames, tmp_path / "a.gpkg")
    second = write_geopackage(*frames, tmp_path / "b.gpkg")
    assert first.read_bytes() == second.read_bytes()


# --- GeoParquet ------------------------------------------------------------


def test_geoparquet_reads_back_equal(frames, tmp_path):
    inc = frames[0]
    back = gpd.read_parquet(write_geoparquet(inc, tmp_path / "i.parquet"))
    assert back.crs == inc.crs and back.crs.to_epsg() == 4326
    assert back["id"].tolist() == inc["id"].tolist()
    pd.testing.assert_series_equal(back["killed_best"], inc["killed_best"])
    assert back.geometry.to_wkb().tolist() == inc.geometry.to_wkb().tolist()
    # Parquet has no seconds unit: datetime64[s] comes back as datetime64[ms]
    assert back["date"].tolist() == inc["date"].tolist()
    assert_geodataframe_equal(
        back.drop(columns="date"), inc.drop(columns="date").reset_index(drop=True)
    )


def test_geoparquet_keeps_another_crs(frames, tmp_path):
    inc = frames[0].to_crs(32648)
    back = gpd.read_parquet(write_geoparquet(inc, tmp_path / "utm.parquet"))
    assert back.crs.to_epsg() == 32648


def test_geoparquet_hostile_text_round_trips(hostile, tmp_path):
    back = gpd.read_parquet(write_geoparquet(hostile, tmp_path / "h.parquet"))
    assert _text(back["quote"]) == _text(hostile["quote"])


def test_geoparquet_same_frame_same_bytes(frames, tmp_path):
    first = write_geoparquet(frames[0], tmp_path / "a.parquet")
    second = write_geoparquet(frames[0].copy(), tmp_path / "b.parquet")
    assert first.read_bytes() == second.read_bytes()


# --- bad input and atomicity -------------------------------------------------


def _write(kind, frames, path):
    if kind == "gpkg":
        return write_geopackage(*frames, path)
    return write_geoparquet(frames[0], path)


def _one_line_error(excinfo, *words):
    message = str(excinfo.value)
    assert isinstance(excinfo.value, BordermapError)
    assert "\n" not in message
    for word in words:
        assert word in message
    return message


@pytest.mark.parametrize("kind", ["gpkg", "parquet"])
def test_missing_directory_is_an_error(frames, tmp_path, kind):
    missing = tmp_path / "no" / "such"
    with pytest.raises(BordermapError) as excinfo:
        _write(kind, frames, missing / f"out.{kind}")
    _one_line_error(excinfo, str(missing), "does not exist")
    assert _listing(tmp_path) == []


@pytest.mark.parametrize("kind", ["gpkg", "parquet"])
def test_path_that_is_a_directory_is_an_error(frames, tmp_path, kind):
    with pytest.raises(BordermapError) as excinfo:
        _write(kind, frames, tmp_path)
    _one_line_error(excinfo, "is a directory")


@pytest.mark.parametrize("kind", ["gpkg", "parquet"])
def test_frame_without_crs_is_an_error(frames, tmp_path, kind):
    inc = frames[0].set_crs(None, allow_override=True)
    with pytest.raises(BordermapError) as excinfo:
        _write(kind, (inc, *frames[1:]), tmp_path / f"out.{kind}")
    _one_line_error(excinfo, "no CRS", "set_crs")
    assert _listing(tmp_path) == []


def _existing(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"the previous file")
    return path


def test_unsupported_column_leaves_nothing_behind(frames, tmp_path):
    path = _existing(tmp_path, "out.gpkg")
    inc = frames[0].assign(extra=[{"a": 1}] * len(frames[0]))
    with pytest.raises(BordermapError) as excinfo:
        write_geopackage(inc, *frames[1:], path)
    _one_line_error(excinfo, "'extra'", "dict", "json.dumps")
    assert _listing(tmp_path) == ["out.gpkg"]
    assert path.read_bytes() == b"the previous file"


def test_nul_in_text_is_an_error(frames, tmp_path):
    inc = frames[0].copy()
    inc.loc[3, "quote"] = "a\x00b"
    with pytest.raises(BordermapError) as excinfo:
        write_geopackage(inc, *frames[1:], tmp_path / "out.gpkg")
    _one_line_error(excinfo, "'quote'", "NUL")
    assert _listing(tmp_path) == []


def test_failure_inside_gdal_leaves_nothing_behind(frames, tmp_path):
    # the incidents layer is written, then GDAL refuses a text 'fid' column
    path = _existing(tmp_path, "out.gpkg")
    provinces = frames[1].assign(fid="x")
    with pytest.raises(BordermapError) as excinfo:
        write_geopackage(frames[0], provinces, frames[2], path)
    _one_line_error(excinfo, "'provinces'", "fid")
    assert _listing(tmp_path) == ["out.gpkg"]
    assert path.read_bytes() == b"the previous file"


def test_parquet_failure_leaves_nothing_behind(frames, tmp_path):
    path = _existing(tmp_path, "out.parquet")
    inc = frames[0].assign(mixed=[(1, "one")[k % 2] for k in range(len(frames[0]))])
    with pytest.raises(BordermapError) as excinfo:
        write_geoparquet(inc, path)
    _one_line_error(excinfo, "cannot write", "out.parquet")
    assert _listing(tmp_path) == ["out.parquet"]
    assert path.read_bytes() == b"the previous file"


@pytest.mark.parametrize("kind", ["gpkg", "parquet"])
def test_failed_rename_leaves_nothing_behind(frames, tmp_path, kind, monkeypatch):
    path = _existing(tmp_path, f"out.{kind}")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(BordermapError) as excinfo:
        _write(kind, frames, path)
    _one_line_error(excinfo, "Permission denied")
    assert _listing(tmp_path) == [f"out.{kind}"]
    assert path.read_bytes() == b"the previous file"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes into read-only directories",
)
@pytest.mark.parametrize("kind", ["gpkg", "parquet"])
def test_read_only_directory_is_an_error(frames, tmp_path, kind):
    path = _existing(tmp_path, f"out.{kind}")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(BordermapError) as excinfo:
            _write(kind, frames, path)
        _one_line_error(excinfo, "cannot write")
        assert _listing(tmp_path) == [f"out.{kind}"]
        assert path.read_bytes() == b"the previous file"
    finally:
        tmp_path.chmod(0o700)


@pytest.mark.parametrize("kind", ["gpkg", "parquet"])
def test_long_file_name_fits_with_its_temporary_file(frames, tmp_path, kind):
    name = "x" * (250 - len(kind)) + f".{kind}"
    assert _write(kind, frames, tmp_path / name).name == name
    assert _listing(tmp_path) == [name]


@pytest.mark.parametrize("kind", ["gpkg", "parquet"])
def test_file_name_too_long_is_an_error(frames, tmp_path, kind):
    with pytest.raises(BordermapError) as excinfo:
        _write(kind, frames, tmp_path / ("x" * 300 + f".{kind}"))
    _one_line_error(excinfo, "cannot write", "choose another path")
    assert _listing(tmp_path) == []
