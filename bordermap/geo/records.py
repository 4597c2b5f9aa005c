"""Records that flow through the pipeline: articles, counts, places, incidents."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10
    from enum import Enum

    class StrEnum(str, Enum):
        """Backport of :class:`enum.StrEnum`."""

        def __str__(self) -> str:
            return str(self.value)


__all__ = [
    "EVENT_TYPES",
    "QUALIFIERS",
    "VICTIM_GROUPS",
    "VIOLENT_TYPES",
    "Article",
    "Change",
    "Count",
    "Incident",
    "Place",
    "Precision",
    "Quote",
    "Source",
]

#: The corpus's event types (ACLED-like sub-event types).
EVENT_TYPES = (
    "armed_clash",
    "shelling",
    "air_strike",
    "landmine_explosive",
    "attack_on_civilians",
    "ceasefire_agreement",
    "evacuation_displacement",
    "arrest_prisoners",
    "other",
)
VIOLENT_TYPES = frozenset(EVENT_TYPES[:5])
#: The corpus's hedges of a count (its README: the qualifier convention).
QUALIFIERS = (
    "exact",
    "at_least",
    "more_than",
    "around",
    "up_to",
    "range",
    "vague_plural",
    "many",
    "unquantified",
    "none",
)
#: Who a count counts.
VICTIM_GROUPS = ("civilians", "soldiers", "police", "mixed", "unspecified")


class Precision(StrEnum):
    """How precisely an incident is located, finest first."""

    SITE = "site"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    BORDER = "border"  # "along the border": never put on a province
    COUNTRY = "country"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: cleaned text plus metadata.

    ``text`` is the body with markup emphasis removed; every quote and span the
    extractor returns refers to it.
    """

    id: str
    text: str
    title: str = ""
    published: date | None = None
    url: str = ""
    file: str = ""
    language: str = ""  # as the article declares it (ISO 639-1); "" not declared


@dataclass(frozen=True, slots=True)
class Quote:
    """A stretch of an article's text that supports a figure or a place."""

    source_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Count:
    """A count with its hedge, following UCDP low / best / high.

    ``stated`` is the number as written (an int) or the vague word
    (``"dozens"``, ``"more than three dozen"``).
    """

    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    stated: int | str | None = None
    unit: str = "persons"
    victims_country: str | None = None
    victims_group: str = "unspecified"
    quote: Quote | None = None
    breakdown: tuple[tuple[str, int | None], ...] = ()  # (group or side, best) parts
    alternatives: tuple[int, ...] = ()  # other readings the text supports
    note: str = ""

    def as_dict(self) -> dict:
        """Corpus-schema count object."""
        out = {
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "stated": self.stated,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "victims": {"country": self.victims_country, "group": self.victims_group},
            "quote": self.quote.text if self.quote else None,
        }
        if self.quote:
            out["span"] = [self.quote.start, self.quote.end]
        if self.breakdown:
            out["breakdown"] = [{"group": g, "best": b} for g, b in self.breakdown]
        if self.alternatives:
            out["alternatives"] = list(self.alternatives)
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a province, district or site with its admin parents."""

    name: str
    kind: str  # "admin1", "admin2", "venue" or a site kind: "town", "temple", ...
    country_iso3: str
    admin1_iso: str = ""
    admin1_name: str = ""
    admin2_name: str = ""
    lat: float | None = None
    lon: float | None = None
    border: bool = False  # admin-1 touches the other country (or lies in one that does)
    curated: bool = True  # from the detailed bundled layers or the user's own file
    population: int = 0  # towns: GeoNames population, to prefer the known one of a name

    @property
    def precision(self) -> Precision:
        """Precision of an incident located at this place."""
        if self.kind in ("admin1", "venue"):
            return Precision.ADMIN1
        if self.kind == "admin2":
            return Precision.ADMIN2
        return Precision.SITE


@dataclass(frozen=True, slots=True)
class Source:
    """One article's account of an incident, with the figures it gives."""

    article_id: str
    title: str
    url: str
    file: str
    published: date | None
    quote: Quote | None
    killed: Count | None = None
    wounded: Count | None = None
    displaced: Count | None = None
    reviewed: bool = False  # a reviewer corrected or confirmed these figures


@dataclass(frozen=True, slots=True)
class Change:
    """One reviewer's decision applied to an incident: who changed what.

    ``field`` is a corrections-file field (``killed_best``, ``province``, ...)
    or ``"added"`` / ``"kept"`` for an incident a reviewer added or checked.
    """

    field: str
    old: str
    new: str
    reviewer: str = ""
    note: str = ""
    time: str = ""

    def as_dict(self) -> dict:
        """Return the change as plain data."""
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "reviewer": self.reviewer,
            "note": self.note,
            "time": self.time,
        }


@dataclass(frozen=True, slots=True)
class Incident:
    """A located, dated, typed incident with its counts and sources."""

    id: str
    article_id: str
    event_type: str
    scope: str  # "event" or "aggregate"
    date: date | None
    date_text: str
    precision: Precision
    place_name: str
    country_iso3: str | None
    admin1_iso: tuple[str, ...]
    admin1_name: tuple[str, ...]
    admin2_name: tuple[str, ...]
    site: str
    lat: float | None
    lon: float | None
    attribution: str
    killed: Count | None
    wounded: Count | None
    displaced: Count | None
    other_counts: dict[str, Count] = field(default_factory=dict)
    planned: bool = False
    quote: Quote | None = None
    sources: tuple[Source, ...] = ()
    review: tuple[Change, ...] = ()  # a reviewer's decisions, in file order
    notes: tuple[str, ...] = ()  # what the extractor could not settle (a namesake)
    #: the probability that it is a real incident at that place and day (None:
    #: not the extractor's reading, or no confidence model)
    confidence: float | None = None
