"""Dates in article text, resolved against the article's publication date.

"July 24", "Dec. 8", "Tuesday, Sept 23", "on Sunday", "yesterday", "overnight",
"one day after" are turned into calendar dates; a weekday is the latest such day
on or before the reference date, or the next one when the verb is in the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "DateMention",
    "Dateline",
    "PastPeriod",
    "find_dates",
    "parse_dateline",
    "past_period",
]

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DATE_RE = re.compile(
    rf"\b(?:(?P<md_month>{_MONTH_RE})\s+(?P<md_day>{_DAY_RE})\b{_YEAR_RE}"
    rf"|(?P<dm_day>{_DAY_RE})\s+(?P<dm_month>{_MONTH_RE})(?:\s+(?P<dm_year>(?:19|20)\d\d))?)"
    rf"|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b"
    r"|\b(?P<rel>today|yesterday|overnight|last night|the previous (?:night|day)"
    r"|the day before|a day earlier|the night before|this morning|this afternoon"
    r"|this evening|tonight|earlier today)\b"
    r"|\b(?P<ago>one|two|three|four|five|six|a|\d+)\s+days?\s+ago\b"
    r"|\b(?P<offset>one|two|three|a|\d+)\s+days?\s+(?P<dir>after|before|later|earlier)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|was due|were due|due to|is to|are to|"
    r"expected to|scheduled|plans? to|planned|to be held|next|upcoming|would meet)\b",
    re.I,
)
_SMALL = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_PLACE_WORD = r"(?:[A-Z][A-Z'’.-]+|[A-Z][a-z'’.-]+)"
_DATELINE = re.compile(
    rf"\s*(?P<place>{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}"
    rf"(?:/{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}})*)"
    r"(?:,[ \t]*(?P<country>[A-Z][A-Za-z ]{2,30}?))?"
    rf"(?:,[ \t]*(?P<date>{_MONTH_RE}[ \t]+{_DAY_RE}|{_DAY_RE}[ \t]+{_MONTH_RE})"
    r"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?\.?)?"
    r"[ \t]*(?:(?P<agency>/[A-Z]{2,10}/\.?)|\((?:[A-Z][\w .]{1,28})\))?"
    r"(?:[ \t]*(?:[—–-]{1,2}|:)[ \t]*|(?(agency)[ \t]+|(?!)))(?=[A-Z0-9\"“‘'])"
)
#: A dateline's place is upper case ("SURIN"), or a title-case place followed by
#: a country, date, agency or dash ("Kigali, Rwanda –", "El Fashaga —").
_UPPER_PLACE = re.compile(r"[A-Z][A-Z .'’/-]*[A-Z]\Z")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase: its span, the phrase and the resolved day (or None)."""

    start: int
    end: int
    text: str
    date: date | None
    explicit: bool  # a calendar date written in the text (not a weekday or relative)
    forward: bool = False  # "one day after ...": dates the event that follows


@dataclass(frozen=True, slots=True)
class Dateline:
    """The ``PLACE, Country, Month Day —`` opening of a wire story.

    ``place`` is the place it is filed from; empty when it names several
    ("BEIRUT/JERUSALEM").
    """

    end: int
    place: str
    date: date | None
    start: int = 0


def _calendar(month: int, day: int, year: int | None, ref: date | None) -> date | None:
    if year is not None and ref is not None and year != ref.year:
        # "March 3, 2015" in a report of March 5, 2025: a typo for this year's
        # March 3, the days just before the report
        try:
            this_year = date(ref.year, month, day)
        except ValueError:
            this_year = None
        if this_year and timedelta(days=-1) <= ref - this_year <= timedelta(days=31):
            return this_year
    if year is None:
        if ref is None:
            return None
        year = ref.year
        try:
            guess = date(year, month, day)
        except ValueError:
            return None
        # "Dec 28" in a January article is last year's.
        if guess - ref > timedelta(days=60):
            year -= 1
        elif ref - guess > timedelta(days=300):
            year += 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(name: str, ref: date | None, future: bool) -> date | None:
    if ref is None:
        return None
    target = _WEEKDAYS.index(name.casefold())
    if future:
        delta = (target - ref.weekday()) % 7 or 7
        return ref + timedelta(days=delta)
    return ref - timedelta(days=(ref.weekday() - target) % 7)


