"""What a whole article tells its frames: its border, dateline, page day.

:func:`article_context` reads the countries an article speaks of (narrowed to
its border), the provinces it names, where it is filed from and the day it
speaks for; :func:`when_of` dates a frame by its own day, the day of its
paragraph so far (or of the paragraph before, where the story goes on), or the
page's day.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from bordermap.geo.extract.document import Document, Mention
from bordermap.geo.extract.pass6_merging.drafts import When
from bordermap.geo.extract.pass6_merging.geocode import Location
from bordermap.geo.places.boundaries import land_neighbours
from bordermap.geo.places.villages import facing_provinces

__all__ = ["ArticleContext", "article_context", "when_of"]


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
    """Where the report is filed from, where that may be where things happen.

    With a border mapped, only a place of a province facing the other country:
    a capital's bureau ("AMMAN (AP)", "N'DJAMENA") files news of a border far off.
    """
    if not doc.dateline.place:
        return None
    border = tuple(doc.gazetteer.border)
    facing = facing_provinces(border) if len(border) == 2 else None
    found = [
        p
        for pm in doc.gazetteer.find(doc.dateline.place)
        for p in pm.places
        if p.border
        and (p.curated or p.country_iso3 in countries)
        and (facing is None or p.admin1_iso in facing)
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
    # the border mapped (--countries) is spoken of whether or not it is named
    countries = _border_of(named) | frozenset(gazetteer.border)
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


_GOES_ON = re.compile(
    r"\b(?:then|afterwards|after\s+that|shortly\s+(?:after|afterwards)|hours\s+later"
    r"|ha(?:s|ve|d)\s+since"
    r"|that\s+(?:night|evening|afternoon|morning|day)|the\s+same\s+day)\b",
    re.I,
)


def when_of(doc: Document, m: Mention, ctx: ArticleContext, dated: dict) -> When:
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
