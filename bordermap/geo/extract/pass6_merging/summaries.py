"""Summaries and restatements: headlines, captions, place lists, one figure once.

Headlines, standfirsts, section headings and photo captions summarise the
story: their frames are merged last, each into the body incident that tells
the same (no other figure of the same kind, same provinces or none, same day),
adding only what the body lacks (a figure, a province, a day); a summary that
tells what the body does not is an incident of its own. A sentence that only
names places ("the affected provinces include ...") places the incident before
it. Last, incidents that give the same figure on one day in one province are one.
"""

from __future__ import annotations

from dataclasses import replace

from bordermap.geo.extract.document import Mention
from bordermap.geo.extract.pass6_merging.drafts import Draft, When, new_draft
from bordermap.geo.extract.pass6_merging.geocode import Location
from bordermap.geo.records import VIOLENT_TYPES, Precision

__all__ = ["SUMMARY_ROLES", "one_figure_once", "place_list", "place_summaries"]


SUMMARY_ROLES = frozenset({"headline", "caption"})

_VAGUE = frozenset({"vague_plural", "many", "unquantified"})


def _figures_agree(d: Draft, m: Mention) -> tuple[bool, int]:
    """Whether a summary's figures fit an incident's, and how many are the same.

    A caption may show a part of the figure ("an injured villager" of at
    least three wounded); a headline gives the figure or a vaguer one.
    """
    same = 0
    for kind, c in m.counts.items():
        told = d.counts.get(kind)
        if told is None or c.qualifier in _VAGUE:
            continue
        if told.qualifier in _VAGUE:
            continue
        if told.best == c.best:
            same += 1
        elif not (
            m.role == "caption"
            and None not in (c.best, told.best)
            and c.best < told.best
        ):
            return False, 0
    return True, same


def _summary_fit(d: Draft, m: Mention, loc: Location, when: When) -> int:
    """How well a headline's or caption's frame fits an incident; 0: it does not."""
    if d.mention.role in SUMMARY_ROLES or d.mention.planned != m.planned:
        return 0
    if d.mention.background != m.background:
        return 0
    same_type = d.mention.event_type == m.event_type
    violent = {d.mention.event_type, m.event_type} <= VIOLENT_TYPES
    if not (same_type or violent):
        return 0
    if (
        d.location.admin1
        and loc.admin1
        and not set(d.location.admin1) & set(loc.admin1)
    ):
        return 0
    if when.day and d.date and when.day != d.date and not (when.fallback or d.fallback):
        return 0
    agree, same = _figures_agree(d, m)
    if not agree:
        return 0
    return 1 + 4 * same + 2 * same_type + bool(set(d.location.admin1) & set(loc.admin1))


def _merge_summary(d: Draft, m: Mention, loc: Location, when: When) -> None:
    """Add what a summary tells and the incident lacks: a figure, a province, a day."""
    if d.fallback and when.day and not when.fallback:
        # "... carried out provocations on Tuesday" in the standfirst: the day
        # the body, dated only by the page, did not give
        d.date, d.date_text, d.date_basis, d.fallback = (
            when.day,
            when.text,
            when.basis,
            False,
        )
    for kind, c in m.counts.items():
        if kind not in d.counts or (
            d.counts[kind].qualifier == "unquantified" and c.qualifier != "unquantified"
        ):
            d.counts[kind] = c
    for kind, c in m.other_counts.items():
        d.other_counts.setdefault(kind, c)
    if loc.admin1 and not d.location.admin1:
        d.location = loc
    d.attribution = d.attribution or m.attribution


def place_summaries(
    drafts: list[Draft], summaries: list[tuple[Mention, Location, When]]
) -> list[Draft]:
    """Merge each summary frame into the incident it summarises, else keep it."""
    for m, loc, when in summaries:
        fits = [(_summary_fit(d, m, loc, when), -i) for i, d in enumerate(drafts)]
        best = max(fits, default=(0, 0))
        if best[0] > 0:
            _merge_summary(drafts[-best[1]], m, loc, when)
        else:
            new_draft(drafts, m, loc, when)
    return sorted(drafts, key=lambda d: d.mention.start)


def place_list(drafts: list[Draft], m: Mention, loc: Location) -> None:
    """Give the incident just told the places a sentence of places names.

    "The affected provinces include ...", "The incident occurred near Border
    Marker 28, on the border of Sa Kaeo and Buriram provinces": the places
    replace a place only inferred from context, or refine a named one.
    """
    before = [d for d in drafts if 0 < m.sentence - d.mention.sentence <= 2]
    if not before or loc.basis != "named":
        return
    told = before[-1].location
    if told.basis != "named" or not told.admin1 or set(told.admin1) <= set(loc.admin1):
        before[-1].location = loc


_GENERIC = ("armed_clash", "other")


def _figure_keys(d: Draft) -> set[tuple]:
    """Return what makes a figure the same: kind, figure, hedge, day, province."""
    if d.mention.scope != "event" or d.mention.planned or d.date is None:
        return set()
    if len(d.location.admin1) != 1:
        return set()
    return {
        (kind, c.best, c.qualifier, d.date, d.location.admin1[0])
        for kind, c in d.counts.items()
        if c.best is not None
    }


def one_figure_once(drafts: list[Draft]) -> list[Draft]:
    """Merge incidents that give the same figure on one day in one province.

    One event told several times ("Shells kill three in Sa Kaeo" ... "Three
    died in Khok Sung district") that no rule before joined: the same kind,
    figure, day and province is one incident, never two on the map. The more
    telling type wins over a generic clash.
    """
    kept: list[Draft] = []
    seen: dict[tuple, Draft] = {}
    for d in drafts:
        keys = _figure_keys(d)
        first = next((seen[k] for k in sorted(keys, key=str) if k in seen), None)
        if first is None:
            kept.append(d)
            seen.update(dict.fromkeys(keys, d))
            continue
        if (
            first.mention.event_type in _GENERIC
            and d.mention.event_type not in _GENERIC
        ):
            first.mention = replace(first.mention, event_type=d.mention.event_type)
        for kind, c in d.counts.items():
            first.counts.setdefault(kind, c)
        for kind, c in d.other_counts.items():
            first.other_counts.setdefault(kind, c)
        order = list(Precision)
        if order.index(d.location.precision) < order.index(first.location.precision):
            first.location = d.location
        seen.update(dict.fromkeys(_figure_keys(first), first))
    return kept
