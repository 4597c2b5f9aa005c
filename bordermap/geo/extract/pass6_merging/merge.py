"""Pass 6: the frames of one article, located, dated and merged into incidents.

Each frame is located (:func:`~bordermap.geo.extract.pass6_merging.geocode.geocode`)
and dated: its own date, else the day of its paragraph so far, else the
page's day (dateline or publication date). A frame then joins an incident
already told when the text tells the same one again:

* "the shooting", "the blast", "there": the latest violent incident;
* a sentence of counts alone within two sentences of a violent incident, in the
  same place, giving kinds of count it lacks;
* the latest incident of the same type when nothing tells them apart: same
  provinces (or one without any), same day (or one only dated by the page), no
  other clock time, no "another"/"a further", and no other figure of the same
  kind. "a further exchange ... at 9.15am" is a new incident; "the blast
  happened ... in Nam Yuen district" refines the lead's "a mine wounded three
  soldiers near the border".

A located report and a national total never merge when both carry figures: a
total must not become a province's number. Summaries are merged last
(:mod:`bordermap.geo.extract.pass6_merging.summaries`).
"""

from __future__ import annotations

from datetime import date

from bordermap.geo.extract.document import PLACE_LIST, Document, Mention
from bordermap.geo.extract.pass6_merging.context import article_context, when_of
from bordermap.geo.extract.pass6_merging.drafts import (
    Draft,
    When,
    consistent,
    has_counts,
    has_figures,
    merge_into,
    new_draft,
    same_place,
)
from bordermap.geo.extract.pass6_merging.geocode import Location, geocode
from bordermap.geo.extract.pass6_merging.linking import link
from bordermap.geo.extract.pass6_merging.summaries import (
    SUMMARY_ROLES,
    one_figure_once,
    place_list,
    place_summaries,
)
from bordermap.geo.places.gazetteer import name_key
from bordermap.geo.records import VIOLENT_TYPES, Precision

__all__ = ["merge_mentions"]


_FINE = frozenset({Precision.SITE, Precision.ADMIN2})


def _other_site(a: Location, b: Location) -> bool:
    """Whether two locations name different sites or districts of a province.

    "Poonch district" and "Poonch town" are one place; "Uri" and "Kupwara"
    two.
    """
    if a.precision not in _FINE or b.precision not in _FINE:
        return False
    if a.basis != "named" or b.basis != "named":
        return False

    def keys(loc: Location) -> set[str]:
        return {name_key(n) for p in loc.places for n in (p.name, p.admin2_name) if n}

    return not keys(a) & keys(b)


def _other_claimant(d: Draft, m: Mention) -> bool:
    """Whether a frame gives figures claimed by the other side than the incident's."""
    return bool(
        d.mention.claimant
        and m.claimant
        and d.mention.claimant != m.claimant
        and has_counts(d.counts)
        and has_counts(m.counts)
    )


def _compatible(d: Draft, m: Mention, loc: Location, when: When) -> bool:
    """Whether nothing tells a frame apart from the incident of the same type."""
    if d.mention.event_type != m.event_type or d.mention.scope != m.scope:
        return False
    if d.mention.planned != m.planned or m.new_event:
        return False
    if d.mention.background != m.background:
        return False  # "earlier this year" is never today's incident
    if d.location.admin1 and loc.admin1 and d.location.admin1 != loc.admin1:
        return False
    if _other_site(d.location, loc):
        return False  # "in Uri" and "in Kupwara": one province, two places
    # a province named for one and not the other: only an unlocated one may join;
    # "on the border" is a location of its own, not a gap to fill
    named = {"named", "border"}
    if bool(d.location.admin1) != bool(loc.admin1) and (
        (loc.basis in named and d.location.basis in named)
        # a national total must not become a province's number by joining a
        # located report: only one of the two may carry figures
        or (has_counts(d.counts) and has_counts(m.counts))
    ):
        return False
    if d.date and when.day and d.date != when.day and not (d.fallback or when.fallback):
        return False
    if d.mention.clock and m.clock and d.mention.clock != m.clock:
        return False
    if _other_claimant(d, m):
        return False  # two sides' figures are two reports, never one

    told = {k: (d.counts[k], c) for k, c in m.counts.items() if k in d.counts}
    if m.scope != "event":
        # two totals are one only with the same figures: "at least 46" and "71"
        # count two things, whatever their hedges allow
        return all(
            a.best == b.best
            for a, b in told.values()
            if "unquantified" not in (a.qualifier, b.qualifier)
        )
    # one event's "more than a dozen" and "at least 19" can be one toll; not 3 and 5
    return all(consistent(a, b) for a, b in told.values())


def _restates(d: Draft, m: Mention) -> bool:
    """Whether a frame's figures are the incident's own or figures it lacks.

    "The four soldiers were injured in the area" after "a landmine wounded four
    soldiers": the same figure again; "Twelve soldiers were wounded" after "Thai
    troops clashed": a figure the incident lacks.
    """
    for kind, c in m.counts.items():
        told = d.counts.get(kind)
        if told is None or told.qualifier == "unquantified":
            continue
        if c.qualifier == "unquantified" or told.best != c.best:
            return False
    return True


