"""Clauses of a sentence, and the small span helpers every pass shares.

The passes cut a sentence at its clause breaks (";", ":", dashes, ", and",
", while" ...): a count, a negation or an accusation belongs to the clause it
stands in. :func:`where_place` reads the place a relative "where" clause
points back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bordermap.geo.places.gazetteer import PlaceMatch

__all__ = [
    "WHERE",
    "clause_of",
    "clause_spans",
    "last_match",
    "mask",
    "where_place",
]

#: ", where": a relative clause that points back to the place before it.
WHERE = re.compile(r",\s+where\b", re.I)

_CLAUSE = re.compile(
    r";|:|\s[—–]\s|,\s+(?=(?:and|but|while|as|after|hours\s+after|when|which|who|although|"
    r"though|whereas|where|including)\b)|\s(?=and\s+(?:later|then|also)\b)",
    re.I,
)


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text[start:end]`` (split at ";", ":", dashes, ", and").

    Examples
    --------
    >>> t = "Shells hit Surin, and two were hurt."
    >>> [t[a:b] for a, b in clause_spans(t, 0, len(t))]
    ['Shells hit Surin', 'and two were hurt.']
    """
    out, pos = [], start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def clause_of(
    clauses: list[tuple[int, int]], at: int, default: tuple[int, int]
) -> tuple[int, int]:
    """Return the clause holding position ``at`` (its end counts as inside)."""
    return next(((a, b) for a, b in clauses if a <= at < b + 1), default)


def mask(text: str, rx: re.Pattern, start: int, end: int) -> str:
    """Return ``text[start:end]`` with the matches of ``rx`` blanked out."""
    return rx.sub(lambda m: " " * len(m.group()), text[start:end])


def last_match(matches: Iterator[re.Match]) -> re.Match | None:
    """Return the last of ``matches``, or None."""
    last = None
    for last in matches:  # noqa: B007 - the last one
        pass
    return last


def where_place(text: str, places: list[PlaceMatch], at: int) -> list[PlaceMatch]:
    """Return the place named just before a relative "where" clause starting at ``at``.

    "At a temple in Surin's Prasat district, where hundreds of evacuees are
    sleeping": the evacuees are in Prasat district, Surin. ``at`` is the comma or
    the word "where".
    """
    comma = text.rfind(",", max(0, at - 3), at + 1)
    if comma < 0 or not WHERE.match(text, comma):
        return []
    return [pm for pm in places if comma - 25 <= pm.start < comma and pm.end <= comma]
