"""Cross-check two sources of incidents: what both report, what one of them lacks.

:func:`compare` pairs the incidents of two frames, e.g. incidents extracted from
news (:func:`bordermap.extract`) against a coded dataset (UCDP GED, ACLED,
GDELT read into the same columns), or two runs of the extractor.

Matching rules
--------------
* **Compared rows.** Only ``scope == "event"`` rows that are not ``planned``
  take part. Aggregates and running totals ("the toll rose to 21") and planned
  events are never matched and never listed as missed: the summary counts them
  as "not compared".
* **Dates.** An incident covers the days ``[date, date_end]`` (``date_end``
  absent or NaT: the one day ``date``; a ``date_end`` before ``date`` is ignored
  with a warning). Two incidents agree in time when their ranges overlap or are
  at most ``max_days`` days apart (the same as widening one of the two ranges
  by ``max_days`` on both sides). An incident without a date never matches.
* **Place.** The same province (``adm1_iso`` equal and given), or both located
  at a site or district (``precision`` ``"site"`` or ``"admin2"``) with points
  at most ``max_km`` apart. A province-level point (``"admin1"``) stands for a
  whole province, so it matches by its province only; ``distance_km`` is still
  reported for it. Incidents on no province match by their extent: two
  border-wide ones (``precision`` ``"border"``: "along the border", GED
  ``where_prec`` 5, ACLED's border area) with each other, two country-wide ones
  of the same ``country_iso3`` with each other; their ``same_province`` is
  False.
* **Type.** The violent types (``armed_clash``, ``shelling``, ``air_strike``,
  ``landmine_explosive``, ``attack_on_civilians``) are compatible with each
  other; any other type only with itself.
* **One to one, chosen globally.** Every candidate pair that passes the rules
  is ranked by (days apart, distance to the millimetre -- ``max_km`` when
  either has no point --, id in A, id in B) and taken greedily: a pair is kept
  when neither of its incidents is already paired. Ids must be unique within a
  frame; the result depends on the ids, never on the order of the rows.

Distances are great-circle (haversine) distances on a sphere of the mean Earth
radius (6,371.0088 km), vectorised in numpy. Against the WGS84 ellipsoid the
error is within about 0.6 % (under 150 m at 25 km), far below the uncertainty
of a geocoded site, and it needs no projected CRS: it holds on any border,
across UTM zones and near the poles and the antimeridian. (``pyproj.Geod.inv``
is exact but about ten times slower on millions of candidate pairs.)

Scale: candidate pairs are never all pairs. Rows are put in buckets of days and
joined on hashed keys -- (type group, day bucket, province) and (type group,
day bucket, grid cell) -- with numpy sorts. The grid is a 3-D grid on the unit
sphere whose cells are as wide as the straight-line chord of ``max_km``, so two
points within ``max_km`` lie in the same or adjacent cells; each B point is
looked up in its cell's 26 neighbours too. A row whose range spans more than 8
buckets goes into coarser buckets (8, 64 and 512 days). The exact rules are
checked on the candidates only. The greedy choice runs in rounds: a pair that
is the best remaining candidate of both of its incidents is one the sequential
greedy takes, so each round takes all of those at once.
"""

from __future__ import annotations

import unicodedata
import warnings
from dataclasses import dataclass
from numbers import Real

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from bordermap.errors import CompareError
from bordermap.geo.records import VIOLENT_TYPES
from bordermap.geo.tables.frames import COUNT_KINDS
from bordermap.geo.tables.matching import (
    Side,
    candidates,
    greedy,
    ranked,
)

__all__ = ["NOWHERE", "Comparison", "compare"]

#: Summary label of incidents in no single province.
NOWHERE = "not on a province"

_CRS = "EPSG:4326"
_REQUIRED = (
    "id",
    "event_type",
    "scope",
    "planned",
    "date",
    "precision",
    "adm1_iso",
    *(f"{kind}_best" for kind in COUNT_KINDS),
)
_WHERE = (
    "pass incidents from bordermap.extract(...) or a coded-dataset frame "
    "(bordermap.geo.sources.datasets) with the same columns"
)
_SITED = ("site", "admin2")
_HEADER = ("province", "matched", "only A", "only B", "killed A", "killed B")
_LABEL_WIDTH = 22


