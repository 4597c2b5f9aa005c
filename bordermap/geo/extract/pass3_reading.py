"""Pass 3: read each sentence — triggers, counts and what they count, dates, places.

A :class:`~bordermap.geo.extract.document.Reading` holds what one sentence
says before its events are framed: the event triggers
(:mod:`~bordermap.geo.extract.words.triggers`), the count phrases with the kind
of casualty each counts (:mod:`~bordermap.geo.extract.words.casualties`), the
date phrases, the gazetteer matches, the clauses, who says it, and whether
the sentence tells a total, a plan or an earlier round. Sentences that tell
no event and no count give no reading.
"""

from __future__ import annotations

import re

from bordermap.geo.extract.document import PLACE_LIST, Document, Reading, Sentence
from bordermap.geo.extract.words.casualties import (
    NONVIOLENT,
    THINGS,
    Found,
    casualty_kind,
    combine_counts,
    other_kind,
)
from bordermap.geo.extract.words.clauses import (
    clause_of,
    clause_spans,
    last_match,
    mask,
)
from bordermap.geo.extract.words.counts import find_counts
from bordermap.geo.extract.words.dates import find_dates, past_period
from bordermap.geo.extract.words.lexicon import lexicon
from bordermap.geo.extract.words.triggers import (
    MEDEVAC,
    NEGATION,
    find_triggers,
)
from bordermap.geo.records import VIOLENT_TYPES, Count

__all__ = ["read_sentences"]

_FRAMING = lexicon("framing")
_WORDS = lexicon("casualties")
_SAYING = lexicon("saying")

_PLANNED = _FRAMING.pattern("planned")
_BOTH_SPEAKERS = _FRAMING.pattern("both_speakers")
_AGGREGATE = _FRAMING.pattern("aggregate")
_RUNNING_TOTAL = _FRAMING.pattern("running_total")
_HURT = _WORDS.pattern("hurt_word")  # cheap test before the bare plural
_BARE_PLURAL = _WORDS.pattern("bare_plural")
_BARE_SINGLE = _WORDS.pattern("bare_plural_single")
_SAID = _SAYING.pattern("said")
_ATTRIBUTION = _SAYING.pattern("attribution")
_PART_OF = _WORDS.pattern("part_of")
_PART_BEFORE = _WORDS.pattern("part_before")
_TOTAL_TO = _WORDS.pattern("total_to")
_PLACE_LIST = _FRAMING.pattern("place_list")
_ACCUSATION = _FRAMING.pattern("accusation")
_OCCURRED_AT = _FRAMING.pattern("occurred_at")
#: The type of a frame that only names where the incident before took place.
_PLACES = lexicon("places")
_TITLE_BEFORE = _PLACES.pattern("title_before")
_UNIT_AFTER = _PLACES.pattern("unit_after")
_INCLUDING = re.compile(r"\bincluding\s+$", re.I)
_PART_PLACE = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:in|at|from)\s+(?-i:[A-Z])", re.I)

Counted = tuple[str, int, int, Count]


def attribution(text: str, start: int, end: int) -> str:
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
    who = re.sub(r"^(?:the|according to)\s+", "", who, flags=re.I)
    return (
        who
        if len(who) > 2 and who.casefold() not in {"he", "she", "it", "they"}
        else ""
    )


