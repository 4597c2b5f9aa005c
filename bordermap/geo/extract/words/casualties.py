"""What a number in a sentence counts: killed, wounded, displaced, or something else.

:func:`casualty_kind` reads the words around a count ("killing two", "two
soldiers were wounded", "the death toll has passed 40"); :func:`combine_counts`
joins the counts the text joins (parts of one side add up, sides stay apart,
"four wounded, two of whom later died"); :func:`victim_group` and
:func:`other_kind` say who was counted, or that the number counts rockets,
families or prisoners instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bordermap.geo.extract.words.counts import number_value
from bordermap.geo.extract.words.lexicon import lexicon
from bordermap.geo.places.gazetteer import Gazetteer
from bordermap.geo.records import Count

__all__ = [
    "NONVIOLENT",
    "PERSON",
    "THINGS",
    "Found",
    "casualty_kind",
    "combine_counts",
    "other_kind",
    "victim_group",
]

_WORDS = lexicon("casualties")

_KILLED = _WORDS.pattern("killed")
_WOUNDED = _WORDS.pattern("wounded")
_DISPLACED = _WORDS.pattern("displaced")
NONVIOLENT = _WORDS.pattern("nonviolent")
PERSON = _WORDS.alternation("person")
#: "86 villages": numbers of things, not people
THINGS = _WORDS.pattern("things")
_SOLDIER = _WORDS.pattern("soldiers")
_CIVILIAN = _WORDS.pattern("civilians")
_POLICE = _WORDS.pattern("police")


@dataclass
class Found:
    """A count phrase of a sentence and the casualty kind it was read as."""

    cs: int
    ce: int
    count: Count
    kind: str | None
    qs: int
    qe: int


_JOINED = re.compile(r"\s+(?:[\w'’-]+\s+){0,6}?(?:and|plus)\s+$", re.I)

_OWN_VERB = re.compile(r"\s+(?:were|was|are|is|have|has|had|remain\w*)\b", re.I)

_RELATIVE = _WORDS.pattern("relative")
_OF_WHOM = _WORDS.pattern("of_whom")


def _side_of(text: str, start: int, end: int, gazetteer: Gazetteer) -> str | None:
    found = {iso for _, _, iso, _ in gazetteer.find_countries(text, start, end)}
    return found.pop() if len(found) == 1 else None


def _sum(a: Count, b: Count, group_a: str, group_b: str) -> Count:
    """Parts of one side and incident ("six soldiers and five civilians") added up.

    A hedge on a part holds for the sum: "at least 11 civilians and one soldier"
    is at least 12; parts with different kinds of hedge give an estimate.
    """

    def add(x, y):
        return None if x is None or y is None else x + y

    hedges = {a.qualifier, b.qualifier} - {"exact"}
    if len(hedges) > 1:
        qualifier = "at_least" if hedges == {"at_least", "more_than"} else "around"
    else:
        qualifier = hedges.pop() if hedges else "exact"
    stated = (
        a.stated + b.stated
        if isinstance(a.stated, int) and isinstance(b.stated, int)
        else add(a.best, b.best)
    )
    low, best, high = add(a.low, b.low), add(a.best, b.best), add(a.high, b.high)
    if qualifier == "at_least" and len({a.qualifier, b.qualifier} - {"exact"}) > 1:
        best, stated = low, low
    elif qualifier == "around":
        low = high = None
    return Count(
        low=low,
        best=best,
        high=high,
        qualifier=qualifier,
        stated=stated,
        breakdown=((group_a, a.best), (group_b, b.best)),
        note="sum of stated parts",
    )


def _joined(text: str, cur: Found, nxt: Found | None) -> bool:
    """Whether two counts are joined as parts of one figure ("six ... and five").

    Not when the first count's own verb stands between them and another kind's
    verb follows the second: in "three guards were killed and four soldiers and
    two civilians injured" the "and" joins two clauses.
    """
    return (
        nxt is not None
        and not (
            cur.kind
            and cur.ce < cur.qe <= nxt.cs
            and _kind_ahead(text, nxt.ce) not in (None, cur.kind)
        )
        and bool(_JOINED.fullmatch(text, cur.ce, nxt.cs))
        and not _OWN_VERB.match(text, nxt.ce)
        and bool(cur.kind or nxt.kind)
        and (not (cur.kind and nxt.kind) or cur.kind == nxt.kind)
    )


def _kind_ahead(text: str, start: int) -> str | None:
    """Return the first kind of casualty word in the rest of a clause (60 chars)."""
    stop = re.search(r"[.;:]", text[start : start + 60])
    end = start + (stop.start() if stop else 60)
    found = [
        (m.start(), kind)
        for kind, rx in _KINDS[:3]
        for m in [rx.search(text, start, end)]
        if m
    ]
    return min(found)[1] if found else None


def _join_pair(
    text: str, cur: Found, nxt: Found, gazetteer: Gazetteer, end: int, sides: dict
) -> list[Found]:
    """Two joined counts: one per side if they name two sides, else their sum."""
    kind = cur.kind or nxt.kind
    tail = re.search(r"[,;.]|$", text[nxt.ce : end])
    side_a = _side_of(text, cur.ce, nxt.cs, gazetteer)
    side_b = _side_of(text, nxt.ce, nxt.ce + tail.start(), gazetteer)
    if side_a and side_b and side_a != side_b:
        second = nxt.count
        if second.qualifier == "exact" and cur.count.qualifier in {
            "at_least",
            "more_than",
        }:
            second = _from_qualifier(second, cur.count.qualifier)
        sides[cur.qs] = side_a
        sides[nxt.cs] = side_b
        return [
            Found(cur.cs, cur.ce, cur.count, kind, cur.qs, cur.qe),
            Found(nxt.cs, nxt.ce, second, kind, nxt.cs, nxt.ce + tail.start()),
        ]
    group_a = victim_group(text[cur.ce : nxt.cs])
    group_b = victim_group(text[nxt.ce : nxt.ce + 25])
    summed = _sum(cur.count, nxt.count, group_a, group_b)
    span = (min(cur.qs, nxt.cs), max(cur.qe, nxt.qe, nxt.ce))
    return [Found(cur.cs, nxt.ce, summed, kind, *span)]


def _with_relative(text: str, cur: Found) -> Found:
    """Count "killing a woman and her son" as two people."""
    relative = _RELATIVE.match(text, cur.ce) if cur.kind else None
    if not relative or cur.count.best != 1:
        return cur
    two = Count(2, 2, 2, "exact", stated=2, note="sum of stated parts")
    return Found(
        cur.cs, relative.end(), two, cur.kind, cur.qs, max(cur.qe, relative.end())
    )


def _later_died(text: str, out: list[Found], start: int, end: int) -> None:
    """Read "four wounded, two of whom later died": two wounded (or 4), two killed."""
    for m in _OF_WHOM.finditer(text, start, end):
        before = [f for f in out if f.kind == "wounded" and f.ce <= m.start()]
        n = number_value(m.group("n") or m.group("n2"))
        if not before or before[-1].count.best is None or before[-1].count.best < n:
            continue
        w = before[-1]
        left = w.count.best - n
        w.count = replace(
            w.count,
            low=left,
            best=left,
            high=left,
            stated=left,
            alternatives=(w.count.best,),
            note=f"{n} of them later died",
        )
        died = Count(n, n, n, "exact", stated=n)
        out.append(Found(m.start(), m.end(), died, "killed", m.start(), m.end()))


def combine_counts(
    text: str,
    found: list[Found],
    gazetteer: Gazetteer,
    end: int,
    sides: dict[int, str],
) -> list[Found]:
    """Join counts that the text joins: parts of one side add up, sides stay apart.

    "wounded six soldiers and five civilians" is one count of 11 with a
    breakdown; "at least 21 killed in Thailand and 18 in Cambodia" are two
    counts, one per side (``sides`` maps their start to the country), the
    hedge of the first applying to the second; "four wounded, two of whom later
    died" is two wounded (alternative reading four) and two killed.
    """
    out: list[Found] = []
    i = 0
    while i < len(found):
        cur = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if _joined(text, cur, nxt):
            out.extend(_join_pair(text, cur, nxt, gazetteer, end, sides))
            i += 2
            continue
        out.append(_with_relative(text, cur))
        i += 1
    _later_died(text, out, found[0].cs if found else end, end)
    return out


def _from_qualifier(count: Count, qualifier: str) -> Count:
    value = count.best or 0
    if qualifier == "at_least":
        return replace(count, low=value, best=value, high=None, qualifier=qualifier)
    return replace(count, low=value + 1, best=value + 1, high=None, qualifier=qualifier)


def victim_group(head: str) -> str:
    """Victim group from the words around a count."""
    if _SOLDIER.search(head):
        return "soldiers"
    if _POLICE.search(head):
        return "police"
    if _CIVILIAN.search(head):
        return "civilians"
    return "unspecified"


_KINDS = (
    ("killed", _KILLED),
    ("wounded", _WOUNDED),
    ("displaced", _DISPLACED),
    ("casualties", _WORDS.pattern("casualties")),
    ("wounded", _WORDS.pattern("hit_person")),
)
_PERSON_WORD = re.compile(rf"\b(?:{PERSON})\b", re.I)

_TRANSITIVE = _WORDS.pattern("transitive")

# "the death toll has passed 40", "the number of people killed ... rose above 30"
_TOLL = tuple(
    (kind, _WORDS.pattern(f"toll_{kind}"))
    for kind in ("killed", "wounded", "displaced")
)

_LISTED = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:including|among\s+them)\s+[^.;]{3,120}?"
    r"(?=\b(?:were|was|have\s+been|had\s+been|are)\s+(?:killed|wounded|injured|hurt|"
    r"evacuated|displaced)\b|\b(?:died|perished)\b)",
    re.I,
)
_WORD_RE = re.compile(r"[\w'’-]+|[,;:.!?()\"“”]")

_AFTER_TOKENS = 12

_APPOSITIVE = _WORDS.pattern("appositive")
_VICTIM_NOUN = _WORDS.pattern("victim_noun")
_VICTIM_VERB = _WORDS.pattern("victim_verb")


def casualty_kind(
    text: str,
    s: int,
    e: int,
    limit: int,
    stops: tuple[int, ...] = (),
    begin: int = 0,
) -> tuple[str | None, int, int]:
    """Casualty kind a count at ``text[s:e]`` belongs to, and the phrase's span.

    "killing two", "wounding at least three" and "death toll of 21" read the word
    before the number; "two Thai soldiers wounded", "at least 30 people have died"
    and "one Thai soldier was wounded" read up to twelve words after it, stopping
    at punctuation or at the next number. Nothing before ``begin`` (the
    sentence's start) is read.
    """
    m = _TRANSITIVE.search(text, max(begin, s - 40), s)
    if m:
        return (
            next(k for k in ("killed", "wounded", "displaced") if m.group(k)),
            m.start(),
            e,
        )
    for kind, rx in _TOLL:
        m = rx.search(text, max(begin, s - 160), s)
        if m:
            return kind, m.start(), e
    listed = _LISTED.match(text, e, limit)
    if listed:
        # "Eight people including three soldiers ... were killed": the verb
        # after the list of parts says what the count counts
        for kind, rx in _KINDS[:3]:
            verb = rx.search(text, listed.end(), min(limit, listed.end() + 25))
            if verb:
                return kind, s, verb.end()
    nxt = min([x for x in stops if x >= e] + [limit])
    pos, n = e, 0
    while (tok := _WORD_RE.search(text, pos, nxt)) is not None:
        pos, n = tok.end(), n + 1
        aside = _APPOSITIVE.match(text, tok.start(), limit)
        if aside:
            # "2,570 people, mostly women and children, were evacuated": read on
            # after it (a count inside it, "including two children", is a part)
            pos = aside.end()
            nxt = min([x for x in stops if x >= pos] + [limit])
            continue
        if n > _AFTER_TOKENS or tok.group() in ',;:.!?()"“”':
            break
        for kind, rx in _KINDS:
            km = rx.match(text, tok.start(), nxt)
            if (
                km
                and rx is _KINDS[-1][1]
                and not _PERSON_WORD.search(text, e, km.start())
            ):
                continue  # "two houses were hit": hit, not wounded
            if km:
                # "one evacuee died": the noun names who, the verb says what
                if (
                    kind == "displaced"
                    and _VICTIM_NOUN.match(km.group())
                    and _VICTIM_VERB.match(text[km.end() : nxt])
                ):
                    continue
                return kind, s, km.end()
    return None, s, e


def other_kind(text: str, s: int, e: int, limit: int) -> str | None:
    """Name what a non-casualty count counts: prisoners, rockets or families.

    Examples
    --------
    >>> t = "Cambodian forces fired 120 rockets."
    >>> other_kind(t, 23, 26, len(t))
    'rockets'
    """
    after = text[e : min(limit, e + 60)]
    if _WORDS.pattern("captured_after").match(after):
        return "prisoners_held"
    munitions = _WORDS.pattern("munitions_after").match(after)
    if munitions:
        return "rockets" if re.search(r"rocket", after, re.I) else "shells"
    if _WORDS.pattern("families_after").match(after):
        return "families"
    if _WORDS.pattern("held_after").match(after) or _WORDS.pattern(
        "released_before"
    ).search(text[max(0, s - 25) : s]):
        return "prisoners_held"
    return None
