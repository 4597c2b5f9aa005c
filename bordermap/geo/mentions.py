"""Incident mentions in article text: event triggers, places, dates, counts.

Each sentence is cut into trigger windows (:mod:`bordermap.geo.triggers`); a
window becomes a :class:`Mention` with the places, dates and attribution in it.
The sentence's counts (:mod:`bordermap.geo.casualties` says what each counts)
attach to the mention whose kind of event they fit, nearest first. A mention
also says whether it is a total, planned, a past round ("the July fighting")
or told along the border. Nothing here knows about polygons: places are
gazetteer matches, resolved later by :mod:`bordermap.geo.geocode`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from bordermap.geo.casualties import (
    NONVIOLENT,
    PERSON,
    THINGS,
    Found,
    casualty_kind,
    combine_counts,
    other_kind,
    victim_group,
)
from bordermap.geo.counts import find_counts
from bordermap.geo.dates import Dateline, DateMention, find_dates, past_period
from bordermap.geo.gazetteer import Gazetteer, PlaceMatch
from bordermap.geo.records import VIOLENT_TYPES, Article, Count, Quote
from bordermap.geo.text import Sentence
from bordermap.geo.triggers import (
    BORDER_CUE,
    NEGATION,
    ORDERED,
    SINCE,
    clause_spans,
    event_windows,
    find_triggers,
    last_match,
)

__all__ = ["Mention", "extract_mentions"]

_F = re.I

_PLANNED = re.compile(
    r"\b(?:will|shall|is\s+due|are\s+due|was\s+due|were\s+due|due\s+to|is\s+to|are\s+to|"
    r"expected\s+to|scheduled|plans?\s+to|planned|would\s+(?:meet|hold|sign)|to\s+be\s+held|"
    r"next\s+week|upcoming|offered\s+to|offers\s+to|if\s+both\s+sides\s+wish)\b",
    _F,
)

_BOTH_SPEAKERS = re.compile(
    r"\b(?:officials|sources|authorities|spokes\w+|leaders|governments|ministers|"
    r"militaries|armies|according\s+to)\s+(?:\w+\s+)?(?:on|of|from|for)\s+(?:both|the\s+two)\s+"
    r"(?:sides|countries)\b",
    _F,
)

_BOTH = re.compile(
    r"\b(?:on\s+)?(?:both|the\s+two)\s+(?:sides|countries)\b|\bon\s+each\s+side\b"
    r"|\bcombined\b",
    _F,
)

_AGGREGATE = re.compile(
    r"\bso\s+far\b|\bin\s+total\b|\btotal\b|\btoll\b|\bbrings?\s+(?:the\s+\w+\s+)?to\b|"
    r"\bbrought\s+(?:the\s+\w+\s+)?to\b|\bin\s+the\s+past\s+(?:week|days|month)|"
    r"\bover\s+the\s+past\b|\bin\s+(?:\w+\s+)?days\s+of\s+fighting\b|\baltogether\b|"
    r"\bcumulative\b|\boverall\b|\bsince\s+(?:the\s+)?(?:fighting|clashes|conflict)|"
    r"\bsince\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|"
    r"\bha(?:ve|s)\s+(?:been\s+)?(?:killed|wounded|injured|died|displaced|forced|driven|"
    r"evacuated|fled|uprooted)\b|"
    # one side's total, or a total over several places or up to a time
    r"\bon\s+(?:its|their|our)\s+(?:own\s+)?side\b|"
    r"\b(?:across|in)\s+(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+|all|"
    r"the)\s+(?:[\w-]+\s+)?(?:provinces|districts|regions|states|areas)\b|"
    r"\bby\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the|that)\s+"
    r"(?:evening|night|morning|afternoon)\b|"
    # "fought for five days", "fighting for a third straight day" (not "in
    # custody for 151 days")
    r"\b(?:fought|fighting|clash(?:ed|es)|battled|shell(?:ed|ing)|hostilities)\s+"
    r"(?:[\w-]+\s+){0,3}?for\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"several|\d+)\s+(?:straight\s+|consecutive\s+)?(?:days|weeks|months)|a\s+\w+\s+"
    r"(?:straight|consecutive)\s+day)\b|"
    r"\b(?:has|have|had)\s+(?:now\s+)?spread\s+to\b",
    _F,
)

_RUNNING_TOTAL = re.compile(
    r"\b(?:brings?|brought|bringing|raises?|raised|rose|risen|climbed)\s+"
    r"(?:the\s+[\w\s]{0,20}?\s*)?(?:to|above|past|beyond)\s+(?=\S)"
    r"|\b(?:toll|number\s+of\s+(?:[\w-]+\s+){0,3}?(?:killed|dead|deaths|wounded|injured|"
    r"displaced))\b[^.;]{0,40}?\b(?:passed|topped|exceeded|surpassed|reached)\s+(?=\S)",
    _F,
)

# "Poipet, the border town opposite Thailand's Aranyaprathet": a landmark
_REFERENCE = re.compile(
    r"\b(?:opposite|across\s+(?:the\s+border\s+)?from|facing)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$",
    _F,
)

_LAUNCH = re.compile(
    r"(?:\b(?:fir(?:ed|ing|es)?|launch(?:ed|ing)?|shot|took\s+off|flew|rockets?|shells|"
    r"artillery)\s+(?:[\w-]+\s+){0,4}?from|\bfrom\s+across|\bfrom\s+(?:[\w-]+\s+){0,3}?"
    r"(?:bases?|positions?|launchers?)\s+(?:at|in|near)|\bbased\s+(?:at|in))\s+(?:the\s+)?"
    r"(?:(?!(?:in|at|on|into|onto|landed|hit|struck|fell|near)\b)[\w'’-]+\s+){0,3}$",
    _F,
)

_ATTRIBUTION = re.compile(
    r"(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*\s+|of\s+|and\s+|the\s+|army'?s?\s+|"
    r"(?:\d|[a-z])\w*\s+(?=[A-Z])){0,8}(?:[Aa]rmy|[Nn]avy|[Mm]inistry|[Oo]fficials?|"
    r"[Ss]pokes(?:man|woman|person)|[Mm]ilitary|[Pp]olice|[Gg]overnment|[Ss]ources|"
    r"[Cc]ommand|[Rr]egion|[Aa]rea|[A-Z][\w'’.-]+))\s+(?:said|says|told|reported|posted|"
    r"announced|confirmed|stated|claimed)\b"
    r"|\baccording\s+to\s+(?P<who2>[^,.;]{3,80})"
)


@dataclass
class Mention:
    """One incident as one sentence (or part of it) tells it."""

    article_id: str
    sentence: int
    paragraph: int
    event_type: str
    start: int  # window span in Article.text
    end: int
    trigger: str
    places: list[PlaceMatch] = field(default_factory=list)
    excluded_places: list[PlaceMatch] = field(default_factory=list)
    border_cue: bool = False
    countries: list[str] = field(default_factory=list)
    date: date | None = None
    date_text: str = ""
    date_basis: str = ""
    clock: str = ""
    counts: dict[str, Count] = field(default_factory=dict)
    other_counts: dict[str, Count] = field(default_factory=dict)
    scope: str = "event"
    planned: bool = False
    attribution: str = ""
    quote: Quote | None = None
    new_event: bool = False  # "another", "a further" ...
    anaphoric: bool = False  # "the shooting", "the blast": an incident told before
    orphan_counts: dict[str, Count] = field(default_factory=dict)  # fit no mention here
    both_sides: bool = False
    background: str = ""  # "earlier this year": before the report's days, undated
    trigger_at: int = -1  # where the trigger starts in Article.text


def _clone(mention: Mention, side: str) -> Mention:
    """Copy ``mention`` for the other side's count."""
    twin = replace(
        mention,
        counts={},
        orphan_counts={},
        other_counts={},
        places=[],
        excluded_places=[],
        countries=[side] if side else [],
    )
    return twin


