"""Numbers in casualty phrases: find them and turn them into low / best / high.

The qualifier table is the corpus convention (UCDP GED low / best / high):
"at least 12" is ``at_least`` 12 / 12 / None, "more than three dozen" is
``more_than`` 37 / 37 / None, "dozens" is ``vague_plural`` 24 / 24 / None, and so on.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from bordermap.errors import CountError
from bordermap.geo.records import Count

__all__ = ["COUNT_PATTERN", "find_counts", "hedged", "number_value", "parse_count"]

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
# Vague plurals: the corpus table's conventional low (= best) values.
_VAGUE = {
    "several": 3,
    "a few": 3,
    "few": 3,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "several hundred": 300,
    "several thousand": 3_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "millions": 2_000_000,
}
_MANY = ("many", "multiple", "numerous", "a number of")

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_NUMBER = (
    r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))?"
    r"|half\s+a\s+million|no\s+one|nobody"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several)\s+dozen"
    rf"|(?:{_WORD})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s+(?:hundred|thousand|million))?(?![\w-]))"
)
_VAGUE_RE = "|".join(
    sorted([re.escape(v).replace(r"\ ", r"\s+") for v in _VAGUE], key=len, reverse=True)
)
_MANY_RE = "|".join(m.replace(" ", r"\s+") for m in _MANY)
_PRE = (
    r"(?P<pre>at\s+least|no\s+fewer\s+than|not\s+less\s+than|a\s+minimum\s+of"
    r"|a\s+toll\s+of\s+at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of"
    r"|above|passed|passing|topped|exceeded|surpassed"
    r"|around|about|approximately|roughly|some|an\s+estimated|estimated|nearly|almost"
    r"|close\s+to|up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|under)"
)
#: Matches a count phrase; named groups say which kind it is.
COUNT_PATTERN = re.compile(
    rf"(?<![\w.,-])(?:{_PRE}\s+)?(?:"
    rf"between\s+(?P<r1>{_NUMBER})\s+and\s+(?P<r2>{_NUMBER})"
    rf"|(?P<r3>{_NUMBER})\s*(?:-|–|—|to)\s*(?P<r4>{_NUMBER})"
    rf"|(?P<vague>{_VAGUE_RE})"
    rf"|(?P<many>{_MANY_RE})"
    rf"|(?P<num>{_NUMBER})(?P<post>\s+or\s+more)?"
    r")(?![\w%])",
    re.I,
)
_QUALIFIER = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "a toll of at least": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "above": "more_than",
    "passed": "more_than",
    "passing": "more_than",
    "topped": "more_than",
    "exceeded": "more_than",
    "surpassed": "more_than",
    "around": "around",
    "about": "around",
    "approximately": "around",
    "roughly": "around",
    "some": "around",
    "an estimated": "around",
    "estimated": "around",
    "nearly": "up_to",
    "almost": "up_to",
    "close to": "up_to",
    "up to": "up_to",
    "as many as": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
    "under": "up_to",
}


def number_value(phrase: str) -> int:
    """Integer value of a number phrase ("1,200", "three dozen", "half a million").

    Examples
    --------
    >>> number_value("three dozen"), number_value("1.2 million"), number_value("two")
    (36, 1200000, 2)
    """
    text = " ".join(phrase.casefold().replace("-", " ").split())
    if text == "half a million":
        return 500_000
    if text in ("no one", "nobody"):
        return 0
    m = re.fullmatch(
        r"(\d[\d,]*(?:\.\d+)?)(?: (hundred|thousand|million|billion))?", text
    )
    if m:
        # exact: "1.2 million" is 1,200,000; a 400-digit number is no float
        number = Decimal(m.group(1).replace(",", ""))
        return int((number * _SCALES.get(m.group(2) or "", 1)).to_integral_value())
    words = text.split()
    if words[-1] == "dozen":
        head = " ".join(words[:-1])
        return 12 * (_VAGUE.get(head) or _UNITS[head])
    total = 0
    for word in words:
        if word in _UNITS:
            total += _UNITS[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word in _SCALES:
            total = max(total, 1) * _SCALES[word]
        else:
            raise CountError(f"{phrase!r} is not a number")
    return total


def _stated(number: str, value: int, whole: str) -> int | str:
    """`stated` as the corpus writes it: an int, or the phrase for dozens/halves."""
    if re.search(r"dozen|half", number, re.I):
        return " ".join(whole.split()).casefold()
    return value


def _from_match(m: re.Match) -> Count:
    pre = " ".join((m.group("pre") or "").casefold().split())
    whole = m.group(0)
    if m.group("r1") or m.group("r3"):
        low = number_value(m.group("r1") or m.group("r3"))
        high = number_value(m.group("r2") or m.group("r4"))
        if high < low:
            low, high = high, low
        return Count(low, low, high, "range", stated=" ".join(whole.split()).casefold())
    if m.group("vague"):
        value = _VAGUE[" ".join(m.group("vague").casefold().split())]
        return Count(
            value,
            value,
            None,
            "vague_plural",
            stated=" ".join(m.group("vague").split()).casefold(),
        )
    if m.group("many"):
        return Count(2, None, None, "many", stated=m.group("many").casefold())
    value = number_value(m.group("num"))
    stated = _stated(m.group("num"), value, whole)
    if m.group("post"):
        return Count(value, value, None, "at_least", stated=stated)
    return hedged(value, _QUALIFIER.get(pre, "exact"), stated)


def hedged(value: int, qualifier: str, stated: int | str | None = None) -> Count:
    """Return a count of ``value`` under a hedge, with the corpus's low / best / high.

    Examples
    --------
    >>> c = hedged(24, "more_than")
    >>> (c.low, c.best, c.high)
    (25, 25, None)
    """
    if value == 0:
        return Count(0, 0, 0, "none", stated=stated)
    if qualifier == "at_least":
        return Count(value, value, None, qualifier, stated=stated)
    if qualifier == "more_than":
        return Count(value + 1, value + 1, None, qualifier, stated=stated)
    if qualifier == "around":
        return Count(None, value, None, qualifier, stated=stated)
    if qualifier == "up_to":
        return Count(None, value, value, qualifier, stated=stated)
    return Count(value, value, value, "exact", stated=stated)


def parse_count(phrase: str) -> Count:
    """Parse a casualty phrase into low/best/high.

    Parameters
    ----------
    phrase : str
        Text such as ``"at least 12"``, ``"more than three dozen"`` or ``"dozens"``.

    Returns
    -------
    Count
        Without quote; ``stated`` is the number as written.

    Raises
    ------
    CountError
        If the phrase holds no number or number word.

    Examples
    --------
    >>> parse_count("at least 12").low
    12
    >>> c = parse_count("more than three dozen")
    >>> (c.low, c.best, c.high, c.qualifier)
    (37, 37, None, 'more_than')
    """
    text = phrase.strip()
    if re.fullmatch(r"no(?:ne)?|no\s+(?:casualties|injuries|deaths|one)", text, re.I):
        return Count(0, 0, 0, "none", stated=0)
    m = COUNT_PATTERN.search(text)
    if not m:
        raise CountError(f"{phrase!r} holds no number or number word")
    return _from_match(m)


# "a" counts one only before a person ("a Thai soldier", "a second soldier") or
# before a noun that is then killed or hurt ("a nurse was wounded").
_ONE_PERSON = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}(?:soldier|civilian|marine|villager|person|man|woman|child|boy|"
    r"girl|resident|police|officer|ranger|farmer|member|trooper|worker|nurse|doctor|medic|"
    r"teacher|monk|journalist|driver|guard|student|evacuee|sergeant|private|commander|"
    r"official|commissioner|administrator|chief|leader|pilot|engineer|reporter)\b"
    r"|\s+(?:[a-z-]+\s+){1,3}(?:was|has\s+been|had\s+been)\s+(?:killed|wounded|injured|"
    r"hurt|shot)\b|\s+(?:[a-z-]+\s+){1,3}died\b"
)


def find_counts(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, Count]]:
    """Find count phrases in ``text[start:end]``.

    Clock times, percentages, years, ages ("67-year-old"), weapon names
    ("BM-21", "F-16"), hill numbers and "one of" are not counts.

    Parameters
    ----------
    text : str
    start, end : int
        Search window.

    Returns
    -------
    list of (start, end, Count)

    Examples
    --------
    >>> found = find_counts("killing two and wounding dozens")
    >>> [(c.best, c.qualifier) for _, _, c in found]
    [(2, 'exact'), (24, 'vague_plural')]
    """
    end = len(text) if end is None else end
    out = []
    for m in COUNT_PATTERN.finditer(text, start, end):
        s, e = m.span()
        after = text[e : min(end, e + 14)].casefold()
        before = text[max(start, s - 12) : s].casefold()
        word = m.group(0).casefold()
        if re.match(
            r"\s*(?:%|per ?cent|percent|[.:]\d|am\b|pm\b|a\.m|p\.m|-year|-km|km\b"
            r"|year|rai\b|hours?\b|days?\b|weeks?\b|months?\b|metres|meters|kilomet"
            r"|miles|-point|points?\b|o'clock|of (?:them|whom|those)"
            r"|(?:sides|countries|neighbou?rs|militaries|armies|governments|nations|"
            r"leaders|ministers)\b)",
            after,
        ):
            continue
        if (
            re.search(
                r"\b(?:bm|f|hill|no\.|no|route|highway|mig|su|t|m|village no\.?)"
                r"[\s-]*$",
                before,
            )
            and m.group("num")
            and word[:1].isdigit()
        ):
            continue
        if m.group("num") and re.search(
            r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s*$",
            before,
        ):
            continue  # a day of the month
        if m.group("num") and re.fullmatch(r"(?:19|20)\d\d", word):
            continue  # a year
        if (
            m.group("num")
            and word in {"a", "an", "one"}
            and re.match(r"\s+of\b", after)
        ):
            continue  # "one of more than 3,000 people"
        if (
            m.group("num")
            and word in {"a", "an"}
            and not _ONE_PERSON.match(text[e : e + 60].casefold())
        ):
            continue
        if m.group("many") and re.search(r"\bhow\s+$", before):
            continue  # "How many have died?": a question, not a count
        if word == "some" or (
            m.group("pre")
            and not (
                m.group("num") or m.group("r1") or m.group("r3") or m.group("vague")
            )
        ):
            continue
        count = _from_match(m)
        out.append((s, e, count))
    return out


def with_unit(count: Count, unit: str) -> Count:
    """Return ``count`` with another unit (``"families"``, ``"rockets"``)."""
    return replace(count, unit=unit)
