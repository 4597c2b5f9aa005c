"""The latest reported tolls and their history, as data for the page and the image.

:func:`toll_view` lays out :func:`bordermap.geo.tables.tolls.tolls` for the box of
figures on no province: each report with its group (kind × side × claimant),
its day and its figure as written. The page computes the latest figure of each
group as of a day (the date filter's end) and draws each group's running
total as a step line; the static image draws the same from
:func:`bordermap.geo.tables.tolls.latest_tolls`.
"""

from __future__ import annotations

import pandas as pd

from bordermap.geo.places.countries import country_label
from bordermap.geo.tables.tolls import NOT_STATED, tolls
from bordermap.layers.labels import label_of

__all__ = ["KIND_COLORS", "claimant_label", "side_label", "toll_view"]

#: One colour per kind for the tolls chart (killed, wounded, displaced).
KIND_COLORS = {"killed": "#B2182B", "wounded": "#E08214", "displaced": "#2166AC"}
_KIND_WORDS = {"killed": "Killed", "wounded": "Wounded", "displaced": "Displaced"}


def side_label(side: str) -> str:
    """Whose figure it is, in words.

    Examples
    --------
    >>> side_label("KHM"), side_label("both"), side_label("not stated")
    ('Cambodia', 'both sides', 'side not stated')
    """
    if side == "both":
        return "both sides"
    if side == NOT_STATED:
        return "side not stated"
    return country_label(side)


def claimant_label(row) -> str:
    """Who claims a figure, in words ("claimant not stated" when nobody is said)."""
    return "claimant not stated" if row.claimant_key == NOT_STATED else row.claimant


def toll_view(incidents: pd.DataFrame) -> dict | None:
    """Lay out the reports of running totals for the page, oldest first.

    None when there are none.

    Returns
    -------
    dict or None
        ``reports``: one dict per report (``group``, ``kind``, ``kind_label``,
        ``side``, ``claimant``, ``day`` as days since 1970-01-01 or -1,
        ``date``, ``label`` as written with low / best / high, ``best``,
        ``quote``, ``title``); ``groups``: the groups in order (kind, side,
        claimant); ``colors``: a colour per kind.
    """
    every = tolls(incidents)
    if every.empty:
        return None
    every = every.sort_values(
        ["as_of", "published"], kind="stable", na_position="first"
    )
    epoch = pd.Timestamp("1970-01-01")
    reports = []
    for row in every.itertuples(index=False):
        day = -1 if pd.isna(row.as_of) else int((row.as_of - epoch).days)
        reports.append(
            {
                "group": f"{row.kind}|{row.side}|{row.claimant_key}",
                "kind": row.kind,
                "kind_label": _KIND_WORDS[row.kind],
                "side": side_label(row.side),
                "claimant": claimant_label(row),
                "day": day,
                "date": None if day < 0 else row.as_of.date().isoformat(),
                "label": label_of(row._asdict(), ""),
                "best": None if pd.isna(row.best) else int(row.best),
                "quote": row.quote if isinstance(row.quote, str) else None,
                "title": row.title if isinstance(row.title, str) else None,
            }
        )
    kinds = {k: i for i, k in enumerate(_KIND_WORDS)}
    groups = sorted(
        {r["group"] for r in reports},
        key=lambda g: (kinds[g.split("|")[0]], g.split("|")[1], g.split("|", 2)[2]),
    )
    return {"reports": reports, "groups": groups, "colors": KIND_COLORS}
