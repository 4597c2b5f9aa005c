"""Which incident told before a frame tells again: the learned link.

The rules of :mod:`~bordermap.geo.extract.pass6_merging.merge` join a frame to
an incident already told by a handful of exact tests (same type, same
provinces, same day, "the shooting", a sentence of counts alone). Whether a
lead and a body sentence, or a headline and a caption, tell one event is a
judgement over context; the ``link`` model (``models/link.json.gz``), trained
on the real pages' sentence labels, makes it: for each of the last incidents
of the article it gives the probability that the frame tells that incident,
over features a reader can check (listed in :func:`pair_features`), the rules'
own answer among them. The frame joins the likeliest incident when that is at
least the model's threshold, else it starts a new one.

Some joins are never open to the model, whatever it says: a planned event
with one that happened, the background with today's, two sides' figures, an
event with a total, places in different provinces or countries, and a
national total with a province's report when both carry figures (a total is
never a province's number); and a frame joins an incident of another type,
or one its words set apart ("a further exchange", another clock time or day), only
where the rules join it ("the shooting" after the shelling). The likeliest
weighed incident at or above the threshold wins, even over the rules' own
choice; below it, the rules' join stands unless the model gives that join less
than ``split_below`` (in the model's ``meta``; a rules' join the model did not
weigh, closed or older than the last ``CANDIDATES``, stands). The model's
``meta["languages"]`` names the languages it links; in any other the rules link
alone.
"""

from __future__ import annotations

from collections.abc import Callable

from bordermap.geo.extract.document import Mention
from bordermap.geo.extract.learned import bucket, is_recording, model, record
from bordermap.geo.extract.pass6_merging.drafts import Draft, When, has_counts
from bordermap.geo.extract.pass6_merging.geocode import Location

__all__ = ["CANDIDATES", "link", "pair_features"]

#: How many of the article's latest incidents a frame may join.
CANDIDATES = 8


def _place(d: Location, loc: Location) -> str:
    if d.admin1 and loc.admin1:
        if d.admin1 == loc.admin1:
            return "same"
        return "overlap" if set(d.admin1) & set(loc.admin1) else "differ"
    if d.admin1 or loc.admin1:
        return "one"
    if d.country_iso3 and loc.country_iso3 and d.country_iso3 != loc.country_iso3:
        return "other country"
    return "none"


def _day(d: Draft, when: When) -> str:
    if d.date is None or when.day is None:
        return "none"
    if d.date == when.day:
        return "same fallback" if d.fallback and when.fallback else "same"
    return "fallback" if d.fallback or when.fallback else "differ"


def _figures(d: Draft, m: Mention) -> list[str]:
    out = []
    mine = {k: c for k, c in m.counts.items() if c.qualifier != "unquantified"}
    told = {k: c for k, c in d.counts.items() if c.qualifier != "unquantified"}
    out.append(
        "figures="
        + ("both" if mine and told else "new" if mine else "old" if told else "none")
    )
    for kind in sorted(set(mine) & set(told)):
        out.append(
            "figure same" if mine[kind].best == told[kind].best else "figure other"
        )
    if set(mine) - set(told):
        out.append("figure kind new")
    return out