@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """The result of :func:`compare`.

    Attributes
    ----------
    pairs : pandas.DataFrame
        One row per matched pair, sorted by ``id_a``: ``id_a``, ``id_b``,
        ``date_a``, ``date_b``, ``days_apart``, ``adm1_a``, ``adm1_b``,
        ``same_province``, ``distance_km`` (NaN when either has no point),
        ``event_type_a``, ``event_type_b``, and for killed, wounded and
        displaced ``<kind>_a``, ``<kind>_b`` (best figures) and ``<kind>_diff``
        (b - a, NA when either is missing).
    only_a, only_b : geopandas.GeoDataFrame
        The compared incidents of each side left unmatched (input rows, sorted
        by id).
    summary : pandas.DataFrame
        Per province (``adm1_iso``; :data:`NOWHERE` for incidents in no single
        province): ``matched`` (placed by A's province, else B's), ``only_a``,
        ``only_b``, ``killed_a``, ``killed_b`` (best figures of the compared
        incidents), ``not_compared_a``, ``not_compared_b`` (totals, planned).
    max_km : float
        The distance limit the pairs were matched with.
    max_days : int
        The date limit the pairs were matched with.
    """

    pairs: pd.DataFrame
    only_a: gpd.GeoDataFrame
    only_b: gpd.GeoDataFrame
    summary: pd.DataFrame
    max_km: float
    max_days: int

    def summary_text(self, max_rows: int = 30) -> str:
        """Show the summary as one screen of plain text.

        Parameters
        ----------
        max_rows : int
            Provinces listed at most; the others are summed on one line.

        Returns
        -------
        str
            Same comparison, same text. Province codes are shown without
            control characters and cut to 22 characters.

        Examples
        --------
        >>> from bordermap.geo.tables.frames import incidents_frame
        >>> empty = incidents_frame([])
        >>> print(compare(empty, empty).summary_text().splitlines()[0])
        compared: A 0, B 0 (same province or within 25 km, dates within 0 days)
        """
        return _text(self, max_rows)

    def __str__(self) -> str:
        """Return :meth:`summary_text`."""
        return self.summary_text()


def compare(
    a: gpd.GeoDataFrame, b: gpd.GeoDataFrame, *, max_km: float = 25.0, max_days=0
) -> Comparison:
    """Pair the incidents two sources report, one to one, and list the rest.

    Parameters
    ----------
    a, b : geopandas.GeoDataFrame
        Incidents with the columns of :func:`bordermap.extract` (``id``,
        ``event_type``, ``scope``, ``planned``, ``date``, ``precision``,
        ``adm1_iso``, ``killed_best``, ``wounded_best``, ``displaced_best``,
        points), optionally ``date_end`` (last day of a date range).
    max_km : float
        Largest distance between two sited incidents in different provinces.
    max_days : int
        Largest number of days between two incidents' date ranges.

    Returns
    -------
    Comparison
        Matched pairs, unmatched incidents of each side and a per-province
        summary; the matching rules are in the module's docstring.

    Raises
    ------
    CompareError
        If a frame lacks a column, has repeated ids, unreadable dates or counts
        or no CRS, or if ``max_km`` or ``max_days`` is negative.

    Examples
    --------
    >>> from bordermap.geo.records import Article
    >>> from bordermap.pipeline import extract
    >>> news = extract([Article("a1", "Rockets hit Kap Choeng district of Surin "
    ...     "on 28 July 2025, killing two.")])
    >>> coded = news.assign(id="ged-1", killed_best=pd.array([3], dtype="Int64"))
    >>> result = compare(news, coded)
    >>> result.pairs[["id_a", "id_b", "killed_a", "killed_b", "killed_diff"]]
        id_a   id_b  killed_a  killed_b  killed_diff
    0  a1-01  ged-1         2         3            1
    """
    max_km, max_days = _check_limits(max_km, max_days)
    sa, sb = _prepare(a, "a"), _prepare(b, "b")
    types_a, types_b = _joint_codes(
        *(_type_groups(s.frame["event_type"]) for s in (sa, sb))
    )
    prov_a, prov_b = _joint_codes(*(_place_keys(s.frame) for s in (sa, sb)))
    ia, ib, gap, dist, same = candidates(
        sa, sb, (types_a, prov_a), (types_b, prov_b), max_km, max_days
    )
    order = ranked(ia, ib, gap, np.where(np.isnan(dist), max_km, dist), len(sb.lo))
    chosen = order[greedy(ia[order], ib[order])]
    chosen = chosen[np.lexsort((ib[chosen], ia[chosen]))]
    ia, ib = ia[chosen], ib[chosen]
    matched_a = np.zeros(len(sa.frame), dtype=bool)
    matched_b = np.zeros(len(sb.frame), dtype=bool)
    matched_a[ia], matched_b[ib] = True, True
    return Comparison(
        pairs=_pairs_frame(sa, sb, ia, ib, gap[chosen], dist[chosen], same[chosen]),
        only_a=sa.frame[sa.compared & ~matched_a],
        only_b=sb.frame[sb.compared & ~matched_b],
        summary=_summary(sa, sb, ia, ib),
        max_km=max_km,
        max_days=max_days,
    )


