"""Resolve the places of a mention to a location with an honest precision.

Rules, in order:

1. Launch sites ("fired from X", "a base at X") were removed by the extractor.
2. A name followed by a word of another level ("Prasat subdistrict" when the
   gazetteer only knows the district Prasat) is a different, unknown place.
3. Meeting venues abroad count only for agreements and only after "in"/"at".
4. A province outside the border provinces counts only when the text calls it a
   province; a district or site outside them (a false friend, e.g. a town of the
   same name far away) only when its province is named in the article too.
   Names from the world layers (towns near any land border, admin-1 units)
   count only for countries the article names; a name found in several
   countries takes the country of a province another name of the mention
   gives, else the one the sentence names ("Pakistan's Punjab").
5. Names that agree (site in district in province) give the finest of them;
   names in different provinces give all those provinces at admin-1 precision.
   A bare name shared by a world town and the district named after it is the
   town ("Lahore"); "Lahore district" is the district (rule 2).
6. With no place: "along the border", "on the front line", "on both sides" give
   ``border`` precision and no province; a country cue ("inside Cambodia")
   gives ``country``; otherwise the mention takes the place of the preceding
   mention in its paragraph or the dateline (``named_in_context``); an
   aggregate, an event of an earlier period ("earlier this year") or a mention
   without any of these stays ``unknown``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from bordermap.geo.extract.document import Mention
from bordermap.geo.places.gazetteer import PlaceMatch, name_key
from bordermap.geo.records import Place, Precision

__all__ = ["Location", "geocode", "resolve_places"]

_LEVEL_WORD = re.compile(
    r"\s*(?P<w>province|changwat|khaet|district|amphoe|amphur|srok|khet|subdistrict|tambon|"
    r"commune|sangkat|village|moo|hamlet|town|city|temple|ruins|hill|checkpoint|market)\b",
    re.I,
)
_LEVEL_KINDS = {
    "province": {"admin1"},
    "changwat": {"admin1"},
    "khaet": {"admin1"},
    "district": {"admin2"},
    "amphoe": {"admin2"},
    "amphur": {"admin2"},
    "srok": {"admin2"},
    "khet": {"admin2"},
    "subdistrict": {"subdistrict", "commune"},
    "tambon": {"subdistrict"},
    "commune": {"commune", "subdistrict"},
    "sangkat": {"commune"},
    "village": {"village"},
    "moo": {"village"},
    "hamlet": {"village"},
    "town": {"town"},
    "city": {"town"},
}
_ORDER = {"admin1": 0, "venue": 0, "admin2": 1}
# "the disputed jungle around the Ta Moan temples": a site the text itself calls
# disputed keeps both sides' provinces
_DISPUTED = re.compile(
    r"\bdisputed\b|\bcontested\b|\bclaimed\s+by\s+both\b|\bboth\s+(?:sides|countries)"
    r"\s+claim\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an incident happened, as precisely as the text allows."""

    precision: Precision
    places: tuple[Place, ...] = ()  # finest place per province
    country_iso3: str | None = None
    basis: str = ""  # "named", "named_in_context", "inferred", "border", ...
    as_written: str = ""
    notes: tuple[str, ...] = ()  # namesakes and how one was chosen

    @property
    def admin1(self) -> tuple[str, ...]:
        """ISO 3166-2 codes of the provinces, sorted."""
        return tuple(sorted({p.admin1_iso for p in self.places if p.admin1_iso}))


_SMALLER = {"subdistrict", "tambon", "commune", "sangkat", "village", "moo", "hamlet"}


def _level_filter(text: str, pm: PlaceMatch) -> tuple[Place, ...]:
    """Keep the readings of a name that fit the level word after it.

    "Prasat subdistrict" is not the district Prasat: a smaller unit than any
    reading rules them all out. "Lachin district" keeps the admin-1 reading
    where no district of that name is known (rayons are admin-1 units).
    """
    word = _LEVEL_WORD.match(text, pm.end)
    if not word:
        return pm.places
    level = word.group("w").casefold()
    kinds = _LEVEL_KINDS.get(level)
    if kinds is None:
        return pm.places
    fitting = tuple(p for p in pm.places if p.kind in kinds)
    if fitting or level in _SMALLER:
        return fitting
    return pm.places