def _found_counts(
    doc: Document, s0: int, e0: int, clauses: list[tuple[int, int]]
) -> list[Found]:
    """Find the sentence's count phrases, each with the casualty kind it counts."""
    text = doc.text
    counts = find_counts(text, s0, e0)
    # "86 villages", "12 other civilian sites": numbers of things, not people;
    # they neither count casualties nor end the reading of the count before
    things = {cs for cs, ce, _ in counts if THINGS.match(text, ce)}
    starts = tuple(cs for cs, _, _ in counts if cs not in things)
    found: list[Found] = []
    for cs, ce, count in counts:
        if NEGATION.search(text, clause_of(clauses, cs, (s0, e0))[0], cs):
            continue
        if _PART_OF.match(text, ce) or _PART_BEFORE.search(text, max(s0, cs - 30), cs):
            continue  # "a farmer was among the dead", "of these, four": a part

        kind, qs, qe = (
            (None, cs, ce)
            if cs in things
            else casualty_kind(text, cs, ce, e0, starts, s0)
        )
        if _INCLUDING.search(text, max(s0, cs - 15), cs):
            kind = None  # "five, including two children, were killed": a part
        if kind == "displaced" and _medevac(text, qs, qe, e0):
            kind = None  # "the two were evacuated by helicopter to hospital"
        found.append(Found(cs, ce, count, kind, qs, qe))
    # "Two soldiers died on Monday. This brought the total to 27": the kind the
    # sentence before counted
    before = doc.readings[-1].counts if doc.readings else []
    if len({k for k, *_ in before}) == 1:
        for f in found:
            if f.kind is None and _TOTAL_TO.search(text, max(s0, f.cs - 50), f.cs):
                f.kind = before[0][0]
    # "Eight people including three soldiers, an officer and four civilians
    # were killed": the counts of the list are parts of the count before it
    for span in _including_lists(text, s0, e0):
        for f in found:
            if span[0] < f.cs < span[1]:
                f.kind = None
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
    return found


def _medevac(text: str, qs: int, qe: int, e0: int) -> bool:
    """Whether a displacement verb tells the wounded being taken for care."""
    verb = re.search(r"\w+$", text[qs:qe])
    return verb is not None and bool(MEDEVAC.match(text[qs + verb.start() : e0]))


_INCLUDING_LIST = re.compile(r"\b(?:including|among\s+them)\b", re.I)
_KIND_VERB = re.compile(
    r"\b(?:were|was|have\s+been|had\s+been|are)\s+(?:killed|wounded|injured|hurt|"
    r"evacuated|displaced)\b|\b(?:died|perished)\b",
    re.I,
)


def _including_lists(text: str, s0: int, e0: int) -> list[tuple[int, int]]:
    """Spans from "including" to the verb of the count it follows."""
    spans = []
    for m in _INCLUDING_LIST.finditer(text, s0, e0):
        verb = _KIND_VERB.search(text, m.end(), min(e0, m.end() + 140))
        if verb:
            spans.append((m.start(), verb.start()))
    return spans


def _bare_plural(
    text: str, s0: int, e0: int, clauses: list[tuple[int, int]]
) -> Counted | None:
    """Read an unnumbered count of wounded ("troops were hurt")."""
    if not _HURT.search(text, s0, e0):
        return None
    m = _BARE_PLURAL.search(text[s0:e0])
    if (
        m is None
        or _BARE_SINGLE.search(text[s0 : s0 + m.start()])
        or NEGATION.search(
            text, clause_of(clauses, s0 + m.start(), (s0, s0))[0], s0 + m.start()
        )
    ):
        return None
    count = Count(2, None, None, "many", stated=m.group("who") or m.group("who2"))
    return ("wounded", s0 + m.start(), s0 + m.end(), count)


def _kinded_counts(
    doc: Document, s0: int, e0: int, clauses: list[tuple[int, int]]
) -> tuple[list[Counted], list[Counted], dict[int, str]]:
    """Casualty counts, other counts (prisoners, rockets, families) and sides."""
    text = doc.text
    kinded: list[Counted] = []
    others: list[Counted] = []
    sides: dict[int, str] = {}
    found = _found_counts(doc, s0, e0, clauses)
    for f in combine_counts(text, found, doc.gazetteer, e0, sides):
        if f.kind == "casualties":
            # "no casualties": none killed, none wounded; "15 casualties": not
            # told apart, so neither killed nor wounded
            if f.count.qualifier == "none":
                kinded += [(k, f.qs, f.qe, f.count) for k in ("killed", "wounded")]
            else:
                others.append(("casualties", f.cs, f.ce, f.count))
            continue
        if f.kind:
            kinded.append((f.kind, f.qs, f.qe, f.count))
            continue
        other = other_kind(text, f.cs, f.ce, e0)
        if other:
            others.append((other, f.cs, f.ce, f.count))
    if not any(k == "wounded" for k, *_ in kinded):
        bare = _bare_plural(text, s0, e0, clauses)
        if bare:
            kinded.append(bare)
    return kinded, others, sides