def _mask(text: str, rx: re.Pattern, start: int, end: int) -> str:
    """``text[start:end]`` with the matches of ``rx`` blanked out."""
    return rx.sub(lambda m: " " * len(m.group()), text[start:end])


_BACK_REFERENCE = re.compile(
    r"\bthere\b(?!\s+(?:were|was|is|are|have|has|had|will|would|may|might|could)\b)"
    r"|\b(?:in|during|by)\s+(?:the|that|this)\s+(?:attack|incident|strike|shelling|"
    r"blast|explosion|clash|raid|assault|bombing|firefight|exchange)\b",
    _F,
)

_BY_TRIGGER = re.compile(
    r"\s+(?:by|in|during|from|when)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}", _F
)

_DEMONYM_PLACE = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:villages?|towns?|territory|soil|side|provinces?|districts?|"
    r"areas?|positions?|posts?|outposts?|bases?|homes|houses)\b",
    _F,
)


_WHERE = re.compile(r",\s+where\b", _F)
_INCLUDING = re.compile(r"\bincluding\s+$", _F)
_PART_PLACE = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:in|at|from)\s+(?-i:[A-Z])", _F)


def _where_place(text: str, places: list[PlaceMatch], at: int) -> list[PlaceMatch]:
    """Return the place named just before a relative "where" clause starting at ``at``.

    "At a temple in Surin's Prasat district, where hundreds of evacuees are
    sleeping": the evacuees are in Prasat district, Surin. ``at`` is the comma or
    the word "where".
    """
    comma = text.rfind(",", max(0, at - 3), at + 1)
    if comma < 0 or not _WHERE.match(text, comma):
        return []
    return [pm for pm in places if comma - 25 <= pm.start < comma and pm.end <= comma]


