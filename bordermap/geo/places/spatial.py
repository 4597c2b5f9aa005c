"""Points in polygons, fast enough for millions of incidents.

:func:`points_in_polygons` returns exactly the pairs of
``STRtree(polygons).query(points, predicate="within")``, with two strategies:

* **candidates** (few points): bounding-box candidates from an ``STRtree``, then
  each polygon, prepared once, tests its candidates' coordinates.
* **grid** (many points): a uniform grid over the polygons is classified once per
  polygon set. A cell that no polygon edge crosses lies wholly inside or wholly
  outside each polygon, so the polygon holding its centre (if exactly one does)
  holds every point in it. Only points in cells crossed by an edge, or covered
  by two overlapping polygons (the two countries' layers overlap along the
  border), take the candidate path. The grid of a polygon set is cached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import shapely

__all__ = ["PolygonGrid", "points_in_polygons"]

# Below this many points the grid's one-off build costs more than it saves
# (measured on the bundled provinces: break-even near 500,000 points).
GRID_MIN_POINTS = 500_000
_GRID_CELLS = 1 << 18
_OUTSIDE, _EXACT = -1, -2
_grids: dict[bytes, PolygonGrid] = {}
_GRIDS_KEPT = 8


def points_in_polygons(
    points: np.ndarray, polygons: np.ndarray, *, grid: bool | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(point index, polygon index)`` of points strictly inside polygons.

    Parameters
    ----------
    points : numpy.ndarray of shapely.Point
        No missing or empty points.
    polygons : numpy.ndarray of shapely (Multi)Polygon
    grid : bool, optional
        Force the grid (True) or the candidate path (False); by default the grid
        is used if it is already built for these polygons, or from
        ``GRID_MIN_POINTS`` points on. Both give the same pairs.

    Returns
    -------
    tuple of numpy.ndarray
        Point and polygon positions, sorted by point, then polygon.

    Examples
    --------
    >>> square = shapely.box(0, 0, 2, 2)
    >>> pts = shapely.points([[1, 1], [3, 3], [2, 1]])
    >>> [a.tolist() for a in points_in_polygons(pts, np.array([square]))]
    [[0], [0]]
    """
    points = np.asarray(points, dtype=object)
    polygons = np.asarray(polygons, dtype=object)
    if not len(points) or not len(polygons):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    key = _grid_key(polygons)
    if grid is None:
        grid = key in _grids or len(points) >= GRID_MIN_POINTS
    if not grid:
        return _candidates(points, polygons)
    if key not in _grids:
        if len(_grids) >= _GRIDS_KEPT:
            _grids.pop(next(iter(_grids)))
        _grids[key] = PolygonGrid.build(polygons)
    return _grids[key].query(points, polygons)


def _grid_key(polygons: np.ndarray) -> bytes:
    """Digest of the polygons' coordinates: the grid cache's key."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(shapely.get_num_coordinates(polygons).tobytes())
    digest.update(shapely.get_coordinates(polygons).tobytes())
    return digest.digest()


def _candidates(points: np.ndarray, polygons: np.ndarray) -> tuple[np.ndarray, ...]:
    """Bounding-box candidates, then one prepared polygon at a time."""
    cand_point, cand_polygon = shapely.STRtree(polygons).query(points)
    xy = shapely.get_coordinates(points)
    keep = np.zeros(len(cand_point), dtype=bool)
    order = np.argsort(cand_polygon, kind="stable")
    bounds = np.flatnonzero(np.diff(cand_polygon[order])) + 1
    for group in np.split(order, bounds):
        if not len(group):
            continue
        polygon = polygons[cand_polygon[group[0]]]
        shapely.prepare(polygon)
        chosen = xy[cand_point[group]]
        keep[group] = shapely.contains_xy(polygon, chosen[:, 0], chosen[:, 1])
    point, polygon = cand_point[keep].astype(np.int64), cand_polygon[keep]
    order = np.lexsort((polygon, point))
    return point[order], polygon[order].astype(np.int64)


@dataclass(frozen=True)
class PolygonGrid:
    """A uniform grid over a polygon set, each cell classified once.

    ``owner[cell]`` is the position of the one polygon that wholly contains the
    cell, ``-1`` where no polygon touches it, ``-2`` where the points need the
    exact test (an edge crosses the cell, or two polygons cover it).
    """

    x0: float
    y0: float
    dx: float
    dy: float
    nx: int
    ny: int
    owner: np.ndarray

    @classmethod
    def build(cls, polygons: np.ndarray, cells: int = _GRID_CELLS) -> PolygonGrid:
        """Classify about ``cells`` cells over the polygons' extent."""
        x0, y0, x1, y1 = shapely.total_bounds(polygons)
        width, height = max(x1 - x0, 1e-12), max(y1 - y0, 1e-12)
        nx = max(1, round((cells * width / height) ** 0.5))
        ny = max(1, -(-cells // nx))
        dx, dy = width / nx, height / ny
        owner = np.full(nx * ny, _OUTSIDE, dtype=np.int32)
        # cells are tested slightly enlarged, so that a point whose cell index
        # rounds to a neighbour is still inside the box that was classified
        pad = 1e-9 * max(width, height)
        for k, polygon in enumerate(polygons):
            if polygon is None or shapely.is_empty(polygon):
                continue
            px0, py0, px1, py1 = shapely.bounds(polygon)
            i0, j0 = int((px0 - x0) // dx), int((py0 - y0) // dy)
            i1, j1 = (
                min(nx - 1, int((px1 - x0) // dx)),
                min(ny - 1, int((py1 - y0) // dy)),
            )
            ii, jj = np.meshgrid(
                np.arange(i0, i1 + 1), np.arange(j0, j1 + 1), indexing="ij"
            )
            ii, jj = ii.ravel(), jj.ravel()
            left, bottom = x0 + ii * dx, y0 + jj * dy
            boxes = shapely.box(
                left - pad, bottom - pad, left + dx + pad, bottom + dy + pad
            )
            edge = shapely.boundary(polygon)
            shapely.prepare(edge)
            shapely.prepare(polygon)
            crossed = shapely.intersects(edge, boxes)
            inside = ~crossed & shapely.contains_xy(
                polygon, left + dx / 2, bottom + dy / 2
            )
            cell = jj * nx + ii
            owner[cell[crossed]] = _EXACT
            held = cell[inside]
            owner[held] = np.where(owner[held] == _OUTSIDE, k, _EXACT)
        return cls(x0, y0, dx, dy, nx, ny, owner)

    def query(self, points: np.ndarray, polygons: np.ndarray) -> tuple[np.ndarray, ...]:
        """Pairs of :func:`points_in_polygons` for these (same) polygons."""
        xy = shapely.get_coordinates(points)
        i = np.floor((xy[:, 0] - self.x0) / self.dx)
        j = np.floor((xy[:, 1] - self.y0) / self.dy)
        on_grid = (i >= 0) & (i < self.nx) & (j >= 0) & (j < self.ny)
        owner = np.full(len(points), _OUTSIDE, dtype=np.int64)
        cell = j[on_grid].astype(np.int64) * self.nx + i[on_grid].astype(np.int64)
        owner[on_grid] = self.owner[cell]
        easy = np.flatnonzero(owner >= 0)
        hard = np.flatnonzero(owner == _EXACT)
        hard_point, hard_polygon = _candidates(points[hard], polygons)
        point = np.concatenate([easy, hard[hard_point]])
        polygon = np.concatenate([owner[easy], hard_polygon])
        order = np.lexsort((polygon, point))
        return point[order], polygon[order]