def resolve_places(
    text: str,
    mention: Mention,
    article_admin1: set[str],
    article_countries: frozenset[str] = frozenset(),
    home: str | None = None,
) -> list[tuple[PlaceMatch, tuple[Place, ...]]]:
    """Candidate places of a mention after rules 2-5 of the module docstring."""
    out = []
    # provinces the mention's unambiguous names give (they settle a namesake)
    sure = set()
    for pm in mention.places:
        codes = {
            p.admin1_iso
            for p in _level_filter(text, pm)
            if p.curated or p.country_iso3 in article_countries
        }
        if len(codes) == 1:
            sure |= codes
    for pm in mention.places:
        places = _level_filter(text, pm)
        # a disputed site: the province of the side that reports from it (the
        # dateline's country), else the province that administers it
        disputed = any(p.kind.endswith("_claim") for p in places) and bool(
            _DISPUTED.search(
                text, max(0, mention.start - 120), min(len(text), mention.end + 120)
            )
        )
        if any(p.kind.endswith("_claim") for p in places) and not disputed:
            # "Ta Muen Thom temple in Oddar Meanchey province": the side whose
            # province the sentence names, else the reporting side
            side = (
                [p for p in places if p.admin1_iso in sure]
                or [p for p in places if p.country_iso3 in mention.countries]
                or [p for p in places if p.country_iso3 == home]
            )
            places = tuple(side) or tuple(
                p for p in places if not p.kind.endswith("_claim")
            )
        # a meeting "in Kuala Lumpur": a venue, wherever it is
        venue = mention.event_type == "ceasefire_agreement" and bool(
            re.search(r"\b(?:in|at)\s+$", text[max(0, pm.start - 6) : pm.start])
        )
        # world-layer names count only for countries the article speaks of
        places = tuple(
            p
            for p in places
            if p.curated or p.country_iso3 in article_countries or venue
        )
        # a name in several countries: the country of a province another name
        # gives ("Indian-administered Kashmir district of Poonch"), else the one
        # the sentence names ("Pakistan's Punjab")
        countries = {p.country_iso3 for p in places}
        beside = {p.country_iso3 for p in places if p.admin1_iso in sure}
        chosen = beside if len(beside) == 1 else set(mention.countries) & countries
        if len(countries) > 1 and chosen:
            places = tuple(p for p in places if p.country_iso3 in chosen)
        word = _LEVEL_WORD.match(text, pm.end)
        called_province = bool(
            word and word.group("w").casefold() in {"province", "changwat"}
        )
        keep = []
        for place in places:
            if place.kind in ("venue", "capital") or (
                place.kind == "admin1" and not place.border
            ):
                if venue or (place.kind == "admin1" and called_province):
                    keep.append(place)
            elif place.border or place.admin1_iso in article_admin1:
                keep.append(place)
        if keep and disputed:
            # a site the text calls disputed: each side's province, both kept
            out.extend((pm, (place,)) for place in keep)
        elif keep:
            out.append((pm, tuple(keep)))
    return out


def _nearest(places: tuple[Place, ...], anchors: list[Place]) -> Place | None:
    """Find the namesake far nearer than the others to the mention's other places.

    Nearer means within ``NEAR_DEG`` of one of them and at most half as far as
    the next namesake; None where no namesake is.
    """
    spots = [(a.lat, a.lon) for a in anchors if a.lat is not None and a.lon is not None]
    if not spots:
        return None
    far = []
    for p in places:
        if p.lat is None or p.lon is None:
            return None
        far.append((min(_degrees(p.lat, p.lon, *s) for s in spots), p))
    far.sort(key=lambda f: f[0])
    (best, place), (second, _) = far[0], far[1]
    return place if best <= NEAR_DEG and best * 2 <= second else None


def _anchors(candidates, pm: PlaceMatch) -> list[Place]:
    """List the places of the mention's other names that lie in one province.

    Against them a namesake is measured ("Kaliganj" beside Lalmonirhat's
    villages, not Satkhira's town).
    """
    return [
        q
        for other, ps in candidates
        if other is not pm and len({q.admin1_iso for q in ps}) == 1
        for q in ps
    ]