def _after_running_total(
    text: str, s0: int, e0: int, kinded: list[Counted]
) -> tuple[bool, list[Counted]]:
    """Whether the sentence tells a running total, and the counts that remain.

    "..., bringing the toll to 21": of two counts of one kind, the one after
    the running-total words is the total.
    """
    running = _RUNNING_TOTAL.search(text, s0, e0)
    if not running:
        return False, kinded
    after_total = [c for c in kinded if c[2] > running.end() - 1]
    if after_total:
        kinds = {c[0] for c in after_total}
        kinded = [c for c in kinded if c[0] not in kinds or c in after_total]
    return True, kinded


def _default_trigger(
    s0: int,
    triggers: list[tuple[int, int, str]],
    kinded: list[Counted],
    others: list[Counted],
    aggregate: bool,
) -> list[tuple[int, int, str]] | None:
    """Triggers of a sentence of totals or of counts alone; None: no event here."""
    if not triggers and not kinded and not others:
        return None
    if aggregate and (kinded or not triggers):
        # one summary per sentence holding every total
        etype = next((t[2] for t in triggers if t[2] in VIOLENT_TYPES), None) or (
            "evacuation_displacement"
            if kinded and all(k == "displaced" for k, *_ in kinded)
            else "armed_clash"
        )
        return [(s0, s0, etype)]
    if triggers:
        return triggers
    kinds = {k for k, *_ in kinded}
    if kinds <= {"displaced"} and kinded:
        etype = "evacuation_displacement"
    elif any(k == "prisoners_held" for k, *_ in others) and not kinded:
        etype = "arrest_prisoners"
    elif kinded:
        etype = "armed_clash"
    else:
        return None
    return [(s0, s0, etype)]


def _places(doc: Document, s0: int, e0: int) -> list:
    """Gazetteer names of a sentence that name places where they stand.

    Not "Colonel Surin" (a person), nor "the Chanthaburi and Trat Border
    Defence Command" (a unit) or "The Phnom Penh Post" (an outlet).
    """
    text = doc.text
    return [
        pm
        for pm in doc.gazetteer.find(text, s0, e0)
        if not _TITLE_BEFORE.search(text[max(s0, pm.start - 30) : pm.start])
        and not _UNIT_AFTER.match(text[pm.end : min(e0, pm.end + 80)])
    ]


_AIRCRAFT = re.compile(
    r"\b(?:{})\b|\bdrones?\b|\bUAVs?\b|\bair\s*force\b|\bwarplanes?\b"
    r"|\bair\s*strikes?\b|\bair\s+raids?\b".format(
        lexicon("events").alternation("aircraft")
    ),
    re.I,
)
_GROUND_WEAPON = re.compile(
    r"\b{}\b".format(lexicon("events").alternation("weapon")), re.I
)


def _strike_type(doc: Document, sent: Sentence) -> str:
    """Type a strike told without its weapon by the weapon of its paragraph.

    Aircraft or drones named in the sentence, else in its paragraph, else in
    the article, make it an air strike; artillery, rockets or missiles make it
    shelling; with neither, an air strike (what "a strike" alone means).
    """
    text = doc.text
    same = [x for x in doc.sentences if x.paragraph == sent.paragraph]
    spans = [(sent.start, sent.end), (same[0].start, same[-1].end), (0, len(text))]
    for a, b in spans:
        air = _AIRCRAFT.search(text, a, b)
        ground = _GROUND_WEAPON.search(text, a, b)
        if air or ground:
            return (
                "air_strike"
                if air and not (ground and ground.start() < air.start())
                else "shelling"
            )
    return "air_strike"