def parse_dateline(
    text: str, published: date | None, start: int = 0
) -> Dateline | None:
    """Read a dateline such as ``SURIN, Thailand, July 24 —`` at ``text[start:]``.

    Parameters
    ----------
    text : str
        The article text.
    published : datetime.date or None
        Publication date, for the year.
    start : int
        Where the story starts (after the page's headline and bylines).

    Returns
    -------
    Dateline or None

    Examples
    --------
    >>> parse_dateline("SURIN, Thailand, July 24 — Shells fell.", date(2025, 7, 24))
    Dateline(end=27, place='SURIN', date=datetime.date(2025, 7, 24), start=0)
    >>> parse_dateline("Kigali, Rwanda – Five were killed.", None).place
    'Kigali'
    >>> parse_dateline("BEIRUT/JERUSALEM (Reuters) – Jets struck.", None).place
    ''
    """
    m = _DATELINE.match(text, start)
    if not m:
        return None
    place = m.group("place").strip()
    titled = not _UPPER_PLACE.match(place)
    if titled and not (
        m.group("country")
        or m.group("date")
        or "—" in m.group(0)
        or "–" in m.group(0)
        or "(" in m.group(0)
    ):
        return None  # "Officials said: ..." is not a dateline
    if titled and len(place.split()) > 3:
        return None
    day = None
    if m.group("date"):
        parts = m.group("date").replace(".", "").split()
        month = next(p for p in parts if not p[0].isdigit())
        dnum = next(p for p in parts if p[0].isdigit())
        year = int(m.group("year")) if m.group("year") else None
        day = _calendar(
            _MONTHS[month.casefold()], int(re.sub(r"\D", "", dnum)), year, published
        )
    return Dateline(m.end(), "" if "/" in place else place, day, m.start("place"))


_ROUND = (
    r"(?:fighting|clashes|conflict|war|hostilities|round|violence|flare-up|battles?)"
)
_PAST = re.compile(
    r"\b(?:earlier\s+(?:this|that)\s+(?:year|month)|last\s+(?:year|month|week)"
    r"|the\s+previous\s+(?:year|month|week)"
    r"|(?:a|one|two|three|four|five|six|several|\d+)\s+(?:years?|months?|weeks?)"
    r"\s+(?:ago|earlier)"
    rf"|(?P<round_y>(?:the|its|their)\s+(?P<year2>(?:19|20)\d\d)\s+{_ROUND})"
    r"|in\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)"
    rf"|(?P<round_m>(?:the|its|their)\s+(?P<month2>{_MONTH_RE})\s+{_ROUND})"
    rf"|{_ROUND}\s+in\s+(?P<month3>{_MONTH_RE})(?!\s*\d)"
    rf"|(?:in|during)\s+(?P<month>{_MONTH_RE})(?!\s*\d))",
    re.I,
)
_SINCE_BEFORE = re.compile(r"\bsince\b[^.;:,]*$", re.I)


@dataclass(frozen=True, slots=True)
class PastPeriod:
    """A phrase that puts an event before the report's days ("earlier this year")."""

    start: int
    end: int
    text: str
    round: bool  # names a round of fighting ("the July fighting"): a summary
    recent: bool = False  # "last week": a day named beside it ("Thursday") dates it


