"""From mentions to incidents: locate, date, merge within and across articles.

Within an article, a mention joins the latest incident of the same type when
nothing tells them apart: same provinces (or one without any), same day (or one
only dated by the page), no different clock time, no "another"/"a further", and
no count of the same kind with another value. The text "a further exchange ...
at 9.15am" therefore starts a new incident; "the blast happened ... in Nam Yuen
district" refines the lead's "a mine wounded three soldiers near the border".

Across articles, incidents with the same date, event type and provinces (event
scope, located at least to a province) are one incident with every source
kept. The figures shown for it are, per kind, those of the most recently
published source (later reports carry updated tolls), ties going to the higher
low bound; every source's own figures stay in ``sources``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from bordermap.geo.dates import parse_dateline
from bordermap.geo.gazetteer import Gazetteer
from bordermap.geo.geocode import Location, geocode
from bordermap.geo.mentions import Mention, extract_mentions
from bordermap.geo.records import (
    VIOLENT_TYPES,
    Article,
    Count,
    Incident,
    Precision,
    Quote,
    Source,
)
from bordermap.geo.text import sentences

__all__ = ["article_incidents", "merge_reports"]

logger = logging.getLogger(__name__)
_COUNT_KINDS = ("killed", "wounded", "displaced")


@dataclass
class _Draft:
    mention: Mention
    location: Location
    date: date | None
    date_text: str
    date_basis: str
    fallback: bool  # dated only by the page (dateline or publication date)
    counts: dict[str, Count] = field(default_factory=dict)
    other_counts: dict[str, Count] = field(default_factory=dict)
    attribution: str = ""


def _compatible(
    d: _Draft, m: Mention, loc: Location, day: date | None, fallback: bool
) -> bool:
    if d.mention.event_type != m.event_type or d.mention.scope != m.scope:
        return False
    if d.mention.planned != m.planned or m.new_event:
        return False
    if d.mention.background != m.background:
        return False  # "earlier this year" is never today's incident
    if d.location.admin1 and loc.admin1 and d.location.admin1 != loc.admin1:
        return False
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
    if d.date and day and d.date != day and not (d.fallback or fallback):
        return False
    if d.mention.clock and m.clock and d.mention.clock != m.clock:
        return False
    return all(
        d.counts[k].best == c.best
        for k, c in m.counts.items()
        if k in d.counts
        and d.counts[k].qualifier != "unquantified"
        and c.qualifier != "unquantified"
    )


def _tells_more(d: _Draft, m: Mention, loc: Location) -> bool:
    """Whether a sentence of counts alone tells more of a violent incident just told.

    It has no event word of its own, follows within two sentences, names no
    other province, country or day, and gives kinds of count the incident lacks.
    """
    return (
        not m.trigger
        and m.scope == "event"
        and not m.background
        and _has_counts(m.counts)
        and d.mention.event_type in VIOLENT_TYPES
        and d.mention.scope == "event"
        and not d.mention.background
        and 0 < m.sentence - d.mention.sentence <= 2
        and _same_place(d.location, loc)
        and not (m.countries and d.location.country_iso3 not in m.countries)
        and (m.date is None or d.date is None or m.date == d.date)
        and not any(_has_counts({k: d.counts[k]}) for k in m.counts if k in d.counts)
    )


def _has_counts(counts: dict[str, Count]) -> bool:
    return any(c.qualifier != "unquantified" for c in counts.values())


def _merge(
    d: _Draft,
    m: Mention,
    loc: Location,
    day: date | None,
    text: str,
    basis: str,
    fallback: bool,
) -> None:
    if list(Precision).index(loc.precision) < list(Precision).index(
        d.location.precision
    ):
        d.location = loc
    if day and (d.date is None or (d.fallback and not fallback)):
        d.date, d.date_text, d.date_basis, d.fallback = day, text, basis, fallback
    for k, c in m.counts.items():
        if k not in d.counts or d.counts[k].qualifier == "unquantified":
            d.counts[k] = c
    for k, c in m.other_counts.items():
        d.other_counts.setdefault(k, c)
    d.attribution = d.attribution or m.attribution


def _same_place(a: Location, b: Location) -> bool:
    return not a.admin1 or not b.admin1 or a.admin1 == b.admin1


def _adopt_orphans(d: _Draft, m: Mention) -> None:
    for kind, count in m.orphan_counts.items():
        d.counts.setdefault(kind, count)


#: Longer texts (a scraped dump pasted as one article) are read in pieces of about
#: this many characters, cut at paragraph breaks: time stays linear and memory
#: stays that of one piece plus the text itself.
CHUNK_CHARS = 200_000


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start + CHUNK_CHARS // 2, end)
            end = cut if cut > start else end
        yield start, end
        start = end


def _shift_quote(quote: Quote | None, offset: int, article_id: str) -> Quote | None:
    if quote is None:
        return None
    return replace(
        quote, source_id=article_id, start=quote.start + offset, end=quote.end + offset
    )


def _shift_count(count: Count | None, offset: int, article_id: str) -> Count | None:
    if count is None:
        return None
    return replace(count, quote=_shift_quote(count.quote, offset, article_id))


def _long_article_incidents(article: Article, gazetteer: Gazetteer) -> list[Incident]:
    out: list[Incident] = []
    for start, end in _pieces(article.text):
        piece = replace(article, text=article.text[start:end])
        for inc in article_incidents(piece, gazetteer):
            n = len(out) + 1
            out.append(
                replace(
                    inc,
                    id=f"{article.id}-{n:02d}",
                    quote=_shift_quote(inc.quote, start, article.id),
                    killed=_shift_count(inc.killed, start, article.id),
                    wounded=_shift_count(inc.wounded, start, article.id),
                    displaced=_shift_count(inc.displaced, start, article.id),
                    other_counts={
                        k: _shift_count(c, start, article.id)
                        for k, c in inc.other_counts.items()
                    },
                    sources=tuple(
                        replace(
                            s,
                            quote=_shift_quote(s.quote, start, article.id),
                            killed=_shift_count(s.killed, start, article.id),
                            wounded=_shift_count(s.wounded, start, article.id),
                            displaced=_shift_count(s.displaced, start, article.id),
                        )
                        for s in inc.sources
                    ),
                )
            )
    return out


def article_incidents(article: Article, gazetteer: Gazetteer) -> list[Incident]:
    """Incidents of one article, in text order.

    Parameters
    ----------
    article : Article
    gazetteer : Gazetteer

    Returns
    -------
    list of Incident
        Ids are ``<article id>-<n>``, numbered in text order.

    Examples
    --------
    >>> from bordermap.geo.gazetteer import load_gazetteer
    >>> a = Article(id="a", text="Shelling killed two villagers in Surin on Monday.",
    ...             published=date(2025, 7, 29))
    >>> [(i.event_type, i.admin1_iso, i.killed.best, str(i.date))
    ...  for i in article_incidents(a, load_gazetteer())]
    [('shelling', ('TH-32',), 2, '2025-07-28')]
    """
    if len(article.text) > CHUNK_CHARS:
        return _long_article_incidents(article, gazetteer)
    text = article.text
    dateline = parse_dateline(text, article.published)
    sents = sentences(article)
    mentions = extract_mentions(article, sents, gazetteer, dateline)
    matches = gazetteer.find(text)
    article_countries = frozenset(
        {iso for _, _, iso, _ in gazetteer.find_countries(f"{article.title}\n{text}")}
        | {p.country_iso3 for pm in matches for p in pm.places if p.curated}
    )
    article_admin1 = {
        p.admin1_iso
        for pm in matches
        for p in pm.places
        if p.kind == "admin1" and (p.curated or p.country_iso3 in article_countries)
    }
    dateline_loc = None
    home = None  # the country the report is filed from (dateline)
    if dateline:
        line_text = text[: dateline.end]
        homes = {iso for _, _, iso, _ in gazetteer.find_countries(line_text)} | {
            p.country_iso3
            for pm in gazetteer.find(line_text)
            for p in pm.places
            if p.curated or p.country_iso3 in article_countries
        }
        home = homes.pop() if len(homes) == 1 else None
        found = [
            p
            for pm in gazetteer.find(dateline.place)
            for p in pm.places
            if p.border and (p.curated or p.country_iso3 in article_countries)
        ]
        if found:
            best = min(found, key=lambda p: {"admin1": 0, "admin2": 1}.get(p.kind, 2))
            dateline_loc = Location(
                best.precision,
                (best,),
                best.country_iso3,
                "named_in_context",
                dateline.place,
            )
            article_admin1.add(best.admin1_iso)
    page_day = dateline.date if dateline and dateline.date else article.published
    page_basis = "dateline" if dateline and dateline.date else "publication date"
    drafts: list[_Draft] = []
    context: dict[int, Location] = {}
    dated: dict[int, date] = {}  # the last day an event of the paragraph was given
    for m in mentions:
        loc = geocode(
            text,
            m,
            article_admin1,
            context.get(m.paragraph) or dateline_loc,
            article_countries,
            home,
        )
        if loc.places and m.scope == "event" and loc.basis == "named":
            context[m.paragraph] = loc
        day, basis, day_text, fallback = m.date, m.date_basis, m.date_text, False
        if (
            day is None
            and not m.planned
            and not m.background
            and m.paragraph in dated
            and m.scope == "event"
        ):
            # "An hour later, rockets set fire ...": the day of the paragraph so far
            day, basis, day_text = dated[m.paragraph], "paragraph context", ""
        elif day is None and not m.planned and not m.background:
            day, basis, day_text = page_day, page_basis if page_day else "", ""
            fallback = True
        elif day is not None and not m.planned and m.scope == "event":
            dated[m.paragraph] = day
        violent = [
            d
            for d in drafts
            if d.mention.event_type in VIOLENT_TYPES and d.mention.scope == "event"
        ]
        if (
            m.anaphoric
            and violent
            and _same_place(violent[-1].location, loc)
            and violent[-1].mention.background == m.background
        ):
            # "the shooting took place in Prey Chan": the incident told before
            _merge(violent[-1], m, loc, day, day_text, basis, fallback)
            _adopt_orphans(violent[-1], m)
            continue
        told = next((d for d in reversed(drafts[-5:]) if _tells_more(d, m, loc)), None)
        if told is not None:
            # "... had struck Veal Veng district overnight. One elderly man was
            # killed and two children were injured, the spokeswoman said."
            _merge(told, m, loc, day, day_text, basis, fallback)
            continue
        same_type = [d for d in drafts if d.mention.event_type == m.event_type]
        last = same_type[-1] if same_type else None
        if last is not None and _compatible(last, m, loc, day, fallback):
            _merge(last, m, loc, day, day_text, basis, fallback)
            _adopt_orphans(last, m)
            continue
        draft = _Draft(
            m,
            loc,
            day,
            day_text,
            basis,
            fallback,
            dict(m.counts),
            dict(m.other_counts),
            m.attribution,
        )
        drafts.append(draft)
        # a count that fits no mention of its sentence ("He confirmed one death")
        # belongs to the latest violent incident; if that has one, it is a restatement
        if m.orphan_counts:
            _adopt_orphans(violent[-1] if violent else draft, m)
    return [_incident(article, n, d) for n, d in enumerate(drafts, 1)]


def _incident(article: Article, n: int, d: _Draft) -> Incident:
    m, loc = d.mention, d.location
    place = loc.places[0] if loc.places else None
    sites = [p.name for p in loc.places if p.precision is Precision.SITE]
    return Incident(
        id=f"{article.id}-{n:02d}",
        article_id=article.id,
        event_type=m.event_type,
        scope=m.scope,
        date=d.date,
        date_text=d.date_text,
        precision=loc.precision,
        place_name=loc.as_written or (place.name if place else ""),
        country_iso3=loc.country_iso3,
        admin1_iso=loc.admin1,
        admin1_name=tuple(sorted({p.admin1_name for p in loc.places if p.admin1_name})),
        admin2_name=tuple(sorted({p.admin2_name for p in loc.places if p.admin2_name})),
        site="; ".join(sites),
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        attribution=d.attribution,
        killed=d.counts.get("killed"),
        wounded=d.counts.get("wounded"),
        displaced=d.counts.get("displaced"),
        other_counts=dict(sorted(d.other_counts.items())),
        planned=m.planned,
        quote=m.quote,
        sources=(
            Source(
                article.id,
                article.title,
                article.url,
                article.file,
                article.published,
                m.quote,
                d.counts.get("killed"),
                d.counts.get("wounded"),
                d.counts.get("displaced"),
            ),
        ),
    )


def _report_key(inc: Incident) -> tuple | None:
    if inc.scope != "event" or inc.planned or inc.date is None or not inc.admin1_iso:
        return None
    return (inc.date, inc.event_type, inc.admin1_iso)


def _pick(sources: Iterable[Source], kind: str) -> Count | None:
    given = [s for s in sources if getattr(s, kind) is not None]
    if not given:
        return None
    best = max(
        given,
        key=lambda s: (
            s.published or date.min,
            getattr(s, kind).low or -1,
            s.article_id,
        ),
    )
    return getattr(best, kind)


def merge_reports(incidents: Iterable[Incident]) -> Iterator[Incident]:
    """Merge the same incident reported by several articles.

    Parameters
    ----------
    incidents : iterable of Incident

    Yields
    ------
    Incident
        Merged incidents keep the id of their first report, list every source,
        and show per kind the figures of the most recently published source.
    """
    groups: dict[tuple, list[Incident]] = {}
    order: list[tuple] = []
    for inc in incidents:
        key = _report_key(inc) or ("single", inc.id)
        if key not in groups:
            order.append(key)
            groups[key] = []
        groups[key].append(inc)
    for key in order:
        group = groups[key]
        first = group[0]
        if len(group) == 1:
            yield first
            continue
        sources = tuple(s for inc in group for s in inc.sources)
        yield replace(
            first,
            killed=_pick(sources, "killed"),
            wounded=_pick(sources, "wounded"),
            displaced=_pick(sources, "displaced"),
            attribution="; ".join(
                dict.fromkeys(i.attribution for i in group if i.attribution)
            ),
            sources=sources,
        )