def _check_limits(max_km, max_days) -> tuple[float, int]:
    """Validate the limits: a finite distance and a whole number of days, >= 0."""
    if (
        isinstance(max_km, bool)
        or not isinstance(max_km, Real)
        or not np.isfinite(max_km)
        or max_km < 0
    ):
        raise CompareError(
            f"max_km must be a distance in kilometres >= 0, got {max_km!r}; "
            "e.g. max_km=25"
        )
    if (
        isinstance(max_days, bool)
        or not isinstance(max_days, Real)
        or not np.isfinite(max_days)
        or max_days < 0
        or max_days != int(max_days)
    ):
        raise CompareError(
            f"max_days must be a whole number of days >= 0, got {max_days!r}; "
            "e.g. max_days=1"
        )
    return float(max_km), int(max_days)


def _check_frame(frame, side: str) -> None:
    """Raise unless ``frame`` is a GeoDataFrame of incidents with a CRS."""
    if not isinstance(frame, gpd.GeoDataFrame):
        raise CompareError(
            f"frame {side} is a {type(frame).__name__}, not a GeoDataFrame; {_WHERE}"
        )
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        raise CompareError(
            f"frame {side} has no column {missing[0]!r}"
            + (f" (nor {missing[1:]})" if len(missing) > 1 else "")
            + f"; {_WHERE}"
        )
    try:
        frame.geometry  # noqa: B018 - raises without an active geometry column
    except AttributeError:
        raise CompareError(
            f"frame {side} has no geometry column; {_WHERE}, "
            "or set one with frame.set_geometry(...)"
        ) from None
    if frame.crs is None:
        raise CompareError(
            f"frame {side} has no CRS; set it, e.g. frame.set_crs('EPSG:4326') "
            "for longitude/latitude"
        )
    ids = frame["id"].astype(str)
    if ids.duplicated().any():
        repeated = sorted(ids[ids.duplicated()].unique())[:3]
        raise CompareError(
            f"frame {side} repeats ids {repeated}; ids must be unique within a "
            "frame (e.g. prefix them with the dataset's name)"
        )


def _prepare(frame, side: str) -> Side:
    """Check one frame and turn it into the arrays the matching needs."""
    _check_frame(frame, side)
    ids = frame["id"].astype(str).to_numpy(dtype=object)
    frame = frame.iloc[np.argsort(ids, kind="stable")]
    dates, lo, hi = _days(frame, side)
    lon, lat = _lon_lat(frame, side)
    event = frame["scope"].eq("event").fillna(False).to_numpy(dtype=bool)
    planned = frame["planned"].fillna(False).to_numpy(dtype=bool)
    precise = frame["precision"].astype(object).isin(_SITED).to_numpy(dtype=bool)
    adm1 = frame["adm1_iso"].astype(object)
    label = np.where(adm1.notna(), adm1.to_numpy(), NOWHERE).astype(object)
    best = {kind: _figures(frame, f"{kind}_best", side) for kind in COUNT_KINDS}
    return Side(
        frame=frame,
        dates=dates,
        compared=event & ~planned,
        dated=dates.notna().to_numpy(),
        lo=lo,
        hi=hi,
        lon=lon,
        lat=lat,
        sited=precise & ~np.isnan(lon),
        label=label,
        best=best,
    )


def _datetimes(frame, column: str, side: str) -> pd.Series:
    """Read a column as naive datetimes (NaT: unknown)."""
    try:
        values = frame[column]
        if not pd.api.types.is_datetime64_any_dtype(values):
            values = pd.to_datetime(values, format="ISO8601")
    except (ValueError, TypeError) as error:
        raise CompareError(
            f"frame {side} column {column!r} holds values that are not dates "
            f"({error}); give datetimes or ISO dates such as '2025-07-28'"
        ) from None
    if values.dt.tz is not None:
        values = values.dt.tz_localize(None)
    return values.reset_index(drop=True)