def pair_features(
    d: Draft, m: Mention, loc: Location, when: When, position: int, rule: bool
) -> dict[str, float]:
    """Name what is known of a frame and an incident told before it.

    Parameters
    ----------
    d : Draft
        The incident told before.
    m : Mention
        The frame.
    loc, when : Location, When
        The frame's place and day, as pass 6 read them.
    position : int
        The incident's place counted back from the latest (0).
    rule : bool
        Whether the rules join the frame to it.

    Returns
    -------
    dict
        Feature name -> 1 for each name that holds.
    """
    first = d.mention
    names = [
        f"position={bucket(position, (0, 1, 2, 4))}",
        f"type={'same' if first.event_type == m.event_type else 'other'}",
        f"frame type={m.event_type}",
        f"incident type={first.event_type}",
        f"place={_place(d.location, loc)}",
        f"precision={loc.precision}",
        f"day={_day(d, when)}",
        f"gap={bucket(m.sentence - first.sentence, (0, 1, 2, 4, 8))}",
        f"paragraphs={bucket(m.paragraph - first.paragraph, (0, 1, 2))}",
        f"frame role={m.role}",
        f"incident role={first.role}",
        *_figures(d, m),
    ]
    flags = {
        "rule": rule,
        "anaphoric": m.anaphoric,
        "no trigger": not m.trigger,
        "points back": m.points_back,
        "border cue": m.border_cue,
        "frame place": bool(loc.places),
        "same sentence": m.sentence == first.sentence,
        "frame attribution": bool(m.attribution),
    }
    names += [name for name, on in flags.items() if on]
    return dict.fromkeys(names, 1.0)


def _closed(d: Draft, m: Mention, loc: Location) -> bool:
    """Whether a join is never open to the model (module docstring)."""
    first = d.mention
    if first.planned != m.planned or bool(first.background) != bool(m.background):
        return True
    if first.scope != m.scope:
        return True
    if _place(d.location, loc) in ("differ", "other country"):
        return True  # one incident would lose a province (or a country)
    if (
        first.claimant
        and m.claimant
        and first.claimant != m.claimant
        and has_counts(d.counts)
        and has_counts(m.counts)
    ):
        return True
    return (
        bool(d.location.admin1) != bool(loc.admin1)
        and has_counts(d.counts)
        and has_counts(m.counts)
    )


def _told_apart(d: Draft, m: Mention, when: When) -> bool:
    """Whether the words tell a frame apart from an incident the rules did not join.

    Another type ("the shooting" after the shelling is the rules' to join),
    "another" / "a further", another clock time, or another day the text gives
    for each (not the page's day).
    """
    first = d.mention
    return (
        first.event_type != m.event_type
        or m.new_event
        or bool(first.clock and m.clock and first.clock != m.clock)
        or _day(d, when) == "differ"
    )


def link(
    drafts: list[Draft],
    m: Mention,
    loc: Location,
    when: When,
    ruled: Draft | None,
    article_id: str,
    language: str = "en",
    open_to: Callable[[Draft], bool] = lambda d: True,
) -> tuple[bool, Draft | None]:
    """Give the incident a frame tells again, as the model judges it.

    Returns ``(decided, draft)``: ``decided`` is False without a model (the
    rules' answer ``ruled`` stands); else ``draft`` is the incident to join, or
    None for a new one. Besides ``ruled``, only incidents ``open_to`` accepts
    (the rules' exact tests of place and day) are weighed. Under
    ``recording("link")`` every candidate pair is kept for the trainer: (article
    id, the frame's and the incident's trigger offsets, features).
    """
    found = model("link")
    if found is not None and language not in found.meta.get("languages", (language,)):
        found = None  # the rules link the languages the model did not beat them in
    if found is None and not is_recording("link"):
        return False, None
    best, best_p, ruled_p = None, 0.0, 1.0
    for position, d in enumerate(reversed(drafts[-CANDIDATES:])):
        if _closed(d, m, loc) or (
            d is not ruled and (_told_apart(d, m, when) or not open_to(d))
        ):
            continue
        values = pair_features(d, m, loc, when, position, d is ruled)
        record("link", (article_id, _at(m), _at(d.mention), values))
        if found is not None:
            p = found.probabilities_of(values)["yes"]
            if d is ruled:
                ruled_p = p
            if p > best_p:
                best, best_p = d, p
    if found is None:
        return False, None
    if best_p >= found.threshold:
        return True, best
    # the rules' join stands unless the model is sure it is wrong
    return True, None if ruled_p < found.meta.get("split_below", 0.0) else ruled


def _at(m: Mention) -> int:
    return m.trigger_at if m.trigger_at >= 0 else m.start
