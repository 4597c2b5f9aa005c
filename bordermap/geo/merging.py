"""Pass 6: the frames of one article, located, dated and merged into incidents.

Each frame is located (:func:`bordermap.geo.geocode.geocode`) and dated: its own
date, else the day of its paragraph so far, else the page's day (dateline or
publication date). A frame then joins an incident already told when the text
tells the same one again:

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
total must not become a province's number.

Headlines, standfirsts, section headings and photo captions summarise the
story: their frames are merged last, each into the body incident that tells
the same (no other figure of the same kind, same provinces or none, same day),
adding only what the body lacks (a figure, a province); a summary that tells
what the body does not is an incident of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations

from bordermap.geo.boundaries import land_neighbours
from bordermap.geo.document import Document, Mention
from bordermap.geo.gazetteer import name_key
from bordermap.geo.geocode import Location, geocode
from bordermap.geo.reading import PLACE_LIST
from bordermap.geo.records import VIOLENT_TYPES, Count, Precision

__all__ = ["ArticleContext", "Draft", "When", "article_context", "merge_mentions"]


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


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the whole article says that its frames are read against."""

    countries: frozenset[str]  # countries the article speaks of
    admin1: frozenset[str]  # provinces it names anywhere
    dateline: Location | None  # where the report is filed from
    home: str | None  # the dateline's country
    page_day: date | None
    page_basis: str


def _dateline_location(doc: Document, countries: frozenset[str]) -> Location | None:
    if not doc.dateline.place:
        return None
    found = [
        p
        for pm in doc.gazetteer.find(doc.dateline.place)
        for p in pm.places
        if p.border and (p.curated or p.country_iso3 in countries)
    ]
    if not found:
        return None
    best = min(found, key=lambda p: {"admin1": 0, "admin2": 1}.get(p.kind, 2))
    return Location(
        best.precision,
        (best,),
        best.country_iso3,
        "named_in_context",
        doc.dateline.place,
    )


def _home(doc: Document, countries: frozenset[str]) -> str | None:
    """Return the country the report is filed from, as its dateline names it."""
    line = doc.text[doc.dateline.start : doc.dateline.end]
    homes = {iso for _, _, iso, _ in doc.gazetteer.find_countries(line)} | {
        p.country_iso3
        for pm in doc.gazetteer.find(line)
        for p in pm.places
        if p.curated or p.country_iso3 in countries
    }
    return homes.pop() if len(homes) == 1 else None


def _border_of(named: Counter) -> frozenset[str]:
    """Narrow the countries an article speaks of to its border, where it has one.

    The two land neighbours it names most are its border ("Gaza" in a report on
    Israel and Lebanon is not a place on that border); an article naming no two
    neighbours keeps every country it names.
    """
    pairs = [
        (named[a] + named[b], min(named[a], named[b]), a, b)
        for a, b in combinations(sorted(named), 2)
        if b in land_neighbours(a)
    ]
    if not pairs:
        return frozenset(named)
    _, _, a, b = max(pairs)
    return frozenset({a, b})


def article_context(doc: Document) -> ArticleContext:
    """Read the countries, provinces, dateline and page day of the whole article."""
    article, gazetteer, text = doc.article, doc.gazetteer, doc.text
    matches = gazetteer.find(text)
    named = Counter(
        iso for _, _, iso, _ in gazetteer.find_countries(f"{article.title}\n{text}")
    )
    named.update(p.country_iso3 for pm in matches for p in pm.places if p.curated)
    countries = _border_of(named)
    admin1 = {
        p.admin1_iso
        for pm in matches
        for p in pm.places
        if p.kind == "admin1" and (p.curated or p.country_iso3 in countries)
    }
    line = home = None
    if doc.dateline:
        home = _home(doc, countries)
        line = _dateline_location(doc, countries)
        if line is not None:
            admin1.add(line.places[0].admin1_iso)
    dated = bool(doc.dateline and doc.dateline.date)
    return ArticleContext(
        countries=countries,
        admin1=frozenset(admin1),
        dateline=line,
        home=home,
        page_day=doc.ref,
        page_basis="dateline" if dated else "publication date",
    )


_POINTS_BACK = re.compile(
    r"\b(?:from|in|near|around|to)\s+the\s+(?:area|village|town|site|vicinity|scene|"
    r"district)\b|\bthere\b(?!\s+(?:is|are|was|were|have|has|had)\b)",
    re.I,
)
_GOES_ON = re.compile(
    r"\b(?:then|afterwards|after\s+that|shortly\s+(?:after|afterwards)|hours\s+later"
    r"|ha(?:s|ve|d)\s+since"
    r"|that\s+(?:night|evening|afternoon|morning|day)|the\s+same\s+day)\b",
    re.I,
)


def _when(doc: Document, m: Mention, ctx: ArticleContext, dated: dict) -> When:
    """Date a frame: its own day, the paragraph's day so far, or the page's."""
    goes_on = _GOES_ON.search(doc.text, m.start, m.end)
    if (
        m.date is None
        and m.paragraph not in dated
        and m.paragraph - 1 in dated
        and goes_on
    ):
        # "On March 2, clashes erupted ... [next paragraph] Shelling then killed
        # two": the story goes on with the last day told before; "The round
        # started on Dec. 8 ... Combat has since spread": with the first
        since = goes_on.group().casefold().endswith("since")
        dated[m.paragraph] = dated[
            (m.paragraph - 1, "first") if since else m.paragraph - 1
        ]
    if m.date is None and not m.planned and not m.background:
        if m.paragraph in dated and m.scope == "event":
            # "An hour later, rockets set fire ...": the day of the paragraph so far
            return When(dated[m.paragraph], "", "paragraph context", False)
        basis = ctx.page_basis if ctx.page_day else ""
        return When(ctx.page_day, "", basis, True)
    if m.date is not None and not m.planned and m.scope == "event":
        dated[m.paragraph] = m.date
        dated.setdefault((m.paragraph, "first"), m.date)
    return When(m.date, m.date_text, m.date_basis, False)