def _degrees(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in degrees of latitude, on a plane (a few hundred km at most)."""
    return math.hypot(lat1 - lat2, (lon1 - lon2) * math.cos(math.radians(lat1)))


#: A namesake this near (about 100 km) to another place of the mention is it.
NEAR_DEG = 1.0


def _finest(
    candidates: list[tuple[PlaceMatch, tuple[Place, ...]]],
    article_admin1: set[str] = frozenset(),
    notes: list[str] | None = None,
) -> list[Place]:
    """One place per province: the finest level named for it.

    A name of places in several provinces is settled by the rules below or
    left out; either way ``notes`` (when given) gets a line saying so.
    """
    by_province: dict[str, list[Place]] = {}
    notes = [] if notes is None else notes
    # a name of one province confirms it for an ambiguous name before or after
    # it ("Poonch district of Jammu and Kashmir")
    sure: set[str] = set()
    for _, places in candidates:
        units = {p.admin1_iso for p in places if p.kind == "admin1"}
        codes = units if len(units) == 1 else {p.admin1_iso for p in places}
        if len(codes) == 1:
            sure |= codes
    for pm, places in candidates:
        # a name that is a province's name denotes the province ("Lachin"), even
        # where a town of that name lies in another unit of the simplified layer
        units = tuple(p for p in places if p.kind == "admin1")
        if len({p.admin1_iso for p in units}) == 1:
            places = units
        # a world district named after its seat: the bare name is the town
        # ("Lahore"); "Kurram district" kept only the district (rule 2)
        seats = {p.admin1_iso for p in places if p.kind == "town" and not p.curated}
        places = tuple(
            p
            for p in places
            if p.kind != "admin2" or p.curated or p.admin1_iso not in seats
        )
        provinces = {p.admin1_iso for p in places}
        if len(provinces) > 1:
            # an ambiguous name: keep it where another name of the mention
            # confirms the province, where it is one place's own name (not an
            # alternative name), where the article names one of the provinces,
            # or where one town of that name is far larger than the others
            confirmed = [
                p for p in places if p.admin1_iso in by_province or p.admin1_iso in sure
            ]
            # "Jermuk" is a town's own name, and another village's other name
            own = [p for p in places if name_key(p.name) == name_key(pm.text)]
            named = [p for p in places if p.admin1_iso in article_admin1]
            towns = sorted(
                (p for p in places if p.population), key=lambda p: -p.population
            )
            # "over Jammu and Kashmir and Punjab": the country of the names beside it
            beside = {q.country_iso3 for ps in by_province.values() for q in ps}
            same_country = [p for p in places if p.country_iso3 in beside]
            which = ", ".join(sorted(provinces))
            if confirmed:
                places, why = tuple(confirmed), "the province another name gives"
            elif len({p.admin1_iso for p in same_country}) == 1:
                places, why = tuple(same_country), "the country of the names beside it"
            elif len({p.admin1_iso for p in own}) == 1:
                places, why = tuple(own), "its own name, the others' other name"
            elif len({p.admin1_iso for p in named}) == 1:
                places, why = tuple(named), "the province the article names"
            elif (near := _nearest(places, _anchors(candidates, pm))) is not None:
                places, why = (near,), "the namesake nearest the mention's other places"
            elif len(towns) == len(places) and towns[0].population >= 5 * max(
                1, towns[1].population
            ):
                places, why = (towns[0],), "the far larger town"
            else:
                notes.append(f"{pm.text!r} names places in {which}: none taken")
                continue
            notes.append(
                f"{pm.text!r} names places in {which}: "
                f"{', '.join(sorted({p.admin1_iso for p in places}))} taken ({why})"
            )
        # the coarsest reading of one name is the honest one ("Surin": the province)
        best = min(places, key=lambda p: _ORDER.get(p.kind, 2))
        by_province.setdefault(best.admin1_iso, []).append(best)
    return [
        max(ps, key=lambda p: _ORDER.get(p.kind, 2))
        for _, ps in sorted(by_province.items())
    ]


def geocode(
    text: str,
    mention: Mention,
    article_admin1: set[str],
    context: Location | None,
    article_countries: frozenset[str] = frozenset(),
    home: str | None = None,
) -> Location:
    """Locate a mention (see the module docstring for the rules).

    Parameters
    ----------
    text : str
        The article text.
    mention : Mention
    article_admin1 : set of str
        Provinces named anywhere in the article (confirms districts and sites).
    context : Location or None
        Location of the preceding mention in the paragraph, or of the dateline.

    Returns
    -------
    Location
    """
    notes: list[str] = []
    loc = _locate(
        text, mention, article_admin1, context, article_countries, home, notes
    )
    return replace(loc, notes=tuple(notes)) if notes else loc


def _locate(
    text: str,
    mention: Mention,
    article_admin1: set[str],
    context: Location | None,
    article_countries: frozenset[str],
    home: str | None,
    notes: list[str],
) -> Location:
    candidates = resolve_places(text, mention, article_admin1, article_countries, home)
    places = _finest(candidates, article_admin1, notes)
    if places:
        countries = {p.country_iso3 for p in places}
        written = "; ".join(pm.text for pm, _ in candidates)
        return Location(
            precision=min((p.precision for p in places), key=list(Precision).index)
            if len(places) == 1
            else Precision.ADMIN1,
            places=tuple(places),
            country_iso3=countries.pop() if len(countries) == 1 else "both",
            basis="named",
            as_written=written,
        )
    if mention.both_sides:
        return Location(Precision.BORDER, country_iso3="both", basis="border")
    if mention.border_cue:
        country = mention.countries[0] if len(set(mention.countries)) == 1 else None
        return Location(Precision.BORDER, country_iso3=country, basis="border")
    other_side = (
        bool(mention.countries)
        and (context is None or context.country_iso3 not in mention.countries)
    ) or (
        # "Thai aircraft then struck targets": a strike lands on the other side
        # of the one that fires it, never where its own side's place was told
        context is not None
        and mention.attacker is not None
        and context.country_iso3 == mention.attacker
    )
    if (
        mention.scope != "aggregate"
        and not mention.background
        and context is not None
        and context.places
        and not other_side
    ):
        return Location(
            context.precision,
            context.places,
            context.country_iso3,
            "named_in_context",
            context.as_written,
        )
    if mention.countries:
        country = mention.countries[0] if len(set(mention.countries)) == 1 else "both"
        return Location(Precision.COUNTRY, country_iso3=country, basis="country")
    return Location(Precision.UNKNOWN)