def _day_numbers(values: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 (0 where NaT; mask those with ``notna``)."""
    days = values.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.where(values.notna().to_numpy(), days, 0)


def _days(frame, side: str) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Dates and the first and last day of each incident's range."""
    dates = _datetimes(frame, "date", side)
    lo = _day_numbers(dates)
    hi = lo.copy()
    if "date_end" in frame.columns:
        ends = _datetimes(frame, "date_end", side)
        end = _day_numbers(ends)
        given = ends.notna().to_numpy() & dates.notna().to_numpy()
        before = given & (end < lo)
        if before.any():
            warnings.warn(
                f"frame {side}: {int(before.sum())} date_end value(s) before the "
                f"date (e.g. id {frame['id'].iloc[np.flatnonzero(before)[0]]!r}); "
                "those incidents are taken as one day, their date",
                stacklevel=4,
            )
        hi[given & ~before] = end[given & ~before]
    return dates, lo, hi


def _lon_lat(frame, side: str) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude of each point (NaN where none)."""
    geoms = frame.geometry
    if geoms.crs.to_epsg() != 4326:
        geoms = geoms.to_crs(_CRS)
    values = np.asarray(geoms.values, dtype=object)
    has = ~(shapely.is_missing(values) | shapely.is_empty(values))
    kinds = shapely.get_type_id(values[has])
    if (kinds != 0).any():
        raise CompareError(
            f"frame {side} holds {values[has][kinds != 0][0].geom_type} "
            "geometries; incidents are points: take e.g. frame.representative_point()"
        )
    lon, lat = np.full(len(values), np.nan), np.full(len(values), np.nan)
    lon[has], lat[has] = shapely.get_x(values[has]), shapely.get_y(values[has])
    return lon, lat


def _figures(frame, column: str, side: str):
    """Best figures as nullable integers (NA: not given)."""
    try:
        values = pd.to_numeric(frame[column]).astype("Float64")
    except (ValueError, TypeError) as error:
        raise CompareError(
            f"frame {side} column {column!r} holds values that are not numbers "
            f"({error}); give whole numbers or leave the figure empty"
        ) from None
    given = values.dropna()
    if (given == given.round()).all():
        return values.round().astype("Int64").array
    return values.array


def _type_groups(types: pd.Series) -> np.ndarray:
    """Event type, or one shared name for all violent types (None: unknown)."""
    values = types.astype(object).to_numpy()
    violent = np.isin(values, sorted(VIOLENT_TYPES))
    return np.where(violent, "\0violent", values)


def _place_keys(frame) -> np.ndarray:
    """Give each row what a pair must share when it is not sited: province or extent.

    A border-wide incident ("along the border", GED ``where_prec`` 5, ACLED's
    border area) is keyed by the border; a country-wide one by its country.
    None: only the distance rule can place it.
    """
    adm1 = frame["adm1_iso"].astype(object)
    precision = frame["precision"].astype(object)
    country = (
        frame["country_iso3"].astype(object)
        if "country_iso3" in frame.columns
        else pd.Series(None, index=frame.index, dtype=object)
    )
    keys = np.where(adm1.notna(), adm1.to_numpy(), None).astype(object)
    wide = adm1.isna().to_numpy()
    border = wide & precision.eq("border").fillna(False).to_numpy(dtype=bool)
    keys[border] = "\0border"
    whole = wide & precision.eq("country").fillna(False).to_numpy(dtype=bool)
    whole &= country.notna().to_numpy()
    keys[whole] = "\0country " + country[whole].astype(str).to_numpy()
    return keys


def _joint_codes(values_a, values_b) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of two arrays of labels, shared between them (-1: NA)."""
    codes, _ = pd.factorize(np.concatenate([values_a, values_b]).astype(object))
    return codes[: len(values_a)].astype(np.int64), codes[len(values_a) :].astype(
        np.int64
    )


def _pairs_frame(sa: Side, sb: Side, ia, ib, gap, dist, same) -> pd.DataFrame:
    """Build the matched pairs, the two sides' figures side by side."""

    def take(side: Side, rows, column: str):
        return side.frame[column].iloc[rows].reset_index(drop=True)

    out = pd.DataFrame(
        {
            "id_a": take(sa, ia, "id"),
            "id_b": take(sb, ib, "id"),
            "date_a": sa.dates.iloc[ia].reset_index(drop=True),
            "date_b": sb.dates.iloc[ib].reset_index(drop=True),
            "days_apart": np.asarray(gap, dtype=np.int64),
            "adm1_a": take(sa, ia, "adm1_iso"),
            "adm1_b": take(sb, ib, "adm1_iso"),
            "same_province": np.asarray(same, dtype=bool) & (sa.label[ia] != NOWHERE),
            "distance_km": np.round(np.asarray(dist, dtype=float), 3),
            "event_type_a": take(sa, ia, "event_type"),
            "event_type_b": take(sb, ib, "event_type"),
        }
    )
    for kind in COUNT_KINDS:
        best_a, best_b = sa.best[kind][ia], sb.best[kind][ib]
        out[f"{kind}_a"] = best_a
        out[f"{kind}_b"] = best_b
        out[f"{kind}_diff"] = best_b - best_a
    return out


def _summary(sa: Side, sb: Side, ia, ib) -> pd.DataFrame:
    """Per province: matched, only in A, only in B, killed totals, not compared."""
    matched_a = np.zeros(len(sa.label), dtype=bool)
    matched_b = np.zeros(len(sb.label), dtype=bool)
    matched_a[ia], matched_b[ib] = True, True
    pair_label = np.where(sa.label[ia] != NOWHERE, sa.label[ia], sb.label[ib])

    def count(labels) -> pd.Series:
        return pd.Series(labels, dtype=object).value_counts()

    def killed(side: Side) -> pd.Series:
        figures = pd.Series(side.best["killed"][side.compared])
        return figures.groupby(side.label[side.compared]).sum(min_count=1)

    columns = {
        "matched": count(pair_label),
        "only_a": count(sa.label[sa.compared & ~matched_a]),
        "only_b": count(sb.label[sb.compared & ~matched_b]),
        "killed_a": killed(sa),
        "killed_b": killed(sb),
        "not_compared_a": count(sa.label[~sa.compared]),
        "not_compared_b": count(sb.label[~sb.compared]),
    }
    labels = {str(x) for s in columns.values() for x in s.index}
    order = sorted(labels - {NOWHERE}) + ([NOWHERE] if NOWHERE in labels else [])
    table = pd.DataFrame(index=pd.Index(order, name="adm1", dtype=object))
    for name, values in columns.items():
        values = values.set_axis(values.index.astype(str)).reindex(order)
        if name.startswith("killed"):
            table[name] = pd.array(values, dtype="Float64").round().astype("Int64")
        else:
            table[name] = values.fillna(0).astype(np.int64)
    return table


def _clean(text: str, width: int) -> str:
    """One line of at most ``width`` characters, no control or separator chars."""
    text = "".join(
        "?" if unicodedata.category(ch)[0] == "C" or ch in "\u2028\u2029" else ch
        for ch in str(text)
    )
    return text if len(text) <= width else text[: width - 1] + "…"


def _number(value) -> str:
    return "–" if pd.isna(value) else f"{int(value):,}"


def _rows_shown(summary: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """At most ``max_rows`` provinces, the busiest; the others summed on one row."""
    if len(summary) <= max_rows:
        return summary
    busy = summary[["matched", "only_a", "only_b"]].sum(axis=1)
    ranked = sorted(summary.index, key=lambda label: (-busy[label], str(label)))
    keep = set(ranked[: max(max_rows - 1, 0)])
    shown = summary[[label in keep for label in summary.index]]
    rest = summary[[label not in keep for label in summary.index]]
    other = rest.sum(min_count=1).to_frame(f"({len(rest)} other provinces)").T
    return pd.concat([shown, other.astype(summary.dtypes.to_dict())])


def _text(result: Comparison, max_rows: int) -> str:
    """Write the summary table of :meth:`Comparison.summary_text`."""
    summary = result.summary
    total = pd.Series(
        {
            c: summary[c].sum(min_count=1)
            if c.startswith("killed")
            else summary[c].sum()
            for c in summary.columns
        },
        dtype=object,
    )
    n_a, n_b = total["matched"] + total["only_a"], total["matched"] + total["only_b"]
    lines = [
        f"compared: A {n_a:,}, B {n_b:,} (same province or within "
        f"{result.max_km:g} km, dates within {result.max_days} days)",
        f"matched {total['matched']:,}, only in A {total['only_a']:,}, "
        f"only in B {total['only_b']:,}",
        "totals not compared (aggregates, planned): "
        f"A {total['not_compared_a']:,}, B {total['not_compared_b']:,}",
        "",
        f"{_HEADER[0]:<{_LABEL_WIDTH}}" + "".join(f"{h:>10}" for h in _HEADER[1:]),
    ]
    shown = _rows_shown(summary, max_rows)
    rows = [*shown.iterrows(), ("all", total)]
    for label, row in rows:
        cells = [row.get(c) for c in ("matched", "only_a", "only_b")]
        cells += [row.get("killed_a"), row.get("killed_b")]
        lines.append(
            f"{_clean(label, _LABEL_WIDTH):<{_LABEL_WIDTH}}"
            + "".join(f"{_number(v):>10}" for v in cells)
        )
    return "\n".join(lines)