def _own_place(mention: Mention, clause: tuple[int, int], trig: list) -> bool:
    """Whether a count's clause tells another incident by its own place.

    "Shelling damaged homes in Jermuk, and two civilians were wounded in Sotk":
    a clause after the first, with no trigger of its own, whose places lie in
    other provinces than the rest of the mention's.
    """
    a, b = clause
    if a <= mention.start or any(a <= t[0] < b for t in trig):
        return False
    inside, outside = set(), set()
    for pm in mention.places:
        (inside if a <= pm.start < b else outside).update(
            p.admin1_iso for p in pm.places
        )
    return bool(inside) and bool(outside) and not inside & outside


def _tied(ps: int, pe: int, ts: int, te: int, s0: int, triggers: int) -> bool:
    """Whether a time phrase at ``ps:pe`` tells the time of the trigger at ``ts:te``.

    It does when the sentence tells one event, when it opens the sentence
    ("Earlier this year, a shootout ..."), or when it stands next to the trigger
    ("five days of fighting in July"); not when it belongs to another event of
    a longer sentence.
    """
    return triggers == 1 or ps - s0 < 25 or (ps < te + 40 and pe > ts - 40)


def _fits(mention: Mention, kind: str) -> bool:
    """Say whether a count kind fits a mention (killed/wounded: violence; displaced)."""
    if mention.scope == "aggregate":
        return True
    if kind == "displaced":
        return mention.event_type == "evacuation_displacement"
    return mention.event_type in VIOLENT_TYPES or mention.event_type == "other"


_HURT = re.compile(r"wound|injur|hurt", _F)  # cheap test before the bare plural
_SAID = re.compile(
    r"\b(?:said|says|told|reported|posted|announced|confirmed|stated|claimed|according)\b"
)


def _attribution(text: str, start: int, end: int) -> str:
    """Who a sentence says reports it: the last "X said" or "according to X"."""
    m = None
    # a match ends at a verb of saying (or runs on after "according to"): look
    # only around those, latest first
    for said in reversed(list(_SAID.finditer(text, start, end))):
        m = last_match(
            _ATTRIBUTION.finditer(
                text, max(start, said.start() - 160), min(end, said.end() + 90)
            )
        )
        if m:
            break
    if not m:
        return ""
    who = (m.group("who") or m.group("who2") or "").strip()
    who = re.sub(r"^(?:the|according to)\s+", "", who, flags=_F)
    return (
        who
        if len(who) > 2 and who.casefold() not in {"he", "she", "it", "they"}
        else ""
    )


