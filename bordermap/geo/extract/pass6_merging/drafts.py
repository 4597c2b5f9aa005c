"""Draft incidents: an incident of one article as its frames tell it so far.

The records and small operations pass 6's modules share (``merge.py``,
``summaries.py``, ``context.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from bordermap.geo.extract.document import Mention
from bordermap.geo.extract.pass6_merging.geocode import Location
from bordermap.geo.records import VIOLENT_TYPES, Count, Precision

__all__ = [
    "Draft",
    "When",
    "adopt_orphans",
    "consistent",
    "has_counts",
    "has_figures",
    "merge_into",
    "new_draft",
    "same_place",
    "tells_more",
]


@dataclass(frozen=True, slots=True)
class When:
    """The day of a frame and how it was found."""

    day: date | None
    text: str
    basis: str
    fallback: bool  # dated only by the page (dateline or publication date)


@dataclass
class Draft:
    """An incident of one article as its frames tell it so far."""

    mention: Mention  # the first frame that told it
    location: Location
    date: date | None
    date_text: str
    date_basis: str
    fallback: bool
    counts: dict[str, Count] = field(default_factory=dict)
    other_counts: dict[str, Count] = field(default_factory=dict)
    attribution: str = ""


def has_figures(m: Mention) -> bool:
    """Whether a frame gives a killed, wounded or displaced figure (a number)."""
    return any(c.best is not None or c.low is not None for c in m.counts.values())


def has_counts(counts: dict[str, Count]) -> bool:
    """Whether any count gives a figure or a hedge (not only "unquantified")."""
    return any(c.qualifier != "unquantified" for c in counts.values())


#: How much a count tells, least first: any figure tells more than "dozens",
#: which tells more than "casualties"; one figure never replaces another.
_TELLS = {"unquantified": 0, "vague_plural": 1}


def _bounds(c: Count) -> tuple[float, float]:
    """Give the figures a count allows: "at least 19" is 19 up, "about 40" 30-50."""
    if c.qualifier == "around" and c.best is not None:
        return 0.75 * c.best, 1.25 * c.best
    low = c.low if c.low is not None else 0
    high = c.high if c.high is not None else math.inf
    if c.qualifier == "exact" and c.best is not None:
        low = high = c.best
    return low, high


def consistent(a: Count, b: Count) -> bool:
    """Tell whether two counts of one kind can count the same people.

    "more than a dozen" and "at least 19" can; "three" and "five" cannot, nor
    two sides' dead.

    Parameters
    ----------
    a, b : Count
        Counts of one kind (killed, wounded or displaced).

    Returns
    -------
    bool
        True when the figures each hedge allows overlap and the victims' sides
        do not differ; an unquantified count is consistent with any.

    Examples
    --------
    >>> from bordermap.geo.extract.words.counts import hedged
    >>> consistent(hedged(12, "more_than"), hedged(19, "at_least"))
    True
    >>> consistent(hedged(3, "exact"), hedged(5, "exact"))
    False
    """
    if (
        a.victims_country
        and b.victims_country
        and a.victims_country != b.victims_country
    ):
        return False  # one side's dead are not the other's
    if "unquantified" in (a.qualifier, b.qualifier):
        return True
    (a0, a1), (b0, b1) = _bounds(a), _bounds(b)
    return a0 <= b1 and b0 <= a1


def tells_more(new: Count, old: Count) -> bool:
    """Tell whether a count consistent with another tells more: "25" after "dozens".

    "At least 19" stays when "32" follows: the first figure told is the count.

    Parameters
    ----------
    new, old : Count
        The count a later sentence gives and the one the incident holds.

    Returns
    -------
    bool
        True when ``new`` is a figure and ``old`` only vague ("dozens") or
        unquantified ("casualties"), and the two are consistent.

    Examples
    --------
    >>> from bordermap.geo.extract.words.counts import hedged
    >>> from bordermap.geo.records import Count
    >>> dozens = Count(24, 24, None, "vague_plural", stated="dozens")
    >>> tells_more(hedged(25, "exact"), dozens), tells_more(dozens, hedged(25, "exact"))
    (True, False)
    """
    return _TELLS.get(new.qualifier, 2) > _TELLS.get(old.qualifier, 2) and consistent(
        new, old
    )


def same_place(a: Location, b: Location) -> bool:
    """Whether two locations can be one place (one without a province, or equal)."""
    return not a.admin1 or not b.admin1 or a.admin1 == b.admin1


def merge_into(d: Draft, m: Mention, loc: Location, when: When, orphans: bool) -> None:
    """Add what a frame tells to an incident already told."""
    order = list(Precision)
    if order.index(loc.precision) < order.index(d.location.precision):
        d.location = loc
    if when.day and (d.date is None or (d.fallback and not when.fallback)):
        d.date, d.date_text, d.date_basis = when.day, when.text, when.basis
        d.fallback = when.fallback
    for k, c in m.counts.items():
        if k not in d.counts or tells_more(c, d.counts[k]):
            d.counts[k] = c
    for k, c in m.other_counts.items():
        d.other_counts.setdefault(k, c)
    d.attribution = d.attribution or m.attribution
    if orphans:
        adopt_orphans(d, m)


def adopt_orphans(d: Draft, m: Mention) -> None:
    """Give an incident the counts that fit no frame of a sentence."""
    for kind, count in m.orphan_counts.items():
        d.counts.setdefault(kind, count)


def new_draft(drafts: list[Draft], m: Mention, loc: Location, when: When) -> None:
    """Start an incident with a frame; its orphan counts go to the last violent one."""
    violent = [
        d
        for d in drafts
        if d.mention.event_type in VIOLENT_TYPES and d.mention.scope == "event"
    ]
    draft = Draft(
        m,
        loc,
        when.day,
        when.text,
        when.basis,
        when.fallback,
        dict(m.counts),
        dict(m.other_counts),
        m.attribution,
    )
    drafts.append(draft)
    # a count that fits no mention of its sentence ("He confirmed one death")
    # belongs to the latest violent incident; if that has one, it is a restatement
    if m.orphan_counts:
        adopt_orphans(violent[-1] if violent else draft, m)
