"""Candidate pairs of two incident frames, and the one-to-one choice among them.

The machinery behind :func:`bordermap.geo.tables.compare.compare` (whose docstring
states the rules): rows go into buckets of days and are joined on hashed keys
-- (type group, day bucket, province) and (type group, day bucket, grid cell)
-- with numpy sorts, so candidate pairs are never all pairs; the exact rules
are checked on the candidates only; the greedy choice runs in rounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = ["Side", "candidates", "greedy", "haversine_km", "ranked"]

EARTH_KM = 6371.0088
_TIERS = (1, 8, 64, 512)  # widths of the day buckets, finest first
_SPAN = 8  # buckets a row may span in its tier
_OFFSETS = np.array(
    [(x, y, z) for x in (-1, 0, 1) for y in (-1, 0, 1) for z in (-1, 0, 1)],
    dtype=np.int64,
)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_LOOP_BELOW = 20_000  # greedy: finish sequentially below this many candidates


@dataclass(frozen=True, slots=True)
class Side:
    """One input frame, sorted by id, as the arrays the matching works on."""

    frame: gpd.GeoDataFrame
    dates: pd.Series
    compared: np.ndarray
    dated: np.ndarray
    lo: np.ndarray  # first day (days since 1970-01-01)
    hi: np.ndarray  # last day
    lon: np.ndarray  # NaN: no point
    lat: np.ndarray
    sited: np.ndarray  # point usable for the distance rule
    label: np.ndarray  # adm1_iso or NOWHERE
    best: dict[str, pd.api.extensions.ExtensionArray]


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distances in km on the mean-radius sphere (NaN: a point lacks)."""
    lon1, lat1, lon2, lat2 = (np.radians(v) for v in (lon1, lat1, lon2, lat2))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _cells(side: Side, max_km: float) -> np.ndarray:
    """Cell of each point in a 3-D grid on the unit sphere, cells ``max_km`` wide.

    Cells are as wide as the chord between two points ``max_km`` apart, so two
    such points lie in the same or in adjacent cells.
    """
    lon, lat = np.radians(side.lon), np.radians(side.lat)
    xyz = np.stack(
        [np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1
    )
    chord = 2 * np.sin(min(max_km / EARTH_KM, np.pi) / 2)
    size = max(chord * (1 + 1e-9), 1e-9)
    return np.floor(np.nan_to_num(xyz) / size).astype(np.int64)


def _hash(*columns: np.ndarray) -> np.ndarray:
    """Mix integer columns into one 64-bit key (a collision only adds candidates)."""
    h = np.zeros(np.broadcast(*columns).shape, dtype=np.uint64)
    for column in columns:
        h = (h ^ np.asarray(column, dtype=np.int64).view(np.uint64)) * _MIX
        h ^= h >> np.uint64(29)
    return h


def _expand(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) for every bucket from ``first`` to ``last`` of each row."""
    n = last - first + 1
    rows = np.repeat(np.arange(len(first)), n)
    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    return rows, first[rows] + offsets


def _join(keys_a: np.ndarray, keys_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of every (a, b) with equal keys: a sort-merge join."""
    order = np.argsort(keys_b, kind="stable")
    sorted_b = keys_b[order]
    left = np.searchsorted(sorted_b, keys_a, side="left")
    counts = np.searchsorted(sorted_b, keys_a, side="right") - left
    pos_a = np.repeat(np.arange(len(keys_a)), counts)
    starts = np.repeat(left - (np.cumsum(counts) - counts), counts)
    return pos_a, order[np.arange(counts.sum()) + starts]


def _tier(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Finest bucket width (as an index of ``_TIERS``) a range spans few buckets of."""
    tier = np.full(len(lo), len(_TIERS) - 1)
    for t in reversed(range(len(_TIERS))):
        w = _TIERS[t]
        tier[hi // w - lo // w < _SPAN] = t
    return tier


def _keys(rows, span, width, codes, cells, sited, neighbours: bool):
    """Join keys of ``rows`` in buckets ``width`` days wide: by province, by cell.

    Returns the keys, the row and the bucket of each key, and whether it is a
    cell key. With ``neighbours`` a sited row is also keyed in the 26 cells
    around its own.
    """
    (lo, hi), (types, prov) = span, codes
    row, bucket = _expand(lo[rows] // width, hi[rows] // width)
    row = rows[row]
    on_prov = prov[row] >= 0
    keys = [_hash(1, types[row[on_prov]], prov[row[on_prov]], bucket[on_prov])]
    out_rows, out_buckets = [row[on_prov]], [bucket[on_prov]]
    r, b = row[sited[row]], bucket[sited[row]]
    cx, cy, cz = cells[r, 0], cells[r, 1], cells[r, 2]
    for dx, dy, dz in _OFFSETS if neighbours else [(0, 0, 0)]:
        keys.append(_hash(2, types[r], cx + dx, cy + dy, cz + dz, b))
        out_rows.append(r)
        out_buckets.append(b)
    by_cell = np.repeat([False, True], [len(out_rows[0]), len(r) * (len(keys) - 1)])
    return (
        np.concatenate(keys),
        np.concatenate(out_rows),
        np.concatenate(out_buckets),
        by_cell,
    )


def _passing(sa: Side, sb: Side, codes_a, codes_b, ia, ib, max_km, max_days):
    """Keep the candidate pairs that pass the rules: (ia, ib, gap, dist, same)."""
    gap = np.maximum(
        0, np.maximum(sa.lo[ia], sb.lo[ib]) - np.minimum(sa.hi[ia], sb.hi[ib])
    )
    same = (codes_a[1][ia] >= 0) & (codes_a[1][ia] == codes_b[1][ib])
    sited = sa.sited[ia] & sb.sited[ib]
    keep = (gap <= max_days) & (codes_a[0][ia] == codes_b[0][ib]) & (same | sited)
    ia, ib, gap, same, sited = ia[keep], ib[keep], gap[keep], same[keep], sited[keep]
    dist = haversine_km(sa.lon[ia], sa.lat[ia], sb.lon[ib], sb.lat[ib])
    keep = same | (dist <= max_km)
    return ia[keep], ib[keep], gap[keep], dist[keep], same[keep]


def candidates(sa: Side, sb: Side, codes_a, codes_b, max_km, max_days):
    """Every pair that passes the rules, found by blocking: (ia, ib, gap, dist, same).

    A pair may repeat only when two different keys hash alike (the greedy
    choice takes it once).
    """
    lo_a, hi_a = sa.lo - max_days, sa.hi + max_days
    ok_a = sa.compared & sa.dated & (codes_a[0] >= 0)
    ok_b = sb.compared & sb.dated & (codes_b[0] >= 0)
    tier_a, tier_b = _tier(lo_a, hi_a), _tier(sb.lo, sb.hi)
    cells_a, cells_b = _cells(sa, max_km), _cells(sb, max_km)
    empty = np.empty(0, dtype=np.int64)
    found = [(empty, empty, empty, np.empty(0), np.empty(0, dtype=bool))]
    for t, width in enumerate(_TIERS):
        for rows_a, rows_b in (
            (ok_a & (tier_a == t), ok_b & (tier_b <= t)),
            (ok_a & (tier_a < t), ok_b & (tier_b == t)),
        ):
            if not (rows_a.any() and rows_b.any()):
                continue
            ka, ra, ba, by_cell = _keys(
                np.flatnonzero(rows_a), (lo_a, hi_a), width, codes_a, cells_a,
                sa.sited, neighbours=False,
            )  # fmt: skip
            kb, rb, _, _ = _keys(
                np.flatnonzero(rows_b), (sb.lo, sb.hi), width, codes_b, cells_b,
                sb.sited, neighbours=True,
            )  # fmt: skip
            pa, pb = _join(ka, kb)
            ia, ib = ra[pa], rb[pb]
            # a pair sharing several buckets is kept at the first shared one,
            # and a pair in one province is found by the province keys only
            first = np.maximum(lo_a[ia] // width, sb.lo[ib] // width)
            prov = codes_a[1][ia]
            again = by_cell[pa] & (prov >= 0) & (prov == codes_b[1][ib])
            keep = (ba[pa] == first) & ~again
            found.append(
                _passing(sa, sb, codes_a, codes_b, ia[keep], ib[keep], max_km, max_days)
            )
    return tuple(np.concatenate(column) for column in zip(*found, strict=True))


def ranked(ia, ib, gap, dist, n_b: int) -> np.ndarray:
    """Order of the candidates by (days apart, distance to the mm, id A, id B)."""
    mm = np.rint(np.minimum(dist, np.pi * EARTH_KM) * 1e6).astype(np.int64)  # < 2**45
    by_ids = np.argsort(ia * n_b + ib, kind="stable")
    if int(gap.max(initial=0)).bit_length() + 45 < 63:
        primary = (gap << 45) | mm
        return by_ids[np.argsort(primary[by_ids], kind="stable")]
    return np.lexsort((ia * n_b + ib, mm, gap))


def greedy(ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Positions of the ranked candidates that a greedy pass keeps.

    Rounds first: a candidate that is the first remaining one of both of its
    incidents is one the sequential pass keeps; the last few run sequentially.
    """
    used_a = np.zeros(int(ia.max(initial=-1)) + 1, dtype=bool)
    used_b = np.zeros(int(ib.max(initial=-1)) + 1, dtype=bool)
    taken = [np.empty(0, dtype=np.int64)]
    alive = np.arange(len(ia))
    while len(alive) > _LOOP_BELOW:
        a, b = ia[alive], ib[alive]
        first_a = np.full(len(used_a), len(alive))
        first_b = np.full(len(used_b), len(alive))
        np.minimum.at(first_a, a, np.arange(len(alive)))
        np.minimum.at(first_b, b, np.arange(len(alive)))
        mutual = np.arange(len(alive))
        mutual = mutual[(first_a[a] == mutual) & (first_b[b] == mutual)]
        take = alive[mutual]
        taken.append(take)
        used_a[ia[take]], used_b[ib[take]] = True, True
        alive = alive[~(used_a[a] | used_b[b])]
    rest = []
    for p, x, y in zip(
        alive.tolist(), ia[alive].tolist(), ib[alive].tolist(), strict=True
    ):
        if not (used_a[x] or used_b[y]):
            used_a[x], used_b[y] = True, True
            rest.append(p)
    taken.append(np.array(rest, dtype=np.int64))
    return np.sort(np.concatenate(taken))
