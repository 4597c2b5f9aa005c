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

from bordermap.geo.counts import number_value
from bordermap.geo.gazetteer import Gazetteer
from bordermap.geo.records import Count
from bordermap.geo.triggers import MOVED

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

_F = re.I

_SMALL_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten"


_KILLED = re.compile(
    r"\b(?:killed|killing|kills?|dead|died|dies|deaths?|death\s+toll|lost\s+(?:their|his|her)"
    r"\s+lives?|slain|fatalit(?:y|ies)|perished|lives\s+lost)\b",
    _F,
)

_WOUNDED = re.compile(
    r"\b(?:wounded|wounding|wounds?|injured|injuring|injur(?:y|ies)|hurt|maimed)\b", _F
)

_DISPLACED = re.compile(
    r"\b(?:displaced|evacuated|evacuees?|fled|fleeing|flee|(?:forced|driven)\s+(?:out\s+)?from"
    r"|left\s+(?:their\s+)?homes|sheltering|in\s+shelters|taken\s+shelter|refugees|uprooted|"
    r"homeless|moved\s+to\s+(?:safety|safer\s+\w+|(?:relief\s+)?camps|shelters?)|"
    rf"relocated|left\s+the|{MOVED}|(?:sought|took|taken)\s+refuge)",
    _F,
)


NONVIOLENT = re.compile(
    r"\b(?:evacuees?|shelters?|heart|illness|ill|disease|natural\s+causes|condition|"
    r"patients?|sick|heat\s*stroke|exhaustion)\b",
    _F,
)

PERSON = (
    r"soldiers?|troops?|servicem[ae]n|marines?|rangers?|sailors?|officers?|police(?:men|man)?|"
    r"civilians?|villagers?|residents?|people|persons?|farmers?|children|women|men|man|woman|"
    r"child|boys?|girls?|students?|monks?|evacuees?|workers?|members?|personnel|fighters?|"
    r"families|households|refugees|troopers?|guards?|others"
)

THINGS = re.compile(
    rf"\s+(?:(?!(?:{PERSON}|in|at|of|from|and|or|near|on|who|were|was)\b)[\w-]+\s+){{0,2}}?"
    r"(?:villages?|homes?|houses?|buildings?|schools?|temples?|pagodas?|hospitals?|"
    r"bridges?|roads?|vehicles?|cars?|trucks?|tanks?|provinces?|districts?|regions?|"
    r"areas?|locations?|sites?|targets?|positions?|posts?|outposts?|checkpoints?|bases?|"
    r"camps?|shelters?|centres?|centers?|fronts?|points?|times?|communes?|towns?)\b",
    _F,
)

_SOLDIER = re.compile(
    r"\b(?:soldiers?|troops?|servicem[ae]n|marines?|rangers?|sailors?|troopers?|personnel|"
    r"fighters?|guards?|privates?|sergeants?|commanders?|military)\b",
    _F,
)

_CIVILIAN = re.compile(
    r"\b(?:civilians?|villagers?|residents?|farmers?|children|women|students?|monks?|"
    r"evacuees?|families|households|person|people\s+who\s+were\s+living)\b",
    _F,
)

_POLICE = re.compile(r"\bpolice(?:men|man)?\b|\bofficers?\b", _F)


@dataclass
class Found:
    """A count phrase of a sentence and the casualty kind it was read as."""

    cs: int
    ce: int
    count: Count
    kind: str | None
    qs: int
    qe: int


_JOINED = re.compile(r"\s+(?:[\w'’-]+\s+){0,6}?(?:and|plus)\s+$", _F)

_OWN_VERB = re.compile(r"\s+(?:were|was|are|is|have|has|had|remain\w*)\b", _F)


_RELATIVE = re.compile(
    r"\s+(?:[\w-]+\s+)?and\s+(?:his|her|their)\s+(?:son|daughter|wife|husband|child|"
    r"mother|father|brother|sister|grandson|granddaughter|baby)\b",
    _F,
)

_OF_WHOM = re.compile(
    rf"(?P<n>{_SMALL_NUMBER})\s+of\s+(?:whom|them)\s+(?:later\s+|subsequently\s+|"
    r"have\s+since\s+|had\s+since\s+)?(?:died|succumbed|were\s+killed|was\s+killed)",
    _F,
)


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
        joined = (
            nxt is not None
            and _JOINED.fullmatch(text, cur.ce, nxt.cs)
            and not _OWN_VERB.match(text, nxt.ce)
        )
        if (
            joined
            and (cur.kind or nxt.kind)
            and (not (cur.kind and nxt.kind) or cur.kind == nxt.kind)
        ):
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
                out.append(Found(cur.cs, cur.ce, cur.count, kind, cur.qs, cur.qe))
                out.append(
                    Found(nxt.cs, nxt.ce, second, kind, nxt.cs, nxt.ce + tail.start())
                )
                sides[cur.qs] = side_a
                sides[nxt.cs] = side_b
            else:
                group_a = victim_group(text[cur.ce : nxt.cs])
                group_b = victim_group(text[nxt.ce : nxt.ce + 25])
                summed = _sum(cur.count, nxt.count, group_a, group_b)
                out.append(
                    Found(
                        cur.cs,
                        nxt.ce,
                        summed,
                        kind,
                        min(cur.qs, nxt.cs),
                        max(cur.qe, nxt.qe, nxt.ce),
                    )
                )
            i += 2
            continue
        relative = _RELATIVE.match(text, cur.ce) if cur.kind else None
        if relative and cur.count.best == 1:
            # "killing a woman and her son": two people
            two = Count(2, 2, 2, "exact", stated=2, note="sum of stated parts")
            cur = Found(
                cur.cs,
                relative.end(),
                two,
                cur.kind,
                cur.qs,
                max(cur.qe, relative.end()),
            )
        out.append(cur)
        i += 1
    for m in _OF_WHOM.finditer(text, found[0].cs if found else end, end):
        before = [f for f in out if f.kind == "wounded" and f.ce <= m.start()]
        n = number_value(m.group("n"))
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