def _tells_more(d: Draft, m: Mention, loc: Location) -> bool:
    """Whether a sentence of counts alone tells more of a violent incident just told.

    It has no event word of its own, follows within four sentences and in the
    same or the next paragraph, names no other province, country or day, and
    gives kinds of count the incident lacks or the same figures again.
    """
    return (
        not m.trigger
        and m.scope == "event"
        and not m.background
        and has_counts(m.counts)
        and d.mention.event_type in VIOLENT_TYPES
        and d.mention.scope == "event"
        and not d.mention.background
        and _near(d, m)
        and same_place(d.location, loc)
        and not (
            m.countries
            and d.location.country_iso3
            and d.location.country_iso3 not in m.countries
        )
        and (m.date is None or d.date is None or m.date == d.date)
        and _restates(d, m)
    )


def _near(d: Draft, m: Mention) -> bool:
    """Within four sentences and two paragraphs; ten for the same figures."""
    gap = m.sentence - d.mention.sentence
    if 0 < gap <= 4 and m.paragraph - d.mention.paragraph <= 2:
        return True
    same = [
        k for k, c in m.counts.items() if k in d.counts and d.counts[k].best == c.best
    ]
    return 0 < gap <= 10 and bool(same) and len(same) == len(m.counts)


def _damage_of(d: Draft, m: Mention, loc: Location) -> bool:
    """Whether damage told without a weapon is the damage of a violent incident.

    "Many homes had been damaged" after the rocket attack it follows; not "a
    hotel in Jermuk was damaged" after shelling in another province.
    """
    return (
        m.event_type == "other"
        and "damage" in m.trigger.casefold()  # not arson: "set fire to" is its own
        and not has_counts(m.counts)
        and d.mention.event_type in VIOLENT_TYPES
        and d.mention.scope == "event"
        and d.mention.background == m.background
        and 0 <= m.sentence - d.mention.sentence <= 4
        and m.paragraph - d.mention.paragraph <= 1
        and same_place(d.location, loc)
    )


def _told_before(drafts: list[Draft], m: Mention, loc: Location) -> tuple:
    """Find the incident a frame tells again; say if its orphan counts go along."""
    violent = [
        d
        for d in drafts
        if d.mention.event_type in VIOLENT_TYPES and d.mention.scope == "event"
    ]
    if m.anaphoric and violent:
        # "the shooting took place in Prey Chan": the incident told before, the
        # latest of its kind ("the strikes" after jets and rockets: the jets')
        referent = next(
            (d for d in reversed(violent[-3:]) if d.mention.event_type == m.event_type),
            violent[-1],
        )
        if (
            same_place(referent.location, loc)
            and referent.mention.background == m.background
            and not _other_claimant(referent, m)
        ):
            return referent, True
    told = next(
        (
            d
            for d in reversed(drafts[-5:])
            if _tells_more(d, m, loc) or _damage_of(d, m, loc)
        ),
        None,
    )
    if told is not None:
        # "... had struck Veal Veng district overnight. One elderly man was
        # killed and two children were injured, the spokeswoman said."
        return told, False
    return None, False


def merge_mentions(doc: Document) -> list[Draft]:
    """Locate, date and merge the document's frames into the article's incidents.

    Parameters
    ----------
    doc : Document
        With ``mentions`` framed (passes 1-5).

    Returns
    -------
    list of Draft
        In the order the article first tells them.
    """
    ctx = article_context(doc)
    drafts: list[Draft] = []
    context: dict[int, Location] = {}  # the last place named in each paragraph
    dated: dict[int, date] = {}  # the last day an event of the paragraph was given
    summaries: list[tuple[Mention, Location, When]] = []
    for m in doc.mentions:
        told = context.get(m.paragraph)
        if told is None and context and m.points_back:
            # "are evacuating people from the area": the place told last
            told = context[max(context)]
        loc = geocode(
            doc.text, m, ctx.admin1, told or ctx.dateline, ctx.countries, ctx.home
        )
        if m.background and not has_figures(m):
            # background without a figure is not an incident; its day still
            # dates what its paragraph tells next ("started on Dec. 8 ... jets
            # have struck")
            if m.date is not None and m.scope == "event" and not m.planned:
                dated.setdefault(m.paragraph, m.date)
                dated.setdefault((m.paragraph, "first"), m.date)
            continue
        if m.event_type == PLACE_LIST:
            place_list(drafts, m, loc)
            continue
        if m.role in SUMMARY_ROLES:
            summaries.append((m, loc, when_of(doc, m, ctx, {})))
            continue
        if loc.places and m.scope == "event" and loc.basis == "named":
            context[m.paragraph] = loc
        when = when_of(doc, m, ctx, dated)
        told, orphans = _told_before(drafts, m, loc)
        same_type = [d for d in drafts if d.mention.event_type == m.event_type]
        if told is None and same_type and _compatible(same_type[-1], m, loc, when):
            told, orphans = same_type[-1], True
        decided, chosen = link(
            drafts,
            m,
            loc,
            when,
            told,
            doc.article.id,
            doc.article.language or "en",
            lambda d, m=m, loc=loc, when=when: _compatible(d, m, loc, when),
        )
        if decided and chosen is not told:
            told, orphans = chosen, True  # the learned link overrules the rules
        if told is not None:
            merge_into(told, m, loc, when, orphans)
            continue
        new_draft(drafts, m, loc, when)
    return one_figure_once(place_summaries(drafts, summaries))
