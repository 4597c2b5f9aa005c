"""Synthetic incidents spread over the border provinces (for benchmarks)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from bordermap.geo.places.boundaries import load_boundaries
from bordermap.geo.records import Count, Incident, Precision, Quote, Source
from bordermap.geo.tables.frames import incidents_frame, join_boundaries

TYPES = (
    "armed_clash",
    "shelling",
    "air_strike",
    "landmine_explosive",
    "evacuation_displacement",
)


def synthetic_incidents(n: int, seed: int = 0):
    """``n`` incidents at random points of the Thailand–Cambodia border provinces.

    Each has a type, a date in the 2025 fighting, a killed count with its quote
    (about 100 characters of text) and a source title, like a real report.
    """
    rng = np.random.default_rng(seed)
    layers = load_boundaries()
    border = layers.admin1[layers.admin1["border"]]
    per = n // len(border) + 1
    points = border.sample_points(size=per, rng=rng).explode(index_parts=False).iloc[:n]
    codes = border.loc[points.index, "adm1_iso"].to_numpy()
    names = border.loc[points.index, "adm1_name"].to_numpy()
    kinds = rng.integers(0, len(TYPES), n)
    killed = rng.integers(0, 6, n)
    out = []
    for i, (point, code, name) in enumerate(
        zip(points.to_numpy(), codes, names, strict=True)
    ):
        text = (
            f"Report {i}: the army said {int(killed[i])} people were killed when "
            f"{TYPES[kinds[i]].replace('_', ' ')} hit a village in {name}."
        )
        quote = Quote(f"a{i // 5}", text, 0, len(text))
        k = int(killed[i])
        out.append(
            Incident(
                f"s{i:07d}",
                f"a{i // 5}",
                TYPES[kinds[i]],
                "event",
                date(2025, 7, 24) + timedelta(days=int(i % 160)),
                "",
                Precision.SITE,
                name,
                "THA",
                (code,),
                (name,),
                (),
                "",
                round(point.y, 5),
                round(point.x, 5),
                "Royal Thai Army",
                Count(k, k, k, "exact", stated=k, quote=quote) if k else None,
                None,
                None,
                quote=quote,
                sources=(
                    Source(
                        f"a{i // 5}",
                        f"Border report number {i // 5}",
                        "https://example.org/report",
                        "",
                        date(2025, 7, 24),
                        quote,
                    ),
                ),
            )
        )
    return out, layers


def synthetic_frame(n: int, seed: int = 0):
    incidents, layers = synthetic_incidents(n, seed)
    return join_boundaries(incidents_frame(incidents), layers.admin1), layers