_KINDS = (("killed", _KILLED), ("wounded", _WOUNDED), ("displaced", _DISPLACED))

_TRANSITIVE = re.compile(
    r"\b(?:(?P<killed>killing|killed|kills|(?:ha(?:s|ve|d)\s+)?lost|"
    r"death\s+toll\s+(?:of|at|to|rose\s+to|stands\s+at)|"
    r"toll\s+(?:of|at|to|rose\s+to)|deaths\s+(?:of|to))|(?P<wounded>wounding|wounded|injuring|"
    r"injured|hurting)|(?P<displaced>evacuating|evacuated|displacing|displaced|uprooting))\s+$",
    _F,
)

_TOLL_VERB = (
    r"[^.;:]{0,90}?\b(?:rose|risen|rising|climbed|climbing|jumped|reached|reaching|"
    r"stood|stands|stand|is|was|has|had|hit|increased|grew|now)\b(?:\s+(?:to|at|past|"
    r"beyond|by))?\s+$"
)

# "the death toll has passed 40", "the number of people killed ... rose above 30"
_TOLL = tuple(
    (kind, re.compile(rf"\b(?:{nouns}){_TOLL_VERB}", _F))
    for kind, nouns in (
        (
            "killed",
            r"death\s+toll|toll|number\s+of\s+(?:[\w-]+\s+){0,3}?(?:killed|dead|deaths|"
            r"fatalities)",
        ),
        ("wounded", r"number\s+of\s+(?:[\w-]+\s+){0,3}?(?:wounded|injured)"),
        (
            "displaced",
            r"number\s+of\s+(?:[\w-]+\s+){0,3}?(?:displaced|evacuees|evacuated|"
            r"refugees|people\s+(?:who\s+)?(?:fled|evacuated))",
        ),
    )
)

_WORD_RE = re.compile(r"[\w'’-]+|[,;:.!?()\"“”]")


_AFTER_TOKENS = 12

_APPOSITIVE = re.compile(
    r",\s+(?:mostly|mainly|largely|including|among\s+them|most\s+of\s+(?:them|whom)|"
    r"many\s+of\s+(?:them|whom)|half\s+of\s+(?:them|whom)|all\s+of\s+them|both)\b"
    r"[^,;.]{0,60},"
    # "a senior official, additional commissioner Raj Kumar Thapa, was killed"
    r"|,\s+[^,;.]{1,80},(?=\s+(?:was|were|had|have|has)\s)",
    _F,
)


def casualty_kind(
    text: str, s: int, e: int, limit: int, stops: tuple[int, ...] = ()
) -> tuple[str | None, int, int]:
    """Casualty kind a count at ``text[s:e]`` belongs to, and the phrase's span.

    "killing two", "wounding at least three" and "death toll of 21" read the word
    before the number; "two Thai soldiers wounded", "at least 30 people have died"
    and "one Thai soldier was wounded" read up to twelve words after it, stopping
    at punctuation or at the next number.
    """
    m = _TRANSITIVE.search(text, max(0, s - 40), s)
    if m:
        return (
            next(k for k in ("killed", "wounded", "displaced") if m.group(k)),
            m.start(),
            e,
        )
    for kind, rx in _TOLL:
        m = rx.search(text, max(0, s - 160), s)
        if m:
            return kind, m.start(), e
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
            if km:
                if kind == "displaced" and re.match(
                    r"evacuees?|refugees", km.group(), _F
                ):
                    # "one evacuee died": the noun names who, the verb says what
                    verb = re.match(
                        r"(?:\s+\w+){0,3}?\s+(?=(?:died|was\s+killed|were\s+killed"
                        r"|was\s+(?:wounded|injured|hurt)|were\s+(?:wounded|"
                        r"injured|hurt)))",
                        text[km.end() : nxt],
                        _F,
                    )
                    if verb:
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
    if re.match(
        r"\s+(?:[\w-]+\s+){0,3}?(?:were|was|had\s+been|have\s+been)\s+(?:captured|"
        r"detained|taken\s+prisoner|arrested|abducted)",
        after,
        _F,
    ):
        return "prisoners_held"
    if re.match(
        r"\s+(?:[\w-]+\s+){0,3}?(?:rockets?|shells|missiles|rounds|mortars?)\b",
        after,
        _F,
    ):
        return "rockets" if re.search(r"rocket", after, _F) else "shells"
    if re.match(r"\s+(?:[\w-]+\s+){0,3}?(?:families|households)\b", after, _F):
        return "families"
    if re.match(
        rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{PERSON})\s+(?:held|captured|detained|in\s+"
        rf"(?:\w+\s+)?custody)",
        after,
        _F,
    ) or re.search(
        r"\b(?:release|free|freed|releasing|hand\s*over)\s+(?:of\s+)?(?:the\s+)?$",
        text[max(0, s - 25) : s],
        _F,
    ):
        return "prisoners_held"
    return None
