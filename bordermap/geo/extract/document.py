"""The document model the extractor's passes read and enrich.

One :class:`Document` per article. The passes run in this order, each taking
the document and filling in its part (modules of :mod:`bordermap.geo.extract`):

1. ``pass1_page.mark_page`` — page furniture out, headline, captions and
   bylines marked (``Document.blocks``);
2. ``pass2_sentences.split_sentences`` — sentences with their paragraph and
   role (``Document.sentences``);
3. ``pass3_reading.read_sentences`` — per sentence: triggers, counts and what
   they count, dates, places, clauses, who says it (``Document.readings``);
4. ``pass4_framing.frame_events`` — one event frame per trigger window, with
   its places, date, country, and whether it is planned, a total, background
   or told along the border (``Document.mentions``);
5. ``pass5_attach.attach_counts`` — each count to the frame it belongs to
   (restated figures, parts and sides kept apart);
6. ``pass6_merging.merge_mentions`` — frames of one incident told several
   times become one draft incident (``pass6_merging.drafts``), located and
   dated against what the whole article tells (``pass6_merging.context``);
   headlines and captions are merged into the body's incidents last, and one
   figure is told once (``pass6_merging.summaries``).

The words every pass reads are data (``extract/rules/*.txt``, read by
:mod:`bordermap.geo.extract.words.lexicon`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bordermap.geo.records import Article, Count, Quote

if TYPE_CHECKING:  # pragma: no cover - typing only
    from bordermap.geo.extract.words.dates import Dateline, DateMention, PastPeriod
    from bordermap.geo.places.gazetteer import Gazetteer, PlaceMatch

__all__ = ["PLACE_LIST", "ROLES", "Block", "Document", "Mention", "Reading", "Sentence"]

#: Roles of a block of page text. Only ``headline``, ``body`` and ``caption``
#: are read for incidents; the others are page furniture.
ROLES = ("headline", "body", "caption", "byline", "furniture")

#: The trigger type of a sentence that only names where the incident before it
#: took place ("the affected provinces include ..."); pass 6 places that incident.
PLACE_LIST = "place_list"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or line of the page: its span and what it is."""

    start: int
    end: int
    role: str  # one of ROLES


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: its span in ``Article.text``, paragraph and role."""

    start: int
    end: int
    paragraph: int
    text: str
    role: str = "body"


@dataclass
class Reading:
    """What one sentence says, before its events are framed.

    ``start``/``end`` is the part of the sentence read (a dateline cut off);
    counts are ``(kind, start, end, Count)`` with the span of the phrase that
    says what they count.
    """

    index: int
    sentence: Sentence
    start: int
    end: int
    triggers: list[tuple[int, int, str]]
    counts: list[tuple[str, int, int, Count]]
    other_counts: list[tuple[str, int, int, Count]]
    dates: list[DateMention]
    places: list[PlaceMatch]
    clauses: list[tuple[int, int]]
    sides: dict[int, str]  # count start -> the side it is told for
    attribution: str
    planned: bool
    aggregate: bool
    past: PastPeriod | None


@dataclass
class Mention:
    """One event frame: an incident as one sentence (or part of it) tells it."""

    article_id: str
    sentence: int
    paragraph: int
    event_type: str
    start: int  # window span in Article.text
    end: int
    trigger: str
    places: list[PlaceMatch] = field(default_factory=list)
    excluded_places: list[PlaceMatch] = field(default_factory=list)
    border_cue: bool = False
    countries: list[str] = field(default_factory=list)
    date: date | None = None
    date_text: str = ""
    date_basis: str = ""
    clock: str = ""
    counts: dict[str, Count] = field(default_factory=dict)
    other_counts: dict[str, Count] = field(default_factory=dict)
    scope: str = "event"
    planned: bool = False
    attribution: str = ""
    quote: Quote | None = None
    new_event: bool = False  # "another", "a further" ...
    anaphoric: bool = False  # "the shooting", "the blast": an incident told before
    orphan_counts: dict[str, Count] = field(default_factory=dict)  # fit no mention here
    both_sides: bool = False
    background: str = ""  # "earlier this year": before the report's days, undated
    trigger_at: int = -1  # where the trigger starts in Article.text
    trigger_end: int = -1
    role: str = "body"  # the role of its sentence's block: "headline", "caption"...
    attacker: str | None = None  # the side that fires a remote strike ("Thai jets")
    claimant: str | None = (
        None  # the side whose officials report it ("Afghan officials")
    )
    points_back: bool = False  # "from the area", "ออกจากพื้นที่": the place told last


@dataclass
class Document:
    """An article and everything the passes have read in it."""

    article: Article
    gazetteer: Gazetteer
    dateline: Dateline | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The article text every span refers to."""
        return self.article.text

    @property
    def ref(self) -> date | None:
        """The day relative dates are resolved against (dateline, else publication)."""
        if self.dateline and self.dateline.date:
            return self.dateline.date
        return self.article.published
