"""How sure the extractor is of an incident: a calibrated probability.

An incident's ``confidence`` is the probability that it is a real incident at
that place and day: that a careful reader of the page would write an incident
there (the corpus scorer's match: a province in common, or neither has one, and
a day at most one apart). It is learned from the labelled real pages
(``benchmarks.confidence``) over what the extractor knows of the incident when
it writes it, all of it checkable by a reader:

- how it is placed (site, district, province, border-wide; named or inferred;
  a namesake settled by its neighbours) and dated (the sentence's own day, the
  dateline, the page date);
- what it is (type, event or total, planned) and what it carries (a figure, a
  hedge, who said it);
- where it stands on the page (headline, lead, body, caption; first or fifth of
  its page's incidents) and the page's language;
- how strongly its sentence reads as a report (the ``report`` model).

The model is a logistic regression whose weights are data
(``models/confidence.json.gz``), judged on borders it did not see so that of
incidents given 0.7 about seven in ten are real; a monotone calibration map
after it is shipped only where it calibrates held-out borders better than the
regression's own probabilities (none is now). Without the file every
incident's confidence is None; an incident a reviewer decided on has none.

The truth it learns from is the scorer's one-to-one match: a second copy of a
real incident (one event told twice and made two) counts as not real.
"""

from __future__ import annotations

import bisect
from datetime import date

from bordermap.geo.extract.learned import (
    bucket,
    is_recording,
    model,
    record,
    report_probability,
)
from bordermap.geo.extract.pass6_merging.drafts import Draft
from bordermap.geo.records import Article, Incident

__all__ = [
    "calibrate",
    "confidence",
    "confidences",
    "incident_features",
    "sure_enough",
]


def _days(when: date | None, published: date | None) -> str:
    if when is None:
        return "none"
    if published is None:
        return "no page date"
    return bucket((published - when).days, (-1, 0, 1, 3, 7, 31))


def _kin(drafts: list[Draft], k: int) -> list[str]:
    """Name the article's other incidents of the same type (and place).

    One event told twice and made two shows as two incidents of a type and place.
    """
    d = drafts[k]
    out = []
    for where, others in (("before", drafts[:k]), ("after", drafts[k + 1 :])):
        same = [o for o in others if o.mention.event_type == d.mention.event_type]
        if same:
            out.append(f"same type {where}")
        if any(o.location.admin1 == d.location.admin1 for o in same):
            out.append(f"same type and place {where}")
    return out


def incident_features(
    article: Article,
    drafts: list[Draft],
    k: int,
    border: tuple[str, ...] = (),
    page: str | None = None,
) -> dict[str, float]:
    """Name what the extractor knows of the ``k``-th incident of an article.

    Parameters
    ----------
    article : Article
    drafts : list of Draft
        The article's incidents as pass 6 left them, in text order.
    k : int
        Which of them.
    border : tuple of str
        The border's two countries (``--countries``), if known.
    page : str, optional
        ``article.text.casefold()``, when the caller has it already.

    Returns
    -------
    dict
        Feature name -> value: 1 for each name that holds, except ``report``,
        the report model's probability that the incident's sentence tells an
        incident (absent without that model).
    """
    d = drafts[k]
    m, loc = d.mention, d.location
    kinds = sorted({p.kind for p in loc.places}) or ["none"]
    told = loc.as_written.casefold()
    page = article.text.casefold() if page is None else page
    head = page.split("\n", 1)[0]
    text = m.quote.text if m.quote else ""
    at = m.quote.start if m.quote else 0
    counts = [c for c in d.counts.values() if c is not None]
    names = [
        f"precision={loc.precision}",
        f"basis={loc.basis or 'none'}",
        f"type={m.event_type}",
        f"scope={m.scope}",
        f"role={m.role}",
        f"date={d.date_basis or 'none'}",
        f"days={_days(d.date, article.published)}",
        f"language={article.language or 'en'}",
        f"rank={bucket(k + 1, (1, 2, 3, 5))}",
        f"incidents={bucket(len(drafts), (1, 2, 3, 5, 8))}",
        f"place={bucket(len(loc.places), (0, 1, 2))}",
        f"where={bucket(4 * at // max(1, len(article.text)), (0, 1, 2))}",
        f"words={bucket(len(text.split()), (8, 16, 32, 64))}",
        f"precision|basis={loc.precision}|{loc.basis or 'none'}",
        *(f"kind={kind}" for kind in kinds),
        *_kin(drafts, k),
        f"place told={bucket(page.count(told), (0, 1, 2, 4)) if told else 'none'}",
    ]
    names += [f"count={kind}" for kind, c in sorted(d.counts.items()) if c is not None]
    names += [f"hedge={c.qualifier}" for c in counts]
    flags = {
        "fallback date": d.fallback,
        "planned": m.planned,
        "attribution": bool(d.attribution),
        "namesake": bool(loc.notes),
        "border cue": m.border_cue,
        "anaphoric": m.anaphoric,
        "new event": m.new_event,
        "background": bool(m.background),
        "both sides": m.both_sides,
        "attacker": m.attacker is not None,
        "claimant": m.claimant is not None,
        "country": loc.country_iso3 is not None,
        "figure": any(c.best is not None or c.low is not None for c in counts),
        "border place": any(p.border for p in loc.places),
        "place in headline": bool(told) and told in head,
        "world place": any(not p.curated for p in loc.places),
        "other country": bool(
            border and loc.country_iso3 and loc.country_iso3 not in border
        ),
    }
    names += [name for name, on in flags.items() if on]
    values = dict.fromkeys(names, 1.0)
    p = report_probability(text)
    if p is not None:
        values["report"] = p
    return values