def extract_mentions(
    article: Article,
    sents: list[Sentence],
    gazetteer: Gazetteer,
    dateline: Dateline | None,
) -> list[Mention]:
    """Mentions of incidents in an article's sentences.

    Parameters
    ----------
    article : Article
    sents : list of Sentence
        From :func:`bordermap.geo.text.sentences` (repeats already removed).
    gazetteer : Gazetteer
    dateline : Dateline or None

    Returns
    -------
    list of Mention
        In text order; places are unresolved gazetteer matches.
    """
    text = article.text
    ref = (dateline.date if dateline and dateline.date else None) or article.published
    out: list[Mention] = []
    last_attr = {}
    for k, sent in enumerate(sents):
        s0 = (
            max(sent.start, dateline.end)
            if dateline and sent.start < dateline.end
            else sent.start
        )
        e0 = sent.end
        trig = find_triggers(text, s0, e0)
        counts = find_counts(text, s0, e0)
        dates = find_dates(text, s0, e0, ref)
        places = gazetteer.find(text, s0, e0)
        attribution = _attribution(text, s0, e0) or last_attr.get(sent.paragraph, "")
        if attribution:
            last_attr[sent.paragraph] = attribution
        planned = bool(_PLANNED.search(text, s0, e0))
        past = past_period(text, s0, e0, ref)
        aggregate = bool(_AGGREGATE.search(_mask(text, _BOTH_SPEAKERS, s0, e0)))
        # casualty counts found in the sentence
        kinded: list[tuple[str, int, int, Count]] = []
        others: list[tuple[str, int, int, Count]] = []
        # "86 villages", "12 other civilian sites": numbers of things, not people;
        # they neither count casualties nor end the reading of the count before
        things = {cs for cs, ce, _ in counts if THINGS.match(text, ce)}
        starts = tuple(cs for cs, _, _ in counts if cs not in things)
        clauses = clause_spans(text, s0, e0)
        found: list[Found] = []
        for cs, ce, count in counts:
            clause_start = next((a for a, b in clauses if a <= cs < b + 1), s0)
            if NEGATION.search(text, clause_start, cs):
                continue
            kind, qs, qe = (
                (None, cs, ce)
                if cs in things
                else casualty_kind(text, cs, ce, e0, starts)
            )
            found.append(Found(cs, ce, count, kind, qs, qe))
        # "... moved out of border areas, including nearly 40,000 in Surin alone":
        # a part with a place of its own counts what the count before it counts
        for f, before in zip(found[1:], found, strict=False):
            if (
                f.kind is None
                and before.kind
                and _INCLUDING.search(text, max(s0, f.cs - 15), f.cs)
                and _PART_PLACE.match(text, f.ce, min(e0, f.ce + 40))
            ):
                f.kind = before.kind
        sides: dict[int, str] = {}
        for f in combine_counts(text, found, gazetteer, e0, sides):
            if f.kind:
                kinded.append((f.kind, f.qs, f.qe, f.count))
                continue
            other = other_kind(text, f.cs, f.ce, e0)
            if other:
                others.append((other, f.cs, f.ce, f.count))
        # bare plurals and unquantified mentions: "have wounded soldiers"
        if not any(k == "wounded" for k, *_ in kinded) and _HURT.search(text, s0, e0):
            m = re.search(
                rf"\b(?:wounded|injured|hurt)\s+(?P<who>{PERSON})\b|"
                rf"\b(?P<who2>(?:{PERSON}))\s+(?:were|have\s+been|had\s+been)\s+"
                r"(?:wounded|injured|hurt)\b",
                text[s0:e0],
                _F,
            )
            if (
                m
                and not re.search(
                    r"\b(?:a|an|one|the|their|his|her)\s+$",
                    text[s0 : s0 + m.start()],
                    _F,
                )
                and not NEGATION.search(
                    text,
                    next((a for a, b in clauses if a <= s0 + m.start() < b + 1), s0),
                    s0 + m.start(),
                )
            ):
                kinded.append(
                    (
                        "wounded",
                        s0 + m.start(),
                        s0 + m.end(),
                        Count(
                            2,
                            None,
                            None,
                            "many",
                            stated=m.group("who") or m.group("who2"),
                        ),
                    )
                )
        if past and past.round and kinded:
            aggregate = True  # "The July fighting killed at least 48": its total
        running = _RUNNING_TOTAL.search(text, s0, e0)
        if running:
            aggregate = True
            after_total = [c for c in kinded if c[2] > running.end() - 1]
            if after_total:
                kinds = {c[0] for c in after_total}
                kinded = [c for c in kinded if c[0] not in kinds or c in after_total]
        nonviolent = (
            any(k == "killed" for k, *_ in kinded)
            and NONVIOLENT.search(text, s0, e0)
            and not any(t[2] in VIOLENT_TYPES for t in trig)
        )
        if nonviolent:
            others += [
                ("non_violent_deaths", qs, qe, c)
                for k, qs, qe, c in kinded
                if k == "killed"
            ]
            kinded = [c for c in kinded if c[0] != "killed"]
            trig = [(s0, s0, "other")]
        if not trig and not kinded and not others:
            continue
        if aggregate and (kinded or not trig):
            # one summary per sentence holding every total
            etype = next((t[2] for t in trig if t[2] in VIOLENT_TYPES), None) or (
                "evacuation_displacement"
                if kinded and all(k == "displaced" for k, *_ in kinded)
                else "armed_clash"
            )
            trig = [(s0, s0, etype)]
        elif not trig:
            kinds = {k for k, *_ in kinded}
            if kinds <= {"displaced"} and kinded:
                etype = "evacuation_displacement"
            elif any(k == "prisoners_held" for k, *_ in others) and not kinded:
                etype = "arrest_prisoners"
            elif kinded:
                etype = "armed_clash"
            else:
                continue
            trig = [(s0, s0, etype)]
        marks = (
            [pm.start for pm in places]
            + [d.start for d in dates if d.date]
            + [c[1] for c in kinded + others]
            + [
                cs
                for cs, _, _, dem in gazetteer.find_countries(text, s0, e0)
                if not dem
            ]
        )
        wins = event_windows(text, trig, s0, e0, marks)
        for i, (ws, we, ts, te, etype) in enumerate(wins):
            mention = Mention(article.id, k, sent.paragraph, etype, ws, we, text[ts:te])
            mention.trigger_at = ts
            mention.scope = "aggregate" if aggregate else "event"
            # "agreed on Friday to withdraw ... and to hold talks next week"
            mention.planned = (
                planned
                and etype in {"ceasefire_agreement", "evacuation_displacement"}
                and bool(_PLANNED.search(text, ws, we) or len(wins) == 1)
            )
            mention.attribution = attribution
            mention.new_event = bool(
                re.search(
                    r"\b(?:another|a\s+further|a\s+second|fresh|"
                    r"new|later|again)\b",
                    text[ws:we],
                    _F,
                )
            )
            mention.both_sides = bool(_BOTH.search(_mask(text, _BOTH_SPEAKERS, ws, we)))
            mention.anaphoric = etype in VIOLENT_TYPES and bool(
                re.search(r"\b(?:the|this|that)\s+$", text[max(s0, ts - 6) : ts], _F)
                or re.search(
                    r"\b(?:call(?:ed|ing)|describ(?:ed|ing))\s+(?:it|this|that)\b",
                    text[s0:ts],
                    _F,
                )
                # "One civilian was killed there": counts with no event of their
                # own, pointing back at the incident just told
                or (ts == te and _BACK_REFERENCE.search(text, ws, we))
            )
            for pm in places:
                if ws <= pm.start < we:
                    lead = text[max(s0, pm.start - 60) : pm.start]
                    if (
                        _LAUNCH.search(lead)
                        and etype in {"shelling", "air_strike", "armed_clash"}
                    ) or _REFERENCE.search(lead):
                        mention.excluded_places.append(pm)
                    else:
                        mention.places.append(pm)
            if not mention.places:
                # "... in Amritsar in India's Punjab state, where a drone attack"
                where = last_match(_WHERE.finditer(text, s0, ts))
                if where and not any(where.end() <= pm.start < ts for pm in places):
                    mention.places = _where_place(text, places, where.start())
            cue = BORDER_CUE.search(text, ws, we)
            mention.border_cue = bool(cue) and not _LAUNCH.search(
                text[max(s0, cue.start() - 40) : cue.start()] if cue else ""
            )
            mention.countries = [
                iso
                for cs, ce, iso, dem in gazetteer.find_countries(text, ws, we)
                if (
                    not dem
                    and re.search(
                        r"\b(?:in|inside|into|on|of|across)\s+(?:the\s+)?$",
                        text[max(ws, cs - 12) : cs],
                        _F,
                    )
                )
                or re.match(r"['’]s\b|\s+(?:side|soil|territory)\b", text[ce : ce + 12])
                # "Kyrgyz border villages", "Cambodian positions": a place of that side
                or (dem and _DEMONYM_PLACE.match(text, ce))
            ]
            # "one day after a clash": an offset date belongs to the event after it
            inside = [
                d
                for d in dates
                if d.date
                and (
                    (
                        ws <= d.start < we
                        and not (d.forward and d.end + 30 >= we and i + 1 < len(wins))
                    )
                    or (d.forward and i > 0 and ws - 30 <= d.start < ws)
                )
            ]
            if mention.scope == "aggregate":
                # a total is dated by the report, not by "since the fighting began on"
                inside = [
                    d
                    for d in inside
                    if not SINCE.search(text, max(s0, d.start - 40), d.start)
                ]
            chosen: DateMention | None = inside[0] if inside else None
            if chosen is None and len(wins) == 1 and mention.scope != "aggregate":
                chosen = next((d for d in dates if d.date), None)
            if chosen:
                mention.date, mention.date_text = chosen.date, chosen.text
                mention.date_basis = (
                    "text" if chosen.explicit else "relative to page date"
                )
            # "earlier this year", "the July fighting": before the report's days
            before = past_period(text, ws, we, ref) if past else None
            if (
                before
                and (chosen is None or not chosen.explicit)
                and _tied(before.start, before.end, ts, te, s0, len(trig))
            ):
                mention.background = before.text
                mention.date, mention.date_text = None, before.text
                mention.date_basis = ""
                if before.round:
                    mention.scope = "aggregate"
            clock = re.search(
                r"\b\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}\s*(?:am|pm)\b",
                text[ws:we],
                _F,
            )
            mention.clock = clock.group(0) if clock else ""
            out.append(mention)
        # assign counts to the mention whose type fits, nearest first
        sentence_mentions = [m for m in out if m.sentence == k]
        for kind, qs, qe, count in kinded:
            # "..., as it reported two more soldiers killed on the front line": a count
            # in a clause of its own that places it along the border is its own event
            cs_, ce_ = next(((a, b) for a, b in clauses if a <= qs < b + 1), (s0, e0))
            cue = BORDER_CUE.search(text, cs_, ce_)
            if (
                cue
                and not any(cs_ <= t[0] < ce_ for t in trig)
                and any(m.places for m in sentence_mentions)
            ):
                extra = Mention(
                    article.id,
                    k,
                    sent.paragraph,
                    "armed_clash",
                    cs_,
                    ce_,
                    "",
                    border_cue=True,
                    attribution=attribution,
                    quote=_quote(article, text, cs_, ce_),
                )
                extra.scope = "aggregate" if aggregate else "event"
                extra.date, extra.date_text = (
                    sentence_mentions[0].date,
                    sentence_mentions[0].date_text,
                )
                extra.date_basis = sentence_mentions[0].date_basis
                out.append(extra)
                sentence_mentions.append(extra)
                extra.counts[kind] = _with_quote(
                    count, article, gazetteer, qs, qe, s0, e0, extra
                )
                continue
            fits = [m for m in sentence_mentions if _fits(m, kind)]
            # "three marines were wounded by a land mine": the trigger the count
            # phrase runs into, or is joined to by "by", "in", "during"
            joined = [
                m
                for m in fits
                if m.trigger
                and (
                    qs <= m.trigger_at <= qe
                    or _BY_TRIGGER.fullmatch(text, qe, max(qe, m.trigger_at))
                )
            ]
            target = min(
                joined or fits or sentence_mentions,
                key=lambda m: (not (m.start <= qs < m.end), abs(m.start - qs)),
            )
            side = sides.get(qs)
            clause = next(((a, b) for a, b in clauses if a <= qs < b + 1), (s0, e0))
            first = target.counts.get(kind)
            if (
                first is not None
                and first.best != count.best
                and first.quote is not None
                and not clause[0] <= first.quote.start < clause[1]
                and not side
            ) or (not side and _own_place(target, clause, trig)):
                # "..., while Tajik officials reported 10 dead in Sughd": another count
                # of the same kind in another clause is another report; "..., and
                # two were wounded in Sotk": a clause with a place of its own in
                # another province is another incident
                twin = _clone(target, "")
                twin.start, twin.end = clause
                twin.places = [
                    pm for pm in target.places if clause[0] <= pm.start < clause[1]
                ]
                target.places = [pm for pm in target.places if pm not in twin.places]
                out.append(twin)
                sentence_mentions.append(twin)
                target = twin
            elif (
                side
                and kind in target.counts
                and target.counts[kind].victims_country != side
            ):
                # "21 in Thailand and 18 in Cambodia": one total per side, never summed
                target = _clone(target, side)
                out.append(target)
                sentence_mentions.append(target)
            if not fits and kind == "displaced":
                # "where hundreds of evacuees are sleeping": people displaced,
                # told beside another event: an evacuation of its own
                source, target = target, _clone(target, side or "")
                target.event_type, target.trigger, target.trigger_at = (
                    "evacuation_displacement",
                    "",
                    -1,
                )
                target.start, target.end = clause
                target.places = [
                    pm for pm in source.places if clause[0] <= pm.start < clause[1]
                ] or _where_place(text, places, clause[0])
                out.append(target)
                sentence_mentions.append(target)
                fits = [target]
            slot = target.counts if fits else target.orphan_counts
            if kind not in slot:
                slot[kind] = _with_quote(
                    count, article, gazetteer, qs, qe, s0, e0, target, side
                )
        for kind, qs, qe, count in others:
            target = min(sentence_mentions, key=lambda m: abs(m.start - qs))
            unit = kind if kind in {"rockets", "shells", "families"} else "persons"
            name = "rockets" if kind in {"rockets", "shells"} else kind
            if name not in target.other_counts:
                target.other_counts[name] = replace(
                    _with_quote(count, article, gazetteer, qs, qe, s0, e0, target),
                    unit=unit,
                )
        for m in sentence_mentions:
            if m.both_sides and m.counts:
                m.scope = "aggregate"  # a total over both sides is never one event
            if (
                m.event_type == "evacuation_displacement"
                and "displaced" not in m.counts
                and not re.match(ORDERED, m.trigger, _F)
            ):
                m.counts["displaced"] = replace(
                    Count(
                        None,
                        None,
                        None,
                        "unquantified",
                        stated=None,
                        victims_group="civilians",
                    ),
                    quote=_quote(article, text, m.start, m.end),
                )
            if m.quote is None:
                m.quote = _quote(article, text, s0, e0)
    return out


