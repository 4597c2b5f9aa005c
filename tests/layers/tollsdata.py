"""A conflict told in 40 own-words articles: two ministries' running totals."""

from __future__ import annotations

from datetime import date, timedelta

import bordermap

START = date(2025, 7, 24)


def conflict() -> list[bordermap.Article]:
    """40 articles over 20 days: each day a Thai and a Cambodian report."""
    out = []
    for i in range(40):
        day = START + timedelta(days=i // 2)
        weekday = day.strftime("%A")
        if i % 2 == 0:
            text = (
                f"BANGKOK — The number of Thais killed has risen to {12 + i}, the "
                f"Thai defence ministry said on {weekday}.\n\n"
                f"More than {10_000 * (i + 1):,} people have fled their homes in "
                f"Thailand, the Thai interior ministry said on {weekday}."
            )
        else:
            text = (
                f"PHNOM PENH — The number of Cambodians killed has risen to {5 + i}, "
                f"Cambodia's Ministry of National Defence said on {weekday}.\n\n"
                f"The number of Thais killed has risen to {30 + i}, Cambodia's "
                f"defence ministry claimed on {weekday}."
            )
        out.append(bordermap.Article(f"c{i:02d}", text, f"Day {i // 2 + 1}", day))
    return out
