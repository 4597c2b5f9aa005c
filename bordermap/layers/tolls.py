"""The latest reported tolls and their history, as data for the page.

:func:`toll_view` lays out the reported totals
(:attr:`bordermap.geo.tables.map_tables.MapTables.tolls`) for the box of
figures on no province: each report with its group (kind × side × claimant),
its day and its figure as written. The page computes the latest figure of each
group as of a day (the date filter's end) and draws each group's running
total as a step line; the static image draws the same from
:attr:`~bordermap.geo.tables.map_tables.MapTables.latest`.
"""

from __future__ import annotations

import pandas as pd

from bordermap.layers.labels import label_of

__all__ = ["KIND_COLORS", "KIND_WORDS", "toll_view"]

#: One colour per kind for the tolls chart (killed, wounded, displaced).
KIND_COLORS = {"killed": "#B2182B", "wounded": "#E08214", "displaced": "#2166AC"}
#: The kinds in words, in the order the page lists them.
KIND_WORDS = {"killed": "Killed", "wounded": "Wounded", "displaced": "Displaced"}


def toll_view(history: pd.DataFrame) -> dict | None:
    """Lay out the reports of running totals for the page, oldest first.

    Parameters
    ----------
    history : pandas.DataFrame
        The reported totals with their ``side_label`` and ``claimant_label``
        (:attr:`~bordermap.geo.tables.map_tables.MapTables.tolls`).

    Returns
    -------
    dict or None
        None when there are none; else ``reports``: one dict per report
        (``group``, ``kind``, ``kind_label``, ``side``, ``claimant``, ``day``
        as days since 1970-01-01 or -1, ``date``, ``label`` as written with
        low / best / high, ``best``, ``quote``, ``title``); ``groups``: the
        groups in order (kind, side, claimant); ``colors``: a colour per kind.
    """
    if history.empty:
        return None
    every = history.sort_values(
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
                "kind_label": KIND_WORDS[row.kind],
                "side": row.side_label,
                "claimant": row.claimant_label,
                "day": day,
                "date": None if day < 0 else row.as_of.date().isoformat(),
                "label": label_of(row._asdict(), ""),
                "best": None if pd.isna(row.best) else int(row.best),
                "quote": row.quote if isinstance(row.quote, str) else None,
                "title": row.title if isinstance(row.title, str) else None,
            }
        )
    kinds = {k: i for i, k in enumerate(KIND_WORDS)}
    groups = sorted(
        {r["group"] for r in reports},
        key=lambda g: (kinds[g.split("|")[0]], g.split("|")[1], g.split("|", 2)[2]),
    )
    return {"reports": reports, "groups": groups, "colors": KIND_COLORS}
