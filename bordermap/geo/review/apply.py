"""Apply a reviewer's decisions to the incidents an article gives, run after run.

Each decision finds its incident among the article's incidents (the article
by its url or id):

1. the incident with the same quoted words and the same event type as when
   it was reviewed (the incident id breaks a tie);
2. else the incident with the same quoted words (the extractor now types it
   otherwise);
3. else the one incident whose quote holds the decision's words, or is held
   by them (the extractor now cuts the quote otherwise).

A decision that finds none is never dropped in silence: it is kept
(:attr:`Review.unapplied`), said in one warning line per file, and carried by
the output. Decisions about an article that is not among the inputs are an
error. Applied decisions are the incident's ``review`` trail
(:class:`~bordermap.geo.records.Change`: field, old → new, reviewer, note).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import geopandas as gpd

from bordermap.errors import CorrectionsError
from bordermap.geo.places.countries import name_key
from bordermap.geo.places.gazetteer import Gazetteer
from bordermap.geo.records import (
    Article,
    Change,
    Count,
    Incident,
    Precision,
    Quote,
    Source,
)
from bordermap.geo.review.corrections import Decision

__all__ = ["Review", "current_value"]

logger = logging.getLogger(__name__)

_KINDS = ("killed", "wounded", "displaced")
_LOCATION = ("province", "district", "site")
#: The place fields of an incident on no province.
_NOWHERE = {
    "admin1_iso": (),
    "admin1_name": (),
    "admin2_name": (),
    "site": "",
    "lat": None,
    "lon": None,
}


def _keys(article: Article) -> tuple[str, ...]:
    """Give an article's keys in a corrections file: its url, then its id."""
    return tuple(dict.fromkeys(k for k in (article.url, article.id) if k))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def current_value(inc: Incident, name: str) -> str:
    """Give an incident's value of a corrections-file field, as the file writes it.

    Examples
    --------
    >>> inc = Incident("a-01", "a", "shelling", "event", date(2025, 7, 24), "",
    ...                Precision.ADMIN1, "Surin", "THA", ("TH-32",), ("Surin",), (),
    ...                "", 14.9, 103.5, "", Count(2, 2, 2, "exact"), None, None)
    >>> current_value(inc, "killed_best"), current_value(inc, "province")
    ('2', 'TH-32')
    """
    if name.startswith(_KINDS):
        kind, part = name.split("_", 1)
        count = getattr(inc, kind)
        if count is None:
            return ""
        if part == "victims":
            return count.victims_group
        value = getattr(count, part)
        return value if isinstance(value, str) else _num(value)
    return {
        "event_type": lambda: inc.event_type,
        "date": lambda: inc.date.isoformat() if inc.date else "",
        "scope": lambda: inc.scope,
        "country": lambda: inc.country_iso3 or "",
        "province": lambda: ";".join(inc.admin1_iso),
        "district": lambda: "; ".join(inc.admin2_name),
        "site": lambda: inc.site,
        "attribution": lambda: inc.attribution,
    }[name]()


@dataclass(frozen=True, slots=True)
class _Province:
    code: str
    name: str
    country: str
    lat: float
    lon: float


def _provinces(admin1: gpd.GeoDataFrame) -> dict[str, _Province]:
    """Index the map's provinces by code, and by every name they go by."""
    points = admin1.geometry.representative_point()
    out: dict[str, _Province] = {}
    for row, point in zip(admin1.itertuples(index=False), points, strict=True):
        prov = _Province(
            row.adm1_iso,
            row.adm1_name,
            row.adm0_iso3,
            round(point.y, 5),
            round(point.x, 5),
        )
        out[row.adm1_iso.upper()] = prov
        alts = getattr(row, "alt_names", "") or ""
        for name in [row.adm1_name, *str(alts).split("|")]:
            if name:
                out.setdefault(name_key(name), prov)
    return out


