"""Words for the page: event types, colours and counts as a reader sees them."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

__all__ = [
    "EVENT_COLORS",
    "EVENT_LABELS",
    "bounds_label",
    "contents_label",
    "count_label",
    "label_of",
]

#: Okabe-Ito based colours, distinguishable with common colour-vision deficiencies.
EVENT_COLORS = {
    "armed_clash": "#D55E00",
    "shelling": "#E69F00",
    "air_strike": "#CC79A7",
    "landmine_explosive": "#4D4D4D",
    "attack_on_civilians": "#9E0142",
    "ceasefire_agreement": "#009E73",
    "evacuation_displacement": "#0072B2",
    "arrest_prisoners": "#56B4E9",
    "other": "#999999",
}
EVENT_LABELS = {
    "armed_clash": "Armed clash",
    "shelling": "Shelling / rockets",
    "air_strike": "Air strike",
    "landmine_explosive": "Landmine / explosion",
    "attack_on_civilians": "Attack on civilians",
    "ceasefire_agreement": "Ceasefire / talks",
    "evacuation_displacement": "Evacuation / displacement",
    "arrest_prisoners": "Arrest / prisoners",
    "other": "Other",
}
_PREFIX = {
    "at_least": "at least",
    "more_than": "more than",
    "around": "about",
    "up_to": "up to",
}


def _num(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{int(value):,}"


def bounds_label(low, best, high) -> str:
    """``low 37 · best 37 · high –``.

    Examples
    --------
    >>> bounds_label(37, 37, None)
    'low 37 · best 37 · high –'
    """
    return f"low {_num(low)} · best {_num(best)} · high {_num(high)}"


def count_label(qualifier, stated, low, best, high) -> str | None:
    """Write a count as the text gives it, then its low / best / high.

    Examples
    --------
    >>> count_label("more_than", "more than three dozen", 37, 37, None)
    'more than three dozen (low 37 · best 37 · high –)'
    >>> count_label("at_least", "3", 3, 3, None)
    'at least 3 (low 3 · best 3 · high –)'
    >>> count_label("unquantified", None, None, None, None)
    'reported, no figure'
    """
    if qualifier is None or pd.isna(qualifier):
        return None
    if qualifier == "unquantified":
        return "reported, no figure"
    if qualifier == "none":
        return "none"
    text = "" if stated is None or pd.isna(stated) else str(stated)
    if text.replace(",", "").isdigit():
        text = f"{int(text.replace(',', '')):,}"
        prefix = _PREFIX.get(qualifier)
        text = f"{prefix} {text}" if prefix else text
    elif qualifier == "many":
        text = f"an unstated number ({text})" if text else "an unstated number"
    return f"{text} ({bounds_label(low, best, high)})"


def label_of(record, prefix: str = "") -> str | None:
    """:func:`count_label` of a mapping with ``<prefix>qualifier``, ``stated``, ...

    Examples
    --------
    >>> label_of({"killed_qualifier": "exact", "killed_stated": "2", "killed_low": 2,
    ...           "killed_best": 2, "killed_high": 2}, "killed_")
    '2 (low 2 · best 2 · high 2)'
    """
    return count_label(
        *(
            record[f"{prefix}{f}"]
            for f in ("qualifier", "stated", "low", "best", "high")
        )
    )


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def contents_label(incidents: pd.DataFrame) -> str:
    """Say what a map holds: incidents from articles, and coded events by dataset.

    The articles read are ``incidents.attrs["articles"]`` when
    :func:`bordermap.extract` set it: articles that gave no incident are
    counted, and said to be so, instead of looking lost.

    Examples
    --------
    >>> frame = pd.DataFrame({"article_id": ["a", "a", "b", "g-1"],
    ...     "dataset": [None, None, None, "UCDP GED"]})
    >>> contents_label(frame)
    '3 incidents from 2 articles and 1 UCDP GED event'
    >>> frame.attrs["articles"] = 5
    >>> contents_label(frame)
    '3 incidents from 5 articles (3 with no incident) and 1 UCDP GED event'

    Reviewed incidents (a ``review`` trail) and decisions that no longer find
    their incident (``attrs["unapplied"]``) are said too:

    >>> frame["review"] = [None, "[]", None, None]
    >>> frame.attrs["unapplied"] = [{"row": 4}]
    >>> contents_label(frame)  # doctest: +NORMALIZE_WHITESPACE
    '3 incidents from 5 articles (3 with no incident) and 1 UCDP GED event;
     1 reviewed, 1 correction no longer applies'
    """
    if "dataset" in incidents.columns:
        coded = incidents["dataset"].notna().to_numpy()
    else:
        coded = np.zeros(len(incidents), dtype=bool)
    parts = []
    text = incidents.loc[~coded]
    read = incidents.attrs.get("articles")
    if len(text) or not coded.any() or read:
        told = _articles_with_incidents(text)
        label = f"{_plural(len(text), 'incident')} from "
        if read is not None and read > told:
            label += f"{_plural(read, 'article')} ({read - told:,} with no incident)"
        else:
            label += _plural(told, "article")
        parts.append(label)
    if coded.any():
        for name, rows in incidents.loc[coded].groupby("dataset", sort=True):
            parts.append(_plural(len(rows), f"{name} event"))
    return " and ".join(parts) + _review_label(incidents)


def _review_label(incidents: pd.DataFrame) -> str:
    """Say how many incidents a reviewer checked, and what no longer applies."""
    reviewed = int(incidents["review"].notna().sum()) if "review" in incidents else 0
    unapplied = len(incidents.attrs.get("unapplied") or ())
    if not reviewed and not unapplied:
        return ""
    parts = [f"{reviewed:,} reviewed"]
    if unapplied:
        verb = "applies" if unapplied == 1 else "apply"
        parts.append(f"{_plural(unapplied, 'correction')} no longer {verb}")
    return "; " + ", ".join(parts)


def _articles_with_incidents(text: pd.DataFrame) -> int:
    """Articles that gave an incident: every source of a merged incident counts."""
    ids = set(text["article_id"].dropna())
    if "sources" in text.columns:
        for sources in text["sources"].dropna():
            ids.update(s["article_id"] for s in json.loads(sources))
    return len(ids)
