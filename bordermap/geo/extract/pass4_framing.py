"""Pass 4: one event frame per trigger window of a sentence.

A sentence's triggers cut it into windows
(:func:`~bordermap.geo.extract.words.triggers.event_windows`); each window becomes a
:class:`~bordermap.geo.extract.document.Mention` with what the window says of its
event: the places (launch sites and landmarks set apart), the countries, the
date, whether it is planned, a total, a past round, told along the border or
on both sides, new ("another") or told before ("the shooting"). Counts are
attached by the next pass.
"""

from __future__ import annotations

import re

from bordermap.geo.extract.document import Document, Mention, Reading
from bordermap.geo.extract.words.clauses import WHERE, last_match, mask, where_place
from bordermap.geo.extract.words.dates import DateMention, past_period
from bordermap.geo.extract.words.lexicon import lexicon
from bordermap.geo.extract.words.triggers import BORDER_CUE, SINCE, event_windows
from bordermap.geo.records import VIOLENT_TYPES

__all__ = ["frame_events"]

_FRAMING = lexicon("framing")
_PLANNED = _FRAMING.pattern("planned")
_BOTH_SPEAKERS = _FRAMING.pattern("both_speakers")
_BOTH = _FRAMING.pattern("both_sides")
_REFERENCE = _FRAMING.pattern("reference")
_LAUNCH = _FRAMING.pattern("launch")
_BACK_REFERENCE = _FRAMING.pattern("back_reference")
_DEMONYM_PLACE = _FRAMING.pattern("demonym_place")
_NEW_EVENT = _FRAMING.pattern("new_event")
_ANAPHORA = _FRAMING.pattern("anaphora")
_CALLED_IT = _FRAMING.pattern("called_it")
_IN_COUNTRY = re.compile(r"\b(?:in|inside|into|on|of|across)\s+(?:the\s+)?$", re.I)
_COUNTRY_OWNS = re.compile(r"['’]s\b|\s+(?:side|soil|territory)\b")
_CLOCK = re.compile(
    r"\b\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}\s*(?:am|pm)\b", re.I
)
_REMOTE = {"shelling", "air_strike", "armed_clash"}  # types with a launch site
# "in the run-up to May 28, when a soldier was killed": the day of the clause after
_WHEN_AFTER = re.compile(r",?\s+when\b", re.I)
#: An event dated this many days or more before the report is background.
_BACKGROUND_DAYS = 10


def _tied(
    ps: int, pe: int, ts: int, te: int, s0: int, triggers: int, same_clause: bool
) -> bool:
    """Whether a time phrase at ``ps:pe`` tells the time of the trigger at ``ts:te``.

    It does when the sentence tells one event and the phrase is in the
    trigger's clause or before it, when it opens the sentence ("Earlier this
    year, a shootout ..."), or when it stands next to the trigger ("five days of
    fighting in July"); not when it belongs to another event of a longer
    sentence, nor to a clause after the event ("..., threatening a truce
    reached in July").
    """
    return (
        (triggers == 1 and (same_clause or ps < ts))
        or ps - s0 < 25
        or (ps < te + 40 and pe > ts - 40)
    )


def _marks(doc: Document, r: Reading) -> list[int]:
    """Return where the sentence names places, days, counts and countries."""
    return (
        [pm.start for pm in r.places]
        + [d.start for d in r.dates if d.date]
        + [c[1] for c in r.counts + r.other_counts]
        + [
            cs
            for cs, _, _, dem in doc.gazetteer.find_countries(doc.text, r.start, r.end)
            if not dem
        ]
    )


def _place_window(doc: Document, r: Reading, m: Mention, ts: int) -> None:
    """Give the frame its window's places; launch sites and landmarks apart."""
    text = doc.text
    for pm in r.places:
        if m.start <= pm.start < m.end:
            lead = text[max(r.start, pm.start - 60) : pm.start]
            if (_LAUNCH.search(lead) and m.event_type in _REMOTE) or _REFERENCE.search(
                lead
            ):
                m.excluded_places.append(pm)
            else:
                m.places.append(pm)
    if not m.places:
        # "... in Amritsar in India's Punjab state, where a drone attack"
        where = last_match(WHERE.finditer(text, r.start, ts))
        if where and not any(where.end() <= pm.start < ts for pm in r.places):
            m.places = where_place(text, r.places, where.start())
    cue = BORDER_CUE.search(text, m.start, m.end)
    m.border_cue = bool(cue) and not _LAUNCH.search(
        text[max(r.start, cue.start() - 40) : cue.start()] if cue else ""
    )


def _countries(doc: Document, ws: int, we: int) -> list[str]:
    """Countries the window puts its event in ("inside Cambodia", "Thai villages")."""
    text = doc.text
    return [
        iso
        for cs, ce, iso, dem in doc.gazetteer.find_countries(text, ws, we)
        if (not dem and _IN_COUNTRY.search(text[max(ws, cs - 12) : cs]))
        or _COUNTRY_OWNS.match(text[ce : ce + 12])
        # "Kyrgyz border villages", "Cambodian positions": a place of that side
        or (dem and _DEMONYM_PLACE.match(text, ce))
    ]


