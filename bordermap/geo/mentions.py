"""Incident mentions in article text: passes 3 to 5 over the document.

Each sentence is read (:mod:`bordermap.geo.reading`), cut into event frames
(:mod:`bordermap.geo.framing`) and given its counts
(:mod:`bordermap.geo.attach`). A mention says where its text puts the event
(unresolved gazetteer matches; :mod:`bordermap.geo.geocode` resolves them),
when, what kind of event, and whether it is a total, planned, a past round
("the July fighting") or told along the border.
"""

from __future__ import annotations

from bordermap.geo.attach import attach_counts
from bordermap.geo.dates import Dateline
from bordermap.geo.document import Document, Mention, Sentence
from bordermap.geo.framing import frame_events
from bordermap.geo.gazetteer import Gazetteer
from bordermap.geo.reading import read_sentences
from bordermap.geo.records import VIOLENT_TYPES, Article

__all__ = ["Mention", "extract_mentions", "frame_document"]


def frame_document(doc: Document) -> Document:
    """Read the document's sentences and frame their events into ``doc.mentions``.

    Parameters
    ----------
    doc : Document
        With its sentences split (pass 2).

    Returns
    -------
    Document
        The same document, ``readings`` and ``mentions`` filled in text order.
    """
    read_sentences(doc)
    doc.mentions = []
    for reading in doc.readings:
        frames = frame_events(doc, reading)
        doc.mentions.extend(attach_counts(doc, reading, frames))
    _type_counts_alone(doc.mentions)
    return doc


def _type_counts_alone(mentions: list[Mention]) -> None:
    """Give an event told by its casualties alone the weapon the story told.

    "Five people were injured in Poonch" names no weapon: it is an event of the
    kind the article told last ("Pakistani troops shelled villages ..."), or,
    in a story that opens with it, of the kind told next in its paragraph.
    """
    told = [
        m
        for m in mentions
        if m.trigger and m.event_type in VIOLENT_TYPES and not m.background
    ]
    for m in mentions:
        if m.trigger or m.event_type != "armed_clash" or m.scope != "event":
            continue
        before = [t for t in told if t.trigger_at < m.start]
        after = [t for t in told if t.trigger_at > m.end and t.paragraph == m.paragraph]
        source = before[-1] if before else after[0] if after else None
        if source is not None:
            m.event_type = source.event_type


def extract_mentions(
    article: Article,
    sents: list[Sentence],
    gazetteer: Gazetteer,
    dateline: Dateline | None,
) -> list[Mention]:
    """Mentions of incidents in an article's sentences.

    Parameters
    ----------
    article : Article
    sents : list of Sentence
        From :func:`bordermap.geo.sentences.split_sentences` (repeats removed).
    gazetteer : Gazetteer
    dateline : Dateline or None

    Returns
    -------
    list of Mention
        In text order; places are unresolved gazetteer matches.
    """
    doc = Document(article, gazetteer, dateline, sentences=list(sents))
    return frame_document(doc).mentions
