"""An article's incidents (the extractor's passes in order), and across articles.

:func:`article_incidents` runs the passes of :mod:`bordermap.geo.extract.document` over
one article and numbers the incidents it tells.

Across articles, incidents with the same date, event type and provinces (event
scope, located at least to a province) are one incident with every source
kept. The figures shown for it are, per kind, those of the most recently
published source (later reports carry updated tolls), ties going to the higher
low bound, and a reviewer's figures before any other; every source's own
figures stay in ``sources``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from bordermap.geo.extract.confidence import confidences
from bordermap.geo.extract.document import Document, Sentence
from bordermap.geo.extract.learned import reports, retype
from bordermap.geo.extract.native import READERS, native_gazetteer, read_native, words
from bordermap.geo.extract.pass1_page import mark_page
from bordermap.geo.extract.pass2_sentences import split_sentences
from bordermap.geo.extract.pass3_reading import read_sentences
from bordermap.geo.extract.pass4_framing import frame_events
from bordermap.geo.extract.pass5_attach import attach_counts, type_counts_alone
from bordermap.geo.extract.pass6_merging.merge import Draft, merge_mentions
from bordermap.geo.places.gazetteer import Gazetteer
from bordermap.geo.records import (
    VIOLENT_TYPES,
    Article,
    Count,
    Incident,
    Precision,
    Quote,
    Source,
)

__all__ = ["article_incidents", "frame_document", "merge_reports", "sentences"]

logger = logging.getLogger(__name__)
_COUNT_KINDS = ("killed", "wounded", "displaced")


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


def sentences(article: Article, gazetteer: Gazetteer | None = None) -> list[Sentence]:
    r"""Sentences of an article, each read once (passes 1 and 2).

    Parameters
    ----------
    article : Article
    gazetteer : Gazetteer, optional
        Not needed to split; kept on the document for the later passes.

    Returns
    -------
    list of Sentence

    Examples
    --------
    >>> a = Article(id="x", text="Two hurt. Two hurt.\n\nTwo hurt")
    >>> [s.text for s in sentences(a)]
    ['Two hurt.']
    """
    doc = Document(article, gazetteer)
    return split_sentences(mark_page(doc)).sentences


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
    type_counts_alone(doc.mentions)
    return doc


def article_incidents(article: Article, gazetteer: Gazetteer) -> list[Incident]:
    """Incidents of one article, in text order.

    An article whose ``language`` is one of
    :data:`~bordermap.geo.extract.native.READERS` (Thai, Russian) is read with
    that language's words and place names; any other is read as English.

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
    >>> from bordermap.geo.places.gazetteer import load_gazetteer
    >>> a = Article(id="a", text="Shelling killed two villagers in Surin on Monday.",
    ...             published=date(2025, 7, 29))
    >>> [(i.event_type, i.admin1_iso, i.killed.best, str(i.date))
    ...  for i in article_incidents(a, load_gazetteer())]
    [('shelling', ('TH-32',), 2, '2025-07-28')]
    """
    if len(article.text) > CHUNK_CHARS:
        return _long_article_incidents(article, gazetteer)
    if article.language in READERS:
        # the border's own language: its words and names, the same pass 6
        lang = article.language
        doc = Document(article, native_gazetteer(gazetteer, lang))
        read_native(doc, words(lang))
        type_counts_alone(doc.mentions)
    else:
        doc = Document(article, gazetteer)
        for step in (mark_page, split_sentences, frame_document):
            step(doc)
    drafts = [d for d in merge_mentions(doc) if _told(d)]
    ids = [f"{doc.article.id}-{n:02d}" for n in range(1, len(drafts) + 1)]
    sure = confidences(doc.article, drafts, ids, gazetteer.border)
    return [
        _incident(doc.article, ident, d, p)
        for ident, d, p in zip(ids, drafts, sure, strict=True)
    ]


def _told(d: Draft) -> bool:
    """Tell whether a draft stands: the learned step may drop it if it is sure.

    Only a violent event or "other" without a figure is open to it (an
    accusation, a vow, the past read as an event); displacement, agreements,
    arrests, planned events, totals and events with a figure told stay.
    """
    m = d.mention
    if m.planned or (m.event_type not in VIOLENT_TYPES and m.event_type != "other"):
        return True
    if m.scope != "event" or any(d.counts.get(k) for k in _COUNT_KINDS):
        return True  # a total, or a figure told: the figure's own sentence vouches
    return reports(_sentence(d))


def _sentence(d: Draft) -> str:
    """Give the words the draft's mention was read from (its quote), or nothing."""
    return d.mention.quote.text if d.mention.quote else ""


def _incident(article: Article, ident: str, d: Draft, sure: float | None) -> Incident:
    m, loc = d.mention, d.location
    place = loc.places[0] if loc.places else None
    sites = [p.name for p in loc.places if p.precision is Precision.SITE]
    return Incident(
        id=ident,
        article_id=article.id,
        event_type=retype(m.event_type, _sentence(d)),
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
        notes=loc.notes,
        confidence=sure,
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
    # a reviewer's figure stands over the newest unreviewed one
    given = [s for s in given if s.reviewed] or given
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
        and show per kind the figures of the most recently published source
        (of the reviewed sources, when a reviewer corrected or confirmed some).
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
            review=tuple(c for inc in group for c in inc.review),
            notes=tuple(dict.fromkeys(n for inc in group for n in inc.notes)),
            confidence=max(
                (i.confidence for i in group if i.confidence is not None), default=None
            ),
        )