def _in_planned_clause(text: str, r: Reading, at: int) -> bool:
    a, b = next(((a, b) for a, b in r.clauses if a <= at < b), (r.start, r.end))
    return bool(_PLANNED.search(text, a, b)) and len(r.clauses) > 1


def _date_window(doc: Document, r: Reading, m: Mention, i: int, n: int) -> None:
    """Date the frame; a total is dated by the report, never by "since ..."."""
    text = doc.text
    # "one day after a clash": an offset date belongs to the event after it
    inside = [
        d
        for d in r.dates
        if d.date
        and (
            (
                m.start <= d.start < m.end
                and not (d.forward and d.end + 30 >= m.end and i + 1 < n)
            )
            or (
                (d.forward or _WHEN_AFTER.match(text, d.end))
                and i > 0
                and m.start - 30 <= d.start < m.start
            )
        )
    ]
    if not m.planned:
        # "accepted Kuala Lumpur as mediator, and ... were due in Malaysia on
        # Monday, July 28": the day of a planned clause is not this event's
        inside = [d for d in inside if not _in_planned_clause(text, r, d.start)]
    if m.scope == "aggregate":
        inside = [
            d
            for d in inside
            if not SINCE.search(text, max(r.start, d.start - 80), d.start)
        ]
    # "On Tuesday, March 3": the written date wins over a weekday beside it
    chosen: DateMention | None = next(
        (d for d in inside if d.explicit), inside[0] if inside else None
    )
    if chosen is None and n == 1 and m.scope != "aggregate":
        chosen = next((d for d in r.dates if d.date), None)
    if chosen:
        m.date, m.date_text = chosen.date, chosen.text
        m.date_basis = "text" if chosen.explicit else "relative to page date"
        if (
            chosen.explicit
            and doc.ref is not None
            and (doc.ref - chosen.date).days >= _BACKGROUND_DAYS
        ):
            # "signed on Oct. 26" in a report of November 11: told as background
            m.background = chosen.text
    _background(doc, r, m, chosen)


def _background(
    doc: Document, r: Reading, m: Mention, chosen: DateMention | None
) -> None:
    """Undate a frame told of an earlier period ("the July fighting")."""
    before = past_period(doc.text, m.start, m.end, doc.ref) if r.past else None
    if (
        before
        and (chosen is None or not (chosen.explicit or before.recent))
        and _tied(
            before.start,
            before.end,
            m.trigger_at,
            m.trigger_end,
            r.start,
            len(r.triggers),
            # no comma between them: one stretch of the sentence
            ","
            not in doc.text[
                min(before.start, m.trigger_at) : max(before.end, m.trigger_end)
            ],
        )
    ):
        m.background = before.text
        m.date, m.date_text = None, before.text
        m.date_basis = ""
        if before.round:
            m.scope = "aggregate"


def _frame(doc: Document, r: Reading, win: list, i: int, n: int) -> Mention:
    """Frame one window ``[start, end, trigger start, trigger end, type]``."""
    text = doc.text
    ws, we, ts, te, etype = win
    m = Mention(
        doc.article.id, r.index, r.sentence.paragraph, etype, ws, we, text[ts:te]
    )
    m.trigger_at, m.trigger_end = ts, te
    m.role = r.sentence.role
    m.scope = "aggregate" if r.aggregate else "event"
    # "agreed on Friday to withdraw ... and to hold talks next week"
    m.planned = (
        r.planned
        and etype in {"ceasefire_agreement", "evacuation_displacement"}
        and bool(_PLANNED.search(text, ws, we) or n == 1)
    )
    m.attribution = r.attribution
    claimants = {iso for _, _, iso, _ in doc.gazetteer.find_countries(r.attribution)}
    m.claimant = claimants.pop() if len(claimants) == 1 else None
    m.new_event = bool(_NEW_EVENT.search(text[ws:we]))
    m.both_sides = bool(_BOTH.search(mask(text, _BOTH_SPEAKERS, ws, we)))
    m.anaphoric = etype in VIOLENT_TYPES and bool(
        _ANAPHORA.search(text[max(r.start, ts - 6) : ts])
        or re.match(r"(?:the|this|that|these|those)\s", text[ts:te], re.I)
        or _CALLED_IT.search(text[r.start : ts])
        # "One civilian was killed there": counts with no event of their
        # own, pointing back at the incident just told
        or (ts == te and _BACK_REFERENCE.search(text, ws, we))
    )
    _place_window(doc, r, m, ts)
    m.countries = _countries(doc, ws, we)
    if etype in {"shelling", "air_strike"}:
        # the side named before the trigger fires it: "Thai jets struck",
        # "Thailand carried out air strikes on Cambodian positions"
        lead = max(r.start, ws - 15)  # "Thai aircraft": the word before the window
        sides = [iso for _, _, iso, _ in doc.gazetteer.find_countries(text, lead, te)]
        m.attacker = sides[-1] if sides else None
    _date_window(doc, r, m, i, n)
    clock = _CLOCK.search(text[ws:we])
    m.clock = clock.group(0) if clock else ""
    return m


def frame_events(doc: Document, r: Reading) -> list[Mention]:
    """Return the event frames of one sentence's reading, in text order."""
    wins = event_windows(doc.text, r.triggers, r.start, r.end, _marks(doc, r))
    return [_frame(doc, r, win, i, len(wins)) for i, win in enumerate(wins)]