def _has_figures(m: Mention) -> bool:
    """Whether a frame gives a killed, wounded or displaced figure (a number)."""
    return any(c.best is not None or c.low is not None for c in m.counts.values())


def _has_counts(counts: dict[str, Count]) -> bool:
    return any(c.qualifier != "unquantified" for c in counts.values())


def _same_place(a: Location, b: Location) -> bool:
    return not a.admin1 or not b.admin1 or a.admin1 == b.admin1


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
        and _has_counts(d.counts)
        and _has_counts(m.counts)
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
        or (_has_counts(d.counts) and _has_counts(m.counts))
    ):
        return False
    if d.date and when.day and d.date != when.day and not (d.fallback or when.fallback):
        return False
    if d.mention.clock and m.clock and d.mention.clock != m.clock:
        return False
    if _other_claimant(d, m):
        return False  # two sides' figures are two reports, never one

    return all(
        d.counts[k].best == c.best
        for k, c in m.counts.items()
        if k in d.counts
        and d.counts[k].qualifier != "unquantified"
        and c.qualifier != "unquantified"
    )


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
        and _has_counts(m.counts)
        and d.mention.event_type in VIOLENT_TYPES
        and d.mention.scope == "event"
        and not d.mention.background
        and _near(d, m)
        and _same_place(d.location, loc)
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
        and not _has_counts(m.counts)
        and d.mention.event_type in VIOLENT_TYPES
        and d.mention.scope == "event"
        and d.mention.background == m.background
        and 0 <= m.sentence - d.mention.sentence <= 4
        and m.paragraph - d.mention.paragraph <= 1
        and _same_place(d.location, loc)
    )


def _merge(d: Draft, m: Mention, loc: Location, when: When, orphans: bool) -> None:
    """Add what a frame tells to an incident already told."""
    order = list(Precision)
    if order.index(loc.precision) < order.index(d.location.precision):
        d.location = loc
    if when.day and (d.date is None or (d.fallback and not when.fallback)):
        d.date, d.date_text, d.date_basis = when.day, when.text, when.basis
        d.fallback = when.fallback
    for k, c in m.counts.items():
        if k not in d.counts or d.counts[k].qualifier == "unquantified":
            d.counts[k] = c
    for k, c in m.other_counts.items():
        d.other_counts.setdefault(k, c)
    d.attribution = d.attribution or m.attribution
    if orphans:
        _adopt_orphans(d, m)


def _adopt_orphans(d: Draft, m: Mention) -> None:
    for kind, count in m.orphan_counts.items():
        d.counts.setdefault(kind, count)


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
            _same_place(referent.location, loc)
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


_SUMMARY_ROLES = frozenset({"headline", "caption"})
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
    if d.mention.role in _SUMMARY_ROLES or d.mention.planned != m.planned:
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


def _place_summaries(
    doc: Document,
    ctx: ArticleContext,
    drafts: list[Draft],
    summaries: list[tuple[Mention, Location, When]],
) -> list[Draft]:
    """Merge each summary frame into the incident it summarises, else keep it."""
    for m, loc, when in summaries:
        fits = [(_summary_fit(d, m, loc, when), -i) for i, d in enumerate(drafts)]
        best = max(fits, default=(0, 0))
        if best[0] > 0:
            _merge_summary(drafts[-best[1]], m, loc, when)
        else:
            _new_draft(drafts, m, loc, when)
    return sorted(drafts, key=lambda d: d.mention.start)


def _place_list(drafts: list[Draft], m: Mention, loc: Location) -> None:
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
        if told is None and context and _POINTS_BACK.search(doc.text, m.start, m.end):
            # "are evacuating people from the area": the place told last
            told = context[max(context)]
        loc = geocode(
            doc.text, m, ctx.admin1, told or ctx.dateline, ctx.countries, ctx.home
        )
        if m.background and not _has_figures(m):
            # background without a figure is not an incident; its day still
            # dates what its paragraph tells next ("started on Dec. 8 ... jets
            # have struck")
            if m.date is not None and m.scope == "event" and not m.planned:
                dated.setdefault(m.paragraph, m.date)
                dated.setdefault((m.paragraph, "first"), m.date)
            continue
        if m.event_type == PLACE_LIST:
            _place_list(drafts, m, loc)
            continue
        if m.role in _SUMMARY_ROLES:
            summaries.append((m, loc, _when(doc, m, ctx, {})))
            continue
        if loc.places and m.scope == "event" and loc.basis == "named":
            context[m.paragraph] = loc
        when = _when(doc, m, ctx, dated)
        told, orphans = _told_before(drafts, m, loc)
        if told is not None:
            _merge(told, m, loc, when, orphans)
            continue
        same_type = [d for d in drafts if d.mention.event_type == m.event_type]
        if same_type and _compatible(same_type[-1], m, loc, when):
            _merge(same_type[-1], m, loc, when, True)
            continue
        _new_draft(drafts, m, loc, when)
    return _one_figure_once(_place_summaries(doc, ctx, drafts, summaries))


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


def _one_figure_once(drafts: list[Draft]) -> list[Draft]:
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


def _new_draft(drafts: list[Draft], m: Mention, loc: Location, when: When) -> None:
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
        _adopt_orphans(violent[-1] if violent else draft, m)
