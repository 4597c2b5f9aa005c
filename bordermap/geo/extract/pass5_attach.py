"""Pass 5: each count of a sentence to the event frame it belongs to.

A count goes to the frame whose kind of event it fits (killed and wounded to
violence, displaced to an evacuation), the one it runs into first ("wounded by
a land mine"), else the nearest. A count that tells another report or another
place than the frame's first count gets a frame of its own; figures of two
sides are never summed; people displaced beside a violent event are an
evacuation of their own. Each count keeps its supporting quote (at most 25
words) and says whose victims it counts.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bordermap.geo.extract.document import Document, Mention, Reading
from bordermap.geo.extract.words.casualties import victim_group
from bordermap.geo.extract.words.clauses import clause_of, where_place
from bordermap.geo.extract.words.lexicon import lexicon
from bordermap.geo.extract.words.triggers import BORDER_CUE, ORDERED
from bordermap.geo.records import VIOLENT_TYPES, Count, Quote

__all__ = ["attach_counts", "quote", "type_counts_alone"]

_BY_TRIGGER = lexicon("framing").pattern("by_trigger")
_ORDERED = re.compile(ORDERED, re.I)


# "are evacuating people from the area": the place told last (pass 6 reads the flag)
_POINTS_BACK = re.compile(
    r"\b(?:from|in|near|around|to)\s+the\s+(?:area|village|town|site|vicinity|scene|"
    r"district)\b|\bthere\b(?!\s+(?:is|are|was|were|have|has|had)\b)",
    re.I,
)


def quote(doc: Document, s: int, e: int) -> Quote:
    """Quote the text between ``s`` and ``e``, without edge punctuation."""
    text = doc.text
    while s < e and text[s] in " ,;:—–-\n":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\n":
        e -= 1
    return Quote(doc.article.id, text[s:e], s, e)


def _with_quote(
    doc: Document,
    r: Reading,
    count: Count,
    span: tuple[int, int],
    mention: Mention,
    side: str | None = None,
) -> Count:
    """Attach the supporting phrase (at most 25 words) and the victims."""
    text, (qs, qe), s0, e0 = doc.text, span, r.start, r.end
    words = list(re.finditer(r"\S+", text[s0:e0]))
    first = next((i for i, w in enumerate(words) if s0 + w.end() > qs), 0)
    last = next((i for i, w in enumerate(words) if s0 + w.end() >= qe), len(words) - 1)
    lo = max(0, min(first, last - 24))
    hi = min(len(words) - 1, max(last, lo + 12), lo + 24)
    around = text[qs : min(e0, qe + 30)]
    side = side or (
        "both"
        if mention.both_sides
        else next(
            (
                iso
                for _, _, iso, demonym in doc.gazetteer.find_countries(
                    text, qs, min(e0, qe + 20)
                )
                if demonym
            ),
            None,
        )
    )
    return replace(
        count,
        quote=quote(doc, s0 + words[lo].start(), s0 + words[hi].end()),
        victims_group=victim_group(around),
        victims_country=side,
    )


def _clone(mention: Mention, side: str) -> Mention:
    """Copy ``mention`` without its counts and places, for another count."""
    return replace(
        mention,
        counts={},
        orphan_counts={},
        other_counts={},
        places=[],
        excluded_places=[],
        countries=[side] if side else [],
    )


def _fits(mention: Mention, kind: str) -> bool:
    """Say whether a count kind fits a mention (killed/wounded: violence; displaced)."""
    if mention.scope == "aggregate":
        return True
    if kind == "displaced":
        return mention.event_type == "evacuation_displacement"
    return mention.event_type in VIOLENT_TYPES or mention.event_type == "other"


def _own_place(mention: Mention, clause: tuple[int, int], r: Reading) -> bool:
    """Whether a count's clause tells another incident by its own place.

    "Shelling damaged homes in Jermuk, and two civilians were wounded in Sotk":
    a clause after the first, with no trigger of its own, whose places lie in
    other provinces than the rest of the mention's.
    """
    a, b = clause
    if a <= mention.start or any(a <= t[0] < b for t in r.triggers):
        return False
    inside, outside = set(), set()
    for pm in mention.places:
        (inside if a <= pm.start < b else outside).update(
            p.admin1_iso for p in pm.places
        )
    return bool(inside) and bool(outside) and not inside & outside


def _border_frame(
    doc: Document, r: Reading, frames: list[Mention], span: tuple[int, int]
) -> Mention | None:
    """Frame a count told along the border in a clause of its own: its own event.

    "..., as it reported two more soldiers killed on the front line".
    """
    cs, ce = clause_of(r.clauses, span[0], (r.start, r.end))
    if (
        not BORDER_CUE.search(doc.text, cs, ce)
        or any(cs <= t[0] < ce for t in r.triggers)
        or not any(m.places for m in frames)
    ):
        return None
    extra = Mention(
        doc.article.id,
        r.index,
        r.sentence.paragraph,
        "armed_clash",
        cs,
        ce,
        "",
        border_cue=True,
        attribution=r.attribution,
        quote=quote(doc, cs, ce),
        role=r.sentence.role,
    )
    extra.scope = "aggregate" if r.aggregate else "event"
    extra.date, extra.date_text = frames[0].date, frames[0].date_text
    extra.date_basis = frames[0].date_basis
    return extra


def _target(
    doc: Document, frames: list[Mention], kind: str, span: tuple[int, int]
) -> tuple[Mention, list[Mention]]:
    """Return the frame a count goes to, and the frames its kind fits."""
    qs, qe = span
    fits = [m for m in frames if _fits(m, kind)]
    # "three marines were wounded by a land mine": the trigger the count
    # phrase runs into, or is joined to by "by", "in", "during"
    joined = [
        m
        for m in fits
        if m.trigger
        and (
            qs <= m.trigger_at <= qe
            or _BY_TRIGGER.fullmatch(doc.text, qe, max(qe, m.trigger_at))
        )
    ]
    target = min(
        joined or fits or frames,
        key=lambda m: (not (m.start <= qs < m.end), abs(m.start - qs)),
    )
    return target, fits


def _split_off(
    frames: list[Mention], target: Mention, clause: tuple[int, int]
) -> Mention:
    """Give the count's clause a frame of its own, with the clause's places."""
    twin = _clone(target, "")
    twin.start, twin.end = clause
    twin.places = [pm for pm in target.places if clause[0] <= pm.start < clause[1]]
    target.places = [pm for pm in target.places if pm not in twin.places]
    frames.append(twin)
    return twin


def _another_report(
    r: Reading, target: Mention, kind: str, count: Count, clause: tuple[int, int]
) -> bool:
    """Say whether a count tells another report or another place than the frame's.

    "..., while Tajik officials reported 10 dead in Sughd": another report;
    "..., and two were wounded in Sotk": another incident.
    """
    first = target.counts.get(kind)
    return (
        first is not None
        and first.best != count.best
        and first.quote is not None
        and not clause[0] <= first.quote.start < clause[1]
    ) or _own_place(target, clause, r)


def _evacuation_of_its_own(
    doc: Document, r: Reading, frames: list[Mention], source: Mention, side, clause
) -> Mention:
    """People displaced told beside another event: an evacuation of its own.

    "..., where hundreds of evacuees are sleeping".
    """
    target = _clone(source, side or "")
    target.event_type, target.trigger, target.trigger_at = (
        "evacuation_displacement",
        "",
        -1,
    )
    target.start, target.end = clause
    target.places = [
        pm for pm in source.places if clause[0] <= pm.start < clause[1]
    ] or where_place(doc.text, r.places, clause[0])
    frames.append(target)
    return target


def _attach(doc: Document, r: Reading, frames: list[Mention], counted) -> None:
    kind, qs, qe, count = counted
    extra = _border_frame(doc, r, frames, (qs, qe))
    if extra is not None:
        frames.append(extra)
        extra.counts[kind] = _with_quote(doc, r, count, (qs, qe), extra)
        return
    target, fits = _target(doc, frames, kind, (qs, qe))
    side = r.sides.get(qs)
    clause = clause_of(r.clauses, qs, (r.start, r.end))
    if not side and _another_report(r, target, kind, count, clause):
        target = _split_off(frames, target, clause)
    elif side and kind in target.counts and target.counts[kind].victims_country != side:
        # "21 in Thailand and 18 in Cambodia": one total per side, never summed
        target = _clone(target, side)
        frames.append(target)
    if not fits and kind == "displaced":
        target = _evacuation_of_its_own(doc, r, frames, target, side, clause)
        fits = [target]
    slot = target.counts if fits else target.orphan_counts
    if kind not in slot:
        slot[kind] = _with_quote(doc, r, count, (qs, qe), target, side)


def _attach_other(doc: Document, r: Reading, frames: list[Mention], counted) -> None:
    """Prisoners, rockets, families: to the nearest frame."""
    kind, qs, qe, count = counted
    target = min(frames, key=lambda m: abs(m.start - qs))
    unit = kind if kind in {"rockets", "shells", "families"} else "persons"
    name = "rockets" if kind in {"rockets", "shells"} else kind
    if name not in target.other_counts:
        target.other_counts[name] = replace(
            _with_quote(doc, r, count, (qs, qe), target), unit=unit
        )


def _finish(doc: Document, r: Reading, m: Mention) -> None:
    if m.both_sides and m.counts:
        m.scope = "aggregate"  # a total over both sides is never one event
    if (
        m.event_type == "evacuation_displacement"
        and "displaced" not in m.counts
        and not _ORDERED.match(m.trigger)
    ):
        m.counts["displaced"] = replace(
            Count(None, None, None, "unquantified", victims_group="civilians"),
            quote=quote(doc, m.start, m.end),
        )
    if m.quote is None:
        m.quote = quote(doc, r.start, r.end)
    m.points_back = bool(_POINTS_BACK.search(doc.text, m.start, m.end))


def attach_counts(doc: Document, r: Reading, frames: list[Mention]) -> list[Mention]:
    """Attach a sentence's counts to its frames; return the frames, new ones added."""
    frames = list(frames)
    for counted in r.counts:
        _attach(doc, r, frames, counted)
    for counted in r.other_counts:
        _attach_other(doc, r, frames, counted)
    for m in frames:
        _finish(doc, r, m)
    return frames


def type_counts_alone(mentions: list[Mention]) -> None:
    """Give an event told by its casualties alone the weapon the story told.

    "Five people were injured in Poonch" names no weapon: it is an event of the
    kind the article told last ("Pakistani troops shelled villages ..."), or,
    in a story that opens with it, of the kind told next in its paragraph.
    """
    told = [
        m
        for m in mentions
        if m.trigger and m.event_type in VIOLENT_TYPES and not m.background
    ]
    for m in mentions:
        if m.trigger or m.event_type != "armed_clash" or m.scope != "event":
            continue
        before = [t for t in told if t.trigger_at < m.start]
        after = [t for t in told if t.trigger_at > m.end and t.paragraph == m.paragraph]
        source = before[-1] if before else after[0] if after else None
        if source is not None:
            m.event_type = source.event_type
