"""Incidents as plain records: the corpus JSON Lines schema and flat rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bordermap.geo.records import VIOLENT_TYPES, Article, Count, Incident

if TYPE_CHECKING:  # pragma: no cover
    from bordermap.geo.review.apply import Review

__all__ = ["article_record", "gold_record", "incident_record", "reviewed_records"]


def _count(count: Count | None) -> dict | None:
    return count.as_dict() if count is not None else None


def incident_record(inc: Incident) -> dict:
    """Return an incident in the corpus schema (``score.py`` reads it).

    Examples
    --------
    >>> from bordermap.geo.records import Precision
    >>> inc = Incident("a-01", "a", "shelling", "event", None, "", Precision.ADMIN1,
    ...                "Surin", "THA", ("TH-32",), ("Surin",), (), "", 14.9, 103.5, "",
    ...                None, None, None)
    >>> incident_record(inc)["admin1"]
    [{'iso_3166_2': 'TH-32', 'name': 'Surin'}]
    """
    return {
        "id": inc.id,
        "scope": inc.scope,
        "event_type": inc.event_type,
        "date": inc.date.isoformat() if inc.date else None,
        "date_text": inc.date_text or None,
        "country_iso3": inc.country_iso3,
        "precision": str(inc.precision),
        "place": inc.place_name or None,
        "admin1": [
            {"iso_3166_2": code, "name": name}
            for code, name in zip(inc.admin1_iso, inc.admin1_name, strict=True)
        ]
        if len(inc.admin1_iso) == len(inc.admin1_name)
        else [{"iso_3166_2": code} for code in inc.admin1_iso],
        "admin2": [{"name": name} for name in inc.admin2_name],
        "site": inc.site or None,
        "lat": inc.lat,
        "lon": inc.lon,
        "attribution": inc.attribution or None,
        "killed": _count(inc.killed),
        "wounded": _count(inc.wounded),
        "displaced": _count(inc.displaced),
        "other_counts": {k: c.as_dict() for k, c in inc.other_counts.items()},
        "planned": inc.planned,
        "confidence": inc.confidence,
        "quote": inc.quote.text if inc.quote else None,
        **({"review": [c.as_dict() for c in inc.review]} if inc.review else {}),
        **({"notes": list(inc.notes)} if inc.notes else {}),
        "sources": [
            {
                "article_id": s.article_id,
                "title": s.title or None,
                "url": s.url or None,
                "file": s.file or None,
                "published": s.published.isoformat() if s.published else None,
            }
            for s in inc.sources
        ],
    }


def article_record(
    article: Article, incidents: Iterable[Incident], review: Review | None = None
) -> dict:
    """One JSON Lines row: ``{"id", "file", "incidents": [...]}``.

    With a ``review``, the decisions about the article that no longer find
    their incident are kept in ``unapplied_corrections`` (corrections-file
    rows), so no reviewer's work is lost.
    """
    record = {
        "id": article.id,
        "file": article.file or None,
        "title": article.title or None,
        "published": article.published.isoformat() if article.published else None,
        "incidents": [
            incident_record(i) for i in incidents if i.article_id == article.id
        ],
    }
    if review is not None:
        record["unapplied_corrections"] = [
            d.as_dict() for d in review.unapplied_about(article)
        ]
    return record


def gold_record(article: Article, incidents: Iterable[Incident]) -> dict:
    """Return a reviewed article in the corpus gold schema (``score.py`` reads it).

    The incidents are those left after review, numbered in text order. The
    review does not record whether a province was written in the text or
    only inferred from a district or site, so ``admin1_named`` is
    ``admin1_all`` and each province's ``basis`` is ``"reviewed"``.
    """
    own = [i for i in incidents if i.article_id == article.id]
    rows = []
    for n, inc in enumerate(own, 1):
        reviewers = sorted({c.reviewer for c in inc.review if c.reviewer})
        rows.append(
            {
                "n": n,
                "scope": inc.scope,
                "event_type": inc.event_type,
                "date": inc.date.isoformat() if inc.date else None,
                "date_text": inc.date_text or None,
                "country_iso3": inc.country_iso3,
                "admin1": [
                    {"iso_3166_2": code, "name": name, "basis": "reviewed"}
                    for code, name in zip(
                        inc.admin1_iso, inc.admin1_name or inc.admin1_iso, strict=False
                    )
                ],
                "admin2": [{"name": name} for name in inc.admin2_name],
                "site": inc.site or None,
                "attribution": inc.attribution or None,
                "killed": _count(inc.killed),
                "wounded": _count(inc.wounded),
                "displaced": _count(inc.displaced),
                "planned": inc.planned,
                "quote": inc.quote.text if inc.quote else None,
                "notes": "; ".join(c.note for c in inc.review if c.note) or None,
                "reviewed_by": reviewers,
            }
        )
    located = [r for r in rows if not r["planned"]]
    every = sorted({a["iso_3166_2"] for r in located for a in r["admin1"]})
    violent = sorted(
        {
            a["iso_3166_2"]
            for r in located
            if r["event_type"] in VIOLENT_TYPES
            for a in r["admin1"]
        }
    )
    return {
        "id": article.id,
        "file": article.file or None,
        "title": article.title or None,
        "url": article.url or None,
        "published": article.published.isoformat() if article.published else None,
        "language": "en",
        "text_basis": "reviewed with bordermap",
        "incidents": rows,
        "admin1_all": every,
        "admin1_named": every,
        "admin1_violence": violent,
        "admin1_mentioned_not_incident": [],
    }


def reviewed_records(
    pairs: Iterable[tuple[Article, list[Incident]]], review: Review
) -> list[dict]:
    """Return :func:`gold_record` of each article a reviewer made a decision about."""
    return [
        gold_record(article, incidents)
        for article, incidents in pairs
        if review.about(article)
    ]
