"""The review page's data: each article with its incidents, as plain records.

In: the ``(article, incidents)`` pairs of an extraction (before any
correction, so the page shows what the extractor read), the map's provinces
and an earlier corrections file's decisions. Out: one JSON-ready dict that
the review page (:mod:`bordermap.layers.review_page`) draws; nothing in it is
HTML. The page matches the decisions to the incidents itself, the same way
:class:`~bordermap.geo.review.apply.Review` does, so decisions loaded later
from a file and those given here take one path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import geopandas as gpd

from bordermap.geo.records import (
    EVENT_TYPES,
    QUALIFIERS,
    VICTIM_GROUPS,
    Article,
    Incident,
)
from bordermap.geo.review.apply import current_value
from bordermap.geo.review.corrections import COLUMNS, FIELDS, Decision

__all__ = ["review_data"]

_CONTEXT = 240  # characters of text shown around a quote, at most, each side


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Cut the quote's paragraph before and after it (at most ``_CONTEXT`` each)."""
    para = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    before = text[max(para, start - _CONTEXT) : start]
    after = text[end : min(stop, end + _CONTEXT)]
    return before, after


def _incident(article: Article, inc: Incident) -> dict:
    quote = inc.quote.text if inc.quote else ""
    start = inc.quote.start if inc.quote else -1
    end = inc.quote.end if inc.quote else -1
    if quote and article.text[start:end] != quote:  # offsets of another text
        start = article.text.find(quote)
        end = start + len(quote) if start >= 0 else -1
    before, after = _context(article.text, start, end) if start >= 0 else ("", "")
    return {
        "id": inc.id,
        "quote": quote,
        "start": start,
        "end": end,
        "before": before,
        "after": after,
        "place": inc.place_name,
        "precision": str(inc.precision),
        "confidence": inc.confidence,
        "values": {name: current_value(inc, name) for name in FIELDS},
    }


def _article(article: Article, incidents: Sequence[Incident]) -> dict:
    own = [i for i in incidents if i.article_id == article.id]
    own.sort(key=lambda i: (i.quote.start if i.quote else -1, i.id))
    return {
        "key": article.url or article.id,
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "file": article.file,
        "published": article.published.isoformat() if article.published else "",
        "text": article.text,
        "incidents": [_incident(article, i) for i in own],
    }


def review_data(
    pairs: Iterable[tuple[Article, Sequence[Incident]]],
    admin1: gpd.GeoDataFrame,
    decisions: Sequence[Decision] = (),
    *,
    title: str = "",
) -> dict:
    """Give the review page everything it shows, as JSON-ready data.

    Parameters
    ----------
    pairs : iterable of (Article, sequence of Incident)
        As :func:`bordermap.extract_by_article` gives them, uncorrected.
    admin1 : geopandas.GeoDataFrame
        The map's provinces: the choices of the province field.
    decisions : sequence of Decision
        An earlier corrections file's decisions, shown as made.
    title : str
        The page's heading.

    Returns
    -------
    dict
        ``articles`` (input order, incidents in text order), ``provinces``
        (by code), ``decisions`` (file order, as corrections-file rows) and
        the vocabularies of the fields.
    """
    provinces = sorted(
        (
            {"code": row.adm1_iso, "name": row.adm1_name, "country": row.adm0_iso3}
            for row in admin1.itertuples(index=False)
        ),
        key=lambda p: (p["country"], p["name"], p["code"]),
    )
    return {
        "title": title,
        "articles": [_article(a, incs) for a, incs in pairs],
        "provinces": provinces,
        "decisions": [d.as_dict() for d in decisions],
        "columns": list(COLUMNS),
        "fields": list(FIELDS),
        "event_types": list(EVENT_TYPES),
        "qualifiers": list(QUALIFIERS),
        "victims": list(VICTIM_GROUPS),
    }