def past_period(text: str, start: int, end: int, ref: date | None) -> PastPeriod | None:
    """Find a phrase placing events in an earlier period than the report's.

    A month counts when it is not the reference date's month; a year when it
    is before the reference year. "since the July fighting" is a comparison,
    not the time of the event.

    Examples
    --------
    >>> ref = date(2025, 12, 8)
    >>> past_period("The July fighting killed 48.", 0, 28, ref).round
    True
    >>> past_period("Shelling in December killed two.", 0, 31, ref) is None
    True
    """
    for m in _PAST.finditer(text, start, end):
        if _SINCE_BEFORE.search(text, max(start, m.start() - 60), m.start()):
            continue
        year = m.group("year") or m.group("year2")
        month = m.group("month") or m.group("month2") or m.group("month3")
        if year and (ref is None or int(year) >= ref.year):
            continue
        if month:
            number = _MONTHS[month.rstrip(".").casefold()]
            if ref is None or number == ref.month:
                continue
        is_round = bool(m.group("round_y") or m.group("round_m") or m.group("month3"))
        recent = m.group(0).casefold().endswith(("week", "weeks ago", "weeks earlier"))
        return PastPeriod(m.start(), m.end(), m.group(0), is_round, recent)
    return None


def find_dates(text: str, start: int, end: int, ref: date | None) -> list[DateMention]:
    """Date phrases in ``text[start:end]`` resolved against ``ref``.

    Parameters
    ----------
    text : str
    start, end : int
        The sentence's span.
    ref : datetime.date or None
        Reference day (dateline date or publication date); without it only
        dates that carry a year resolve.

    Returns
    -------
    list of DateMention

    Examples
    --------
    >>> s = "The round started on Dec. 8, one day after a clash."
    >>> [(d.text, str(d.date)) for d in find_dates(s, 0, len(s), date(2025, 12, 23))]
    [('Dec. 8', '2025-12-08'), ('one day after', '2025-12-07')]
    """
    out: list[DateMention] = []
    future = bool(_FUTURE.search(text, start, end))
    for m in _DATE_RE.finditer(text, start, end):
        resolved = _resolve(m, text, start, ref, future, out)
        if resolved is None:
            continue
        day, explicit = resolved
        out.append(
            DateMention(
                m.start(),
                m.end(),
                m.group(0),
                day,
                explicit,
                forward=bool(m.group("offset")),
            )
        )
    return out


_TODAY = frozenset(
    {
        "today",
        "this morning",
        "this afternoon",
        "this evening",
        "tonight",
        "earlier today",
    }
)
_PAST_ACT = re.compile(
    r"\b(?:said|was|were|had|did|told|after)\b"
    r"|\b(?!(?:scheduled|planned|expected|slated)\b)\w+ed\s+on\s+$",
    re.I,
)


def _resolve(
    m: re.Match,
    text: str,
    start: int,
    ref: date | None,
    future: bool,
    before: list[DateMention],
) -> tuple[date | None, bool] | None:
    """Resolve a date phrase: its day and whether it is written out (None: no date)."""
    if m.group("md_month") or m.group("dm_month"):
        month = (m.group("md_month") or m.group("dm_month")).rstrip(".").casefold()
        dnum = int(re.sub(r"\D", "", m.group("md_day") or m.group("dm_day")))
        year = m.group("year") or m.group("dm_year")
        if month == "may" and not re.match(r"\s*\d", text[m.start("md_month") + 3 :]):
            return None
        return _calendar(_MONTHS[month], dnum, int(year) if year else None, ref), True
    if m.group("weekday"):
        # "agreed on Friday to ... next week": a past act, dated in the past
        local_future = future and not _PAST_ACT.search(
            text[max(start, m.start() - 25) : m.start()]
        )
        return _weekday(m.group("weekday"), ref, local_future), False
    if m.group("rel"):
        back = 0 if m.group("rel").casefold() in _TODAY else 1
        return (ref - timedelta(days=back) if ref else None), False
    if m.group("ago"):
        n = _SMALL.get(m.group("ago").casefold()) or int(m.group("ago"))
        return (ref - timedelta(days=n) if ref else None), False
    anchor = next((d for d in reversed(before) if d.date and d.explicit), None)
    if anchor is None:
        return None
    n = _SMALL.get(m.group("offset").casefold()) or int(m.group("offset"))
    sign = -1 if m.group("dir").casefold() in {"after", "later"} else 1
    # "started on Dec. 8, one day after a clash": the clash is a day earlier.
    return anchor.date + timedelta(days=sign * n), True
