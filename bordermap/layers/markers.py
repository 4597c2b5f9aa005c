"""Incident markers: one canvas layer built from columns, popups made on click.

The page gets the incidents as columns (longitude, latitude, event type, ...)
and one table of distinct strings that the popup columns point into, so a
label repeated by thousands of incidents is written once. The browser draws
the markers on one canvas and builds a popup only when a marker is clicked:
a map of 100,000 incidents stays one object, one JSON document and one canvas.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from bordermap.layers.labels import EVENT_COLORS, EVENT_LABELS, count_label, label_of
from bordermap.layers.templating import ENV, SafeLayer

__all__ = [
    "MarkerLayer",
    "incident_columns",
    "incident_layer",
    "incident_legend",
    "review_label",
]

#: Popup rows: (label, column).
POPUP_FIELDS = [
    ("Date", "date_label"),
    ("Type", "type_label"),
    ("Place", "place_label"),
    ("Killed", "killed_label"),
    ("Wounded", "wounded_label"),
    ("Displaced", "displaced_label"),
    ("Other counts", "other_label"),
    ("Said by", "attribution"),
    ("Source", "source_label"),
    ("All sources", "sources_label"),
    ("Reviewed", "review_label"),
]
_TEXT_COLUMNS = [c for _, c in POPUP_FIELDS] + ["quote", "url", "id"]
_TYPES = list(EVENT_LABELS)


def _other_label(raw) -> str | None:
    parts = [
        f"{name.replace('_', ' ')}: {label_of(c)}"
        for name, c in sorted(json.loads(raw).items())
    ]
    return "; ".join(parts) or None


def _in_english_too(frame: pd.DataFrame) -> pd.Series:
    """Give the place as written, and a non-Latin one with its English names too.

    "กันทรลักษ์; ศรีสะเกษ" is shown as "กันทรลักษ์; ศรีสะเกษ (Kantharalak, Si Sa Ket)".
    """
    written = frame["place"].fillna(frame["adm1_name"]).fillna("")
    english = [
        ", ".join(str(n) for n in names if isinstance(n, str) and n)
        for names in zip(frame["adm2_name"], frame["adm1_name"], strict=True)
    ]
    return pd.Series(
        [
            f"{w} ({e})" if w and e and not re.search("[A-Za-z]", w) else w
            for w, e in zip(written, english, strict=True)
        ],
        index=frame.index,
        dtype=object,
    )


def _sources_label(raw) -> str | None:
    """Every source of a merged incident with the figures it gave."""
    sources = json.loads(raw)
    if len(sources) < 2:
        return None
    parts = []
    for src in sources:
        figures = [
            f"{kind} {label_of(src[kind])}"
            for kind in ("killed", "wounded", "displaced")
            if src.get(kind)
        ]
        name = src.get("title") or src.get("article_id")
        when = f", {src['published']}" if src.get("published") else ""
        parts.append(f"{name}{when}: {'; '.join(figures) or 'no figures'}")
    return " | ".join(parts)


def review_label(raw) -> str | None:
    """Say a reviewer's changes in words: "killed 12 → 10 (Dara, hospital list)".

    Examples
    --------
    >>> review_label(json.dumps([{"field": "killed_best", "old": "12", "new": "10",
    ...     "reviewer": "Dara", "note": "hospital list"},
    ...     {"field": "province", "old": "TH-33", "new": "TH-32", "reviewer": "",
    ...      "note": ""}]))
    'killed 12 → 10 (Dara, hospital list); province TH-33 → TH-32'
    """
    parts = []
    for change in json.loads(raw):
        who = ", ".join(x for x in (change.get("reviewer"), change.get("note")) if x)
        by = f" ({who})" if who else ""
        name = change["field"]
        if name in ("kept", "added"):
            parts.append(("checked" if name == "kept" else "added by a reviewer") + by)
            continue
        kind, _, part = name.partition("_")
        if kind in ("killed", "wounded", "displaced"):
            name = kind if part == "best" else f"{kind} ({part})"
        name = name.replace("_", " ")
        old, new = change.get("old") or "none", change.get("new") or "none"
        parts.append(f"{name} {old} → {new}{by}")
    return "; ".join(parts) or None


def _objects(series: pd.Series) -> list:
    """Values as Python objects, missing values as None."""
    return series.astype(object).where(series.notna(), None).tolist()


def _per_row(series: pd.Series, fn: Callable) -> list:
    """``fn`` of each non-missing value (computed once per distinct value)."""
    cache: dict = {}
    out = []
    for value in _objects(series):
        if value is None:
            out.append(None)
            continue
        if value not in cache:
            cache[value] = fn(value)
        out.append(cache[value])
    return out


def _count_labels(frame: pd.DataFrame, kind: str) -> list:
    parts = [
        _objects(frame[f"{kind}_{f}"])
        for f in ("qualifier", "stated", "low", "best", "high")
    ]
    cache: dict = {}
    out = []
    for key in zip(*parts, strict=True):
        if key not in cache:
            cache[key] = count_label(*key) if key[0] is not None else None
        out.append(cache[key])
    return out


def incident_columns(incidents: gpd.GeoDataFrame) -> dict:
    """Lay out the located incidents as columns for the page, sorted by id.

    Incidents without a point (``border``, ``country``, ``unknown``) are left
    out: they are not drawn on a place where they did not happen.

    Returns
    -------
    dict
        ``lon``, ``lat`` (5 decimals), ``type`` (index into ``types``),
        ``total`` (1 for running totals), ``day`` (days since 1970-01-01, -1
        when undated), the
        aggregation columns ``e``, ``adm1``, ``k``, ``w``, ``d``, ``dr`` (the
        rule of :func:`bordermap.geo.tables.aggregate.aggregate_by_province`), and the
        popup columns as indexes into ``strings`` (-1: empty; a single number
        when the whole column has one value).
    """
    located = incidents[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    located = located.sort_values("id", kind="stable")
    frame = pd.DataFrame(located.drop(columns=located.geometry.name))
    aggregate = (frame["scope"] == "aggregate").to_numpy()
    strings, coded = _string_table(_popup_text(frame, aggregate))
    event = (~aggregate) & ~frame["planned"].astype(bool).to_numpy()
    provinces, adm1 = _province_index(frame, event)
    return {
        "n": len(frame),
        "lon": np.round(located.geometry.x.to_numpy(), 5).tolist(),
        "lat": np.round(located.geometry.y.to_numpy(), 5).tolist(),
        "type": frame["event_type"]
        .map({t: i for i, t in enumerate(_TYPES)})
        .fillna(len(_TYPES) - 1)
        .astype(int)
        .tolist(),
        "types": _TYPES,
        "colors": [EVENT_COLORS[t] for t in _TYPES],
        "total": aggregate.astype(int).tolist(),
        "day": _day_numbers(frame["date"]),  # days since 1970-01-01; -1: no date
        "e": event.astype(int).tolist(),
        "adm1": adm1,
        "provinces": provinces,
        "k": _best(frame["killed_best"]),
        "w": _best(frame["wounded_best"]),
        "d": _best(frame["displaced_best"]),
        "dr": frame["displaced_qualifier"].notna().astype(int).tolist(),
        "strings": list(strings),
        "text": coded,
        **_reviewed(frame),
    }


def _reviewed(frame: pd.DataFrame) -> dict:
    """``rev``: 1 for each incident a reviewer changed or checked (none: no key)."""
    if "review" not in frame.columns or not frame["review"].notna().any():
        return {}
    return {"rev": frame["review"].notna().astype(int).tolist()}


def _day_numbers(dates: pd.Series) -> list[int]:
    """Days since 1970-01-01 of each date; -1 for a missing date.

    Parameters
    ----------
    dates : pandas.Series of datetime64

    Returns
    -------
    list of int
    """
    epoch = pd.Timestamp("1970-01-01")
    return ((dates - epoch).dt.days).fillna(-1).astype(int).tolist()


def _best(series: pd.Series) -> list[int]:
    """Best figures as ints, 0 where none was given.

    Parameters
    ----------
    series : pandas.Series

    Returns
    -------
    list of int
    """
    return series.fillna(0).astype(int).tolist()


def _popup_text(frame: pd.DataFrame, aggregate: np.ndarray) -> dict[str, list]:
    """Text of every popup row, one list per column of ``_TEXT_COLUMNS``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The located incidents, sorted by id, without geometry.
    aggregate : numpy.ndarray of bool
        Whether each incident is a running total.

    Returns
    -------
    dict
        Column name -> one ``str`` (or ``None``) per incident.
    """
    dates = frame["date"].dt.strftime("%Y-%m-%d").where(frame["date"].notna(), None)
    date_text = frame["date_text"].fillna("")
    day = dates.fillna("date unknown")
    place = _in_english_too(frame)
    precision = "precision: " + frame["precision"].astype(str)
    if "confidence" in frame.columns and frame["confidence"].notna().any():
        # the extractor's; coded events have none
        sure = frame["confidence"].map("{:.2f}".format, na_action="ignore")
        precision = precision + ("; confidence " + sure.astype(object)).fillna("")
    sources = frame["n_sources"].astype(int)
    source = frame["title"].fillna(frame["source_file"]).fillna(frame["article_id"])
    more = np.where(
        sources > 1, " (+" + (sources - 1).astype(str) + " more sources)", ""
    )
    text = {
        "id": frame["id"].tolist(),
        "date_label": np.where(
            date_text != "", day + " (" + date_text + ")", day
        ).tolist(),
        "type_label": (
            frame["event_type"].map(EVENT_LABELS).fillna(frame["event_type"])
            + np.where(aggregate, " (total)", "")
        ).tolist(),
        "place_label": np.where(
            place != "", place + " — " + precision, precision
        ).tolist(),
        "attribution": _objects(frame["attribution"]),
        "source_label": (source + more).tolist(),
        "quote": _objects(frame["quote"]),
        "url": _objects(frame["url"]),
        "other_label": _per_row(frame["other_counts"], _other_label),
        "sources_label": _per_row(frame["sources"], _sources_label),
    }
    if "review" in frame.columns and frame["review"].notna().any():
        text["review_label"] = _per_row(frame["review"], review_label)
    for kind in ("killed", "wounded", "displaced"):
        text[f"{kind}_label"] = _count_labels(frame, kind)
    return text


def _string_table(text: dict[str, list]) -> tuple[dict[str, int], dict]:
    """Put each distinct string once in a table; code the columns as its indexes.

    Parameters
    ----------
    text : dict
        From :func:`_popup_text`.

    Returns
    -------
    strings : dict
        String -> its index, in order of first use.
    coded : dict
        Column -> list of indexes (-1: empty), or one index when the whole
        column has one value.
    """
    strings: dict[str, int] = {}
    coded = {}
    for column in (c for c in _TEXT_COLUMNS if c in text):  # no review: no column
        codes = []
        for value in text[column]:
            if value is None or value == "":
                codes.append(-1)
            else:
                codes.append(strings.setdefault(value, len(strings)))
        # a column with one value throughout is that value: no array of copies
        coded[column] = (
            codes[0] if codes and codes.count(codes[0]) == len(codes) else codes
        )
    return strings, coded


def _province_index(
    frame: pd.DataFrame, event: np.ndarray
) -> tuple[list[str], list[int]]:
    """Index the provinces that events add up on, and each incident's province.

    Only a single event placed in one province counts for a province (the rule
    of :func:`bordermap.geo.tables.aggregate.aggregate_by_province`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The located incidents, sorted by id.
    event : numpy.ndarray of bool
        Whether each incident is a single event (not a total, not planned).

    Returns
    -------
    provinces : list of str
        Sorted admin-1 codes.
    adm1 : list of int
        Index into ``provinces`` per incident; -1 when it adds to none.
    """
    single = frame["adm1_iso"].notna() & ~frame["adm1_all"].fillna("").str.contains(";")
    provinces = sorted(set(frame.loc[single & event, "adm1_iso"]))
    index = {code: i for i, code in enumerate(provinces)}
    adm1 = [
        index[c] if ok else -1
        for c, ok in zip(
            frame["adm1_iso"].tolist(), (single & event).tolist(), strict=True
        )
    ]
    return provinces, adm1


class MarkerLayer(SafeLayer):
    """The incidents as one toggleable canvas layer; popups built on click.

    ``data`` holds the columns for drawing and filtering; ``text`` (the string
    table and popup columns) is written as a JSON block parsed on first click.
    """

    _template = ENV.get_template("marker_layer.j2")

    def __init__(self, columns: dict, name: str = "Incidents") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "MarkerLayer"
        # what drawing needs goes into the script; the popup text waits in a JSON
        # block that the browser reads only when a marker is first clicked
        self.data = {k: v for k, v in columns.items() if k not in ("strings", "text")}
        self.text = {"strings": columns["strings"], "text": columns["text"]}
        self.options = {
            "fields": [list(f) for f in POPUP_FIELDS if f[1] in columns["text"]],
            "title_field": "type_label",
            "quote_field": "quote",
            "link_field": "url",
        }


def incident_layer(incidents: gpd.GeoDataFrame, name: str = "Incidents") -> MarkerLayer:
    """Build the incident markers as one toggleable layer."""
    return MarkerLayer(incident_columns(incidents), name)


def incident_legend(incidents: gpd.GeoDataFrame) -> dict:
    """Legend section: a swatch per event type present on the map."""
    present = set(incidents.loc[incidents.geometry.notna(), "event_type"])
    items = [
        {"text": label, "swatch": EVENT_COLORS[key], "round": True}
        for key, label in EVENT_LABELS.items()
        if key in present
    ]
    return {"heading": "Incidents (markers)", "items": items}