@dataclass
class Review:
    """A corrections file's decisions, checked against the map's provinces.

    Parameters
    ----------
    decisions : sequence of Decision
        From :func:`~bordermap.geo.review.corrections.read_corrections`.
    admin1 : geopandas.GeoDataFrame
        The map's provinces (``adm1_iso``, ``adm1_name``, ``adm0_iso3``).
    gazetteer : Gazetteer
        Finds the districts and sites a reviewer names.

    Raises
    ------
    CorrectionsError
        For a province that is not one of ``admin1``'s.
    """

    decisions: Sequence[Decision]
    admin1: gpd.GeoDataFrame
    gazetteer: Gazetteer
    applied: int = 0
    by_quote: int = 0
    unapplied: list[Decision] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        """Index the decisions by article; check every province named."""
        self._provinces = _provinces(self.admin1)
        self._by_article: dict[str, list[Decision]] = {}
        for d in self.decisions:
            if d.field == "province" and d.new:
                self._province(d)
            self._by_article.setdefault(d.article, []).append(d)

    def _province(self, d: Decision) -> _Province:
        prov = self._provinces.get(d.new.upper()) or self._provinces.get(
            name_key(d.new)
        )
        if prov is None:
            codes = sorted({p.code for p in self._provinces.values()})
            raise CorrectionsError(
                f"{d.where()}: province {d.new!r} is not a province of the map "
                f"({', '.join(sorted({p.country for p in self._provinces.values()}))});"
                f" use a code such as {', '.join(codes[:3])} or a province's name"
            )
        return prov

    # ------------------------------------------------------------ matching
    def _match(self, d: Decision, incidents: list[Incident]) -> Incident | None:
        quote = _norm(d.quote)

        def pick(found: list[Incident]) -> Incident | None:
            typed = [i for i in found if i.event_type == d.type] or found
            same_id = [i for i in typed if i.id == d.incident]
            return (same_id or typed or [None])[0]

        same = [i for i in incidents if i.quote and _norm(i.quote.text) == quote]
        if same:
            if not any(i.event_type == d.type for i in same):
                self.by_quote += 1
            return pick(same)
        held = [
            i
            for i in incidents
            if i.quote
            and len(quote) >= 12
            and (quote in _norm(i.quote.text) or _norm(i.quote.text) in quote)
        ]
        if held:
            self.by_quote += 1
            return pick(held)
        return None

    def apply(self, article: Article, incidents: list[Incident]) -> list[Incident]:
        """Apply the decisions about ``article`` to its incidents (text order kept).

        Parameters
        ----------
        article : Article
        incidents : list of Incident
            The article's own incidents, before they are merged with other
            articles' reports.

        Returns
        -------
        list of Incident
            Dropped incidents left out, added ones after the others, every
            changed or checked incident with its ``review`` trail.
        """
        decisions = self.about(article)
        self._seen.update(_keys(article))
        if not decisions:
            return incidents
        plans: dict[str, list[Decision]] = {}
        added: dict[tuple[str, str], Incident] = {}
        for d in decisions:
            if d.action == "add":
                if d.key not in added:
                    added[d.key] = _new_incident(article, d, len(added) + 1)
                target = added[d.key]
            elif not d.type and d.key in added:
                target = added[d.key]
            else:
                target = self._match(d, incidents)
            if target is None:
                self.unapplied.append(d)
                continue
            self.applied += 1
            plans.setdefault(target.id, []).append(d)
        out = []
        for inc in [*incidents, *added.values()]:
            if inc.id in plans:
                inc = self._apply(inc, plans[inc.id])
            if inc is not None:
                out.append(inc)
        return out

    def about(self, article: Article) -> list[Decision]:
        """Return the decisions about ``article`` (by its url, then its id)."""
        return [d for key in _keys(article) for d in self._by_article.get(key, ())]

    def unapplied_about(self, article: Article) -> list[Decision]:
        """Return the decisions about ``article`` that found no incident."""
        keys = set(_keys(article))
        return [d for d in self.unapplied if d.article in keys]

    def finish(self) -> None:
        """Check that every decision's article was read; warn about the unapplied.

        Raises
        ------
        CorrectionsError
            For a decision about an article that is not among the inputs.
        """
        for d in self.decisions:
            if d.article not in self._seen:
                raise CorrectionsError(
                    f"{d.where()}: article {d.article!r} is not among the inputs; "
                    "give its file too, or take the row out"
                )
        by_file: dict[str, list[Decision]] = {}
        for d in self.unapplied:
            by_file.setdefault(d.source, []).append(d)
        for source, rows in by_file.items():
            logger.warning(
                "%s: %d decision(s) no longer find their incident (rows %s): the "
                "article changed or is read otherwise now; they are kept in the "
                "output and shown on the review page",
                source,
                len(rows),
                ", ".join(str(d.row) for d in rows),
            )

    # ------------------------------------------------------------ applying
    def _apply(self, inc: Incident, decisions: list[Decision]) -> Incident | None:
        changes: list[Change] = list(inc.review)
        values: dict[str, str] = {}
        for d in decisions:
            if d.action == "drop":
                return None
            if d.action in ("keep", "add"):
                what = "kept" if d.action == "keep" else "added"
                changes.append(Change(what, "", "", d.reviewer, d.note, d.time))
                continue
            old = values.get(d.field, current_value(inc, d.field))
            changes.append(Change(d.field, old, d.new, d.reviewer, d.note, d.time))
            values[d.field] = d.new
        return self._changed(inc, values, changes)

    def _changed(
        self, inc: Incident, values: dict[str, str], changes: list[Change]
    ) -> Incident:
        simple = {}
        if "event_type" in values:
            simple["event_type"] = values["event_type"]
        if "scope" in values:
            simple["scope"] = values["scope"]
        if "date" in values:
            simple["date"] = (
                date.fromisoformat(values["date"]) if values["date"] else None
            )
        if "attribution" in values:
            simple["attribution"] = values["attribution"]
        # a reviewer's reading: the extractor's confidence no longer speaks for it
        inc = replace(inc, **simple, review=tuple(changes), confidence=None)
        if any(f in values for f in _LOCATION):
            inc = self._relocated(inc, values)
        if "country" in values:
            inc = replace(inc, country_iso3=values["country"] or None)
        counts = {k: _count(getattr(inc, k), k, values) for k in _KINDS}
        if any(f.startswith(_KINDS) for f in values):
            inc = replace(inc, **counts)
        # the reviewer read this article's figures: they stand over others'
        sources = tuple(
            replace(s, reviewed=True, **{k: counts[k] for k in _KINDS})
            if s.article_id == inc.article_id
            else s
            for s in inc.sources
        )
        return replace(inc, sources=sources)

    def _relocated(self, inc: Incident, values: dict[str, str]) -> Incident:
        moved = "province" in values
        code = values["province"] if moved else ";".join(inc.admin1_iso)
        district = values.get("district", "" if moved else "; ".join(inc.admin2_name))
        site = values.get("site", "" if moved else inc.site)
        if moved and not code:  # "along the border": on no province
            return replace(
                inc,
                precision=Precision.BORDER,
                place_name="along the border",
                **_NOWHERE,
            )
        prov = self._lookup_province(code)
        if prov is None:  # several provinces, or none, and no new one given
            return replace(inc, admin2_name=(district,) if district else (), site=site)
        where = {
            "precision": Precision.ADMIN1,
            "place_name": prov.name,
            "country_iso3": prov.country,
            "admin1_iso": (prov.code,),
            "admin1_name": (prov.name,),
            "admin2_name": (district,) if district else (),
            "site": site,
            "lat": prov.lat,
            "lon": prov.lon,
        }
        for name, kinds, precision in (
            (district, {"admin2"}, Precision.ADMIN2),
            (site, None, Precision.SITE),
        ):
            place = self._place(name, prov.code, kinds) if name else None
            if place is not None:
                where.update(
                    precision=precision,
                    place_name=place.name,
                    lat=place.lat,
                    lon=place.lon,
                )
        return replace(inc, **where)

    def _lookup_province(self, code: str) -> _Province | None:
        if not code or ";" in code:
            return None
        return self._provinces.get(code.upper()) or self._provinces.get(name_key(code))

    def _place(self, name: str, code: str, kinds: set[str] | None):
        for place in self.gazetteer.lookup(name):
            if place.admin1_iso != code or place.lat is None:
                continue
            if (kinds is None and place.kind not in ("admin1", "admin2", "venue")) or (
                kinds is not None and place.kind in kinds
            ):
                return place
        return None