def calibrate(p: float, knots: list[list[float]]) -> float:
    """Map a raw probability through the calibration knots (piecewise linear).

    Parameters
    ----------
    p : float
        The regression's probability.
    knots : list of [x, y]
        Increasing in both; none: ``p`` as it is. Beyond the ends, the end's y.

    Returns
    -------
    float

    Examples
    --------
    >>> calibrate(0.5, [[0.0, 0.1], [1.0, 0.9]])
    0.5
    >>> calibrate(0.25, [[0.0, 0.0], [0.5, 0.2], [1.0, 1.0]])
    0.1
    """
    if not knots:
        return p
    xs = [x for x, _ in knots]
    i = bisect.bisect_right(xs, p)
    if i == 0:
        return knots[0][1]
    if i == len(knots):
        return knots[-1][1]
    (x0, y0), (x1, y1) = knots[i - 1], knots[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)


def confidence(incident_id: str, values: dict[str, float]) -> float | None:
    """Give the calibrated probability that an incident is real (None: no model).

    Under :func:`~bordermap.geo.extract.learned.recording` ("confidence"), the
    incident's features are kept for the trainer under its id.

    Parameters
    ----------
    incident_id : str
    values : dict
        From :func:`incident_features`.

    Returns
    -------
    float or None
        Rounded to three decimals.
    """
    record("confidence", (incident_id, values))
    found = model("confidence")
    if found is None:
        return None
    raw = found.probabilities_of(values)["yes"]
    return round(calibrate(raw, found.calibration), 3)


def confidences(
    article: Article, drafts: list[Draft], ids: list[str], border: tuple[str, ...] = ()
) -> list[float | None]:
    """Give each of an article's incidents its confidence (None: no model).

    The features are computed only where a model is in use or a trainer is
    recording them.

    Examples
    --------
    >>> from bordermap.geo.extract.learned import using
    >>> with using("confidence", None):
    ...     confidences(Article("a", ""), [], [])
    []
    """
    if model("confidence") is None and not is_recording("confidence"):
        return [None] * len(drafts)
    page = article.text.casefold()
    return [
        confidence(ident, incident_features(article, drafts, k, border, page))
        for k, ident in enumerate(ids)
    ]


def sure_enough(incident: Incident, minimum: float | None) -> bool:
    """Tell whether an incident passes ``--min-confidence`` (None: every one does).

    An incident without a confidence (none was learned) and one a reviewer
    added, corrected or kept always passes: the same rule as
    :func:`bordermap.geo.tables.frames.confident` over a frame's rows.
    """
    return (
        minimum is None
        or incident.confidence is None
        or bool(incident.review)
        or incident.confidence >= minimum
    )