def _quote(article: Article, text: str, s: int, e: int) -> Quote:
    while s < e and text[s] in " ,;:—–-\n":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\n":
        e -= 1
    return Quote(article.id, text[s:e], s, e)


def _with_quote(
    count: Count,
    article: Article,
    gazetteer: Gazetteer,
    qs: int,
    qe: int,
    s0: int,
    e0: int,
    mention: Mention,
    side: str | None = None,
) -> Count:
    """Attach the supporting phrase (at most 25 words) and the victims."""
    text = article.text
    words = list(re.finditer(r"\S+", text[s0:e0]))
    first = next((i for i, w in enumerate(words) if s0 + w.end() > qs), 0)
    last = next((i for i, w in enumerate(words) if s0 + w.end() >= qe), len(words) - 1)
    lo = max(0, min(first, last - 24))
    hi = min(len(words) - 1, max(last, lo + 12), lo + 24)
    qs2, qe2 = s0 + words[lo].start(), s0 + words[hi].end()
    around = text[qs : min(e0, qe + 30)]
    side = side or (
        "both"
        if mention.both_sides
        else next(
            (
                iso
                for _, _, iso, demonym in gazetteer.find_countries(
                    text, qs, min(e0, qe + 20)
                )
                if demonym
            ),
            None,
        )
    )
    quote = _quote(article, text, qs2, qe2)
    return replace(
        count, quote=quote, victims_group=victim_group(around), victims_country=side
    )