def _count(count: Count | None, kind: str, values: dict[str, str]) -> Count | None:
    """Return the count of ``kind`` with the reviewer's parts put in."""
    parts = {p: values[f"{kind}_{p}"] for p in ("low", "best", "high", "qualifier",
             "victims") if f"{kind}_{p}" in values}  # fmt: skip
    if not parts:
        return count
    base = count or Count(None, None, None, "")
    bounds = {
        p: (int(parts[p]) if parts[p] else None)
        for p in ("low", "best", "high")
        if p in parts
    }
    if "best" in bounds:
        bounds = {**_following(base, bounds["best"], parts.get("qualifier")), **bounds}
    new = replace(base, **bounds)
    if "qualifier" in parts:
        new = replace(new, qualifier=parts["qualifier"])
    if "victims" in parts:
        new = replace(new, victims_group=parts["victims"] or "unspecified")
    if "best" in parts:
        new = replace(new, stated=new.best)
    if new.low is None and new.best is None and new.high is None and not new.qualifier:
        return None  # the reviewer took the count out
    if not new.qualifier:
        new = replace(new, qualifier="exact")
    return new


def _following(base: Count, best: int | None, qualifier: str | None) -> dict:
    """Low and high that follow a reviewer's new best as they followed the old.

    A bound equal to the old best moves with it; a count that is new takes
    its bounds from the qualifier (``exact``: both; ``at_least``,
    ``more_than``: the low one).
    """
    if base.best is not None:
        return {p: best for p in ("low", "high") if getattr(base, p) == base.best}
    qualifier = qualifier or base.qualifier or "exact"
    if qualifier == "exact":
        return {"low": best, "high": best}
    if qualifier in ("at_least", "more_than"):
        return {"low": best}
    return {}


def _new_incident(article: Article, d: Decision, n: int) -> Incident:
    """Make the incident a reviewer added: the selected words, nothing else yet."""
    start = article.text.find(d.quote)
    quote = Quote(
        article.id,
        d.quote,
        max(start, 0),
        max(start, 0) + len(d.quote) if start >= 0 else 0,
    )
    source = Source(
        article.id, article.title, article.url, article.file, article.published, quote
    )
    return Incident(
        id=f"{article.id}-added-{n:02d}",
        article_id=article.id,
        event_type="other",
        scope="event",
        date=None,
        date_text="",
        precision=Precision.UNKNOWN,
        place_name="",
        country_iso3=None,
        **_NOWHERE,
        attribution="",
        killed=None,
        wounded=None,
        displaced=None,
        quote=quote,
        sources=(source,),
    )
