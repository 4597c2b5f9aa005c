"""Incidents as plain records: the corpus JSON Lines schema and flat rows."""

from __future__ import annotations

from collections.abc import Iterable

from bordermap.geo.records import Article, Count, Incident

__all__ = ["article_record", "incident_record"]


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
        "quote": inc.quote.text if inc.quote else None,
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


def article_record(article: Article, incidents: Iterable[Incident]) -> dict:
    """One JSON Lines row: ``{"id", "file", "incidents": [...]}``."""
    return {
        "id": article.id,
        "file": article.file or None,
        "title": article.title or None,
        "published": article.published.isoformat() if article.published else None,
        "incidents": [
            incident_record(i) for i in incidents if i.article_id == article.id
        ],
    }
