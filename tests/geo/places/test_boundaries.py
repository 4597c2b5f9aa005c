import warnings

import geopandas as gpd
import pytest
import shapely

from bordermap.errors import BoundaryError
from bordermap.geo.places.boundaries import (
    border_line,
    check_countries,
    load_admin1,
    load_boundaries,
    read_boundaries,
    world_admin1,
)


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("IND", "PAK"), {"IN-JK", "PK-JK", "PK-PB"}),
        (("KGZ", "TJK"), {"KG-B", "TJ-SU"}),
        (("ARM", "AZE"), {"AM-GR", "AM-SU", "AM-VD", "AZ-DAS", "AZ-KAL", "AZ-LAC"}),
    ],
    ids=lambda p: "-".join(p) if isinstance(p, tuple) else "",
)
def test_world_pairs_flag_their_border_provinces(pair, expected):
    adm1 = load_admin1(pair)
    border = set(adm1.loc[adm1["border"], "adm1_iso"])
    assert expected <= border
    assert set(adm1["adm0_iso3"]) == set(pair)
    line = border_line(pair)
    assert line.geometry.iloc[0].length > 1  # degrees: hundreds of km


def test_world_neighbour_provinces_share_edges():
    world = world_admin1()
    pair = world[world["adm0_iso3"].isin(["KGZ", "TJK"])].to_crs(32642)
    total = pair.area.sum()
    union = shapely.union_all(pair.geometry.values).area
    assert abs(total - union) / total < 1e-4  # a coverage: no overlaps


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (("THA",), "two different"),
        (("THA", "XYZ"), "unknown country code XYZ"),
        (("THA", "IND"), "share no land border"),
    ],
)
def test_bad_pairs(pair, message):
    with pytest.raises(BoundaryError, match=message):
        check_countries(pair)


@pytest.fixture
def user_file(tmp_path):
    """Kyrgyz and Tajik admin-1 polygons in a projected CRS, as a GeoPackage."""
    world = world_admin1()
    frame = world[world["adm0_iso3"].isin(["KGZ", "TJK"])][["adm1_name", "geometry"]]
    frame = frame.rename(columns={"adm1_name": "NAME_1"}).to_crs(32642)
    path = tmp_path / "kg_tj.gpkg"
    frame.to_file(path)
    return path


def test_user_file_any_crs_and_inferred_countries(user_file):
    layers = read_boundaries(user_file, ("KGZ", "TJK"))
    assert layers.admin1.crs.to_epsg() == 4326
    assert set(layers.admin1["adm0_iso3"]) == {"KGZ", "TJK"}
    assert "Batken" in set(layers.admin1.loc[layers.admin1["border"], "adm1_name"])
    assert layers.line.geometry.iloc[0].length > 1
    assert "kg_tj.gpkg" in repr(layers)


def test_user_file_errors(tmp_path, user_file):
    not_geo = tmp_path / "notes.txt"
    not_geo.write_text("hello", encoding="utf-8")
    with pytest.raises(BoundaryError, match="not a vector file"):
        read_boundaries(not_geo, ("KGZ", "TJK"))
    with pytest.raises(BoundaryError, match="no such file"):
        read_boundaries(tmp_path / "nope.gpkg", ("KGZ", "TJK"))
    with pytest.raises(BoundaryError, match=r"no column 'name'; pass --name-column"):
        read_boundaries(user_file, ("KGZ", "TJK"), name_column="name")
    with pytest.raises(BoundaryError, match="no polygons of KAZ"):
        read_boundaries(user_file, ("KGZ", "KAZ"))


def test_invalid_polygons_are_repaired(tmp_path):
    bowtie = shapely.Polygon([(70, 39), (71, 40), (71, 39), (70, 40)])
    good = shapely.box(71, 39, 72, 40)
    frame = gpd.GeoDataFrame(
        {"name": ["A", "B"], "adm0_iso3": ["KGZ", "TJK"]},
        geometry=[bowtie, good],
        crs=4326,
    )
    path = tmp_path / "bad.geojson"
    frame.to_file(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layers = read_boundaries(path, ("KGZ", "TJK"))
    assert any("repaired 1 invalid" in str(w.message) for w in caught)
    assert layers.admin1.geometry.is_valid.all()


def test_bundled_pair_keeps_its_detailed_layers():
    layers = load_boundaries()
    assert layers.source == "bundled" and len(layers.admin2) > 1000