def _without_accusations(text, triggers, kinded, clauses, s0, e0, dates):
    """Drop the events a sentence only accuses someone of, without figure or day."""
    if kinded or any(d.explicit for d in dates):
        return triggers
    return [
        t
        for t in triggers
        if not _ACCUSATION.search(text, clause_of(clauses, t[0], (s0, e0))[0], t[0])
    ]


def read_sentence(
    doc: Document, index: int, sent: Sentence, said_before: str
) -> Reading | None:
    """Read one sentence; None when it tells no event and no count."""
    text, ref = doc.text, doc.ref
    s0, e0 = _span(doc, sent)
    triggers = find_triggers(text, s0, e0)
    if any(t[2] == "strike" for t in triggers):
        kind = _strike_type(doc, sent)
        triggers = [(a, b, kind if t == "strike" else t) for a, b, t in triggers]
    clauses = clause_spans(text, s0, e0)
    kinded, others, sides = _kinded_counts(doc, s0, e0, clauses)
    if not triggers and not kinded and not others:
        if not (_PLACE_LIST.search(text, s0, e0) or _OCCURRED_AT.search(text, s0, e0)):
            return None  # no event, no count, no place of the incident before
    past = past_period(text, s0, e0, ref)
    aggregate = bool(_AGGREGATE.search(mask(text, _BOTH_SPEAKERS, s0, e0)))
    if past and past.round and kinded:
        aggregate = True  # "The July fighting killed at least 48": its total
    running, kinded = _after_running_total(text, s0, e0, kinded)
    aggregate = aggregate or running
    if (
        any(k == "killed" for k, *_ in kinded)
        and NONVIOLENT.search(text, s0, e0)
        and not any(t[2] in VIOLENT_TYPES for t in triggers)
    ):
        # deaths of illness in a shelter: not killed, and not a violent event
        others += [
            ("non_violent_deaths", qs, qe, c)
            for k, qs, qe, c in kinded
            if k == "killed"
        ]
        kinded = [c for c in kinded if c[0] != "killed"]
        triggers = [(s0, s0, "other")]
    dates = find_dates(text, s0, e0, ref)
    triggers = _without_accusations(text, triggers, kinded, clauses, s0, e0, dates)
    triggers = _default_trigger(s0, triggers, kinded, others, aggregate)
    if triggers is None and (
        _PLACE_LIST.search(text, s0, e0) or _OCCURRED_AT.search(text, s0, e0)
    ):
        triggers = [(s0, s0, PLACE_LIST)]  # where the incident before took place
    if triggers is None:
        return None
    return Reading(
        index=index,
        sentence=sent,
        start=s0,
        end=e0,
        triggers=triggers,
        counts=kinded,
        other_counts=others,
        dates=dates,
        places=_places(doc, s0, e0),
        clauses=clauses,
        sides=sides,
        attribution=attribution(text, s0, e0) or said_before,
        planned=bool(_PLANNED.search(text, s0, e0)),
        aggregate=aggregate,
        past=past,
    )


def read_sentences(doc: Document) -> Document:
    """Read every sentence of the document into ``doc.readings``.

    Who says it carries over to the next sentences of the paragraph
    until another speaker is named.
    """
    said: dict[int, str] = {}
    doc.readings = []
    for index, sent in enumerate(doc.sentences):
        reading = read_sentence(doc, index, sent, said.get(sent.paragraph, ""))
        if reading is None:
            # a sentence with no event still names who speaks in its paragraph
            who = attribution(doc.text, *_span(doc, sent))
            if who:
                said[sent.paragraph] = who
            continue
        if reading.attribution:
            said[sent.paragraph] = reading.attribution
        doc.readings.append(reading)
    return doc


def _span(doc: Document, sent: Sentence) -> tuple[int, int]:
    """Return the part of a sentence that is read: without its opening dateline."""
    line = doc.dateline
    if (
        line is not None
        and sent.start <= line.end <= sent.end
        and line.start >= sent.start
    ):
        return line.end, sent.end
    return sent.start, sent.end
