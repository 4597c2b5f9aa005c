import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from bordermap.geo.places import spatial
from bordermap.geo.places.boundaries import load_admin1
from bordermap.geo.places.spatial import PolygonGrid, points_in_polygons
from bordermap.geo.tables.frames import apply_hits, incidents_frame


def reference(points, polygons):
    """What points_in_polygons promises: STRtree 'within', sorted."""
    point, polygon = shapely.STRtree(polygons).query(points, predicate="within")
    order = np.lexsort((polygon, point))
    return point[order].tolist(), polygon[order].tolist()


def overlapping():
    """Two provinces that overlap in a strip, a ring with a hole, a multipolygon."""
    return np.array(
        [
            shapely.box(0, 0, 1.1, 1),
            shapely.box(1, 0, 2, 1),
            shapely.Polygon(
                [(0, 1), (2, 1), (2, 2), (0, 2)], [[(0.5, 1.2), (1.5, 1.2), (1, 1.8)]]
            ),
            shapely.MultiPolygon([shapely.box(3, 0, 4, 1), shapely.box(3, 1.5, 4, 2)]),
        ],
        dtype=object,
    )


def tricky_points(polygons, rng, n=20_000):
    """Random points, plus every vertex and edge midpoint (on the boundary)."""
    x0, y0, x1, y1 = shapely.total_bounds(polygons)
    xy = [rng.uniform([x0 - 0.2, y0 - 0.2], [x1 + 0.2, y1 + 0.2], (n, 2))]
    coords = shapely.get_coordinates(polygons)
    xy += [coords, (coords[1:] + coords[:-1]) / 2]
    return shapely.points(np.concatenate(xy))


@pytest.mark.parametrize("use_grid", [False, True], ids=["candidates", "grid"])
def test_both_paths_equal_strtree_within(use_grid):
    polygons = overlapping()
    points = tricky_points(polygons, np.random.default_rng(0))
    got = points_in_polygons(points, polygons, grid=use_grid)
    assert [a.tolist() for a in got] == list(reference(points, polygons))


@pytest.mark.parametrize("use_grid", [False, True], ids=["candidates", "grid"])
def test_both_paths_equal_strtree_within_on_bundled_provinces(use_grid):
    polygons = load_admin1().geometry.values
    points = tricky_points(polygons, np.random.default_rng(1), n=30_000)
    got = points_in_polygons(points, polygons, grid=use_grid)
    expected = reference(points, polygons)
    assert [a.tolist() for a in got] == list(expected)
    # the overlap of the two countries' layers is really exercised
    assert len(expected[0]) > len(set(expected[0]))


def test_grid_sends_only_edge_and_overlap_cells_to_the_exact_test():
    grid = PolygonGrid.build(overlapping(), cells=1 << 12)
    share_exact = float(np.mean(grid.owner == -2))
    assert 0 < share_exact < 0.2
    assert set(np.unique(grid.owner)) <= {-2, -1, 0, 1, 2, 3}


def test_built_grid_is_reused(monkeypatch):
    polygons = overlapping()
    spatial._grids.clear()
    points_in_polygons(shapely.points([[0.5, 0.5]]), polygons, grid=True)
    assert len(spatial._grids) == 1
    monkeypatch.setattr(PolygonGrid, "build", None)  # a rebuild would fail
    got = points_in_polygons(shapely.points([[0.5, 0.5], [1.5, 0.5]]), polygons)
    assert [a.tolist() for a in got] == [[0, 1], [0, 1]]


def test_no_points_or_no_polygons():
    empty = points_in_polygons(np.array([], dtype=object), overlapping())
    assert [a.tolist() for a in empty] == [[], []]
    none = points_in_polygons(shapely.points([[0, 0]]), np.array([], dtype=object))
    assert [a.tolist() for a in none] == [[], []]


def frame_of(named):
    frame = pd.DataFrame(incidents_frame([]).drop(columns="geometry")).reindex(
        range(len(named))
    )
    frame["adm1_iso"] = named
    frame["adm1_all"] = named
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy([0.0] * len(named), [0.0] * len(named))
    )


def test_a_point_in_two_polygons_takes_the_gazetteer_province_else_the_smallest():
    frame = frame_of(["TH-23", None, None])
    point = np.array([0, 0, 1, 1, 2])
    found = np.array(["KH-2", "TH-23", "TH-23", "KH-2", "TH-27"], dtype=object)
    for order in (np.arange(5), np.arange(5)[::-1], np.array([3, 0, 4, 2, 1])):
        out = apply_hits(frame, point[order], found[order])
        assert out["adm1_spatial"].tolist() == ["TH-23", "KH-2", "TH-27"]
        assert out["adm1_iso"].tolist() == ["TH-23", "KH-2", "TH-27"]
        assert out["adm1_agrees"].tolist() == [True, pd.NA, pd.NA]
